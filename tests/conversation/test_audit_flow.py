"""The audit log through the conversation core: every digest change (subscribed, settings
changed, paused and resumed by the bot, a preview approved or discarded, stopped) is recorded
with who made it and the values before and after; `/journal` shows them, newest first, to an
administrator (checked live) a page at a time, and nothing to a member."""

from __future__ import annotations

from bot.conversation import digest_flow
from bot.conversation.context import Who
from bot.domain import audit as kinds
from bot.store.db import Database
from tests.conversation.test_digest_flow import (
    ADMIN,
    CHANNEL,
    MEMBER_WHO,
    Outbox,
    add,
    conversation,
    run_time,
)

ADMIN_WHO = Who(ref=f"telegram:{ADMIN}", telegram_user_id=ADMIN, language_code="fr-CA", name="Odile Ouellet")


def plain(reply: object) -> str:
    return reply.plain_text().replace("\xa0", " ").replace("\u202f", " ")  # type: ignore[attr-defined]


def entries(db: Database, chat_id: int) -> list[tuple[str, int | None, object, object]]:
    with db.unit_of_work() as uow:
        found = uow.audit.recent(chat_id, limit=100)
    return [(entry.action, entry.actor.user_id, entry.before, entry.after) for entry in reversed(found)]


def set_can_post(db: Database, can_post: bool) -> None:
    with db.unit_of_work() as uow:
        uow.chats.set_membership(CHANNEL, kind="channel", title="REFAD Nouvelles", active=True, bot_can_post=can_post)


def test_every_digest_change_is_recorded_and_shown_to_administrators_only(db: Database) -> None:
    set_can_post(db, True)
    with db.unit_of_work() as uow:
        uow.chats.add_manager(CHANNEL, ADMIN, kind="channel")
    outbox = Outbox()
    bot = conversation(db, outbox)
    job = digest_flow.job(bot.services)

    bot.command(ADMIN_WHO, "bulletin", "quotidien 9h fr cyber")
    bot.command(ADMIN_WHO, "bulletin", "quotidien 9h fr cyber")  # the same settings: no change
    bot.command(ADMIN_WHO, "bulletin", "hebdo lundi 8h bilingue cyber")
    bot.command(ADMIN_WHO, "bulletin", "quotidien 9h fr cyber")
    set_can_post(db, False)
    job(run_time(9, 0))
    set_can_post(db, True)
    add(db, "cy-1", "Network defence", "Défense des réseaux")
    job(run_time(9, 1))
    (approved,) = bot.button(ADMIN_WHO, outbox.to(ADMIN)[-1].buttons[0][0].code)
    assert "Bulletin publié" in plain(approved)
    add(db, "cy-2", "Incident response", "Réponse aux incidents")
    job(run_time(9, 2))
    bot.button(ADMIN_WHO, outbox.to(ADMIN)[-1].buttons[0][1].code)  # Discard
    bot.command(ADMIN_WHO, "bulletin", "arrêt")

    log = entries(db, CHANNEL)
    assert [action for action, *_rest in log] == [
        kinds.DIGEST_SUBSCRIBED,
        kinds.DIGEST_CHANGED,
        kinds.DIGEST_CHANGED,
        kinds.DIGEST_PAUSED,
        kinds.DIGEST_RESUMED,
        kinds.DIGEST_APPROVED,
        kinds.DIGEST_DISCARDED,
        kinds.DIGEST_STOPPED,
    ]
    assert [actor for _action, actor, *_rest in log] == [ADMIN, ADMIN, ADMIN, None, None, ADMIN, ADMIN, ADMIN]
    subscribed, changed = log[0], log[1]
    assert subscribed[2] is None and subscribed[3] is not None and subscribed[3]["frequency"] == "daily"
    assert changed[2] is not None and changed[3] is not None
    assert (changed[2]["frequency"], changed[2]["hour"], changed[2]["language"]) == ("daily", 9, "fr")
    assert (changed[3]["frequency"], changed[3]["weekday"], changed[3]["hour"]) == ("weekly", 0, 8)
    assert log[5][3] == {"run": log[5][3]["run"], "status": "posted", "items": 1}  # type: ignore[index]
    assert log[7][2] is not None and log[7][3] is None

    (shown,) = bot.command(ADMIN_WHO, "journal", str(CHANNEL))
    text = plain(shown)
    assert "📋 Modifications dans cette discussion" in text
    assert "Odile Ouellet (identifiant Telegram 7)" in text and "credbot (automatiquement)" in text
    assert "Bulletin créé" in text and "Bulletin arrêté" in text
    assert "horaire : chaque jour à 9 h (America/Toronto) → chaque lundi à 8 h (America/Toronto)" in text
    assert "langue : en français → en français et en anglais" in text
    assert "microcertifications publiées : 1" in text and "Aperçu du bulletin écarté" in text
    assert "Bulletin en pause" in text and "Bulletin repris" in text
    assert text.index("Bulletin arrêté") < text.index("Bulletin créé")  # newest first
    assert shown.buttons == []  # eight entries: one page

    (refused,) = bot.command(MEMBER_WHO, "journal", str(CHANNEL))
    assert "Seuls les administrateurs" in plain(refused) and "Bulletin" not in plain(refused)


def test_the_log_is_paged_ten_at_a_time_and_a_member_cannot_page_it(db: Database) -> None:
    set_can_post(db, True)
    outbox = Outbox()
    bot = conversation(db, outbox)
    for hour in range(12):
        bot.command(ADMIN_WHO, "bulletin", f"{CHANNEL} quotidien {hour}h fr cyber")
    (first,) = bot.command(ADMIN_WHO, "journal", str(CHANNEL))
    assert plain(first).count("Réglages du bulletin modifiés") == 10  # 11 changes: the newest 10
    assert "Bulletin créé" not in plain(first)
    (older_button,) = first.buttons[0]
    assert "Plus anciennes" in older_button.label

    (refused,) = bot.button(MEMBER_WHO, older_button.code)
    assert "Seuls les administrateurs" in plain(refused) and "Bulletin" not in plain(refused)

    (older,) = bot.button(ADMIN_WHO, older_button.code)
    assert older.replace
    assert plain(older).count("Réglages du bulletin modifiés") == 1 and "Bulletin créé" in plain(older)
    assert [button.label for row in older.buttons for button in row] == ["⏮ Plus récentes"]
    (newest,) = bot.button(ADMIN_WHO, older.buttons[0][0].code)
    assert plain(newest) == plain(first)


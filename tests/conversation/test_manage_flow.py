"""`/manage` (`/gerer`) through the conversation core, with Telegram's getChatMember stood in for
by a table that a test can change or make fail: the list shows only the chats where the live
check said administrator, a chat that could not be checked is never listed (named only to a
known manager, else counted), each card and action re-checks the right it needs, and the
chat's language changed there is recorded in the audit log."""

from __future__ import annotations

from bot.app import build_services
from bot.community.managing import Management
from bot.community.rights import MemberRights, Right, Rights, RightsUnavailable
from bot.config import Settings
from bot.conversation import callbacks as cb
from bot.conversation.context import Who
from bot.conversation.reply import Reply
from bot.conversation.router import Conversation
from bot.domain import audit as kinds
from bot.store.db import Database

GROUP, CHANNEL, OTHER = -1001234567890, -1009876543210, -1005555555555
ADMIN, MEMBER = 7, 8
ADMIN_EN = Who(ref=f"telegram:{ADMIN}", telegram_user_id=ADMIN, language_code="en", name="Olivia")
ADMIN_FR = Who(ref=f"telegram:{ADMIN}", telegram_user_id=ADMIN, language_code="fr-CA", name="Odile")
MEMBER_FR = Who(ref=f"telegram:{MEMBER}", telegram_user_id=MEMBER, language_code="fr-CA")


class Telegram:
    """getChatMember: standings by (chat, user); chats in `failing` raise."""

    def __init__(self) -> None:
        self.standing: dict[tuple[int, int], MemberRights] = {}
        self.failing: set[int] = set()
        self.asked: list[tuple[int, int]] = []

    def __call__(self, chat_id: int, user_id: int) -> MemberRights:
        self.asked.append((chat_id, user_id))
        if chat_id in self.failing:
            raise RightsUnavailable("getChatMember failed")
        return self.standing.get((chat_id, user_id), MemberRights("member"))


EDITOR = MemberRights("administrator", frozenset({Right.CHANGE_INFO, Right.POST_MESSAGES}))


def plain(reply: Reply) -> str:
    return reply.plain_text().replace("\xa0", " ").replace("\u202f", " ")


def labels(reply: Reply) -> list[str]:
    return [button.label for row in reply.buttons for button in row]


def code_of(reply: Reply, part: str) -> str:
    return next(button.code for row in reply.buttons for button in row if part in button.label)


def setup(db: Database) -> tuple[Conversation, Telegram]:
    services = build_services(Settings(database_url=str(db.engine.url)), db)
    services.bot_username = "credbot_test_bot"
    telegram = Telegram()
    services.rights = Rights(telegram)
    with db.unit_of_work() as uow:
        uow.chats.set_membership(
            GROUP, kind="supergroup", title="Cercle des apprenants", active=True, bot_can_post=True
        )
        uow.chats.set_membership(
            CHANNEL, kind="channel", title="Network News", active=True, bot_can_post=True
        )
        uow.chats.set_membership(
            OTHER, kind="supergroup", title="Secret staff room", active=True, bot_can_post=True
        )
        uow.chats.set_locale(GROUP, "fr")
        uow.chats.add_manager(GROUP, ADMIN, kind="supergroup")
    telegram.standing[(GROUP, ADMIN)] = EDITOR
    telegram.standing[(CHANNEL, ADMIN)] = MemberRights("creator")
    return Conversation(services), telegram


def test_an_administrator_sees_the_chats_they_administer_and_no_other(db: Database) -> None:
    bot, _telegram = setup(db)
    (listed,) = bot.command(ADMIN_EN, "manage")
    assert "Chats you administer" in plain(listed)
    assert labels(listed) == ["Cercle des apprenants · group", "Network News · channel"]
    (listed_fr,) = bot.command(ADMIN_FR, "gerer")
    assert "Discussions dont vous êtes administrateur" in plain(listed_fr)
    assert labels(listed_fr) == ["Cercle des apprenants · groupe", "Network News · canal"]
    assert "Secret" not in plain(listed) + "".join(labels(listed))
    for row in listed.buttons:
        for button in row:
            assert len(button.code.encode()) <= cb.MAX_BYTES


def test_a_member_sees_nothing_and_is_told_how_to_manage_a_chat(db: Database) -> None:
    bot, _telegram = setup(db)
    (answer,) = bot.command(MEMBER_FR, "gerer")
    text = plain(answer)
    assert "Rien à gérer" in text and "Vous n’êtes administrateur d’aucun groupe" in text
    assert "/gerer" in text
    assert answer.buttons == []
    assert "Cercle" not in text and "Network" not in text and "Secret" not in text


def test_a_chat_that_cannot_be_checked_is_never_listed(db: Database) -> None:
    bot, telegram = setup(db)
    telegram.failing = {GROUP, OTHER}
    (listed,) = bot.command(ADMIN_EN, "manage")
    text = plain(listed)
    assert labels(listed) == ["Network News · channel", "🔄 Try again"]
    # the chat they are known to manage is named; the other one is only counted
    assert "“Cercle des apprenants” and in 1 other chat" in text, text
    assert "Secret" not in text
    assert "Please try again" in text
    telegram.failing = set()
    (again,) = bot.button(ADMIN_EN, code_of(listed, "Try again"))
    assert again.replace
    assert labels(again) == ["Cercle des apprenants · group", "Network News · channel"]


def test_every_check_failing_lists_nothing_in_french(db: Database) -> None:
    bot, telegram = setup(db)
    telegram.failing = {GROUP, CHANNEL, OTHER}
    (listed,) = bot.command(ADMIN_FR, "gerer")
    text = plain(listed)
    assert labels(listed) == ["🔄 Réessayer"]
    assert "Je n’ai pas pu vérifier vos droits auprès de Telegram" in text
    assert "Veuillez réessayer" in text


def test_the_card_shows_the_chat_and_its_actions(db: Database) -> None:
    bot, _telegram = setup(db)
    (listed,) = bot.command(ADMIN_FR, "gerer")
    (shown,) = bot.button(ADMIN_FR, code_of(listed, "Cercle"))
    text = plain(shown)
    assert shown.replace
    assert "Cercle des apprenants · groupe" in text
    assert "Langue : français" in text
    assert "Catalogue du réseau : aucun chargé" in text
    assert "Bulletins : aucun bulletin" in text
    assert "Source programmée : aucune source" in text
    assert labels(shown) == [
        "🌐 Langue",
        "📰 Bulletins",
        "📊 Statistiques",
        "📋 Journal",
        "📥 Catalogue",
        "🔗 Source",
        "◀ Toutes mes discussions",
    ]
    typed = [button.command for row in shown.buttons for button in row]
    assert f"/statistiques {GROUP}" in typed and f"/journal {GROUP}" in typed


def test_a_demoted_administrator_is_refused_at_the_press_and_nothing_changes(db: Database) -> None:
    bot, telegram = setup(db)
    (listed,) = bot.command(ADMIN_EN, "manage")
    (shown,) = bot.button(ADMIN_EN, code_of(listed, "Cercle"))
    (choices,) = bot.button(ADMIN_EN, code_of(shown, "Language"))
    telegram.standing[(GROUP, ADMIN)] = MemberRights("member")
    bot.services.rights.invalidate(GROUP, ADMIN)  # the chat_member update
    (refused,) = bot.button(ADMIN_EN, code_of(choices, "English"))
    assert "Only administrators who may change this chat's info" in plain(refused)
    (refused_card,) = bot.button(ADMIN_EN, code_of(listed, "Cercle"))
    assert "Only this chat's administrators can do this." in plain(refused_card)
    with db.unit_of_work() as uow:
        assert uow.chats.locale(GROUP) == "fr"
        assert uow.audit.recent(GROUP, limit=10) == []


def test_changing_the_language_from_the_card_is_audited(db: Database) -> None:
    bot, _telegram = setup(db)
    (shown,) = bot.command(ADMIN_EN, "manage", str(GROUP))
    (choices,) = bot.button(ADMIN_EN, code_of(shown, "Language"))
    assert labels(choices) == ["English", "Français", "◀ Cercle des apprenants"]
    (done,) = bot.button(ADMIN_EN, code_of(choices, "English"))
    assert "The language of “Cercle des apprenants” is now English." in plain(done)
    with db.unit_of_work() as uow:
        assert uow.chats.locale(GROUP) == "en"
        (entry,) = uow.audit.recent(GROUP, limit=10)
    assert (entry.action, entry.actor.user_id, entry.before, entry.after) == (
        kinds.CHAT_LANGUAGE,
        ADMIN,
        {"language": "fr"},
        {"language": "en"},
    )
    # the typed form does the same
    (typed,) = bot.command(ADMIN_FR, "langue", f"{GROUP} fr")
    assert "La langue de « Cercle des apprenants » est maintenant le français." in plain(typed)
    (own,) = bot.command(ADMIN_FR, "langue", "en")  # without a chat: their own language, as before
    assert "I will speak English with you." in plain(own)


def test_actions_need_their_own_right_checked_at_the_press(db: Database) -> None:
    bot, telegram = setup(db)
    telegram.standing[(GROUP, ADMIN)] = MemberRights("administrator")  # no can_change_info
    (shown,) = bot.command(ADMIN_EN, "manage", str(GROUP))
    (refused,) = bot.button(ADMIN_EN, code_of(shown, "Language"))
    assert "Only administrators who may change this chat's info" in plain(refused)
    (stats,) = bot.button(ADMIN_EN, code_of(shown, "Statistics"))
    assert "Statistics" in plain(stats)  # any administrator
    (audit,) = bot.button(ADMIN_EN, code_of(shown, "Audit"))
    assert "Changes in this chat" in plain(audit)
    (digests,) = bot.button(ADMIN_EN, code_of(shown, "Digests"))
    assert "No digest yet." in plain(digests) and f"/digest {GROUP} daily 9h" in plain(digests)
    (catalogue,) = bot.button(ADMIN_EN, code_of(shown, "Catalogue"))
    assert "Only administrators who may change this chat's info" in plain(catalogue)


def test_the_catalogue_hint_makes_the_administrator_a_manager_so_the_upload_routes_there(
    db: Database,
) -> None:
    bot, telegram = setup(db)
    telegram.standing[(CHANNEL, MEMBER)] = EDITOR
    member = Who(ref=f"telegram:{MEMBER}", telegram_user_id=MEMBER, language_code="en")
    uploads = bot.services.uploads
    assert uploads is not None and uploads.networks_of(MEMBER) == []
    (shown,) = bot.command(member, "manage", str(CHANNEL))
    (hint,) = bot.button(member, code_of(shown, "Catalogue"))
    assert "Send me the file here" in plain(hint)
    assert [chat.telegram_chat_id for chat in uploads.networks_of(MEMBER)] == [CHANNEL]


def test_a_channel_card_s_digest_needs_post_messages(db: Database) -> None:
    bot, telegram = setup(db)
    telegram.standing[(CHANNEL, MEMBER)] = MemberRights("administrator", frozenset({Right.CHANGE_INFO}))
    member = Who(ref=f"telegram:{MEMBER}", telegram_user_id=MEMBER, language_code="en")
    (shown,) = bot.command(member, "manage", str(CHANNEL))
    (refused,) = bot.button(member, code_of(shown, "Digests"))
    assert "Only administrators who may post messages in the channel" in plain(refused)
    (allowed,) = bot.button(ADMIN_EN, code_of(shown, "Digests"))
    assert "Digests of “Network News”" in plain(allowed)


def test_in_a_group_manage_points_to_the_private_chat(db: Database) -> None:
    bot, telegram = setup(db)
    in_group = Who(
        ref=f"telegram:{ADMIN}",
        telegram_user_id=ADMIN,
        language_code="en",
        private=False,
        chat_id=GROUP,
        chat_title="Cercle des apprenants",
        chat_kind="supergroup",
    )
    (answer,) = bot.command(in_group, "gerer")
    # in the group's language (French), whatever the member's
    assert "Gérez vos groupes et vos canaux avec moi en privé" in plain(answer)
    (button,) = [button for row in answer.buttons for button in row]
    assert button.url == "https://t.me/credbot_test_bot?start=manage"
    assert "Network" not in plain(answer)
    assert telegram.asked == []  # nothing was asked, nothing listed
    (opened,) = bot.start(ADMIN_EN, "manage")
    assert "Chats you administer" in plain(opened)


def test_a_long_list_is_paged(db: Database) -> None:
    bot, telegram = setup(db)
    with db.unit_of_work() as uow:
        for number in range(10):
            chat_id = -1002000000000 - number
            uow.chats.set_membership(
                chat_id, kind="supergroup", title=f"Study group {number:02d}", active=True, bot_can_post=True
            )
            telegram.standing[(chat_id, ADMIN)] = EDITOR
    (first,) = bot.command(ADMIN_EN, "manage")
    assert "Page 1 of 2" in plain(first)
    assert len(labels(first)) == 9 and labels(first)[-1] == "Next ▶"
    (second,) = bot.button(ADMIN_EN, code_of(first, "Next"))
    assert "Page 2 of 2" in plain(second)
    assert labels(second) == [
        "Study group 06 · group",
        "Study group 07 · group",
        "Study group 08 · group",
        "Study group 09 · group",
        "◀ Previous",
    ]


def test_a_removed_chat_is_not_asked_about(db: Database) -> None:
    bot, telegram = setup(db)
    with db.unit_of_work() as uow:
        uow.chats.set_membership(
            CHANNEL, kind="channel", title="Network News", active=False, bot_can_post=False
        )
    (listed,) = bot.command(ADMIN_EN, "manage")
    assert labels(listed) == ["Cercle des apprenants · group"]
    assert all(chat != CHANNEL for chat, _user in telegram.asked)


def test_management_checks_at_most_its_limit_known_chats_first(db: Database) -> None:
    _bot, telegram = setup(db)
    found = Management(db, limit=1).administered(Rights(telegram), ADMIN)
    assert [chat.telegram_chat_id for chat in found.chats] == [GROUP]  # the chat they manage first
    assert found.unchecked == 2


def test_rights_members_asks_each_chat_and_fails_closed_per_chat() -> None:
    telegram = Telegram()
    telegram.standing[(1, ADMIN)] = EDITOR
    telegram.failing = {2}
    found = Rights(telegram).members([1, 2, 3], ADMIN)
    assert found[1] == EDITOR and found[2] is None and found[3] == MemberRights("member")


def test_the_source_address_is_shown_only_to_who_may_see_it_with_source(db: Database) -> None:
    bot, telegram = setup(db)
    sources = bot.services.sources
    assert sources is not None
    sources.register(GROUP, "https://example.org/catalogue.json", ADMIN)
    (shown,) = bot.command(ADMIN_EN, "manage", str(GROUP))
    assert "https://example.org/catalogue.json" in plain(shown)
    telegram.standing[(GROUP, MEMBER)] = MemberRights("administrator")  # no can_change_info
    member = Who(ref=f"telegram:{MEMBER}", telegram_user_id=MEMBER, language_code="en")
    (theirs,) = bot.command(member, "manage", str(GROUP))
    assert "example.org" not in plain(theirs)
    assert "Scheduled source: registered (shown to administrators who may change the chat's info)" in plain(
        theirs
    )


def test_a_chat_s_digests_in_private_are_for_its_administrators_only(db: Database) -> None:
    bot, _telegram = setup(db)
    bot.command(ADMIN_FR, "bulletin", f"{GROUP} quotidien 9h fr cyber")
    (refused,) = bot.command(MEMBER_FR, "bulletin", str(GROUP))
    assert "Seuls les administrateurs de cette discussion" in plain(refused)
    assert "cyber" not in plain(refused)
    (shown,) = bot.command(ADMIN_FR, "bulletin", str(GROUP))
    assert "Bulletin sur cyber" in plain(shown)


def test_a_digest_is_stopped_from_the_card_its_topic_named(db: Database) -> None:
    import datetime as dt

    from bot.domain.digest import Schedule

    bot, telegram = setup(db)
    bot.command(ADMIN_FR, "bulletin", f"{GROUP} quotidien 9h fr cyber")
    bot.topic_named(GROUP, 12, "Nouvelles")
    services = bot.services
    assert services.digests is not None
    services.digests.subscribe(
        GROUP,
        12,
        subscriber_user_id=ADMIN,
        topics=("soins",),
        language="fr",
        schedule=Schedule("daily", 8, None),
        auto_approve=False,
        now=dt.datetime(2026, 12, 7, tzinfo=dt.UTC),
    )
    (card,) = bot.command(ADMIN_FR, "gerer", str(GROUP))
    assert "(sujet de forum « Nouvelles »)" in plain(card)
    (panel,) = bot.button(ADMIN_FR, code_of(card, "Bulletins"))
    assert labels(panel)[:2] == ["🛑 Arrêter le bulletin 1", "🛑 Arrêter le bulletin 2"]
    # demoted meanwhile (the chat_member update): the press is refused, nothing stops
    telegram.standing[(GROUP, ADMIN)] = MemberRights("member")
    bot.services.rights.invalidate(GROUP, ADMIN)
    (refused,) = bot.button(ADMIN_FR, code_of(panel, "Arrêter le bulletin 2"))
    assert refused.notice != "Bulletin arrêté." and len(services.digests.for_chat(GROUP)) == 2
    telegram.standing[(GROUP, ADMIN)] = EDITOR
    bot.services.rights.invalidate(GROUP, ADMIN)
    (after,) = bot.button(ADMIN_FR, code_of(panel, "Arrêter le bulletin 2"))
    assert after.notice == "Bulletin arrêté." and after.replace
    assert [s.thread_id for s in services.digests.for_chat(GROUP)] == [None]
    assert labels(after)[0] == "🛑 Arrêter ce bulletin"
    (again,) = bot.button(ADMIN_FR, code_of(panel, "Arrêter le bulletin 2"))
    assert again.notice == "Ce bulletin était déjà arrêté."
    with db.unit_of_work() as uow:
        assert kinds.DIGEST_STOPPED in [entry.action for entry in uow.audit.recent(GROUP)]


def test_a_daily_digest_is_started_from_the_panel_in_one_press(db: Database) -> None:
    bot, telegram = setup(db)
    services = bot.services
    assert services.digests is not None
    (card,) = bot.command(ADMIN_FR, "gerer", str(GROUP))
    (panel,) = bot.button(ADMIN_FR, code_of(card, "Bulletins"))
    start = code_of(panel, "Bulletin quotidien")
    # a member is refused at the press: nothing starts
    telegram.standing[(GROUP, MEMBER)] = MemberRights("member")
    (refused,) = bot.button(MEMBER_FR, start)
    assert refused.notice != "Bulletin lancé." and services.digests.for_chat(GROUP) == []
    (started,) = bot.button(ADMIN_FR, start)
    assert started.notice == "Bulletin lancé." and started.replace
    (digest,) = services.digests.for_chat(GROUP)
    assert (
        digest.thread_id,
        digest.topics,
        digest.language,
        digest.schedule.frequency,
        digest.auto_approve,
    ) == (
        None,
        (),
        "fr",
        "daily",
        False,
    )
    assert "Bulletin quotidien" not in " ".join(labels(started))  # General has its digest now
    (again,) = bot.button(ADMIN_FR, start)
    assert (
        again.notice == "Cette discussion a déjà un bulletin." and len(services.digests.for_chat(GROUP)) == 1
    )
    with db.unit_of_work() as uow:
        assert kinds.DIGEST_SUBSCRIBED in [entry.action for entry in uow.audit.recent(GROUP)]

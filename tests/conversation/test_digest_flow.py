"""Digests through the conversation core, with the outbox's push contract stood in for by a
recorder (a key pushed twice is refused, as the outbox does): an administrator subscribes a
channel, a run previews the draft to them in private, Approve posts it in the channel in French,
a member who is not an administrator is refused, nothing is posted twice (also after a restart
on the same database), and a paused subscription resumes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bot.app import build_services
from bot.community.rights import MemberRights, Right, Rights
from bot.config import Settings
from bot.conversation import digest_flow
from bot.conversation.context import Services, Who
from bot.conversation.reply import Reply
from bot.conversation.router import Conversation
from bot.domain.digest import Schedule
from bot.frontends.telegram import render
from bot.store import models
from bot.store.db import Database

CHANNEL = -1009
ADMIN, MEMBER = 7, 8
UTC = dt.UTC


class Outbox:
    def __init__(self) -> None:
        self.sent: dict[str, tuple[int, Reply]] = {}

    def push(
        self, services: Services, key: str, chat_id: int, reply: Reply, thread_id: int | None = None
    ) -> bool:
        if key in self.sent:
            return False
        self.sent[key] = (chat_id, reply)
        return True

    def to(self, chat_id: int) -> list[Reply]:
        return [reply for chat, reply in self.sent.values() if chat == chat_id]


def lookup(chat_id: int, user_id: int) -> MemberRights:
    if user_id == ADMIN:
        return MemberRights("administrator", frozenset({Right.POST_MESSAGES}))
    return MemberRights("member")


def conversation(db: Database, outbox: Outbox) -> Conversation:
    services = build_services(Settings(database_url=str(db.engine.url)), db)
    services.bot_username = "credbot_test_bot"
    services.rights = Rights(lookup)
    services.push = outbox.push
    return Conversation(services)


def add(db: Database, external_id: str, en: str, fr: str) -> None:
    with db.session() as session:
        session.add(
            models.Credential(
                external_id=external_id,
                name_en=en,
                name_fr=fr,
                cost=Decimal("250"),
                currency="CAD",
                keywords={"en": ["cyber"], "fr": ["cyber"]},
                hours=12.0,
            )
        )


def run_time(hour: int, days: int) -> dt.datetime:
    """Five minutes after the `days`-th run of a daily digest at `hour` subscribed now."""
    first = Schedule("daily", hour, None).next(dt.datetime.now(UTC))
    return first + dt.timedelta(days=days, minutes=5)


ADMIN_WHO = Who(ref=f"telegram:{ADMIN}", telegram_user_id=ADMIN, language_code="fr-CA")
MEMBER_WHO = Who(ref=f"telegram:{MEMBER}", telegram_user_id=MEMBER, language_code="fr-CA")


def test_a_channel_digest_is_previewed_approved_and_posted_once(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.chats.set_membership(
            CHANNEL, kind="channel", title="REFAD Nouvelles", active=True, bot_can_post=False
        )
        uow.chats.add_manager(CHANNEL, ADMIN, kind="channel")
    outbox = Outbox()
    bot = conversation(db, outbox)
    services = bot.services

    (refused,) = bot.command(MEMBER_WHO, "bulletin", f"{CHANNEL} quotidien 9h fr cyber")
    assert "Seuls les administrateurs" in refused.plain_text().replace("\xa0", " ")
    assert services.digests is not None and services.digests.for_chat(CHANNEL) == []

    (done,) = bot.command(ADMIN_WHO, "bulletin", "quotidien 9h fr cyber")  # the one chat they manage
    assert (
        "Bulletin sur cyber, en français, chaque jour à 9 h (America/Toronto)"
        in done.plain_text().replace("\xa0", " ")
    )
    assert "nommez-moi administrateur" in done.plain_text().replace(
        "\xa0", " "
    )  # the bot may not post there yet

    job = digest_flow.job(services)
    add(db, "cy-1", "Network defence", "Défense des réseaux")
    job(run_time(9, 0))
    (paused,) = outbox.to(ADMIN)
    assert "est en pause" in paused.plain_text().replace("\xa0", " ")

    with db.unit_of_work() as uow:  # promoted with can_post_messages (the membership update)
        uow.chats.set_membership(
            CHANNEL, kind="channel", title="REFAD Nouvelles", active=True, bot_can_post=True
        )
    job(run_time(9, 1))
    preview = outbox.to(ADMIN)[-1]
    text = preview.plain_text().replace("\xa0", " ")
    assert "Aperçu du bulletin pour « REFAD Nouvelles »" in text
    assert "Défense des réseaux" in text and "250 $" in text
    assert outbox.to(CHANNEL) == []  # nothing posted before approval

    approve = preview.buttons[0][0].code
    (member_press,) = bot.button(MEMBER_WHO, approve)
    assert outbox.to(CHANNEL) == [] and "Seuls les administrateurs" in member_press.plain_text().replace(
        "\xa0", " "
    )
    (posted,) = bot.button(ADMIN_WHO, approve)
    assert "Bulletin publié dans « REFAD Nouvelles » (1)" in posted.plain_text().replace("\xa0", " ")
    (digest,) = outbox.to(CHANNEL)
    html = render.message_chunks(digest)[0].replace("\xa0", " ")
    assert "Nouveaux titres de compétences" in html
    assert 'href="https://t.me/credbot_test_bot?start=d_-1009_' in html
    print(digest.plain_text().replace("\xa0", " "))

    (again,) = bot.button(ADMIN_WHO, approve)
    assert "déjà été traité" in again.plain_text().replace("\xa0", " ") and len(outbox.to(CHANNEL)) == 1

    # a restart: a new conversation on the same database, the same slot run again
    restarted = conversation(db, outbox)
    digest_flow.job(restarted.services)(run_time(9, 1))
    assert len(outbox.to(CHANNEL)) == 1
    digest_flow.job(restarted.services)(run_time(9, 2))
    assert len(outbox.to(CHANNEL)) == 1  # nothing new: nothing posted


def test_an_auto_approved_bilingual_digest_posts_both_languages(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.chats.set_membership(-77, kind="supergroup", title="Learners", active=True, bot_can_post=True)
    outbox = Outbox()
    bot = conversation(db, outbox)
    group_admin = Who(
        ref=f"telegram:{ADMIN}",
        telegram_user_id=ADMIN,
        language_code="en",
        private=False,
        chat_id=-77,
        chat_kind="supergroup",
        chat_title="Learners",
    )
    (done,) = bot.command(group_admin, "digest", "daily 8h both auto")
    assert "every day at 8:00" in done.plain_text().replace(
        "\xa0", " "
    ) and "posted without preview" in done.plain_text().replace("\xa0", " ")
    add(db, "cy-2", "Incident response", "Réponse aux incidents")
    digest_flow.job(bot.services)(run_time(8, 0))
    french, english = outbox.to(-77)
    assert "Réponse aux incidents" in french.plain_text().replace(
        "\xa0", " "
    ) and "Incident response" in english.plain_text().replace("\xa0", " ")

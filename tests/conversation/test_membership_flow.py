"""The bot's own membership (membership_flow), through the services the bot really builds: the
greeting in the chat's language, the pause and the managers' notices on removal, the resume."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import build_services
from bot.config import Settings
from bot.conversation.context import Services, Who
from bot.conversation.membership_flow import BotStanding
from bot.conversation.push import payload_reply, push
from bot.conversation.reply import Reply
from bot.conversation.router import Conversation
from bot.store.db import Database

OUT = BotStanding(present=False, can_post=False)
IN = BotStanding(present=True, can_post=True)
MUTED = BotStanding(present=True, can_post=False)  # a channel's administrator without "Post messages"


@pytest.fixture
def conversation(tmp_path: Path) -> Iterator[Conversation]:
    database = Database(f"sqlite:///{tmp_path / 'membership.sqlite3'}")
    services = build_services(Settings(database_url=str(database.engine.url)), database)
    services.bot_username = "credbot_test_bot"
    yield Conversation(services)
    database.dispose()


def by(
    user_id: int, language_code: str | None, chat_id: int, kind: str = "supergroup", title: str = "G"
) -> Who:
    return Who(
        ref=f"telegram:{user_id}",
        telegram_user_id=user_id,
        language_code=language_code,
        private=False,
        chat_id=chat_id,
        chat_title=title,
        chat_kind=kind,
    )


def text(replies: list[Reply]) -> str:
    return "\n".join(reply.plain_text() for reply in replies)


def queued(services: Services) -> dict[int, list[str]]:
    sent: dict[int, list[str]] = {}
    for item in services.outbox.claim():
        sent.setdefault(item.chat_id, []).append(payload_reply(item.payload).plain_text())
    return sent


def test_a_french_administrator_is_greeted_in_french_in_the_group(conversation: Conversation) -> None:
    said = conversation.bot_membership(by(7, "fr-CA", -1001, title="Apprenants"), OUT, IN, 1)
    greeting = text(said.here)
    assert said.in_private == []
    assert "Merci de m’avoir ajouté à «\u00a0Apprenants\u00a0»" in greeting, greeting
    assert "/chercher" in greeting and "@credbot_test_bot" in greeting
    for command in ("/langue", "/bulletin", "/statistiques", "/journal", "/source"):
        assert command in greeting
    services = conversation.services
    assert services.outbox.managers(-1001) == [7]
    membership = services.digests.chat(-1001) if services.digests else None
    assert membership is not None and membership.active and membership.added_by_user_id == 7
    # the same update again (a redelivery) greets nobody twice
    assert conversation.bot_membership(by(7, "fr-CA", -1001, title="Apprenants"), OUT, IN, 1).here == []


def test_an_english_administrator_is_greeted_in_english_in_an_english_group(
    conversation: Conversation,
) -> None:
    said = conversation.bot_membership(by(8, "en", -1002, title="Learners"), OUT, IN, 1)
    greeting = text(said.here)
    assert "Thanks for adding me to “Learners”" in greeting
    assert "/search" in greeting and "/language en or fr" in greeting and "/digest" in greeting


def test_the_group_s_own_language_comes_before_the_adder_s(conversation: Conversation) -> None:
    conversation.bot_membership(by(8, "en", -1003, title="Groupe"), OUT, IN, 1)
    conversation.services.account.set_chat_language(-1003, "fr", "Groupe")
    conversation.bot_membership(by(8, "en", -1003, title="Groupe"), IN, OUT, 2)
    said = conversation.bot_membership(by(9, "en", -1003, title="Groupe"), OUT, IN, 3)
    assert "Merci de m’avoir ajouté" in text(said.here)


def test_a_channel_s_greeting_goes_to_the_adder_in_private(conversation: Conversation) -> None:
    said = conversation.bot_membership(by(10, "en", -1004, "channel", "News"), OUT, IN, 1)
    assert said.here == []
    greeting = text(said.in_private)
    assert "Thanks for adding me to the channel “News”." in greeting
    assert "/digest -1004 daily 9h en cyber" in greeting and "/stats -1004" in greeting
    muted = conversation.bot_membership(by(11, "fr", -1005, "channel", "Nouvelles"), OUT, MUTED, 1)
    assert "«\u00a0Publier des messages\u00a0»" in text(muted.in_private)


def test_removal_pauses_keeps_everything_and_tells_the_managers_once(conversation: Conversation) -> None:
    services = conversation.services
    conversation.bot_membership(by(12, "fr", -1006, title="REFAD"), OUT, IN, 1)
    services.account.set_chat_language(-1006, "fr", "REFAD")
    services.account.set_language("telegram:13", "en")
    with services.outbox._db.unit_of_work() as uow:
        uow.chats.add_manager(-1006, 13)
    push(services, "digest:-1006:part2", -1006, Reply().add("part 2"))
    queued(services)  # the greeting's notices, none; nothing else due yet

    said = conversation.bot_membership(by(14, "en", -1006, title="REFAD"), IN, OUT, 2)
    assert said.here == [] and said.in_private == []
    assert services.outbox.state("digest:-1006:part2") == "paused"
    notices = queued(services)
    assert set(notices) == {12, 13}  # the managers, not whoever removed the bot
    assert "On m’a retiré de «\u00a0REFAD\u00a0»." in notices[12][0]
    assert (
        "I was removed from “REFAD”." in notices[13][0]
        and "Add members, then @credbot_test_bot" in notices[13][0]
    )
    membership = services.digests.chat(-1006) if services.digests else None
    assert membership is not None and not membership.active and membership.locale == "fr"
    # the same event again, and a second removal update that changes nothing: no new notice
    conversation.bot_membership(by(14, "en", -1006, title="REFAD"), IN, OUT, 2)
    conversation.bot_membership(by(14, "en", -1006, title="REFAD"), OUT, OUT, 3)
    assert queued(services) == {}

    back = conversation.bot_membership(by(12, "fr", -1006, title="REFAD"), OUT, IN, 4)
    assert "Merci de m’avoir ajouté" in text(back.here)
    notices = queued(services)
    assert notices[-1006] == ["part 2"]  # what waited goes out at once
    assert "de nouveau publier dans «\u00a0REFAD\u00a0»" in notices[12][0]
    assert "I can post in “REFAD” again" in notices[13][0]


def test_a_channel_that_takes_away_post_messages_pauses_until_it_gives_it_back(
    conversation: Conversation,
) -> None:
    services = conversation.services
    conversation.bot_membership(by(15, "en", -1007, "channel", "News"), OUT, IN, 1)
    conversation.bot_membership(by(15, "en", -1007, "channel", "News"), IN, MUTED, 2)
    [notice] = queued(services)[15]
    assert "I can no longer post in “News”." in notice and "“Post messages” again" in notice
    assert services.digests is not None and not services.digests.can_post(-1007)
    conversation.bot_membership(by(15, "en", -1007, "channel", "News"), MUTED, IN, 3)
    [notice] = queued(services)[15]
    assert "I can post in “News” again" in notice
    assert services.digests.can_post(-1007)

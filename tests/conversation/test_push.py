"""push, tell_managers and the clock's tick, through the services the bot really builds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import build_services
from bot.config import Settings
from bot.conversation.context import Services
from bot.conversation.push import payload_reply, push, reply_payload, tell_managers
from bot.conversation.reply import Button, Reply, bold, link
from bot.conversation.router import Conversation
from bot.i18n import _
from bot.store.db import Database


def database_of(services: Services) -> Database:
    return services.outbox._db


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    database = Database(f"sqlite:///{tmp_path / 'push.sqlite3'}")
    yield build_services(Settings(database_url=str(database.engine.url)), database)
    database.dispose()


def test_a_reply_survives_its_json() -> None:
    reply = Reply().add("Week ", bold("49"), ": ", link("<Cyber>", "https://example.org/?a=1&b=2"))
    reply.blank().add("é « x »")
    reply.row(Button("Open", "o:1"), Button("Site", "", url="https://example.org"))
    again = payload_reply(reply_payload(reply))
    assert (again.lines, again.buttons) == (reply.lines, reply.buttons)


def test_push_posts_a_key_once(services: Services) -> None:
    assert push(services, "digest:-100:49", -100, Reply().add("hello"), thread_id=3)
    assert not push(services, "digest:-100:49", -100, Reply().add("hello again"))
    [item] = services.outbox.claim()
    assert (item.chat_id, item.thread_id, payload_reply(item.payload).plain_text()) == (-100, 3, "hello")


def test_each_manager_is_told_once_in_their_own_language(services: Services) -> None:
    with database_of(services).unit_of_work() as uow:
        uow.chats.set_locale(-100, "en", kind="channel", title="REFAD")
        uow.chats.add_manager(-100, 7)
        uow.chats.add_manager(-100, 8)
    services.account.set_language("telegram:8", "fr")

    def notice() -> Reply:
        return Reply().add(_("Cancel"))

    assert tell_managers(services, -100, "paused:-100", notice) == 2
    assert tell_managers(services, -100, "paused:-100", notice) == 0
    sent = {item.chat_id: payload_reply(item.payload).plain_text() for item in services.outbox.claim()}
    assert sent == {7: "Cancel", 8: "Annuler"}


def test_the_tick_runs_every_job_even_after_one_fails(services: Services) -> None:
    ran: list[dt.datetime] = []

    def broken(now: dt.datetime) -> None:
        raise RuntimeError("a broken job")

    services.periodic.extend([broken, ran.append])
    now = dt.datetime(2026, 12, 4, 9, tzinfo=dt.UTC)
    Conversation(services).tick(now)
    assert ran == [now]


def test_the_console_prints_what_the_bot_posts_once(services: Services) -> None:
    import io

    from bot.frontends.console import drain_outbox

    push(services, "k", -100, Reply().add("Digest"))
    out = io.StringIO()
    conversation = Conversation(services)
    assert drain_outbox(conversation, out) == 1
    assert drain_outbox(conversation, out) == 0
    assert out.getvalue() == "[→ -100] Digest\n"

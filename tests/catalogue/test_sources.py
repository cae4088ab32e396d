"""A network's scheduled source, with a stand-in fetcher and an explicit clock: the schedule and
its backoff, conditional fetches, all-or-nothing imports, failures counted in a row (the third
told once), recovery, and one worker per fetch."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.catalogue.fetch import Fetched, FetchError
from bot.catalogue.service import Catalogue
from bot.catalogue.sources import LEASE, NetworkSources, next_fetch, retry_delay
from bot.domain.source import FAILED, IMPORTED, NOT_MODIFIED, UNCHANGED
from bot.store.db import Database
from tests._documents import ctdl_document

CHAT = -100777
START = dt.datetime(2026, 12, 4, 12, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)
URL = "https://example.org/refad.ctdl.json"


class Server:
    """Answers each fetch with the next of `answers` and remembers the validators it was sent."""

    def __init__(self) -> None:
        self.answers: list[Fetched | FetchError] = []
        self.asked: list[tuple[str, str | None, str | None]] = []

    def __call__(self, url: str, etag: str | None, modified: str | None) -> Fetched:
        self.asked.append((url, etag, modified))
        answer = self.answers.pop(0)
        if isinstance(answer, FetchError):
            raise answer
        return answer


def ok(body: bytes, etag: str = '"v1"') -> Fetched:
    return Fetched(200, body, etag=etag, last_modified="Fri, 04 Dec 2026 10:00:00 GMT")


GOOD = ctdl_document("ce-src-1", {"en": "Welding safety", "fr": "Soudage sécuritaire"})
BROKEN = ctdl_document("ce-src-2", {"en": "Glassblowing"}, hours="ten hours")


def sources(db: Database, server: Server, enabled: bool = True) -> NetworkSources:
    return NetworkSources(db, Catalogue(db), fetcher=server, enabled=enabled, clock=lambda: START)


def names(db: Database) -> set[str]:
    with db.unit_of_work() as uow:
        return {record.external_id for record in uow.catalogue.credentials()}


def test_failures_back_off_from_an_hour_doubling_up_to_a_day() -> None:
    assert [retry_delay(n) / HOUR for n in range(1, 8)] == [1, 2, 4, 8, 16, 24, 24]
    assert retry_delay(60) == 24 * HOUR
    assert next_fetch(START, 0, 6 * HOUR) == START + 6 * HOUR
    assert next_fetch(START, 2, 6 * HOUR) == START + 2 * HOUR


def test_a_200_imports_a_304_imports_nothing_and_validators_are_sent_back(db: Database) -> None:
    server = Server()
    network = sources(db, server)
    network.register(CHAT, URL, user_id=5)
    server.answers = [ok(GOOD)]
    [first] = network.run_due(START)
    assert first.source.last_result == IMPORTED and first.source.last_counts["added"] == 1
    assert "ce-src-1" in names(db)
    assert first.source.next_fetch_at == START + 6 * HOUR
    assert network.run_due(START + 5 * HOUR) == [], "not due before its interval"

    server.answers = [Fetched(304, etag='"v1"')]
    [second] = network.run_due(START + 6 * HOUR)
    assert server.asked[-1] == (URL, '"v1"', "Fri, 04 Dec 2026 10:00:00 GMT")
    assert second.source.last_result == NOT_MODIFIED and second.report is None
    assert second.source.last_counts["added"] == 1, "the last body's counts are kept"

    server.answers = [ok(GOOD, etag='"v2"')]
    [third] = network.run_due(START + 12 * HOUR)
    assert third.source.last_result == UNCHANGED, "the same body again: nothing written"
    assert third.source.etag == '"v2"'


def test_three_failures_in_a_row_are_told_once_then_a_success_recovers(db: Database) -> None:
    server = Server()
    network = sources(db, server)
    network.register(CHAT, URL, user_id=5)
    now = START
    told = []
    for number in range(1, 5):
        server.answers = [FetchError("http", "500 Internal Server Error")]
        [outcome] = network.run_due(now)
        assert outcome.source.failures == number and outcome.source.last_result == FAILED
        assert outcome.source.last_error == "http: 500 Internal Server Error"
        assert outcome.source.next_fetch_at == now + retry_delay(number)
        assert network.run_due(now + retry_delay(number) - dt.timedelta(seconds=1)) == []
        told.append(outcome.newly_failing)
        assert not outcome.recovered
        now = outcome.source.next_fetch_at
    assert told == [False, False, True, False], "told on the third failure only"
    assert network.get(CHAT) is not None, "never dropped by the bot"
    assert network.get(CHAT).failing_since == START  # type: ignore[union-attr]

    server.answers = [ok(GOOD)]
    [back] = network.run_due(now)
    assert back.recovered and back.streak == START and not back.newly_failing
    assert back.source.failures == 0 and back.source.failing_since is None
    assert back.source.next_fetch_at == now + 6 * HOUR


def test_a_file_with_problems_is_a_failure_and_writes_nothing(db: Database) -> None:
    server = Server()
    network = sources(db, server)
    network.register(CHAT, URL, user_id=5)
    server.answers = [ok(BROKEN)]
    [outcome] = network.run_due(START)
    assert outcome.source.last_result == FAILED and outcome.source.failures == 1
    assert outcome.source.last_error is not None and outcome.source.last_error.startswith("invalid: ce-src-2")
    assert "ceterms:estimatedDuration" in outcome.source.last_error
    assert "ce-src-2" not in names(db)
    assert outcome.source.sha256 is None, "a broken body is read again next time"


def test_nothing_is_fetched_while_fetching_is_off(db: Database) -> None:
    server = Server()
    network = sources(db, server, enabled=False)
    network.register(CHAT, URL, user_id=5)
    assert network.run_due(START + 24 * HOUR) == [] and server.asked == []


def test_one_worker_takes_a_due_source_and_a_lost_fetch_is_tried_again(db: Database) -> None:
    server = Server()
    one, two = sources(db, server), sources(db, server)
    one.register(CHAT, URL, user_id=5)
    with db.unit_of_work() as uow:
        [due] = uow.sources.due(START, 5)
        assert uow.sources.claim(due, START, START + LEASE)
    with db.unit_of_work() as uow:
        assert not uow.sources.claim(due, START, START + LEASE), "taken already"
    assert two.run_due(START) == [] and server.asked == []
    server.answers = [ok(GOOD)]
    [outcome] = two.run_due(START + LEASE)
    assert outcome.source.last_result == IMPORTED


def test_a_source_removed_or_replaced_during_a_fetch_is_not_overwritten(db: Database) -> None:
    server = Server()
    network = sources(db, server)
    network.register(CHAT, URL, user_id=5)

    def replaced_meanwhile(url: str, etag: str | None, modified: str | None) -> Fetched:
        network.register(CHAT, "https://example.org/other.csv", user_id=6)
        raise FetchError("timeout")

    network._fetch = replaced_meanwhile
    [outcome] = network.run_due(START)
    assert not outcome.newly_failing
    after = network.get(CHAT)
    assert after is not None and after.url.endswith("other.csv") and after.failures == 0


@pytest.mark.parametrize("registered", [True, False])
def test_remove_says_whether_there_was_a_source(db: Database, registered: bool) -> None:
    network = sources(db, Server())
    if registered:
        network.register(CHAT, URL, user_id=5)
    assert network.remove(CHAT) is registered
    assert network.get(CHAT) is None


def test_the_file_is_the_network_s_whole_catalogue_as_a_manager_s_upload_makes_it(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.chats.add_manager(CHAT, 5, kind="supergroup", title="REFAD")
    server = Server()
    network = sources(db, server)
    network.register(CHAT, URL, user_id=5)
    server.answers = [ok(GOOD)]
    network.run_due(START)
    other = ctdl_document("ce-src-3", {"en": "Fine joinery", "fr": "Menuiserie fine"})
    server.answers = [ok(other, etag='"v2"')]
    [outcome] = network.run_due(START + 6 * HOUR)
    assert outcome.source.last_result == IMPORTED
    assert outcome.source.last_counts == {"added": 1, "updated": 0, "unchanged": 0, "removed": 1}
    assert "ce-src-3" in names(db) and "ce-src-1" not in names(db)

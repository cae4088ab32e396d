"""A network's scheduled source: the URL of its CTDL or CSV catalogue, fetched by the clock every
few hours with the validators the server gave (ETag, Last-Modified) and imported through the
same all-or-nothing path as a manager's upload: the file is the network's whole catalogue. A failure (the server, the network, or a file
with problems: nothing is written) backs off 1 h, 2 h, 4 h... up to a day; the source is never
dropped by the bot, only by a manager."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from bot.catalogue.fetch import Fetched, FetchError, fetch
from bot.catalogue.importer import ImportReport
from bot.catalogue.service import Catalogue
from bot.domain.network import NetworkScope
from bot.domain.source import FAILED, IMPORTED, NOT_MODIFIED, UNCHANGED, CatalogueSource
from bot.i18n import use_locale
from bot.store.db import Database

FIRST_RETRY = dt.timedelta(hours=1)
LONGEST_RETRY = dt.timedelta(hours=24)
TELL_AFTER = 3  # failures in a row before the managers are told (once per streak)
LEASE = dt.timedelta(minutes=15)  # a claimed fetch that never reported is tried again after
PER_TICK = 3  # sources fetched in one tick: the clock also drains the outbox
COUNTS = ("added", "updated", "unchanged", "removed")

Fetch = Callable[[str, str | None, str | None], Fetched]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def retry_delay(failures: int) -> dt.timedelta:
    """How long after the `failures`-th failure in a row the next try comes: 1 h, doubled each
    time, at most 24 h."""
    if failures <= 0:
        return dt.timedelta(0)
    return min(FIRST_RETRY * (1 << min(failures - 1, 10)), LONGEST_RETRY)


def next_fetch(now: dt.datetime, failures: int, interval: dt.timedelta) -> dt.datetime:
    return now + (retry_delay(failures) if failures else interval)


@dataclass(frozen=True)
class Outcome:
    """One fetch: the source as it is after it, and what the managers should hear of it."""

    source: CatalogueSource
    report: ImportReport | None = None
    newly_failing: bool = False  # this failure is the TELL_AFTER-th in a row
    recovered: bool = False  # a success after a streak the managers were told about
    streak: dt.datetime | None = None  # when the streak of failures began (it names the notices)


def _filename(url: str, content_type: str) -> str:
    """A name the importer reads the format from (the body decides; a CSV needs the hint)."""
    name = PurePosixPath(unquote(urlsplit(url).path)).name
    if PurePosixPath(name).suffix.lower() in (".json", ".jsonld", ".csv"):
        return name
    return "catalogue.csv" if "csv" in content_type.lower() else "catalogue.json"


def describe_error(report: ImportReport) -> str:
    """The first problem of a file, where it is (record, field) and what it is."""
    if not report.problems:
        return ""
    first = report.problems[0]
    where = ", ".join(part for part in (first.record, first.field) if part)
    more = len(report.problems) - 1
    text = f"{where}: {first.message}" if where else first.message
    return f"{text} (+{more})" if more else text


class NetworkSources:
    def __init__(
        self,
        store: Database,
        catalogue: Catalogue,
        *,
        fetcher: Fetch | None = None,
        interval: dt.timedelta = dt.timedelta(hours=6),
        allow_private: bool = False,
        enabled: bool = False,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        """`enabled`: whether this installation fetches from the network at all (off: sources
        can be shown and removed, never registered or fetched)."""
        self._store = store
        self._catalogue = catalogue
        self._fetch: Fetch = fetcher or (
            lambda url, etag, modified: fetch(url, etag, modified, allow_private=allow_private)
        )
        self.interval = interval
        self.enabled = enabled
        self.clock = clock

    def get(self, chat_id: int) -> CatalogueSource | None:
        with self._store.unit_of_work() as uow:
            return uow.sources.get(chat_id)

    def register(self, chat_id: int, url: str, user_id: int) -> CatalogueSource:
        """The network's one source (a new URL replaces the old), fetched at the next tick."""
        with self._store.unit_of_work() as uow:
            uow.sources.register(chat_id, url.strip(), user_id, self.clock())
        found = self.get(chat_id)
        assert found is not None
        return found

    def remove(self, chat_id: int) -> bool:
        with self._store.unit_of_work() as uow:
            return uow.sources.remove(chat_id)

    def run_due(
        self,
        now: dt.datetime,
        limit: int = PER_TICK,
        locale_of: Callable[[int], str | None] = lambda chat_id: None,
    ) -> list[Outcome]:
        """Fetches the sources due at `now` that this worker claims first (none while fetching is
        off). A file's problems are written in `locale_of(chat)`, the network's language."""
        if not self.enabled:
            return []
        with self._store.unit_of_work() as uow:
            due = uow.sources.due(now, limit)
        outcomes = []
        for source in due:
            with self._store.unit_of_work() as uow:
                if not uow.sources.claim(source, now, now + LEASE):
                    continue  # another worker took it
            with use_locale(locale_of(source.telegram_chat_id)):
                outcomes.append(self.fetch_now(source, now))
        return outcomes

    def fetch_now(self, source: CatalogueSource, now: dt.datetime) -> Outcome:
        try:
            fetched = self._fetch(source.url, source.etag, source.last_modified)
        except FetchError as error:
            return self._failed(source, now, f"{error.kind}: {error.detail}" if error.detail else error.kind)
        if fetched.status == 304:
            return self._succeeded(source, now, NOT_MODIFIED, etag=fetched.etag, modified=fetched.last_modified)
        digest = hashlib.sha256(fetched.body).hexdigest()
        if digest == source.sha256:
            return self._succeeded(source, now, UNCHANGED, etag=fetched.etag, modified=fetched.last_modified)
        name = _filename(source.url, fetched.content_type)
        scope = self._scope(source)
        report = self._catalogue.import_upload(name, fetched.body, dry_run=True, network=scope)
        if not report.ok:
            return self._failed(source, now, "invalid: " + describe_error(report), report)
        counts = {key: int(asdict(report)[key]) for key in COUNTS}
        result = UNCHANGED
        if report.added or report.updated or report.removed:
            report = self._catalogue.import_upload(name, fetched.body, network=scope)
            if not report.ok:  # the catalogue changed under the dry run
                return self._failed(source, now, "invalid: " + describe_error(report), report)
            counts = {key: int(asdict(report)[key]) for key in COUNTS}
            result = IMPORTED
        return self._succeeded(
            source,
            now,
            result,
            etag=fetched.etag,
            modified=fetched.last_modified,
            sha256=digest,
            counts=counts,
            report=report,
        )

    def _scope(self, source: CatalogueSource) -> NetworkScope:
        """The network of the source's chat, as a manager's upload there makes it: the file is
        its whole catalogue."""
        with self._store.unit_of_work() as uow:
            chat = uow.chats.membership(source.telegram_chat_id)
        name = chat.title if chat is not None and chat.title else str(source.telegram_chat_id)
        return NetworkScope((source.telegram_chat_id,), name, source.registered_by)

    def _succeeded(
        self,
        source: CatalogueSource,
        now: dt.datetime,
        result: str,
        *,
        etag: str | None,
        modified: str | None,
        sha256: str | None = None,
        counts: dict[str, int] | None = None,
        report: ImportReport | None = None,
    ) -> Outcome:
        values: dict[str, object] = {
            "etag": etag,
            "last_modified": modified,
            "last_fetch_at": now,
            "last_result": result,
            "last_error": None,
            "failures": 0,
            "failing_since": None,
            "next_fetch_at": next_fetch(now, 0, self.interval),
        }
        if sha256 is not None:
            values["sha256"] = sha256
        if counts is not None:
            values["last_counts"] = counts
        after = self._record(source, values)
        if after is None:
            return Outcome(source, report=report)
        return Outcome(
            after, report=report, recovered=source.failures >= TELL_AFTER, streak=source.failing_since
        )

    def _failed(
        self, source: CatalogueSource, now: dt.datetime, error: str, report: ImportReport | None = None
    ) -> Outcome:
        failures = source.failures + 1
        values: dict[str, object] = {
            "last_fetch_at": now,
            "last_result": FAILED,
            "last_error": error[:500],
            "failures": failures,
            "failing_since": source.failing_since or now,
            "next_fetch_at": next_fetch(now, failures, self.interval),
        }
        after = self._record(source, values)
        if after is None:
            return Outcome(source, report=report)
        return Outcome(
            after, report=report, newly_failing=failures == TELL_AFTER, streak=after.failing_since
        )

    def _record(self, source: CatalogueSource, values: dict[str, object]) -> CatalogueSource | None:
        """The source after the fetch; None when a manager removed or replaced it meanwhile
        (nothing is recorded and nobody is told)."""
        with self._store.unit_of_work() as uow:
            if not uow.sources.record(source, **values):
                return None
            return uow.sources.get(source.telegram_chat_id)

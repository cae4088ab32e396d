"""What a network's members look for and find, counted per chat for its administrators.

Counts only. A search is kept (its query normalised, its language, whether it found anything, the
day) when it was made in a chat, or in private by a learner who arrived by that chat's deep link;
no other message text is ever stored. Learners appear as a keyed hash (HMAC-SHA256 with a secret
from the settings, else generated once and kept in the store), used only to count distinct
learners: a query is shown only once `MIN_LEARNERS` of them sent it. Rows older than
`RETENTION_MONTHS` are deleted by `prune`."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import hmac
import logging
import secrets
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.domain.chat import ChatMembership
from bot.domain.stats import DaySearches, OpenCount, QueryCount, SubjectCount
from bot.store.db import Database

log = logging.getLogger(__name__)

MIN_LEARNERS = 5
RETENTION_MONTHS = 13
# Days are counted in the network's time zone (the default for networks).
NETWORK_ZONE = ZoneInfo("America/Toronto")
KEY_NAME = "learner_hash"
QUERY_MAX = 200
DIGEST_PREFIX = "d_"
DAYS_SHOWN = 7
WEEKS_SHOWN = 8
GAP_WEEKS = 4  # the demand-gap message looks at the last four weeks


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def normalise_query(text: str) -> str:
    """The query as counted: one form per spelling of it (case, spaces and the quotes or stops
    around it do not make another query); accents kept, since managers read it."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = " ".join(text.split()).strip(" \"'«»“”‘’.,;:!?¿¡()[]")
    return text[:QUERY_MAX].rstrip()


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the month's last day when it has fewer days)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def week_of(day: dt.date) -> dt.date:
    """The Monday that starts `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


def digest_payload(chat_id: int, credential_id: int) -> str:
    """The /start payload of a digest item's deep link: which chat's digest, which credential.
    Telegram allows A-Z a-z 0-9 _ - in 64 characters: `d_-1001234567890_42`."""
    return f"{DIGEST_PREFIX}{chat_id}_{credential_id}"


def parse_digest_payload(payload: str) -> tuple[int, int] | None:
    if not payload.startswith(DIGEST_PREFIX):
        return None
    chat, _sep, credential = payload[len(DIGEST_PREFIX) :].rpartition("_")
    if not (chat.lstrip("-").isascii() and chat.lstrip("-").isdigit()):
        return None
    if not (credential.isascii() and credential.isdigit()):
        return None
    if len(chat) > 17 or len(credential) > 10 or int(credential) > 2**31 - 1:
        return None  # larger than any chat id or credential id
    return int(chat), int(credential)


@dataclass(frozen=True)
class WeekSearches:
    week: dt.date  # its Monday
    searches: int
    without_results: int


@dataclass(frozen=True)
class ChatStatistics:
    """What `/stats` shows for one chat."""

    chat_id: int
    today: dt.date
    since: dt.date  # the oldest day still kept
    days: list[DaySearches]  # the last `DAYS_SHOWN` days, zeros included
    weeks: list[WeekSearches]  # the last `WEEKS_SHOWN` weeks, newest first
    top: list[QueryCount]
    missed: list[QueryCount]
    locales: dict[str, int]
    subjects: list[SubjectCount]
    opens: list[OpenCount]

    @property
    def searches(self) -> int:
        return sum(self.locales.values())


class Statistics:
    def __init__(
        self,
        store: Database,
        *,
        key: str | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
        min_learners: int = MIN_LEARNERS,
    ) -> None:
        self._store = store
        self._key = key.encode() if key else None
        self._clock = clock
        self.min_learners = min_learners

    # ---- the learner's hash and day ----

    def _secret(self) -> bytes:
        if self._key is None:
            with self._store.unit_of_work() as uow:
                self._key = uow.statistics.key(KEY_NAME, secrets.token_hex(32)).encode()
        return self._key

    def learner_hash(self, ref: str) -> str:
        """A keyed hash of the learner's reference: the same learner gives the same value, and
        without the key it cannot be traced back (nor tried against every Telegram id)."""
        return hmac.new(self._secret(), ref.encode(), hashlib.sha256).hexdigest()[:32]

    def today(self, now: dt.datetime | None = None) -> dt.date:
        return (now or self._clock()).astimezone(NETWORK_ZONE).date()

    # ---- counting (a failure here never costs the learner their answer) ----

    def record_search(self, ref: str, chat_id: int | None, query: str, locale: str, found: bool) -> None:
        text = normalise_query(query)
        if not text:
            return
        try:
            learner = self.learner_hash(ref)
            with self._store.unit_of_work() as uow:
                chat = chat_id if chat_id is not None else uow.statistics.origin(learner)
                if chat is not None:
                    uow.statistics.add_search(chat, self.today(), text, locale, found, learner)
        except Exception:
            log.exception("a search could not be counted")

    def record_earned(self, ref: str, chat_id: int | None, subjects: list[tuple[str, str]]) -> None:
        try:
            learner = self.learner_hash(ref)
            with self._store.unit_of_work() as uow:
                chat = chat_id if chat_id is not None else uow.statistics.origin(learner)
                if chat is not None:
                    uow.statistics.add_earned(chat, self.today(), subjects or [("", "")])
        except Exception:
            log.exception("an earned credential could not be counted")

    def arrived(self, ref: str, chat_id: int) -> None:
        """The learner opened one of `chat_id`'s deep links: their private searches count for it."""
        try:
            learner = self.learner_hash(ref)
            with self._store.unit_of_work() as uow:
                uow.statistics.set_origin(learner, chat_id, self.today())
        except Exception:
            log.exception("a deep-link arrival could not be counted")

    def origin_of(self, ref: str) -> int | None:
        """The chat whose deep link the learner last arrived by (None: none, or unknown now)."""
        try:
            learner = self.learner_hash(ref)
            with self._store.unit_of_work() as uow:
                return uow.statistics.origin(learner)
        except Exception:
            log.exception("a learner's chat could not be read")
            return None

    def opened_digest_item(self, ref: str, chat_id: int, credential_id: int) -> None:
        try:
            learner = self.learner_hash(ref)
            with self._store.unit_of_work() as uow:
                uow.statistics.add_digest_open(chat_id, self.today(), credential_id, learner)
                uow.statistics.set_origin(learner, chat_id, self.today())
        except Exception:
            log.exception("a digest open could not be counted")

    # ---- reading ----

    def oldest_kept(self, today: dt.date) -> dt.date:
        return months_before(today, RETENTION_MONTHS)

    def report(self, chat_id: int, *, limit: int = 10, all_days: bool = False) -> ChatStatistics:
        today = self.today()
        since = self.oldest_kept(today)
        with self._store.unit_of_work() as uow:
            stats = uow.statistics
            first_shown = today - dt.timedelta(days=DAYS_SHOWN - 1)
            by_day = {each.day: each for each in stats.searches_per_day(chat_id, since)}
            shown_days = sorted(by_day) if all_days else _days(first_shown, today)
            days = [by_day.get(day, DaySearches(day, 0, 0)) for day in shown_days]
            first_week = None if all_days else week_of(today) - dt.timedelta(weeks=WEEKS_SHOWN - 1)
            weeks = _weeks(by_day.values(), first_week)
            return ChatStatistics(
                chat_id=chat_id,
                today=today,
                since=since,
                days=days,
                weeks=weeks,
                top=stats.queries(chat_id, since=since, min_learners=self.min_learners, limit=limit),
                missed=stats.queries(
                    chat_id, since=since, min_learners=self.min_learners, found=False, limit=limit
                ),
                locales=stats.locales(chat_id, since),
                subjects=stats.earned_per_subject(chat_id, since, limit),
                opens=stats.digest_opens(chat_id, since, limit),
            )

    def demand_gap(self, chat_id: int, limit: int = 10, now: dt.datetime | None = None) -> list[QueryCount]:
        """The no-result queries of the last `GAP_WEEKS` weeks that enough learners sent."""
        since = self.today(now) - dt.timedelta(weeks=GAP_WEEKS)
        with self._store.unit_of_work() as uow:
            return uow.statistics.queries(
                chat_id, since=since, min_learners=self.min_learners, found=False, limit=limit
            )

    def chats_with_searches(self, weeks: int = GAP_WEEKS, now: dt.datetime | None = None) -> list[int]:
        since = self.today(now) - dt.timedelta(weeks=weeks)
        with self._store.unit_of_work() as uow:
            return uow.statistics.chats_with_searches(since)

    def claim_demand_gap(self, chat_id: int, now: dt.datetime | None = None) -> bool:
        """True for the first caller only in each (chat, week)."""
        with self._store.unit_of_work() as uow:
            return uow.statistics.claim_demand_gap(chat_id, week_of(self.today(now)))

    def demand_gap_claimed(self, chat_id: int, now: dt.datetime | None = None) -> bool:
        with self._store.unit_of_work() as uow:
            return uow.statistics.demand_gap_claimed(chat_id, week_of(self.today(now)))

    def managed_chats(self, user_id: int) -> list[ChatMembership]:
        with self._store.unit_of_work() as uow:
            return uow.chats.managed_by(user_id)

    def chat(self, chat_id: int) -> ChatMembership | None:
        with self._store.unit_of_work() as uow:
            return uow.chats.membership(chat_id)

    # ---- forgetting and retention ----

    def forget(self, ref: str) -> int:
        """Deletes what was counted under the learner (their `/forget`); how many rows went."""
        learner = self.learner_hash(ref)
        with self._store.unit_of_work() as uow:
            return uow.statistics.forget(learner)

    def prune(self, now: dt.datetime | None = None) -> int:
        """Deletes every row older than `RETENTION_MONTHS` (a periodic job); how many went."""
        before = self.oldest_kept(self.today(now))
        with self._store.unit_of_work() as uow:
            return uow.statistics.prune(before)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _weeks(days: Iterable[DaySearches], since: dt.date | None) -> list[WeekSearches]:
    totals: dict[dt.date, list[int]] = {}
    for each in days:
        week = week_of(each.day)
        if since is not None and week < since:
            continue
        counts = totals.setdefault(week, [0, 0])
        counts[0] += each.searches
        counts[1] += each.without_results
    return [WeekSearches(week, *totals[week]) for week in sorted(totals, reverse=True)]

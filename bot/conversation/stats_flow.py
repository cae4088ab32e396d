"""`/stats`: what a chat's members look for and find, for its administrators, and the weekly
"demand gap" message to its managers. Counts only (bot.community.statistics)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable

from bot.community.rights import Right
from bot.community.statistics import (
    MIN_LEARNERS,
    NETWORK_ZONE,
    ChatStatistics,
    Statistics,
    digest_payload,
)
from bot.conversation import numbers
from bot.conversation.cards import title
from bot.conversation.commands import BY_NAME
from bot.conversation.context import Services, Who
from bot.conversation.reply import Document, Reply, bold, echo, italic
from bot.conversation.rights_flow import with_right
from bot.domain.credential import pick
from bot.i18n import _, current_locale, format_number, format_percent, format_short_date, ngettext

QUERY_SHOWN = 40  # characters of a query the reply quotes
NEAREST = 2  # nearest credentials shown for each query without results
# The weekly demand gap goes from Monday 9:00 in the network's time zone (or the first tick after).
GAP_WEEKDAY, GAP_HOUR = 0, 9
CSV_WORDS = frozenset({"csv", "export", "exporter"})
# A spreadsheet runs a cell that starts so as a formula: the learners' queries are quoted first.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

TellManagers = Callable[[Services, int, str, Callable[[], Reply]], object]


def digest_link(services: Services, chat_id: int, credential_id: int) -> str | None:
    """The deep link a digest item in `chat_id` carries: opening it shows the credential's card
    and is counted as a digest open (None until the bot's name is known)."""
    return services.share_link(digest_payload(chat_id, credential_id))


def stats(services: Services, who: Who, args: str) -> Reply:
    """`/stats` in a group (that group), or in private (the chat named by its id, or the one the
    caller manages); `csv` in the arguments asks for the CSV file."""
    statistics = services.stats
    if statistics is None:
        return Reply().add(_("Statistics are not available here."))
    words = args.lower().split()
    as_csv = any(word in CSV_WORDS for word in words)
    chat_id = who.chat_id if not who.private else _chosen_chat(statistics, who, words)
    if isinstance(chat_id, Reply):
        return chat_id
    if chat_id is None:
        return _which_chat(statistics, who)
    target = chat_id
    if as_csv:
        return with_right(services, who, target, Right.ADMINISTRATOR, lambda: csv_reply(services, target))
    return with_right(services, who, target, Right.ADMINISTRATOR, lambda: report_reply(services, target))


def _chosen_chat(statistics: Statistics, who: Who, words: list[str]) -> int | Reply | None:
    named = [numbers.chat_id(word) or 0 for word in words if re.fullmatch(r"-?\d+", word)]
    if named:
        return named[0]
    if who.telegram_user_id is None:
        return None
    chats = statistics.managed_chats(who.telegram_user_id)
    return chats[0].telegram_chat_id if len(chats) == 1 else None


def _which_chat(statistics: Statistics, who: Who) -> Reply:
    chats = statistics.managed_chats(who.telegram_user_id) if who.telegram_user_id is not None else []
    reply = Reply()
    if not chats:
        return reply.add(
            _("Send /{command} in the group whose statistics you want to see.").format(
                command=_command_name()
            )
        )
    reply.add(_("Which chat? Send one of these:"))
    command = _command_name()
    for chat in chats:
        reply.add(f"/{command} {chat.telegram_chat_id} — ", chat.title or str(chat.telegram_chat_id))
    return reply


def _command_name() -> str:
    return BY_NAME["stats"].name(current_locale())


# ---- the report ----


def _quoted(query: str) -> str:
    return _("“{query}”").format(query=echo(query, QUERY_SHOWN))


def nearest(services: Services, query: str, limit: int = NEAREST) -> list[str]:
    """Titles of the catalogue's credentials nearest to a query that found nothing: its results
    now if the catalogue has since gained some, else those of the search's closest vocabulary
    terms, else of its longest words alone."""
    locale = current_locale()
    result = services.search.search(query, locale=locale, limit=limit)
    tries = [*result.suggestions, *sorted((w for w in query.split() if len(w) > 3), key=len, reverse=True)]
    for attempt in tries[:4]:
        if result.hits:
            break
        result = services.search.search(attempt, locale=locale, limit=limit)
    return [title(hit.credential) for hit in result.hits[:limit]]


def _subject(label_en: str, label_fr: str) -> str:
    label = pick({"en": label_en, "fr": label_fr}, current_locale())
    return label or _("(no subject)")


def _opened(services: Services, credential_id: int) -> str:
    credential = services.catalogue.credential(credential_id)
    return title(credential) if credential else _("credential no. {number}").format(number=credential_id)


def _rate(part: int, whole: int) -> str:
    return format_percent(part / whole if whole else 0)


def report_reply(services: Services, chat_id: int) -> Reply:
    assert services.stats is not None
    report = services.stats.report(chat_id)
    reply = Reply().add(bold(_("📊 Statistics")))
    reply.add(
        italic(
            _("Counts only, kept 13 months. A query is shown once {count} different people sent it.").format(
                count=format_number(MIN_LEARNERS)
            )
        )
    )
    if report.searches == 0 and not report.subjects and not report.opens:
        return reply.blank().add(_("No searches counted in this chat yet."))
    _searches_section(reply, report)
    _queries_section(services, reply, report)
    _languages_section(reply, report)
    if report.subjects:
        reply.blank().add(bold(_("Credentials earned, by subject")))
        for subject in report.subjects:
            reply.add(_label(_subject(subject.subject_en, subject.subject_fr)), format_number(subject.earned))
    if report.opens:
        reply.blank().add(bold(_("Digest links opened")))
        for opened in report.opens:
            reply.add(_label(_opened(services, opened.credential_id)), format_number(opened.opens))
    reply.blank().add(
        italic(_("The same counts as a CSV file: /{command} csv").format(command=_command_name()))
    )
    return reply


def _label(text: str) -> str:
    """`text: ` in English, `text : ` in French (a non-breaking space before the colon)."""
    return _("{label}: ").format(label=text)


def _searches_section(reply: Reply, report: ChatStatistics) -> None:
    reply.blank().add(bold(_("Searches per day")))
    for day in report.days:
        reply.add(_label(format_short_date(day.day)), format_number(day.searches))
    reply.blank().add(bold(_("Searches per week")))
    if not report.weeks:
        reply.add(_("none in the last weeks"))
    for week in report.weeks:
        reply.add(
            _label(_("week of {date}").format(date=format_short_date(week.week, weekday=False))),
            _("{searches} (no results: {rate})").format(
                searches=format_number(week.searches), rate=_rate(week.without_results, week.searches)
            ),
        )


def _queries_section(services: Services, reply: Reply, report: ChatStatistics) -> None:
    reply.blank().add(bold(_("Most common queries")))
    if not report.top:
        reply.add(italic(_("None sent by enough different people yet.")))
    for number, query in enumerate(report.top, start=1):
        reply.add(f"{number}. ", _quoted(query.query), " — ", _searched(query.searches, query.learners))
    reply.blank().add(bold(_("Most common queries with no results")))
    if not report.missed:
        reply.add(italic(_("None sent by enough different people yet.")))
    for number, query in enumerate(report.missed, start=1):
        reply.add(f"{number}. ", _quoted(query.query), " — ", _searched(query.searches, query.learners))
        close = nearest(services, query.query)
        if close:
            reply.add("    ", italic(_("Nearest: {titles}").format(titles=" · ".join(close))))


def _searched(searches: int, learners: int) -> str:
    times = ngettext("{count} search", "{count} searches", searches).format(count=format_number(searches))
    people = ngettext("{count} person", "{count} people", learners).format(count=format_number(learners))
    return f"{times}, {people}"


def _languages_section(reply: Reply, report: ChatStatistics) -> None:
    total = report.searches
    french, english = report.locales.get("fr", 0), report.locales.get("en", 0)
    reply.blank().add(bold(_("Languages of the searches")))
    reply.add(
        _("French {french_rate} ({french}), English {english_rate} ({english})").format(
            french_rate=_rate(french, total),
            french=format_number(french),
            english_rate=_rate(english, total),
            english=format_number(english),
        )
    )


# ---- the CSV export ----


def _cell(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_reply(services: Services, chat_id: int) -> Reply:
    assert services.stats is not None
    report = services.stats.report(chat_id, limit=100, all_days=True)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "item", "count", "without_results_or_learners", "nearest"])
    for day in report.days:
        writer.writerow(["searches_per_day", day.day.isoformat(), day.searches, day.without_results, ""])
    for week in sorted(report.weeks, key=lambda each: each.week):
        writer.writerow(["searches_per_week", week.week.isoformat(), week.searches, week.without_results, ""])
    for query in report.top:
        writer.writerow(["query", _cell(query.query), query.searches, query.learners, ""])
    for query in report.missed:
        close = " | ".join(nearest(services, query.query))
        writer.writerow(
            ["query_without_results", _cell(query.query), query.searches, query.learners, _cell(close)]
        )
    for locale in sorted(report.locales):
        writer.writerow(["language", locale, report.locales[locale], "", ""])
    for subject in report.subjects:
        label = _cell(_subject(subject.subject_en, subject.subject_fr))
        writer.writerow(["earned_by_subject", label, subject.earned, "", ""])
    for opened in report.opens:
        writer.writerow(
            ["digest_link_opened", _cell(_opened(services, opened.credential_id)), opened.opens, "", ""]
        )
    filename = f"credbot-stats-{str(chat_id).lstrip('-')}-{report.today.isoformat()}.csv"
    caption = _("Statistics of this chat: counts only, each query sent by at least {count} people.").format(
        count=format_number(MIN_LEARNERS)
    )
    # A byte-order mark, so that a spreadsheet opens the accents right.
    content = ("\ufeff" + out.getvalue()).encode("utf-8")
    return Reply(document=Document(filename, content, mime_type="text/csv", caption=caption))


# ---- the weekly demand gap ----


def demand_gap_reply(services: Services, chat_id: int, now: dt.datetime | None = None) -> Reply | None:
    """The top no-result queries of the last weeks with their nearest credentials; None when no
    query was sent by enough people."""
    assert services.stats is not None
    missed = services.stats.demand_gap(chat_id, now=now)
    if not missed:
        return None
    chat = services.stats.chat(chat_id)
    name = chat.title if chat and chat.title else str(chat_id)
    reply = Reply().add(bold(_("What members of {chat} looked for and did not find").format(chat=name)))
    reply.add(
        italic(
            _("The last 4 weeks; each query sent by at least {count} people.").format(
                count=format_number(MIN_LEARNERS)
            )
        )
    )
    for number, query in enumerate(missed, start=1):
        reply.blank().add(
            f"{number}. ", _quoted(query.query), " — ", _searched(query.searches, query.learners)
        )
        close = nearest(services, query.query)
        reply.add(
            "    ",
            italic(
                _("Nearest: {titles}").format(titles=" · ".join(close))
                if close
                else _("Nothing near it in the catalogue.")
            ),
        )
    return reply


def send_demand_gaps(services: Services, tell_managers: TellManagers, now: dt.datetime | None = None) -> int:
    """Once a week per chat, the demand gap to the chat's managers in private; how many chats
    were told. Each manager's message has a key of its own in the outbox (chat, ISO week,
    manager), so a restart or a second worker never queues it twice; the week is claimed in the
    store only after it was queued, so a worker stopped in between loses nothing."""
    statistics = services.stats
    if statistics is None:
        return 0
    told = 0
    for chat_id in statistics.chats_with_searches(now=now):
        if statistics.demand_gap_claimed(chat_id, now) or not statistics.demand_gap(chat_id, now=now):
            continue
        week = statistics.today(now).isocalendar()
        key = f"stats-gap:{chat_id}:{week.year}-W{week.week:02d}"

        def make_reply(chat: int = chat_id) -> Reply:
            return demand_gap_reply(services, chat, now) or Reply().add(_("No demand gap this week."))

        tell_managers(services, chat_id, key, make_reply)
        if statistics.claim_demand_gap(chat_id, now):
            told += 1
    return told


def job(services: Services, tell_managers: TellManagers) -> Callable[[dt.datetime], None]:
    """The periodic job (`services.periodic`): rows past their 13 months go, and from
    `GAP_WEEKDAY` at `GAP_HOUR` (the network's time) each chat's week of demand gap is sent."""

    def run(now: dt.datetime) -> None:
        statistics = services.stats
        if statistics is None:
            return
        statistics.prune(now)
        local = now.astimezone(NETWORK_ZONE)
        if (local.weekday(), local.hour) >= (GAP_WEEKDAY, GAP_HOUR):
            send_demand_gaps(services, tell_managers, now)

    return run

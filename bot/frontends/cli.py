"""The credbot command line: `credbot [--db URL] COMMAND …`."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from bot import __version__
from bot.config import Settings, default_learner
from bot.domain.limits import Limits
from bot.i18n import N_, normalise_locale, use_locale
from bot.language.packs import LANGUAGES

if TYPE_CHECKING:
    from bot.conversation.router import Conversation
    from bot.search.service import CatalogueSearch
    from bot.store.db import Database


class Composition(Protocol):
    """What the command line is given to build on (bot.app composes it): nothing is imported
    from the composition root, and each command builds only what it needs."""

    def search(self, settings: Settings) -> CatalogueSearch: ...

    def conversation(self, settings: Settings) -> Conversation: ...

    def database(self, settings: Settings, *, seed: bool = True, migrate: bool | None = None) -> Database: ...

    def status(self, settings: Settings) -> dict[str, Any]: ...

    def poller_lock(self, settings: Settings) -> AbstractContextManager[bool]: ...

    def health(self, settings: Settings) -> Callable[[], bool]: ...


Handler = Callable[[argparse.Namespace, Settings, Composition], int]


def _default_locale() -> str:
    return normalise_locale(os.environ.get("CREDBOT_LOCALE") or os.environ.get("LANG")) or "en"


def _command_of(argv: list[str]) -> str | None:
    """The command word of a command line (what follows the global options)."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--db":
            next(tokens, None)
        elif not token.startswith("-"):
            return token
    return None


def build_parser(*, only_search: bool = False) -> argparse.ArgumentParser:
    """The command line parser. `only_search` leaves out the commands whose modules take long to
    import (catalogue import/export, bundles and wallet): `credbot search` starts faster."""
    parser = argparse.ArgumentParser(prog="credbot", description="Micro-credential discovery bot (EN/FR).")
    parser.add_argument(
        "--db", metavar="URL", help="database URL (default: DATABASE_URL, else embedded SQLite)"
    )
    parser.add_argument("--version", action="version", version=f"credbot {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run the Telegram bot (long polling)")
    run.set_defaults(handler=cmd_run)

    webhook = commands.add_parser("webhook", help="run the Telegram bot behind a webhook")
    webhook.add_argument("--url", required=True, help="public HTTPS URL Telegram posts to")
    webhook.add_argument("--listen", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    webhook.add_argument("--port", type=int, default=8443)
    webhook.add_argument(
        "--secret",
        default=os.environ.get("TELEGRAM_WEBHOOK_SECRET"),
        help="secret token (shown in ps: prefer the file)",
    )
    webhook.add_argument(
        "--secret-file",
        default=os.environ.get("TELEGRAM_WEBHOOK_SECRET_FILE"),
        help="a file holding the secret token (kept out of the process list)",
    )
    webhook.set_defaults(handler=cmd_webhook)

    migrate = commands.add_parser(
        "migrate", help="bring the database schema up to date and seed an empty store, then exit"
    )
    migrate.set_defaults(handler=cmd_migrate)

    status = commands.add_parser("status", help="the database, its schema and the outbox queue")
    status.add_argument("--json", action="store_true", help="JSON output")
    status.set_defaults(handler=cmd_status)

    chat = commands.add_parser("chat", help="chat with the bot in this terminal")
    chat.add_argument("--lang", choices=LANGUAGES, help="conversation language")
    chat.add_argument("--user", help="console learner name (default: your login name)")
    chat.set_defaults(handler=cmd_chat)

    search = commands.add_parser("search", help="search the catalogue; QUERY '-' reads one query per line")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--lang", choices=LANGUAGES, default=None)
    search.add_argument("--json", action="store_true", help="JSON output (one line per query with '-')")
    search.add_argument("--online", action="store_true", help="online only")
    search.add_argument("--taught-in", choices=LANGUAGES)
    search.add_argument("--max-hours", type=float)
    search.add_argument("--max-cost", type=Decimal)
    search.add_argument("--provider")
    search.set_defaults(handler=cmd_search)

    if only_search:
        return parser
    from bot.catalogue.cli import add_export_parser, add_import_parser
    from bot.frontends.bundle_cli import add_bundle_parser
    from bot.wallet.cli import add_wallet_parser

    # Import and export work on the store as it is: no sample catalogue comes along.
    add_import_parser(commands).set_defaults(seed_sample=False)
    add_export_parser(commands).set_defaults(seed_sample=False)
    add_bundle_parser(commands)
    add_wallet_parser(commands)
    return parser


def main(argv: list[str] | None, compose: Composition) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    with use_locale(_default_locale()):
        args = build_parser(only_search=_command_of(arguments) == "search").parse_args(arguments)
    logging.basicConfig(
        level=logging.DEBUG
        if args.verbose
        else logging.INFO
        if args.command in ("run", "webhook")
        else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # httpx logs every request URL, and Telegram's URLs contain the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    settings = Settings.from_env(args.db)
    from bot.store.db import SchemaNotCurrent

    with use_locale(getattr(args, "lang", None) or _default_locale()):
        try:
            if hasattr(args, "run"):
                store_command: Callable[[argparse.Namespace, Any], int] = args.run
                return store_command(
                    args, compose.database(settings, seed=getattr(args, "seed_sample", True))
                )
            handler: Handler = args.handler
            return handler(args, settings, compose)
        except SchemaNotCurrent as behind:
            from bot.i18n import _

            if behind.current is None:
                said = _("The database has no schema yet (this version needs {head}).")
            else:
                said = _("The database schema is at {current}; this version needs {head}.")
            print(
                said.format(current=behind.current, head=behind.head),
                _("Run `credbot migrate` first."),
                file=sys.stderr,
            )
            return 3
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:
            # `credbot search - | head`: the reader left; stop quietly, like other command-line tools.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 141


def cmd_chat(args: argparse.Namespace, settings: Settings, compose: Composition) -> int:
    from bot.conversation.context import Who
    from bot.frontends.console import chat

    conversation = compose.conversation(settings)
    # --lang is this session's language, like Telegram's language_code: a choice made in the chat
    # (“en français”, /language) is saved and wins.
    ref = f"console:{args.user}" if args.user else default_learner()
    return chat(conversation, Who(ref=ref, language_code=args.lang or _default_locale()))


def cmd_search(args: argparse.Namespace, settings: Settings, compose: Composition) -> int:

    locale = args.lang or _default_locale()
    search = compose.search(settings)
    filters = Limits(
        online=args.online,
        taught_in=args.taught_in,
        max_hours=args.max_hours,
        max_cost=args.max_cost,
        provider=args.provider,
    )

    def answer(query: str) -> dict[str, Any]:
        result = search.search(query, locale=locale, limit=args.limit, filters=filters)
        return {
            "query": query,
            "results": [search_json(hit.credential, hit.score, locale) for hit in result.hits],
        }

    if args.query == "-":
        # Answers go out block-buffered, or line by line to someone typing the queries.
        interactive = sys.stdin.isatty()
        write = sys.stdout.write
        for line in sys.stdin:
            query = line.strip()
            if query:
                write(json.dumps(answer(query), ensure_ascii=False) + "\n")
                if interactive:
                    sys.stdout.flush()
        sys.stdout.flush()
        return 0
    data = answer(args.query)
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    from bot.i18n import _

    if not data["results"]:
        print(_("No results."))
        return 0
    for number, item in enumerate(data["results"], start=1):
        langs = ",".join(item["languages"])
        print(f"{number:2}. {item['title']} — {item['provider'] or '?'} [{langs}] ({item['id']})")
    return 0


def search_json(credential: Any, score: float, locale: str) -> dict[str, Any]:
    from bot.domain.credential import pick

    return {
        "id": credential.external_id,
        "title": pick(credential.name, locale),
        "score": round(float(score), 4),
        "hours": credential.hours,
        "cost": float(credential.cost) if credential.cost is not None else None,
        "currency": credential.price_currency,
        "languages": list(credential.languages),
        "provider": pick(credential.provider.name, locale) if credential.provider else None,
    }


def cmd_migrate(args: argparse.Namespace, settings: Settings, compose: Composition) -> int:
    """Migrate and seed under the store's lock, then exit: for deployments where migrating is a
    step of its own, before the workers start (they never migrate PostgreSQL themselves)."""
    from bot.i18n import _

    compose.database(settings, migrate=True).dispose()
    status = compose.status(settings)
    print(_("Database schema at {revision}: up to date.").format(revision=status["schema"]))
    return 0


def cmd_status(args: argparse.Namespace, settings: Settings, compose: Composition) -> int:
    """What an operator checks: the database answers, its schema is current, the outbox's depth.
    Exit status 0 when all is well, 1 when not."""
    from bot.i18n import _

    status = compose.status(settings)
    healthy = bool(status["reachable"]) and bool(status["current"])
    if args.json:
        print(json.dumps(status, ensure_ascii=False))
        return 0 if healthy else 1
    print(_("Database: {name}").format(name=status["database"]))
    if not status["reachable"]:
        print(_("The database does not answer."))
        return 1
    if status["current"]:
        print(_("Schema: {revision} (up to date)").format(revision=status["schema"]))
    else:
        print(
            _("Schema: {revision}, this version needs {head}: run `credbot migrate`.").format(
                revision=status["schema"] or _("no schema"), head=status["head"]
            )
        )
    outbox: dict[str, int] = status.get("outbox") or {}
    if status["current"]:
        counts = ", ".join(f"{state} {count}" for state, count in sorted(outbox.items())) or "0"
        print(_("Outbox: {counts}").format(counts=counts))
        _print_workers(status.get("workers") or [], status.get("total") or {})
    return 0 if healthy else 1


# What `credbot status` says of each counter a credbot process publishes (bot.community.workers).
_COUNTER_LABELS = (
    ("updates", N_("updates handled")),
    ("updates_failed", N_("updates failed")),
    ("retries", N_("replies retried")),
    ("replies_failed", N_("replies failed")),
    ("rate_limited", N_("429s")),
    ("flood_dropped", N_("dropped for flooding")),
    ("queue", N_("queued now")),
)


def _counts(counters: dict[str, int]) -> str:
    from bot.i18n import _, format_number

    return ", ".join(f"{_(label)} {format_number(counters.get(key, 0))}" for key, label in _COUNTER_LABELS)


def _print_workers(workers: list[dict[str, Any]], total: dict[str, int]) -> None:
    """The credbot processes heard from in the last minutes, what each counted since it started,
    and the sum."""
    import datetime as dt

    from bot.i18n import _, format_moment, ngettext

    count = len(workers)
    print(
        ngettext(
            "{count} credbot process heard from in the last 5 minutes",
            "{count} credbot processes heard from in the last 5 minutes",
            count,
        ).format(count=count)
    )
    for worker in workers:
        print(
            "  "
            + _("{worker} (started {started}): {counts}").format(
                worker=worker["worker"],
                started=format_moment(dt.datetime.fromisoformat(worker["started"])),
                counts=_counts(worker["counters"]),
            )
        )
    if count > 1:
        print("  " + _("All together: {counts}").format(counts=_counts(total)))


# An operator's line (English): the exit status says it as well.
ALREADY_POLLING = (
    "Another credbot process is already polling this bot on this database; this one stops. "
    "Run one `credbot run` per bot, or several `credbot webhook` workers behind one address."
)


def cmd_run(args: argparse.Namespace, settings: Settings, compose: Composition) -> int:
    from bot.frontends.telegram.app import run_polling

    if not settings.token:
        print("TELEGRAM_BOT_TOKEN is not set. Use `credbot chat` for the console chat.", file=sys.stderr)
        return 2
    # Only one process polls a bot (Telegram gives each update to one getUpdates): the lock is
    # the store's, held for the poller's life and released when the process ends, however.
    with compose.poller_lock(settings) as held:
        if not held:
            logging.getLogger("bot.frontends.cli").error(ALREADY_POLLING)
            return 4
        return run_polling(settings, compose.conversation(settings))


def webhook_secret(given: str | None, path: str | None) -> str | None:
    """The secret from its file when one is named (its surrounding whitespace aside), else the
    one given: a file keeps it out of the process list, where arguments show."""
    if path:
        return Path(path).read_text(encoding="utf-8").strip() or None
    return given or None


def cmd_webhook(args: argparse.Namespace, settings: Settings, compose: Composition) -> int:
    from bot.frontends.telegram.app import run_webhook

    if not settings.token:
        print("TELEGRAM_BOT_TOKEN is not set.", file=sys.stderr)
        return 2
    try:
        secret = webhook_secret(args.secret, args.secret_file)
    except OSError as error:
        print(f"Cannot read the webhook secret file: {error.strerror}.", file=sys.stderr)
        return 2
    if not secret:
        print(
            "A webhook needs a secret: --secret-file (or TELEGRAM_WEBHOOK_SECRET_FILE), "
            "or TELEGRAM_WEBHOOK_SECRET.",
            file=sys.stderr,
        )
        return 2
    return run_webhook(
        settings,
        compose.conversation(settings),
        url=args.url,
        listen=args.listen,
        port=args.port,
        secret=secret,
        database_ok=compose.health(settings),
    )

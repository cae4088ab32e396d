"""The composition root: settings → store → services → conversation, handed to the front ends.
Front ends are given what they need and never import this module.

Imports are made where each piece is built: `credbot search` starts without loading the
conversation, the bundle solver or python-telegram-bot (see benchmarks/batch_search.py)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import TYPE_CHECKING, Any

from bot import PROJECT_ROOT
from bot.config import Settings, catalogue_dir, vocabulary_names
from bot.frontends import cli

if TYPE_CHECKING:
    from bot.conversation.context import Services
    from bot.conversation.router import Conversation
    from bot.search.service import CatalogueSearch
    from bot.store.db import Database


def open_database(settings: Settings, seed: bool = True, *, migrate: bool | None = None) -> Database:
    """The store at the configured URL, its schema current; seeded with the default catalogue
    when empty (`seed`); in every case with the vocabularies (the configured catalogue
    directory's, else the shipped ones), loaded once and again when their files change.

    `migrate`: True migrates (`credbot migrate`); None (every other command) migrates only an
    embedded SQLite store whose schema is behind (as `make run` always did), and raises
    SchemaNotCurrent for a PostgreSQL one: its deployment migrates as a step of its own. A
    current schema is only checked (one query), never migrated. Migrating and seeding run under
    the store's migration lock: of several processes started at once, one does it."""
    from bot.catalogue.importer import VOCABULARY_FILES, ensure_seeded, ensure_vocabularies
    from bot.store.db import Database, SchemaNotCurrent

    db = Database(settings.database_url, auto_migrate=False)
    names = vocabulary_names() or VOCABULARY_FILES

    def fill() -> None:
        if seed:
            ensure_seeded(db, catalogue_dir(), names)
        ensure_vocabularies(db, [catalogue_dir(), PROJECT_ROOT / "catalogue_data"], names)

    try:
        if migrate is None:
            try:
                db.check_schema()
            except SchemaNotCurrent:
                if not db.embedded:
                    raise
                migrate = True
        if migrate:
            db.migrate(then=fill)
        else:
            db.under_migration_lock(fill)
    except BaseException:
        db.dispose()
        raise
    return db


def build_services(settings: Settings, db: Database | None = None) -> Services:
    from bot.account.service import Account
    from bot.account.state import ConversationState
    from bot.bundles.service import Bundles
    from bot.catalogue.networks import Networks
    from bot.catalogue.service import Catalogue
    from bot.catalogue.sources import NetworkSources
    from bot.catalogue.uploads import NetworkUploads
    from bot.community.audit import AuditLog
    from bot.community.digests import Digests
    from bot.community.links import DeepLinks
    from bot.community.managing import Management
    from bot.community.outbox import Outbox
    from bot.community.proofs import AdminProofs
    from bot.community.statistics import Statistics
    from bot.community.workers import WorkerStats
    from bot.conversation.context import Services
    from bot.search.service import CatalogueSearch
    from bot.verification.network import fetcher
    from bot.wallet.service import Wallet
    from bot.wallet.sharing import Shares

    db = db or open_database(settings)
    search = CatalogueSearch(db)
    bundles = Bundles(db)

    def catalogue_changed() -> None:
        search.invalidate()
        bundles.catalogue_changed()

    outbox = Outbox(db)
    catalogue = Catalogue(db, on_change=catalogue_changed)
    services = Services(
        search=search,
        catalogue=catalogue,
        uploads=NetworkUploads(db, catalogue),
        networks=Networks(db),
        wallet=Wallet(db, fetcher(allow_private=settings.source_private) if settings.allow_network else None),
        bundles=bundles,
        account=Account(db),
        links=DeepLinks(db),
        shares=Shares(db),
        outbox=outbox,
        state=ConversationState(db),
        admin_ids=settings.admin_ids,
        stats=Statistics(db, key=settings.stats_key or None),
        digests=Digests(db),
        audit=AuditLog(db),
        proofs=AdminProofs(db),
        management=Management(db),
        workers=WorkerStats(db),
        sources=NetworkSources(
            db,
            catalogue,
            interval=dt.timedelta(hours=settings.source_hours),
            allow_private=settings.source_private,
            enabled=settings.allow_network,
        ),
    )
    from bot.conversation import digest_flow, source_flow, stats_flow
    from bot.conversation.push import push, tell_managers, tell_trouble

    outbox.on_trouble = lambda item: tell_trouble(services, item)
    services.push = push  # digests post through the outbox
    services.periodic.append(digest_flow.job(services))
    services.periodic.append(stats_flow.job(services, tell_managers))
    if settings.allow_network:  # nothing is fetched from the network unless allowed
        services.periodic.append(source_flow.job(services))
    return services


def build_conversation(settings: Settings, db: Database | None = None) -> Conversation:
    from bot.conversation.router import Conversation
    from bot.language.intent_model import warm_up

    warm_up()
    return Conversation(build_services(settings, db))


def store_status(settings: Settings) -> dict[str, Any]:
    """The store as an operator sees it: whether it answers, its schema revision against this
    code's, the outbox's depth by state, what the running processes counted (`credbot status`)."""
    from bot.community.outbox import Outbox
    from bot.community.workers import WorkerStats
    from bot.store.db import Database, head_revision

    db = Database(settings.database_url, auto_migrate=False)
    try:
        status: dict[str, Any] = {
            "database": db.identity().name or "sqlite (in memory)",
            "reachable": db.ping(),
            "schema": None,
            "head": head_revision(),
            "current": False,
            "outbox": {},
            "workers": [],
            "total": {},
        }
        if status["reachable"]:
            status["schema"] = db.schema_revision()
            status["current"] = status["schema"] == status["head"]
            if status["current"]:
                status["outbox"] = Outbox(db).counts()
                status.update(WorkerStats(db).live())
        return status
    finally:
        db.dispose()


def poller_name(token: str) -> str:
    """The lock a bot's poller holds: one per bot (its id, the token's public part)."""
    return f"poll-{token.split(':', 1)[0]}"


@contextmanager
def poller_lock(settings: Settings) -> Iterator[bool]:
    """Held (True) for the block by the one process polling this bot on this store; False at
    once when another process holds it."""
    from bot.store.db import Database, LockHeld

    db = Database(settings.database_url, auto_migrate=False)
    try:
        with ExitStack() as stack:
            try:
                stack.enter_context(db.exclusive(poller_name(settings.token), wait=False))
            except LockHeld:
                yield False
                return
            yield True
    finally:
        db.dispose()


def database_health(settings: Settings) -> Callable[[], bool]:
    """Whether the store answers now (`/healthz`), through an engine of its own: a health check
    never waits behind the bot's own connections."""
    from bot.store.db import Database

    db = Database(settings.database_url, auto_migrate=False)
    return lambda: db.ping(timeout=2.0)


class Composition:
    """What the command line builds on (`bot.frontends.cli.Composition`)."""

    def database(self, settings: Settings, *, seed: bool = True, migrate: bool | None = None) -> Database:
        return open_database(settings, seed=seed, migrate=migrate)

    def search(self, settings: Settings) -> CatalogueSearch:
        from bot.search.service import CatalogueSearch

        return CatalogueSearch(open_database(settings))

    def conversation(self, settings: Settings) -> Conversation:
        return build_conversation(settings)

    def status(self, settings: Settings) -> dict[str, Any]:
        return store_status(settings)

    def poller_lock(self, settings: Settings) -> AbstractContextManager[bool]:
        return poller_lock(settings)

    def health(self, settings: Settings) -> Callable[[], bool]:
        return database_health(settings)


def main(argv: list[str] | None = None) -> int:
    return cli.main(sys.argv[1:] if argv is None else argv, Composition())

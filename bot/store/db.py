"""Engine, sessions and migrations. The same code serves SQLite (embedded) and PostgreSQL."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.credential import CredentialRecord
from bot.store.catalogue_repo import get_credentials
from bot.store.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
# The lock that migrations and seeding run under (several processes may start at once).
MIGRATION_LOCK = "migrate"

log = logging.getLogger(__name__)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    engine = create_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config(engine: Engine, connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    if connection is not None:  # migrate in this connection (the one holding the lock)
        config.attributes["connection"] = connection
    return config


def migrate(engine: Engine, connection: Connection | None = None) -> None:
    """Bring the schema to the newest revision (a no-op when current). Not locked: see
    Database.migrate, which several processes may call at once."""
    from alembic import command

    command.upgrade(alembic_config(engine, connection), "head")


def head_revision() -> str:
    """The newest revision of the migrations this code ships."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def lock_key(name: str) -> int:
    """A PostgreSQL advisory lock key (a signed 64-bit integer) for a lock name: fixed, the
    same in every process and version."""
    digest = hashlib.sha256(f"credbot:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class SchemaNotCurrent(Exception):
    """The store's schema is not the one this code needs (`credbot migrate` brings it there)."""

    def __init__(self, current: str | None, head: str) -> None:
        super().__init__(f"schema at {current or 'nothing'}, this code needs {head}")
        self.current = current
        self.head = head


_MEMORY_LOCKS: dict[str, threading.Lock] = {}


class TransactionSpoiled(Exception):
    """A unit of work inside `Database.one_transaction` failed and the failure was caught: the
    shared transaction was rolled back, nothing of the block was kept (do the work again without
    it, one transaction per unit of work)."""


@dataclass
class _Shared:
    database: Database
    session: Session
    spoiled: bool = False


# The transaction every unit of work of this thread (or task) joins, while one is open.
_SHARED: ContextVar[_Shared | None] = ContextVar("credbot_shared_transaction", default=None)


class Database:
    def __init__(self, url: str, *, auto_migrate: bool = True) -> None:
        self.engine = make_engine(url)
        if auto_migrate:
            self.migrate()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    # ---- migrations and process-wide locks

    @property
    def embedded(self) -> bool:
        """An SQLite store: one machine, its file beside the bot (it migrates itself)."""
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def exclusive(self, name: str, *, wait: bool = True) -> Iterator[Connection | None]:
        """A lock every process using this store sees, held while the block runs: a PostgreSQL
        advisory lock (session level, in a connection of its own, which the block is given), a
        lock file beside an SQLite file (`<file>.<name>.lock`), a process lock for an in-memory
        store. With `wait=False`, raises LockHeld at once when another process holds it."""
        if self.engine.dialect.name == "postgresql":
            with self._advisory_lock(name, wait=wait) as connection:
                yield connection
            return
        identity = self.identity()
        if identity.file is None:
            lock = _MEMORY_LOCKS.setdefault(name, threading.Lock())
            if not lock.acquire(blocking=wait):
                raise LockHeld(name)
            try:
                yield None
            finally:
                lock.release()
            return
        with _file_lock(identity.file.with_name(f"{identity.file.name}.{name}.lock"), name, wait=wait):
            yield None

    @contextmanager
    def _advisory_lock(self, name: str, *, wait: bool) -> Iterator[Connection]:
        key = lock_key(name)
        with self.engine.connect() as connection:
            if wait:
                connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
            elif not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar():
                connection.rollback()
                raise LockHeld(name)
            connection.commit()
            try:
                yield connection
            finally:
                try:
                    connection.rollback()
                    connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                    connection.commit()
                except Exception:  # the connection is gone: so is its lock; never pool it again
                    connection.invalidate()

    def ping(self, timeout: float = 5.0) -> bool:
        """Whether the database answers (a `SELECT 1` in a fresh connection), within `timeout`
        seconds on PostgreSQL; an SQLite file must exist and be readable."""
        try:
            identity = self.identity()
            if identity.file is not None and not os.access(identity.file, os.R_OK | os.W_OK):
                return False
            with self.engine.connect() as connection:
                if self.engine.dialect.name == "postgresql":
                    connection.execute(text(f"SET statement_timeout = {int(timeout * 1000)}"))
                connection.execute(text("SELECT 1")).scalar()
                if identity.file is not None:  # reads the file, not only the open handle
                    connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
                connection.rollback()
            return True
        except Exception as error:  # any failure is an answer: the database is not there
            log.warning("the database does not answer: %s", type(error).__name__)
            return False

    def schema_revision(self) -> str | None:
        """The store's current revision (None: never migrated)."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def check_schema(self) -> None:
        """Raises SchemaNotCurrent unless the store is at the code's newest revision."""
        current, head = self.schema_revision(), head_revision()
        if current != head:
            raise SchemaNotCurrent(current, head)

    def migrate(self, then: Callable[[], object] | None = None) -> None:
        """Bring the schema to the newest revision, then run `then` (seeding), under the store's
        migration lock: of several processes started at once one migrates and seeds, the others
        wait and find it done. In the connection holding the lock on PostgreSQL."""
        with self.exclusive(MIGRATION_LOCK) as connection:
            migrate(self.engine, connection)
            if then is not None:
                then()

    def under_migration_lock(self, then: Callable[[], object]) -> None:
        """Run `then` (seeding, vocabularies) under the migration lock, schema untouched."""
        with self.exclusive(MIGRATION_LOCK):
            then()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises. Inside
        `one_transaction`, the shared transaction's session instead (flushed at the end of the
        block; a failure spoils the whole shared transaction)."""
        shared = _SHARED.get()
        if shared is not None and shared.database is self:
            try:
                yield shared.session
                shared.session.flush()
            except BaseException:
                shared.spoiled = True
                raise
            return
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def one_transaction(self) -> Iterator[UnitOfWork]:
        """One transaction for the whole block: every unit of work opened in it (in this thread
        or task) joins it, and it is committed once at the end, rolled back if the block raises.
        Raises TransactionSpoiled (after the rollback) when a unit of work failed inside and the
        block caught it: nothing of the block was kept. On SQLite the write lock is taken at the
        first write and held to the end: put the writes late (after the reads and computing)."""
        with self._sessions() as session, session.begin():
            shared = _Shared(self, session)
            token = _SHARED.set(shared)
            try:
                yield UnitOfWork(session)
                if shared.spoiled:
                    raise TransactionSpoiled
            finally:
                _SHARED.reset(token)

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """One transaction and its repositories: committed when the block ends, rolled back if
        it raises."""
        with self.session() as session:
            yield UnitOfWork(session)

    def read_credentials(self, ids: Sequence[int]) -> dict[int, CredentialRecord]:
        """The credentials of these ids, outside any unit of work (search hits: one query, in
        autocommit mode: no BEGIN and ROLLBACK round trips to a PostgreSQL server)."""
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            return get_credentials(connection, ids)

    def identity(self) -> StoreIdentity:
        return store_identity(str(self.engine.url.render_as_string(hide_password=False)))

    def dispose(self) -> None:
        self.engine.dispose()


class LockHeld(Exception):
    """Another process holds this lock (Database.exclusive with wait=False)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"the {name!r} lock is held by another process")
        self.name = name


@contextmanager
def _file_lock(path: Path, name: str, *, wait: bool) -> Iterator[None]:
    """An exclusive lock on `path` (created, never removed: removing it would let two holders
    lock two different files). Released by the system when the process ends, however it ends."""
    if sys.platform == "win32":  # pragma: no cover - no fcntl: one process at a time is up to you
        yield
        return
    import fcntl

    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise LockHeld(name) from None
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


@dataclass(frozen=True)
class StoreIdentity:
    """Which store this is, for caches kept beside it: `name` never holds a password; `file` is
    the SQLite file (None for other databases); `memory` for an in-memory SQLite store."""

    name: str
    file: Path | None
    memory: bool


def store_identity(url: str) -> StoreIdentity:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if not database or database == ":memory:" or database.startswith("file:"):
            return StoreIdentity("", None, True)  # in memory, or a URI filename (not worth parsing)
        path = Path(database).expanduser().resolve()
        return StoreIdentity(f"sqlite:{path}", path, False)
    return StoreIdentity(parsed.render_as_string(hide_password=True), None, False)

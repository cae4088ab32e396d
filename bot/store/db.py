"""Engine, sessions and migrations. The same code serves SQLite (embedded) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.credential import CredentialRecord
from bot.store.catalogue_repo import get_credentials
from bot.store.unit_of_work import UnitOfWork

MIGRATIONS = Path(__file__).parent / "migrations"


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


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; run at every start, a no-op when current."""
    command.upgrade(alembic_config(engine), "head")


class Database:
    def __init__(self, url: str, *, auto_migrate: bool = True) -> None:
        self.engine = make_engine(url)
        if auto_migrate:
            migrate(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises."""
        with self._sessions() as session, session.begin():
            yield session

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

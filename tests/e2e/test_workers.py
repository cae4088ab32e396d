"""Several credbot processes on one store, as a deployment starts them: migrations and seeding
run once under the store's lock (PostgreSQL: an advisory lock; SQLite: a lock file), one process
polls a bot, SIGTERM finishes what is in flight and exits 0. Real processes (`python -m bot`),
started at the same moment, on a fresh PostgreSQL database of their own and on a fresh SQLite file."""

from __future__ import annotations

import asyncio
import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.store import models
from bot.store.db import Database, head_revision
from tests.conftest import POSTGRES_URL, postgres_unavailable

pytestmark = pytest.mark.asyncio

ROUNDS = 3
ALREADY_POLLING = "Another credbot process is already polling this bot"


def _admin_conninfo() -> str:
    return POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture
def fresh_postgres() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database (dropped afterwards)."""
    reason = postgres_unavailable()
    if reason:
        pytest.skip(reason)
    import psycopg

    name = f"credbot_workers_{secrets.token_hex(5)}"
    with psycopg.connect(_admin_conninfo(), connect_timeout=2, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(_admin_conninfo(), connect_timeout=2, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def sample_size(tmp_path_factory: pytest.TempPathFactory) -> int:
    """How many credentials one seeding of the default catalogue makes."""
    from bot.app import open_database
    from bot.config import Settings

    path = tmp_path_factory.mktemp("reference") / "credbot.sqlite3"
    db = open_database(Settings(database_url=f"sqlite:///{path}"))
    try:
        return _count(db, models.Credential)
    finally:
        db.dispose()


def _count(db: Database, model: type[models.Base]) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "CREDBOT_HOME": str(home), **extra}
    env.pop("DATABASE_URL", None)
    return env


async def _together(*commands: tuple[list[str], dict[str, str]]) -> list[tuple[int, str]]:
    """Start the commands at the same moment; their exit statuses and output."""
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            *argv,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        for argv, env in commands
    ]
    outputs = await asyncio.gather(*(asyncio.wait_for(p.communicate(), 180) for p in processes))
    return [(int(p.returncode or 0), out.decode()) for p, (out, _err) in zip(processes, outputs, strict=True)]


def _assert_migrated_and_seeded_once(url: str, sample_size: int) -> None:
    db = Database(url, auto_migrate=False)
    try:
        assert db.schema_revision() == head_revision()
        with db.engine.connect() as connection:
            from sqlalchemy import text

            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        assert [row[0] for row in versions] == [head_revision()]
        assert _count(db, models.Credential) == sample_size
        with db.session() as session:
            keys = session.scalars(select(models.Skill.key)).all()
        assert keys and len(keys) == len(set(keys))
    finally:
        db.dispose()


async def test_two_migrations_at_once_on_a_fresh_postgresql_database(
    fresh_postgres: str, tmp_path: Path, sample_size: int
) -> None:
    """Both succeed, the schema and the sample catalogue are there once (main: one of the two
    crashed 5 of 5 times, in Alembic or in seeding)."""
    import psycopg

    for round_ in range(ROUNDS):
        if round_:  # a fresh database again: drop everything
            conninfo = _admin_conninfo().rsplit("/", 1)[0] + "/" + fresh_postgres.rsplit("/", 1)[1]
            with psycopg.connect(conninfo, autocommit=True) as conn:
                conn.execute("DROP SCHEMA public CASCADE")
                conn.execute("CREATE SCHEMA public")
        env = _env(tmp_path)
        results = await _together(
            (["--db", fresh_postgres, "migrate"], env), (["--db", fresh_postgres, "migrate"], env)
        )
        for status, output in results:
            assert status == 0, output[-3000:]
            assert "up to date" in output
        _assert_migrated_and_seeded_once(fresh_postgres, sample_size)


async def test_a_worker_never_migrates_postgresql_itself(fresh_postgres: str, tmp_path: Path) -> None:
    status, output = (await _together((["--db", fresh_postgres, "search", "cyber"], _env(tmp_path))))[0]
    assert status == 3, output
    assert "credbot migrate" in output
    db = Database(fresh_postgres, auto_migrate=False)
    try:
        assert db.schema_revision() is None  # nothing was created
    finally:
        db.dispose()


async def test_two_processes_at_once_on_a_fresh_sqlite_file(tmp_path: Path, sample_size: int) -> None:
    """The embedded store migrates itself at start (`make run`): `credbot search` and `credbot
    migrate` started together both succeed, the catalogue is seeded once."""
    for round_ in range(ROUNDS):
        path = tmp_path / f"round{round_}" / "credbot.sqlite3"
        path.parent.mkdir()
        url = f"sqlite:///{path}"
        env = _env(path.parent)
        results = await _together((["--db", url, "search", "cyber"], env), (["--db", url, "migrate"], env))
        for status, output in results:
            assert status == 0, output[-3000:]
        _assert_migrated_and_seeded_once(url, sample_size)


async def test_status_tells_the_schema_and_the_outbox(fresh_postgres: str, tmp_path: Path) -> None:
    import json

    env = _env(tmp_path)
    status, output = (await _together((["--db", fresh_postgres, "status", "--json"], env)))[0]
    assert status == 1
    before = json.loads(output.strip().splitlines()[-1])
    assert before["reachable"] is True and before["current"] is False and before["schema"] is None
    status, output = (await _together((["--db", fresh_postgres, "migrate"], env)))[0]
    assert status == 0, output
    status, output = (await _together((["--db", fresh_postgres, "status"], {**env, "LANG": "fr_CA.UTF-8"})))[
        0
    ]
    assert status == 0, output
    assert f"Schéma\u00a0: {head_revision()} (à jour)" in output
    assert "postgres@" in output and "Boîte d’envoi" in output

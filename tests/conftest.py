"""Shared fixtures: `db`, a migrated `bot.store.db.Database` on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.store.db import Database

# The sample catalogue's tests load its own vocabulary only: ESCO's 16,000 concepts would cost
# every fresh store (and every process the end-to-end tests start) seconds. The ESCO loading is
# tested on a small table of the same shape (tests/catalogue/test_vocabularies.py).
os.environ.setdefault("CREDBOT_VOCABULARIES", "skills.json")

POSTGRES_URL = os.environ.get("CREDBOT_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_reason() -> str | None:
    """None when the test server answers, else why the PostgreSQL tests are skipped."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    conninfo = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(conninfo, connect_timeout=2):
            return None
    except Exception as error:  # any failure to connect means: no server for these tests
        return f"PostgreSQL at {POSTGRES_URL} is unreachable: {error}".strip()


_reason: list[str | None] = []


def postgres_unavailable() -> str | None:
    if not _reason:
        _reason.append(_postgres_reason())
    return _reason[0]


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
    ids=["sqlite", "postgresql"],
)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated store: an SQLite file in tmp_path, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path / 'test.db'}")
        yield database
        database.dispose()
        return
    reason = postgres_unavailable()
    if reason:
        pytest.skip(reason)
    import psycopg

    schema = f"t_{secrets.token_hex(6)}"
    conninfo = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, connect_timeout=2, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in POSTGRES_URL else "?"
    database = Database(f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}")
    try:
        yield database
    finally:
        database.dispose()
        with psycopg.connect(conninfo, connect_timeout=2, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

"""kill -9 during `credbot import` of 50,000 credentials (a real process, `--progress` telling how
far it is): killed while it reads and checks the file, halfway through writing, and as the
writing ends (about when it commits), the store is exactly as it was (SQLite: `PRAGMA
integrity_check` ok, the export unchanged; PostgreSQL: rolled back), or, killed after the
commit, fully imported; the next import on that store works. (The digest run killed mid-post
is tests/e2e/test_digest_channel.py; a kill around a bundle save, tests/e2e/test_restarts.py.)"""

from __future__ import annotations

import asyncio
import csv
import os
import secrets
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from bot.catalogue.export import export_catalogue
from bot.store import models
from bot.store.db import Database
from tests.conftest import POSTGRES_URL, postgres_unavailable

pytestmark = pytest.mark.asyncio

SIZE = 50_000
TOPICS = (
    ("bookkeeping", "tenue de livres"),
    ("cybersecurity", "cybersécurité"),
    ("welding", "soudage"),
    ("data analysis", "analyse de données"),
    ("first aid", "premiers soins"),
)


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "fifty-thousand.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        rows = csv.writer(out)
        rows.writerow(
            [
                "id",
                "name_en",
                "name_fr",
                "provider",
                "languages",
                "hours",
                "cost",
                "delivery",
                "skills_en",
                "skills_fr",
            ]
        )
        for n in range(SIZE):
            en, fr = TOPICS[n % len(TOPICS)]
            rows.writerow(
                [f"crash-{n:05d}", f"{en.title()} {n}", f"{fr.capitalize()} {n}",
                 f"Provider {n % 97};Fournisseur {n % 97}", "en;fr", 10 + n % 40, n % 500,
                 ("online", "in_person", "blended")[n % 3], en, fr]
            )  # fmt: skip
    return path


def _count(url: str) -> int:
    db = Database(url, auto_migrate=False)
    try:
        with db.session() as session:
            return int(session.scalar(select(func.count()).select_from(models.Credential)) or 0)
    finally:
        db.dispose()


def _export(url: str) -> str:
    db = Database(url, auto_migrate=False)
    try:
        return export_catalogue(db, "csv")
    finally:
        db.dispose()


def _integrity(url: str) -> str:
    db = Database(url, auto_migrate=False)
    try:
        with db.engine.connect() as connection:
            return str(connection.execute(text("PRAGMA integrity_check")).scalar())
    finally:
        db.dispose()


async def _import_killed_when(url: str, path: Path, home: Path, when: Callable[[str], bool]) -> str:
    """`credbot import` on `url`, killed with SIGKILL as soon as a line of its progress (or of
    its output) makes `when` true; that line."""
    env = {**os.environ, "CREDBOT_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "--db", url, "import", str(path), "--progress",
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert process.stdout is not None
    line, seen = "", ""
    try:
        while True:
            char = (await asyncio.wait_for(process.stdout.read(1), 180)).decode(errors="replace")
            if not char:
                raise AssertionError(f"the import ended before the kill point: {seen[-2000:]}")
            if char not in "\r\n":
                line += char
                continue
            seen += line + "\n"
            if when(line):
                return line
            line = ""
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGKILL)
        await process.wait()


def _written(line: str) -> int:
    """How many credentials a `writing [###---] 12,000/50,000 credentials` line says are written."""
    if not line.startswith("writing"):
        return -1
    return int(line.split("]")[1].split("/")[0].strip().replace(",", "").replace("\u202f", ""))


KILL_POINTS = {
    "reading and checking": lambda line: line.startswith("reading") and "[" + "#" * 30 + "]" in line,
    "writing, halfway": lambda line: _written(line) >= SIZE // 2,
    "writing done, about to commit": lambda line: _written(line) >= SIZE,
}


async def _kills_leave_the_store_whole(url: str, big_csv: Path, home: Path, points: list[str]) -> None:
    before_count, before = _count(url), _export(url)
    sqlite = url.startswith("sqlite")
    for point in points:
        await _import_killed_when(url, big_csv, home, KILL_POINTS[point])
        if sqlite:
            assert _integrity(url) == "ok", point
        count = _count(url)
        if count == before_count + SIZE and point == "writing done, about to commit":
            before_count += SIZE  # killed after the commit: fully imported
            continue
        assert count == before_count, f"{point}: {count} credentials, {before_count} before"
        assert _export(url) == before, point
    # The next start on that store works: an import of one more credential.
    one = home / "one-more.csv"
    one.write_text("id,name_en,name_fr\nafter-the-kills,After the kills,Après les arrêts\n", encoding="utf-8")
    env = {**os.environ, "CREDBOT_HOME": str(home)}
    env.pop("DATABASE_URL", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "--db", url, "import", str(one),
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, out.decode()[-2000:]
    assert "added 1," in out.decode()
    assert _count(url) == before_count + 1
    if sqlite:
        assert _integrity(url) == "ok"


async def test_kill_9_during_a_50000_credential_import_sqlite(
    big_csv: Path, tmp_path: Path, seeded_store: str
) -> None:
    await _kills_leave_the_store_whole(seeded_store, big_csv, tmp_path, list(KILL_POINTS))


@pytest.fixture
def seeded_store(tmp_path: Path) -> str:
    from bot.app import open_database
    from bot.config import Settings

    url = f"sqlite:///{tmp_path / 'credbot.sqlite3'}"
    open_database(Settings(database_url=url)).dispose()
    return url


@pytest.fixture
def postgres_store() -> Iterator[str]:
    """A PostgreSQL schema of its own, migrated and seeded by `credbot migrate` (dropped after)."""
    reason = postgres_unavailable()
    if reason:
        pytest.skip(reason)
    import psycopg

    schema = f"crash_{secrets.token_hex(5)}"
    conninfo = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, connect_timeout=2, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in POSTGRES_URL else "?"
    url = f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    try:
        from bot.app import open_database
        from bot.config import Settings

        open_database(Settings(database_url=url), migrate=True).dispose()
        yield url
    finally:
        with psycopg.connect(conninfo, connect_timeout=2, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


async def test_kill_9_during_a_50000_credential_import_postgresql(
    big_csv: Path, tmp_path: Path, postgres_store: str
) -> None:
    await _kills_leave_the_store_whole(postgres_store, big_csv, tmp_path, ["writing, halfway"])

"""Several credbot processes on one store, as a deployment starts them: migrations and seeding
run once under the store's lock (PostgreSQL: an advisory lock; SQLite: a lock file), one process
polls a bot, SIGTERM finishes what is in flight and exits 0. Real processes (`python -m bot`),
started at the same moment, on a fresh PostgreSQL database of their own and on a fresh SQLite file."""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import signal
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.store import models
from bot.store.db import Database, head_revision
from tests.conftest import POSTGRES_URL, postgres_unavailable
from tests.e2e.botapi_server import BotApiServer

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


# --------------------------------------------------------------------------- one poller, SIGTERM


async def _start(argv: list[str], env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *argv,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )


async def _finish(process: asyncio.subprocess.Process, timeout: float = 45) -> tuple[int, str]:
    out, _err = await asyncio.wait_for(process.communicate(), timeout)
    return int(process.returncode if process.returncode is not None else -1), out.decode()


def _bot_env(botapi: BotApiServer, home: Path) -> dict[str, str]:
    return _env(
        home, TELEGRAM_BOT_TOKEN=botapi.token, TELEGRAM_API_URL=botapi.root, CREDBOT_CLOCK_SECONDS="3600"
    )


@pytest.fixture
def store_copy(seeded_database: Path, tmp_path: Path) -> str:
    path = tmp_path / "store" / "credbot.sqlite3"
    path.parent.mkdir()
    shutil.copy(seeded_database, path)
    return f"sqlite:///{path}"


async def _second_poller_refused(botapi: BotApiServer, url: str, home: Path) -> None:
    env = _bot_env(botapi, home)
    first = await _start(["--db", url, "run"], env)
    try:
        await botapi.wait_for(lambda: botapi.waiting_polls > 0, timeout=60, what="the first bot to poll")
        status, output = await _finish(await _start(["--db", url, "run"], env), timeout=60)
        assert status == 4, output[-2000:]
        assert ALREADY_POLLING in output
        ada = await botapi.user(5151, "Ada", language_code="en")
        said = await botapi.send_text(ada, "cybersecurity")
        assert "cybersecurity" in (await botapi.next_reply(ada, after=said, timeout=30)).plain.lower()
    finally:
        if first.returncode is None:
            first.send_signal(signal.SIGTERM)
        status, output = await _finish(first)
    assert status == 0, output[-2000:]


async def test_a_second_poller_says_so_and_exits_sqlite(
    botapi: BotApiServer, store_copy: str, tmp_path: Path
) -> None:
    await _second_poller_refused(botapi, store_copy, tmp_path)


async def test_a_second_poller_says_so_and_exits_postgresql(
    botapi: BotApiServer, fresh_postgres: str, tmp_path: Path
) -> None:
    status, output = (await _together((["--db", fresh_postgres, "migrate"], _env(tmp_path))))[0]
    assert status == 0, output
    await _second_poller_refused(botapi, fresh_postgres, tmp_path)


async def test_sigterm_finishes_the_reply_in_flight_and_exits_0(
    botapi: BotApiServer, store_copy: str, tmp_path: Path
) -> None:
    """SIGTERM while a reply is on its way (Telegram slow to answer its sendMessage): the reply
    is there, the update confirmed (not fetched again by the next start), exit status 0."""
    process = await _start(["--db", store_copy, "run"], _bot_env(botapi, tmp_path))
    try:
        await botapi.wait_for(lambda: botapi.waiting_polls > 0, timeout=60, what="the bot to poll")
        elise = await botapi.user(6262, "Élise", language_code="fr-CA")
        botapi.delay_next("sendMessage", 3)
        said = await botapi.send_text(elise, "cybersécurité")
        await botapi.wait_for(lambda: botapi.calls_to("sendMessage"), timeout=30, what="the reply to go out")
        process.send_signal(signal.SIGTERM)
        status, output = await _finish(process)
    finally:
        if process.returncode is None:
            process.kill()
    assert status == 0, output[-2000:]
    assert "SIGTERM: taking no new update" in output
    reply = await botapi.next_reply(elise, after=said, timeout=1)
    assert "cybersécurité" in reply.plain.lower()
    assert botapi._unconfirmed() == []


# --------------------------------------------------------------------------- webhook: /healthz, /metrics


async def _get(url: str) -> tuple[int, str]:
    import aiohttp

    async with (
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as client,
        client.get(url) as response,
    ):
        return response.status, await response.text()


async def _serving(url: str, process: asyncio.subprocess.Process) -> None:
    """Until the webhook worker's port answers (it listens right after setWebhook)."""
    import aiohttp

    for _attempt in range(200):
        assert process.returncode is None, "the webhook worker ended"
        try:
            await _get(url)
            return
        except aiohttp.ClientConnectionError:
            await asyncio.sleep(0.05)
    raise AssertionError(f"{url} never answered")


async def _webhook_worker(
    botapi: BotApiServer, url: str, home: Path
) -> tuple[asyncio.subprocess.Process, str]:
    from tests.e2e.harness import free_port

    port = free_port()
    env = {**_bot_env(botapi, home), "TELEGRAM_WEBHOOK_SECRET": "workers-secret"}
    base = f"http://127.0.0.1:{port}"
    argv = ["--db", url, "webhook", "--url", f"{base}/telegram", "--listen", "127.0.0.1", "--port", str(port)]
    process = await _start(argv, env)
    await botapi.wait_for(lambda: botapi.webhook_url, timeout=60, what="the webhook to be set")
    await _serving(f"{base}/healthz", process)
    return process, base


async def test_webhook_healthz_and_metrics_then_sigterm(
    botapi: BotApiServer, store_copy: str, tmp_path: Path
) -> None:
    process, base = await _webhook_worker(botapi, store_copy, tmp_path)
    path = Path(store_copy.removeprefix("sqlite:///"))
    try:
        assert await _get(f"{base}/healthz") == (200, "ok\n")
        ada = await botapi.user(7373, "Ada", language_code="en")
        said = await botapi.send_text(ada, "cybersecurity")
        assert "cybersecurity" in (await botapi.next_reply(ada, after=said, timeout=30)).plain.lower()
        await botapi.wait_idle(timeout=30)
        status, metrics = await _get(f"{base}/metrics")
        assert status == 200
        assert "credbot_updates_total 1\n" in metrics
        assert "credbot_updates_failed_total 0\n" in metrics
        assert "credbot_bot_api_429_total 0\n" in metrics
        assert "credbot_database_up 1\n" in metrics
        # The database goes away (its file moved): 503, and 200 again once it is back.
        path.rename(path.with_suffix(".away"))
        status, said_back = await _get(f"{base}/healthz")
        assert (status, said_back) == (503, "database unavailable\n")
        assert "credbot_database_up 0\n" in (await _get(f"{base}/metrics"))[1]
        path.with_suffix(".away").rename(path)
        assert (await _get(f"{base}/healthz"))[0] == 200
        # The webhook path refuses a wrong or missing secret.
        update = {
            "update_id": 990_000_001,
            "message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}},
        }
        assert await botapi.post_to_webhook(update, secret="wrong") == 403
        assert await botapi.post_to_webhook(update, secret=None) == 403
        process.send_signal(signal.SIGTERM)
        status, output = await _finish(process)
    finally:
        if process.returncode is None:
            process.kill()
    assert status == 0, output[-2000:]
    assert "workers-secret" not in output and botapi.token not in output
    assert botapi.rejected == []


async def test_webhook_healthz_503_when_postgresql_is_gone(
    botapi: BotApiServer, fresh_postgres: str, tmp_path: Path
) -> None:
    import psycopg

    status, output = (await _together((["--db", fresh_postgres, "migrate"], _env(tmp_path))))[0]
    assert status == 0, output
    process, base = await _webhook_worker(botapi, fresh_postgres, tmp_path)
    try:
        assert (await _get(f"{base}/healthz"))[0] == 200
        name = fresh_postgres.rsplit("/", 1)[1]
        with psycopg.connect(_admin_conninfo(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        assert (await _get(f"{base}/healthz")) == (503, "database unavailable\n")
        process.send_signal(signal.SIGTERM)
        status, output = await _finish(process)
    finally:
        if process.returncode is None:
            process.kill()
    assert status == 0, output[-2000:]


# --------------------------------------------------------------------------- two workers behind HAProxy


async def _press(botapi: BotApiServer, user: Any, message: Any, data: str) -> None:
    """Press a button and wait for its answer (the bot edits first, then answers)."""
    query = await botapi.press_button(user, message, data)
    await botapi.wait_for(
        lambda: any(a.callback_query_id == query for a in botapi.callback_answers),
        timeout=30,
        what="the press to be answered",
    )


HAPROXY_CONFIG = """global
    maxconn 200
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
frontend telegram
    bind 127.0.0.1:{proxy}
    default_backend workers
backend workers
    balance roundrobin
    server one 127.0.0.1:{one}
    server two 127.0.0.1:{two}
"""


class RoundRobin:
    """A tiny HTTP reverse proxy in the test (no HAProxy needed): each request goes to the next
    worker in turn, with its body, content type and secret header, and comes back as it was."""

    def __init__(self, port: int, workers: list[int]) -> None:
        self.port, self.workers, self.turn = port, workers, 0
        self.runner: Any = None

    async def forward(self, request: Any) -> Any:
        import aiohttp
        from aiohttp import web

        worker = self.workers[self.turn % len(self.workers)]
        self.turn += 1
        headers = {
            name: value
            for name, value in request.headers.items()
            if name.lower() in ("content-type", "x-telegram-bot-api-secret-token")
        }
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as client,
            client.request(
                request.method,
                f"http://127.0.0.1:{worker}{request.path_qs}",
                data=await request.read(),
                headers=headers,
            ) as response,
        ):
            return web.Response(
                status=response.status, body=await response.read(), content_type=response.content_type
            )

    async def start(self) -> None:
        from aiohttp import web

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self.forward)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        await self.runner.cleanup()


async def _haproxy(tmp_path: Path, proxy: int, one: int, two: int) -> Callable[[], Awaitable[None]]:
    haproxy = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if haproxy is None:
        pytest.skip(
            "HAProxy is not installed (Debian: apt-get install haproxy); the same test runs "
            "behind the test's own round-robin proxy"
        )
    config = tmp_path / "haproxy.cfg"
    config.write_text(HAPROXY_CONFIG.format(proxy=proxy, one=one, two=two))
    balancer = await asyncio.create_subprocess_exec(
        haproxy, "-db", "-f", str(config), stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )

    async def stop() -> None:
        balancer.terminate()
        await balancer.wait()

    return stop


async def _round_robin(tmp_path: Path, proxy: int, one: int, two: int) -> Callable[[], Awaitable[None]]:
    balancer = RoundRobin(proxy, [one, two])
    await balancer.start()
    return balancer.stop


# (user, language, query, next, earn, earned in the wallet, forget, yes, deleted)
CONVERSATIONS = (
    (8101, "en", "cybersecurity", "Next", "I earned it", "You have earned this credential.",
     "/forget", "Yes", "deleted"),
    (8102, "fr-CA", "cybersécurité", "Suivant", "Je l’ai obtenue", "Vous avez obtenu cette microcertification.",
     "/oublier", "Oui", "supprimé"),
)  # fmt: skip
STEPS = 7  # updates per conversation: search, ▶, 6, earn, /earned, /forget, yes


@pytest.mark.parametrize("balancer", [_round_robin, _haproxy], ids=["round-robin-proxy", "haproxy"])
async def test_two_webhook_workers_behind_a_proxy_on_one_postgresql(
    botapi: BotApiServer,
    fresh_postgres: str,
    tmp_path: Path,
    balancer: Callable[[Path, int, int, int], Awaitable[Callable[[], Awaitable[None]]]],
) -> None:
    """`credbot migrate`, then two `credbot webhook` workers behind a reverse proxy (round robin:
    the test's own, and HAProxy when it is installed) on one PostgreSQL database: a search, its
    ▶, a card, its earn, the wallet, /forget and its confirmation, in English and in French, each
    step answered once and acted on once whichever worker gets it (a page or a confirmation made
    on one worker is used on the other); both workers took updates; SIGTERM: both exit 0."""
    from tests.e2e.harness import button_data, free_port

    status, output = (await _together((["--db", fresh_postgres, "migrate"], _env(tmp_path))))[0]
    assert status == 0, output
    proxy, one, two = free_port(), free_port(), free_port()
    stop_balancer = await balancer(tmp_path, proxy, one, two)
    env = {**_bot_env(botapi, tmp_path), "TELEGRAM_WEBHOOK_SECRET": "workers-secret"}
    url = f"http://127.0.0.1:{proxy}/telegram"
    workers = [
        await _start(
            ["--db", fresh_postgres, "webhook", "--url", url, "--listen", "127.0.0.1", "--port", str(port)],
            env,
        )
        for port in (one, two)
    ]
    try:
        for port, worker in zip((one, two), workers, strict=True):
            await _serving(f"http://127.0.0.1:{port}/healthz", worker)
        await botapi.wait_for(lambda: botapi.webhook_url == url, timeout=30, what="the webhook to be set")
        for user_id, language, query, next_label, earn, earned, forget, yes, deleted in CONVERSATIONS:
            learner = await botapi.user(user_id, "Learner", language_code=language)
            said = await botapi.send_text(learner, query)
            results = await botapi.next_reply(learner, after=said, timeout=30)
            await _press(botapi, learner, results, button_data(results, next_label))
            edited = botapi.bot_messages(learner)
            page = edited[0].plain
            assert len(edited) == 1 and "Page 2" in page, page
            await _press(botapi, learner, edited[0], button_data(edited[0], "6"))
            card = botapi.bot_messages(learner)
            assert len(card) == 1 and card[0].plain != page and "Page 2" not in card[0].plain
            title = card[0].plain.splitlines()[0]
            assert title in page  # the sixth result's card
            await _press(botapi, learner, card[0], button_data(card[0], earn))
            [shown] = botapi.bot_messages(learner)
            assert earned in shown.plain
            said = await botapi.send_text(learner, "/earned")
            wallet = await botapi.next_reply(learner, after=said, timeout=30)
            assert title in wallet.plain
            assert wallet.plain.count(title) == 1  # earned once
            said = await botapi.send_text(learner, forget)
            asked = await botapi.next_reply(learner, after=said, timeout=30)
            await _press(botapi, learner, asked, button_data(asked, yes))
            assert deleted in botapi.bot_messages(learner)[-1].plain
            assert len(botapi.bot_messages(learner)) == 3  # results (edited), wallet, confirmation
        taken = []
        for port in (one, two):
            metrics = (await _get(f"http://127.0.0.1:{port}/metrics"))[1]
            line = next(line for line in metrics.splitlines() if line.startswith("credbot_updates_total "))
            taken.append(int(line.split()[1]))
        assert sum(taken) == STEPS * len(CONVERSATIONS) and min(taken) >= 2, taken  # both worked
        assert all(d.status == 200 for d in botapi.webhook_deliveries)
        assert len(botapi.webhook_deliveries) == STEPS * len(CONVERSATIONS)
    finally:
        for worker in workers:
            if worker.returncode is None:
                worker.send_signal(signal.SIGTERM)
        finished = [await _finish(worker) for worker in workers]
        await stop_balancer()
    for status, output in finished:
        assert status == 0, output[-2000:]
    assert botapi.rejected == []

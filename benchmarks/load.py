"""Many learners at once: updates per second and the wait from an update to the bot's reply.

`python -m benchmarks.load [--credentials 100000] [--learners 50 200] [--steps 10]
 [--settings off on] [--seed 1]`

The real Application (polling, one process, SQLite) runs against the local Bot API test server
(tests/e2e/botapi_server.py), on a copy of the synthetic store (benchmarks/synthetic_store.py,
100,000 credentials by default; `--credentials 2000` for a quick run). Each simulated learner
says /start, then goes round a mix of steps, waiting for the bot's reply to each before the next
(a closed loop, as a person does): a search (benchmarks.synthetic queries, both languages),
opening a result's card, "I earned it", another search, the next page, a card, a bundle for a
topic. A step whose button is not there is replaced by a search.

Latency: from the moment the test server queues the update to the arrival of the first
sendMessage / editMessageText for that learner's chat (or the answer to that press, when the bot
only answers it). Updates per second: updates answered / seconds from the first to the last.

Two settings, both reported in the same run:
- `off`: credbot itself. The test server enforces no rate limit (it has none: it never answers
  429 unless told to); the bot's Delivery is built with its overall and group limits off
  (`Delivery(overall_per_second=0, group_per_minute=0)`, retries kept).
- `on`: Telegram's limits, as the bot applies them: the Delivery as shipped (30 calls with a
  chat_id a second overall, 20 a minute per group; private chats have no limit of their own in
  the Delivery -- with one update outstanding per learner a chat stays near 1 a second or
  below). Fairness: the share of whole seconds, while some learner was waiting all through the
  second, in which fewer than 90 % of the cap's calls went out (the limiter idling below the cap
  with work queued), and the spread of each learner's own p95 wait.

Columns: `lost` (no reply within 120 s), `sorry` (replies that were the error handler's apology),
`cores` (CPU of the whole process over the run), `loop` (of which the event loop's thread: the
test server, the learners, PTB and its HTTP), `core` (the worker threads: credbot's conversation
core and its SQL), `start s` (start-up and a warm-up search and bundle, not measured).

The test server, the simulated learners and the bot share one process and one event loop (as in
the e2e tests): the figures include the server's work, so they are a floor for credbot alone.
The machine has 2 cores and other sessions may be running: figures are noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import logging
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.synthetic import TOPICS, synthetic_queries
from benchmarks.synthetic_store import synthetic_store
from bot.app import build_conversation
from bot.config import Settings
from bot.frontends.telegram.app import ALLOWED_UPDATES, build_application, shut_down, start_up
from bot.frontends.telegram.delivery import Delivery
from bot.store.db import Database
from tests.e2e.botapi_server import BotApiServer, Message, User

REPLY_METHODS = {"sendmessage", "editmessagetext", "senddocument"}
LIMITED = {"sendmessage", "editmessagetext", "senddocument", "editmessagereplymarkup", "deletemessage"}
CAP = 30.0  # Delivery's overall default (FloodLimit.MESSAGES_PER_SECOND)
REPLY_TIMEOUT = 120.0
APOLOGY = ("Sorry, something went wrong", "Désolé, un problème est survenu")
CYCLE = ("search", "card", "earn", "search", "next", "card", "bundle")


def percentile(values: Sequence[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@dataclass
class Row:
    learners: int
    setting: str
    variant: str = ""  # "before": the update claimed first and each unit of work its own transaction
    store: str = "sqlite"  # or "postgresql"
    workers: int = 0  # 0: the bot in this process (polling); n: n `credbot webhook` processes
    answer_waits: list[float] = field(default_factory=list)  # a press to its answerCallbackQuery
    fair: list[float] = field(default_factory=list)  # a wait / (learners waiting ÷ the cap)
    updates: int = 0
    lost: int = 0
    apologies: int = 0  # replies that were the error handler's apology
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    learner_p95: list[float] = field(default_factory=list)
    kinds: dict[str, list[float]] = field(default_factory=dict)
    idle_share: float | None = None  # limits on: busy seconds below 90 % of the cap
    busy_seconds: int = 0
    cpu: float = 0.0  # cores used by the process (bot + server + learners)
    loop_cpu: float = 0.0  # of which the event loop's thread: test server, learners, PTB, HTTP
    threads_cpu: float = 0.0  # and the worker threads: credbot's core and its SQL
    start_seconds: float = 0.0
    lost_steps: list[str] = field(default_factory=list)  # the kinds of the steps that got no reply
    warnings: dict[str, int] = field(default_factory=dict)  # the bot's warnings and errors, by kind
    lost_calls: list[str] = field(default_factory=list)  # what the bot sent that chat after a lost step

    @property
    def label(self) -> str:
        return "sqlite 1 proc" if not self.workers else f"pg {self.workers} worker" + "s" * (self.workers > 1)

    @property
    def rate(self) -> float:
        return self.updates / self.seconds if self.seconds else 0.0


class Watch:
    """Hooks the test server's call log: resolves a learner's wait when its reply arrives."""

    def __init__(self, server: BotApiServer) -> None:
        self.waiting: dict[int, asyncio.Future[float]] = {}  # chat id -> reply time
        self.queries: dict[str, int] = {}  # callback query id -> chat id
        self.answers: dict[str, asyncio.Future[float]] = {}  # callback query id -> its answer
        self.waiting_query: dict[int, str] = {}  # chat id -> the press its wait is for
        self.limited_times: list[float] = []
        self.by_chat: dict[int, list[tuple[float, str, int, bool]]] = {}  # (when, method, status, gone)
        original = server._record

        def record(method: str, params: Any, status: int, payload: Any, **kwargs: Any) -> None:
            original(method, params, status, payload, **kwargs)
            now = time.perf_counter()
            name = method.lower()
            if name in LIMITED and status == 200:
                self.limited_times.append(now)
            chat: int | None = None
            if name in REPLY_METHODS and "chat_id" in params:
                try:
                    chat = int(params["chat_id"])
                except (TypeError, ValueError):
                    chat = None
            elif name == "answercallbackquery":
                query = str(params.get("callback_query_id"))
                answered = self.answers.pop(query, None)
                if answered is not None and not answered.done():
                    answered.set_result(now)
                chat = self.queries.pop(query, None)
                # Only the answer to the press being waited for ends the wait (not a late answer
                # to the previous press).
                if chat is not None and self.waiting_query.get(chat) != query:
                    chat = None
            if chat is None and name in REPLY_METHODS | {"answercallbackquery"}:
                chat = self._chat_of(name, params)
                if chat is not None:
                    self.by_chat.setdefault(chat, []).append((now, name, status, bool(kwargs.get("client_gone"))))
                chat = None
            elif chat is not None:
                self.by_chat.setdefault(chat, []).append((now, name, status, bool(kwargs.get("client_gone"))))
            if chat is not None:
                future = self.waiting.pop(chat, None)
                if future is not None and not future.done():
                    future.set_result(now)

        server._record = record  # type: ignore[method-assign]

    def _chat_of(self, name: str, params: Any) -> int | None:
        if name == "answercallbackquery":
            return self.queries.get(str(params.get("callback_query_id")))
        try:
            return int(params["chat_id"])
        except (KeyError, TypeError, ValueError):
            return None

    def since(self, chat: int, began: float) -> str:
        """What the bot called for this chat after `began` (a lost step's story)."""
        calls = [
            f"{method} {status}{' gone' if gone else ''} +{when - began:.1f}s"
            for when, method, status, gone in self.by_chat.get(chat, [])
            if when >= began
        ]
        return ", ".join(calls) or "nothing"


class Warnings(logging.Handler):
    """Counts the bot's warnings and errors during a row, by logger and the start of the message."""

    def __init__(self, row: Row) -> None:
        super().__init__(logging.WARNING)
        self.row = row

    def emit(self, record: logging.LogRecord) -> None:
        try:
            said = record.getMessage()
        except Exception:
            said = str(record.msg)
        error = record.exc_info[1] if record.exc_info else None
        kind = f"{record.name}: {' '.join(said.split()[:4])}" + (
            f" ({type(error).__name__})" if error else ""
        )
        self.row.warnings[kind] = self.row.warnings.get(kind, 0) + 1


def button(message: Message | None, test: Any) -> str | None:
    if message is None:
        return None
    for row in message.buttons:
        for label, data in row:
            if data and test(label):
                return data
    return None


class Learner:
    def __init__(
        self, server: BotApiServer, watch: Watch, user: User, rng: random.Random, row: Row, think: float = 0.0
    ) -> None:
        self.server, self.watch, self.user, self.rng, self.row = server, watch, user, rng, row
        self.think = think
        self.latencies: list[float] = []
        self.results: Message | None = None
        self.card: Message | None = None

    def last(self) -> Message | None:
        messages = self.server.bot_messages(self.user)
        return messages[-1] if messages else None

    async def act(self, kind: str, send: Any) -> None:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[float] = loop.create_future()
        self.watch.waiting[self.user.id] = future
        waiting = len(self.watch.waiting)  # learners waiting for a reply now, this one included
        began = time.perf_counter()
        self.watch.waiting_query.pop(self.user.id, None)
        query = await send()
        answered: asyncio.Future[float] | None = None
        if isinstance(query, str):
            answered = loop.create_future()
            self.watch.queries[query] = self.user.id
            self.watch.answers[query] = answered
            self.watch.waiting_query[self.user.id] = query
        try:
            replied = await asyncio.wait_for(future, REPLY_TIMEOUT)
        except TimeoutError:
            self.row.lost += 1
            self.row.lost_steps.append(kind)
            self.row.lost_calls.append(f"{kind}: {self.watch.since(self.user.id, began)}")
            self.watch.waiting.pop(self.user.id, None)
            return
        wait = replied - began
        self.latencies.append(wait)
        self.row.latencies.append(wait)
        self.row.kinds.setdefault(kind, []).append(wait)
        self.row.updates += 1
        self.row.fair.append(wait / max(waiting / CAP, 1 / CAP))
        if answered is not None:  # as a person, wait for the press's spinner to stop
            try:
                self.row.answer_waits.append(await asyncio.wait_for(answered, 10.0) - began)
            except TimeoutError:
                self.watch.answers.pop(str(query), None)
        for _ in range(3):  # the rest of a reply of several messages
            await asyncio.sleep(0)
        if self.think:  # reading the reply before the next message (exponential, mean `think` s)
            await asyncio.sleep(self.rng.expovariate(1 / self.think))

    async def say(self, kind: str, text: str) -> Message | None:
        await self.act(kind, lambda: self.server.send_text(self.user, text))
        return self.last()

    async def press(self, kind: str, message: Message, data: str) -> Message | None:
        await self.act(kind, lambda: self.server.press_button(self.user, message, data))
        return self.last()

    async def search(self) -> None:
        self.results = await self.say("search", self.rng.choice(QUERIES))

    async def run(self, steps: int) -> None:
        await self.say("start", "/start")
        for step in range(steps - 1):
            kind = CYCLE[step % len(CYCLE)]
            if kind == "card" and (data := button(self.results, lambda s: s.isdigit())) and self.results:
                self.card = await self.press("card", self.results, data)
            elif kind == "earn" and (data := button(self.card, lambda s: "I earned it" in s)) and self.card:
                await self.press("earn", self.card, data)
            elif kind == "next" and (data := button(self.results, lambda s: "Next" in s)) and self.results:
                self.results = await self.press("next", self.results, data)
            elif kind == "bundle":
                topic = TOPICS[self.rng.randrange(len(TOPICS))][1].lower()
                await self.say("bundle", f"bundle for {topic}")
            else:
                await self.search()
        if len(self.latencies) >= 2:
            self.row.learner_p95.append(percentile(self.latencies, 0.95))


QUERIES = synthetic_queries(600)


def limiter(setting: str) -> Delivery:
    if setting == "off":
        return Delivery(overall_per_second=0, group_per_minute=0)
    return Delivery()


def fresh_copy(seed_store: Path) -> Path:
    """A fresh copy of the seed store, always at the same path: the search index saved beside a
    store (keyed by its path) is read back, not built again for every row."""
    database_path = seed_store.parent / "load-run" / "store.sqlite3"
    database_path.parent.mkdir(exist_ok=True)
    for leftover in (database_path, *(database_path.with_name(database_path.name + e) for e in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    shutil.copy(seed_store, database_path)
    return database_path


@contextlib.contextmanager
def as_before(conversation: Any) -> Iterator[None]:
    """The bot as it was before the update's claim was merged into its effects' transaction and
    the bundle solver's catalogue check made every 5 s (not at every bundle): the same run's
    baseline."""
    from bot.frontends.telegram import app as telegram_app

    merged = telegram_app.claim_with_effects
    bundles = conversation.services.bundles
    interval = bundles._check_interval
    telegram_app.claim_with_effects = lambda update: False  # type: ignore[assignment]
    bundles._check_interval = 0.0
    try:
        yield
    finally:
        telegram_app.claim_with_effects = merged  # type: ignore[assignment]
        bundles._check_interval = interval


async def one_row(
    seed_store: Path, learners: int, setting: str, steps: int, seed: int, before: bool = False, think: float = 0.0
) -> Row:
    """The bot in this process (polling) on a copy of the SQLite store."""
    row = Row(learners, setting, "before" if before else "")
    url = f"sqlite:///{fresh_copy(seed_store)}"
    async with BotApiServer() as server:
        watch = Watch(server)
        began = time.perf_counter()
        settings = Settings(token=server.token, api_url=server.root, database_url=url)
        database = Database(url)
        conversation = build_conversation(settings, database)
        app = build_application(settings, conversation, rate_limiter=limiter(setting))
        variant = as_before(conversation) if before else contextlib.nullcontext()
        variant.__enter__()
        await app.initialize()
        await start_up(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=5, allowed_updates=ALLOWED_UPDATES)
        try:

            async def first_tick() -> None:
                # The first clock tick on a new store marks every credential as seen (digests):
                # a one-off write of the whole catalogue, made here rather than in the run.
                await asyncio.to_thread(conversation.tick, dt.datetime.now(dt.UTC))

            await crowd_run(server, watch, row, steps, seed, think, began, first_tick, None)
        finally:
            server.release_held()
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
            await shut_down(app)
            database.dispose()
            variant.__exit__(None, None, None)
    return row


async def crowd_run(
    server: BotApiServer,
    watch: Watch,
    row: Row,
    steps: int,
    seed: int,
    think: float,
    began: float,
    first_tick: Callable[[], Awaitable[None]] | None,
    workers_cpu: Callable[[], float] | None,
) -> None:
    """Warm-up (not measured), then `row.learners` learners of `steps` steps each, measured."""
    warm = Learner(server, watch, await server.user(6_999_999, "Warm-up", "en"), random.Random(0), Row(0, ""))
    await warm.say("start", "/start")
    # Each worker's first search and first bundle load its index and solver (tens of seconds on
    # 100,000 credentials): two of each in a row, so that round robin gives one of each to both.
    for kind, text in (("search", QUERIES[0]), ("bundle", f"bundle for {TOPICS[0][1].lower()}")):
        for _ in range(2):
            await warm.say(kind, text)
    if first_tick is not None:
        await first_tick()
    row.start_seconds = time.perf_counter() - began
    rng = random.Random(seed)
    users = [
        await server.user(7_000_000 + n, f"Learner {n}", rng.choice(["en", "fr"])) for n in range(row.learners)
    ]
    crowd = [
        Learner(server, watch, user, random.Random(seed * 10_000 + n), row, think) for n, user in enumerate(users)
    ]
    sampling = True
    busy: list[tuple[float, bool]] = []

    async def sample() -> None:
        while sampling:
            busy.append((time.perf_counter(), bool(watch.waiting)))
            await asyncio.sleep(0.05)

    sampler = asyncio.create_task(sample())
    counting = Warnings(row)
    logging.getLogger().addHandler(counting)
    cpu_before = os.times()
    threads_before = thread_cpu()
    workers_before = workers_cpu() if workers_cpu else 0.0
    start = time.perf_counter()
    await asyncio.gather(*(learner.run(steps) for learner in crowd))
    row.seconds = time.perf_counter() - start
    cpu_after = os.times()
    threads_after = thread_cpu()
    main_id = threading.main_thread().ident
    for ident, used in threads_after.items():
        share = (used - threads_before.get(ident, 0.0)) / row.seconds
        if ident == main_id:
            row.loop_cpu += share
        else:
            row.threads_cpu += share
    sampling = False
    logging.getLogger().removeHandler(counting)
    await sampler
    row.cpu = ((cpu_after.user - cpu_before.user) + (cpu_after.system - cpu_before.system)) / row.seconds
    if workers_cpu is not None:  # the bot is in the workers: `core` is theirs, `loop` this process
        row.loop_cpu, row.threads_cpu = row.cpu, (workers_cpu() - workers_before) / row.seconds
        row.cpu += row.threads_cpu
    row.apologies = sum(1 for user in users for m in server.bot_messages(user) if m.plain.startswith(APOLOGY))
    if row.setting == "on":
        row.idle_share, row.busy_seconds = idle_below_cap(busy, watch.limited_times, start)


# ---- PostgreSQL and webhook workers ----

WORKER_HOME = Path(__file__).parent / ".cache" / "load-home"  # the workers' saved search index
WEBHOOK_SECRET = "load-benchmark-secret"
RUN_DATABASE = "credbot_load_run"


def postgres_store(size: int) -> str:
    """The URL of a fresh PostgreSQL database holding the synthetic catalogue: a copy (CREATE
    DATABASE … TEMPLATE) of one written once, always under the same name (the workers' saved
    search index is read back), its credentials already marked seen (the first clock tick)."""
    import psycopg

    from benchmarks.synthetic_store import VERSION, write_synthetic
    from tests.conftest import POSTGRES_URL

    admin = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
    base = POSTGRES_URL.rsplit("/", 1)[0]
    template = f"credbot_load_t{size}_v{VERSION}"
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (template,)).fetchone() is None:
            building = f"{template}_partial"
            print(f"writing {size:,} synthetic credentials to PostgreSQL {template} (once) ...", flush=True)
            conn.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{building}"')
            database = Database(f"{base}/{building}")
            write_synthetic(database, size)
            build_conversation(Settings(database_url=f"{base}/{building}"), database).tick(dt.datetime.now(dt.UTC))
            database.dispose()
            conn.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
        conn.execute(f'DROP DATABASE IF EXISTS "{RUN_DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{RUN_DATABASE}" TEMPLATE "{template}"')
    return f"{base}/{RUN_DATABASE}"


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RoundRobin:
    """A reverse proxy of a few lines (HAProxy is not installed here): each webhook POST goes
    to the next worker in turn."""

    def __init__(self, ports: Sequence[int]) -> None:
        self.ports = list(ports)
        self.turn = 0
        self.port = free_port()

    async def __aenter__(self) -> RoundRobin:
        import aiohttp
        from aiohttp import web

        self._client = aiohttp.ClientSession()

        async def forward(request: web.Request) -> web.Response:
            port = self.ports[self.turn % len(self.ports)]
            self.turn += 1
            headers = {k: v for k, v in request.headers.items() if k.lower().startswith(("x-telegram", "content-type"))}
            async with self._client.post(
                f"http://127.0.0.1:{port}/telegram", data=await request.read(), headers=headers
            ) as answer:
                return web.Response(status=answer.status, body=await answer.read())

        app = web.Application()
        app.router.add_post("/telegram", forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._runner.cleanup()
        await self._client.close()


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def workers_row(
    size: int, learners: int, setting: str, steps: int, seed: int, workers: int, think: float, logs: Path
) -> Row:
    """`workers` × `credbot webhook` processes on one PostgreSQL database, behind RoundRobin.
    Limits off: CREDBOT_PAID_BROADCAST=1000 (the overall cap at 1,000 a second: none at these
    rates); on: as shipped (30 a second in each worker)."""
    import aiohttp

    row = Row(learners, setting, store="postgresql", workers=workers)
    url = postgres_store(size)
    ports = [free_port() for _ in range(workers)]
    async with BotApiServer() as server, RoundRobin(ports) as proxy:
        watch = Watch(server)
        began = time.perf_counter()
        WORKER_HOME.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": server.token,
            "TELEGRAM_API_URL": server.root,
            "DATABASE_URL": url,
            "TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "CREDBOT_HOME": str(WORKER_HOME),
            "CREDBOT_CLOCK_SECONDS": "3600",  # no tick in the run (the template's marks are made)
        }
        if setting == "off":
            env["CREDBOT_PAID_BROADCAST"] = "1000"
        processes = []
        for number, port in enumerate(ports):
            log = (logs / f"worker-{learners}-{setting}-{workers}-{number}.log").open("wb")
            processes.append(
                await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "bot", "webhook", "--url", f"http://127.0.0.1:{proxy.port}/telegram",
                    "--listen", "127.0.0.1", "--port", str(port),
                    env=env, stdout=log, stderr=log,
                )
            )  # fmt: skip
        try:
            async with aiohttp.ClientSession() as client:
                for port in ports:
                    for _ in range(600):
                        try:
                            async with client.get(f"http://127.0.0.1:{port}/healthz") as health:
                                if health.status == 200:
                                    break
                        except aiohttp.ClientError:
                            pass
                        await asyncio.sleep(0.5)
            for _ in range(600):
                if server.webhook_url.endswith(f":{proxy.port}/telegram"):
                    break
                await asyncio.sleep(0.1)
            await crowd_run(
                server, watch, row, steps, seed, think, began, None,
                lambda: sum(process_cpu(p.pid) for p in processes),
            )  # fmt: skip
        finally:
            server.release_held()
            for process in processes:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
            for process in processes:
                try:
                    await asyncio.wait_for(process.wait(), 40)
                except TimeoutError:
                    process.kill()
    for path in logs.glob(f"worker-{learners}-{setting}-{workers}-*.log"):
        for line in path.read_text(errors="replace").splitlines():
            if " WARNING " in line or " ERROR " in line:
                said = line.split(" ", 3)[-1]
                kind = " ".join(said.split()[:5])
                row.warnings[kind] = row.warnings.get(kind, 0) + 1
    return row


def thread_cpu() -> dict[int, float]:
    """CPU seconds used so far by each live thread of this process."""
    used: dict[int, float] = {}
    for thread in threading.enumerate():
        if thread.ident is None:
            continue
        try:
            used[thread.ident] = time.clock_gettime(time.pthread_getcpuclockid(thread.ident))
        except (OSError, AttributeError):
            continue
    return used


def idle_below_cap(busy: list[tuple[float, bool]], sent: list[float], start: float) -> tuple[float, int]:
    """(share of whole seconds with a learner waiting all through them in which fewer than 90 %
    of the cap's calls went out, how many such seconds)."""
    if not busy:
        return 0.0, 0
    end = busy[-1][0]
    below = total = 0
    second = start
    while second + 1 <= end:
        samples = [waiting for t, waiting in busy if second <= t < second + 1]
        if samples and all(samples):
            total += 1
            count = sum(1 for t in sent if second <= t < second + 1)
            below += count < 0.9 * CAP
        second += 1
    return (below / total if total else 0.0), total


def ms(value: float) -> str:
    return f"{value * 1000:,.0f}"


def p(values: Sequence[float], share: float) -> str:
    return ms(percentile(values, share)) if values else "-"


def report(rows: list[Row]) -> None:
    print(
        f"  {'learners':>8} {'limits':>6} {'store':>14} {'bot':>6} {'updates':>8} {'lost':>5} {'sorry':>5}"
        f" {'upd/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cores':>6} {'loop':>5} {'core':>5} {'start s':>8}"
    )
    for r in rows:
        print(
            f"  {r.learners:>8} {r.setting:>6} {r.label:>14} {r.variant or 'now':>6} {r.updates:>8} {r.lost:>5}"
            f" {r.apologies:>5} {r.rate:>7.1f} {p(r.latencies, 0.5):>8} {p(r.latencies, 0.95):>8}"
            f" {ms(max(r.latencies, default=0)):>8} {r.cpu:>6.2f} {r.loop_cpu:>5.2f} {r.threads_cpu:>5.2f}"
            f" {r.start_seconds:>8.1f}"
        )
    print("  p50 / p95 ms by step, and from a press to its answer (answerCallbackQuery):")
    for r in rows:
        parts = [f"{kind} {p(v, 0.5)}/{p(v, 0.95)}" for kind, v in sorted(r.kinds.items())]
        parts.append(f"answer {p(r.answer_waits, 0.5)}/{p(r.answer_waits, 0.95)}")
        print(f"    {r.learners} {r.setting} {r.label}{' before' if r.variant else ''}: " + ", ".join(parts))
    for r in rows:
        if r.lost_steps or r.warnings:
            lost = ", ".join(f"{k} {r.lost_steps.count(k)}" for k in sorted(set(r.lost_steps))) or "none"
            print(
                f"  {r.learners} {r.setting} {r.label}{' before' if r.variant else ''}: lost by step: {lost};"
                " the bot's warnings and errors:"
            )
            for kind, count in sorted(r.warnings.items(), key=lambda kv: -kv[1])[:8]:
                print(f"    {count:>5} {kind}")
            for story in r.lost_calls[:5]:
                print(f"    lost {story}")
    befores = {(r.learners, r.setting): r for r in rows if r.variant == "before"}
    if befores:
        print("  now vs before, the same run (ratio):")
        for r in rows:
            old = befores.get((r.learners, r.setting))
            if r.variant or r.workers or old is None or not old.rate:
                continue
            print(
                f"    {r.learners} learners, limits {r.setting}: upd/s {r.rate / old.rate:.2f}x,"
                f" p50 {percentile(r.latencies, 0.5) / percentile(old.latencies, 0.5):.2f}x,"
                f" p95 {percentile(r.latencies, 0.95) / percentile(old.latencies, 0.95):.2f}x,"
                f" lost {old.lost} -> {r.lost}"
            )
    rows = [r for r in rows if not r.variant]
    base = {(r.learners, r.setting): r for r in rows if not r.workers}
    others = [r for r in rows if r.workers and (r.learners, r.setting) in base]
    if others:
        print("  PostgreSQL workers vs SQLite in one process, the same run (ratio):")
        for r in others:
            b = base[(r.learners, r.setting)]
            print(
                f"    {r.learners} learners, limits {r.setting}, {r.label}: upd/s {r.rate / b.rate:.2f}x,"
                f" p50 {percentile(r.latencies, 0.5) / percentile(b.latencies, 0.5):.2f}x,"
                f" p95 {percentile(r.latencies, 0.95) / percentile(b.latencies, 0.95):.2f}x"
            )
    ons = [r for r in rows if r.setting == "on"]
    if ons:
        print(
            "  limits on, fairness: seconds below 90 % of the cap with someone waiting all through them;"
            " each learner's own p95 wait; a wait over a fair share (learners then waiting / 30 a second)"
        )
        for r in ons:
            spread = r.learner_p95
            print(
                f"    {r.learners} learners, {r.label}: {r.idle_share or 0:.0%} of {r.busy_seconds} busy seconds"
                f" below the cap; own p95: median {ms(statistics.median(spread)) if spread else '-'} ms,"
                f" worst {ms(max(spread, default=0))} ms; wait / fair share: p50"
                f" {percentile(r.fair, 0.5):.2f}, p95 {percentile(r.fair, 0.95):.2f}"
            )
    by = {(r.learners, r.setting, r.label): r for r in rows}
    ratios = [
        (key, by[(key[0], "on", key[2])], by[(key[0], "off", key[2])])
        for key in sorted({(r.learners, "", r.label) for r in rows})
        if (key[0], "on", key[2]) in by and (key[0], "off", key[2]) in by
    ]
    if ratios:
        print("  limits on vs off (ratio):")
        for key, on, off in ratios:
            print(
                f"    {key[0]} learners, {key[2]}: upd/s {on.rate / off.rate:.2f}x, p50"
                f" {percentile(on.latencies, 0.5) / percentile(off.latencies, 0.5):.1f}x,"
                f" p95 {percentile(on.latencies, 0.95) / percentile(off.latencies, 0.95):.1f}x"
            )


def commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


async def main_async(args: argparse.Namespace) -> None:
    seed_store = synthetic_store(args.credentials)
    rows: list[Row] = []
    logs = Path(tempfile.mkdtemp(prefix="credbot-load-logs-"))
    for learners in args.learners:
        for setting in args.settings:
            if setting == "on" and learners > args.max_on:
                print(
                    f"  (limits on at {learners} learners skipped: about {learners * args.steps / CAP:.0f} s at 30/s;"
                    " --max-on to run it)"
                )
                continue
            if "sqlite" in args.stores:
                for before in (True, False) if args.before else (False,):
                    rows.append(
                        await one_row(seed_store, learners, setting, args.steps, args.seed, before, args.think)
                    )
                    print(
                        f"  done: {learners} learners, limits {setting}, SQLite{' (before)' if before else ''}",
                        file=sys.stderr,
                        flush=True,
                    )
            if "postgresql" in args.stores:
                for workers in args.workers:
                    rows.append(
                        await workers_row(
                            args.credentials, learners, setting, args.steps, args.seed, workers, args.think, logs
                        )
                    )
                    print(
                        f"  done: {learners} learners, limits {setting}, PostgreSQL, {workers} worker(s)",
                        file=sys.stderr,
                        flush=True,
                    )
    report(rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load")
    parser.add_argument("--credentials", type=int, default=100_000)
    parser.add_argument("--learners", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--steps", type=int, default=10, help="updates per learner")
    parser.add_argument("--settings", nargs="+", choices=["off", "on"], default=["off", "on"])
    parser.add_argument("--max-on", type=int, default=200, help="largest crowd run with limits on")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stores", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite"])
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2], help="webhook workers on PostgreSQL (each a process)"
    )
    parser.add_argument(
        "--before",
        action="store_true",
        help="also run each row as the bot was before (claim first, a transaction per unit of work)",
    )
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean seconds a learner waits after a reply (0: none)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)
    logging.getLogger().handlers[0].setLevel(logging.CRITICAL)
    logging.getLogger().setLevel(logging.WARNING)  # counted (Warnings), not printed
    print(
        f"== load: SQLite, one process (polling), {args.credentials:,} synthetic credentials,"
        f" {args.steps} updates per learner; commit {commit()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())},"
        f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores =="
    )
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main(sys.argv[1:])

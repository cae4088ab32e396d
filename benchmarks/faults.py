"""Telegram failing under three learners: lost replies, things done twice, wallets, start-up.

`python -m benchmarks.faults [--rates 0.2 0.3] [--seeds 1 2 3] [--baseline]`

The real Application (polling) runs against the local Bot API test server (tests/e2e), on a copy
of the default catalogue. From before start-up on, a seeded random fraction `rate` of the bot's
Bot API calls (getUpdates aside) fails, a third each: 429 with retry_after 1 s, 502 Bad Gateway,
or performed with the answer held 6 s (PTB's read timeout is 5 s: the bot gives up after the
request went out). Three learners, concurrently, each go through 11 steps: /start, a search,
next page, open a card, earn it, a bundle, swap (3 presses), save the bundle, /earned. A step
whose reply does not come (nothing new or changed in the chat, or only the apology) is lost;
the learner tries it again, up to 3 attempts, as a person would.

Figures per rate: attempts, lost (attempts without their reply), steps never done, duplicated
replies (the same text sent twice for one attempt), applied twice (two saved bundles, two wallet
rows for one card), wallets right (the wallet holds exactly the card the learner was told was
earned), start-ups that worked (within 120 s, out of the seeds).
`--baseline` also runs PTB's AIORateLimiter(max_retries=3), the delivery on main before the
Delivery; both have the reply-before-answer order for button presses (landed first).

The random faults follow the order of calls, which the three concurrent learners interleave:
the same seed gives close, not identical, runs."""

from __future__ import annotations

import argparse
import asyncio
import logging
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from telegram.ext import AIORateLimiter

from bot.app import build_conversation, open_database
from bot.config import Settings
from bot.frontends.telegram.app import ALLOWED_UPDATES, build_application, shut_down, start_up
from bot.store import models
from bot.store.db import Database
from tests.e2e.botapi_server import BotApiServer, Message, User

APOLOGY = "Sorry, something went wrong on my side. Please try again."
ATTEMPTS = 3
SETTLE_LIMIT = 90.0


@dataclass
class Tally:
    attempts: int = 0
    lost: int = 0
    undone: int = 0
    duplicated: int = 0
    applied_twice: int = 0
    wallets_right: int = 0
    learners: int = 0
    started: int = 0
    runs: int = 0
    seconds: float = 0.0
    faults: dict[str, int] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        for name in ("attempts", "lost", "undone", "duplicated", "applied_twice", "wallets_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.learners += other.learners
        self.started += other.started
        self.runs += other.runs
        self.seconds += other.seconds
        for kind, count in other.faults.items():
            self.faults[kind] = self.faults.get(kind, 0) + count


class Bot:
    def __init__(self, server: BotApiServer, app: Any, database: Database) -> None:
        self.server, self.app, self.database = server, app, database

    async def settle(self) -> None:
        """Until the bot has finished with every update (retries and backoffs included)."""
        deadline = time.monotonic() + SETTLE_LIMIT
        quiet = 0
        while quiet < 5 and time.monotonic() < deadline:
            busy = self.app.update_processor.current_concurrent_updates or not self.server._settled(None)
            quiet = 0 if busy else quiet + 1
            await asyncio.sleep(0.05)

    async def stop(self) -> None:
        self.server.release_held()
        await self.app.updater.stop()
        await self.app.stop()
        await self.app.shutdown()
        await shut_down(self.app)  # the outbox clock (run_polling's post_stop)
        self.database.dispose()


async def start(server: BotApiServer, database_url: str, baseline: bool) -> Bot:
    settings = Settings(token=server.token, api_url=server.root, database_url=database_url)
    database = Database(database_url)
    conversation = build_conversation(settings, database)
    limiter = AIORateLimiter(max_retries=3) if baseline else None
    app = build_application(settings, conversation, rate_limiter=limiter)
    try:
        await app.initialize()
        await start_up(app)
        await app.start()
        server.watch_update_queue(app.update_queue)
        await app.updater.start_polling(poll_interval=0, timeout=5, allowed_updates=ALLOWED_UPDATES)
    except BaseException:
        database.dispose()
        raise
    return Bot(server, app, database)


def snapshot(server: BotApiServer, user: User) -> dict[int, str]:
    return {m.message_id: m.plain + repr(m.reply_markup) for m in server.bot_messages(user)}


def changed(server: BotApiServer, user: User, before: dict[int, str]) -> list[Message]:
    return [
        m for m in server.bot_messages(user) if before.get(m.message_id) != m.plain + repr(m.reply_markup)
    ]


def shown(message: Message) -> str:
    return message.plain + " " + " ".join(label for row in message.buttons for label, _data in row)


def find_button(message: Message, part: str) -> str | None:
    for row in message.buttons:
        for label, data in row:
            if part in label and data:
                return data
    return None


class Learner:
    def __init__(self, bot: Bot, user: User, tally: Tally) -> None:
        self.bot, self.user, self.tally = bot, user, tally
        self.told_earned: str | None = None

    async def step(
        self, act: Callable[[], Any], good: Callable[[list[Message]], Message | None]
    ) -> Message | None:
        server = self.bot.server
        for _attempt in range(ATTEMPTS):
            self.tally.attempts += 1
            before = snapshot(server, self.user)
            await act()
            await self.bot.settle()
            new = changed(server, self.user, before)
            texts = [m.plain for m in new if m.message_id not in before]
            self.tally.duplicated += len(texts) - len(set(texts))
            result = good([m for m in new if m.plain != APOLOGY])
            if result is not None:
                return result
            self.tally.lost += 1
        self.tally.undone += 1
        return None

    async def say(self, text: str, expect: str) -> Message | None:
        return await self.step(
            lambda: self.bot.server.send_text(self.user, text),
            lambda new: next((m for m in new if expect in m.plain), None),
        )

    async def tap(
        self, message: Message, part: str, expect: str | Callable[[Message], bool]
    ) -> Message | None:
        def good(new: list[Message]) -> Message | None:
            matches = (lambda m: expect in shown(m)) if isinstance(expect, str) else expect
            return next((m for m in new if matches(m)), None)

        async def press() -> None:
            data = find_button(message, part)  # the message as it is now (a retry's edit may be there)
            if data is not None:
                await self.bot.server.press_button(self.user, message, data)

        if find_button(message, part) is None:
            self.tally.undone += 1
            print(f"  no {part!r} button on: {shown(message)[:300]!r}", file=sys.stderr)
            return None
        return await self.step(press, good)

    async def run(self) -> None:
        if await self.say("/start", "Welcome") is None:
            return
        results = await self.say("cyber", "results for")
        if results is None:
            return
        page = await self.tap(results, "Next", "Page 2")
        card = await self.tap(page or results, "6" if page else "1", "I earned it")
        if card is not None:
            title = card.plain.splitlines()[0]
            earned = await self.tap(card, "I earned it", "You have earned this credential.")
            if earned is not None:
                self.told_earned = title
        bundle = await self.say("bundle for data analyst", "Bundle for")
        if bundle is not None:
            picker = await self.tap(bundle, "Swap a credential", "Which credential do you want to replace?")
            choices = await self.tap(picker, "Swap 1:", "Replace “") if picker else None
            swapped = await self.tap(choices, "🔁 1:", "Bundle for") if choices else None
            if swapped is not None:
                await self.tap(swapped, "💾 Save", lambda m: find_button(m, "💾 Save") is None)
        await self.say("/earned", "wallet")


def wallet_check(database: Database, learner: Learner) -> tuple[bool, int]:
    """(the wallet holds exactly what the learner was told, things applied twice)."""
    ref = f"telegram:{learner.user.id}"
    with database.session() as session:
        learner_id = session.scalar(select(models.Learner.id).where(models.Learner.ref == ref))
        if learner_id is None:
            return learner.told_earned is None, 0
        titles = list(
            session.scalars(
                select(models.EarnedCredential.title).where(models.EarnedCredential.learner_id == learner_id)
            )
        )
        saved = session.scalar(
            select(func.count())
            .select_from(models.Bundle)
            .where(models.Bundle.learner_id == learner_id, models.Bundle.saved.is_(True))
        )
    twice = max(0, len(titles) - 1) + max(0, (saved or 0) - 1)
    told = learner.told_earned
    right = (told is None and not titles) or (
        told is not None and len(titles) == 1 and told.startswith(titles[0] or "?")
    )
    return right, twice


async def one_run(seed_store: Path, workdir: Path, rate: float, seed: int, baseline: bool) -> Tally:
    tally = Tally(runs=1)
    database = workdir / f"run-{rate}-{seed}-{baseline}.sqlite3"
    shutil.copy(seed_store, database)
    url = f"sqlite:///{database}"
    began = time.monotonic()
    async with BotApiServer() as server:
        server.inject_faults(rate, seed=seed)
        try:
            bot = await asyncio.wait_for(start(server, url, baseline), 120)
            tally.started = 1
        except Exception as error:  # start-up failed under faults: start again without them
            print(f"  start-up failed (rate {rate}, seed {seed}): {type(error).__name__}", file=sys.stderr)
            server.inject_faults(0, seed=0)
            bot = await start(server, url, baseline)
            server.inject_faults(rate, seed=seed + 1000)
        try:
            users = [await server.user(9100 + n, f"Learner {n}", "en") for n in range(3)]
            learners = [Learner(bot, user, tally) for user in users]
            await asyncio.gather(*(learner.run() for learner in learners))
            server.inject_faults(0, seed=0)
            await bot.settle()
            for learner in learners:
                right, twice = wallet_check(bot.database, learner)
                tally.wallets_right += right
                tally.applied_twice += twice
            tally.learners = len(learners)
            tally.faults = dict(server.faults_injected)
        finally:
            await bot.stop()
    tally.seconds = time.monotonic() - began
    return tally


def report(rate: float, results: dict[str, Tally]) -> None:
    names = list(results)
    print(
        f"fault rate {rate}: "
        + ", ".join(f"{n}: {results[n].runs} runs, {results[n].seconds:.0f} s" for n in names)
    )
    rows = [
        ("attempts", lambda t: t.attempts),
        ("lost (no reply, or only the apology)", lambda t: t.lost),
        ("steps never done (3 attempts)", lambda t: t.undone),
        ("duplicated replies", lambda t: t.duplicated),
        ("applied twice", lambda t: t.applied_twice),
        ("wallets right", lambda t: f"{t.wallets_right}/{t.learners}"),
        ("start-ups that worked", lambda t: f"{t.started}/{t.runs}"),
        (
            "faults injected (429/502/held)",
            lambda t: "/".join(str(t.faults.get(k, 0)) for k in ("429", "502", "delay")),
        ),
    ]
    print(f"  {'':40}" + "".join(f"{n:>16}" for n in names))
    for label, value in rows:
        print(f"  {label:40}" + "".join(f"{value(results[n])!s:>16}" for n in names))


async def main_async(rates: list[float], seeds: list[int], baseline: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="credbot-faults-") as tmp:
        workdir = Path(tmp)
        seed_store = workdir / "seed.sqlite3"
        open_database(Settings(database_url=f"sqlite:///{seed_store}")).dispose()
        for rate in rates:
            variants = {"Delivery": False, **({"AIORateLimiter": True} if baseline else {})}
            results: dict[str, Tally] = {}
            for name, is_baseline in variants.items():
                total = Tally()
                for seed in seeds:
                    total.add(await one_run(seed_store, workdir, rate, seed, is_baseline))
                results[name] = total
            report(rate, results)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.faults")
    parser.add_argument("--rates", type=float, nargs="+", default=[0.2, 0.3])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--baseline", action="store_true", help="also AIORateLimiter(max_retries=3)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)  # the faults make the bot log a lot; figures only
    asyncio.run(main_async(args.rates, args.seeds, args.baseline))


if __name__ == "__main__":
    main(sys.argv[1:])

"""Restarts: `credbot run` (a real process, long polling against the local Bot API test server)
killed with SIGKILL at random points while several learners talk to it, each time started again
on the same store. Every learner goes through a scripted conversation: a search, its next page, a
card, "I earned it", a bundle, a swap in three presses, Save, a language change, the wallet.

A step is lost when it never gets its reply (the update was taken and never acted on); a
duplicate is a message sent twice for one step (the process was killed after the reply went out
and before the update was marked handled in the store: the update is handled again after the
restart). At the end the store must hold each learner's one earned credential, one saved bundle
and their language choice.

    python -m benchmarks.restarts --kills 40 --learners 6 --seed 1

The CI version is tests/e2e/test_restarts.py (a few kills, seeded)."""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bot.store import models
from bot.store.db import Database
from tests.e2e.botapi_server import BotApiServer, Message, User


@dataclass(frozen=True)
class Step:
    """Type `text`, or press the button whose label holds `press` on the learner's last message;
    done when the reply (a new message, or the pressed message edited) holds `expect` in its text
    or in a button's label."""

    expect: str
    text: str = ""
    press: str = ""


ENGLISH = (
    Step("results for", text="cybersecurity"),
    Step("Page 2", press="Next"),
    Step("I earned it", press="6"),
    Step("You have earned this credential.", press="I earned it"),
    Step("Bundle for", text="bundle for data analyst"),
    Step("Which credential do you want to replace?", press="Swap a credential"),
    Step("Replace “", press="Swap 1:"),
    Step("Replaced “", press="🔁 1:"),
    Step("Share", press="Save"),
    Step("Je vous parlerai en français.", text="/language fr"),
    Step("Vos acquis\u00a0: 1 microcertification", text="/acquis"),
)
FRENCH = (
    Step("résultats pour", text="cybersécurité"),
    Step("Page 2", press="Suivant"),
    Step("Je l’ai obtenue", press="6"),
    Step("Vous avez obtenu cette microcertification.", press="Je l’ai obtenue"),
    Step("Parcours pour", text="/parcours analyste de données"),
    Step("Partager", press="Enregistrer"),
    Step("I will speak English with you.", text="/language en"),
    Step("Your wallet: 1 credential", text="/earned"),
)
# (user id, Telegram language, script, the language chosen at the end)
Learner = tuple[int, str, tuple[Step, ...], str]


def learners(count: int) -> tuple[Learner, ...]:
    """`count` learners, in English and in French by turns."""
    kinds = (("en", ENGLISH, "fr"), ("fr-CA", FRENCH, "en"), ("en-GB", ENGLISH, "fr"), ("fr", FRENCH, "en"))
    return tuple((9101 + n, *kinds[n % len(kinds)]) for n in range(count))


LEARNERS = learners(3)


@dataclass
class Outcome:
    kills: int = 0
    steps: int = 0
    lost: list[str] = field(default_factory=list)
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.kills} kills, {self.steps} steps, {len(self.lost)} lost, "
            f"{self.duplicates} duplicate repl{'y' if self.duplicates == 1 else 'ies'}"
        )


def _shows(message: Message, expect: str) -> bool:
    return expect in message.plain or any(expect in label for row in message.buttons for label, _ in row)


class Bot:
    """`credbot run` on `url`, killed and started again."""

    def __init__(self, server: BotApiServer, url: str, home: Path) -> None:
        self.server, self.url, self.home = server, url, home
        self.process: asyncio.subprocess.Process | None = None
        self.starts = 0

    async def start(self) -> None:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": self.server.token,
            "TELEGRAM_API_URL": self.server.root,
            "CREDBOT_HOME": str(self.home),
            "DATABASE_URL": self.url,
            "CREDBOT_CLOCK_SECONDS": "3600",
        }
        log = (self.home / f"run{self.starts}.log").open("wb")
        self.starts += 1
        self.calls_at_start = len(self.server.calls)
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env, stdout=log, stderr=log
        )
        log.close()

    async def polling(self) -> None:
        """Until this process (not a killed one) asked Telegram for updates."""
        await self.server.wait_for(
            lambda: any(call.method == "getUpdates" for call in self.server.calls[self.calls_at_start :]),
            timeout=120,
            what="the bot to poll",
        )

    async def kill(self) -> None:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.kill()
        await self.process.wait()

    async def stop(self) -> int:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), 60)


async def _awaited(
    server: BotApiServer, bot: Bot, done: Callable[[], bool], timeout: float, what: str
) -> None:
    """Until `done()`; lost when it stays false `timeout` seconds with no restart meanwhile
    (a bot killed again and again before it could answer is late, not lost)."""
    while True:
        starts = bot.starts
        try:
            await server.wait_for(done, timeout=timeout, what=what)
            return
        except AssertionError:
            if bot.starts == starts:
                raise


async def _learner(
    server: BotApiServer, bot: Bot, user: User, script: tuple[Step, ...], outcome: Outcome, timeout: float
) -> None:
    last: Message | None = None
    for number, step in enumerate(script, 1):
        name = f"learner {user.id} step {number} ({step.text or step.press!r})"
        if step.press and last is None:
            continue  # the message to press on never came: on to the next typed step
        outcome.steps += 1
        try:
            if step.text:
                before = max((m.message_id for m in server.bot_messages(user)), default=0)
                await server.send_text(user, step.text)

                def arrived(before: int = before, expect: str = step.expect) -> Message | None:
                    return next(
                        (m for m in server.bot_messages(user) if m.message_id > before and _shows(m, expect)),
                        None,
                    )

                await _awaited(server, bot, lambda: arrived() is not None, timeout, name)
                last = arrived()
            else:
                assert last is not None
                shown = next(m for m in server.bot_messages(user) if m.message_id == last.message_id)
                data = next(d for row in shown.buttons for label, d in row if step.press in label and d)
                query = await server.press_button(user, shown, data)
                message_id = shown.message_id

                def edited(message_id: int = message_id, expect: str = step.expect) -> Message | None:
                    return next(
                        (
                            m
                            for m in server.bot_messages(user)
                            if m.message_id == message_id and _shows(m, expect)
                        ),
                        None,
                    )

                await _awaited(
                    server,
                    bot,
                    lambda: (
                        edited() is not None
                        and any(a.callback_query_id == query for a in server.callback_answers)  # noqa: B023
                    ),
                    timeout,
                    name,
                )
                last = edited()
        except (AssertionError, StopIteration) as error:
            outcome.lost.append(f"{name}: {str(error).splitlines()[0][:200]}")
            last = None


async def _killer(
    server: BotApiServer, bot: Bot, kills: int, rng: random.Random, outcome: Outcome, done: asyncio.Event
) -> None:
    """Kill the bot a random number of Bot API calls after it started polling, start it again."""
    for _kill in range(kills):
        await bot.polling()
        if done.is_set():
            return
        target = len(server.calls) + rng.randint(1, 12)
        await server.wait_for(
            lambda target=target: len(server.calls) >= target or done.is_set(), timeout=120, what="calls"
        )
        if done.is_set():
            return
        await bot.kill()
        outcome.kills += 1
        server.release_held()
        await bot.start()


def _count(db: Database, model: Any, *where: Any) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _check_store(url: str, learners: tuple[Learner, ...], outcome: Outcome) -> None:
    db = Database(url, auto_migrate=False)
    try:
        with db.session() as session:
            for user_id, _language, _script, chosen in learners:
                learner = session.scalar(
                    select(models.Learner).where(models.Learner.ref == f"telegram:{user_id}")
                )
                if learner is None:
                    outcome.problems.append(f"learner {user_id} not in the store")
                    continue
                earned = _count(db, models.EarnedCredential, models.EarnedCredential.learner_id == learner.id)
                saved = _count(db, models.Bundle, models.Bundle.learner_id == learner.id, models.Bundle.saved)
                if earned != 1:
                    outcome.problems.append(f"learner {user_id}: {earned} earned credentials, not 1")
                if saved != 1:
                    outcome.problems.append(f"learner {user_id}: {saved} saved bundles, not 1")
                if learner.locale != chosen:
                    outcome.problems.append(f"learner {user_id}: language {learner.locale!r}, not {chosen!r}")
    finally:
        db.dispose()


async def run(
    server: BotApiServer,
    url: str,
    home: Path,
    kills: int,
    seed: int,
    learners: tuple[Learner, ...] = LEARNERS,
    timeout: float = 60,
) -> Outcome:
    """The `learners`' conversations, at once, with `kills` SIGKILLs at random points (seeded),
    then SIGTERM; what was lost or duplicated, and what the store holds."""
    rng = random.Random(seed)
    outcome = Outcome()
    bot = Bot(server, url, home)
    await bot.start()
    done = asyncio.Event()
    killer = asyncio.create_task(_killer(server, bot, kills, rng, outcome, done))
    users = [
        await server.user(user_id, "Learner", language_code=language)
        for user_id, language, _s, _c in learners
    ]
    try:
        await asyncio.gather(
            *(
                _learner(server, bot, user, script, outcome, timeout)
                for user, (_id, _language, script, _chosen) in zip(users, learners, strict=True)
            )
        )
    finally:
        done.set()
        await killer
        await bot.polling()
        status = await bot.stop()
    if status != 0:
        outcome.problems.append(f"the last process exited {status} on SIGTERM")
    for user, (_id, _language, script, _chosen) in zip(users, learners, strict=True):
        expected = sum(1 for step in script if step.text)
        outcome.duplicates += max(0, len(server.bot_messages(user)) - expected)
    for call in server.rejected:
        said = str(call.response.get("description", ""))
        # A press handled again after a kill: its first answer and edit went out before the
        # process died; the same edit again is "not modified" (which the bot ignores).
        again = (call.method == "answerCallbackQuery" and "query is too old" in said) or (
            call.method == "editMessageText" and "not modified" in said
        )
        if not again:
            outcome.problems.append(f"refused: {call}")
    _check_store(url, learners, outcome)
    return outcome


async def _main(kills: int, seed: int, count: int) -> Outcome:
    from bot.app import open_database
    from bot.config import Settings

    with tempfile.TemporaryDirectory(prefix="credbot-restarts-") as where:
        home = Path(where)
        path = home / "credbot.sqlite3"
        open_database(Settings(database_url=f"sqlite:///{path}")).dispose()
        server = BotApiServer()
        await server.start()
        try:
            outcome = await run(server, f"sqlite:///{path}", home, kills, seed, learners(count))
        finally:
            await server.stop()
        if outcome.lost or outcome.problems:
            kept = Path(tempfile.mkdtemp(prefix=f"credbot-restarts-seed{seed}-kept-"))
            shutil.copytree(home, kept, dirs_exist_ok=True)
            print(f"the store and the logs: {kept}")
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kills", type=int, default=36)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--learners", type=int, default=3, help="learners talking at once")
    args = parser.parse_args(argv)
    outcome = asyncio.run(_main(args.kills, args.seed, args.learners))
    print(outcome.line())
    for line in outcome.lost + outcome.problems:
        print("  " + line)
    return 0 if not outcome.lost and not outcome.problems else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""`credbot run` as a learner's machine runs it: a separate process, configured only through the
environment, talking to the local Bot API test server over HTTP."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.e2e.botapi_server import BotApiServer

pytestmark = pytest.mark.asyncio


async def test_credbot_run_answers_learners_and_never_logs_the_token(
    botapi: BotApiServer, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": botapi.token,
        "TELEGRAM_API_URL": botapi.root,
        "CREDBOT_HOME": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "--verbose", "run",
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        # Start-up seeds the sample catalogue and sets the menus before polling.
        await botapi.wait_for(lambda: botapi.waiting_polls > 0, timeout=60, what="the bot to poll")
        assert {"default", "en", "fr"} <= {str(key) for key in _menu_languages(botapi)}
        elise = await botapi.user(4242, "Élise", language_code="fr-CA")
        said = await botapi.send_text(elise, "cybersecurte")
        reply = await botapi.next_reply(elise, after=said, timeout=30)
        assert "résultats pour «\u00a0cybersecurte\u00a0»" in reply.plain
        assert "Cybersécurité" in reply.plain or "cybersécurité" in reply.plain
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
        _stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    log = stderr.decode()
    assert process.returncode == 0, log[-2000:]
    assert "Application started" in log or "credbot starting" in log
    assert botapi.token not in log
    assert botapi.token.split(":", 1)[1] not in log
    assert botapi.rejected == []


def _menu_languages(botapi: BotApiServer) -> list[object]:
    languages = []
    for key in botapi.commands:
        language = key[-1] if isinstance(key, tuple) else key
        languages.append(language or "default")
    return languages

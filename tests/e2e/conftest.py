"""Fixtures for the end-to-end tests: the local Bot API server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.app import open_database
from bot.config import Settings
from tests.e2e.botapi_server import BotApiServer


@pytest_asyncio.fixture
async def botapi() -> AsyncIterator[BotApiServer]:
    """A started :class:`BotApiServer` on the test's event loop (stopped afterwards)."""
    server = BotApiServer()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store seeded with the default catalogue, once; tests run on copies of it."""
    path = tmp_path_factory.mktemp("seed") / "credbot.sqlite3"
    open_database(Settings(database_url=f"sqlite:///{path}")).dispose()
    return path

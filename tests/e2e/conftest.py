"""Fixtures for the end-to-end tests: the local Bot API server."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

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

"""Wiring: settings → store → search → conversation. Shared by every front end."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.config import Settings, catalogue_dir
from bot.store.db import Database

if TYPE_CHECKING:  # imported when used: `credbot search` needs only the store
    from bot.conversation.core import Conversation

log = logging.getLogger(__name__)


def open_database(settings: Settings, seed: bool = True) -> Database:
    from bot.catalogue.importer import ensure_seeded

    db = Database(settings.database_url)
    if seed:
        ensure_seeded(db, catalogue_dir())
    return db


def build_conversation(
    settings: Settings, db: Database | None = None, bot_username: str | None = None
) -> Conversation:
    from bot.conversation.core import Conversation, Services
    from bot.search.service import CatalogueSearch

    db = db or open_database(settings)
    services = Services(
        db=db,
        search=CatalogueSearch(db),
        bot_username=bot_username,
        admin_ids=settings.admin_ids,
    )
    return Conversation(services)

"""Which network's catalogue a search in a chat shows first."""

from __future__ import annotations

from bot.domain.network import NetworkCatalogue
from bot.store.db import Database


class Networks:
    def __init__(self, store: Database) -> None:
        self._store = store

    def catalogue_for(self, telegram_chat_id: int) -> NetworkCatalogue | None:
        """The network of the chat and its credentials; None when the chat has no network or its
        network has no credentials (searches there are as everywhere)."""
        with self._store.unit_of_work() as uow:
            network = uow.networks.of_chat(telegram_chat_id)
            if network is None:
                return None
            ids = frozenset(uow.networks.credential_ids(network.id))
        return NetworkCatalogue(network, ids) if ids else None

"""Networks: which chats share a catalogue, and the credentials each one loaded."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.domain.network import Network, NetworkScope
from bot.store import models


class NetworkRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _plain(self, row: models.Network) -> Network:
        chats = self._session.execute(
            select(models.Chat.telegram_chat_id, models.Chat.title)
            .where(models.Chat.network_id == row.id)
            .order_by(models.Chat.title, models.Chat.telegram_chat_id)
        ).all()
        return Network(
            id=row.id,
            name=row.name,
            chat_ids=tuple(chat_id for chat_id, _title in chats),
            chat_titles=tuple(title or "" for _chat_id, title in chats),
        )

    def get(self, network_id: int) -> Network | None:
        row = self._session.get(models.Network, network_id)
        return self._plain(row) if row is not None else None

    def of_chat(self, telegram_chat_id: int) -> Network | None:
        row = self._session.scalars(
            select(models.Network)
            .join(models.Chat, models.Chat.network_id == models.Network.id)
            .where(models.Chat.telegram_chat_id == telegram_chat_id)
        ).first()
        return self._plain(row) if row is not None else None

    def target(self, telegram_chat_ids: Sequence[int]) -> Network | None:
        """The network these chats would share: the one that holds the most of them already
        (the oldest on a tie); None when none of them is in a network."""
        found: list[tuple[int, int]] = [
            (int(network_id), int(count))
            for network_id, count in self._session.execute(
                select(models.Chat.network_id, func.count())
                .where(models.Chat.telegram_chat_id.in_(list(telegram_chat_ids)))
                .where(models.Chat.network_id.is_not(None))
                .group_by(models.Chat.network_id)
            )
            if network_id is not None
        ]
        if not found:
            return None
        network_id = min(found, key=lambda row: (-row[1], row[0]))[0]
        return self.get(network_id)

    def settle(self, scope: NetworkScope) -> Network:
        """The scope's chats made one network: the `target` one, else a new one; a chat that was
        in another network leaves it (that network's catalogue stays with its other chats)."""
        network = self.target(scope.chat_ids)
        if network is None:
            row = models.Network(name=scope.name[:300], created_by=scope.created_by)
            self._session.add(row)
            self._session.flush()
            network_id = row.id
        else:
            network_id = network.id
        self._session.execute(
            update(models.Chat)
            .where(models.Chat.telegram_chat_id.in_(list(scope.chat_ids)))
            .values(network_id=network_id)
        )
        settled = self.get(network_id)
        assert settled is not None
        return settled

    def credential_ids(self, network_id: int) -> list[int]:
        return list(
            self._session.scalars(
                select(models.CredentialNetwork.credential_id)
                .where(models.CredentialNetwork.network_id == network_id)
                .order_by(models.CredentialNetwork.credential_id)
            )
        )

    def networks_of(self, credential_id: int) -> list[int]:
        return list(
            self._session.scalars(
                select(models.CredentialNetwork.network_id)
                .where(models.CredentialNetwork.credential_id == credential_id)
                .order_by(models.CredentialNetwork.network_id)
            )
        )

"""A network: a chat, or chats its managers grouped, with a catalogue of its own."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Network:
    id: int
    name: str
    # Telegram ids of its chats, and their titles, in the same order.
    chat_ids: tuple[int, ...] = ()
    chat_titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class NetworkScope:
    """The chats a manager loads a catalogue for: they become (or stay) one network, named
    `name` when a new one is made."""

    chat_ids: tuple[int, ...]
    name: str
    created_by: int


@dataclass(frozen=True)
class NetworkCatalogue:
    """A network and the store ids of the credentials it loaded."""

    network: Network
    credential_ids: frozenset[int]

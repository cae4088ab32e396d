"""Who is talking, and the services the conversation answers with (given by the composition root)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import quote, urlencode

from bot.account.service import Account
from bot.account.state import ConversationState
from bot.bundles.service import Bundles
from bot.catalogue.networks import Networks
from bot.catalogue.service import Catalogue
from bot.catalogue.sources import NetworkSources
from bot.catalogue.uploads import NetworkUploads
from bot.community.audit import AuditLog
from bot.community.digests import Digests
from bot.community.links import DeepLinks
from bot.community.managing import Management
from bot.community.outbox import Outbox
from bot.community.proofs import AdminProofs
from bot.community.rights import Rights
from bot.community.statistics import Statistics
from bot.community.workers import WorkerStats
from bot.domain.audit import Actor
from bot.domain.limits import Limits
from bot.domain.shown import Shown as Shown
from bot.search.index import SearchResult
from bot.wallet.service import Wallet
from bot.wallet.sharing import Shares


class Searcher(Protocol):
    def search(
        self,
        query: str,
        *,
        locale: str = "en",
        limit: int = 10,
        offset: int = 0,
        filters: Limits | None = None,
        first: Collection[int] = (),
    ) -> SearchResult: ...


@dataclass(frozen=True)
class Who:
    """Who is talking, as the front end knows it."""

    ref: str
    telegram_user_id: int | None = None
    language_code: str | None = None
    private: bool = True
    # The group or channel the message came from. Rights in it are asked live (services.rights).
    chat_id: int | None = None
    chat_title: str | None = None
    # The sender wrote as the group itself (an anonymous administrator): no user to check, so
    # they prove themselves with a button first.
    anonymous: bool = False
    chat_kind: str | None = None  # group, supergroup, channel (None in private)
    # The forum topic the message came from; None for the General topic and outside forums (a
    # reply there omits message_thread_id: never 1).
    thread_id: int | None = None
    # The person's name as Telegram gives it (first and last name), for the audit log.
    name: str | None = None

    @property
    def in_group(self) -> bool:
        return not self.private and self.chat_id is not None

    @property
    def actor(self) -> Actor:
        """Who the audit log says made a change."""
        return Actor(self.telegram_user_id, self.name)


@dataclass
class Services:
    search: Searcher
    catalogue: Catalogue
    wallet: Wallet
    bundles: Bundles
    account: Account
    links: DeepLinks
    # The one push path: every message the bot posts on its own (bot.conversation.push).
    outbox: Outbox
    # Result pages, each learner's last search and what they were shown last (in the store: they
    # outlive a restart and are shared by workers), and the updates already taken.
    state: ConversationState
    bot_username: str | None = None
    admin_ids: frozenset[int] = frozenset()
    # Community actions: a member's Telegram rights, asked live (the Telegram adapter connects it).
    rights: Rights = field(default_factory=Rights)
    # What members look for and find, counted per chat (None: nothing is counted).
    stats: Statistics | None = None
    # Digest subscriptions and runs (None: no digests), and the one push path they post through:
    # `push(services, key, chat_id, reply, thread_id) -> bool`, False when that key was already
    # queued or sent (the outbox's contract).
    digests: Digests | None = None
    push: Callable[..., bool] | None = None
    # Catalogue files sent by networks' managers, awaiting Confirm (None: only admin_ids import).
    uploads: NetworkUploads | None = None
    # Networks' own catalogues, shown first in their chats' searches (None: one catalogue).
    networks: Networks | None = None
    # Who changed a chat's settings, catalogue or digests (None: /audit is not available).
    audit: AuditLog | None = None
    # What anonymous administrators asked, until one proves themselves (None: they are refused).
    proofs: AdminProofs | None = None
    # Networks' catalogues fetched from a URL on a schedule (None: no sources at all).
    sources: NetworkSources | None = None
    # Read-only links to a learner's wallet or bundle (`/share`; None: not available).
    shares: Shares | None = None
    # `/manage`: the chats a member administers now, checked live (None: not available).
    management: Management | None = None
    # What this process counted, published for `credbot status` (None: not published).
    workers: WorkerStats | None = None
    # Jobs the front end's clock runs every tick with the time (digests, scheduled sources,
    # weekly reports): each decides whether it is due and posts through the outbox.
    periodic: list[Callable[[dt.datetime], None]] = field(default_factory=list)

    def share_link(self, payload: str) -> str | None:
        """A t.me deep link that opens the bot on `payload` (None until the bot's name is known)."""
        if not self.bot_username:
            return None
        return f"https://t.me/{self.bot_username}?start={payload}"

    def private_link(self, payload: str = "") -> str | None:
        """A t.me link that opens the private chat with the bot (on `payload` when given)."""
        if not self.bot_username:
            return None
        return self.share_link(payload) if payload else f"https://t.me/{self.bot_username}"

    def share_sheet(self, payload: str, text: str = "") -> str | None:
        """Telegram's share sheet (choose a chat, then send) for the deep link to `payload`."""
        link = self.share_link(payload)
        if link is None:
            return None
        query = urlencode({"url": link, "text": text} if text else {"url": link}, quote_via=quote)
        return f"https://t.me/share/url?{query}"

"""A unit of work: one transaction, and the repositories that read and write inside it.

Services open one with `store.unit_of_work()`; it commits when the block ends and rolls back if
the block raises. Repositories return plain data (bot.domain), never ORM objects.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.store.audit import AuditRepository
from bot.store.bundles import BundleRepository
from bot.store.catalogue_repo import CatalogueRepository
from bot.store.catalogue_sources import CatalogueSourceRepository
from bot.store.catalogue_uploads import CatalogueUploadRepository
from bot.store.chat_moves import move_chat
from bot.store.chats import ChatRepository
from bot.store.conversation_state import (
    LearnerContextRepository,
    PolledUpdateRepository,
    ProcessedUpdateRepository,
    ResultPageRepository,
)
from bot.store.digests import DigestRepository
from bot.store.learners import LearnerRepository
from bot.store.links import SearchLinkRepository
from bot.store.networks import NetworkRepository
from bot.store.outbox import OutboxRepository
from bot.store.proofs import PendingActionRepository
from bot.store.shares import ShareLinkRepository
from bot.store.statistics import StatisticsRepository
from bot.store.wallet import WalletRepository


class UnitOfWork:
    def __init__(self, session: Session) -> None:
        self.catalogue = CatalogueRepository(session)
        self.learners = LearnerRepository(session)
        self.wallet = WalletRepository(session)
        self.bundles = BundleRepository(session)
        self.chats = ChatRepository(session)
        self.links = SearchLinkRepository(session)
        self.statistics = StatisticsRepository(session)
        self.digests = DigestRepository(session)
        self.outbox = OutboxRepository(session)
        self.uploads = CatalogueUploadRepository(session)
        self.networks = NetworkRepository(session)
        self.audit = AuditRepository(session)
        self.pending = PendingActionRepository(session)
        self.sources = CatalogueSourceRepository(session)
        self.processed = ProcessedUpdateRepository(session)
        self.polled = PolledUpdateRepository(session)
        self.result_pages = ResultPageRepository(session)
        self.contexts = LearnerContextRepository(session)
        self.shares = ShareLinkRepository(session)
        self._session = session

    def move_chat(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: every row of the old chat id is the new one's."""
        move_chat(self._session, old_id, new_id)

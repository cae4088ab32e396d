"""A network's catalogue sent by its manager: held in SQL, shown as a dry run, imported all or
nothing on Confirm. A confirmation is bound to the file's hash and to that manager, expires
after 15 minutes and works once; any worker, or the bot after a restart, completes it."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from bot.catalogue.importer import ImportReport
from bot.catalogue.service import Catalogue
from bot.domain.audit import CATALOGUE_IMPORT, Actor
from bot.domain.chat import ChatMembership
from bot.domain.network import NetworkScope
from bot.domain.upload import PendingUpload
from bot.store.catalogue_writer import WriteCounts
from bot.store.db import Database
from bot.store.unit_of_work import UnitOfWork

EXPIRY = dt.timedelta(minutes=15)
HASH_SHOWN = 12  # hex digits of the file's hash carried by the Confirm button


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Confirmed:
    """What Confirm did: `report` when it imported (or found problems); `refused` otherwise, one
    of unknown, not_yours, used, expired."""

    report: ImportReport | None = None
    refused: str | None = None
    chat_id: int | None = None


class NetworkUploads:
    def __init__(
        self, store: Database, catalogue: Catalogue, clock: Callable[[], dt.datetime] = utc_now
    ) -> None:
        self._store = store
        self._catalogue = catalogue
        self.clock = clock

    def networks_of(self, telegram_user_id: int) -> list[ChatMembership]:
        """The chats this user is a known manager of (their right is checked live after)."""
        with self._store.unit_of_work() as uow:
            return uow.chats.managed_by(telegram_user_id)

    def hold(
        self, telegram_user_id: int, chat_id: int | None, filename: str, content: bytes
    ) -> PendingUpload:
        now = self.clock()
        upload = PendingUpload(
            token=secrets.token_urlsafe(9),
            telegram_user_id=telegram_user_id,
            telegram_chat_id=chat_id,
            sha256=hashlib.sha256(content).hexdigest(),
            filename=filename or "catalogue",
            content=content,
            created_at=now,
            used=False,
        )
        with self._store.unit_of_work() as uow:
            uow.uploads.prune(now - 2 * EXPIRY)
            uow.uploads.hold(upload)
        return upload

    def held(self, token: str) -> PendingUpload | None:
        with self._store.unit_of_work() as uow:
            return uow.uploads.get(token)

    def choose_network(
        self, token: str, telegram_user_id: int, chat_id: int, *, all_chats: bool = False
    ) -> PendingUpload | None:
        with self._store.unit_of_work() as uow:
            if not uow.uploads.choose_chat(token, telegram_user_id, chat_id, all_chats=all_chats):
                return None
            return uow.uploads.get(token)

    def chats_of(self, upload: PendingUpload) -> list[int]:
        """The chats the upload is for: the one chosen, or every chat its manager manages."""
        if upload.all_chats:
            return [chat.telegram_chat_id for chat in self.networks_of(upload.telegram_user_id)]
        return [] if upload.telegram_chat_id is None else [upload.telegram_chat_id]

    def scope(self, upload: PendingUpload) -> NetworkScope:
        """The network the upload's chats make: named after them when it is a new one."""
        wanted = self.chats_of(upload)
        titles = {chat.telegram_chat_id: chat.title for chat in self.networks_of(upload.telegram_user_id)}
        name = ", ".join(titles.get(chat_id) or str(chat_id) for chat_id in wanted)
        return NetworkScope(tuple(wanted), name, upload.telegram_user_id)

    def dry_run(self, upload: PendingUpload) -> ImportReport:
        return self._catalogue.import_upload(
            upload.filename, upload.content, dry_run=True, network=self.scope(upload)
        )

    def refusal(self, upload: PendingUpload | None, telegram_user_id: int, sha_prefix: str) -> str | None:
        """Why this press may not act on the upload (None: it may)."""
        if upload is None or not upload.sha256.startswith(sha_prefix) or not sha_prefix:
            return "unknown"
        if upload.telegram_user_id != telegram_user_id:
            return "not_yours"
        if upload.used:
            return "used"
        if self.clock() - upload.created_at > EXPIRY:
            return "expired"
        return None

    def _use(self, upload: PendingUpload, telegram_user_id: int) -> bool:
        now = self.clock()
        with self._store.unit_of_work() as uow:
            return uow.uploads.use(upload.token, telegram_user_id, upload.sha256, now=now, since=now - EXPIRY)

    def confirm(
        self, token: str, telegram_user_id: int, sha_prefix: str, *, by: Actor | None = None
    ) -> Confirmed:
        """Imports the held file all or nothing, once. The upload is marked used first, in one
        UPDATE, so a second press (on any worker) finds it used; a file whose import found
        problems is used too: the manager sends a corrected one. The import and its record in
        the audit log of each of the network's chats are one transaction."""
        upload = self.held(token)
        refused = self.refusal(upload, telegram_user_id, sha_prefix)
        if refused is not None or upload is None:
            return Confirmed(refused=refused or "unknown")
        if not self._use(upload, telegram_user_id):
            return Confirmed(refused="used")
        actor = by or Actor(telegram_user_id)
        scope = self.scope(upload)

        def record(uow: UnitOfWork, counts: WriteCounts) -> None:
            after = {
                "file": upload.filename,
                "sha256": upload.sha256,
                "added": counts.added,
                "updated": counts.updated,
                "unchanged": counts.unchanged,
                "removed": counts.removed,
            }
            for chat_id in scope.chat_ids:  # each chat of the network shows it in its log
                uow.audit.record(chat_id, actor, CATALOGUE_IMPORT, after=after, at=self.clock())

        report = self._catalogue.import_upload(upload.filename, upload.content, network=scope, on_write=record)
        return Confirmed(report=report, chat_id=upload.telegram_chat_id)

    def cancel(self, token: str, telegram_user_id: int, sha_prefix: str) -> str | None:
        """None when cancelled; else why not."""
        upload = self.held(token)
        refused = self.refusal(upload, telegram_user_id, sha_prefix)
        if refused is not None or upload is None:
            return refused or "unknown"
        return None if self._use(upload, telegram_user_id) else "used"

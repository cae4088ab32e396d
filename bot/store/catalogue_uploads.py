"""Catalogue files held until their manager confirms them: each works once, for that manager."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from bot.domain.upload import PendingUpload
from bot.store import models


def _plain(row: models.CatalogueUpload) -> PendingUpload:
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=dt.UTC)
    return PendingUpload(
        token=row.token,
        telegram_user_id=row.telegram_user_id,
        telegram_chat_id=row.telegram_chat_id,
        sha256=row.sha256,
        filename=row.filename,
        content=row.content,
        created_at=created,
        used=row.used_at is not None,
        all_chats=row.all_chats,
    )


class CatalogueUploadRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def hold(self, upload: PendingUpload) -> None:
        self._session.add(
            models.CatalogueUpload(
                token=upload.token,
                telegram_user_id=upload.telegram_user_id,
                telegram_chat_id=upload.telegram_chat_id,
                sha256=upload.sha256,
                filename=upload.filename[:255],
                content=upload.content,
                created_at=upload.created_at,
                all_chats=upload.all_chats,
            )
        )

    def get(self, token: str) -> PendingUpload | None:
        row = self._session.get(models.CatalogueUpload, token)
        return _plain(row) if row is not None else None

    def choose_chat(
        self, token: str, telegram_user_id: int, telegram_chat_id: int, *, all_chats: bool = False
    ) -> bool:
        """The chat a manager of several chats picked (`all_chats`: all of them, the first
        named); False when the upload is not theirs or used."""
        done = self._session.execute(
            update(models.CatalogueUpload)
            .where(models.CatalogueUpload.token == token)
            .where(models.CatalogueUpload.telegram_user_id == telegram_user_id)
            .where(models.CatalogueUpload.used_at.is_(None))
            .values(telegram_chat_id=telegram_chat_id, all_chats=all_chats)
        )
        return bool(getattr(done, "rowcount", 0))

    def use(
        self, token: str, telegram_user_id: int, sha256: str, *, now: dt.datetime, since: dt.datetime
    ) -> bool:
        """Marks the upload used, once: only for its manager and file, when held after `since`.
        One UPDATE, so two workers pressing Confirm at once cannot both get True."""
        done = self._session.execute(
            update(models.CatalogueUpload)
            .where(models.CatalogueUpload.token == token)
            .where(models.CatalogueUpload.telegram_user_id == telegram_user_id)
            .where(models.CatalogueUpload.sha256 == sha256)
            .where(models.CatalogueUpload.used_at.is_(None))
            .where(models.CatalogueUpload.created_at >= since)
            .values(used_at=now)
        )
        return bool(getattr(done, "rowcount", 0))

    def prune(self, before: dt.datetime) -> None:
        """Files held before `before` (expired or used): their content is not kept."""
        self._session.execute(
            delete(models.CatalogueUpload).where(models.CatalogueUpload.created_at < before)
        )

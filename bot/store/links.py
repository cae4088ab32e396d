"""Searches and bundle goals asked in groups, behind the short key of a deep link."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.store import models


class SearchLinkRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, kind: str, text: str, now: dt.datetime) -> str:
        """A new key (8 URL-safe characters, fit for a /start payload) for `text`."""
        key = secrets.token_urlsafe(6)
        self._session.add(models.SearchLink(key=key, kind=kind, text=text, created_at=now))
        return key

    def find(self, key: str) -> tuple[str, str] | None:
        """(kind, text) behind `key`, None when it is unknown or was forgotten."""
        link = self._session.get(models.SearchLink, key)
        return (link.kind, link.text) if link else None

    def forget_older_than(self, cutoff: dt.datetime) -> None:
        self._session.execute(delete(models.SearchLink).where(models.SearchLink.created_at < cutoff))

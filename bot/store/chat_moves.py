"""A group became a supergroup (Telegram gives it a new id): every row keyed by the old chat id
moves to the new one, in the caller's transaction. One place lists every table that names a
Telegram chat, so that a new table is not forgotten (tests/store/test_chat_moves.py checks)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.store import models

# (model, column) of every table whose rows belong to a Telegram chat, moved as they are.
# chats (merged), chat_managers (by chats.id), stat_demand_gaps, digest_posted, digest
# subscriptions and catalogue_sources (unique per chat: merged) are handled apart.
SIMPLE: tuple[tuple[type[models.Base], str], ...] = (
    (models.OutboxMessage, "chat_id"),
    (models.AuditLog, "chat_id"),
    (models.PendingAction, "chat_id"),
    (models.CatalogueUpload, "telegram_chat_id"),
    (models.StatSearch, "chat_id"),
    (models.StatEarned, "chat_id"),
    (models.StatDigestOpen, "chat_id"),
    (models.StatOrigin, "chat_id"),
)
MERGED: tuple[tuple[type[models.Base], str], ...] = (
    (models.Chat, "telegram_chat_id"),
    (models.StatDemandGapSent, "chat_id"),
    (models.DigestPosted, "chat_id"),
    (models.DigestSubscription, "chat_id"),
    (models.CatalogueSource, "telegram_chat_id"),
)


def _column(model: type[models.Base], name: str) -> Any:
    return getattr(model, name)


def move_chat(session: Session, old_id: int, new_id: int) -> None:
    """Everything the old chat had is the new chat's: its settings (language, network, who
    added the bot), managers, digests and what they posted, outbox, statistics, audit log,
    pending actions, catalogue uploads and source. Where the new chat already has a row of its
    own (the bot's join to the supergroup was read first), the old chat's settings fill what
    the new one lacks and the new one's membership (active, may post) stands."""
    if old_id == new_id:
        return
    _move_chat_row(session, old_id, new_id)
    for model, name in SIMPLE:
        column = _column(model, name)
        session.execute(
            update(model)
            .where(column == old_id)
            .values({name: new_id})
            .execution_options(synchronize_session=False)
        )
    _move_unique(session, models.StatDemandGapSent, old_id, new_id, ("week",))
    _move_unique(session, models.DigestPosted, old_id, new_id, ("external_id",))
    _move_unique(session, models.DigestSubscription, old_id, new_id, ("thread_id",))
    if session.get(models.CatalogueSource, new_id) is None:
        session.execute(
            update(models.CatalogueSource)
            .where(models.CatalogueSource.telegram_chat_id == old_id)
            .values(telegram_chat_id=new_id)
            .execution_options(synchronize_session=False)
        )
    else:
        session.execute(
            delete(models.CatalogueSource).where(models.CatalogueSource.telegram_chat_id == old_id)
        )
    session.flush()


def _find(session: Session, telegram_chat_id: int) -> models.Chat | None:
    return session.scalars(
        select(models.Chat).where(models.Chat.telegram_chat_id == telegram_chat_id)
    ).first()


def _move_chat_row(session: Session, old_id: int, new_id: int) -> None:
    old = _find(session, old_id)
    if old is None:
        return
    new = _find(session, new_id)
    if new is None:
        old.telegram_chat_id = new_id
        old.kind = "supergroup"
        session.flush()
        return
    for name in (
        "locale",
        "title",
        "added_by_user_id",
        "added_by_language_code",
        "guessed_locale",
        "network_id",
    ):
        if getattr(new, name) is None and getattr(old, name) is not None:
            setattr(new, name, getattr(old, name))
    new.settings = {**(old.settings or {}), **(new.settings or {})}
    known = set(
        session.scalars(
            select(models.ChatManager.telegram_user_id).where(models.ChatManager.chat_id == new.id)
        )
    )
    for manager in session.scalars(select(models.ChatManager).where(models.ChatManager.chat_id == old.id)):
        if manager.telegram_user_id not in known:
            session.add(
                models.ChatManager(
                    chat_id=new.id, telegram_user_id=manager.telegram_user_id, since=manager.since
                )
            )
    session.flush()
    session.execute(delete(models.ChatManager).where(models.ChatManager.chat_id == old.id))
    session.delete(old)
    session.flush()


def _move_unique(
    session: Session, model: type[models.Base], old_id: int, new_id: int, others: tuple[str, ...]
) -> None:
    """Rows unique by (chat, `others`): moved, except those the new chat already has (kept)."""
    chat = _column(model, "chat_id")
    keys = [_column(model, name) for name in others]
    taken = {tuple(row) for row in session.execute(select(*keys).where(chat == new_id))}
    for row in list(session.scalars(select(model).where(chat == old_id))):
        if tuple(getattr(row, name) for name in others) in taken:
            session.delete(row)
        else:
            setattr(row, "chat_id", new_id)  # noqa: B010 (any of the models)
    session.flush()

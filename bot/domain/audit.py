"""The audit log of a group or channel: who changed what, when, with the values before and after."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

# What changed; each has a label in bot.conversation.audit_flow.
CHAT_LANGUAGE = "chat_language"
CATALOGUE_IMPORT = "catalogue_import"
DIGEST_SUBSCRIBED = "digest_subscribed"
DIGEST_CHANGED = "digest_changed"
DIGEST_STOPPED = "digest_stopped"
DIGEST_PAUSED = "digest_paused"
DIGEST_RESUMED = "digest_resumed"
DIGEST_APPROVED = "digest_approved"
DIGEST_DISCARDED = "digest_discarded"
# The bot moved a digest to General: Telegram said its forum topic no longer exists.
DIGEST_TOPIC_GONE = "digest_topic_gone"

Values = dict[str, Any]  # JSON values only: what is stored is read back the same on every store


@dataclass(frozen=True)
class Actor:
    """Who made a change: a Telegram user (their name as Telegram gave it, when it did), or the
    bot itself (`user_id` None: a digest paused because it could not post)."""

    user_id: int | None
    name: str | None = None


BOT = Actor(None)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    chat_id: int
    at: dt.datetime  # UTC
    actor: Actor
    action: str
    before: Values | None
    after: Values | None

"""Numbers typed or carried in buttons and links, read at the edge.

A number is written in decimal digits: ASCII `12`, or another script's decimal digits (`١٢`),
read as the same number. `²`, `½` or `Ⅻ` are not numbers here. A number too large for the store's
columns raises `InvalidNumber`, which the conversation answers with "That number is not valid."
"""

from __future__ import annotations

MAX_ID = 2**31 - 1  # ids, positions and pages: the store's (PostgreSQL's) INTEGER columns
MAX_CHAT_ID = 2**53  # Telegram's chat ids fit in 52 bits; the store's BIGINT columns hold them


class InvalidNumber(ValueError):
    """A number was given but none of its kind is that large."""


def whole(text: str, *, limit: int = MAX_ID) -> int | None:
    """`12`, `#12` or `١٢` → 12; None for anything that is not a whole number ≥ 0; InvalidNumber
    above `limit`."""
    token = text.strip().lstrip("#")
    if not token or not token.isdecimal():
        return None
    if len(token) > len(str(limit)):
        raise InvalidNumber(token)
    value = int(token)
    if value > limit:
        raise InvalidNumber(token)
    return value


def chat_id(text: str) -> int | None:
    """A chat id as typed, `-100123…` or `123`; None when not one, InvalidNumber when too large."""
    token = text.strip()
    negative = token.startswith("-")
    value = whole(token[1:] if negative else token, limit=MAX_CHAT_ID)
    if value is None:
        return None
    return -value if negative else value


def is_number(text: str) -> bool:
    """`text` is written as a whole number (of any size)."""
    token = text.strip().lstrip("#")
    return bool(token) and token.isdecimal()

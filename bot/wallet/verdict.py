"""The verdict a wallet entry shows on cards and shared links: one function, so that the badge
verification can replace what it reads without touching the places that show it."""

from __future__ import annotations

from bot.wallet.service import WalletEntry

VERIFIED = "verified"


def verdict(entry: WalletEntry) -> str | None:
    """"verified" when the entry's stored verification (`bot.verification`, checked when the badge
    was imported) says so; None (no mark) otherwise: a badge that failed or could not be checked, and
    a catalogue credential marked earned, which is the learner's own word."""
    return VERIFIED if entry.verified else None

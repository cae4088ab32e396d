"""The verdict a wallet entry shows on cards and shared links: one function, so that the badge
verification can replace what it reads without touching the places that show it."""

from __future__ import annotations

from bot.wallet.service import WalletEntry

VERIFIED = "verified"


def verdict(entry: WalletEntry) -> str | None:
    """"verified" when the store marks the entry verified; None (no mark) otherwise. Nothing is
    verified yet: an imported badge's signature is not checked (its evidence says
    `"verified": false`) and a catalogue credential marked earned is the learner's own word."""
    return VERIFIED if entry.verified else None

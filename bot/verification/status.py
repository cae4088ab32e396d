"""Credential status: BitstringStatusList (VC 2.0) and StatusList2021 (VC 1.1). Checked only when
the network is allowed: the list is fetched (`network.Fetch`), its own proof verified (signed by
the credential's issuer), then the bit at `statusListIndex` read (bit 0 is the first byte's
highest bit). Set: revoked (or suspended, by the entry's `statusPurpose`)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import gzip
import io
import zlib
from typing import Any

from bot.formats.common import load_json
from bot.verification.network import Fetch, NetworkError

ENTRY_TYPES = ("BitstringStatusListEntry", "StatusList2021Entry")
MAX_LIST_BYTES = 16 * 1024 * 1024  # the decompressed list: 134 million entries


class StatusUnknown(ValueError):
    """The status could not be read: no list, an unreachable or unsigned one, a bad index."""


def entries(credential: dict[str, Any]) -> list[dict[str, Any]]:
    status = credential.get("credentialStatus")
    items = status if isinstance(status, list) else [status] if status is not None else []
    return [item for item in items if isinstance(item, dict) and item.get("type") in ENTRY_TYPES]


def _bits(encoded: Any) -> bytes:
    if not isinstance(encoded, str) or not encoded:
        raise StatusUnknown("no encodedList")
    text = (
        encoded[1:] if encoded.startswith("u") and encoded[1:5] == "H4sI" else encoded
    )  # multibase base64url
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        with gzip.GzipFile(fileobj=io.BytesIO(packed)) as stream:
            bits = stream.read(MAX_LIST_BYTES + 1)
    except (binascii.Error, ValueError, OSError, EOFError, zlib.error) as error:
        raise StatusUnknown("encodedList is not a gzip bitstring") from error
    if len(bits) > MAX_LIST_BYTES:
        raise StatusUnknown("status list too large")
    return bits


def list_bit(
    entry: dict[str, Any],
    fetch: Fetch,
    verify_list: Any,
    issuer: str | None,
    now: dt.datetime,
) -> bool:
    """Whether the entry's bit is set. `verify_list(document, now)` verifies the list's proof."""
    url = entry.get("statusListCredential")
    try:
        index = int(str(entry.get("statusListIndex")))
    except ValueError as error:
        raise StatusUnknown("statusListIndex is not a number") from error
    if not isinstance(url, str) or index < 0:
        raise StatusUnknown("no status list")
    try:
        document = load_json(fetch(url))
    except NetworkError as error:
        raise StatusUnknown(f"status list not fetched ({error.kind})") from error
    except ValueError as error:
        raise StatusUnknown("the status list is not JSON") from error
    if not isinstance(document, dict):
        raise StatusUnknown("the status list is not a credential")
    verdict = verify_list(document, now)
    list_issuer = document.get("issuer")
    list_issuer = list_issuer.get("id") if isinstance(list_issuer, dict) else list_issuer
    if (
        verdict.checks.get("signature") != "ok"
        or verdict.checks.get("expiry") == "failed"
        or list_issuer != issuer
    ):
        raise StatusUnknown("the status list is not signed by the credential's issuer")
    subject = document.get("credentialSubject")
    bits = _bits(subject.get("encodedList") if isinstance(subject, dict) else None)
    if index // 8 >= len(bits):
        raise StatusUnknown("statusListIndex beyond the list")
    return bool((bits[index // 8] >> (7 - index % 8)) & 1)


def check_status(
    outcome: Any,
    credential: dict[str, Any],
    fetch: Fetch,
    verify_list: Any,
    now: dt.datetime,
) -> None:
    """Sets `outcome`'s status check: "ok" when every entry's bit is clear, "failed" (revoked,
    suspended) when one is set, left "not_checked" when there is no entry or a list cannot be read."""
    found = entries(credential)
    if not found:
        return
    issuer = credential.get("issuer")
    issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
    try:
        for entry in found:
            if list_bit(
                entry,
                fetch,
                verify_list,
                issuer if isinstance(issuer, str) else None,
                now,
            ):
                reason = "suspended" if entry.get("statusPurpose") == "suspension" else "revoked"
                outcome.check("status", False, reason)
                return
    except StatusUnknown:
        return
    outcome.check("status", True)

"""VC-JWT (VC 1.1, the credential under `vc`) and VC-JOSE (VC 2.0, the credential is the payload):
a compact JWS checked with `cryptography` directly. Three algorithms only, chosen from the key and
never from the token alone: EdDSA (Ed25519), ES256 (P-256, r‖s), RS256 (RSA ≥ 2048 bits); `alg:
none` and anything else is refused. The key is the header's `kid` (`did:key:…#…`, `did:jwk:…#0`),
else the issuer's DID, resolved offline."""

from __future__ import annotations

import datetime as dt
import json
from contextlib import suppress
from typing import Any

from bot.verification.data_integrity import Resolver, verify_data_integrity
from bot.verification.keys import UnresolvableKey, b64url_decode, resolve
from bot.verification.network import Fetch
from bot.verification.result import Outcome, Verification, check_dates, issuer_id
from bot.verification.status import check_status

ALGORITHMS = ("EdDSA", "ES256", "RS256")


def _part(text: str) -> Any:
    try:
        return json.loads(b64url_decode(text))
    except (UnresolvableKey, ValueError):
        return None


def _timestamp(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        with suppress(OverflowError, OSError, ValueError):
            return dt.datetime.fromtimestamp(value, dt.UTC).isoformat()
    return None


def _credential(payload: dict[str, Any]) -> dict[str, Any]:
    """The credential a payload carries, the JWT's registered claims standing in for its own."""
    inner = payload.get("vc")
    credential = dict(inner) if isinstance(inner, dict) else dict(payload)
    if "issuer" not in credential and isinstance(payload.get("iss"), str):
        credential["issuer"] = payload["iss"]
    start = _timestamp(payload.get("nbf"))
    if start and "validFrom" not in credential and "issuanceDate" not in credential:
        credential["validFrom"] = start
    end = _timestamp(payload.get("exp"))
    if end and "validUntil" not in credential and "expirationDate" not in credential:
        credential["validUntil"] = end
    return credential


def verify_jwt(
    token: str,
    now: dt.datetime,
    resolver: Resolver = resolve,
    fetch: Fetch | None = None,
) -> Verification:
    outcome = Outcome()
    header_text, payload_text, signature_text = token.split(".")
    header, payload = _part(header_text), _part(payload_text)
    if not isinstance(header, dict) or not isinstance(payload, dict):
        return outcome.cannot("malformed", "not a JWT").result(now)
    credential = _credential(payload)
    check_dates(outcome, credential, now)
    alg = header.get("alg")
    if not isinstance(alg, str) or alg.lower() == "none":
        outcome.check("signature", False, "alg_none")
        return outcome.result(now)
    if alg not in ALGORITHMS:
        return outcome.cannot("unsupported_proof", alg[:40]).result(now)
    method = header.get("kid") if isinstance(header.get("kid"), str) else None
    if method is None or method.startswith("#"):
        method = (issuer_id(credential) or "") + (method or "")
    try:
        key = resolver(method)
    except UnresolvableKey as error:
        return outcome.cannot("unresolvable_key", (method or str(error))[:200]).result(now)
    outcome.check("issuer_key", issuer_id(credential) == key.controller)
    try:
        signature = b64url_decode(signature_text)
    except UnresolvableKey:
        signature = b""
    signed = f"{header_text}.{payload_text}".encode("ascii", "replace")
    outcome.check("signature", bool(signature) and key.verify(signature, signed, alg))
    if fetch is not None and outcome.checks["signature"] == "ok":
        check_status(
            outcome,
            credential,
            fetch,
            lambda listed, when: verify_data_integrity(listed, when, resolver),
            now,
        )
    return outcome.result(now)

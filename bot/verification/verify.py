"""Is this badge what its issuer signed? One `Verification` per badge file, offline.

Checked, each on its own (`checks`: "ok" | "failed" | "not_checked"):
- `signature`: a Data Integrity proof (`DataIntegrityProof` with `eddsa-rdfc-2022` or
  `ecdsa-rdfc-2019`, `Ed25519Signature2020`) over the RDFC-1.0 canonical form of the credential,
  with the JSON-LD contexts shipped in `contexts/` (see `jsonld.py`); or a VC-JWT's JWS (`jwt.py`).
- `issuer_key`: the signing key belongs to the credential's issuer (the key's DID is the issuer's id).
- `expiry`: now is within `validFrom`…`validUntil` (VC 2.0) or `issuanceDate`…`expirationDate` (VC 1.1).
- `status`: not checked here (a status list needs the network).

The verdict: `verified` when no check failed and the signature and issuer key are "ok";
`not_verified` when one failed (`reason` names the first: signature, issuer key, expiry);
`unverifiable` when the signature could not be checked at all: no proof, a context we do not
ship (reported, never fetched), a key that cannot be resolved offline, a proof type we do not read.
`reason` is a code and `detail` what it names (a context's URL, a date); `describe` gives both in
the reader's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.formats.common import load_json
from bot.verification.data_integrity import Resolver, proofs, verify_data_integrity
from bot.verification.didweb import network_resolver
from bot.verification.jwt import verify_jwt
from bot.verification.keys import resolve
from bot.verification.network import Fetch
from bot.verification.result import Outcome, Verification

# -- a badge file -------------------------------------------------------------------------------


def _is_compact_jws(text: str) -> bool:
    parts = text.split(".")
    return not text.startswith(("{", "[")) and len(parts) == 3 and all(parts[:2])


def verify_document(
    document: Any, now: dt.datetime | None = None, fetch: Fetch | None = None
) -> Verification:
    """A parsed badge (JSON object): its Data Integrity proof, or why it has none we can check.
    With `fetch` (the network allowed): did:web keys and status lists too."""
    now = now or dt.datetime.now(dt.UTC)
    if not isinstance(document, dict):
        return Outcome().cannot("no_proof").result(now)
    if not proofs(document) and isinstance(document.get("verify") or document.get("verification"), dict):
        outcome = Outcome()
        return outcome.cannot("hosted").result(now)  # OB 2.0: hosted or signed (a JWS), both online
    return verify_data_integrity(document, now, _resolver(fetch), fetch)


def _resolver(fetch: Fetch | None) -> Resolver:
    return network_resolver(fetch) if fetch is not None else resolve


def verify_badge(data: bytes, now: dt.datetime | None = None, fetch: Fetch | None = None) -> Verification:
    """A badge file's bytes: a JSON credential with a Data Integrity proof, or a VC-JWT. Offline
    unless given `fetch`."""
    now = now or dt.datetime.now(dt.UTC)
    try:
        text = data.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        return Outcome().cannot("malformed", "not UTF-8").result(now)
    if _is_compact_jws(text):
        return verify_jwt(text, now, _resolver(fetch), fetch)
    try:
        document = load_json(text)
    except ValueError:
        return Outcome().cannot("malformed", "not JSON").result(now)
    return verify_document(document, now, fetch)

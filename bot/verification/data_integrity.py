"""Data Integrity proofs: `DataIntegrityProof` (`eddsa-rdfc-2022`, `ecdsa-rdfc-2019`) and
`Ed25519Signature2020`, over the RDFC-1.0 canonical form made with the shipped contexts."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from bot.verification.jsonld import (
    NotCanonicalisable,
    UndefinedTerm,
    UnknownContext,
    canonize,
)
from bot.verification.keys import PublicKey, UnresolvableKey, multibase_decode, resolve
from bot.verification.network import Fetch
from bot.verification.result import (
    OK,
    Outcome,
    Verification,
    check_dates,
    key_belongs_to_issuer,
)
from bot.verification.status import check_status

# Data Integrity suites: (proof type, cryptosuite) → the algorithm of the key.
SUITES = {
    ("DataIntegrityProof", "eddsa-rdfc-2022"): "EdDSA",
    ("DataIntegrityProof", "ecdsa-rdfc-2019"): "ES256",
    ("Ed25519Signature2020", None): "EdDSA",
}

Resolver = Callable[[str], PublicKey]


def proofs(document: dict[str, Any]) -> list[dict[str, Any]]:
    proof = document.get("proof")
    items = proof if isinstance(proof, list) else [proof] if proof is not None else []
    return [item for item in items if isinstance(item, dict)]


def _suite(proof: dict[str, Any]) -> str | None:
    kind = proof.get("type")
    suite = proof.get("cryptosuite") if kind == "DataIntegrityProof" else None
    return SUITES.get((str(kind), suite)) if isinstance(suite, str | None) else None


def data_integrity_input(document: dict[str, Any], proof: dict[str, Any]) -> bytes:
    """What a Data Integrity proof signs: SHA-256 of the canonical proof options (the proof less
    its value, under the document's context), then SHA-256 of the canonical document less its proof.
    Raises the canonicalisation errors of `jsonld.canonize`."""
    options = {key: value for key, value in proof.items() if key != "proofValue"}
    options["@context"] = proof.get("@context", document.get("@context"))
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    return (
        hashlib.sha256(canonize(options).encode()).digest()
        + hashlib.sha256(canonize(unsecured).encode()).digest()
    )


def verify_data_integrity(
    document: dict[str, Any],
    now: dt.datetime,
    resolver: Resolver = resolve,
    fetch: Fetch | None = None,
) -> Verification:
    """The document's proof checked; with `fetch` (the network allowed), its status list too."""
    outcome = Outcome()
    check_dates(outcome, document, now)
    found = proofs(document)
    if not found:
        return outcome.cannot("no_proof").result(now)
    proof = next((item for item in found if _suite(item)), None)
    if proof is None:
        first = found[0]
        kind = " ".join(str(first.get(key)) for key in ("type", "cryptosuite") if first.get(key))
        return outcome.cannot("unsupported_proof", kind[:100] or "?").result(now)
    alg = _suite(proof) or ""
    if proof.get("proofPurpose") != "assertionMethod":
        return outcome.cannot("malformed", "proofPurpose").result(now)
    method = proof.get("verificationMethod")
    if isinstance(method, dict):
        method = method.get("id")
    try:
        key = resolver(str(method or ""))
    except UnresolvableKey as error:
        return outcome.cannot("unresolvable_key", str(method or error)[:200]).result(now)
    outcome.check("issuer_key", key_belongs_to_issuer(key, document))
    try:
        signed = data_integrity_input(document, proof)
    except UnknownContext as error:
        return outcome.cannot("unknown_context", error.url).result(now)
    except UndefinedTerm as error:
        return outcome.cannot("undefined_term", error.term).result(now)
    except NotCanonicalisable as error:
        return outcome.cannot("malformed", str(error)[:100]).result(now)
    value = proof.get("proofValue")
    try:
        signature = multibase_decode(value) if isinstance(value, str) else b""
    except UnresolvableKey:
        signature = b""
    outcome.check("signature", bool(signature) and key.verify(signature, signed, alg))
    if fetch is not None and outcome.checks["signature"] == OK:
        check_status(
            outcome,
            document,
            fetch,
            lambda listed, when: verify_data_integrity(listed, when, resolver),
            now,
        )
    return outcome.result(now)

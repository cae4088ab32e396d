"""Badges signed in the tests with keys made on the spot (Ed25519, P-256): no one's files."""

from __future__ import annotations

import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from bot.verification.keys import did_key_of
from bot.verification.signing import sign_data_integrity

ED25519 = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
P256 = ec.derive_private_key(123456789, ec.SECP256R1())
ISSUER = did_key_of(ED25519.public_key())
OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def credential(issuer: str = ISSUER, **extra: Any) -> dict[str, Any]:
    """A typical OB 3.0 badge: an achievement with criteria and an alignment, a named issuer."""
    return {
        "@context": list(OB3_CONTEXT),
        "id": "urn:uuid:5e1d3c1e-0000-4000-8000-000000000001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Collège Érable"},
        "validFrom": "2025-01-01T00:00:00Z",
        "name": "Welding Safety",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:uuid:5e1d3c1e-0000-4000-8000-000000000002",
                "type": ["Achievement"],
                "name": "Welding Safety",
                "description": "Safe work around arc welding.",
                "criteria": {"narrative": "Passed the practical test."},
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": "Workplace safety",
                        "targetUrl": "https://example.org/s/1",
                    }
                ],
            },
        },
        **extra,
    }


def signed(
    document: dict[str, Any] | None = None, suite: str = "eddsa-rdfc-2022", **options: Any
) -> dict[str, Any]:
    document = document or credential()
    key = P256 if suite == "ecdsa-rdfc-2019" else ED25519
    if suite == "Ed25519Signature2020":
        document = {
            **document,
            "@context": [*document["@context"], "https://w3id.org/security/suites/ed25519-2020/v1"],
        }
    return sign_data_integrity(document, key, suite, **options)


def as_bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


# What an offline check of a good badge says, with no address declared by the learner.
OFFLINE_OK = {
    "signature": "ok",
    "expiry": "ok",
    "status": "not_checked",
    "issuer_key": "ok",
    "subject": "not_checked",
}

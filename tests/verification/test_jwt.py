"""VC-JWT (compact JWS): EdDSA, ES256, RS256 with did:jwk and did:key, offline; `alg: none` refused."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from bot.i18n import use_locale
from bot.verification.keys import did_key_of
from bot.verification.result import describe
from bot.verification.signing import did_jwk, did_key_method, sign_jwt
from bot.verification.verify import verify_badge
from tests.verification._badges import ED25519, OFFLINE_OK, P256, credential

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
RSA = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def vc_jwt(key: object, alg: str, did: str, kid: str | None, **claims: object) -> bytes:
    body = credential(issuer=did)
    payload = {
        "iss": did,
        "nbf": int(dt.datetime(2025, 1, 1, tzinfo=dt.UTC).timestamp()),
        "vc": body,
        **claims,
    }
    return sign_jwt(payload, key, alg, kid).encode()  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("key", "alg"), [(ED25519, "EdDSA"), (P256, "ES256"), (RSA, "RS256")], ids=["EdDSA", "ES256", "RS256"]
)
def test_a_vc_jwt_signed_with_a_did_jwk_is_verified(key: object, alg: str) -> None:
    did = did_jwk(key)  # type: ignore[arg-type]
    result = verify_badge(vc_jwt(key, alg, did, did + "#0"), NOW)
    assert result.verdict == "verified", result
    assert result.checks == OFFLINE_OK


@pytest.mark.parametrize(("key", "alg"), [(ED25519, "EdDSA"), (P256, "ES256")], ids=["EdDSA", "ES256"])
def test_a_vc_jwt_signed_with_a_did_key_is_verified(key: object, alg: str) -> None:
    did = did_key_of(key.public_key())  # type: ignore[attr-defined]
    assert verify_badge(vc_jwt(key, alg, did, did_key_method(key)), NOW).verdict == "verified"  # type: ignore[arg-type]
    assert verify_badge(vc_jwt(key, alg, did, None), NOW).verdict == "verified"  # no kid: the issuer's DID


def test_a_changed_payload_fails_the_signature() -> None:
    did = did_jwk(ED25519)
    header, payload, signature = vc_jwt(ED25519, "EdDSA", did, did + "#0").decode().split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["vc"]["name"] = "Welding Mastery"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    result = verify_badge(f"{header}.{forged}.{signature}".encode(), NOW)
    assert result.verdict == "not_verified" and result.reason == "signature"


def test_alg_none_is_refused() -> None:
    did = did_jwk(ED25519)
    token = vc_jwt(ED25519, "EdDSA", did, did + "#0").decode()
    _header, payload, _signature = token.split(".")
    none = base64.urlsafe_b64encode(json.dumps({"alg": "none", "typ": "JWT"}).encode()).rstrip(b"=").decode()
    result = verify_badge(f"{none}.{payload}.".encode() + b"x", NOW)
    assert result.verdict == "not_verified" and result.checks["signature"] == "failed"
    with use_locale("en"):
        assert describe(result).startswith("Not verified: signature")


def test_the_algorithm_must_fit_the_key() -> None:
    did = did_jwk(ED25519)  # an Ed25519 key, but the header says ES256
    token = vc_jwt(ED25519, "EdDSA", did, did + "#0").decode()
    _header, payload, signature = token.split(".")
    es = (
        base64.urlsafe_b64encode(json.dumps({"alg": "ES256", "kid": did + "#0"}).encode())
        .rstrip(b"=")
        .decode()
    )
    assert verify_badge(f"{es}.{payload}.{signature}".encode(), NOW).checks["signature"] == "failed"
    hs = (
        base64.urlsafe_b64encode(json.dumps({"alg": "HS256", "kid": did + "#0"}).encode())
        .rstrip(b"=")
        .decode()
    )
    assert verify_badge(f"{hs}.{payload}.{signature}".encode(), NOW).reason == "unsupported_proof"


def test_a_key_of_someone_else_fails_the_issuer_key_and_an_expired_token_the_expiry() -> None:
    other = did_jwk(P256)
    token = sign_jwt(
        {"iss": other, "vc": credential(issuer=other)}, ED25519, "EdDSA", did_jwk(ED25519) + "#0"
    )
    result = verify_badge(token.encode(), NOW)
    assert result.reason == "issuer_key" and result.checks["signature"] == "ok"
    did = did_jwk(ED25519)
    expired = vc_jwt(
        ED25519, "EdDSA", did, did + "#0", exp=int(dt.datetime(2026, 1, 1, tzinfo=dt.UTC).timestamp())
    )
    assert verify_badge(expired, NOW).reason == "expired"


def test_a_did_web_kid_is_unverifiable_offline() -> None:
    token = vc_jwt(ED25519, "EdDSA", "did:web:college.example", "did:web:college.example#key-1")
    assert verify_badge(token, NOW).reason == "unresolvable_key"

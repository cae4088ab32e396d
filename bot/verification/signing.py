"""Signing, the mirror of verifying: what the tests and the benchmark issue their own badges with
(Ed25519 and P-256 keys made on the spot). credbot itself issues nothing."""

from __future__ import annotations

import base64
import json
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from bot.verification.data_integrity import data_integrity_input
from bot.verification.keys import b58encode, did_key_of

PrivateKey = ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


def _raw_signature(key: PrivateKey, data: bytes) -> bytes:
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key.sign(data)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return key.sign(data, padding.PKCS1v15(), hashes.SHA256())


def did_key_method(key: ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey) -> str:
    did = did_key_of(key.public_key())
    return f"{did}#{did.removeprefix('did:key:')}"


def sign_data_integrity(
    document: dict[str, Any],
    key: ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey,
    suite: str = "eddsa-rdfc-2022",
    created: str = "2025-01-01T00:00:00Z",
    method: str | None = None,
) -> dict[str, Any]:
    """The document with a proof: `suite` is eddsa-rdfc-2022, ecdsa-rdfc-2019 (DataIntegrityProof)
    or Ed25519Signature2020; the key's did:key is the verification method unless `method` says."""
    proof: dict[str, Any] = {
        "type": "Ed25519Signature2020" if suite == "Ed25519Signature2020" else "DataIntegrityProof",
        "created": created,
        "verificationMethod": method or did_key_method(key),
        "proofPurpose": "assertionMethod",
    }
    if suite != "Ed25519Signature2020":
        proof["cryptosuite"] = suite
    unsigned = {name: value for name, value in document.items() if name != "proof"}
    proof["proofValue"] = "z" + b58encode(_raw_signature(key, data_integrity_input(unsigned, proof)))
    return {**unsigned, "proof": proof}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign_jwt(payload: dict[str, Any], key: PrivateKey, alg: str, kid: str | None) -> str:
    """A compact JWS of `payload` (EdDSA, ES256, RS256), `kid` in its header when given."""
    header: dict[str, Any] = {"alg": alg, "typ": "JWT"}
    if kid:
        header["kid"] = kid
    signing_input = _b64(json.dumps(header).encode()) + "." + _b64(json.dumps(payload).encode())
    return signing_input + "." + _b64(_raw_signature(key, signing_input.encode()))


def did_jwk(key: PrivateKey) -> str:
    """The did:jwk of a private key's public half."""
    public = key.public_key()
    if isinstance(public, ed25519.Ed25519PublicKey):
        raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        jwk: dict[str, str] = {"kty": "OKP", "crv": "Ed25519", "x": _b64(raw)}
    elif isinstance(public, ec.EllipticCurvePublicKey):
        numbers = public.public_numbers()
        jwk = {
            "kty": "EC",
            "crv": "P-256",
            "x": _b64(numbers.x.to_bytes(32, "big")),
            "y": _b64(numbers.y.to_bytes(32, "big")),
        }
    else:
        rsa_numbers = public.public_numbers()
        jwk = {
            "kty": "RSA",
            "n": _b64(rsa_numbers.n.to_bytes((rsa_numbers.n.bit_length() + 7) // 8, "big")),
            "e": _b64(rsa_numbers.e.to_bytes((rsa_numbers.e.bit_length() + 7) // 8, "big")),
        }
    return "did:jwk:" + _b64(json.dumps(jwk, separators=(",", ":")).encode())

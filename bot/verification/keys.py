"""Public keys named in a proof, resolved offline: `did:key` (Ed25519, P-256 multikeys) and
`did:jwk`. Anything else (did:web, an https key document) cannot be resolved without the
network: `KeyError`-like `UnresolvableKey`, which makes a badge unverifiable, not forged."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {char: index for index, char in enumerate(B58_ALPHABET)}
ED25519_PUB = b"\xed\x01"  # multicodec ed25519-pub, as a varint
P256_PUB = b"\x80\x24"  # multicodec p256-pub (0x1200), as a varint
MAX_KEY_CHARS = 2000


class UnresolvableKey(ValueError):
    """The key cannot be had offline, or is not a key we read."""


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in _B58_INDEX:
            raise UnresolvableKey("not base58btc")
        number = number * 58 + _B58_INDEX[char]
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\x00" * (len(text) - len(text.lstrip("1"))) + body


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    chars = []
    while number:
        number, rest = divmod(number, 58)
        chars.append(B58_ALPHABET[rest])
    return "1" * (len(data) - len(data.lstrip(b"\x00"))) + "".join(reversed(chars))


def multibase_decode(value: str) -> bytes:
    """A multibase string in base58btc (`z…`), the only base Data Integrity proofs use."""
    if not value.startswith("z") or len(value) > MAX_KEY_CHARS:
        raise UnresolvableKey("not a base58btc multibase value")
    return b58decode(value[1:])


def b64url_decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise UnresolvableKey("bad base64url") from error


@dataclass(frozen=True)
class PublicKey:
    """A verification key and the DID (or URL) it belongs to."""

    controller: str  # the DID that controls the key: `did:key:z6Mk…`
    key: ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey

    @property
    def kind(self) -> str:
        if isinstance(self.key, ed25519.Ed25519PublicKey):
            return "Ed25519"
        if isinstance(self.key, ec.EllipticCurvePublicKey):
            return "P-256"
        return "RSA"

    def verify(self, signature: bytes, data: bytes, alg: str) -> bool:
        """True when `signature` (raw: Ed25519's 64 bytes, ECDSA's r‖s, RSA's bytes) signs `data`
        under `alg` (EdDSA, ES256, RS256); a key of the wrong kind for `alg` never verifies."""
        try:
            if alg == "EdDSA" and isinstance(self.key, ed25519.Ed25519PublicKey):
                self.key.verify(signature, data)
                return True
            if alg == "ES256" and isinstance(self.key, ec.EllipticCurvePublicKey):
                if len(signature) != 64 or not isinstance(self.key.curve, ec.SECP256R1):
                    return False
                der = encode_dss_signature(
                    int.from_bytes(signature[:32], "big"),
                    int.from_bytes(signature[32:], "big"),
                )
                self.key.verify(der, data, ec.ECDSA(hashes.SHA256()))
                return True
            if alg == "RS256" and isinstance(self.key, rsa.RSAPublicKey):
                if self.key.key_size < 2048:
                    return False
                self.key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
                return True
        except (InvalidSignature, ValueError):
            return False
        return False


def multikey(value: str, controller: str) -> PublicKey:
    """A multibase multikey: Ed25519 (`z6Mk…`) or P-256 (`zDn…`)."""
    raw = multibase_decode(value)
    try:
        if raw.startswith(ED25519_PUB) and len(raw) == 34:
            return PublicKey(controller, ed25519.Ed25519PublicKey.from_public_bytes(raw[2:]))
        if raw.startswith(P256_PUB) and len(raw) == 35:
            return PublicKey(
                controller,
                ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw[2:]),
            )
    except ValueError as error:
        raise UnresolvableKey("not a valid public key") from error
    raise UnresolvableKey("a did:key of a kind credbot does not read")


def jwk_key(jwk: Any, controller: str) -> PublicKey:
    """A public JWK: OKP Ed25519, EC P-256, RSA. Private members are ignored."""
    if not isinstance(jwk, dict):
        raise UnresolvableKey("the JWK is not an object")
    try:
        kty, crv = jwk.get("kty"), jwk.get("crv")
        if kty == "OKP" and crv == "Ed25519":
            return PublicKey(
                controller,
                ed25519.Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"])),
            )
        if kty == "EC" and crv == "P-256":
            x, y = b64url_decode(jwk["x"]), b64url_decode(jwk["y"])
            if len(x) != 32 or len(y) != 32:
                raise UnresolvableKey("bad P-256 coordinates")
            numbers = ec.EllipticCurvePublicNumbers(
                int.from_bytes(x, "big"), int.from_bytes(y, "big"), ec.SECP256R1()
            )
            return PublicKey(controller, numbers.public_key())
        if kty == "RSA":
            n, e = b64url_decode(jwk["n"]), b64url_decode(jwk["e"])
            numbers_rsa = rsa.RSAPublicNumbers(int.from_bytes(e, "big"), int.from_bytes(n, "big"))
            return PublicKey(controller, numbers_rsa.public_key())
    except (KeyError, TypeError, ValueError) as error:
        raise UnresolvableKey("not a valid JWK") from error
    raise UnresolvableKey("a JWK of a kind credbot does not read")


def resolve(method: str) -> PublicKey:
    """The key a verification method names (`did:key:z…#z…`, `did:key:z…`, `did:jwk:…#0`),
    offline. Raises `UnresolvableKey` for anything that would need the network."""
    if not isinstance(method, str) or len(method) > MAX_KEY_CHARS:
        raise UnresolvableKey("no verification method")
    did, _, fragment = method.partition("#")
    if did.startswith("did:key:"):
        value = did[len("did:key:") :]
        if fragment and fragment != value:
            raise UnresolvableKey("the key fragment is not the did:key's own key")
        return multikey(value, did)
    if did.startswith("did:jwk:"):
        if fragment not in ("", "0"):
            raise UnresolvableKey("a did:jwk names its key #0")
        try:
            jwk = json.loads(b64url_decode(did[len("did:jwk:") :]))
        except ValueError as error:
            raise UnresolvableKey("the did:jwk is not a JWK") from error
        return jwk_key(jwk, did)
    raise UnresolvableKey(did.split(":", 2)[1] if did.startswith("did:") else "not a DID")


def did_key_of(key: ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey) -> str:
    """The `did:key` of a public key (for tests and tools that sign)."""
    if isinstance(key, ed25519.Ed25519PublicKey):
        raw = ED25519_PUB + key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    else:
        raw = P256_PUB + key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint
        )
    return "did:key:z" + b58encode(raw)

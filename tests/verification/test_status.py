"""Credential status and did:web, only with the network allowed: a status list served by a local
test server with the badge's bit set (revoked) or clear; a did:web document given by a stub."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json

import pytest

from bot.verification.network import NetworkError, fetcher
from bot.verification.signing import did_key_method, sign_data_integrity
from bot.verification.verify import verify_badge
from tests._catalogue_server import catalogue_server
from tests.verification._badges import ED25519, ISSUER, as_bytes, credential, signed

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
INDEX = 94567


def status_list(url: str, revoked: set[int], issuer: str = ISSUER) -> bytes:
    bits = bytearray(16 * 1024)  # 131,072 entries, the smallest list the specification allows
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    encoded = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits))).rstrip(b"=").decode()
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {
            "id": url + "#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded,
        },
    }
    return json.dumps(sign_data_integrity(document, ED25519)).encode()


def with_status(url: str) -> bytes:
    entry = {
        "id": f"{url}#{INDEX}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(INDEX),
        "statusListCredential": url,
    }
    return as_bytes(signed(credential(credentialStatus=entry)))


def test_a_revoked_badge_is_not_verified_and_a_clear_bit_is_ok() -> None:
    with catalogue_server() as server:
        url = server.url("/status/1")
        fetch = fetcher(allow_private=True)
        server.served.body = status_list(url, {INDEX})
        revoked = verify_badge(with_status(url), NOW, fetch)
        assert revoked.verdict == "not_verified" and revoked.reason == "revoked"
        assert revoked.checks["status"] == "failed" and revoked.checks["signature"] == "ok"
        server.served.body = status_list(url, {INDEX - 1, INDEX + 1})
        clear = verify_badge(with_status(url), NOW, fetch)
        assert clear.verdict == "verified" and clear.checks["status"] == "ok"
        assert len(server.served.requests) == 2


def test_without_the_network_the_status_is_not_checked() -> None:
    with catalogue_server() as server:
        url = server.url("/status/1")
        server.served.body = status_list(url, {INDEX})
        offline = verify_badge(with_status(url), NOW)
        assert offline.verdict == "verified" and offline.checks["status"] == "not_checked"
        assert server.served.requests == []


def test_a_list_not_signed_by_the_issuer_leaves_the_status_unchecked() -> None:
    from bot.verification.keys import did_key_of
    from tests.verification._badges import P256

    with catalogue_server() as server:
        url = server.url("/status/1")
        other = did_key_of(P256.public_key())
        document = json.loads(status_list(url, {INDEX}, issuer=other))
        server.served.body = json.dumps(document).encode()  # signed by ED25519 but naming another issuer
        result = verify_badge(with_status(url), NOW, fetcher(allow_private=True))
        assert result.checks["status"] == "not_checked" and result.verdict == "verified"


def test_the_fetch_refuses_private_addresses_plain_http_and_big_answers() -> None:
    with catalogue_server(b"x" * 2_000_000) as server:
        with pytest.raises(NetworkError) as plain:
            fetcher()(server.url("/big"))
        assert plain.value.kind == "refused"  # http: refused without private sources
        with pytest.raises(NetworkError) as private:
            fetcher()(server.url("/big").replace("http://", "https://"))
        assert private.value.kind in ("refused", "connection")
        with pytest.raises(NetworkError) as big:
            fetcher(allow_private=True)(server.url("/big"))
        assert big.value.kind == "too_large"


def test_a_did_web_key_is_resolved_only_with_the_network() -> None:
    did = "did:web:college.example"
    method = f"{did}#key-1"
    public = did_key_method(ED25519).split("#")[1]
    document = {
        "@context": ["https://www.w3.org/ns/did/v1"],
        "id": did,
        "verificationMethod": [
            {"id": method, "type": "Multikey", "controller": did, "publicKeyMultibase": public}
        ],
        "assertionMethod": [method],
    }
    asked: list[str] = []

    def fetch(url: str) -> bytes:
        asked.append(url)
        return json.dumps(document).encode()

    badge = as_bytes(signed(credential(issuer=did), method=method))
    assert verify_badge(badge, NOW).reason == "unresolvable_key"
    online = verify_badge(badge, NOW, fetch)
    assert online.verdict == "verified", online
    assert asked == ["https://college.example/.well-known/did.json"]
    document["assertionMethod"] = []
    assert verify_badge(badge, NOW, fetch).verdict == "unverifiable"

"""Verification of signed badges, offline: each check on its own, a verdict, the reason in words."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.i18n import use_locale
from bot.verification import jsonld
from bot.verification.keys import did_key_of
from bot.verification.result import Verification, describe
from bot.verification.verify import verify_badge
from tests.verification._badges import ED25519, OFFLINE_OK, P256, as_bytes, credential, signed

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)


def checks(verification: Verification) -> dict[str, str]:
    return verification.checks


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "Ed25519Signature2020"])
def test_a_badge_signed_by_its_issuer_is_verified(suite: str) -> None:
    result = verify_badge(as_bytes(signed(suite=suite)), NOW)
    assert result.verdict == "verified"
    assert result.checks == OFFLINE_OK
    with use_locale("en"):
        assert describe(result).startswith("Verified")
        assert "revoked it is not checked" in describe(result)


def test_a_p256_data_integrity_proof_is_verified() -> None:
    document = credential(issuer=did_key_of(P256.public_key()))
    assert verify_badge(as_bytes(signed(document, suite="ecdsa-rdfc-2019")), NOW).verdict == "verified"


def test_one_byte_changed_is_not_verified_signature() -> None:
    data = as_bytes(signed())
    position = data.index(b"Passed the practical test")
    tampered = data[:position] + b"p" + data[position + 1 :]
    result = verify_badge(tampered, NOW)
    assert result.verdict == "not_verified" and result.checks["signature"] == "failed"
    assert result.checks["issuer_key"] == "ok"
    with use_locale("en"):
        assert describe(result).lower().startswith("not verified: signature")
    with use_locale("fr"):
        assert describe(result).startswith("Non vérifié\u00a0: signature")


def test_a_changed_proof_value_is_not_verified() -> None:
    document = signed()
    value = document["proof"]["proofValue"]
    document["proof"]["proofValue"] = value[:-2] + ("1" if value[-2] != "1" else "2") + value[-1]
    assert verify_badge(as_bytes(document), NOW).checks["signature"] == "failed"


def test_a_badge_signed_by_someone_else_fails_the_issuer_key() -> None:
    other = did_key_of(P256.public_key())  # the issuer named is not the one who signed
    result = verify_badge(as_bytes(signed(credential(issuer=other))), NOW)
    assert result.verdict == "not_verified" and result.reason == "issuer_key"
    assert result.checks["signature"] == "ok" and result.checks["issuer_key"] == "failed"


def test_an_expired_badge_is_not_verified_with_its_date_in_the_readers_words() -> None:
    result = verify_badge(as_bytes(signed(credential(validUntil="2026-01-31T00:00:00Z"))), NOW)
    assert result.verdict == "not_verified" and result.reason == "expired"
    assert result.checks == {
        "signature": "ok",
        "expiry": "failed",
        "status": "not_checked",
        "issuer_key": "ok",
        "subject": "not_checked",
    }
    with use_locale("en"):
        assert "expired on January 31, 2026" in describe(result)
    with use_locale("fr"):
        assert "31 janvier 2026" in describe(result)
    assert verify_badge(as_bytes(signed(credential(validFrom="2027-01-01T00:00:00Z"))), NOW).reason == (
        "not_yet_valid"
    )


def test_vc_1_1_dates_count_too() -> None:
    document = credential(issuanceDate="2024-01-01T00:00:00Z", expirationDate="2025-01-01T00:00:00Z")
    document["@context"] = [
        "https://www.w3.org/2018/credentials/v1",
        document["@context"][1],
        "https://w3id.org/security/data-integrity/v2",
    ]
    del document["validFrom"]
    result = verify_badge(as_bytes(signed(document)), NOW)
    assert result.checks["signature"] == "ok" and result.reason == "expired"


def test_an_unknown_context_is_reported_not_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was used")

    monkeypatch.setattr("socket.socket.connect", no_network)
    document = credential()
    document["@context"].append("https://contexts.example/badges/v9.json")
    result = verify_badge(as_bytes(_signed_raw(document)), NOW)
    assert result.verdict == "unverifiable" and result.reason == "unknown_context"
    assert result.checks["signature"] == "not_checked"
    with use_locale("en"):
        assert "https://contexts.example/badges/v9.json" in describe(result)


def _signed_raw(document: dict[str, object]) -> dict[str, object]:
    """A proof whose value cannot be made (the context is unknown to us too): a made-up value."""
    proof = json.loads(json.dumps(signed()["proof"]))
    return {**document, "proof": proof}


def test_no_proof_is_unverifiable_and_its_dates_still_reported() -> None:
    result = verify_badge(as_bytes(credential(validUntil="2026-01-01T00:00:00Z")), NOW)
    assert result.verdict == "unverifiable" and result.reason == "no_proof"
    assert result.checks["signature"] == "not_checked" and result.checks["expiry"] == "failed"
    with use_locale("fr"):
        assert describe(result).startswith("Invérifiable")


def test_a_term_no_context_defines_is_unverifiable() -> None:
    document = credential()
    document["@context"] = ["https://www.w3.org/2018/credentials/v1"]  # no Open Badges terms, no @vocab
    result = verify_badge(as_bytes(_signed_raw(document)), NOW)
    assert result.verdict == "unverifiable" and result.reason == "undefined_term"


def test_a_key_that_needs_the_network_is_unverifiable() -> None:
    document = signed(method="did:web:college.example#key-1")
    result = verify_badge(as_bytes(document), NOW)
    assert result.verdict == "unverifiable" and result.reason == "unresolvable_key"


def test_an_unsupported_proof_type_is_named() -> None:
    document = signed()
    document["proof"]["cryptosuite"] = "bbs-2023"
    result = verify_badge(as_bytes(document), NOW)
    assert result.reason == "unsupported_proof" and "bbs-2023" in result.detail


def test_a_stored_verification_reads_back_the_same() -> None:
    result = verify_badge(as_bytes(signed()), NOW)
    assert Verification.from_stored(json.loads(json.dumps(result.stored()))) == result
    assert Verification.from_stored({"verdict": "maybe"}) is None


def test_a_context_is_loaded_once_then_served_from_pyld_s_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json" in jsonld.shipped_contexts()
    verify_badge(as_bytes(signed()), NOW)
    loaded: list[str] = []
    original = jsonld.load_document

    def counting(url: str, options: object = None) -> dict[str, object]:
        loaded.append(url)
        return original(url, options)

    monkeypatch.setattr(jsonld, "load_document", counting)
    assert verify_badge(as_bytes(signed()), NOW).verdict == "verified"
    assert loaded == []


def test_keys_of_both_kinds_are_supported() -> None:
    assert did_key_of(ED25519.public_key()).startswith("did:key:z6Mk")
    assert did_key_of(P256.public_key()).startswith("did:key:zDn")

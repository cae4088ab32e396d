"""Whose badge is it? The recipient a badge names (a salted hash of an email address, OB 2.0 and
3.0) checked against the addresses the learner declared with /email (« /courriel »), at import
and again for the badges already in the wallet; exported and forgotten with the rest."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from bot.conversation.router import Conversation
from bot.formats.openbadges import Recipient, read_badge
from bot.store.db import Database
from bot.verification.result import FAILED, NOT_CHECKED, OK
from bot.verification.subject import subject_check
from tests.conversation import test_core
from tests.conversation.test_core import EN, FR, text_of
from tests.verification._badges import as_bytes, credential, signed

db = test_core.db
conversation = test_core.conversation
SALT = "grain-de-sel"


def hashed(email: str, salt: str = SALT) -> str:
    return "sha256$" + hashlib.sha256((email.lower() + salt).encode()).hexdigest()


def issued_to(email: str) -> bytes:
    document = credential()
    subject: dict[str, Any] = document["credentialSubject"]
    subject["identifier"] = [
        {
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": True,
            "identityHash": hashed(email),
            "salt": SALT,
        }
    ]
    return as_bytes(signed(document))


def test_the_recipient_hash_is_matched_whatever_the_case_and_only_with_an_address_declared() -> None:
    badge = read_badge(json.loads(issued_to("Ada@Example.org")))
    assert badge.recipients == [Recipient("email", hashed("ada@example.org"), True, SALT)]
    assert subject_check(badge.recipients, ["ADA@example.org"]) == OK
    assert subject_check(badge.recipients, ["grace@example.org"]) == FAILED
    assert subject_check(badge.recipients, []) == NOT_CHECKED
    assert subject_check([], ["ada@example.org"]) == NOT_CHECKED
    ob2 = read_badge(
        {
            "type": "Assertion",
            "recipient": {"type": "email", "hashed": False, "identity": "ada@example.org"},
            "badge": "https://example.org/b/1",
        }
    )
    assert subject_check(ob2.recipients, ["ada@example.org"]) == OK


def test_a_declared_address_makes_a_badge_theirs_and_another_s_badge_not_verified(
    conversation: Conversation, db: Database
) -> None:
    assert "Adresse enregistrée" in text_of(conversation.command(FR, "courriel", "aime@example.org"))
    mine = text_of(conversation.document(FR, "badge.json", issued_to("aime@example.org")))
    assert "Vérifié" in mine and "Il a été délivré à votre adresse courriel." in mine
    conversation.command(EN, "email", "ada@example.org")
    theirs = text_of(conversation.document(EN, "badge.json", issued_to("someone@example.org")))
    assert "Not verified: recipient." in theirs and "/email" in theirs


def test_declaring_an_address_checks_the_badges_already_in_the_wallet(conversation: Conversation) -> None:
    before = text_of(conversation.document(EN, "badge.json", issued_to("ada@example.org")))
    assert "Verified" in before and "issued to your email" not in before
    said = text_of(conversation.command(EN, "email", "ada@example.org"))
    assert "1 badge in your wallet was issued to you." in said
    assert "ada@example.org" in text_of(conversation.command(EN, "email"))
    wrong = text_of(conversation.command(EN, "email", "not an address"))
    assert "is not an email address" in wrong
    # forgotten: the badge is no longer checked against anyone
    assert "forgotten" in text_of(conversation.command(EN, "email", "off"))
    assert "Declare the email address" in text_of(conversation.command(EN, "email"))


def test_an_other_address_then_the_right_one_gives_the_verdict_back(conversation: Conversation) -> None:
    conversation.document(EN, "badge.json", issued_to("ada@example.org"))
    said = text_of(conversation.command(EN, "email", "grace@example.org"))
    assert "1 badge in your wallet was issued to another address: it is marked not verified." in said
    assert "1 badge in your wallet was issued to you." in text_of(
        conversation.command(EN, "email", "ada@example.org")
    )
    view = conversation.services.wallet.view(EN.ref)
    (entry,) = [e for group in view.groups for e in group.entries]
    assert entry.verification is not None and entry.verification.verified
    assert entry.verification.checks["subject"] == OK


def test_the_addresses_are_exported_and_forgotten(conversation: Conversation) -> None:
    conversation.command(FR, "courriel", "aime@example.org")
    assert conversation.services.account.export(FR.ref)["settings"]["emails"] == ["aime@example.org"]
    conversation.services.account.forget(FR.ref)
    assert conversation.services.wallet.emails(FR.ref) == []

"""Is this badge the learner's? Open Badges name their recipient by an email address, usually
as a salted hash of it (OB 2.0 `recipient`, OB 3.0 `credentialSubject.identifier`:
`sha256$` + the SHA-256 of the lowercased address followed by the salt). The badge is checked
against the addresses the learner declared (`/email`): "ok" when one matches, "failed" when the
badge names an email recipient and none of them matches, "not_checked" when the learner declared
none or the badge names no email recipient."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

from bot.formats.openbadges import Recipient
from bot.verification.result import FAILED, NOT_CHECKED, OK

_ALGORITHMS = frozenset({"sha256", "sha512", "sha1", "md5"})


def _matches(recipient: Recipient, email: str) -> bool:
    address = email.strip().lower()
    if not recipient.hashed:
        return recipient.identity.strip().lower() == address
    algorithm, _sep, digest = recipient.identity.partition("$")
    name = algorithm.lower()
    if name not in _ALGORITHMS or not digest:
        return False
    computed = hashlib.new(name, (address + recipient.salt).encode("utf-8")).hexdigest()
    return hmac.compare_digest(computed, digest.strip().lower())


def subject_check(recipients: Sequence[Recipient], emails: Sequence[str]) -> str:
    named = [recipient for recipient in recipients if recipient.kind == "email"]
    if not named or not emails:
        return NOT_CHECKED
    return OK if any(_matches(r, email) for r in named for email in emails) else FAILED

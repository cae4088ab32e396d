"""A verification's result: the checks, the verdict, the reason in plain words (see verify.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bot.i18n import N_, _, format_date
from bot.verification.keys import PublicKey

VERIFIED, NOT_VERIFIED, UNVERIFIABLE = "verified", "not_verified", "unverifiable"
OK, FAILED, NOT_CHECKED = "ok", "failed", "not_checked"
CHECKS = ("signature", "expiry", "status", "issuer_key", "subject")
VERDICTS = (VERIFIED, NOT_VERIFIED, UNVERIFIABLE)
STATES = (OK, FAILED, NOT_CHECKED)


REASONS = {
    "verified": N_("Verified: the issuer's signature and key are checked."),
    "signature": N_(
        "Not verified: signature. The badge was changed after it was signed, or signed with another key."
    ),
    "alg_none": N_("Not verified: signature. The token says it is not signed (“alg: none”)."),
    "issuer_key": N_("Not verified: issuer key. The badge was signed with a key that is not its issuer's."),
    "subject": N_(
        "Not verified: recipient. It was issued to an email address you haven't declared (/email to add yours)."
    ),
    "expired": N_("Not verified: expiry. It expired on {date}."),
    "not_yet_valid": N_("Not verified: dates. It is valid only from {date}."),
    "revoked": N_("Not verified: status. Its issuer revoked it."),
    "suspended": N_("Not verified: status. Its issuer suspended it."),
    "no_proof": N_("Unverifiable: the badge carries no signature (no proof)."),
    "hosted": N_(
        "Unverifiable: an Open Badges 2.0 badge is checked on its issuer's website, which needs the network."
    ),
    "unknown_context": N_("Unverifiable: it uses a JSON-LD context credbot doesn't have: {detail}"),
    "undefined_term": N_("Unverifiable: its term “{detail}” is defined by none of its JSON-LD contexts."),
    "unsupported_proof": N_("Unverifiable: credbot doesn't check proofs of this kind ({detail})."),
    "unresolvable_key": N_("Unverifiable: its signing key can't be found without the network ({detail})."),
    "malformed": N_("Unverifiable: its proof can't be read ({detail})."),
}


@dataclass(frozen=True)
class Verification:
    verdict: str  # verified | not_verified | unverifiable
    checks: dict[str, str]  # signature, expiry, status, issuer_key, subject → ok | failed | not_checked
    reason: str  # a key of REASONS
    detail: str = ""  # what the reason names: a context URL, an ISO date, a proof type
    checked_at: dt.datetime | None = None

    @property
    def verified(self) -> bool:
        return self.verdict == VERIFIED

    def with_subject(self, state: str) -> Verification:
        """This verification with the recipient checked (`bot.verification.subject`): a badge
        issued to someone else is not verified, whatever its signature says, unless the
        signature itself failed (that reason comes first)."""
        checks = {**self.checks, "subject": state}
        if state == FAILED and self.checks.get("signature") != FAILED:
            return Verification(NOT_VERIFIED, checks, "subject", "", self.checked_at)
        return Verification(self.verdict, checks, self.reason, self.detail, self.checked_at)

    def as_json(self) -> dict[str, Any]:
        """The stable JSON contract: verdict, checks, and the reason in the reader's language."""
        return {
            "verdict": self.verdict,
            "checks": dict(self.checks),
            "reason": describe(self),
        }

    def stored(self) -> dict[str, Any]:
        """What the wallet keeps: the codes (words are made when read) and the time of the check."""
        data: dict[str, Any] = {
            "verdict": self.verdict,
            "checks": dict(self.checks),
            "reason": self.reason,
        }
        if self.detail:
            data["detail"] = self.detail
        if self.checked_at is not None:
            data["checked_at"] = self.checked_at.isoformat()
        return data

    @classmethod
    def from_stored(cls, data: Any) -> Verification | None:
        """A stored verification, or None when there is none (or it is not one we wrote)."""
        if not isinstance(data, dict) or data.get("verdict") not in VERDICTS:
            return None
        raw = data.get("checks")
        raw_checks: dict[str, Any] = raw if isinstance(raw, dict) else {}
        checks = {name: str(raw_checks.get(name) or NOT_CHECKED) for name in CHECKS}
        checks = {name: state if state in STATES else NOT_CHECKED for name, state in checks.items()}
        when = None
        if isinstance(data.get("checked_at"), str):
            try:
                when = dt.datetime.fromisoformat(data["checked_at"])
            except ValueError:
                when = None
        reason = data.get("reason") if data.get("reason") in REASONS else "malformed"
        return cls(data["verdict"], checks, str(reason), str(data.get("detail") or ""), when)


def describe(verification: Verification) -> str:
    """The reason in plain words, in the current language."""
    template = _(REASONS.get(verification.reason, REASONS["malformed"]))
    date_text = verification.detail
    if verification.reason in ("expired", "not_yet_valid"):
        moment = _moment(verification.detail)
        date_text = format_date(moment.date()) if moment else verification.detail
    text = template.format(detail=verification.detail, date=date_text)
    if verification.verdict != VERIFIED:
        return text
    notes = [text]
    notes.append(
        _("Its dates are valid.") if verification.checks["expiry"] == OK else _("It has no validity dates.")
    )
    if verification.checks["status"] == OK:
        notes.append(_("Its issuer has not revoked it."))
    else:
        notes.append(_("Whether its issuer revoked it is not checked."))
    if verification.checks.get("subject") == OK:
        notes.append(_("It was issued to your email address."))
    else:
        notes.append(_("Whether it was issued to you is not checked (/email declares your address)."))
    return " ".join(notes)


@dataclass
class Outcome:
    checks: dict[str, str] = field(default_factory=lambda: dict.fromkeys(CHECKS, NOT_CHECKED))
    unverifiable: tuple[str, str] | None = None  # (reason, detail)
    failures: list[tuple[str, str]] = field(default_factory=list)  # in order of importance

    def cannot(self, reason: str, detail: str = "") -> Outcome:
        self.unverifiable = self.unverifiable or (reason, detail)
        return self

    def check(self, name: str, passed: bool, reason: str = "", detail: str = "") -> None:
        self.checks[name] = OK if passed else FAILED
        if not passed:
            self.failures.append((reason or name, detail))

    def result(self, now: dt.datetime) -> Verification:
        order = {
            "signature": 0,
            "alg_none": 0,
            "issuer_key": 1,
            "expired": 2,
            "not_yet_valid": 2,
        }
        failures = sorted(self.failures, key=lambda item: order.get(item[0], 3))
        if failures and (self.checks["signature"] == FAILED or self.unverifiable is None):
            reason, detail = failures[0]
            return Verification(NOT_VERIFIED, self.checks, reason, detail, now)
        if self.unverifiable is not None or self.checks["signature"] != OK:
            reason, detail = self.unverifiable or ("no_proof", "")
            return Verification(UNVERIFIABLE, self.checks, reason, detail, now)
        return Verification(VERIFIED, self.checks, "verified", "", now)


# -- dates --------------------------------------------------------------------------------------


def _moment(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def check_dates(outcome: Outcome, credential: dict[str, Any], now: dt.datetime) -> None:
    start_text = credential.get("validFrom", credential.get("issuanceDate"))
    end_text = credential.get("validUntil", credential.get("expirationDate"))
    start, end = _moment(start_text), _moment(end_text)
    if start is None and end is None:
        return
    if end is not None and now >= end:
        outcome.check("expiry", False, "expired", end.isoformat())
    elif start is not None and now < start:
        outcome.check("expiry", False, "not_yet_valid", start.isoformat())
    else:
        outcome.check("expiry", True)


# -- the issuer ---------------------------------------------------------------------------------


def issuer_id(credential: dict[str, Any]) -> str | None:
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) and issuer else None


def key_belongs_to_issuer(key: PublicKey, credential: dict[str, Any]) -> bool:
    """The key's controller is the issuer (a did:key issuer signs with its own key)."""
    return issuer_id(credential) == key.controller

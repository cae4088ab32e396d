"""A learner's wallet: the credentials they have earned, from the catalogue or imported as badges.

Functions over a SQLAlchemy Session and a learner reference such as `telegram:42`; they return
plain data and raise `WalletError` / `BadgeImportError` with a `reason` code the front end
translates. Nothing here formats text for a reader.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.credential import CredentialRecord, LocalText, SkillRef, Vocabulary, pick
from bot.formats.openbadges import MAX_BADGE_BYTES, Badge, BadgeError, decode_badge_bytes, read_badge
from bot.language.skills import SkillMatcher, fold
from bot.store import models
from bot.store.catalogue_repo import (
    get_by_external_id,
    get_credential,
    load_vocabulary,
)
from bot.store.learners import find_learner, forget_learner, get_or_create_learner

OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


class WalletError(Exception):
    """A wallet operation refused. `reason` codes: unknown_credential."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class BadgeImportError(WalletError):
    """A badge file refused; nothing was stored. `reason` codes:
    too_large (over 2 MB) | empty | malformed (not JSON, not a JWT, bad encoding) |
    not_a_badge (JSON, but neither an OB 3.0 credential nor an OB 2.0 assertion) |
    no_achievement (a badge, but without a name we can keep and not matching the catalogue)."""


@dataclass
class WalletEntry:
    external_id: str
    title: LocalText
    issuer: str | None
    credential: CredentialRecord | None  # the catalogue entry, when the credential is in it
    skills: list[SkillRef]
    hours: float | None
    earned_on: dt.date | None
    source: str  # "catalogue" or "openbadges"
    subject: str | None = None  # subject key (vocabulary) or folded subject label
    subject_label: LocalText = field(default_factory=dict)
    created: bool = False  # True when this call added it


@dataclass
class WalletGroup:
    subject: str | None  # None: credentials without a known subject
    label: LocalText
    entries: list[WalletEntry]
    total_hours: float
    skills: list[SkillRef]


@dataclass
class WalletView:
    groups: list[WalletGroup]
    total_hours: float
    skills: list[SkillRef]  # every skill covered, once
    count: int


# -- reading entries ----------------------------------------------------------------------------


def _resolve(session: Session, credential: int | str) -> CredentialRecord | None:
    """A catalogue credential by row id (int or digits) or by external id (tried first for str)."""
    if isinstance(credential, int):
        return get_credential(session, credential)
    found = get_by_external_id(session, credential)
    if found is None and credential.strip().isdigit():
        found = get_credential(session, int(credential))
    return found


def _skill_refs(raw: Iterable[Any]) -> list[SkillRef]:
    refs = []
    for item in raw:
        if isinstance(item, dict):
            label = item.get("label")
            refs.append(SkillRef(dict(label) if isinstance(label, dict) else {}, item.get("key")))
    return refs


def _dedupe_skills(skills: Iterable[SkillRef]) -> list[SkillRef]:
    seen: dict[str, SkillRef] = {}
    for skill in skills:
        marker = skill.key or "label:" + fold(next(iter(skill.label.values()), ""))
        seen.setdefault(marker, skill)
    return list(seen.values())


def _subject(
    record: CredentialRecord | None, skills: list[SkillRef], vocabulary: Vocabulary
) -> tuple[str | None, LocalText]:
    if record is not None and record.subjects:
        label = record.subjects[0]
        return fold(label.get("en") or next(iter(label.values()), "")), dict(label)
    concepts = {concept.key: concept for concept in vocabulary.skills}
    subjects = {subject.key: subject for subject in vocabulary.subjects}
    for skill in skills:
        concept = concepts.get(skill.key or "")
        if concept is not None and concept.subject:
            subject = subjects.get(concept.subject)
            return concept.subject, dict(subject.label) if subject else {"en": concept.subject}
    return None, {}


def _entry(
    session: Session, row: models.EarnedCredential, vocabulary: Vocabulary, created: bool = False
) -> WalletEntry:
    record = get_by_external_id(session, row.external_id)
    skills = list(record.skills) if record is not None else _skill_refs(row.skills or [])
    if record is not None:
        title = dict(record.name)
        issuer = next(iter(record.provider.name.values()), None) if record.provider else row.issuer
    else:
        evidence_name = (row.evidence or {}).get("name")
        title = dict(evidence_name) if isinstance(evidence_name, dict) else {}
        title = title or ({"en": row.title} if row.title else {})
        issuer = row.issuer
    subject, subject_label = _subject(record, skills, vocabulary)
    return WalletEntry(
        external_id=row.external_id,
        title=title,
        issuer=issuer,
        credential=record,
        skills=skills,
        hours=record.hours if record is not None else None,
        earned_on=row.earned_on,
        source=row.source,
        subject=subject,
        subject_label=subject_label,
        created=created,
    )


def _find_earned(session: Session, learner_id: int, external_id: str) -> models.EarnedCredential | None:
    return session.scalars(
        select(models.EarnedCredential).where(
            models.EarnedCredential.learner_id == learner_id,
            models.EarnedCredential.external_id == external_id,
        )
    ).first()


# -- earn, list, remove -------------------------------------------------------------------------


def earn(session: Session, ref: str, credential: int | str, earned_on: dt.date | None = None) -> WalletEntry:
    """Marks a catalogue credential (row id or external id) as earned. Marking it again changes
    nothing (the first date stays); `created` tells whether this call added it."""
    record = _resolve(session, credential)
    if record is None:
        raise WalletError("unknown_credential", str(credential))
    learner = get_or_create_learner(session, ref)
    vocabulary = load_vocabulary(session)
    existing = _find_earned(session, learner.id, record.external_id)
    if existing is not None:
        return _entry(session, existing, vocabulary)
    row = models.EarnedCredential(
        learner_id=learner.id,
        external_id=record.external_id,
        credential_id=record.id,
        title=record.title("en") or record.title("fr"),
        issuer=next(iter(record.provider.name.values()), None) if record.provider else None,
        skills=[{"label": skill.label, "key": skill.key} for skill in record.skills],
        source="catalogue",
        earned_on=earned_on,
        evidence={},
    )
    session.add(row)
    session.flush()
    return _entry(session, row, vocabulary, created=True)


def remove(session: Session, ref: str, credential: int | str) -> bool:
    """Removes a credential from the wallet (by catalogue id, or the external id it was stored
    under); True if it was there."""
    learner = find_learner(session, ref)
    if learner is None:
        return False
    external_id = credential if isinstance(credential, str) else None
    row = _find_earned(session, learner.id, external_id) if external_id is not None else None
    if row is None:
        record = _resolve(session, credential)
        if record is not None:
            row = _find_earned(session, learner.id, record.external_id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def list_wallet(session: Session, ref: str) -> WalletView:
    """The wallet grouped by subject (groups in order of subject label, the unknown subject
    last), with hours and skills per group and overall. Hours count catalogue entries only."""
    learner = find_learner(session, ref)
    if learner is None:
        return WalletView([], 0.0, [], 0)
    vocabulary = load_vocabulary(session)
    rows = session.scalars(
        select(models.EarnedCredential)
        .where(models.EarnedCredential.learner_id == learner.id)
        .order_by(models.EarnedCredential.id)
    )
    entries = [_entry(session, row, vocabulary) for row in rows]
    groups: dict[str | None, WalletGroup] = {}
    for entry in entries:
        group = groups.setdefault(entry.subject, WalletGroup(entry.subject, entry.subject_label, [], 0.0, []))
        group.entries.append(entry)
        group.total_hours += entry.hours or 0.0
        group.skills = _dedupe_skills([*group.skills, *entry.skills])
    ordered = sorted(
        groups.values(),
        key=lambda g: (
            g.subject is None,
            fold(g.label.get("en") or next(iter(g.label.values()), "")),
        ),
    )
    return WalletView(
        groups=ordered,
        total_hours=round(sum(group.total_hours for group in ordered), 2),
        skills=_dedupe_skills(skill for entry in entries for skill in entry.skills),
        count=len(entries),
    )


def held_skill_keys(session: Session, ref: str) -> set[str]:
    return {skill.key for skill in list_wallet(session, ref).skills if skill.key}


# -- badge import -------------------------------------------------------------------------------


def _read_badge(data: bytes) -> Badge:
    """The earned badge in a file's bytes; `BadgeImportError` when there is none."""
    try:
        badge = read_badge(*decode_badge_bytes(data))
    except BadgeError as error:
        raise BadgeImportError(error.reason, error.detail) from error
    if badge.format == "achievement":
        raise BadgeImportError("not_a_badge", "neither an OB 3.0 credential nor an OB 2.0 assertion")
    return badge


def _match_catalogue(session: Session, badge: Badge) -> CredentialRecord | None:
    """Achievement id or criteria URL first (against external ids and URLs), then name and
    provider."""
    for ref in (badge.achievement_id, badge.criteria_url):
        if not ref:
            continue
        found = get_by_external_id(session, ref)
        if found is not None:
            return found
        row = session.scalars(select(models.Credential.id).where(models.Credential.url == ref)).first()
        if row is not None:
            return get_credential(session, row)
    names = {fold(name) for name in badge.name.values() if name}
    if not names:
        return None
    hits: list[tuple[int, bool]] = []
    rows = session.execute(
        select(
            models.Credential.id,
            models.Credential.name_en,
            models.Credential.name_fr,
            models.Provider.name_en,
            models.Provider.name_fr,
            models.Provider.external_id,
        ).outerjoin(models.Provider, models.Credential.provider_id == models.Provider.id)
    )
    issuer = fold(badge.issuer_name) if badge.issuer_name else None
    for row_id, name_en, name_fr, provider_en, provider_fr, provider_id in rows:
        if not names & {fold(name) for name in (name_en, name_fr) if name}:
            continue
        providers = {fold(name) for name in (provider_en, provider_fr) if name}
        same_provider = (issuer is not None and issuer in providers) or (
            badge.issuer_id is not None and badge.issuer_id == provider_id
        )
        hits.append((row_id, same_provider))
    if any(same for _, same in hits):
        return get_credential(session, next(row_id for row_id, same in hits if same))
    if len(hits) == 1 and issuer is None and badge.issuer_id is None:
        return get_credential(session, hits[0][0])
    return None


def _alignment_skills(badge: Badge, vocabulary: Vocabulary) -> list[dict[str, Any]]:
    """Alignments as skills: by a vocabulary key among their identifiers, else by an exact name."""
    matcher = SkillMatcher(vocabulary)
    keys = {concept.key for concept in vocabulary.skills}
    skills = []
    for alignment in badge.alignments:
        name = pick(alignment.name, "en") or alignment.code or ""
        key = next((code for code in (alignment.skill_key, *alignment.codes) if code in keys), None)
        if key is None and name:
            request = matcher.match(name)
            exact = [m for m in request.matches if m.how in ("label", "key", "synonym", "abbreviation")]
            key = exact[0].key if len(exact) == 1 and not request.unknown_words else None
        if key is None and not name:
            continue
        label = dict(matcher.label(key)) if key else (dict(alignment.name) or {"en": name})
        skills.append({"label": label, "key": key})
    return skills


def import_badge(session: Session, ref: str, data: bytes) -> WalletEntry:
    """Adds an earned badge to the wallet from a file's bytes: an Open Badges 3.0 credential (JSON,
    or the compact JWT form: the payload is decoded, the signature is NOT verified) or an
    Open Badges 2.0 assertion (JSON). It is matched to a catalogue entry (achievement id or criteria
    URL first, then name and provider) or kept as an external credential with its skills and
    alignments. A refused file raises `BadgeImportError` and stores nothing. Importing the same
    badge twice keeps one entry."""
    badge = _read_badge(data)
    record = _match_catalogue(session, badge)
    if record is None and not badge.name:
        raise BadgeImportError("no_achievement", "badge without a name")
    learner = get_or_create_learner(session, ref)
    vocabulary = load_vocabulary(session)
    if record is not None:
        external_id = record.external_id
    else:
        fallback = hashlib.sha256(json.dumps(badge.name, sort_keys=True).encode()).hexdigest()[:16]
        external_id = badge.achievement_id or badge.criteria_url or f"badge:{fallback}"
        external_id = external_id[:255]
    existing = _find_earned(session, learner.id, external_id)
    if existing is not None:
        return _entry(session, existing, vocabulary)
    evidence: dict[str, Any] = {
        "format": badge.format,
        "achievement_id": badge.achievement_id,
        "credential_id": badge.credential_id,
        "criteria_url": badge.criteria_url,
        "issuer_id": badge.issuer_id,
        "name": badge.name,
        "description": pick(badge.description, "en") or None,
        "alignments": [alignment.as_json() for alignment in badge.alignments],
        "tags": badge.tags,
        "verified": False,
    }
    if record is not None:
        skills = [{"label": skill.label, "key": skill.key} for skill in record.skills]
        title = record.title("en") or record.title("fr")
        issuer = next(iter(record.provider.name.values()), None) if record.provider else badge.issuer_name
    else:
        skills = _alignment_skills(badge, vocabulary)
        title = badge.name.get("en") or next(iter(badge.name.values()))
        issuer = badge.issuer_name
    row = models.EarnedCredential(
        learner_id=learner.id,
        external_id=external_id,
        credential_id=record.id if record is not None else None,
        title=(title or "")[:500] or None,
        issuer=(issuer or "")[:300] or None,
        skills=skills,
        source="openbadges",
        earned_on=badge.earned_on,
        evidence={key: value for key, value in evidence.items() if value not in (None, [], {})},
    )
    session.add(row)
    session.flush()
    return _entry(session, row, vocabulary, created=True)


# -- export and forget --------------------------------------------------------------------------


def _open_badge(row: models.EarnedCredential, record: CredentialRecord | None) -> dict[str, Any]:
    evidence = row.evidence or {}
    name = record.name if record is not None else (evidence.get("name") or {"en": row.title or ""})
    achievement: dict[str, Any] = {
        "id": evidence.get("achievement_id") or (record.url if record and record.url else row.external_id),
        "type": ["Achievement"],
        "name": row.title or next(iter(name.values()), ""),
    }
    if isinstance(name, dict) and len(name) > 1:
        achievement["credbot:name"] = dict(name)
    criteria = evidence.get("criteria_url") or (record.url if record else None)
    if criteria:
        achievement["criteria"] = {"id": criteria}
    if evidence.get("description"):
        achievement["description"] = evidence["description"]
    alignments = list(evidence.get("alignments") or [])
    for skill in _skill_refs(row.skills or []):
        alignment: dict[str, Any] = {
            "type": ["Alignment"],
            "targetName": next(iter(skill.label.values()), ""),
        }
        if skill.key:
            alignment["targetCode"] = skill.key
        alignments.append(alignment)
    if alignments:
        achievement["alignment"] = alignments
    badge: dict[str, Any] = {
        "@context": OB3_CONTEXT,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement["name"],
        "issuer": {"type": ["Profile"], "name": row.issuer or ""},
        "credentialSubject": {"type": ["AchievementSubject"], "achievement": achievement},
        "credbot": {
            "external_id": row.external_id,
            "source": row.source,
            "in_catalogue": record is not None,
            "recorded_at": row.created_at.isoformat() if row.created_at else None,
            "verified": False,
        },
    }
    if evidence.get("issuer_id"):
        badge["issuer"]["id"] = evidence["issuer_id"]
    if row.earned_on:
        badge["validFrom"] = row.earned_on.isoformat()
    return badge


def export_learner(session: Session, ref: str) -> dict[str, Any]:
    """Everything stored about a learner, as JSON-ready data: settings, the wallet as a list of
    Open Badges 3.0-shaped credentials (unsigned: an export, not verifiable credentials), and
    their bundles. An unknown learner gives an export with empty lists."""
    learner = find_learner(session, ref)
    if learner is None:
        return {"learner": {"ref": ref}, "settings": {}, "wallet": [], "bundles": []}
    wallet = []
    for row in sorted(learner.earned, key=lambda r: r.id):
        wallet.append(_open_badge(row, get_by_external_id(session, row.external_id)))
    bundles = []
    for bundle in sorted(learner.bundles, key=lambda b: b.id):
        bundles.append(
            {
                "share_code": bundle.share_code,
                "goal": bundle.goal,
                "skills": list(bundle.skills or []),
                "constraints": dict(bundle.constraints or {}),
                "saved": bundle.saved,
                "created_at": bundle.created_at.isoformat() if bundle.created_at else None,
                "items": [item.external_id for item in bundle.items],
            }
        )
    return {
        "learner": {
            "ref": learner.ref,
            "telegram_user_id": learner.telegram_user_id,
            "created_at": learner.created_at.isoformat() if learner.created_at else None,
        },
        "settings": {"locale": learner.locale},
        "wallet": wallet,
        "bundles": bundles,
    }


def forget(session: Session, ref: str) -> bool:
    """Deletes the learner and everything stored about them (`forget_learner`)."""
    return forget_learner(session, ref)


__all__ = [
    "MAX_BADGE_BYTES",
    "BadgeImportError",
    "WalletEntry",
    "WalletError",
    "WalletGroup",
    "WalletView",
    "earn",
    "export_learner",
    "forget",
    "held_skill_keys",
    "import_badge",
    "list_wallet",
    "remove",
]


def holds(session: Session, ref: str, external_id: str) -> bool:
    """Whether the learner's wallet has this credential."""
    learner = find_learner(session, ref)
    return learner is not None and _find_earned(session, learner.id, external_id) is not None

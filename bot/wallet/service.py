"""A learner's wallet: the credentials they have earned, from the catalogue or imported as badges.

Use cases over a unit of work and a learner reference such as `telegram:42`; they return plain
data and raise `WalletError` / `BadgeImportError` with a `reason` code the front end translates.
`Wallet` runs each in its own transaction. Nothing here formats text for a reader.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.domain.credential import CredentialRecord, LocalText, SkillRef, Vocabulary, pick
from bot.domain.learner import EarnedRecord
from bot.formats.baking import BakingError, unbake
from bot.formats.openbadges import Badge, BadgeError, decode_badge_bytes, read_badge
from bot.language.skills import SkillMatcher
from bot.language.text import fold
from bot.store.db import Database
from bot.store.unit_of_work import UnitOfWork
from bot.verification.network import Fetch
from bot.verification.result import FAILED, NOT_CHECKED, OK, Verification
from bot.verification.subject import subject_check
from bot.verification.verify import verify_badge


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
    no_achievement (a badge, but without a name we can keep and not matching the catalogue) |
    bad_image | unsafe_svg | not_baked | hosted_only (an image: see `bot.formats.baking`)."""


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
    verified: bool = False  # the store marks it verified (bot.wallet.verdict reads it)
    verification: Verification | None = None  # an imported badge's, None for a catalogue entry


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


def resolve_credential(uow: UnitOfWork, credential: int | str) -> CredentialRecord | None:
    """A catalogue credential by row id (int or digits) or by external id (tried first for str)."""
    if isinstance(credential, int):
        return uow.catalogue.credential(credential)
    found = uow.catalogue.by_external_id(credential)
    if found is None and credential.strip().isdigit():
        found = uow.catalogue.credential(int(credential))
    return found


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


def _stored_verification(earned: EarnedRecord) -> Verification | None:
    found = Verification.from_stored(earned.verification)
    if found is None or earned.verified_at is None:
        return found
    return Verification(found.verdict, found.checks, found.reason, found.detail, earned.verified_at)


def _is_verified(earned: EarnedRecord) -> bool:
    """The stored verdict is "verified" (an entry from before verification: never)."""
    found = Verification.from_stored(earned.verification)
    return found is not None and found.verified


def _entry(
    uow: UnitOfWork, earned: EarnedRecord, vocabulary: Vocabulary, created: bool = False
) -> WalletEntry:
    record = uow.catalogue.by_external_id(earned.external_id)
    skills = list(record.skills) if record is not None else earned.skill_refs()
    if record is not None:
        title = dict(record.name)
        issuer = next(iter(record.provider.name.values()), None) if record.provider else earned.issuer
    else:
        evidence_name = earned.evidence.get("name")
        title = dict(evidence_name) if isinstance(evidence_name, dict) else {}
        title = title or ({"en": earned.title} if earned.title else {})
        issuer = earned.issuer
    subject, subject_label = _subject(record, skills, vocabulary)
    return WalletEntry(
        external_id=earned.external_id,
        title=title,
        issuer=issuer,
        credential=record,
        skills=skills,
        hours=record.hours if record is not None else None,
        earned_on=earned.earned_on,
        source=earned.source,
        subject=subject,
        subject_label=subject_label,
        created=created,
        verified=_is_verified(earned),
        verification=_stored_verification(earned),
    )


# -- earn, list, remove -------------------------------------------------------------------------


def _provider_name(record: CredentialRecord) -> str | None:
    return next(iter(record.provider.name.values()), None) if record.provider else None


def earn(uow: UnitOfWork, ref: str, credential: int | str, earned_on: dt.date | None = None) -> WalletEntry:
    """Marks a catalogue credential (row id or external id) as earned. Marking it again changes
    nothing (the first date stays); `created` tells whether this call added it."""
    record = resolve_credential(uow, credential)
    if record is None:
        raise WalletError("unknown_credential", str(credential))
    vocabulary = uow.catalogue.vocabulary()
    existing = uow.wallet.find(ref, record.external_id)
    if existing is not None:
        return _entry(uow, existing, vocabulary)
    earned = uow.wallet.add(
        ref,
        EarnedRecord(
            external_id=record.external_id,
            credential_id=record.id,
            title=record.title("en") or record.title("fr"),
            issuer=_provider_name(record),
            skills=[{"label": skill.label, "key": skill.key} for skill in record.skills],
            source="catalogue",
            earned_on=earned_on,
        ),
    )
    return _entry(uow, earned, vocabulary, created=True)


def remove(uow: UnitOfWork, ref: str, credential: int | str) -> bool:
    """Removes a credential from the wallet (by catalogue id, or the external id it was stored
    under); True if it was there."""
    if isinstance(credential, str) and uow.wallet.remove(ref, credential):
        return True
    record = resolve_credential(uow, credential)
    return record is not None and uow.wallet.remove(ref, record.external_id)


def list_wallet(uow: UnitOfWork, ref: str) -> WalletView:
    """The wallet grouped by subject (groups in order of subject label, the unknown subject
    last), with hours and skills per group and overall. Hours count catalogue entries only."""
    earned = uow.wallet.entries(ref)
    if not earned:
        return WalletView([], 0.0, [], 0)
    vocabulary = uow.catalogue.vocabulary()
    entries = [_entry(uow, item, vocabulary) for item in earned]
    groups: dict[str | None, WalletGroup] = {}
    for entry in entries:
        # One heading per subject name: a catalogue subject and a vocabulary subject of the same
        # name (an imported badge's) are one group.
        name = fold(entry.subject_label.get("en") or next(iter(entry.subject_label.values()), ""))
        marker = name or entry.subject
        group = groups.setdefault(marker, WalletGroup(entry.subject, entry.subject_label, [], 0.0, []))
        group.entries.append(entry)
        group.total_hours += entry.hours or 0.0
        group.skills = _dedupe_skills([*group.skills, *entry.skills])
    ordered = sorted(
        groups.values(),
        key=lambda g: (g.subject is None, fold(g.label.get("en") or next(iter(g.label.values()), ""))),
    )
    return WalletView(
        groups=ordered,
        total_hours=round(sum(group.total_hours for group in ordered), 2),
        skills=_dedupe_skills(skill for entry in entries for skill in entry.skills),
        count=len(entries),
    )


def held(uow: UnitOfWork, ref: str) -> tuple[set[str], set[str]]:
    """(skill keys, external ids) the learner's wallet already covers."""
    skills: set[str] = set()
    ids: set[str] = set()
    for earned in uow.wallet.entries(ref):
        ids.add(earned.external_id)
        record = uow.catalogue.by_external_id(earned.external_id)
        if record is not None:
            skills.update(skill.key for skill in record.skills if skill.key)
        skills.update(
            str(skill["key"]) for skill in earned.skills if isinstance(skill, dict) and skill.get("key")
        )
    return skills, ids


def holds(uow: UnitOfWork, ref: str, external_id: str) -> bool:
    """Whether the learner's wallet has this credential."""
    return uow.wallet.find(ref, external_id) is not None


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


def _badge_bytes(data: bytes) -> bytes:
    """The badge itself: the file, or the badge baked in an image (already read once: it unbakes)."""
    try:
        baked = unbake(data)
    except BakingError:  # not reached: `_read_badge` refused the image first
        return data
    return baked.payload if baked is not None else data


def _match_catalogue(uow: UnitOfWork, badge: Badge) -> CredentialRecord | None:
    """Achievement id or criteria URL first (against external ids and URLs), then name and
    provider."""
    for ref in (badge.achievement_id, badge.criteria_url):
        if not ref:
            continue
        found = uow.catalogue.by_external_id(ref) or uow.catalogue.by_url(ref)
        if found is not None:
            return found
    names = {fold(name) for name in badge.name.values() if name}
    if not names:
        return None
    hits: list[tuple[int, bool]] = []
    issuer = fold(badge.issuer_name) if badge.issuer_name else None
    for candidate in uow.catalogue.named():
        if not names & {fold(name) for name in candidate.names}:
            continue
        providers = {fold(name) for name in candidate.provider_names}
        same_provider = (issuer is not None and issuer in providers) or (
            badge.issuer_id is not None and badge.issuer_id == candidate.provider_external_id
        )
        hits.append((candidate.id, same_provider))
    chosen = next((row_id for row_id, same in hits if same), None)
    if chosen is None and len(hits) == 1 and issuer is None and badge.issuer_id is None:
        chosen = hits[0][0]
    return uow.catalogue.credential(chosen) if chosen is not None else None


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


# What a badge may store, at most: a learner's file is theirs to write, the store is shared.
MAX_NAME_CHARS = 300  # a badge's name, in each language
MAX_DESCRIPTION_CHARS = 2000  # its description (the rest: on the badge's own page)
MAX_ID_CHARS = 255  # ids and addresses
MAX_LIST_ITEMS = 50  # alignments, tags
MAX_TAG_CHARS = 100


def _cut(text: str | None, limit: int) -> str | None:
    """`text` shortened to `limit` characters, an ellipsis marking the cut."""
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def _badge_evidence(badge: Badge) -> dict[str, Any]:
    """What the wallet keeps of an imported badge, each text capped (MAX_*_CHARS)."""
    alignments = [
        {
            key: _cut(value, MAX_NAME_CHARS if key != "targetUrl" else MAX_ID_CHARS)
            for key, value in alignment.as_json().items()
        }
        for alignment in badge.alignments[:MAX_LIST_ITEMS]
    ]
    evidence: dict[str, Any] = {
        "format": badge.format,
        "achievement_id": _cut(badge.achievement_id, MAX_ID_CHARS),
        "credential_id": _cut(badge.credential_id, MAX_ID_CHARS),
        "criteria_url": _cut(badge.criteria_url, MAX_ID_CHARS),
        "issuer_id": _cut(badge.issuer_id, MAX_ID_CHARS),
        "name": {lang: _cut(text, MAX_NAME_CHARS) for lang, text in list(badge.name.items())[:4]},
        "description": _cut(pick(badge.description, "en") or None, MAX_DESCRIPTION_CHARS),
        "alignments": alignments,
        "tags": [_cut(tag, MAX_TAG_CHARS) for tag in badge.tags[:MAX_LIST_ITEMS]],
        "verified": False,
    }
    return {key: value for key, value in evidence.items() if value not in (None, [], {})}


def _badge_external_id(badge: Badge, record: CredentialRecord | None) -> str:
    if record is not None:
        return record.external_id
    fallback = hashlib.sha256(json.dumps(badge.name, sort_keys=True).encode()).hexdigest()[:16]
    return (badge.achievement_id or badge.criteria_url or f"badge:{fallback}")[:255]


def import_badge(uow: UnitOfWork, ref: str, data: bytes, fetch: Fetch | None = None) -> WalletEntry:
    """Adds an earned badge to the wallet from a file's bytes: an Open Badges 3.0 credential (JSON
    with a Data Integrity proof, or the compact JWT form) or an Open Badges 2.0 assertion (JSON).
    Its proof is verified offline (`bot.verification`): the entry's `verification` says what was
    checked, and a badge that fails is kept all the same, marked; the verdict, the time of the check
    and the badge as given (`original`, for `credbot wallet export --format ob3`) are stored with the
    entry. With `fetch` (the network allowed), did:web keys and status lists are fetched too. It is matched to a catalogue entry (achievement id or criteria
    URL first, then name and provider) or kept as an external credential with its skills and
    alignments. A refused file raises `BadgeImportError` and stores nothing. Importing the same
    badge twice keeps one entry."""
    badge = _read_badge(data)
    inside = _badge_bytes(data)
    verification = verify_badge(inside, fetch=fetch)
    verification = verification.with_subject(subject_check(badge.recipients, uow.learners.emails(ref)))
    checked_at = verification.checked_at or dt.datetime.now(dt.UTC)
    original = inside.decode("utf-8", "replace")
    record = _match_catalogue(uow, badge)
    if record is None and not badge.name:
        raise BadgeImportError("no_achievement", "badge without a name")
    vocabulary = uow.catalogue.vocabulary()
    external_id = _badge_external_id(badge, record)
    existing = uow.wallet.find(ref, external_id)
    if existing is not None:
        uow.wallet.set_verification(ref, external_id, verification.stored(), checked_at, original)
        entry = _entry(uow, existing, vocabulary)
        entry.verification = verification
        return entry
    if record is not None:
        skills = [{"label": skill.label, "key": skill.key} for skill in record.skills]
        title = record.title("en") or record.title("fr")
        issuer = _provider_name(record) or badge.issuer_name
    else:
        skills = _alignment_skills(badge, vocabulary)
        title = badge.name.get("en") or next(iter(badge.name.values()))
        issuer = badge.issuer_name
    earned = uow.wallet.add(
        ref,
        EarnedRecord(
            external_id=external_id,
            credential_id=record.id if record is not None else None,
            title=_cut(title, MAX_NAME_CHARS) or None,
            issuer=_cut(issuer, MAX_NAME_CHARS) or None,
            skills=skills,
            source="openbadges",
            earned_on=badge.earned_on,
            evidence={**_badge_evidence(badge), "verified": verification.verified},
            original=original,
            verification=verification.stored(),
            verified_at=checked_at,
        ),
    )
    entry = _entry(uow, earned, vocabulary, created=True)
    entry.verification = verification
    return entry


# -- export for employers ----------------------------------------------------------------------


@dataclass
class ExportedBadge:
    """An imported badge as the learner gave it, with what credbot found."""

    file_name: str  # `01-welding-safety.json` (`.jwt` for a compact JWS)
    original: bytes  # byte for byte the badge that was imported (baked: the badge inside the image)
    summary: dict[str, Any]


def _slug(text: str) -> str:
    folded = fold(text)
    return "-".join("".join(c if c.isalnum() else " " for c in folded).split())[:40] or "badge"


def export_badges(uow: UnitOfWork, ref: str, include_all: bool = False) -> list[ExportedBadge]:
    """The learner's imported badges, unchanged, for a third-party verifier: the verified ones
    (every one kept with its original when `include_all`), in the order they were imported. Each
    summary names the file, its SHA-256, the title, the issuer, and credbot's verification."""
    found: list[ExportedBadge] = []
    for earned in uow.wallet.entries(ref):
        if earned.source != "openbadges" or earned.original is None:
            continue
        verification = _stored_verification(earned)
        if not include_all and (verification is None or not verification.verified):
            continue
        original = earned.original.encode("utf-8")
        text = earned.original.lstrip("\ufeff").strip()
        extension = "json" if text.startswith(("{", "[")) else "jwt"
        name = f"{len(found) + 1:02d}-{_slug(earned.title or earned.external_id)}.{extension}"
        summary = {
            "file": name,
            "sha256": hashlib.sha256(original).hexdigest(),
            "external_id": earned.external_id,
            "title": earned.title,
            "issuer": earned.issuer,
            "earned_on": earned.earned_on.isoformat() if earned.earned_on else None,
            "verification": verification.as_json() if verification else None,
            "verified_at": verification.checked_at.isoformat()
            if verification and verification.checked_at
            else None,
        }
        found.append(ExportedBadge(name, original, summary))
    return found


@dataclass(frozen=True)
class SubjectsChecked:
    """Imported badges whose recipient was checked again: how many are the learner's, how many
    name someone else."""

    theirs: int = 0
    others: int = 0


def recheck_subjects(
    uow: UnitOfWork, ref: str, emails: list[str], fetch: Fetch | None = None
) -> SubjectsChecked:
    counts = {OK: 0, FAILED: 0, NOT_CHECKED: 0}
    for earned in uow.wallet.entries(ref):
        if earned.original is None or earned.verification is None:
            continue
        previous = Verification.from_stored(earned.verification)
        if previous is None:
            continue
        try:
            badge = _read_badge(earned.original.encode("utf-8"))
        except BadgeImportError:
            continue
        state = subject_check(badge.recipients, emails)
        counts[state] += 1
        # A badge refused for its recipient alone: its other checks made again, from the start.
        base = previous if previous.reason != "subject" else verify_badge(earned.original.encode("utf-8"), fetch=fetch)
        checked = base.with_subject(state)
        at = checked.checked_at or dt.datetime.now(dt.UTC)
        uow.wallet.set_verification(ref, earned.external_id, checked.stored(), at, None)
    return SubjectsChecked(counts[OK], counts[FAILED])


class Wallet:
    """The wallet use cases, each in its own transaction."""

    def __init__(self, store: Database, fetch: Fetch | None = None) -> None:
        self._store = store
        self._fetch = fetch  # given when the installation allows the network

    def earn(self, ref: str, credential: int | str, earned_on: dt.date | None = None) -> WalletEntry:
        with self._store.unit_of_work() as uow:
            return earn(uow, ref, credential, earned_on)

    def remove(self, ref: str, credential: int | str) -> bool:
        with self._store.unit_of_work() as uow:
            return remove(uow, ref, credential)

    def view(self, ref: str) -> WalletView:
        with self._store.unit_of_work() as uow:
            return list_wallet(uow, ref)

    def holds(self, ref: str, external_id: str) -> bool:
        with self._store.unit_of_work() as uow:
            return holds(uow, ref, external_id)

    def import_badge(self, ref: str, data: bytes) -> WalletEntry:
        with self._store.unit_of_work() as uow:
            return import_badge(uow, ref, data, self._fetch)

    def emails(self, ref: str) -> list[str]:
        with self._store.unit_of_work() as uow:
            return uow.learners.emails(ref)

    def set_emails(self, ref: str, emails: list[str]) -> SubjectsChecked:
        """The learner's declared addresses, and every imported badge's recipient checked again
        against them (its other checks as they were)."""
        with self._store.unit_of_work() as uow:
            uow.learners.set_emails(ref, emails)
            return recheck_subjects(uow, ref, emails, self._fetch)

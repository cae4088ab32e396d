"""Writing a parsed catalogue and a skills vocabulary into the store.

Records are matched by external id. Re-importing the same data changes nothing (not even
`updated_at`). Skills are linked by vocabulary key, else by label in either language (case- and
accent-insensitive), else created with a key slugged from the English (else French) label.
Before that, the import's references are united into concepts (`bot.formats.concepts`); a
concept is also found by one of its identifiers (competency URI, CTID, ESCO URI) in the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session, selectinload

from bot.domain.credential import CredentialRecord, ProviderRecord, SkillRef, Vocabulary
from bot.formats.common import slugify
from bot.formats.concepts import unite_skills, uri_key
from bot.language.packs import LANGUAGES
from bot.language.text import fold
from bot.store import models

Progress = Callable[[int, int], None]


@dataclass
class WriteCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    providers_added: int = 0
    providers_updated: int = 0
    providers_removed: int = 0
    skills_created: int = 0
    relinked: int = 0
    skills_alone: int = 0  # skills written without a credential (competency frameworks)
    # Competencies referenced by identifier only that neither the import nor the store defines.
    skills_unresolved: list[str] = field(default_factory=list)


@dataclass
class VocabularyReport:
    subjects: int = 0
    skills: int = 0
    occupations: int = 0
    added: int = 0
    updated: int = 0


class _Skills:
    """The skills table in memory: by key and by folded label."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_key: dict[str, models.Skill] = {}
        self.by_label: dict[str, models.Skill] = {}
        self.by_uri: dict[str, models.Skill] = {}
        self.created = 0
        for skill in session.scalars(select(models.Skill).order_by(models.Skill.id)):
            self._index(skill)

    def _index(self, skill: models.Skill) -> None:
        self.by_key[skill.key] = skill
        for label in (skill.label_en, skill.label_fr):
            if label and fold(label):
                self.by_label.setdefault(fold(label), skill)
        for uri in skill.uris or ():
            self.by_uri.setdefault(uri_key(uri), skill)

    def _create(self, key: str, ref: SkillRef) -> models.Skill:
        skill = models.Skill(
            key=key,
            label_en=ref.label.get("en") or (None if ref.label else key),
            label_fr=ref.label.get("fr"),
            synonyms={},
            abbreviations=[],
            uris=list(dict.fromkeys(uri_key(uri) for uri in ref.uris)),
        )
        self.session.add(skill)
        self.session.flush()
        self.created += 1
        self._index(skill)
        return skill

    def _fill(self, skill: models.Skill, ref: SkillRef) -> None:
        """Add a translation, and identifiers, the stored skill lacks."""
        for lang in LANGUAGES:
            text = ref.label.get(lang)
            if text and not getattr(skill, f"label_{lang}"):
                setattr(skill, f"label_{lang}", text)
                self.by_label.setdefault(fold(text), skill)
        known = list(skill.uris or [])
        new = [uri for uri in dict.fromkeys(uri_key(u) for u in ref.uris) if uri not in known]
        if new:
            skill.uris = known + new
            for uri in new:
                self.by_uri.setdefault(uri, skill)

    def resolve(self, ref: SkillRef) -> models.Skill | None:
        """The skill `ref` names: by key; else by one of its codes that is an existing key; else by
        label, created when new. None for a ref with only codes that match no key."""
        if not ref.key:
            for uri in ref.uris:
                found = self.by_uri.get(uri_key(uri))
                if found is not None:
                    self._fill(found, ref)
                    return found
        if ref.key:
            skill = self.by_key.get(ref.key)
            if skill is None:
                return self._create(ref.key, ref)
            self._fill(skill, ref)
            return skill
        for code in ref.codes:
            if code in self.by_key:
                skill = self.by_key[code]
                self._fill(skill, ref)
                return skill
        for lang in LANGUAGES:
            text = ref.label.get(lang)
            if text and fold(text) in self.by_label:
                skill = self.by_label[fold(text)]
                self._fill(skill, ref)
                return skill
        if not any(text.strip() for text in ref.label.values()):
            return None
        base = slugify(ref.label.get("en") or ref.label.get("fr") or "") or "skill"
        key, n = base, 1
        while key in self.by_key:
            n += 1
            key = f"{base}-{n}"
        return self._create(key, ref)


def _values(record: CredentialRecord) -> dict[str, Any]:
    return {
        "credential_type": record.credential_type,
        "name_en": record.name.get("en") or None,
        "name_fr": record.name.get("fr") or None,
        "description_en": record.description.get("en") or None,
        "description_fr": record.description.get("fr") or None,
        "languages": list(record.languages),
        "hours": None if record.hours is None else float(record.hours),
        "cost": record.cost,
        "currency": record.currency,
        "delivery": record.delivery,
        "url": record.url,
        "status": record.status,
        "keywords": {lang: list(words) for lang, words in record.keywords.items() if words},
        "subjects": [dict(subject) for subject in record.subjects],
        "occupations": [dict(occupation) for occupation in record.occupations],
    }


class _Providers:
    """The providers table in memory, updated at most once per import from the records."""

    def __init__(self, session: Session, counts: WriteCounts) -> None:
        self.session = session
        self.counts = counts
        self.rows = {row.external_id: row for row in session.scalars(select(models.Provider))}
        self.seen: set[str] = set()

    def resolve(self, info: ProviderRecord | None) -> models.Provider | None:
        if info is None:
            return None
        row = self.rows.get(info.external_id)
        if row is None:
            row = models.Provider(
                external_id=info.external_id,
                name_en=info.name.get("en"),
                name_fr=info.name.get("fr"),
                url=info.url,
            )
            self.session.add(row)
            self.session.flush()
            self.rows[info.external_id] = row
            self.counts.providers_added += 1
            self.seen.add(info.external_id)
        elif info.external_id not in self.seen:
            self.seen.add(info.external_id)
            changes: dict[str, Any] = {
                f"name_{lang}": info.name[lang] for lang in LANGUAGES if info.name.get(lang)
            }
            if info.url:
                changes["url"] = info.url
            changed = {k: v for k, v in changes.items() if getattr(row, k) != v}
            for key, value in changed.items():
                setattr(row, key, value)
            if changed:
                self.counts.providers_updated += 1
        return row


def _links(skill_rows: Sequence[models.Skill]) -> list[models.CredentialSkill]:
    return [models.CredentialSkill(skill_id=skill.id, position=i) for i, skill in enumerate(skill_rows)]


def _update(
    session: Session,
    row: models.Credential,
    values: dict[str, Any],
    provider: models.Provider | None,
    skill_rows: list[models.Skill],
) -> bool:
    """Brings a stored credential up to date; False when nothing differed."""
    changed_values = {k: v for k, v in values.items() if getattr(row, k) != v}
    provider_changed = row.provider is not provider
    links_changed = [link.skill_id for link in row.skill_links] != [skill.id for skill in skill_rows]
    if not (changed_values or provider_changed or links_changed):
        return False
    for key, value in changed_values.items():
        setattr(row, key, value)
    if provider_changed:
        row.provider = provider
    if links_changed:
        row.skill_links.clear()
        session.flush()
        row.skill_links.extend(_links(skill_rows))
    row.updated_at = func.now()
    return True


def _remove_absent(
    session: Session, existing: dict[str, models.Credential], keep: set[str], counts: WriteCounts
) -> None:
    """`--replace`: credentials not in the import go (earned records keep their external id)."""
    gone = [row for ext, row in existing.items() if ext not in keep]
    ids = [row.id for row in gone]
    for start in range(0, len(ids), 500):
        session.execute(
            update(models.EarnedCredential)
            .where(models.EarnedCredential.credential_id.in_(ids[start : start + 500]))
            .values(credential_id=None)
        )
    for row in gone:
        session.delete(row)
    counts.removed = len(gone)
    session.flush()
    unused = list(
        session.scalars(
            select(models.Provider).where(
                ~exists().where(models.Credential.provider_id == models.Provider.id)
            )
        )
    )
    for provider in unused:
        session.delete(provider)
    counts.providers_removed = len(unused)


def _relink_earned(session: Session) -> int:
    """Learners' earned records that point at nothing find their credential again by external id."""
    result = session.execute(
        update(models.EarnedCredential)
        .where(models.EarnedCredential.credential_id.is_(None))
        .where(exists().where(models.Credential.external_id == models.EarnedCredential.external_id))
        .values(
            credential_id=select(models.Credential.id)
            .where(models.Credential.external_id == models.EarnedCredential.external_id)
            .scalar_subquery()
        )
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def write_catalogue(
    session: Session,
    records: Sequence[CredentialRecord],
    *,
    replace: bool,
    progress: Progress | None,
    skills_alone: Sequence[SkillRef] = (),
) -> WriteCounts:
    """Writes the records (and `skills_alone`, skills no record names: a competency framework's).
    The records' skill references are replaced by their concepts."""
    counts = WriteCounts()
    alone = unite_skills(records, skills_alone)
    existing = {
        row.external_id: row
        for row in session.scalars(
            select(models.Credential).options(
                selectinload(models.Credential.provider), selectinload(models.Credential.skill_links)
            )
        )
    }
    providers = _Providers(session, counts)
    skills = _Skills(session)
    unresolved: dict[str, None] = {}
    for done, record in enumerate(records, start=1):
        provider = providers.resolve(record.provider)
        skill_rows: list[models.Skill] = []
        for ref in record.skills:
            skill = skills.resolve(ref)
            if skill is None and ref.uris and ref.uris[0] not in unresolved:
                unresolved[ref.uris[0]] = None
            if skill is not None and all(skill is not other for other in skill_rows):
                skill_rows.append(skill)
        values = _values(record)
        row = existing.get(record.external_id)
        if row is None:
            row = models.Credential(external_id=record.external_id, **values)
            row.provider = provider
            row.skill_links = _links(skill_rows)
            session.add(row)
            existing[record.external_id] = row
            counts.added += 1
        elif _update(session, row, values, provider, skill_rows):
            counts.updated += 1
        else:
            counts.unchanged += 1
        if progress is not None:
            progress(done, len(records))
    for ref in alone:
        skills.resolve(ref)
    counts.skills_alone = len(alone)
    counts.skills_unresolved = list(unresolved)
    session.flush()
    if replace:
        _remove_absent(session, existing, {record.external_id for record in records}, counts)
    counts.relinked = _relink_earned(session)
    counts.skills_created = skills.created
    return counts


def has_credentials(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(models.Credential)))


def _upsert(
    session: Session,
    model: Any,
    rows: dict[str, Any],
    key: str,
    values: dict[str, Any],
    report: VocabularyReport,
) -> None:
    row = rows.get(key)
    if row is None:
        rows[key] = row = model(key=key, **values)
        session.add(row)
        report.added += 1
        return
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    report.updated += changed


def _uris(uris: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(uri_key(uri) for uri in uris if uri.strip()))


def upsert_vocabulary(session: Session, vocabulary: Vocabulary) -> VocabularyReport:
    """Subjects, skills and occupations by key (each table read once: ESCO has thousands)."""
    report = VocabularyReport(
        subjects=len(vocabulary.subjects),
        skills=len(vocabulary.skills),
        occupations=len(vocabulary.occupations),
    )
    subjects = {row.key: row for row in session.scalars(select(models.Subject))}
    for subject in vocabulary.subjects:
        _upsert(
            session,
            models.Subject,
            subjects,
            subject.key,
            {"label_en": subject.label.get("en"), "label_fr": subject.label.get("fr")},
            report,
        )
    skills = {row.key: row for row in session.scalars(select(models.Skill))}
    for skill in vocabulary.skills:
        values: dict[str, Any] = {
            "label_en": skill.label.get("en"),
            "label_fr": skill.label.get("fr"),
            "synonyms": {k: list(v) for k, v in skill.synonyms.items()},
            "abbreviations": list(skill.abbreviations),
            "subject": skill.subject,
        }
        stored = skills.get(skill.key)
        # Identifiers an import added to a vocabulary skill are kept.
        values["uris"] = list(dict.fromkeys([*_uris(skill.uris), *((stored.uris or []) if stored else [])]))
        _upsert(session, models.Skill, skills, skill.key, values, report)
    occupations = {row.key: row for row in session.scalars(select(models.Occupation))}
    for occupation in vocabulary.occupations:
        _upsert(
            session,
            models.Occupation,
            occupations,
            occupation.key,
            {
                "label_en": occupation.label.get("en"),
                "label_fr": occupation.label.get("fr"),
                "synonyms": {k: list(v) for k, v in occupation.synonyms.items()},
                "skills": list(occupation.skills),
                "uris": _uris(occupation.uris),
            },
            report,
        )
    session.flush()
    return report

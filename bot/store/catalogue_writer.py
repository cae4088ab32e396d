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

from sqlalchemy import delete, exists, func, insert, select, update
from sqlalchemy.orm import Session

from bot.domain.credential import CredentialRecord, ProviderRecord, SkillRef, Vocabulary
from bot.formats.common import owner_keys, slugify
from bot.formats.concepts import unite_skills, uri_key
from bot.language.packs import LANGUAGES
from bot.language.text import fold
from bot.store import models
from bot.store.credential_rows import (
    CREDENTIALS,
    TAGS,
    StoredCredential,
    chunks,
    delete_credentials,
    insert_credentials,
    refresh_statistics,
    stored_credentials,
    update_credentials,
    write_links,
)

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
        self._resolved: dict[int, tuple[SkillRef, models.Skill | None]] = {}
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
        self.session.add(skill)  # flushed with its batch of records
        self.created += 1
        self._index(skill)
        return skill

    def _fill(self, skill: models.Skill, ref: SkillRef) -> None:
        """Add a translation, and identifiers, the stored skill lacks; a name of its own that
        differs from the stored label (a competency aligned to an ESCO skill) stays findable as
        a synonym."""
        for lang in LANGUAGES:
            text = ref.label.get(lang)
            if not text:
                continue
            stored = getattr(skill, f"label_{lang}")
            if not stored:
                setattr(skill, f"label_{lang}", text)
                self.by_label.setdefault(fold(text), skill)
            elif fold(stored) == fold(text):
                # The same name, cased by the catalogue (QuickBooks, QGIS) where the stored one
                # is all lower case (quickbooks): shown as the catalogue writes it.
                if stored == stored.lower() and text != text.lower():
                    setattr(skill, f"label_{lang}", text.strip())
            else:
                synonyms = {k: list(v) for k, v in (skill.synonyms or {}).items()}
                known = synonyms.setdefault(lang, [])
                if all(fold(word) != fold(text) for word in known):
                    known.append(text)
                    skill.synonyms = synonyms  # a new value: the JSON column sees the change
                self.by_label.setdefault(fold(text), skill)
        known = list(skill.uris or [])
        new = [uri for uri in dict.fromkeys(uri_key(u) for u in ref.uris) if uri not in known]
        if new:
            skill.uris = known + new
            for uri in new:
                self.by_uri.setdefault(uri, skill)

    def resolve(self, ref: SkillRef) -> models.Skill | None:
        """The skill `ref` names: by key; else by one of its codes that is an existing key; else by
        label, created when new. None for a ref with only codes that match no key.

        A ref without codes names the same skill every time (what it was resolved by stays in
        the tables, and filling a skill from it twice changes nothing): the concepts the records
        share are resolved once (by identity)."""
        if ref.codes:
            return self._resolve(ref)
        known = self._resolved.get(id(ref))
        if known is not None and known[0] is ref:
            return known[1]
        skill = self._resolve(ref)
        self._resolved[id(ref)] = (ref, skill)
        return skill

    def _resolve(self, ref: SkillRef) -> models.Skill | None:
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
        "durations": list(record.durations),
        "fees": [fee.as_json() for fee in record.fees],
        "cost": record.cost,
        "currency": record.currency,
        "delivery": record.delivery,
        "url": record.url,
        "status": record.status,
        "keywords": {lang: list(words) for lang, words in record.keywords.items() if words},
        "subjects": [dict(subject) for subject in record.subjects],
        "occupations": [dict(occupation) for occupation in record.occupations],
    }


# The credential columns `_values` fills, compared with the stored row on re-import.
VALUE_COLUMNS = tuple(_values(CredentialRecord("", {})))


class _Providers:
    """The providers table in memory, updated at most once per import from the records."""

    def __init__(self, session: Session, counts: WriteCounts) -> None:
        self.session = session
        self.counts = counts
        self.rows = {row.external_id: row for row in session.scalars(select(models.Provider))}
        self.seen: set[str] = set()
        self._by_key: dict[str, models.Provider] | None = None

    def _stored(self, info: ProviderRecord) -> models.Provider | None:
        """The stored provider a reference names: by external id, `@id` or CTID, any case."""
        if self._by_key is None:
            self._by_key = {}
            for external_id, row in self.rows.items():
                for key in owner_keys(external_id):
                    self._by_key.setdefault(key, row)
        return next((self._by_key[key] for key in owner_keys(info.external_id) if key in self._by_key), None)

    def resolve(self, info: ProviderRecord | None) -> models.Provider | None:
        if info is None:
            return None
        if info.is_reference:
            # Only a reference that no file of the import described: a provider already
            # stored, else none (never a provider named by a URL).
            return self.rows.get(info.external_id) or self._stored(info)
        row = self.rows.get(info.external_id)
        if row is None:
            row = models.Provider(
                external_id=info.external_id,
                name_en=info.name.get("en"),
                name_fr=info.name.get("fr"),
                url=info.url,
            )
            self.session.add(row)  # flushed with its batch of records
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


def _skill_rows(skills: _Skills, refs: Sequence[SkillRef], unresolved: dict[str, None]) -> list[models.Skill]:
    """The skills a record names, each once, in order; a reference by identifier that nothing
    defines is noted in `unresolved`."""
    rows: list[models.Skill] = []
    for ref in refs:
        skill = skills.resolve(ref)
        if skill is None and ref.uris and ref.uris[0] not in unresolved:
            unresolved[ref.uris[0]] = None
        if skill is not None and all(skill is not other for other in rows):
            rows.append(skill)
    return rows


def _remove_unused_providers(session: Session, counts: WriteCounts) -> None:
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


def _remove_absent(
    session: Session, stored: dict[str, StoredCredential], keep: set[str], counts: WriteCounts
) -> None:
    """`--replace`: credentials of the shared catalogue not in the import go (earned records
    keep their external id); one that a network also loaded stays, in that network's catalogue
    only. Credentials only networks loaded are not the shared catalogue's to remove."""
    networks_only = set(session.scalars(select(CREDENTIALS.c.id).where(CREDENTIALS.c.shared.is_(False))))
    tagged = set(session.scalars(select(TAGS.c.credential_id).distinct()))
    absent = [entry.id for ext, entry in stored.items() if ext not in keep and entry.id not in networks_only]
    handed_over = [row_id for row_id in absent if row_id in tagged]
    for chunk in chunks(handed_over):
        session.execute(update(CREDENTIALS).where(CREDENTIALS.c.id.in_(chunk)).values(shared=False))
    gone = [row_id for row_id in absent if row_id not in tagged]
    delete_credentials(session, gone)
    counts.removed = len(gone)
    _remove_unused_providers(session, counts)


def _share(session: Session, ids: Sequence[int]) -> None:
    """The shared catalogue (an administrator's import) now has these credentials, some of
    which only networks had."""
    if session.scalar(select(func.count()).select_from(CREDENTIALS).where(CREDENTIALS.c.shared.is_(False))):
        for chunk in chunks(ids):
            session.execute(
                update(CREDENTIALS)
                .where(CREDENTIALS.c.id.in_(chunk))
                .where(CREDENTIALS.c.shared.is_(False))
                .values(shared=True)
            )


def _network_catalogue(session: Session, network_id: int, ids: Sequence[int], counts: WriteCounts) -> None:
    """The network's catalogue is now exactly `ids`: each tagged with the network; those it had
    before and the file no longer has leave its catalogue (`removed`), and are deleted only when
    no other network has them and the shared catalogue does not either."""
    tagged = set(session.scalars(select(TAGS.c.credential_id).where(TAGS.c.network_id == network_id)))
    wanted = set(ids)
    new = sorted(wanted - tagged)
    if new:
        session.execute(insert(TAGS), [{"credential_id": row_id, "network_id": network_id} for row_id in new])
    dropped = sorted(tagged - wanted)
    counts.removed = len(dropped)
    orphans: list[int] = []
    for chunk in chunks(dropped):
        session.execute(
            delete(TAGS).where(TAGS.c.network_id == network_id).where(TAGS.c.credential_id.in_(chunk))
        )
        orphans += session.scalars(
            select(CREDENTIALS.c.id)
            .where(CREDENTIALS.c.id.in_(chunk))
            .where(CREDENTIALS.c.shared.is_(False))
            .where(~exists().where(TAGS.c.credential_id == CREDENTIALS.c.id))
        )
    if orphans:
        delete_credentials(session, orphans)
        _remove_unused_providers(session, counts)


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


# Records written per round of statements (and per step of the progress callback).
BATCH = 5000


def _write_batch(
    session: Session,
    records: Sequence[CredentialRecord],
    stored: dict[str, StoredCredential],
    providers: _Providers,
    skills: _Skills,
    counts: WriteCounts,
    unresolved: dict[str, None],
    shared: bool = True,
) -> None:
    """One batch of records: providers and skills resolved in memory (new ones flushed once),
    then new credentials inserted, changed ones updated, links written where they changed."""
    resolved = [
        (record, providers.resolve(record.provider), _skill_rows(skills, record.skills, unresolved))
        for record in records
    ]
    session.flush()  # ids for new providers and skills, translations added to stored skills
    new_rows: list[dict[str, Any]] = []
    new_links: list[list[int]] = []
    changed_rows: list[dict[str, Any]] = []
    changed_links: dict[int, list[int]] = {}
    for record, provider, skill_rows in resolved:
        values = _values(record)
        provider_id = provider.id if provider is not None else None
        skill_ids = [skill.id for skill in skill_rows]
        entry = stored.get(record.external_id)
        if entry is None:
            new_rows.append(
                {"external_id": record.external_id, "provider_id": provider_id, "shared": shared, **values}
            )
            new_links.append(skill_ids)
            counts.added += 1
        elif entry.differs(values, provider_id, skill_ids):
            changed_rows.append({"row_id": entry.id, "provider_id": provider_id, **values})
            if skill_ids != entry.skill_ids:
                changed_links[entry.id] = skill_ids
            entry.values, entry.provider_id, entry.skill_ids = values, provider_id, skill_ids
            counts.updated += 1
        else:
            counts.unchanged += 1
    ids = insert_credentials(session, new_rows)
    for row, row_id, skill_ids in zip(new_rows, ids, new_links, strict=True):
        stored[row["external_id"]] = StoredCredential(row_id, {}, row["provider_id"], skill_ids)
    write_links(session, dict(zip(ids, new_links, strict=True)), replace=False)
    update_credentials(session, changed_rows)
    write_links(session, changed_links, replace=True)


def write_catalogue(
    session: Session,
    records: Sequence[CredentialRecord],
    *,
    replace: bool,
    progress: Progress | None,
    skills_alone: Sequence[SkillRef] = (),
    network_id: int | None = None,
) -> WriteCounts:
    """Writes the records (and `skills_alone`, skills no record names: a competency framework's)
    in the caller's transaction: matched by external id, unchanged rows untouched; a record whose
    external id comes twice is written once, as last given. The records' skill references are
    replaced by their concepts.

    With `network_id`, the records are that network's whole catalogue (`_network_catalogue`):
    `replace` does not apply, and nothing another network or the shared catalogue has is
    removed. A credential two networks load is one row tagged with both: its external id names
    one credential (a CTID is unique across the registry), and learners' wallets, bundles and
    digests know it by that id; the latest file's description is the one shown."""
    counts = WriteCounts()
    alone = unite_skills(records, skills_alone)
    unique = list({record.external_id: record for record in records}.values())
    unresolved: dict[str, None] = {}
    stored = stored_credentials(session, VALUE_COLUMNS)
    providers = _Providers(session, counts)
    skills = _Skills(session)
    for start in range(0, len(unique), BATCH):
        batch = unique[start : start + BATCH]
        _write_batch(session, batch, stored, providers, skills, counts, unresolved, network_id is None)
        if progress is not None:
            progress(start + len(batch), len(unique))
    for ref in alone:
        skills.resolve(ref)
    counts.skills_alone = len(alone)
    counts.skills_unresolved = list(unresolved)
    session.flush()
    ids = [stored[record.external_id].id for record in unique]
    if network_id is not None:
        _network_catalogue(session, network_id, ids, counts)
    else:
        _share(session, ids)
        if replace:
            _remove_absent(session, stored, {record.external_id for record in unique}, counts)
    counts.relinked = _relink_earned(session)
    counts.skills_created = skills.created
    if counts.added or counts.updated or counts.removed or counts.skills_created:
        refresh_statistics(session)
    return counts


def has_credentials(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(models.Credential)))


class _NewRow:
    """A vocabulary row not stored yet: its values as attributes, inserted in bulk (`_insert_new`)
    rather than as ORM objects (ESCO's thousands of skills cost the unit of work seconds)."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)


def _insert_new(session: Session, model: Any, rows: dict[str, Any]) -> None:
    """The rows of `rows` added by `_upsert`, in the order they were added (their ids follow)."""
    new = [dict(row.__dict__) for row in rows.values() if isinstance(row, _NewRow)]
    if new:
        session.execute(insert(model), new)


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
        rows[key] = _NewRow(key=key, **values)
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
    _insert_new(session, models.Subject, subjects)
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
    _insert_new(session, models.Skill, skills)
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
    _insert_new(session, models.Occupation, occupations)
    session.flush()
    return report

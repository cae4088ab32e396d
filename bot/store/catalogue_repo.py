"""Reading the catalogue out of the store as plain records (the write side is the importer's)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Executable,
    Row,
    Select,
    Text,
    bindparam,
    cast,
    func,
    select,
)
from sqlalchemy.orm import Session, selectinload

from bot.domain.credential import (
    CredentialRecord,
    Fee,
    LocalText,
    Occupation,
    ProviderRecord,
    SkillConcept,
    SkillRef,
    Subject,
    Vocabulary,
)
from bot.store import models
from bot.store.catalogue_writer import (
    Progress,
    VocabularyReport,
    WriteCounts,
    has_credentials,
    upsert_vocabulary,
    write_catalogue,
)


def local_text(en: str | None, fr: str | None) -> LocalText:
    return {lang: text for lang, text in (("en", en), ("fr", fr)) if text}


def to_record(row: models.Credential) -> CredentialRecord:
    provider = row.provider
    return _record(
        row,
        ProviderRecord(provider.external_id, local_text(provider.name_en, provider.name_fr), provider.url)
        if provider
        else None,
        [
            SkillRef(local_text(link.skill.label_en, link.skill.label_fr), link.skill.key)
            for link in row.skill_links
        ],
    )


def _record(row: Any, provider: ProviderRecord | None, skills: list[SkillRef]) -> CredentialRecord:
    """A credential row (ORM object or selected columns) with its provider and skills, as a record."""
    return CredentialRecord(
        id=row.id,
        external_id=row.external_id,
        credential_type=row.credential_type,
        name=local_text(row.name_en, row.name_fr),
        description=local_text(row.description_en, row.description_fr),
        provider=provider,
        languages=list(row.languages or []),
        hours=row.hours,
        durations=list(getattr(row, "durations", None) or []),
        cost=row.cost,
        currency=row.currency,
        fees=[Fee.from_json(fee) for fee in getattr(row, "fees", None) or []],
        delivery=row.delivery,
        url=row.url,
        status=row.status,
        keywords={lang: list(words) for lang, words in (row.keywords or {}).items()},
        subjects=[dict(subject) for subject in row.subjects or []],
        occupations=[dict(occupation) for occupation in getattr(row, "occupations", None) or []],
        skills=skills,
    )


def _with_relations() -> tuple[object, ...]:
    return (
        selectinload(models.Credential.provider),
        selectinload(models.Credential.skill_links).selectinload(models.CredentialSkill.skill),
    )


def load_credentials(session: Session) -> list[CredentialRecord]:
    rows = session.scalars(
        select(models.Credential).options(*_with_relations()).order_by(models.Credential.id)  # type: ignore[arg-type]
    )
    return [to_record(row) for row in rows]


# Plain column reads (no ORM objects): the search index streams the whole catalogue through these
# and fetches only the credentials it returns.
_COLUMNS = (
    models.Credential.id,
    models.Credential.external_id,
    models.Credential.credential_type,
    models.Credential.name_en,
    models.Credential.name_fr,
    models.Credential.description_en,
    models.Credential.description_fr,
    models.Credential.languages,
    models.Credential.hours,
    models.Credential.durations,
    models.Credential.cost,
    models.Credential.currency,
    models.Credential.fees,
    models.Credential.delivery,
    models.Credential.url,
    models.Credential.status,
    models.Credential.keywords,
    models.Credential.subjects,
    models.Credential.occupations,
    models.Provider.external_id.label("provider_external_id"),
    models.Provider.name_en.label("provider_name_en"),
    models.Provider.name_fr.label("provider_name_fr"),
    models.Provider.url.label("provider_url"),
)


# What search reads of a credential (the others are left at their defaults when streaming).
_SEARCHED = frozenset(
    {"id", "external_id", "name_en", "name_fr", "description_en", "description_fr", "languages", "hours"}
    | {"cost", "delivery", "keywords", "provider_external_id", "provider_name_en", "provider_name_fr"}
)


def _credential_rows(*, searched_only: bool = False) -> Select[Any]:
    columns = [c for c in _COLUMNS if c.key in _SEARCHED] if searched_only else _COLUMNS
    return select(*columns).outerjoin(models.Provider, models.Credential.provider_id == models.Provider.id)


def _skill_rows(condition: ColumnElement[bool]) -> Executable:
    return (
        select(
            models.CredentialSkill.credential_id,
            models.Skill.key,
            models.Skill.label_en,
            models.Skill.label_fr,
        )
        .join(models.Skill, models.CredentialSkill.skill_id == models.Skill.id)
        .where(condition)
        .order_by(models.CredentialSkill.credential_id, models.CredentialSkill.position)
    )


def _row_record(row: Row[Any], skills: list[SkillRef]) -> CredentialRecord:
    if len(row) < len(_COLUMNS):  # the searched columns only
        return CredentialRecord(
            id=row.id,
            external_id=row.external_id,
            name=local_text(row.name_en, row.name_fr),
            description=local_text(row.description_en, row.description_fr),
            provider=ProviderRecord(
                row.provider_external_id, local_text(row.provider_name_en, row.provider_name_fr)
            )
            if row.provider_external_id is not None
            else None,
            languages=list(row.languages or []),
            hours=row.hours,
            cost=row.cost,
            delivery=row.delivery,
            keywords={lang: list(words) for lang, words in (row.keywords or {}).items()},
            skills=skills,
        )
    provider = (
        ProviderRecord(
            row.provider_external_id,
            local_text(row.provider_name_en, row.provider_name_fr),
            row.provider_url,
        )
        if row.provider_external_id is not None
        else None
    )
    return _record(row, provider, skills)


def _skills_by_credential(
    connection: Connection | Session, query: Executable, parameters: dict[str, Any] | None = None
) -> dict[int, list[SkillRef]]:
    skills: dict[int, list[SkillRef]] = {}
    for credential_id, key, label_en, label_fr in connection.execute(query, parameters):
        skills.setdefault(credential_id, []).append(SkillRef(local_text(label_en, label_fr), key))
    return skills


def _searched_record(row: Sequence[Any], skills: list[SkillRef]) -> CredentialRecord:
    """A row of the searched columns as a record (by position: faster than by name, and the
    index streams every credential through here)."""
    (id_, external_id, name_en, name_fr, description_en, description_fr, languages, hours, cost,
     delivery, keywords, provider_id, provider_en, provider_fr) = row  # fmt: skip
    return CredentialRecord(
        id=id_,
        external_id=external_id,
        name=local_text(name_en, name_fr),
        description=local_text(description_en, description_fr),
        provider=ProviderRecord(provider_id, local_text(provider_en, provider_fr))
        if provider_id is not None
        else None,
        languages=list(languages or []),
        hours=hours,
        cost=cost,
        delivery=delivery,
        keywords={lang: list(words) for lang, words in (keywords or {}).items()},
        skills=skills,
    )


_SEARCHED_COLUMNS = [c.key for c in _COLUMNS if c.key in _SEARCHED]


def iter_credentials(
    connection: Connection | Session, *, batch_size: int = 5000, searched_only: bool = False
) -> Iterator[CredentialRecord]:
    """Every credential in id order, read in batches of `batch_size` (keyset pagination): only one
    batch of records is alive at a time. Run it inside one transaction for a consistent view.
    `searched_only`: only the fields search reads are read; the others keep their defaults (and
    credentials naming the same skill share its SkillRef: treat them as read-only)."""
    last = 0
    query = _credential_rows(searched_only=searched_only).order_by(models.Credential.id).limit(batch_size)
    assert not searched_only or [c.key for c in query.selected_columns] == _SEARCHED_COLUMNS
    shared: dict[tuple[Any, ...], SkillRef] = {}
    while True:
        rows = connection.execute(query.where(models.Credential.id > last)).all()
        if not rows:
            return
        first, last = rows[0].id, rows[-1].id
        skill_rows = _skill_rows(models.CredentialSkill.credential_id.between(first, last))
        if searched_only:
            skills: dict[int, list[SkillRef]] = {}
            for credential_id, *skill in connection.execute(skill_rows):
                ref = shared.get(tuple(skill))
                if ref is None:
                    ref = shared[tuple(skill)] = SkillRef(local_text(skill[1], skill[2]), skill[0])
                skills.setdefault(credential_id, []).append(ref)
            for row in rows:
                yield _searched_record(row, skills.get(row[0], []))
        else:
            skills = _skills_by_credential(connection, skill_rows)
            for row in rows:
                yield _row_record(row, skills.get(row.id, []))
        if len(rows) < batch_size:
            return


# The credentials and their skills in one statement (one round trip to the server, one snapshot):
# a row per skill link, in order, or one row with no skill.
_WITH_SKILLS_BY_IDS = (
    _credential_rows()
    .add_columns(
        models.Skill.key.label("skill_key"),
        models.Skill.label_en.label("skill_label_en"),
        models.Skill.label_fr.label("skill_label_fr"),
    )
    .outerjoin(models.CredentialSkill, models.CredentialSkill.credential_id == models.Credential.id)
    .outerjoin(models.Skill, models.CredentialSkill.skill_id == models.Skill.id)
    .where(models.Credential.id.in_(bindparam("ids", expanding=True)))
    .order_by(models.Credential.id, models.CredentialSkill.position)
)


def get_credentials(connection: Connection | Session, ids: Sequence[int]) -> dict[int, CredentialRecord]:
    """The credentials of these ids (those that still exist), by id: one query."""
    if not ids:
        return {}
    rows: dict[int, Row[Any]] = {}
    skills: dict[int, list[SkillRef]] = {}
    for row in connection.execute(_WITH_SKILLS_BY_IDS, {"ids": list(dict.fromkeys(ids))}):
        if row.id not in rows:
            rows[row.id], skills[row.id] = row, []
        if row.skill_key is not None:
            skills[row.id].append(SkillRef(local_text(row.skill_label_en, row.skill_label_fr), row.skill_key))
    return {row_id: _row_record(row, skills[row_id]) for row_id, row in rows.items()}


def get_credential(session: Session, credential_id: int) -> CredentialRecord | None:
    row = session.get(models.Credential, credential_id, options=_with_relations())  # type: ignore[arg-type]
    return to_record(row) if row else None


def get_by_external_id(session: Session, external_id: str) -> CredentialRecord | None:
    row = session.scalars(
        select(models.Credential)
        .options(*_with_relations())  # type: ignore[arg-type]
        .where(models.Credential.external_id == external_id)
    ).first()
    return to_record(row) if row else None


Fingerprint = tuple[Any, ...]


def catalogue_fingerprint(session: Session) -> Fingerprint:
    """Changes whenever the catalogue does: one cheap query for caches to check."""
    credentials = session.execute(
        select(func.count(models.Credential.id), func.max(models.Credential.updated_at))
    ).one()
    skills = session.scalar(select(func.count(models.Skill.id)))
    links = session.scalar(select(func.count()).select_from(models.CredentialSkill))
    return (credentials[0], credentials[1], skills, links)


_EMPTY_JSON: dict[str, Any] = {"[]": [], "{}": {}, "null": None, "": None}


def _raw(column: Any) -> Any:
    """A JSON column read as its text: most vocabulary rows hold `[]` or `{}`, decoded for free."""
    return cast(column, Text).label(column.key)


def _json(text: Any) -> Any:
    if not isinstance(text, str):
        return text  # a driver that decodes JSON itself
    empty = _EMPTY_JSON.get(text, _EMPTY_JSON)
    return json.loads(text) if empty is _EMPTY_JSON else empty


def load_vocabulary(session: Session) -> Vocabulary:
    """Subjects, skills and occupations (plain column reads: ESCO makes them thousands). Their
    `uris` are left out: the import resolves identifiers in the store itself."""
    skill, occupation = models.Skill, models.Occupation
    skills = session.execute(
        select(
            skill.key, skill.label_en, skill.label_fr, _raw(skill.synonyms), _raw(skill.abbreviations),
            skill.subject,
        ).order_by(skill.id)
    )  # fmt: skip
    occupations = session.execute(
        select(
            occupation.key, occupation.label_en, occupation.label_fr, _raw(occupation.synonyms),
            _raw(occupation.skills),
        ).order_by(occupation.key)
    )  # fmt: skip
    return Vocabulary(
        subjects=[
            Subject(row.key, local_text(row.label_en, row.label_fr))
            for row in session.scalars(select(models.Subject).order_by(models.Subject.key))
        ],
        skills=[
            SkillConcept(
                key=key,
                label=local_text(label_en, label_fr),
                synonyms={lang: list(words) for lang, words in (_json(synonyms) or {}).items()},
                abbreviations=list(_json(abbreviations) or []),
                subject=subject,
            )
            for key, label_en, label_fr, synonyms, abbreviations, subject in skills
        ],
        occupations=[
            Occupation(
                key=key,
                label=local_text(label_en, label_fr),
                synonyms={lang: list(words) for lang, words in (_json(synonyms) or {}).items()},
                skills=list(_json(skill_keys) or []),
            )
            for key, label_en, label_fr, synonyms, skill_keys in occupations
        ],
    )


@dataclass(frozen=True)
class NamedCredential:
    """A credential's names and its provider's, for matching a badge to the catalogue."""

    id: int
    names: tuple[str, ...]
    provider_names: tuple[str, ...]
    provider_external_id: str | None


class CatalogueRepository:
    """The catalogue, read as plain records, and written whole by an import."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def credentials(self) -> list[CredentialRecord]:
        return load_credentials(self._session)

    def credential(self, credential_id: int) -> CredentialRecord | None:
        return get_credential(self._session, credential_id)

    def by_external_id(self, external_id: str) -> CredentialRecord | None:
        return get_by_external_id(self._session, external_id)

    def by_url(self, url: str) -> CredentialRecord | None:
        found = self._session.scalars(
            select(models.Credential.id).where(models.Credential.url == url)
        ).first()
        return get_credential(self._session, found) if found is not None else None

    def named(self) -> Iterator[NamedCredential]:
        """Every credential's names with its provider's (for badge matching)."""
        rows = self._session.execute(
            select(
                models.Credential.id,
                models.Credential.name_en,
                models.Credential.name_fr,
                models.Provider.name_en,
                models.Provider.name_fr,
                models.Provider.external_id,
            ).outerjoin(models.Provider, models.Credential.provider_id == models.Provider.id)
        )
        for row_id, name_en, name_fr, provider_en, provider_fr, provider_id in rows:
            yield NamedCredential(
                row_id,
                tuple(name for name in (name_en, name_fr) if name),
                tuple(name for name in (provider_en, provider_fr) if name),
                provider_id,
            )

    def vocabulary(self) -> Vocabulary:
        return load_vocabulary(self._session)

    def fingerprint(self) -> Fingerprint:
        return catalogue_fingerprint(self._session)

    def stream(self, *, searched_only: bool = False) -> Iterator[CredentialRecord]:
        """Every credential, batch by batch, inside this unit of work's transaction."""
        return iter_credentials(self._session.connection(), searched_only=searched_only)

    def is_empty(self) -> bool:
        return not has_credentials(self._session)

    def write(
        self,
        records: Sequence[CredentialRecord],
        *,
        replace: bool,
        progress: Progress | None = None,
        skills_alone: Sequence[SkillRef] = (),
        network_id: int | None = None,
    ) -> WriteCounts:
        return write_catalogue(
            self._session,
            records,
            replace=replace,
            progress=progress,
            skills_alone=skills_alone,
            network_id=network_id,
        )

    def upsert_vocabulary(self, vocabulary: Vocabulary) -> VocabularyReport:
        return upsert_vocabulary(self._session, vocabulary)

    def stamp(self, name: str) -> str | None:
        """What was last loaded under `name` (the vocabulary files' hash), None if nothing."""
        row = self._session.get(models.StoreStamp, name)
        return row.value if row else None

    def set_stamp(self, name: str, value: str) -> None:
        row = self._session.get(models.StoreStamp, name)
        if row is None:
            self._session.add(models.StoreStamp(name=name, value=value))
        else:
            row.value = value

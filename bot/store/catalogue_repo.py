"""Reading the catalogue out of the store as plain records (the write side is the importer's)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from bot.catalogue.model import (
    CredentialRecord,
    LocalText,
    Occupation,
    ProviderRecord,
    SkillConcept,
    SkillRef,
    Subject,
    Vocabulary,
)
from bot.store import models


def local_text(en: str | None, fr: str | None) -> LocalText:
    return {lang: text for lang, text in (("en", en), ("fr", fr)) if text}


def to_record(row: models.Credential) -> CredentialRecord:
    provider = row.provider
    return CredentialRecord(
        id=row.id,
        external_id=row.external_id,
        credential_type=row.credential_type,
        name=local_text(row.name_en, row.name_fr),
        description=local_text(row.description_en, row.description_fr),
        provider=ProviderRecord(
            provider.external_id, local_text(provider.name_en, provider.name_fr), provider.url
        )
        if provider
        else None,
        languages=list(row.languages or []),
        hours=row.hours,
        cost=row.cost,
        currency=row.currency,
        delivery=row.delivery,
        url=row.url,
        status=row.status,
        keywords={lang: list(words) for lang, words in (row.keywords or {}).items()},
        subjects=[dict(subject) for subject in row.subjects or []],
        skills=[
            SkillRef(label=local_text(link.skill.label_en, link.skill.label_fr), key=link.skill.key)
            for link in row.skill_links
        ],
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


def load_vocabulary(session: Session) -> Vocabulary:
    return Vocabulary(
        subjects=[
            Subject(row.key, local_text(row.label_en, row.label_fr))
            for row in session.scalars(select(models.Subject).order_by(models.Subject.key))
        ],
        skills=[
            SkillConcept(
                key=row.key,
                label=local_text(row.label_en, row.label_fr),
                synonyms={lang: list(words) for lang, words in (row.synonyms or {}).items()},
                abbreviations=list(row.abbreviations or []),
                subject=row.subject,
            )
            for row in session.scalars(select(models.Skill).order_by(models.Skill.id))
        ],
        occupations=[
            Occupation(
                key=row.key,
                label=local_text(row.label_en, row.label_fr),
                synonyms={lang: list(words) for lang, words in (row.synonyms or {}).items()},
                skills=list(row.skills or []),
            )
            for row in session.scalars(select(models.Occupation).order_by(models.Occupation.key))
        ],
    )

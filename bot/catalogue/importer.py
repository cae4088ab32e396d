"""The import pipeline: read every file, check every record, then write all or nothing.

Records are matched by external id. Re-importing the same data changes nothing (not even
`updated_at`). Skills are linked by vocabulary key, else by label in either language (case- and
accent-insensitive), else created with a key slugged from the English (else French) label.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session, selectinload

from bot.domain.credential import DELIVERY_MODES, CredentialRecord, SkillRef, Vocabulary
from bot.formats.common import (
    ImportProblem,
    ParsedRecord,
    ParseResult,
    fold,
    is_credential_class,
    looks_like_url,
    slugify,
)
from bot.formats.csvformat import read_csv
from bot.formats.ctdl import looks_like_ctdl, read_ctdl
from bot.formats.openbadges import looks_like_openbadges, read_openbadges
from bot.formats.vocabulary import VocabularyError, read_vocabulary_file
from bot.i18n import _
from bot.store import models
from bot.store.db import Database

FORMATS = ("auto", "ctdl", "obv3", "csv")
Progress = Callable[[int, int], None]

# How each format names the fields problems are reported under.
FIELD_NAMES: dict[str, dict[str, str]] = {
    "ctdl": {
        "id": "ceterms:ctid", "name": "ceterms:name", "description": "ceterms:description",
        "type": "@type", "hours": "ceterms:estimatedDuration", "cost": "ceterms:estimatedCost",
        "currency": "ceterms:currency", "delivery": "ceterms:learningDeliveryType",
        "url": "ceterms:subjectWebpage", "provider": "ceterms:ownedBy",
        "skills": "ceterms:requires", "status": "ceterms:credentialStatusType",
        "languages": "ceterms:inLanguage",
    },
    "obv3": {
        "id": "id", "name": "name", "description": "description", "type": "achievementType",
        "url": "criteria.id", "provider": "creator", "skills": "alignment",
        "languages": "inLanguage",
    },
    "csv": {"id": "id", "name": "name_en/name_fr", "type": "type", "skills": "skills_en/skills_fr"},
}  # fmt: skip

_CURRENCY = re.compile(r"^[A-Z]{3}$")


class CatalogueImportError(Exception):
    """Raised where problems cannot be returned (seeding at start-up)."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems[:20]))
        self.problems = list(problems)


@dataclass
class ImportReport:
    files: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    providers_added: int = 0
    providers_updated: int = 0
    providers_removed: int = 0
    skills_created: int = 0
    relinked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


@dataclass
class VocabularyReport:
    subjects: int = 0
    skills: int = 0
    occupations: int = 0
    added: int = 0
    updated: int = 0


@dataclass
class SeedReport:
    vocabulary: VocabularyReport | None
    imported: ImportReport
    files: list[str] = field(default_factory=list)


# --- reading -----------------------------------------------------------------------------------


def detect_format(path: Path, text: str) -> tuple[str | None, Any]:
    """`ctdl`, `obv3` or `csv` by content (and the parsed JSON), None when it cannot tell."""
    stripped = text.lstrip("\ufeff").lstrip()
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError:
            data = None
        if data is not None:
            if looks_like_ctdl(data):
                return "ctdl", data
            if looks_like_openbadges(data):
                return "obv3", data
            return None, data
    first_line = stripped.split("\n", 1)[0].lower()
    if path.suffix.lower() == ".csv" or ("id" in first_line and "name_" in first_line):
        return "csv", None
    return None, None


def read_file(path: str | Path, fmt: str = "auto") -> tuple[str | None, ParseResult]:
    """Parse one file; the format used and the records and problems found."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        return None, ParseResult(
            problems=[
                ImportProblem(name, "", "", _("cannot read: {reason}").format(reason=error.strerror or error))
            ]
        )
    except UnicodeDecodeError:
        return None, ParseResult(problems=[ImportProblem(name, "", "", _("not UTF-8 text"))])
    data: Any = None
    if fmt == "auto":
        fmt_found, data = detect_format(path, text)
        if fmt_found is None:
            message = _("cannot tell the format (CTDL JSON-LD, Open Badges JSON or CSV)")
            return None, ParseResult(problems=[ImportProblem(name, "", "", message)])
        fmt = fmt_found
    if fmt == "csv":
        return fmt, read_csv(text, name)
    if fmt not in ("ctdl", "obv3"):
        message = _("unknown format {format}").format(format=repr(fmt))
        return None, ParseResult(problems=[ImportProblem(name, "", "", message)])
    if data is None:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            message = _("not valid JSON: {reason} (line {line}, column {column})").format(
                reason=error.msg, line=error.lineno, column=error.colno
            )
            return fmt, ParseResult(problems=[ImportProblem(name, "", "", message)])
    return fmt, (read_ctdl(data, name) if fmt == "ctdl" else read_openbadges(data, name))


def validate_record(file: str, fmt: str, parsed: ParsedRecord) -> list[ImportProblem]:
    """Everything wrong with one record (empty when it can be stored)."""
    names = FIELD_NAMES.get(fmt, {})
    record = parsed.record
    problems: list[ImportProblem] = []

    def problem(field_: str, message: str) -> None:
        problems.append(ImportProblem(file, parsed.ref, names.get(field_, field_), message))

    if not record.external_id.strip():
        problem("id", _("an external id is required"))
    elif len(record.external_id) > 255:
        problem("id", _("the external id is longer than 255 characters"))
    if not any(text.strip() for text in record.name.values()):
        problem("name", _("a name in English or French is required"))
    for lang, text in record.name.items():
        if len(text) > 500:
            problem("name", _("the {lang} name is longer than 500 characters").format(lang=lang))
    if not is_credential_class(record.credential_type) or len(record.credential_type) > 80:
        problem("type", _("not a credential type: {value}").format(value=repr(record.credential_type)))
    if record.hours is not None and (record.hours < 0 or record.hours != record.hours):
        problem("hours", _("hours must be a number ≥ 0"))
    if record.cost is not None and record.cost < 0:
        problem("cost", _("the cost must be ≥ 0"))
    if record.cost is not None and abs(record.cost) >= 10**10:
        problem("cost", _("the cost is too large"))
    if not _CURRENCY.match(record.currency or ""):
        problem(
            "currency", _("not a three-letter currency code: {value}").format(value=repr(record.currency))
        )
    if record.delivery is not None and record.delivery not in DELIVERY_MODES:
        problem("delivery", _("unknown delivery mode {value}").format(value=repr(record.delivery)))
    if record.url and (not looks_like_url(record.url) or len(record.url) > 1000):
        problem("url", _("not a web address: {value}").format(value=repr(record.url)))
    if not record.status or len(record.status) > 40:
        problem("status", _("not a status: {value}").format(value=repr(record.status)))
    provider = record.provider
    if provider is not None:
        if not provider.external_id.strip() or len(provider.external_id) > 255:
            problem("provider", _("the provider has no usable id"))
        if any(len(text) > 300 for text in provider.name.values()):
            problem("provider", _("the provider's name is longer than 300 characters"))
        if provider.url and (not looks_like_url(provider.url) or len(provider.url) > 1000):
            problem(
                "provider",
                _("the provider's web address is not one: {value}").format(value=repr(provider.url)),
            )
    for skill in record.skills:
        if not skill.key and not any(t.strip() for t in skill.label.values()):
            problem("skills", _("a skill has neither a name nor a key"))
        if (skill.key and len(skill.key) > 200) or any(len(t) > 300 for t in skill.label.values()):
            problem("skills", _("a skill's name or key is too long"))
    return problems


@dataclass
class _Parsed:
    records: list[ParsedRecord]
    problems: list[ImportProblem]
    formats: dict[str, str]


def parse_files(paths: Iterable[str | Path], fmt: str = "auto") -> _Parsed:
    """Read and check every file; duplicates across (and within) files are problems."""
    records: list[ParsedRecord] = []
    problems: list[ImportProblem] = []
    formats: dict[str, str] = {}
    seen: dict[str, str] = {}
    for path in paths:
        name = str(path)
        used, result = read_file(path, fmt)
        if used:
            formats[name] = used
        problems.extend(result.problems)
        for parsed in result.records:
            problems.extend(validate_record(name, used or "", parsed))
            ext = parsed.record.external_id
            if ext:
                if ext in seen:
                    id_field = FIELD_NAMES.get(used or "", {}).get("id", "id")
                    problems.append(
                        ImportProblem(
                            name,
                            parsed.ref,
                            id_field,
                            _("duplicate id {value} (also in {place})").format(
                                value=repr(ext), place=seen[ext]
                            ),
                        )
                    )
                else:
                    seen[ext] = f"{name}, {parsed.ref}" if parsed.ref != ext else name
            records.append(parsed)
    return _Parsed(records, problems, formats)


# --- writing -----------------------------------------------------------------------------------


class _Skills:
    """The skills table in memory: by key and by folded label."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_key: dict[str, models.Skill] = {}
        self.by_label: dict[str, models.Skill] = {}
        self.created = 0
        for skill in session.scalars(select(models.Skill).order_by(models.Skill.id)):
            self._index(skill)

    def _index(self, skill: models.Skill) -> None:
        self.by_key[skill.key] = skill
        for label in (skill.label_en, skill.label_fr):
            if label and fold(label):
                self.by_label.setdefault(fold(label), skill)

    def _create(self, key: str, ref: SkillRef) -> models.Skill:
        skill = models.Skill(
            key=key,
            label_en=ref.label.get("en") or (None if ref.label else key),
            label_fr=ref.label.get("fr"),
            synonyms={},
            abbreviations=[],
        )
        self.session.add(skill)
        self.session.flush()
        self.created += 1
        self._index(skill)
        return skill

    def _fill(self, skill: models.Skill, ref: SkillRef) -> None:
        """Add a translation the stored skill lacks."""
        for lang in ("en", "fr"):
            text = ref.label.get(lang)
            if text and not getattr(skill, f"label_{lang}"):
                setattr(skill, f"label_{lang}", text)
                self.by_label.setdefault(fold(text), skill)

    def resolve(self, ref: SkillRef) -> models.Skill:
        if ref.key:
            skill = self.by_key.get(ref.key)
            if skill is None:
                return self._create(ref.key, ref)
            self._fill(skill, ref)
            return skill
        for lang in ("en", "fr"):
            text = ref.label.get(lang)
            if text and fold(text) in self.by_label:
                skill = self.by_label[fold(text)]
                self._fill(skill, ref)
                return skill
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
    }


def _write(
    session: Session,
    records: Sequence[CredentialRecord],
    report: ImportReport,
    *,
    replace: bool,
    progress: Progress | None,
) -> None:
    existing = {
        row.external_id: row
        for row in session.scalars(
            select(models.Credential).options(
                selectinload(models.Credential.provider),
                selectinload(models.Credential.skill_links),
            )
        )
    }
    providers = {row.external_id: row for row in session.scalars(select(models.Provider))}
    provider_seen: set[str] = set()
    skills = _Skills(session)
    total = len(records)

    for done, record in enumerate(records, start=1):
        provider_row: models.Provider | None = None
        if record.provider is not None:
            info = record.provider
            provider_row = providers.get(info.external_id)
            if provider_row is None:
                provider_row = models.Provider(
                    external_id=info.external_id,
                    name_en=info.name.get("en"),
                    name_fr=info.name.get("fr"),
                    url=info.url,
                )
                session.add(provider_row)
                session.flush()
                providers[info.external_id] = provider_row
                report.providers_added += 1
                provider_seen.add(info.external_id)
            elif info.external_id not in provider_seen:
                provider_seen.add(info.external_id)
                changes = {f"name_{lang}": info.name[lang] for lang in ("en", "fr") if info.name.get(lang)}
                if info.url:
                    changes["url"] = info.url
                changed = {k: v for k, v in changes.items() if getattr(provider_row, k) != v}
                for key, value in changed.items():
                    setattr(provider_row, key, value)
                if changed:
                    report.providers_updated += 1

        skill_rows: list[models.Skill] = []
        for ref in record.skills:
            skill = skills.resolve(ref)
            if all(skill is not other for other in skill_rows):
                skill_rows.append(skill)
        skill_ids = [skill.id for skill in skill_rows]
        values = _values(record)
        row = existing.get(record.external_id)
        if row is None:
            row = models.Credential(external_id=record.external_id, **values)
            row.provider = provider_row
            row.skill_links = [
                models.CredentialSkill(skill_id=skill.id, position=i) for i, skill in enumerate(skill_rows)
            ]
            session.add(row)
            existing[record.external_id] = row
            report.added += 1
        else:
            changed_values = {k: v for k, v in values.items() if getattr(row, k) != v}
            provider_changed = row.provider is not provider_row
            links_changed = [link.skill_id for link in row.skill_links] != skill_ids
            if changed_values or provider_changed or links_changed:
                for key, value in changed_values.items():
                    setattr(row, key, value)
                if provider_changed:
                    row.provider = provider_row
                if links_changed:
                    row.skill_links.clear()
                    session.flush()
                    row.skill_links.extend(
                        models.CredentialSkill(skill_id=skill.id, position=i)
                        for i, skill in enumerate(skill_rows)
                    )
                row.updated_at = func.now()
                report.updated += 1
            else:
                report.unchanged += 1
        if progress is not None:
            progress(done, total)
    session.flush()

    if replace:
        keep = {record.external_id for record in records}
        gone = [row for ext, row in existing.items() if ext not in keep]
        if gone:
            ids = [row.id for row in gone]
            for start in range(0, len(ids), 500):
                session.execute(
                    update(models.EarnedCredential)
                    .where(models.EarnedCredential.credential_id.in_(ids[start : start + 500]))
                    .values(credential_id=None)
                )
            for row in gone:
                session.delete(row)
            report.removed = len(gone)
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
        report.providers_removed = len(unused)

    # Learners' earned records that point at nothing find their credential again by external id.
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
    report.relinked = int(getattr(result, "rowcount", 0) or 0)
    report.skills_created = skills.created


def import_files(
    db: Database,
    paths: Sequence[str | Path],
    *,
    fmt: str = "auto",
    replace: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import catalogue files: parse and check all of them first; if anything is wrong return the
    problems (report.problems, report.ok is False) and write nothing; else write everything in
    one transaction and return the counts. `fmt` is auto, ctdl, obv3 or csv."""
    report = ImportReport(files=[str(p) for p in paths])
    if fmt not in FORMATS:
        report.problems.append(
            ImportProblem("", "", "format", _("unknown format {format}").format(format=repr(fmt)))
        )
        return report
    parsed = parse_files(paths, fmt)
    report.formats = parsed.formats
    report.problems = parsed.problems
    if report.problems:
        return report
    with db.session() as session:
        _write(session, [p.record for p in parsed.records], report, replace=replace, progress=progress)
    return report


# --- vocabulary ----------------------------------------------------------------------------------


def _upsert(session: Session, model: Any, key: str, values: dict[str, Any], report: VocabularyReport) -> None:
    row = session.scalars(select(model).where(model.key == key)).first()
    if row is None:
        session.add(model(key=key, **values))
        report.added += 1
        return
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    report.updated += changed


def upsert_vocabulary(session: Session, vocabulary: Vocabulary) -> VocabularyReport:
    report = VocabularyReport(
        subjects=len(vocabulary.subjects),
        skills=len(vocabulary.skills),
        occupations=len(vocabulary.occupations),
    )
    for subject in vocabulary.subjects:
        _upsert(
            session,
            models.Subject,
            subject.key,
            {"label_en": subject.label.get("en"), "label_fr": subject.label.get("fr")},
            report,
        )
    for skill in vocabulary.skills:
        _upsert(
            session,
            models.Skill,
            skill.key,
            {
                "label_en": skill.label.get("en"),
                "label_fr": skill.label.get("fr"),
                "synonyms": {k: list(v) for k, v in skill.synonyms.items()},
                "abbreviations": list(skill.abbreviations),
                "subject": skill.subject,
            },
            report,
        )
    for occupation in vocabulary.occupations:
        _upsert(
            session,
            models.Occupation,
            occupation.key,
            {
                "label_en": occupation.label.get("en"),
                "label_fr": occupation.label.get("fr"),
                "synonyms": {k: list(v) for k, v in occupation.synonyms.items()},
                "skills": list(occupation.skills),
            },
            report,
        )
    session.flush()
    return report


def load_vocabulary_file(db: Database, path: str | Path) -> VocabularyReport:
    """Upsert the subjects, skills and occupations of a skills.json (by key; idempotent).
    Raises VocabularyError (a ValueError) when the file is malformed."""
    vocabulary = read_vocabulary_file(path)
    with db.session() as session:
        return upsert_vocabulary(session, vocabulary)


def catalogue_files(catalogue_dir: str | Path) -> list[Path]:
    """The catalogue files of a directory: every `*.json` (so `*.ctdl.json`) but skills.json."""
    return sorted(p for p in Path(catalogue_dir).glob("*.json") if p.name != "skills.json" and p.is_file())


def ensure_seeded(db: Database, catalogue_dir: str | Path) -> SeedReport | None:
    """When the store has no credentials, load `skills.json` and every catalogue file of
    `catalogue_dir` in one transaction. Returns what it did, or None when the store already had
    credentials. Raises CatalogueImportError (files with problems) or VocabularyError."""
    directory = Path(catalogue_dir)
    with db.session() as session:
        if session.scalar(select(func.count()).select_from(models.Credential)):
            return None
    vocabulary_path = directory / "skills.json"
    vocabulary = read_vocabulary_file(vocabulary_path) if vocabulary_path.is_file() else None
    files = catalogue_files(directory)
    parsed = parse_files(files)
    if parsed.problems:
        raise CatalogueImportError(parsed.problems)
    report = ImportReport(files=[str(p) for p in files], formats=parsed.formats)
    with db.session() as session:
        if session.scalar(select(func.count()).select_from(models.Credential)):
            return None
        vocabulary_report = upsert_vocabulary(session, vocabulary) if vocabulary else None
        _write(session, [p.record for p in parsed.records], report, replace=False, progress=None)
    return SeedReport(vocabulary_report, report, [str(p) for p in files])


__all__ = [
    "FORMATS",
    "CatalogueImportError",
    "ImportProblem",
    "ImportReport",
    "SeedReport",
    "VocabularyError",
    "VocabularyReport",
    "detect_format",
    "ensure_seeded",
    "import_files",
    "load_vocabulary_file",
    "parse_files",
    "read_file",
    "upsert_vocabulary",
    "validate_record",
]

"""The import pipeline: read every file, check every record, then write all or nothing.

How records are matched and skills linked when written: `bot.store.catalogue_writer`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from bot.domain.credential import DELIVERY_MODES, CredentialRecord, ProviderRecord, SkillRef
from bot.domain.network import Network, NetworkScope
from bot.formats.common import (
    ImportProblem,
    ParsedRecord,
    ParseResult,
    is_entry_class,
    load_json,
    looks_like_url,
    resolve_owners,
)
from bot.formats.lexicon import GLOSSARY
from bot.formats.registry import BY_NAME
from bot.formats.registry import FORMATS as KNOWN_FORMATS
from bot.formats.vocabulary import VocabularyError, read_vocabulary_file
from bot.i18n import _
from bot.memory import without_cyclic_gc
from bot.store.catalogue_writer import VocabularyReport, WriteCounts
from bot.store.db import Database
from bot.store.unit_of_work import UnitOfWork

FORMATS = ("auto", *BY_NAME)

# What an import reports as it goes: the stage, then done and total in it. Stages: "read" (bytes
# of the files read so far) and "write" (records written so far).
ImportProgress = Callable[[str, int, int], None]

_CURRENCY = re.compile(r"^[A-Z]{3}$")


class CatalogueImportError(Exception):
    """Raised where problems cannot be returned (seeding at start-up)."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems[:20]))
        self.problems = list(problems)


class _RolledBack(Exception):
    """Raised inside a dry run's transaction so that it rolls back; carries what it counted."""

    def __init__(self, counts: WriteCounts) -> None:
        super().__init__("dry run")
        self.counts = counts


@dataclass
class ImportReport(WriteCounts):
    """The files read, their formats and problems, and what the write counted."""

    files: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)
    # Resources of the files that are not catalogue entries, by type, with their counts.
    skipped: dict[str, int] = field(default_factory=dict)
    # The network whose catalogue the files are (an import for a network's chats).
    network: Network | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged

    def record(self, counts: WriteCounts) -> None:
        """What the write did, counted into this report."""
        for name, value in asdict(counts).items():
            setattr(self, name, value)


@dataclass
class SeedReport:
    vocabulary: VocabularyReport | None
    imported: ImportReport
    files: list[str] = field(default_factory=list)


# --- reading -----------------------------------------------------------------------------------


def detect_format(path: Path, text: str) -> tuple[str | None, Any]:
    """The format's name by content (and the parsed JSON), None when it cannot tell."""
    stripped = text.lstrip("\ufeff").lstrip()
    data: Any = None
    if stripped.startswith(("{", "[")):
        try:
            data = load_json(stripped)
        except json.JSONDecodeError:
            data = None
    return _detect(path, text, data), data


def _detect(path: Path, text: str, data: Any) -> str | None:
    """The format of a document already parsed (`data`, None when it is not JSON)."""
    for entry in KNOWN_FORMATS:
        if entry.reads_json and data is not None and entry.looks_like(data):
            return entry.name
    if data is not None:
        return None
    for entry in KNOWN_FORMATS:
        if not entry.reads_json and entry.looks_like((path.name, text)):
            return entry.name
    return None


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
    stripped = text.lstrip("\ufeff").lstrip()
    json_error: json.JSONDecodeError | None = None
    data: Any = None
    if stripped.startswith(("{", "[")) and not (fmt == "csv" and path.suffix.lower() == ".csv"):
        try:
            data = load_json(stripped)
        except json.JSONDecodeError as error:
            json_error = error
    if json_error is not None and not (fmt == "auto" and path.suffix.lower() == ".csv"):
        # A JSON document with a syntax error, whatever the format asked: say where.
        message = _("not valid JSON: {reason} (line {line}, column {column})").format(
            reason=json_error.msg,
            line=text[: len(text) - len(stripped)].count("\n") + json_error.lineno,
            column=json_error.colno,
        )
        return (None if fmt == "auto" else fmt), ParseResult(problems=[ImportProblem(name, "", "", message)])
    if fmt == "auto":
        fmt_found = _detect(path, text, data)
        if fmt_found is None:
            message = _("cannot tell the format (CTDL JSON-LD, Open Badges JSON or CSV)")
            return None, ParseResult(problems=[ImportProblem(name, "", "", message)])
        fmt = fmt_found
    entry = BY_NAME.get(fmt)
    if entry is None:
        message = _("unknown format {format}").format(format=repr(fmt))
        return None, ParseResult(problems=[ImportProblem(name, "", "", message)])
    if not entry.reads_json:
        if data is not None:
            return fmt, ParseResult(
                problems=[ImportProblem(name, "", "", _wrong_format(fmt, path, text, data))]
            )
        return fmt, entry.read(text, name)
    if data is None or not entry.looks_like(data):
        return fmt, ParseResult(problems=[ImportProblem(name, "", "", _wrong_format(fmt, path, text, data))])
    return fmt, entry.read(data, name)


FORMAT_NAMES = {"ctdl": "CTDL JSON-LD", "obv3": "Open Badges JSON", "csv": "CSV"}


def _wrong_format(fmt: str, path: Path, text: str, data: Any) -> str:
    """The document is not in the format asked for, and which format it looks like."""
    found = _detect(path, text, data)
    asked = FORMAT_NAMES.get(fmt, fmt)
    if found and found != fmt:
        return _("the document is not {format}: it looks like {other} (try --format {name})").format(
            format=asked, other=FORMAT_NAMES.get(found, found), name=found
        )
    return _("the document is not {format}, nor any other format credbot reads").format(format=asked)


def validate_record(file: str, fmt: str, parsed: ParsedRecord) -> list[ImportProblem]:
    """Everything wrong with one record (empty when it can be stored)."""
    names = BY_NAME[fmt].fields if fmt in BY_NAME else {}
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
    if not is_entry_class(record.credential_type) or len(record.credential_type) > 80:
        problem("type", _("not a credential type: {value}").format(value=repr(record.credential_type)))
    if record.hours is not None and (record.hours < 0 or record.hours != record.hours):
        problem("hours", _("hours must be a number ≥ 0"))
    if record.cost is not None and record.cost < 0:
        problem("cost", _("the cost must be ≥ 0"))
    if record.cost is not None and abs(record.cost) >= 10**10:
        problem("cost", _("the cost is too large"))
    if record.cost is not None and not _CURRENCY.match(record.currency or ""):
        problem("currency", _("unknown currency: {value}").format(value=repr(record.currency)))
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
        if (
            not skill.key
            and not skill.codes
            and not skill.uris
            and not any(t.strip() for t in skill.label.values())
        ):
            problem("skills", _("a skill has neither a name nor a key"))
        if (skill.key and len(skill.key) > 200) or any(len(t) > 300 for t in skill.label.values()):
            problem("skills", _("a skill's name or key is too long"))
    return problems


@dataclass
class _Parsed:
    records: list[ParsedRecord]
    problems: list[ImportProblem]
    formats: dict[str, str]
    skills: list[SkillRef] = field(default_factory=list)  # defined by the files on their own
    skipped: dict[str, int] = field(default_factory=dict)  # resources read past, by type


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported by read_file


def parse_files(
    paths: Iterable[str | Path], fmt: str = "auto", progress: ImportProgress | None = None
) -> _Parsed:
    """Read and check every file. A record whose id another file already gave is imported once
    when the two copies are identical; any other duplicate, across or within files, is a
    problem naming both places."""
    records: list[ParsedRecord] = []
    problems: list[ImportProblem] = []
    formats: dict[str, str] = {}
    seen: dict[str, tuple[str, CredentialRecord]] = {}  # external id → (where, first record)
    origins: list[tuple[str, str]] = []  # each record's file and format
    skills: list[SkillRef] = []
    organisations: dict[str, ProviderRecord] = {}
    skipped: dict[str, int] = {}
    files = [Path(path) for path in paths]
    sizes = [_size(path) for path in files]
    if progress is not None:
        progress("read", 0, sum(sizes))
    for number, path in enumerate(files):
        name = str(path)
        used, result = read_file(path, fmt)
        if progress is not None:
            progress("read", sum(sizes[: number + 1]), sum(sizes))
        if used:
            formats[name] = used
        problems.extend(result.problems)
        skills.extend(result.skills)
        for key, organisation in result.providers.items():
            organisations.setdefault(key, organisation)
        for kind, count in result.skipped.items():
            skipped[kind] = skipped.get(kind, 0) + count
        for parsed in result.records:
            problems.extend(validate_record(name, used or "", parsed))
            records.append(parsed)
            origins.append((name, used or ""))
    resolve_owners(records, organisations)
    unique: list[ParsedRecord] = []
    for parsed, (name, used) in zip(records, origins, strict=True):
        ext = parsed.record.external_id
        if ext and ext in seen:
            first_place, first_record = seen[ext]
            if parsed.record == first_record and first_place.split(", ")[0] != name:
                continue  # the same record in another file, copied whole: imported once
            id_field = BY_NAME[used].fields.get("id", "id") if used in BY_NAME else "id"
            problems.append(
                ImportProblem(
                    name,
                    parsed.ref,
                    id_field,
                    _("duplicate id {value} (also in {place})").format(value=repr(ext), place=first_place),
                )
            )
            continue
        if ext:
            seen[ext] = (f"{name}, {parsed.ref}" if parsed.ref != ext else name, parsed.record)
        unique.append(parsed)
    return _Parsed(unique, problems, formats, skills, skipped)


def import_files(
    db: Database,
    paths: Sequence[str | Path],
    *,
    fmt: str = "auto",
    replace: bool = False,
    progress: ImportProgress | None = None,
    dry_run: bool = False,
    network: NetworkScope | None = None,
    on_write: Callable[[UnitOfWork, WriteCounts], None] | None = None,
) -> ImportReport:
    """Import catalogue files: parse and check all of them first; if anything is wrong return the
    problems (report.problems, report.ok is False) and write nothing; else write everything in
    one transaction and return the counts. `fmt` is auto, ctdl, obv3 or csv. `progress` is told
    how far reading and writing have gone. `dry_run` counts what the write would do, then rolls
    it back. `network`: the files are the whole catalogue of the network these chats make (made
    in the same transaction): `removed` counts what leaves that network's catalogue. `on_write`
    writes more in the same transaction (the audit log's record of it)."""
    report = ImportReport(files=[str(p) for p in paths])
    if fmt not in FORMATS:
        report.problems.append(
            ImportProblem("", "", "format", _("unknown format {format}").format(format=repr(fmt)))
        )
        return report
    with without_cyclic_gc():
        parsed = parse_files(paths, fmt, progress)
        report.formats = parsed.formats
        report.problems = parsed.problems
        report.skipped = parsed.skipped
        if report.problems:
            return report
        try:
            with db.unit_of_work() as uow:
                settled = uow.networks.settle(network) if network is not None else None
                report.network = settled
                counts = uow.catalogue.write(
                    [p.record for p in parsed.records],
                    replace=replace,
                    progress=None if progress is None else partial(progress, "write"),
                    skills_alone=parsed.skills,
                    network_id=settled.id if settled is not None else None,
                )
                if dry_run:
                    raise _RolledBack(counts)
                if on_write is not None:
                    on_write(uow, counts)
        except _RolledBack as rolled_back:
            counts = rolled_back.counts
    report.record(counts)
    return report


# --- vocabulary ----------------------------------------------------------------------------------


def load_vocabulary_file(db: Database, path: str | Path) -> VocabularyReport:
    """Upsert the subjects, skills and occupations of a skills.json (by key; idempotent).
    Raises VocabularyError (a ValueError) when the file is malformed."""
    vocabulary = read_vocabulary_file(path)
    with db.unit_of_work() as uow:
        return uow.catalogue.upsert_vocabulary(vocabulary)


# The vocabulary files of a catalogue directory, loaded in this order (a later file does not
# replace a key an earlier one defined... it updates it: keep keys distinct, as `esco:` keys are).
VOCABULARY_FILES = ("skills.json", "esco.json.gz")
VOCABULARY_STAMP = "vocabulary"
# Part of the stamp: a change in how vocabularies are stored reloads them.
VOCABULARY_LOADER_VERSION = "1"


def vocabulary_files(
    directories: Sequence[str | Path], names: Sequence[str] = VOCABULARY_FILES
) -> list[Path]:
    """Each of `names` from the first directory that has it (absent files are skipped)."""
    found: list[Path] = []
    for name in names:
        for directory in directories:
            path = Path(directory) / name
            if path.is_file():
                found.append(path)
                break
    return found


def vocabulary_stamp(files: Sequence[Path]) -> str:
    """A hash of the files' names and contents (a few milliseconds: checked at every start)."""
    digest = hashlib.sha256(VOCABULARY_LOADER_VERSION.encode())
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def ensure_vocabularies(
    db: Database, directories: Sequence[str | Path], names: Sequence[str] = VOCABULARY_FILES
) -> VocabularyReport | None:
    """Load the vocabulary files (`skills.json`, `esco.json.gz`) into the store once, and again
    whenever they change (their hash is stamped in the store), whatever filled the store.
    Returns what was loaded, or None when the store already had these files. Raises
    VocabularyError when a file is malformed."""
    files = vocabulary_files(directories, names)
    stamp = vocabulary_stamp(files)
    with db.unit_of_work() as uow:
        if uow.catalogue.stamp(VOCABULARY_STAMP) == stamp:
            return None
    vocabularies = [read_vocabulary_file(path) for path in files]
    total = VocabularyReport()
    with db.unit_of_work() as uow:
        if uow.catalogue.stamp(VOCABULARY_STAMP) == stamp:
            return None
        for vocabulary in vocabularies:
            report = uow.catalogue.upsert_vocabulary(vocabulary)
            for name, value in asdict(report).items():
                setattr(total, name, getattr(total, name) + value)
        uow.catalogue.set_stamp(VOCABULARY_STAMP, stamp)
    return total


def catalogue_files(catalogue_dir: str | Path) -> list[Path]:
    """The catalogue files of a directory: every `*.json` (so `*.ctdl.json`) but the vocabularies
    and the translations glossary."""
    skipped = {*VOCABULARY_FILES, GLOSSARY.name}
    return sorted(p for p in Path(catalogue_dir).glob("*.json") if p.name not in skipped and p.is_file())


def ensure_seeded(
    db: Database, catalogue_dir: str | Path, vocabularies: Sequence[str] = VOCABULARY_FILES
) -> SeedReport | None:
    """When the store has no credentials, load the vocabularies and every catalogue file of
    `catalogue_dir` in one transaction. Returns what it did, or None when the store already had
    credentials. Raises CatalogueImportError (files with problems) or VocabularyError."""
    directory = Path(catalogue_dir)
    with db.unit_of_work() as uow:
        if not uow.catalogue.is_empty():
            return None
    files = catalogue_files(directory)
    with without_cyclic_gc():
        parsed = parse_files(files)
        if parsed.problems:
            raise CatalogueImportError(parsed.problems)
        vocabulary_report = ensure_vocabularies(db, [directory], vocabularies)
        report = ImportReport(files=[str(p) for p in files], formats=parsed.formats)
        with db.unit_of_work() as uow:
            if not uow.catalogue.is_empty():
                return None
            report.record(
                uow.catalogue.write(
                    [p.record for p in parsed.records], replace=False, skills_alone=parsed.skills
                )
            )
    return SeedReport(vocabulary_report, report, [str(p) for p in files])


__all__ = [
    "FORMATS",
    "CatalogueImportError",
    "ImportProblem",
    "ImportProgress",
    "ImportReport",
    "SeedReport",
    "VocabularyError",
    "VocabularyReport",
    "detect_format",
    "ensure_seeded",
    "ensure_vocabularies",
    "import_files",
    "load_vocabulary_file",
    "parse_files",
    "read_file",
    "validate_record",
]

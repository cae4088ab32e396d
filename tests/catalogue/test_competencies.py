"""Competencies as skill concepts: one skill per competency across language variants, records,
files and the store; CTDL competency frameworks read as skills; alignments by URI resolved in the
same graph, another file of the import or the store.

Fixtures (tests/catalogue/fixtures/frameworks/) are in registry shapes: `en-US`/`fr-CA` maps,
competencies by `targetNode` URI (one by a `/graph/` URL), organisations in a separate file."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from bot.catalogue.cli import summary
from bot.catalogue.importer import import_files
from bot.domain.credential import CredentialRecord, SkillRef
from bot.formats.concepts import unite_skills
from bot.formats.ctdl import read_ctdl
from bot.store import models
from bot.store.catalogue_repo import load_credentials
from bot.store.db import Database

FRAMEWORKS = Path(__file__).parent / "fixtures" / "frameworks"
FRAMEWORK = FRAMEWORKS / "framework.json"
ORGANISATIONS = FRAMEWORKS / "organisations.json"
CREDENTIALS = FRAMEWORKS / "credentials.json"
ESCO_QGIS = "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-00000000e5c1"


def _record(ext: str, *refs: SkillRef) -> CredentialRecord:
    return CredentialRecord(external_id=ext, name={"en": ext}, skills=list(refs))


def _skills(db: Database) -> list[models.Skill]:
    with db.session() as session:
        return list(session.scalars(select(models.Skill).order_by(models.Skill.id)))


def _by_ext(db: Database) -> dict[str, list[str]]:
    return {r.external_id: [s.key for s in r.skills if s.key] for r in load_credentials_of(db)}


def load_credentials_of(db: Database) -> list[CredentialRecord]:
    with db.session() as session:
        return load_credentials(session)


# -- union of references ---------------------------------------------------------------------


def test_language_variants_on_different_records_are_one_concept() -> None:
    english = _record("a", SkillRef({"en": "Use QGIS"}))
    french = _record("b", SkillRef({"fr": "Utiliser QGIS"}))
    both = _record("c", SkillRef({"en": "use qgis.", "fr": "Utiliser  QGIS"}))
    unite_skills([english, french, both])
    assert english.skills[0] is french.skills[0] is both.skills[0]
    assert english.skills[0].label == {"en": "Use QGIS", "fr": "Utiliser QGIS"}


def test_identifiers_unite_refs_with_different_names() -> None:
    named = _record("a", SkillRef({"en": "Geographic information systems"}, uris=("https://x.org/c/1",)))
    bare = _record("b", SkillRef({}, uris=("HTTPS://X.ORG/C/1/",)))
    unite_skills([named, bare])
    assert bare.skills[0].label == {"en": "Geographic information systems"}


def test_two_vocabulary_keys_are_never_united_by_a_shared_label() -> None:
    first = _record("a", SkillRef({"en": "Analysis"}, key="data-analysis"))
    second = _record("b", SkillRef({"en": "Analysis"}, key="business-analysis"))
    keyless = _record("c", SkillRef({"en": "analysis"}))
    unite_skills([first, second, keyless])
    assert {first.skills[0].key, second.skills[0].key} == {"data-analysis", "business-analysis"}
    assert keyless.skills[0].key == "data-analysis"


def test_one_record_naming_a_concept_twice_keeps_it_once() -> None:
    record = _record(
        "a",
        SkillRef({"en": "Use QGIS"}),
        SkillRef({"fr": "Utiliser QGIS"}, uris=("u:1",)),
        SkillRef({"en": "Use QGIS", "fr": "Utiliser QGIS"}),
    )
    unite_skills([record])
    assert len(record.skills) == 1


# -- CTDL competencies and frameworks ----------------------------------------------------------


def test_a_framework_reads_as_skills_in_both_languages_with_esco_identifiers() -> None:
    result = read_ctdl(json.loads(FRAMEWORK.read_text(encoding="utf-8")), "framework.json")
    assert not result.problems and not result.records
    labels = [skill.label for skill in result.skills]
    assert {"en": "Use QGIS", "fr": "Utiliser QGIS"} in labels
    # competencyText before competencyLabel; a French-only competency stays French.
    assert {
        "en": "Choose a map projection for a study area",
        "fr": "Choisir une projection cartographique pour un territoire",
    } in labels
    assert {"fr": "Géoréférencer une carte ancienne"} in labels
    qgis = next(skill for skill in result.skills if skill.label.get("en") == "Use QGIS")
    assert ESCO_QGIS in qgis.uris and "ce-7a000000-0000-4000-8000-0000000000c1" in qgis.uris


def test_alignments_resolve_against_the_same_graph() -> None:
    framework = json.loads(FRAMEWORK.read_text(encoding="utf-8"))
    credentials = json.loads(CREDENTIALS.read_text(encoding="utf-8"))
    result = read_ctdl({"@graph": framework["@graph"] + credentials["@graph"]}, "one.json")
    first = result.records[0].record
    assert [skill.label.get("en") for skill in first.skills] == [
        "Use QGIS",
        "Choose a map projection for a study area",
    ]
    assert first.occupations == [{"en": "GIS Technician", "fr": "Technicien en géomatique"}]


def test_a_framework_file_alone_imports_as_skills_and_says_so(db: Database) -> None:
    report = import_files(db, [FRAMEWORK])
    assert report.ok and report.added == 0
    assert report.skills_alone == 3 and report.skills_created == 3
    assert "3 skills in competency frameworks" in summary(report)
    qgis = next(skill for skill in _skills(db) if skill.label_en == "Use QGIS")
    assert qgis.label_fr == "Utiliser QGIS" and ESCO_QGIS in qgis.uris


def test_alignments_resolve_across_files_of_one_import(db: Database) -> None:
    report = import_files(db, [CREDENTIALS, ORGANISATIONS, FRAMEWORK])
    assert report.ok, report.problems
    assert report.skills_created == 3 and not report.skills_unresolved
    skills = _by_ext(db)
    english = skills["ce-7a000000-0000-4000-8000-000000000101"]
    french = skills["ce-7a000000-0000-4000-8000-000000000102"]
    # The French-taught credential covers the same QGIS skill as the English one.
    assert english[0] == french[0]
    assert len(set(english + french)) == 3


def test_alignments_resolve_against_the_store(db: Database) -> None:
    assert import_files(db, [FRAMEWORK]).ok
    before = len(_skills(db))
    report = import_files(db, [CREDENTIALS])
    assert report.ok and report.skills_created == 0 and not report.skills_unresolved
    assert len(_skills(db)) == before
    skills = _by_ext(db)
    assert (
        skills["ce-7a000000-0000-4000-8000-000000000101"][0]
        == skills["ce-7a000000-0000-4000-8000-000000000102"][0]
    )


def test_a_competency_defined_nowhere_is_named_in_the_report(db: Database) -> None:
    report = import_files(db, [CREDENTIALS])
    assert report.ok
    # The alignment with a targetNodeName becomes a skill; the bare URIs are reported.
    assert len(report.skills_unresolved) == 2
    assert "defined neither in these files nor in the store" in summary(report)
    assert "Use QGIS" in [skill.label_en for skill in _skills(db)]


def test_a_label_met_again_in_a_later_import_is_the_stored_skill(db: Database, tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text(
        "id,name_en,skills_en,skills_fr\nc1,One,Use QGIS,\nc2,Two,Use QGIS,Utiliser QGIS\n", "utf-8"
    )
    second = tmp_path / "second.csv"
    second.write_text("id,name_en,skills_en,skills_fr\nc3,Three,,utiliser qgis\n", "utf-8")
    assert import_files(db, [first]).ok
    assert import_files(db, [second]).ok
    skills = _by_ext(db)
    assert skills["c1"] == skills["c2"] == skills["c3"]


def test_a_skill_stored_in_lower_case_takes_the_catalogues_casing(db: Database, tmp_path: Path) -> None:
    """A vocabulary or an earlier file wrote "quickbooks"; a catalogue that writes "QuickBooks"
    is shown as it writes it (acronyms and product names keep their casing)."""
    first = tmp_path / "first.csv"
    first.write_text("id,name_en,skills_en,skills_fr\nc1,One,quickbooks,qgis\n", "utf-8")
    second = tmp_path / "second.csv"
    second.write_text("id,name_en,skills_en,skills_fr\nc2,Two,QuickBooks,QGIS\nc3,Three,Quickbooks,\n", "utf-8")
    assert import_files(db, [first]).ok
    assert import_files(db, [second]).ok
    skills = _by_ext(db)
    assert skills["c1"] == skills["c2"] == skills["c3"]
    labels = {(skill.label_en, skill.label_fr) for skill in _skills(db)}
    assert labels == {("QuickBooks", "QGIS")}, labels

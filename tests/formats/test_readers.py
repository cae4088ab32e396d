"""Readers: CTDL shapes, Open Badges, CSV; and the export round trip."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from bot.catalogue.export import export_catalogue
from bot.catalogue.importer import import_files, load_vocabulary_file
from bot.domain.credential import CredentialRecord
from bot.formats.common import duration_hours, hours_to_duration
from bot.formats.csvformat import read_csv, write_csv
from bot.formats.ctdl import language_map, read_ctdl
from bot.formats.openbadges import parse_badge, read_openbadges
from bot.store.catalogue_repo import load_credentials
from bot.store.db import Database

FIXTURES = Path(__file__).parent.parent / "catalogue" / "fixtures"


def load(name: str) -> object:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def by_id(records: list[CredentialRecord]) -> dict[str, CredentialRecord]:
    return {r.external_id: r for r in records}


def test_language_key_fallback_prefers_regional_canadian_keys() -> None:
    assert language_map({"fr": "b", "fr-CA": "a", "fr-FR": "c"}, "en") == {"fr": "a"}
    assert language_map({"fr-FR": "c", "fr": "b"}, "en") == {"fr": "b"}
    assert language_map({"fr-be": "c"}, "en") == {"fr": "c"}
    assert language_map({"en-US": "x", "en-us": "y", "en": "z"}, "fr") == {"en": "z"}
    assert language_map({"en_CA": "ca", "en": "z", "ar-sa": "ignored"}, "fr") == {"en": "ca"}
    assert language_map("plain", "fr") == {"fr": "plain"}
    assert language_map([{"@value": "v", "@language": "fr-CA"}], "en") == {"fr": "v"}


def test_ctdl_graph_reader() -> None:
    result = read_ctdl(load("catalogue.ctdl.json"), "c.json")
    assert result.problems == []
    records = by_id([p.record for p in result.records])
    assert len(records) == 3  # the assessment and organisations are not catalogue entries
    assert result.skipped == {"ceterms:AssessmentProfile": 1}
    first = records["ce-1c000000-0000-4000-8000-000000000001"]
    assert first.name == {"en": "Data Analysis with Python", "fr": "Analyse de données avec Python"}
    assert first.provider is not None and first.provider.name["fr"] == "Collège du Nord"
    assert (first.hours, first.cost, first.currency, first.delivery) == (
        30,
        Decimal("250"),  # two untyped prices are alternatives: the largest, not their sum
        "CAD",
        "online",
    )
    assert first.languages == ["en", "fr"]


def test_ctdl_strings_where_lists_and_lists_where_strings() -> None:
    records = by_id([p.record for p in read_ctdl(load("catalogue.ctdl.json")).records])
    badge = records["ce-1c000000-0000-4000-8000-000000000002"]
    # plain string name in a record whose single inLanguage is French
    assert badge.name == {"fr": "Gestion de projet agile"}
    assert badge.keywords == {"fr": ["agilité"]}  # string where a list is usual
    assert badge.subjects == [{"fr": "Gestion"}]
    assert badge.url == "https://quality.example.org/agile"  # list where a string is usual
    assert badge.provider is not None and badge.provider.external_id == "_:org-2"
    assert badge.provider.url == "https://quality.example.org/"
    assert (badge.hours, badge.cost, badge.delivery) == (16, Decimal("0"), "blended")
    assert badge.skills[0].label == {"en": "Project Management", "fr": "Gestion de projet"}
    cert = records["ce-1c000000-0000-4000-8000-000000000003"]
    # unresolved ownedBy: only a reference (no name) for the import to resolve, by the CTID in it
    assert cert.provider is not None and cert.provider.is_reference
    assert cert.provider.external_id == "ce-0b000000-0000-4000-8000-00000000000f"
    assert cert.hours is None  # weeks are not converted
    assert (cert.status, cert.delivery) == ("deprecated", "in_person")


def test_ctdl_single_resource_and_list() -> None:
    single = load("single.ctdl.json")
    result = read_ctdl(single)
    (record,) = [p.record for p in result.records]
    assert record.name == {"en": "Workplace Safety (Canada)"}
    assert record.hours == 1.5
    assert record.skills[0].label == {"en": "Hazard identification"}
    assert len(read_ctdl([single, single]).records) == 2


def test_ctdl_bad_values_are_problems() -> None:
    node = {
        "@type": "ceterms:Badge",
        "ceterms:ctid": "ce-x",
        "ceterms:name": "X",
        "ceterms:estimatedDuration": [{"ceterms:exactDuration": "thirty hours"}],
        "ceterms:learningDeliveryType": ["deliveryType:Carrier pigeon"],
        "ceterms:estimatedCost": [{"ceterms:price": "lots", "ceterms:currency": "CAD"}],
    }
    fields = sorted(p.field for p in read_ctdl(node, "f").problems)
    assert fields == [
        "ceterms:estimatedCost",
        "ceterms:estimatedDuration",
        "ceterms:learningDeliveryType",
    ]
    assert all(p.record == "ce-x" for p in read_ctdl(node, "f").problems)


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("PT30H", 30),
        ("PT1H30M", 1.5),
        ("P2D", 16),
        ("P1DT2H", 10),
        ("PT45M", 0.75),
        ("P2W", None),
        ("P1M", None),
        ("PT0.5H", 0.5),
    ],
)
def test_durations(text: str, hours: float | None) -> None:
    assert duration_hours(text) == hours
    if hours is not None:
        assert duration_hours(hours_to_duration(hours)) == hours


@pytest.mark.parametrize("text", ["30 hours", "P", "PT", "PT5X"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        duration_hours(text)


def test_ob3_bilingual_related_pair_merges_into_one_record() -> None:
    result = read_openbadges(load("badge-pair.json"), "pair.json")
    assert result.problems == []
    (parsed,) = result.records
    record = parsed.record
    assert record.external_id == "https://badges.example.org/achievements/teamwork-en"
    assert record.name == {"en": "Teamwork", "fr": "Travail d'équipe"}
    assert record.description == {"en": "Works well in a team.", "fr": "Travaille bien en équipe."}
    assert record.languages == ["en", "fr"]
    assert record.credential_type == "Badge"
    assert record.url == "https://badges.example.org/criteria/teamwork"
    assert record.provider is not None and record.provider.name == {
        "en": "Skills Hub",
        "fr": "Carrefour des compétences",
    }
    # alignments matched by target, not position
    assert [(s.key, s.label) for s in record.skills] == [
        (None, {"en": "Collaboration", "fr": "Collaboration (fr)"}),
        ("project-management", {"en": "Project management", "fr": "Gestion de projet"}),
    ]


def test_ob3_pair_in_french_first_order_keeps_english_id() -> None:
    pair = load("badge-pair.json")
    assert isinstance(pair, list)
    (parsed,) = read_openbadges(list(reversed(pair))).records
    assert parsed.record.external_id.endswith("teamwork-en")
    assert parsed.record.name["fr"] == "Travail d'équipe"


def test_parse_badge_ob3_credential_and_ob2_assertion() -> None:
    credential = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:1234",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "https://issuer.example.org", "type": ["Profile"], "name": "Issuer Inc."},
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://issuer.example.org/achievements/1",
                "type": ["Achievement"],
                "name": "Microcrédit en soudure",
                "description": "Soudure de base.",
                "inLanguage": "fr-CA",
                "achievementType": "MicroCredential",
                "criteria": {"narrative": "Passer l'examen."},
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": "Soudage",
                        "targetUrl": "https://x.example.org/soudage",
                    }
                ],
            },
        },
    }
    record = parse_badge(credential)
    assert record.external_id == "https://issuer.example.org/achievements/1"
    assert record.name == {"fr": "Microcrédit en soudure"}
    assert record.credential_type == "MicroCredential"
    assert record.provider is not None and record.provider.external_id == "https://issuer.example.org"
    assert record.skills[0].label == {"fr": "Soudage"}

    assertion = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": "https://a.example.org/1",
        "recipient": {"type": "email", "identity": "x@example.org", "hashed": False},
        "badge": {
            "type": "BadgeClass",
            "id": "https://a.example.org/badges/5",
            "name": "First Aid",
            "description": "Basic first aid.",
            "criteria": "https://a.example.org/criteria/5",
            "issuer": {
                "type": "Issuer",
                "id": "https://a.example.org/issuer",
                "name": "Red Org",
                "url": "https://a.example.org",
            },
            "alignment": [{"targetName": "First aid", "targetUrl": "urn:credbot:skill:first-aid"}],
            "tags": ["health", "safety"],
        },
    }
    record = parse_badge(assertion)
    assert record.external_id == "https://a.example.org/badges/5"
    assert record.credential_type == "OpenBadge"
    assert record.url == "https://a.example.org/criteria/5"
    assert record.keywords == {"en": ["health", "safety"]}
    assert record.skills[0].key == "first-aid"
    # A badge given only by its URL is a record without a name: the importer reports the name.
    record = parse_badge({"type": "Assertion", "badge": "https://a.example.org/badges/5"})
    assert (record.external_id, record.name) == ("https://a.example.org/badges/5", {})
    with pytest.raises(ValueError):
        parse_badge({"type": "Assertion", "id": "https://a.example.org/2"})


def test_csv_semicolon_bom_and_comma_decimals() -> None:
    text = '\ufeffid;name_fr;hours;cost;skills_en;skills_fr\nc1;Cours;7,5;12,5;"A;";";B"\n'
    result = read_csv(text, "f.csv")
    assert result.problems == []
    (parsed,) = result.records
    assert parsed.ref == "line 2"
    assert (parsed.record.hours, parsed.record.cost) == (7.5, Decimal("12.50"))
    assert [s.label for s in parsed.record.skills] == [{"en": "A"}, {"fr": "B"}]


def test_csv_writer_reader_round_trip() -> None:
    records = [p.record for p in read_csv((FIXTURES / "catalogue.csv").read_text(encoding="utf-8")).records]
    again = [p.record for p in read_csv(write_csv(records)).records]
    assert again == records


def _stored(db: Database) -> list[CredentialRecord]:
    with db.session() as s:
        records = load_credentials(s)
    for record in records:
        record.id = None
    return sorted(records, key=lambda r: r.external_id)


@pytest.mark.parametrize("fmt", ["ctdl", "csv"])
def test_export_round_trip(db: Database, tmp_path: Path, fmt: str) -> None:
    load_vocabulary_file(db, FIXTURES / "skills.json")
    sources = [FIXTURES / "catalogue.ctdl.json", FIXTURES / "single.ctdl.json"]
    if fmt == "csv":
        # CSV has no column for a provider's web page: start from a CSV file.
        sources = [FIXTURES / "catalogue.csv"]
    assert import_files(db, sources).ok
    exported = tmp_path / f"export.{fmt}"
    exported.write_text(export_catalogue(db, fmt), encoding="utf-8")

    other = Database(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        load_vocabulary_file(other, FIXTURES / "skills.json")
        report = import_files(other, [exported])
        assert report.ok, report.problems
        assert _stored(other) == _stored(db)
        # and the export of the copy is the same text
        assert export_catalogue(other, fmt) == exported.read_text(encoding="utf-8")
    finally:
        other.dispose()

"""Shapes met in real Credential Registry and Open Badges documents, on fixtures of our own
(`fixtures/registry/`): each test names the defect of issue 9 it guards against."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bot.app import main
from bot.catalogue.cli import summary as import_summary
from bot.catalogue.export import export_catalogue
from bot.catalogue.importer import import_files, read_file
from bot.conversation.cards import duration_text, fees_text, summary
from bot.domain.credential import CredentialRecord
from bot.formats.common import currency_code
from bot.formats.ctdl import looks_like_ctdl, read_ctdl
from bot.i18n import use_locale
from bot.language.detect import detect_language, language_code
from bot.store.catalogue_repo import get_by_external_id, load_credentials
from bot.store.db import Database

REGISTRY = Path(__file__).parent / "fixtures" / "registry"
DEGREE = REGISTRY / "degree.json"
DEGREE_ID = "ce-a1000000-0000-4000-8000-000000000001"


def load(name: str) -> Any:
    return json.loads((REGISTRY / name).read_text(encoding="utf-8"))


def stored(db: Database, external_id: str) -> CredentialRecord:
    with db.session() as session:
        record = get_by_external_id(session, external_id)
    assert record is not None, external_id
    return record


def write(tmp_path: Path, name: str, data: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# -- 1. currencies written as names ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("US Dollar", "USD"),
        ("us dollar", "USD"),
        ("US DOLLARS", "USD"),
        ("Canadian Dollar", "CAD"),
        ("dollar canadien", "CAD"),
        ("Dollars canadiens", "CAD"),
        ("Euro", "EUR"),
        ("euros", "EUR"),
        ("USD", "USD"),
        ("cad", "CAD"),
        ("dollar américain", "USD"),
        ("Dollars", None),
        ("XYZ", None),
        ("", None),
    ],
)
def test_currency_names_map_to_iso_codes(written: str, code: str | None) -> None:
    assert currency_code(written) == code


def test_a_currency_name_without_a_price_is_ignored_and_the_record_imported(db: Database) -> None:
    report = import_files(db, [DEGREE])
    assert report.ok, report.problems
    record = stored(db, DEGREE_ID)
    assert (record.cost, record.currency, record.price_currency) == (None, None, None)


def test_a_priced_record_gets_the_code_of_its_currency_name() -> None:
    data = load("degree.json")
    data["ceterms:estimatedCost"][0]["ceterms:price"] = "6,425"
    data["ceterms:estimatedCost"][0]["ceterms:currency"] = "dollar canadien"
    (parsed,) = read_ctdl(data, "degree.json").records
    assert (parsed.record.cost, parsed.record.currency) == (Decimal("6.42"), "CAD")


def test_an_unknown_currency_is_a_problem_only_when_a_price_uses_it(db: Database, tmp_path: Path) -> None:
    data = load("degree.json")
    data["ceterms:estimatedCost"][0]["ceterms:currency"] = "Dollars"
    assert import_files(db, [write(tmp_path, "no-price.json", data)]).ok
    priced = copy.deepcopy(data)
    priced["ceterms:estimatedCost"][0]["ceterms:price"] = 3250
    report = import_files(db, [write(tmp_path, "priced.json", priced)])
    (problem,) = report.problems
    assert (problem.record, problem.field) == (DEGREE_ID, "ceterms:currency")
    assert "'Dollars'" in problem.message  # the value as written, not upper-cased


# -- 2. owners referenced by registry URL -----------------------------------------------------------

ORGANIZATION = REGISTRY / "organization.json"
ORG_CTID = "ce-a0000000-0000-4000-8000-0000000000aa"


def test_an_owner_published_in_another_file_is_resolved_by_its_resources_url(db: Database) -> None:
    report = import_files(db, [DEGREE, ORGANIZATION])
    assert report.ok, report.problems
    provider = stored(db, DEGREE_ID).provider
    assert provider is not None
    assert (provider.external_id, provider.name) == (ORG_CTID, {"en": "Prairie Governors University"})
    assert report.providers_added == 1


def test_an_unresolved_owner_gives_no_provider_never_a_url(db: Database) -> None:
    report = import_files(db, [DEGREE])
    assert report.ok, report.problems
    assert stored(db, DEGREE_ID).provider is None
    assert report.providers_added == 0


def test_an_owner_referenced_by_graph_url_in_upper_case_meets_the_stored_provider(
    db: Database, tmp_path: Path
) -> None:
    assert import_files(db, [DEGREE, ORGANIZATION]).ok
    second = load("degree.json")
    second["ceterms:ctid"] = "ce-a1000000-0000-4000-8000-000000000002"
    second["@id"] = "https://credentialengineregistry.org/resources/" + second["ceterms:ctid"]
    second["ceterms:ownedBy"] = ["https://credentialengineregistry.org/graph/" + ORG_CTID.upper()]
    del second["ceterms:offeredBy"]
    report = import_files(db, [write(tmp_path, "second.json", second)])
    assert report.ok, report.problems
    provider = stored(db, second["ceterms:ctid"]).provider
    assert provider is not None and provider.external_id == ORG_CTID
    assert report.providers_added == 0


def test_owners_by_id_object_in_another_case_and_embedded_without_id(tmp_path: Path, db: Database) -> None:
    # 2017 registry shapes: `ownedBy: [{"@id": ".../resources/ce-UPPER…"}]`, and an owner
    # embedded with a name but no id.
    by_id = {
        "@context": "http://credreg.net/ctdl/schema/context/json",
        "@id": "http://lr-staging.example.org/resources/ce-B2000000-0000-4000-8000-000000000001",
        "@type": "ceterms:Certification",
        "ceterms:ctid": "ce-B2000000-0000-4000-8000-000000000001",
        "ceterms:name": "Certified Safety Practitioner",
        "ceterms:ownedBy": [
            {"@id": "http://lr-staging.example.org/resources/ce-A0000000-0000-4000-8000-0000000000AA"}
        ],
    }
    embedded = {
        "@context": "http://credreg.net/ctdl/schema/context/json",
        "@type": "ceterms:Certificate",
        "ceterms:ctid": "ce-b2000000-0000-4000-8000-000000000002",
        "ceterms:name": "Safety Committee Basics",
        "ceterms:ownedBy": [{"@type": "ceterms:CredentialOrganization", "ceterms:name": "Board of Safety"}],
    }
    files = [write(tmp_path, "by-id.json", [by_id, embedded]), ORGANIZATION]
    report = import_files(db, files)
    assert report.ok, report.problems
    first = stored(db, "ce-B2000000-0000-4000-8000-000000000001").provider
    assert first is not None and first.name == {"en": "Prairie Governors University"}
    second = stored(db, "ce-b2000000-0000-4000-8000-000000000002").provider
    assert second is not None and second.name == {"en": "Board of Safety"}
    assert second.external_id == "board-of-safety"


def test_provider_filter_finds_credentials_whose_owner_was_in_another_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = f"sqlite:///{tmp_path / 'credbot.sqlite3'}"
    assert main(["--db", store, "import", str(DEGREE), str(ORGANIZATION)]) == 0
    capsys.readouterr()
    assert main(["--db", store, "search", "bookkeeping", "--provider", "Prairie Governors", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert [item["id"] for item in results] == [DEGREE_ID]
    assert results[0]["provider"] == "Prairie Governors University"


@pytest.mark.parametrize(("locale", "shown"), [("en", "provider unknown"), ("fr", "établissement inconnu")])
def test_a_credential_without_provider_says_so_on_its_summary(locale: str, shown: str) -> None:
    (parsed,) = read_ctdl(load("degree.json"), "degree.json").records
    parsed.record.provider = None
    with use_locale(locale):
        assert summary(parsed.record).split(" · ")[0] == shown


# -- 3. durations: every profile, minimum and maximum, weeks kept as written -------------------------


def _with_durations(profiles: list[dict[str, str]]) -> CredentialRecord:
    data = load("degree.json")
    data["ceterms:estimatedDuration"] = [{"@type": "ceterms:DurationProfile", **p} for p in profiles]
    result = read_ctdl(data, "degree.json")
    assert result.problems == []
    (parsed,) = result.records
    return parsed.record


@pytest.mark.parametrize(
    ("profiles", "hours", "en", "fr"),
    [
        ([{"ceterms:exactDuration": "P4Y"}], None, "4 years", "4 ans"),
        (
            [{"ceterms:exactDuration": "P4W"}, {"ceterms:exactDuration": "PT160H"}],
            160,
            "160 hours · 4 weeks",
            "160 heures · 4 semaines",
        ),
        (
            [{"ceterms:minimumDuration": "PT20H", "ceterms:maximumDuration": "PT40H"}],
            40,
            "20–40 hours",
            "20 à 40 heures",
        ),
        (
            [{"ceterms:minimumDuration": "P8W", "ceterms:maximumDuration": "P12W"}],
            None,
            "8–12 weeks",
            "8 à 12 semaines",
        ),
        ([{"ceterms:maximumDuration": "P6W"}], None, "up to 6 weeks", "jusqu’à 6 semaines"),
        ([{"ceterms:timeRequired": "P2D"}], 16, "16 hours", "16 heures"),
    ],
)
def test_every_duration_profile_is_read_and_shown_as_written(
    profiles: list[dict[str, str]], hours: float | None, en: str, fr: str
) -> None:
    record = _with_durations(profiles)
    assert record.hours == hours
    for locale, shown in (("en", en), ("fr", fr)):
        with use_locale(locale):
            assert duration_text(record).replace("\xa0", " ") == shown


def test_durations_are_stored_and_survive_an_export(db: Database, tmp_path: Path) -> None:
    data = load("degree.json")
    data["ceterms:estimatedDuration"].append(
        {"ceterms:minimumDuration": "PT20H", "ceterms:maximumDuration": "PT40H"}
    )
    path = write(tmp_path, "degree.json", data)
    assert import_files(db, [path]).ok
    record = stored(db, DEGREE_ID)
    assert (record.hours, record.durations) == (40, ["P4Y", "PT20H/PT40H"])
    for fmt in ("ctdl", "csv"):
        exported = tmp_path / f"export.{fmt}"
        exported.write_text(export_catalogue(db, fmt), encoding="utf-8")
        again = import_files(db, [exported])
        assert again.ok, again.problems
        assert (again.added, again.updated, again.unchanged) == (0, 0, 1), fmt


# -- 4. envelopes, learning programmes and courses; what is skipped is named -------------------------

ENVELOPES = REGISTRY / "envelopes.json"
PROGRAM_ID = "ce-c3000000-0000-4000-8000-000000000001"
COURSE_ID = "ce-c3000000-0000-4000-8000-000000000002"


def test_envelopes_are_unwrapped_and_learning_opportunities_are_entries_of_their_kind(
    db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = f"sqlite:///{tmp_path / 'credbot.sqlite3'}"
    assert main(["--db", store, "import", str(ENVELOPES), str(ORGANIZATION)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("added 2, ")
    assert (
        "1 resource skipped, not a credential or learning opportunity: ceterms:AssessmentProfile (1)" in out
    )

    report = import_files(db, [ENVELOPES, ORGANIZATION])
    assert report.ok, report.problems
    program, course = stored(db, PROGRAM_ID), stored(db, COURSE_ID)
    assert (program.credential_type, course.credential_type) == ("LearningProgram", "Course")
    assert [skill.label for skill in program.skills] == [
        {"en": "Payroll processing", "fr": "Traitement de la paie"}
    ]
    assert [skill.label for skill in course.skills] == [{"en": "Review payroll internal controls"}]
    assert program.durations == ["P4W/P6W"] and program.hours is None
    # the 2017 shape: plain strings, `deliveryType`, a priced "US Dollar", an owner by {"@id"}
    assert (course.cost, course.currency, course.delivery) == (Decimal("200.00"), "USD", "online")
    assert course.provider is not None and course.provider.name == {"en": "Prairie Governors University"}


def test_search_results_wrapping_resources_are_unwrapped() -> None:
    wrapped = {"data": [load("degree.json")], "valid": True, "extra": {"TotalResults": 1}}
    assert looks_like_ctdl(wrapped)
    assert [parsed.record.external_id for parsed in read_ctdl(wrapped).records] == [DEGREE_ID]
    one = {"decoded_resource": load("degree.json"), "envelope_type": "resource_data"}
    assert [parsed.record.external_id for parsed in read_ctdl(one).records] == [DEGREE_ID]


def test_a_file_with_nothing_to_import_says_what_it_skipped(tmp_path: Path, db: Database) -> None:
    only = [load("envelopes.json")[2]]
    report = import_files(db, [write(tmp_path, "assessment.json", only)])
    assert report.ok and report.added == 0
    assert report.skipped == {"ceterms:AssessmentProfile": 1}
    assert "skipped" in import_summary(report)


# -- 5. no phantom entries -------------------------------------------------------------------------


def test_a_blank_node_credential_another_record_references_is_not_an_entry(db: Database) -> None:
    report = import_files(db, [REGISTRY / "preparation.json", ORGANIZATION])
    assert report.ok, report.problems
    assert report.added == 1
    with db.session() as session:
        assert [record.external_id for record in load_credentials(session)] == [
            "ce-d4000000-0000-4000-8000-000000000001"
        ]


# -- 9. costs: tuition apart from fees, costs inside condition profiles ------------------------------


def _priced(profiles: list[dict[str, Any]], requires: list[dict[str, Any]] | None = None) -> CredentialRecord:
    data = load("degree.json")
    data["ceterms:estimatedCost"] = [{"@type": "ceterms:CostProfile", **p} for p in profiles]
    if requires:
        data["ceterms:requires"] = requires
    result = read_ctdl(data, "degree.json")
    assert result.problems == []
    (parsed,) = result.records
    return parsed.record


def _cost_type(word: str) -> list[dict[str, str]]:
    return [{"@type": "ceterms:CredentialAlignmentObject", "ceterms:targetNode": f"costType:{word}"}]


def test_application_fee_and_tuition_are_kept_apart_and_condition_costs_read() -> None:
    record = _priced(
        [
            {"ceterms:name": {"en-US": "Tuition"}, "ceterms:directCostType": _cost_type("Tuition"),
             "ceterms:currency": "US Dollar", "ceterms:price": 4125},
            {"ceterms:name": {"en-US": "Application Fee"}, "ceterms:currency": "USD", "ceterms:price": 65},
        ],
        requires=[
            {"@type": "ceterms:ConditionProfile", "ceterms:estimatedCost": [
                {"@type": "ceterms:CostProfile", "ceterms:directCostType": _cost_type("StandaloneAssessment"),
                 "ceterms:currency": "USD", "ceterms:price": "150"}]}
        ],
    )  # fmt: skip
    assert (record.cost, record.currency) == (Decimal("4125.00"), "USD")
    assert [(fee.kind, fee.amount, fee.currency) for fee in record.fees] == [
        ("application", Decimal("65.00"), "USD"),
        ("exam", Decimal("150.00"), "USD"),
    ]
    with use_locale("en"):
        assert fees_text(record) == "Fees besides the price: application fee US$65 and exam fee US$150"
    with use_locale("fr"):
        shown = (fees_text(record) or "").replace("\xa0", " ")
        assert (
            shown == "Frais en plus du prix : frais de demande d’admission 65 $ US et frais d’examen 150 $ US"
        )


def test_alternative_prices_are_not_summed_and_a_lone_fee_is_the_price() -> None:
    member = {"ceterms:directCostType": _cost_type("AggregateCost"), "ceterms:currency": "US Dollar"}
    record = _priced([{**member, "ceterms:price": 200.0}, {**member, "ceterms:price": 300.0}])
    assert (record.cost, record.fees) == (Decimal("300.00"), [])
    lone = _priced(
        [
            {
                "ceterms:directCostType": _cost_type("Application"),
                "ceterms:currency": "CAD",
                "ceterms:price": 40,
            }
        ]
    )
    assert (lone.cost, lone.currency, lone.fees) == (Decimal("40.00"), "CAD", [])


def test_fees_are_stored_and_survive_a_ctdl_export(db: Database, tmp_path: Path) -> None:
    data = load("degree.json")
    data["ceterms:estimatedCost"] = [
        {"ceterms:directCostType": _cost_type("Tuition"), "ceterms:currency": "CAD", "ceterms:price": 900},
        {"ceterms:directCostType": _cost_type("Technology"), "ceterms:currency": "CAD", "ceterms:price": 35},
    ]
    assert import_files(db, [write(tmp_path, "degree.json", data)]).ok
    record = stored(db, DEGREE_ID)
    assert record.cost == Decimal("900.00")
    assert [(fee.kind, fee.amount) for fee in record.fees] == [("technology", Decimal("35.00"))]
    exported = tmp_path / "export.json"
    exported.write_text(export_catalogue(db, "ctdl"), encoding="utf-8")
    again = import_files(db, [exported])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)


# -- 7. Open Badges and formats: urn criteria, language names and detection, JSON errors, copies ----

BADGES = Path(__file__).parent / "fixtures" / "openbadges" / "obf-achievements.json"


def test_obf_achievements_with_urn_criteria_import_and_a_french_badge_is_labelled_french(
    db: Database,
) -> None:
    report = import_files(db, [BADGES])
    assert report.ok, report.problems
    english = stored(db, "https://badges.example.org/v3/achievement/W3N1QK2AB7")
    french = stored(db, "https://badges.example.org/v3/achievement/W3N1QK2FR9")
    assert english.languages == ["en"]  # inLanguage "English"
    assert english.url == "https://badges.example.org/v3/achievement/W3N1QK2AB7"  # not the urn:uuid
    assert french.languages == ["fr"]  # no inLanguage: French by its words
    assert french.name == {"fr": "Les bases de la paie"}


@pytest.mark.parametrize(
    ("written", "code"),
    [("English", "en"), ("French", "fr"), ("Français", "fr"), ("anglais", "en"), ("en-US", "en"),
     ("fr_CA", "fr"), ("FRE", "fr"), ("eng", "en"), ("Spanish", "es"), ("", None), ("Payroll", None)],
)  # fmt: skip
def test_language_names_map_to_codes(written: str, code: str | None) -> None:
    assert language_code(written) == code


@pytest.mark.parametrize(
    ("texts", "language"),
    [
        (["Les bases de la paie", "Préparer la paie d’une petite entreprise et verser les retenues."], "fr"),
        (["Payroll Fundamentals", "Run the payroll of a small business and file the deductions."], "en"),
        (["QuickBooks Online"], None),  # too little to tell
    ],
)
def test_undeclared_language_is_detected_from_the_text(texts: list[str], language: str | None) -> None:
    assert detect_language(texts) == language


def test_a_ctdl_record_without_language_in_english_words_is_english_and_names_are_mapped() -> None:
    data = load("degree.json")
    data["ceterms:inLanguage"] = ["English", "English"]  # the 2017 registry shape
    (parsed,) = read_ctdl(data).records
    assert parsed.record.languages == ["en"]
    french = {
        "@type": "ceterms:Certificate",
        "ceterms:ctid": "ce-e5000000-0000-4000-8000-000000000001",
        "ceterms:name": "Tenue de livres pour les petites entreprises",
        "ceterms:description": "Une formation courte sur la tenue de livres et la paie, en ligne.",
    }
    (parsed,) = read_ctdl(french).records
    assert parsed.record.languages == ["fr"]
    assert parsed.record.name == {"fr": "Tenue de livres pour les petites entreprises"}


@pytest.mark.parametrize("fmt", ["auto", "ctdl", "obv3", "csv"])
def test_json_syntax_errors_show_line_and_column_whatever_the_format(fmt: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('\n{\n  "@graph": [\n    {"@type": "ceterms:Badge",}\n  ]\n}\n', encoding="utf-8")
    _used, result = read_file(broken, fmt)
    (problem,) = result.problems
    assert "line 4, column" in problem.message, problem.message


def test_a_wrong_format_says_what_the_document_looks_like(tmp_path: Path) -> None:
    _used, result = read_file(DEGREE, "obv3")
    (problem,) = result.problems
    assert (
        problem.message == "the document is not Open Badges JSON: it looks like CTDL JSON-LD (try --format ctdl)"
    )
    _used, result = read_file(BADGES, "csv")
    (problem,) = result.problems
    assert "it looks like Open Badges JSON (try --format obv3)" in problem.message


def test_one_record_identical_in_two_files_is_imported_once(db: Database, tmp_path: Path) -> None:
    copy = write(tmp_path, "copy.json", load("degree.json"))
    report = import_files(db, [DEGREE, copy, ORGANIZATION])
    assert report.ok, report.problems
    assert report.added == 1

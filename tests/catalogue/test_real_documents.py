"""Shapes met in real Credential Registry and Open Badges documents, on fixtures of our own
(`fixtures/registry/`): each test names the defect of issue 9 it guards against."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bot.catalogue.importer import import_files
from bot.domain.credential import CredentialRecord
from bot.formats.common import currency_code
from bot.formats.ctdl import read_ctdl
from bot.store.catalogue_repo import get_by_external_id
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

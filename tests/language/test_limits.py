"""Limits in words (`bot.language.limits`): one reading for search queries and bundle requests.

Before the two were merged, search and bundles each had their own patterns and disagreed; the
reading is now the wider one of each pair, pinned here."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.bundles.planner import load_solver, plan_bundle
from bot.bundles.solver import BundleSolver
from bot.domain.limits import Limits
from bot.language.limits import fold_with_positions, parse_number, read_limits
from bot.language.skills import parse_request
from bot.search.query import parse_query
from bot.store.db import Database
from tests._bundle_support import populate


@pytest.fixture
def solver(db: Database) -> BundleSolver:
    """A solver over the small bilingual catalogue of the bundle tests."""
    populate(db)
    with db.unit_of_work() as uow:
        return load_solver(uow)


def bundle_limits(text: str) -> Limits:
    """The limits a bundle request states (free is a budget of 0)."""
    return read_limits(text).limits.for_bundle()


def search_limits(text: str) -> Limits:
    return parse_query(text).limits


# -- what both always read ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("moins de 40 heures", Limits(max_hours=40)),
        ("under 40 hours", Limits(max_hours=40)),
        ("12,5 h max", Limits(max_hours=12.5)),
        ("under $500", Limits(max_cost=Decimal(500))),
        ("moins de 500 $", Limits(max_cost=Decimal(500))),
        ("budget de 1 000 dollars", Limits(max_cost=Decimal(1000))),
        ("at most 1,500 CAD", Limits(max_cost=Decimal(1500), currency="CAD")),
        ("free", Limits(max_cost=Decimal(0))),
        ("gratuit", Limits(max_cost=Decimal(0))),
        ("en ligne", Limits(online=True)),
        ("online only", Limits(online=True)),
        ("à distance", Limits(online=True)),
        ("in French", Limits(taught_in="fr")),
        ("en français", Limits(taught_in="fr")),
        ("en anglais", Limits(taught_in="en")),
        ("taught in English", Limits(taught_in="en")),
    ],
)
def test_bundle_limits_from_words(text: str, expected: Limits) -> None:
    assert bundle_limits(text) == expected


def test_free_is_a_filter_in_search_and_a_budget_of_zero_in_bundles() -> None:
    assert read_limits("free").limits == Limits(free=True)
    assert search_limits("python free") == Limits(free=True)
    assert bundle_limits("python free") == Limits(max_cost=Decimal(0))
    assert search_limits("python under 0 $") == Limits(free=True)


def test_search_reads_limits_in_english_and_french() -> None:
    assert search_limits("free accounting course taught in French under 10 hours online") == Limits(
        online=True, taught_in="fr", free=True, max_hours=10
    )
    assert search_limits("formation gratuite en comptabilité en français moins de 12 heures") == Limits(
        taught_in="fr", free=True, max_hours=12
    )
    assert search_limits("cours de français") == Limits()  # learning French is a topic


# -- where search and bundles disagreed: now the wider reading, everywhere ---------------------


@pytest.mark.parametrize(
    "text", ["from home", "de chez moi", "de chez soi", "e-learning", "elearning", "distance learning"]
)
def test_online_phrases_search_read_now_read_in_bundles(text: str) -> None:
    assert bundle_limits(f"python {text}").online
    assert search_limits(f"python {text}").online


@pytest.mark.parametrize(
    "text", ["at no cost", "no cost", "without cost", "sans coût", "sans frais", "gratuitement", "0 $"]
)
def test_free_phrases_search_read_now_read_in_bundles(text: str) -> None:
    assert bundle_limits(f"python {text}") == Limits(max_cost=Decimal(0))
    assert search_limits(f"python {text}") == Limits(free=True)


def test_bundle_request_from_home_at_no_cost(solver: BundleSolver) -> None:
    request, limits = parse_request(solver.matcher, "python from home, at no cost")
    assert limits == Limits(online=True, max_cost=Decimal(0))
    assert request.skills == ["python"]
    assert request.unknown_words == []  # "home", "no", "cost" used to be left over


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("python 40 hours", Limits(max_hours=40)),
        ("python 40 h", Limits(max_hours=40)),
        ("comptabilité 40h", Limits(max_hours=40)),
        ("python 500 $", Limits(max_cost=Decimal(500))),
        ("python $500", Limits(max_cost=Decimal(500))),
        ("comptabilité pour 200 euros", Limits(max_cost=Decimal(200), currency="EUR")),
    ],
)
def test_bare_amounts_are_maxima_in_search_too(text: str, expected: Limits) -> None:
    assert search_limits(text) == expected
    assert parse_query(text).topic in ("python", "comptabilite")


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("under 500 €", "EUR"),
        ("moins de 500 eur", "EUR"),
        ("500 euros", "EUR"),
        ("under 500 USD", "USD"),
        ("at most 1,500 CAD", "CAD"),
        ("1 000 $ CA", "CAD"),
        ("CA$500", "CAD"),
        ("under $500", None),
        ("moins de 500 $", None),
        ("inférieur à 300 $", None),  # not "eur" in inférieur
    ],
)
def test_currencies(text: str, currency: str | None) -> None:
    assert read_limits(text).limits.currency == currency
    assert read_limits(text).limits.max_cost is not None
    assert search_limits(f"python {text}").currency == currency


@pytest.mark.parametrize(
    "text",
    [
        "accounting under 500 eur",
        "accounting under 500 usd",
        "accounting maximum de 500 $",
        "accounting budget de 500 $",
        "accounting 500 $ or less",
        "accounting $500 max",
    ],
)
def test_money_phrases_bundles_read_now_read_in_search(text: str) -> None:
    parsed = parse_query(text)
    assert parsed.limits.max_cost == Decimal(500)
    assert parsed.topic == "accounting"


@pytest.mark.parametrize(
    "text",
    ["comptabilité en ligne seulement", "accounting online only", "comptabilité en français uniquement"],
)
def test_only_after_online_or_a_language_is_part_of_the_limit(text: str) -> None:
    assert parse_query(text).topic in ("comptabilite", "accounting")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("moins de 1 000 $", Decimal(1000)),
        ("moins de 1\u00a0000 $", Decimal(1000)),
        ("moins de 1\u202f000 $", Decimal(1000)),
        ("under 1,000 $", Decimal(1000)),
        ("under $1,000.50", Decimal("1000.50")),
        ("moins de 1 000,50 $", Decimal("1000.50")),
        ("under 12.5 $", Decimal("12.5")),
        ("moins de 12,5 $", Decimal("12.5")),
    ],
)
def test_thousands_separators_and_decimals(text: str, amount: Decimal) -> None:
    assert read_limits(text).limits.max_cost == amount
    assert search_limits(f"python {text}").max_cost == amount


def test_several_amounts_keep_the_smallest() -> None:
    assert read_limits("under 40 hours, at most 20 hours").limits.max_hours == 20
    assert search_limits("python under 40 hours at most 20 hours").max_hours == 20


@pytest.mark.parametrize(
    ("text", "value"),
    [("1 000", 1000), ("1,000", 1000), ("1,000.5", 1000.5), ("12,5", 12.5), ("12.5", 12.5), ("40", 40)],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == Decimal(str(value))


# -- what remains ------------------------------------------------------------------------------


def test_the_rest_keeps_the_learners_spelling() -> None:
    reading = read_limits("Sécurité informatique en anglais, maximum de 800 $")
    assert reading.limits == Limits(taught_in="en", max_cost=Decimal(800))
    assert reading.phrases == ["Sécurité informatique"]
    assert read_limits("œnologie en ligne").phrases == ["œnologie"]
    assert read_limits("Comptabilité moins de 40 heures gestion").phrases == ["Comptabilité", "gestion"]


def test_bundle_matches_keep_the_learners_spelling(solver: BundleSolver) -> None:
    plan = plan_bundle(solver, goal="Statistiques en français, moins de 20 heures")
    assert plan.constraints == Limits(taught_in="fr", max_hours=20)
    assert [match.query for match in plan.matches] == ["Statistiques"]


def test_blanked_text_keeps_its_length() -> None:
    text = "comptabilite en ligne moins de 300 $ gestion"
    reading = read_limits(text, folded=True)
    assert len(reading.blanked) == len(text)
    assert reading.blanked.split() == ["comptabilite", "gestion"]


def test_fold_with_positions() -> None:
    folded, origins = fold_with_positions("Œuvre à")
    assert folded == "oeuvre a"
    assert [origins[i] for i in (0, 1, 2, 7)] == [0, 0, 1, 6]


def test_free_is_named_when_it_rules_out_a_bundle(solver: BundleSolver) -> None:
    plan = plan_bundle(solver, goal="python and SQL, free")
    assert not plan.feasible
    assert "max_cost" in plan.blocking_constraints  # was [] while 0 counted as "not in use"


@pytest.mark.parametrize(
    "text",
    ["welding courses but NOT online, in class", "je veux pas de cours en ligne", "premiers soins, pas en ligne svp"],
)
def test_online_refused_is_no_online_limit_and_no_topic(text: str) -> None:
    reading = read_limits(text)
    assert not reading.limits.online and reading.refuses_online
    assert "ligne" not in reading.blanked and "online" not in reading.blanked


@pytest.mark.parametrize(
    ("text", "amount"),
    [("under 1k", 1000), ("cours de BIM en bas de 1k", 1000), ("budget 1.5k", 1500), ("moins de 2 k$", 2000)],
)
def test_thousands_typed_with_a_k(text: str, amount: int) -> None:
    assert read_limits(text).limits.max_cost == Decimal(amount)


def test_a_k_without_money_words_is_no_budget() -> None:
    assert read_limits("python 3k").limits.max_cost is None


@pytest.mark.parametrize("text", ["cours de python gratuit ou presque", "a python course, almost free"])
def test_almost_free_is_cheap_not_free(text: str) -> None:
    limits = read_limits(text).limits
    assert limits.cheap and not limits.free

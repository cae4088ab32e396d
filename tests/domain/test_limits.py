"""`Limits`: one type for search filters and bundle constraints."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.limits import Limits


def test_active_names_in_a_stable_order() -> None:
    limits = Limits(online=True, taught_in="fr", free=True, max_hours=10, max_cost=Decimal(5), provider="X")
    assert limits.active() == ["max_hours", "max_cost", "taught_in", "online", "free", "provider"]
    assert Limits(currency="EUR").active() == []  # a currency alone limits nothing


def test_without() -> None:
    limits = Limits(online=True, max_hours=10)
    assert limits.without("online") == Limits(max_hours=10)
    assert limits.without("max_hours") == Limits(online=True)
    with pytest.raises(ValueError):
        limits.without("colour")


def test_the_other_limits_win_where_they_are_set() -> None:
    words = Limits(online=True, max_hours=40, max_cost=Decimal(500), currency="EUR")
    options = Limits(max_hours=20, taught_in="fr", max_cost=Decimal(0))
    assert words.merged(options) == Limits(
        online=True, taught_in="fr", max_hours=20, max_cost=Decimal(0), currency="EUR"
    )
    assert words.merged(Limits()) == words


def test_a_bundle_reads_free_as_a_budget_of_zero_and_has_no_provider() -> None:
    assert Limits(free=True, online=True, provider="X").for_bundle() == Limits(
        online=True, max_cost=Decimal(0)
    )
    assert Limits(free=True, max_cost=Decimal(300)).for_bundle() == Limits(max_cost=Decimal(0))
    plain = Limits(max_hours=3)
    assert plain.for_bundle() is plain


def test_saved_bundle_json_keeps_its_five_keys() -> None:
    limits = Limits(max_hours=60.0, max_cost=Decimal("500"), taught_in="fr", online=True, currency="CAD")
    assert limits.to_dict() == {
        "max_hours": 60.0,
        "max_cost": "500",
        "taught_in": "fr",
        "online": True,
        "currency": "CAD",
    }
    assert Limits().to_dict() == {
        "max_hours": None,
        "max_cost": None,
        "taught_in": None,
        "online": False,
        "currency": None,
    }
    assert Limits.from_dict(limits.to_dict()) == limits
    search = Limits(free=True, provider="Université Laval")
    assert Limits.from_dict(search.to_dict()) == search


@pytest.mark.parametrize(
    ("saved", "expected"),
    [
        (None, Limits()),
        ({}, Limits()),
        (
            {"max_hours": 20, "max_cost": "100", "taught_in": "fr", "online": False, "currency": None},
            Limits(max_hours=20.0, max_cost=Decimal(100), taught_in="fr"),
        ),
        ({"max_cost": 0, "online": True}, Limits(max_cost=Decimal(0), online=True)),
        (
            {"max_cost": "12.50", "currency": "EUR", "later": 1},
            Limits(max_cost=Decimal("12.50"), currency="EUR"),
        ),
    ],
)
def test_rows_saved_before_read_back(saved: dict[str, object] | None, expected: Limits) -> None:
    assert Limits.from_dict(saved) == expected


def test_a_limit_of_zero_is_in_use() -> None:
    # 0 == False in Python: a budget of 0 ("free") or 0 hours must still count as a limit.
    assert Limits(max_cost=Decimal(0)).active() == ["max_cost"]
    assert Limits(max_hours=0.0).active() == ["max_hours"]
    assert Limits(max_cost=Decimal(0)).without("max_cost").active() == []

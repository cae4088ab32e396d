from __future__ import annotations

from decimal import Decimal

from bot.domain.credential import SkillRef
from bot.domain.limits import Limits
from bot.language.text import document_words, max_typos, normalise, split_words, stems
from bot.search.index import SearchIndex
from bot.search.query import parse_query

from .conftest import VOCABULARY, credential, sample_credentials


def ids(index: SearchIndex, query: str, **options: object) -> list[str]:
    return [hit.credential.external_id for hit in index.search(query, **options).hits]  # type: ignore[arg-type]


def test_normalise_case_accents_ligatures() -> None:
    assert normalise("Sécurité ŒUVRE Æther") == "securite oeuvre aether"
    assert normalise("naïve façade") == "naive facade"


def test_apostrophes_and_hyphens() -> None:
    assert split_words(normalise("l'analyse d’entreprise")) == ["analyse", "entreprise"]
    assert split_words("e-commerce") == ["ecommerce"]
    assert document_words("E-commerce") == ["ecommerce", "commerce"]


def test_stems_meet_with_or_without_accents() -> None:
    assert set(stems("comptabilite")) & set(stems(normalise("comptabilité")))
    assert "projet" in stems("projets")


def test_typo_budget_scales_with_length() -> None:
    assert [max_typos("a" * n) for n in (3, 4, 5, 8, 9, 14)] == [0, 0, 1, 1, 2, 2]


def test_typos(index: SearchIndex) -> None:
    assert ids(index, "cybersecurty")[0] == "c1"
    assert ids(index, "palliatve care")[0] == "c3"
    assert ids(index, "fod") == []  # three letters: no typo allowed


def test_prefix_on_last_word(index: SearchIndex) -> None:
    assert set(ids(index, "comptab")[:2]) == {"c2", "c4"}
    assert ids(index, "comptab ") == []  # a finished word is not a prefix


def test_cross_lingual_through_vocabulary(index: SearchIndex) -> None:
    assert ids(index, "soins palliatifs")[0] == "c3"  # English-only credential
    assert ids(index, "securite informatique")[0] == "c1"
    assert ids(index, "bookkeeping", locale="fr")[:2] == ["c4", "c2"]


def test_abbreviations(index: SearchIndex) -> None:
    assert ids(index, "GIS") == ["c5"]
    assert ids(index, "SIG") == ["c5"]


def test_sentence_chat_words_do_not_drown_the_topic(index: SearchIndex) -> None:
    result = index.search("je cherche une formation courte en comptabilité en ligne", locale="fr")
    assert result.topic == "comptabilite"
    assert result.understood == Limits(online=True)
    assert {hit.credential.external_id for hit in result.hits} == {"c2", "c4"}
    assert index.search("I want to learn bookkeeping online").hits[0].credential.external_id == "c4"


def test_domain_words_are_noise() -> None:
    assert parse_query("micro-credential in accounting").topic == "accounting"
    assert parse_query("badge numérique en comptabilité").topic == "comptabilite"


def test_filters_parsed_in_english() -> None:
    parsed = parse_query("free accounting course taught in French under 10 hours online").limits
    assert (parsed.free, parsed.taught_in, parsed.max_hours, parsed.online) == (
        True,
        "fr",
        10.0,
        True,
    )
    assert parse_query("accounting under $200").limits.max_cost == Decimal("200")
    assert parse_query("accounting less than 200 dollars").limits.max_cost == Decimal("200")
    assert parse_query("accounting").understood == []


def test_filters_parsed_in_french() -> None:
    parsed = parse_query("formation gratuite en comptabilité en français moins de 12 heures").limits
    assert (parsed.free, parsed.taught_in, parsed.max_hours) == (True, "fr", 12.0)
    assert parse_query("comptabilité moins de 300 $").limits.max_cost == Decimal("300")
    assert parse_query("cours de français").limits.taught_in is None  # learning French is a topic
    assert parse_query("cours à distance").limits.online


def test_text_filters_combine_with_options(index: SearchIndex) -> None:
    result = index.search("comptabilité gratuit", filters=Limits(max_hours=20))
    assert result.filters == Limits(max_hours=20, free=True)
    assert result.understood == Limits(free=True)
    assert ids(index, "comptabilité gratuit") == ["c2"]


def test_provider_in_text(index: SearchIndex) -> None:
    result = index.search("bookkeeping from Northern College")
    assert result.understood.provider == "Northern College"
    assert [h.credential.external_id for h in result.hits] == ["c4"]


def test_filters_only_lists_matching_credentials(index: SearchIndex) -> None:
    result = index.search("free courses in French")
    assert [h.credential.external_id for h in result.hits] == ["c2"]


def test_title_above_description(index: SearchIndex) -> None:
    assert ids(index, "project management")[:2] == ["c6", "c7"]


def test_locale_first_among_equals_then_id() -> None:
    records = [
        credential(1, {"en": "Welding Basics"}),
        credential(2, {"en": "Welding Basics"}, languages=["fr"]),
        credential(3, {"en": "Welding Basics"}),
    ]
    index = SearchIndex.build(records, VOCABULARY)
    assert ids(index, "welding", locale="fr") == ["c2", "c1", "c3"]
    assert ids(index, "welding", locale="en") == ["c1", "c3", "c2"]


def test_pagination_and_total(index: SearchIndex) -> None:
    everything = ids(index, "project management", limit=10)
    result = index.search("project management", limit=1, offset=1)
    assert result.total == len(everything)
    assert [h.credential.external_id for h in result.hits] == everything[1:2]


def test_no_result_suggestions(index: SearchIndex) -> None:
    result = index.search("comptabilte moins de 5 heures")
    assert result.hits == []
    assert result.drop_filters == ["max_hours"]
    assert "Comptabilité" in result.suggestions or "Accounting" in result.suggestions
    nothing = index.search("cybersecurit expert zzz qqq")
    assert nothing.total >= 0


def test_no_result_vocabulary_suggestions(index: SearchIndex) -> None:
    result = index.search("palliativ caring homes zzz", locale="en")
    assert result.total == 0 or result.hits
    assert SearchIndex.build(sample_credentials(), VOCABULARY).search("").hits == []


def _beekeeping_catalogue() -> SearchIndex:
    honey = SkillRef({"en": "Honey harvesting"})
    return SearchIndex.build(
        [
            credential(1, {"en": "Urban Beekeeping"}, skills=[honey]),
            credential(2, {"en": "Honey Harvesting and Extraction"}, skills=[honey]),
            credential(3, {"en": "Small Engine Repair"}),
            credential(4, {"en": "Honey Harvesting in Winter"}, delivery="in_person"),
        ],
        VOCABULARY,
    )


def test_a_short_answer_is_topped_up_with_related_credentials_after_the_matches() -> None:
    result = _beekeeping_catalogue().search("beekeeping")
    assert [(hit.credential.external_id, hit.related) for hit in result.hits] == [
        ("c1", False),
        ("c2", True),
        ("c4", True),
    ]
    assert (result.total, result.related) == (3, 2)


def test_related_credentials_respect_the_limits_and_are_not_offered_past_the_first_page() -> None:
    index = _beekeeping_catalogue()
    assert ids(index, "beekeeping online") == ["c1", "c2"]
    assert index.search("beekeeping", offset=5).hits == []


def test_capitals_or_an_unknown_short_word_may_be_the_initials_of_title_words() -> None:
    index = SearchIndex.build(
        [
            credential(1, {"en": "Medication Delegation"}, keywords={"en": ["PSW"]}),
            credential(2, {"en": "Personal Support Worker Foundations"}),
            credential(3, {"en": "Power Steering Wheels"}, hours=None),
            credential(4, {"fr": "Santé et sécurité du travail"}),
        ],
        VOCABULARY,
    )
    assert set(ids(index, "PSW")[:2]) == {"c2", "c3"}
    assert {"c1", "c2", "c3"} <= set(ids(index, "psw"))
    assert ids(index, "SST")[:1] == ["c4"]
    # A word that titles use is that word, not initials.
    titled = SearchIndex.build(
        [credential(1, {"en": "Scaffold Upkeep Norms"}), credential(2, {"en": "Sun Protection"})], VOCABULARY
    )
    assert ids(titled, "sun") == ["c2"]
    assert set(ids(titled, "SUN")) == {"c1", "c2"}


def test_cheap_puts_the_affordable_first_without_hiding_a_better_match_above_the_budget() -> None:
    index = SearchIndex.build(
        [
            credential(1, {"fr": "La paie au Québec"}, cost=Decimal("450")),
            credential(2, {"fr": "Principes de la paie"}, cost=Decimal("120")),
            credential(3, {"fr": "Marketing au Québec"}, cost=Decimal("50")),
        ],
        VOCABULARY,
    )
    result = index.search("la paie au Québec pas trop cher", locale="fr")
    assert result.understood.cheap
    assert [hit.credential.external_id for hit in result.hits][:2] == ["c1", "c2"]
    assert ids(index, "paie pas cher", locale="fr") == ["c2", "c1"]
    assert ids(index, "paie under $200") == ["c2"]  # an amount is a cap


def test_limits_that_rule_out_every_whole_match_are_named_not_replaced_by_a_partial_match() -> None:
    index = SearchIndex.build(
        [
            credential(1, {"en": "Standard First Aid"}, delivery="in_person", cost=Decimal("145")),
            credential(2, {"en": "Plain Language Writing"}, description={"en": "Understood on the first read."}),
        ],
        VOCABULARY,
    )
    result = index.search("first aid online")
    assert result.hits == [] and result.drop_filters == ["online"]
    assert ids(index, "first aid") == ["c1"]

"""Words of one language reaching credentials written in the other, through translations
learned from the catalogue's own bilingual records, phrases before words; and precision."""

import json
from collections.abc import Sequence

from bot.domain.credential import CredentialRecord, SkillRef, Vocabulary
from bot.language.parallel import Translation, content_stems
from bot.search.index import SearchIndex
from tests.search.conftest import credential

BILINGUAL = [
    credential(1, {"en": "Blockchain for Business", "fr": "Chaîne de blocs pour les entreprises"}),
    credential(2, {"en": "Blockchain Security", "fr": "Sécurité de la chaîne de blocs"}),
    credential(3, {"en": "Supply Chain Basics", "fr": "Bases de la chaîne d'approvisionnement"}),
    credential(4, {"en": "Supply Chain Analytics", "fr": "Analytique de la chaîne d'approvisionnement"}),
]
ENGLISH_ONLY = credential(5, {"en": "Smart Contracts on a Blockchain"})
FRENCH_ONLY = credential(6, {"fr": "Logistique et chaîne d'approvisionnement"})


def _titles(index: SearchIndex, query: str, locale: str = "fr") -> list[str]:
    return [hit.credential.external_id for hit in index.search(query, locale=locale).hits]


def test_learned_phrase_reaches_the_other_language_and_cuts_the_padding() -> None:
    index = SearchIndex([*BILINGUAL, ENGLISH_ONLY, FRENCH_ONLY], Vocabulary(), translations=())
    found = _titles(index, "chaîne de blocs")
    assert "c5" in found  # English only, reached through "blockchain"
    assert not {"c3", "c4", "c6"} & set(found)  # supply chains share only "chaîne"
    assert "c6" in _titles(index, "supply chain", "en")  # and back


def test_without_the_bilingual_records_nothing_is_learned() -> None:
    index = SearchIndex([ENGLISH_ONLY, FRENCH_ONLY], Vocabulary(), translations=())
    assert "c5" not in _titles(index, "chaîne de blocs")


def test_shipped_translations_are_used() -> None:
    machine_learning = Translation(
        "fr",
        tuple(content_stems("apprentissage automatique", "fr")),
        "en",
        tuple(content_stems("machine learning", "en")),
        0.9,
        5,
    )
    records = [
        credential(1, {"en": "Machine Learning with Python"}),
        credential(2, {"fr": "Apprentissage par le jeu en petite enfance"}),
    ]
    index = SearchIndex(records, Vocabulary(), translations=[machine_learning])
    assert _titles(index, "apprentissage automatique") == ["c1"]


def test_abbreviation_spelt_out_in_a_description_is_learned() -> None:
    records = [
        credential(
            1,
            {"fr": "Cartographie numérique"},
            description={"fr": "Initiation aux systèmes d'information géographique (SIG)."},
        ),
        credential(
            2, {"en": "Geographic Information Systems in Forestry"}, skills=[SkillRef({"en": "Map forests"})]
        ),
        credential(3, {"en": "Information Systems Security"}),
    ]
    index = SearchIndex(records, Vocabulary(), translations=())
    assert set(_titles(index, "SIG")) == {"c1", "c2"}


def test_a_partial_match_says_so() -> None:
    index = SearchIndex([FRENCH_ONLY], Vocabulary(), translations=())
    result = index.search("chaîne de blocs", locale="fr")
    assert [hit.credential.external_id for hit in result.hits] == ["c6"]
    assert result.partial
    assert not index.search("chaîne d'approvisionnement", locale="fr").partial


def test_the_shipped_glossary_translates_what_no_bilingual_record_teaches() -> None:
    from bot.formats.lexicon import read_glossary

    glossary = read_glossary(
        {"version": 1, "pairs": [["beekeeping", "apiculture"], ["blockchain", "chaîne de blocs"]]}
    )
    records = [
        credential(1, {"en": "Beekeeping for Northern Climates"}),
        credential(2, {"en": "Smart Contracts on a Blockchain"}),
        credential(3, {"fr": "Logistique et chaîne d'approvisionnement"}),
    ]
    index = SearchIndex(records, Vocabulary(), translations=glossary)
    assert _titles(index, "cours d'apiculture") == ["c1"]
    assert _titles(index, "chaîne de blocs")[:1] == ["c2"]
    assert "c3" not in _titles(index, "chaîne de blocs")
    without = SearchIndex(records, Vocabulary(), translations=())
    assert "c1" not in _titles(without, "cours d'apiculture")


def _translation(en: str, fr: str) -> Translation:
    return Translation("en", tuple(content_stems(en, "en")), "fr", tuple(content_stems(fr, "fr")), 0.9, 5)


def test_a_translation_held_but_for_its_head_is_a_weaker_match() -> None:
    # « conducteur d'engins de chantier » is the translation; the course is « Conduite d'… ».
    operator = _translation("heavy equipment operator", "conducteur d'engins de chantier")
    records = [
        credential(1, {"fr": "Conduite d'engins de chantier"}),
        credential(2, {"fr": "Conducteur d'engins de chantier"}),
        credential(3, {"fr": "Conducteur de chariot élévateur"}),  # the head alone: not a match
        credential(4, {"fr": "Sécurité sur les chantiers"}),  # one word of the rest: not a match
    ]
    index = SearchIndex(records, Vocabulary(), translations=[operator])
    result = index.search("heavy equipment operator", locale="en")
    assert [hit.credential.external_id for hit in result.hits][:2] == ["c2", "c1"]
    assert not {"c3", "c4"} & {hit.credential.external_id for hit in result.hits if not hit.related}
    assert result.hits[1].score < result.hits[0].score
    assert not result.partial


def test_the_head_is_the_first_word_in_french_and_the_last_in_english() -> None:
    response = _translation("incident response", "intervention en cas d'incident")
    assert index_titles(
        [credential(1, {"fr": "Intervention en cas de crise"})], [response], "incident response", "en"
    ) == []
    # English side, three stems: "rest" is the modifiers before the head.
    adjuster = _translation("insurance claims adjuster", "expert en sinistres d'assurance")
    found = index_titles(
        [credential(1, {"en": "Insurance Claims Handling"}), credential(2, {"en": "Claims Adjuster Training"})],
        [adjuster],
        "expert en sinistres d'assurance",
        "fr",
    )
    assert found[:1] == ["c1"] and "c2" not in found


def index_titles(
    records: list[CredentialRecord], translations: list[Translation], query: str, locale: str
) -> list[str]:
    index = SearchIndex(records, Vocabulary(), translations=translations)
    return [hit.credential.external_id for hit in index.search(query, locale=locale).hits if not hit.related]


def test_a_prefixed_french_word_is_read_as_its_prefix_and_its_word() -> None:
    apprenticeship = _translation("apprenticeship", "apprentissage")
    records = [
        credential(1, {"en": "Pipefitter Pre-Apprenticeship"}),
        credential(2, {"en": "Electrician Apprenticeship Exam Preparation"}),
        credential(3, {"fr": "Plomberie résidentielle"}),
    ]
    assert index_titles(records, [apprenticeship], "préapprentissage", "fr")[:1] == ["c1"]
    assert index_titles(records, [apprenticeship], "préapprentissage tuyauteur", "fr")[:1] == ["c1"]
    # Without the translation the word is just unknown: nothing is made up.
    assert index_titles(records, [], "préapprentissage", "fr") == []


def test_a_word_the_index_knows_is_not_split() -> None:
    records = [credential(1, {"fr": "Préapprentissage en plomberie"}), credential(2, {"en": "Apprenticeship"})]
    apprenticeship = _translation("apprenticeship", "apprentissage")
    assert index_titles(records, [apprenticeship], "préapprentissage", "fr") == ["c1"]
    # "interview" is not inter + view: the index knows it.
    records = [credential(1, {"en": "Job Interview Skills"}), credential(2, {"en": "Street View Photography"})]
    assert index_titles(records, [], "interview", "en") == ["c1"]


def test_one_word_reached_only_in_a_description_through_a_translation_is_padding() -> None:
    accounting = _translation("accounting", "comptabilité")
    records = [
        credential(1, {"en": "Introductory Financial Accounting"}),
        credential(2, {"fr": "Comptabilité en ligne pour PME"}),
        credential(3, {"en": "Responsible AI"}, description={"en": "Bias, transparency and accountability."}),
    ]
    found = index_titles(records, [accounting], "comptabilité à distance", "fr")
    assert set(found) == {"c1", "c2"}
    # Alone, it is still found: better nothing than padding, but something rather than nothing.
    assert index_titles(records[2:], [accounting], "comptabilité", "fr") == ["c3"]
    # Two words of a description through translations are evidence, not padding.
    manuals = [_translation("manual", "manuel"), _translation("software", "logiciel")]
    records = [
        credential(1, {"en": "Technical Writing"}, description={"en": "Write user manuals and software documentation."}),
        credential(2, {"en": "Software Testing"}),
    ]
    assert index_titles(records, manuals, "manuels de logiciels", "fr")[:1] == ["c1"]


def test_a_query_phrase_missing_one_inner_word_of_a_translation_reaches_its_other_side() -> None:
    adjuster = _translation("loss adjuster", "expert en règlement de sinistres")
    records = [
        credential(1, {"en": "Insurance Claims Adjuster"}, keywords={"en": ["property loss"]}),
        credential(2, {"fr": "Gestion des sinistres municipaux"}),
    ]
    assert index_titles(records, [adjuster], "expert en sinistres", "fr")[:1] == ["c1"]
    # The ends are kept: « règlement de sinistres » alone is not the phrase.
    assert "c1" not in index_titles(records, [adjuster], "règlement sinistres", "fr")


def test_a_restored_index_keeps_the_languages_of_its_translations() -> None:
    operator = _translation("heavy equipment operator", "conducteur d'engins de chantier")
    records = [credential(1, {"fr": "Conduite d'engins de chantier"}), credential(2, {"en": "Forklift Basics"})]
    by_id = {record.id: record for record in records}

    def fetch(ids: Sequence[int]) -> dict[int, CredentialRecord]:
        return {i: by_id[i] for i in ids if i in by_id}

    built = SearchIndex(records, Vocabulary(), fetch=fetch, translations=[operator])
    arrays, words = built.export_state()
    restored = SearchIndex.restore(arrays, json.loads(json.dumps(words)), Vocabulary(), fetch)
    for index in (built, restored):
        assert [hit.credential.external_id for hit in index.search("heavy equipment operator").hits] == ["c1"]


def test_a_translation_reaches_words_derived_from_it() -> None:
    """"community" is « communauté »: it reaches « organisme communautaire » too (a longer word
    made from the stem), not a short stem's unrelated neighbours."""
    community = Translation(
        "en", tuple(content_stems("community", "en")), "fr", tuple(content_stems("communauté", "fr")), 0.8, 9
    )
    records = [
        credential(1, {"fr": "Chargé de projets en organisme communautaire"}),
        credential(2, {"fr": "Gestion de projets de construction"}),
    ]
    index = SearchIndex(records, Vocabulary(), translations=[community])
    assert _titles(index, "community", "en") == ["c1"]


def test_light_verbs_translate_nothing_alone() -> None:
    """ESCO's "make decisions" / « prendre des décisions » once taught make = décisions: a search
    for "make cheese" found decision trees."""
    import gzip

    from bot import PROJECT_ROOT

    rows = json.loads(gzip.decompress((PROJECT_ROOT / "catalogue_data" / "esco_lexicon.json.gz").read_bytes()))
    single = {(row[1], row[3]) for row in rows["translations"] if " " not in row[1] and " " not in row[3]}
    assert not {pair for pair in single if pair[0] in ("make", "take") or pair[1] in ("prendre", "faire")}


def test_a_one_word_label_is_not_cut_shorter_by_the_other_language_s_stemmer() -> None:
    """ESCO's English synonym "binder" (of bindery operator): French reads it as a verb, « bind »,
    which "binding arbitration" holds; a search for bookbinding found a labour-relations course."""
    from bot.search.concepts import phrase_variants

    assert phrase_variants("binder", "en") == {("binder",)}
    assert ("marketing",) in phrase_variants("marketing", "en")  # used as is in French: kept
    assert len(phrase_variants("binder")) == 2  # no language given: every stemmer's reading


def test_a_label_of_several_words_is_not_its_one_non_stop_word() -> None:
    """Our vocabulary's "it security" is not "security", nor "ai fundamentals" "fundamentals":
    every safety course had held the cybersecurity concept."""
    from bot.search.concepts import phrase_variants

    assert phrase_variants("it security", "en") and all(len(v) == 2 for v in phrase_variants("it security", "en"))
    assert all(len(v) == 2 for v in phrase_variants("ai fundamentals", "en"))
    assert all(len(v) == 2 for v in phrase_variants("information security", "en"))  # no stop word: as before

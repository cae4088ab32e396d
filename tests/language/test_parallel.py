from bot.language.parallel import abbreviations, content_stems, learn


def _pair(en: str, fr: str) -> tuple[str, tuple[str, ...], str, tuple[str, ...]]:
    return ("en", tuple(content_stems(en, "en")), "fr", tuple(content_stems(fr, "fr")))


PAIRS = [
    _pair("Blockchain for business", "Chaîne de blocs pour les entreprises"),
    _pair("Blockchain security", "Sécurité de la chaîne de blocs"),
    _pair("Supply chain basics", "Bases de la chaîne d'approvisionnement"),
    _pair("Supply chain analytics", "Analytique de la chaîne d'approvisionnement"),
    _pair("Business analytics", "Analytique d'affaires"),
    _pair("Network security", "Sécurité des réseaux"),
    _pair("Network design", "Conception de réseaux"),
]


def _translations(lang: str, text: str) -> set[tuple[str, ...]]:
    source = tuple(content_stems(text, lang))
    return {t.target for t in learn(PAIRS) if t.source_lang == lang and t.source == source}


def test_a_phrase_is_translated_as_a_whole_before_its_words() -> None:
    assert tuple(content_stems("blockchain", "en")) in _translations("fr", "chaîne de blocs")
    assert tuple(content_stems("supply chain", "en")) in _translations("fr", "chaîne d'approvisionnement")
    # "chaîne" alone is never linked to "blockchain": the phrase explained it.
    assert tuple(content_stems("blockchain", "en")) not in _translations("fr", "chaîne")


def test_both_directions_and_single_words() -> None:
    assert tuple(content_stems("réseaux", "fr")) in _translations("en", "network")
    assert tuple(content_stems("network", "en")) in _translations("fr", "réseau")
    # Same stem in both languages (sécurité, security): nothing to learn.
    assert not _translations("en", "security")


def test_a_pair_seen_once_teaches_nothing() -> None:
    assert not _translations("fr", "conception")


def test_abbreviations_written_after_their_expansion() -> None:
    assert abbreviations("Cours en systèmes d'information géographique (SIG) appliqués") == [
        ("SIG", "systemes information geographique")
    ]
    assert abbreviations("Building Information Modelling (BIM) for site teams") == [
        ("BIM", "building information modelling")
    ]
    assert abbreviations("Fundamentals of Project Management (PM)") == [("PM", "project management")]
    # Parentheses that are not an abbreviation of the words before them.
    assert abbreviations("Data analysis (online)") == []
    assert abbreviations("Welding basics (CWB)") == []


def test_words_alone_are_learned_where_phrases_hide_them() -> None:
    pairs = [
        ("en", content_stems(en, "en"), "fr", content_stems(fr, "fr"))
        for en, fr in [
            ("dairy products", "produits laitiers"),
            ("dairy products processing", "transformation des produits laitiers"),
            ("dairy products quality", "qualité des produits laitiers"),
            ("dairy herd", "troupeau laitier"),
        ]
    ]
    dairy = tuple(content_stems("dairy", "en"))
    laitier = tuple(content_stems("laitiers", "fr"))
    phrases = {(t.source, t.target) for t in learn(pairs, min_links=3)}
    words = {(t.source, t.target) for t in learn(pairs, min_links=3, longest=1)}
    assert (dairy, laitier) not in phrases
    assert (dairy, laitier) in words


def test_cognates_are_trusted_below_the_usual_confidence() -> None:
    """technician / technicien are one word, though ESCO's labels pair them loosely (French has
    one word where English has several); personal / personnel are not alike enough."""
    from bot.domain.credential import Vocabulary
    from bot.language.parallel import Translation
    from bot.search.concepts import Concepts

    concepts = Concepts.of(Vocabulary([], []))
    added = concepts.add_translations(
        [
            Translation("en", ("technician",), "fr", ("technicien",), 0.117, 45),
            Translation("en", ("personal",), "fr", ("personnel",), 0.207, 19),
            Translation("en", ("electrician",), "fr", ("electricien",), 0.145, 2),
        ]
    )
    assert added == ["~technician|technicien"]

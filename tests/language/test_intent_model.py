from bot.language.intent_model import names_a_domain_term, second_opinion
from bot.language.understanding import MAY_REPLACE, understand


def test_a_request_the_phrase_rules_read_as_a_search_is_recognised() -> None:
    assert understand("could you show me the next ones", "results").intent == "next_page"
    assert understand("quels badges j'ai ajoutés?", "none").intent == "wallet"


def test_a_topic_stays_a_search() -> None:
    for text, context in [
        ("data privacy", "none"),
        ("help desk support", "none"),
        ("go back to school for nursing", "results"),
        ("cours à Bathurst", "none"),
    ]:
        assert understand(text, context).intent == "search", text


def test_the_model_only_speaks_when_confident_and_for_requests_without_topic() -> None:
    assert second_opinion("cybersecurity course online", "none", MAY_REPLACE) is None
    assert names_a_domain_term(("help", "desk")) and not names_a_domain_term(("next", "ones"))


def test_the_bots_own_words_and_paging_in_french_are_requests() -> None:
    # "acquis" is a glossary term, and the bot's word for the wallet.
    assert understand("liste de mes acquis", "none").intent == "wallet"
    assert understand("les prochains", "results").intent == "next_page"
    assert understand("je veux revoir ceux d'avant", "results").intent == "previous_page"


def test_a_limit_keeps_a_search_whatever_the_model_thinks() -> None:
    assert understand("cours en français svp, pas en anglais", "results").intent == "search"
    assert understand("traducion anglais-français", "none").intent == "search"

"""A second opinion on what a message asks for, learned from learners' messages written blind
(benchmarks/understanding/tune*.json, gathered in `intent_examples.json`).

The phrase rules in `understanding` read limits, topics and references, and know what they know
well; when they fall back to a search or a bundle only because nothing else matched, a
confident model may say the learner was asking for something else ("can u show the next ones",
« c'est quoi mes badges déjà »). scikit-learn's logistic regression over character and word
n-grams: fitted at first use in a fraction of a second, far better tested than code of ours."""

from __future__ import annotations

import json
import threading
from functools import cache
from pathlib import Path
from typing import Any

from bot.language.text import fold, respell

EXAMPLES = Path(__file__).with_name("intent_examples.json")
GLOSSARY = Path(__file__).parents[2] / "catalogue_data" / "glossary.json"
# Below CONFIDENT the rules' reading stands; SURE where a topic word is part of a domain term; the
# best intent must beat a search by MARGIN. Chosen leaving one tuning set out
# (`python -m benchmarks.understanding_loso`), see the README.
CONFIDENT = 0.3
SURE = 0.7
MARGIN = 0.1
TERMS_WEIGHT = 2_100

_lock = threading.Lock()


def _features(text: str, context: str) -> str:
    return f"ctx{context} {respell(fold(text))[0]}"


@cache
def _model() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier
    from sklearn.pipeline import make_pipeline, make_union

    examples = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    messages = len(examples)
    # A domain term typed alone is a search ("data privacy", « soins infirmiers »): the glossary's
    # terms teach the model that such words are topics, not requests; all of them, but weighing
    # together no more than TERMS_WEIGHT messages, so that a longer glossary does not tilt the
    # model toward searches (chosen leaving one tuning set out, see the README).
    glossary = json.loads(GLOSSARY.read_text(encoding="utf-8"))
    examples += [["none", term, "search"] for pair in glossary["pairs"] for term in pair]
    terms = len(examples) - messages
    term_weight = min(1.0, TERMS_WEIGHT / terms) if terms else 1.0
    weights = [1.0] * messages + [term_weight] * terms
    words = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
    )
    model = make_pipeline(
        words, SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=50, tol=1e-3, random_state=0)
    )
    model.fit(
        [_features(text, context) for context, text, _intent in examples],
        [intent for _context, _text, intent in examples],
        sgdclassifier__sample_weight=weights,
    )
    return model


@cache
def _domain_terms() -> frozenset[str]:
    glossary = json.loads(GLOSSARY.read_text(encoding="utf-8"))
    return frozenset(fold(term) for pair in glossary["pairs"] for term in pair)


# Glossary terms that are also the bot's own words: « liste de mes acquis » asks for the wallet.
_OWN_WORDS = frozenset(
    (
        "acquis",
        "badge",
        "badges",
        "parcours",
        "bundle",
        "bundles",
        "account",
        "compte",
        "info",
        "dossier",
        "portefeuille",
        "wallet",
        "microcertification",
        "microcertifications",
    )
)


def names_a_domain_term(topic: tuple[str, ...]) -> bool:
    """Whether the topic words (folded) are mostly glossary terms, or end on one: "nursing",
    "help desk", "go back to school for nursing"; not a request that names one in passing
    (« j'en avais fait un autre pour infirmière, je peux voir la liste? »)."""
    terms = _domain_terms() - _OWN_WORDS
    covered: set[int] = set()
    for i in range(len(topic)):
        for j in range(i + 1, len(topic) + 1):
            if " ".join(topic[i:j]) in terms:
                covered.update(range(i, j))
    return bool(covered) and (2 * len(covered) >= len(topic) or len(topic) - 1 in covered)


def names_part_of_a_term(topic: tuple[str, ...]) -> bool:
    """Whether a topic word is a fragment of a glossary term ("cyber", "comptab"), or one of the
    terms that are the bot's own words too."""
    return any((len(word) >= 5 and word in _term_prefixes()) or word in _OWN_WORDS for word in topic)


@cache
def _term_prefixes() -> frozenset[str]:
    words = {word for term in _domain_terms() for word in term.split() if len(word) > 5}
    return frozenset(word[:size] for word in words for size in range(5, len(word)))


def second_opinion(
    text: str, context: str, allowed: frozenset[str], confident: float = CONFIDENT
) -> str | None:
    """The intent the model is at least `confident` of, when it is one of `allowed`; else None."""
    with _lock:  # fitted once, even when the first messages arrive together
        model = _model()
    probabilities = model.predict_proba([_features(text, context)])[0]
    best = int(probabilities.argmax())
    intent = str(model.classes_[best])
    if probabilities[best] < confident or intent not in allowed:
        return None
    # Torn between this and a search: the rules' search stands.
    search = list(model.classes_).index("search")
    if probabilities[best] - probabilities[search] < MARGIN:
        return None
    return intent


def warm_up() -> None:
    """Fit the model in the background at start-up, so the first learner does not wait. Not a
    daemon thread: a process stopped while the fit runs waits for it (a second or two), because
    an interpreter that ends under a daemon thread in scipy's C++ code aborts the process
    ("terminate called without an active exception", exit status -6 on SIGTERM)."""
    threading.Thread(target=lambda: second_opinion("hello", "none", frozenset()), daemon=False).start()

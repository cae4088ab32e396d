"""Builds the ESCO-derived tables shipped in `catalogue_data/` from ESCO's CSV export.

    python catalogue_data/build_esco.py [ESCO_DIR]     (default: ../shared/esco)

Writes, deterministically (same input, same bytes):

* `esco.json.gz`: ESCO's skills and occupations as a vocabulary (the format of `skills.json`,
  version 1): keys `esco:<id>`, the concept `uri`, English and French labels, and as synonyms the
  alternative labels and, for occupations, the masculine and feminine forms of French titles
  (`infirmier/infirmière` gives both). Occupations carry no skills (the CSV export has no
  occupation–skill relations).
* `esco_lexicon.json.gz`: English ↔ French phrase translations learned from the aligned labels
  (`bot.language.parallel.learn`), each as words in both languages with its confidence.

Attribution (ESCO's licence, Commission Decision 2011/833/EU): "This service uses the ESCO
classification of the European Commission." The data was modified: filtered to labels, reshaped
into our vocabulary format, French titles split into their forms, and translations derived.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bot.language.parallel import learn, phrases_of  # noqa: E402
from bot.language.text import STOP_WORDS, document_words, stem  # noqa: E402

ATTRIBUTION = (
    "This service uses the ESCO classification of the European Commission. "
    "Modified: filtered to labels, reshaped, French titles split into their forms, translations derived."
)
Pair = tuple[str, str, str, str]
# Alternative labels kept per concept and language (the first ones, as ESCO orders them).
MAX_SYNONYMS = 12


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["conceptUri"]: row for row in csv.DictReader(handle)}


def _alternatives(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _forms(title: str) -> list[str]:
    """Each form of a title written with both genders, once: `infirmier de soins
    généraux/infirmière de soins généraux` gives both; so do `tuteur/tutrice` and
    `technicien/technicienne biochimiste` (one word before the slash: it shares the words after
    the other form's first word, so the first form is `technicien biochimiste`, not a bare
    `technicien`)."""
    parts = [part.strip() for part in title.split("/") if part.strip()]
    if len(parts) == 2 and " " not in parts[0] and " " in parts[1]:
        parts[0] = parts[0] + " " + parts[1].split(" ", 1)[1]
    return parts


def _concept_id(uri: str) -> str:
    return "esco:" + uri.rstrip("/").rsplit("/", 1)[-1]


def _unique(items: list[str], exclude: set[str]) -> list[str]:
    seen = set(exclude)
    kept = []
    for item in items:
        if item.casefold() not in seen:
            seen.add(item.casefold())
            kept.append(item)
    return kept[:MAX_SYNONYMS]


def _alternative_pairs(label: dict[str, str], synonyms: dict[str, list[str]]) -> list[Pair]:
    """Each alternative label opposite the other language's label. ESCO's English labels are
    British and its alternatives hold the North American names (truck driver beside lorry
    driver), which is what Canadian learners write; pairing alternatives with the label rather
    than with each other keeps a concept of twelve synonyms from counting a hundred times."""
    pairs = [("en", other, "fr", label["fr"]) for other in synonyms.get("en", ())]
    pairs += [("en", label["en"], "fr", other) for other in synonyms.get("fr", ())]
    return pairs


def build_vocabulary(esco: Path) -> tuple[dict[str, object], list[Pair], list[Pair]]:
    """The vocabulary, and the (lang, text, lang, text) pairs translations are learned from: the
    labels, and the alternative labels."""
    skills_en, skills_fr = _rows(esco / "skills_en-us.csv"), _rows(esco / "skills_fr.csv")
    jobs_en, jobs_fr = _rows(esco / "occupations_en.csv"), _rows(esco / "occupations_fr.csv")
    pairs: list[Pair] = []
    alternatives: list[Pair] = []
    skills = []
    for uri in sorted(skills_en):
        en, fr = skills_en[uri], skills_fr.get(uri)
        if fr is None:
            continue
        label = {"en": en["preferredLabel"].strip(), "fr": fr["preferredLabel"].strip()}
        synonyms = {
            lang: kept
            for lang, row in (("en", en), ("fr", fr))
            if (kept := _unique(_alternatives(row["altLabels"]), {label[lang].casefold()}))
        }
        skills.append(
            {
                "id": _concept_id(uri),
                "uri": uri,
                "label": label,
                **({"synonyms": synonyms} if synonyms else {}),
            }
        )
        pairs.append(("en", label["en"], "fr", label["fr"]))
        alternatives += _alternative_pairs(label, synonyms)
    occupations = []
    for uri in sorted(jobs_en):
        en, fr = jobs_en[uri], jobs_fr.get(uri)
        if fr is None:
            continue
        forms = _forms(fr["preferredLabel"])
        label = {"en": en["preferredLabel"].strip(), "fr": forms[0]}
        french = forms[1:] + [form for alt in _alternatives(fr["altLabels"]) for form in _forms(alt)]
        synonyms = {
            "en": _unique(_alternatives(en["altLabels"]), {label["en"].casefold()}),
            "fr": _unique(french, {label["fr"].casefold()}),
        }
        synonyms = {lang: words for lang, words in synonyms.items() if words}
        occupations.append(
            {
                "id": _concept_id(uri),
                "uri": uri,
                "label": label,
                **({"synonyms": synonyms} if synonyms else {}),
                "skills": [],
            }
        )
        for form in forms:
            pairs.append(("en", label["en"], "fr", form))
        alternatives += _alternative_pairs(label, synonyms)
    vocabulary = {
        "version": 1,
        "source": "ESCO v1.0 (European Commission)",
        "attribution": ATTRIBUTION,
        "subjects": [],
        "skills": skills,
        "occupations": occupations,
    }
    return vocabulary, pairs, alternatives


# A word translation learned alone needs this many label pairs linking it.
WORD_LINKS = 3
# Verbs that carry no meaning of their own in a label ("make decisions", « prendre des
# décisions »): aligned alone, they pair with their object (make / décisions, décisions /
# prendre), so a search for "make cheese" found decision trees. No word translation has one.
LIGHT_VERBS = {
    "en": ("make", "take", "get", "do", "have", "give", "put", "set", "go", "keep", "carry"),
    "fr": ("faire", "prendre", "donner", "avoir", "mettre", "tenir", "aller", "rendre", "porter"),
}


def build_lexicon(pairs: list[Pair], alternatives: Sequence[Pair] = ()) -> dict[str, object]:
    """Translations as words (each phrase shown by its most frequent spelling), so the file does
    not depend on the stemmer: credbot stems them when it loads them. Learned from the labels;
    then from the labels and `alternatives` together, keeping only phrases the labels left
    untranslated (alternatives are looser translations of each other than labels are: they
    would otherwise reshuffle what the labels teach well, house / maison)."""
    spelling: dict[tuple[str, tuple[str, ...]], Counter[str]] = defaultdict(Counter)
    stemmed = []
    for left_lang, left, right_lang, right in [*pairs, *alternatives]:
        sides = []
        for lang, text in ((left_lang, left), (right_lang, right)):
            words = [w for w in document_words(text) if w not in STOP_WORDS]
            stems = [stem(w, lang) for w in words]
            for start, end, phrase in phrases_of(stems):
                spelling[(lang, phrase)][" ".join(words[start:end])] += 1
            sides.append(stems)
        stemmed.append((left_lang, sides[0], right_lang, sides[1]))
    entries = []
    seen: set[tuple[str, tuple[str, ...], tuple[str, ...]]] = set()
    # Phrases first; then words alone, which the phrases hide: "dairy" is learned as "produits
    # laitiers", and "production laitière" would never meet it without "dairy" / "laitier".
    labels = stemmed[: len(pairs)]
    passes = [(learn(labels), False), (learn(labels, min_links=WORD_LINKS, longest=1), False)]
    if alternatives:
        passes += [(learn(stemmed), True), (learn(stemmed, min_links=WORD_LINKS, longest=1), True)]
    # A concept named by one word both languages spell alike (astronaut / astronaute) has its
    # translation: the alternatives must not teach it a looser neighbour (« navette spatiale »).
    selves = {
        (lang, tuple(left))
        for left_lang, left, right_lang, right in labels
        if len(left) == 1 and left == right
        for lang in (left_lang, right_lang)
    }
    translated: set[tuple[str, tuple[str, ...]]] = set()
    light = {(lang, (stem(verb, lang),)) for lang, verbs in LIGHT_VERBS.items() for verb in verbs}
    for learned, only_new in passes:
        learned = [t for t in learned if not {(t.source_lang, t.source), (t.target_lang, t.target)} & light]
        if only_new:
            learned = [
                t
                for t in learned
                if (t.source_lang, t.source) not in translated or (t.target_lang, t.target) not in translated
                if not {(t.source_lang, t.source), (t.target_lang, t.target)} & selves
            ]
        for t in learned:
            if t.source_lang > t.target_lang or (t.source_lang, t.source, t.target) in seen:
                continue  # one row per pair: both directions are read from it
            seen.add((t.source_lang, t.source, t.target))
            if not only_new:
                translated.update({(t.source_lang, t.source), (t.target_lang, t.target)})
            source = spelling[(t.source_lang, t.source)].most_common(1)[0][0]
            target = spelling[(t.target_lang, t.target)].most_common(1)[0][0]
            entries.append([t.source_lang, source, t.target_lang, target, t.confidence, t.links])
    entries.sort()
    return {"version": 1, "attribution": ATTRIBUTION, "translations": entries}


def _write(path: Path, data: object) -> None:
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as handle:
        handle.write(raw)
    path.write_bytes(buffer.getvalue())


def main(argv: list[str]) -> None:
    esco = Path(argv[1]) if len(argv) > 1 else HERE.parent.parent / "shared" / "esco"
    vocabulary, pairs, alternatives = build_vocabulary(esco)
    _write(HERE / "esco.json.gz", vocabulary)
    lexicon = build_lexicon(pairs, alternatives)
    _write(HERE / "esco_lexicon.json.gz", lexicon)
    print(
        f"esco.json.gz: {len(vocabulary['skills'])} skills, {len(vocabulary['occupations'])} occupations; "  # type: ignore[arg-type]
        f"esco_lexicon.json.gz: {len(lexicon['translations'])} translations"  # type: ignore[arg-type]
    )


if __name__ == "__main__":
    main(sys.argv)

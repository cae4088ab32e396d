"""Translations learned from parallel text: phrases of one language that mean a phrase of another.

A bilingual record is parallel text: its English and French names, competencies and keywords say
the same thing. Over many such pairs, a phrase that keeps appearing opposite another is its
translation ("chaîne de blocs" opposite "blockchain", "apprentissage automatique" opposite
"machine learning"). `learn` counts that, in stems, and keeps the pairs it is confident about:

1. Each side of a pair is cut into its content stems (stop words out); its phrases are the runs of
   one to `MAX_PHRASE` consecutive stems.
2. Across all pairs, the Dice coefficient of two phrases, 2·both / (left + right), says how often
   they come together rather than apart.
3. Within each pair, links are chosen greedily by Dice (competitive linking, Melamed 2000): the
   best link first, then the best one among phrases that do not overlap a chosen one, so that a
   phrase is explained once ("chaîne de blocs" by "blockchain", not "chaîne" by "chain"). On a
   tie the longer phrase wins: phrases before words.
4. A link seen in at least `min_links` pairs, with a Dice of at least `min_dice`, is kept; its
   confidence is the share of the pairs holding both phrases where they were linked, times the
   Dice.

Identical phrases (marketing / marketing) teach nothing and are left out. Abbreviations written
after their expansion, "systèmes d'information géographique (SIG)", are read by `abbreviations`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.language.text import STOP_WORDS, document_words, normalise, stem

MAX_PHRASE = 3
# Longer sides are descriptions, not names: too many phrases to pair, too little signal.
MAX_SIDE = 14

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Translation:
    """`source` (stems, in `source_lang`) means `target` (stems, in `target_lang`)."""

    source_lang: str
    source: Phrase
    target_lang: str
    target: Phrase
    confidence: float
    links: int


def content_stems(text: str, lang: str) -> list[str]:
    return [stem(word, lang) for word in document_words(text) if word not in STOP_WORDS]


def phrases_of(stems: Sequence[str], longest: int = MAX_PHRASE) -> list[tuple[int, int, Phrase]]:
    """(start, end, phrase) of every run of 1 to `longest` stems."""
    found = []
    for start in range(len(stems)):
        for end in range(start + 1, min(len(stems), start + longest) + 1):
            found.append((start, end, tuple(stems[start:end])))
    return found


@dataclass
class _Side:
    stems: list[str]
    phrases: list[tuple[int, int, Phrase]]


def _side(stems: Sequence[str], longest: int = MAX_PHRASE) -> _Side:
    return _Side(list(stems), phrases_of(stems, longest))


def learn(
    pairs: Iterable[tuple[str, Sequence[str], str, Sequence[str]]],
    *,
    min_links: int = 2,
    min_dice: float = 0.3,
    longest: int = MAX_PHRASE,
) -> list[Translation]:
    """Translations in both directions from pairs of (lang, stems, other lang, stems) that say
    the same thing. Pairs of one language with itself are skipped. A pair given n times counts n
    times, but is aligned once (competency pairs repeat across thousands of records). `longest`:
    the most stems in a phrase (1: words only)."""
    grouped: dict[tuple[str, str], Counter[tuple[Phrase, Phrase]]] = defaultdict(Counter)
    for left_lang, left, right_lang, right in pairs:
        if left_lang == right_lang:
            continue
        if left_lang > right_lang:
            left_lang, left, right_lang, right = right_lang, right, left_lang, left
        if 0 < len(left) <= MAX_SIDE and 0 < len(right) <= MAX_SIDE:
            grouped[(left_lang, right_lang)][(tuple(left), tuple(right))] += 1
    found: list[Translation] = []
    for (left_lang, right_lang), counted in grouped.items():
        sides = [(_side(a, longest), _side(b, longest), n) for (a, b), n in counted.items()]
        found.extend(_learn_pair(left_lang, right_lang, sides, min_links, min_dice))
    return found


def _learn_pair(
    left_lang: str, right_lang: str, sides: list[tuple[_Side, _Side, int]], min_links: int, min_dice: float
) -> list[Translation]:
    """`sides`: each distinct pair with the number of times it was given."""
    left_count: Counter[Phrase] = Counter()
    right_count: Counter[Phrase] = Counter()
    both: Counter[tuple[Phrase, Phrase]] = Counter()
    for a, b, times in sides:
        left_set = {p for _, _, p in a.phrases}
        right_set = {p for _, _, p in b.phrases}
        for p in left_set:
            left_count[p] += times
        for p in right_set:
            right_count[p] += times
        for x in left_set:
            for y in right_set:
                if x != y:
                    both[(x, y)] += times

    def dice(x: Phrase, y: Phrase) -> float:
        return 2.0 * both[(x, y)] / (left_count[x] + right_count[y])

    links: Counter[tuple[Phrase, Phrase]] = Counter()
    for a, b, times in sides:
        candidates = []
        for ls, le, x in a.phrases:
            for rs, re_, y in b.phrases:
                if x == y or both[(x, y)] < min_links:
                    continue
                score = dice(x, y)
                if score >= min_dice:
                    candidates.append((score, len(x) + len(y), ls, le, rs, re_, x, y))
        candidates.sort(key=lambda c: (-c[0], -c[1], c[6], c[7]))
        used_left = [False] * len(a.stems)
        used_right = [False] * len(b.stems)
        for _, _, ls, le, rs, re_, x, y in candidates:
            if any(used_left[ls:le]) or any(used_right[rs:re_]):
                continue
            used_left[ls:le] = [True] * (le - ls)
            used_right[rs:re_] = [True] * (re_ - rs)
            links[(x, y)] += times
    found = []
    for (x, y), count in links.items():
        if count < min_links:
            continue
        score = dice(x, y)
        confidence = round(score * count / both[(x, y)], 3)
        found.append(Translation(left_lang, x, right_lang, y, confidence, count))
        found.append(Translation(right_lang, y, left_lang, x, confidence, count))
    found.sort(key=lambda t: (t.source_lang, t.source, -t.confidence, t.target))
    return found


# -- abbreviations ---------------------------------------------------------------------------------

_PARENTHESISED = re.compile(r"\(([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ.&/-]{1,9})\)")


def abbreviations(text: str) -> list[tuple[str, str]]:
    """(abbreviation, expansion) written as "long words (ABBR)": the capitals of the abbreviation
    are the initials of the words just before it, stop words allowed in between ("systèmes
    d'information géographique (SIG)", "Building Information Modelling (BIM)")."""
    found = []
    for match in _PARENTHESISED.finditer(text):
        abbreviation = match.group(1)
        letters = [c for c in normalise(abbreviation) if c.isalpha()]
        if len(letters) < 2 or not any(c.isupper() for c in abbreviation):
            continue
        before = document_words(text[: match.start()])
        words: list[str] = []
        wanted = list(reversed(letters))
        for word in reversed(before):
            if not wanted:
                break
            if word.startswith(wanted[0]):
                words.insert(0, word)
                wanted.pop(0)
            elif word in STOP_WORDS and words:
                words.insert(0, word)
            else:
                break
        if not wanted:
            while words and words[0] in STOP_WORDS:
                words.pop(0)
            found.append((abbreviation.replace(".", ""), " ".join(words)))
    return found


__all__ = ["MAX_PHRASE", "Translation", "abbreviations", "content_stems", "learn", "phrases_of"]

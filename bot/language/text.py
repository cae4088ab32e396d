"""Text normalisation for search: case, accents, ligatures, apostrophes, hyphens, stemming and the
stop words of every language pack (`bot.language.packs`). Documents and queries go through the
same functions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import snowballstemmer

from bot.language.packs import DEFAULT_LANGUAGE, PACKS, Stemmer, union

_LIGATURES = str.maketrans(
    {
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ß": "ss",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "‐": "-",
        "‑": "-",
        "–": "-",
        "—": " ",
    }
)

# A word: letters and digits, possibly joined by inner hyphens or apostrophes.
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# Elisions before an apostrophe (French l'analyse, d'entreprise, qu'est-ce).
_ELISIONS = union(lambda pack: pack.elisions)

STOP_WORDS = union(lambda pack: pack.stop_words)
# Chat words of a search sentence: they say "I am looking for a course", not what about. They are
# dropped from a query that has other words, in every language.
QUERY_NOISE = union(lambda pack: pack.query_noise)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# The accented letters of French (and a few neighbours) taken off in one C-speed pass; anything
# rarer goes through Unicode decomposition.
_COMMON_ACCENTS = str.maketrans("àâäáãåçéèêëíìîïñóòôöõúùûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy")


# Both tables in one pass (no ligature's replacement is an accented letter, nor the reverse).
_FOLD: dict[int, str | int | None] = {**_LIGATURES, **_COMMON_ACCENTS}


def _normalise(text: str) -> str:
    folded = text.casefold()
    if folded.isascii():  # of the ligature table, only the backquote is ASCII
        return folded.replace("`", "'") if "`" in folded else folded
    folded = folded.translate(_FOLD)
    return folded if folded.isascii() else strip_accents(folded)


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower case, no accents, ligatures spelt out, typographic apostrophes and dashes plain."""
    return _normalise(text)


def fold(text: str) -> str:
    """The form labels, names and request words are compared in: normalised, runs of white space
    made one (`Économie ` → `economie`)."""
    return " ".join(normalise(text).split())


# Phone spellings of chat words (`LanguagePack.respellings`), each matched as whole words.
_RESPELLINGS = tuple(
    (re.compile(rf"(?<![a-z0-9]){pattern}(?![a-z0-9])"), replacement)
    for each in PACKS.values()
    for pattern, replacement in each.respellings
)


def respell(folded: str, origins: list[int] | None = None) -> tuple[str, list[int]]:
    """A folded message with the packs' phone spellings of chat words made standard (« jai » →
    « j ai », « jveux » → « je veux », « koi » → « quoi »), and for each of its characters the
    position it comes from in `folded` (through `origins` when given: where each character of
    `folded` came from). A replacement's characters come from the start of what it replaced."""
    origins = list(range(len(folded))) if origins is None else origins
    for pattern, replacement in _RESPELLINGS:
        if pattern.search(folded) is None:
            continue
        pieces: list[str] = []
        where: list[int] = []
        end = 0
        for match in pattern.finditer(folded):
            pieces.append(folded[end : match.start()])
            where.extend(origins[end : match.start()])
            new = match.expand(replacement)
            pieces.append(new)
            span = match.end() - match.start()
            where.extend(origins[match.start() + min(i, span - 1)] for i in range(len(new)))
            end = match.end()
        pieces.append(folded[end:])
        where.extend(origins[end:])
        folded, origins = "".join(pieces), where
    return folded, origins


def split_words(text: str) -> list[str]:
    """The words of an already normalised text. `l'analyse` gives `analyse`; `e-commerce` gives
    `ecommerce` (hyphenated words are joined: documents also index their parts)."""
    words: list[str] = []
    for match in _WORD.findall(text):
        if "'" in match:
            head, _, rest = match.partition("'")
            match = rest if head in _ELISIONS else match.replace("'", "")
            if "'" in match:
                match = match.replace("'", "")
        if "-" in match:
            match = match.replace("-", "")
        words.append(match)
    return words


def document_words(text: str) -> list[str]:
    """Words of a document text: like `split_words`, and a hyphenated word also yields its parts."""
    normalised = normalise(text) if len(text) < 120 else _normalise(text)  # long ones rarely repeat
    matches: list[str] = _WORD.findall(normalised)
    if "'" not in normalised and "-" not in normalised:
        return matches
    words: list[str] = []
    for match in matches:
        if "'" in match or "-" in match:
            words.extend(match_words(match))
        else:
            words.append(match)
    return words


def document_matches(text: str) -> list[str]:
    """The word matches of a document text, each of which `match_words` turns into its words
    (`document_words` is the two together)."""
    return _WORD.findall(normalise(text) if len(text) < 120 else _normalise(text))


def match_words(match: str) -> list[str]:
    """The document words of one word match: an elision dropped, apostrophes out, a hyphenated
    word joined and then its parts."""
    if "'" in match:
        head, _, rest = match.partition("'")
        match = rest if head in _ELISIONS else match
        match = match.replace("'", "")
    if "-" in match:
        parts = match.split("-")
        return ["".join(parts), *(part for part in parts if len(part) > 1)]
    return [match]


def _stemmer(spec: Stemmer) -> Callable[[str], str]:
    """A language's stemmer with its tweaks (`Stemmer`), cached."""
    algorithm = snowballstemmer.stemmer(spec.snowball)
    suffixes = spec.accented_suffixes
    derivations = dict(spec.derivations)
    fold = spec.fold_stem
    spellings = [(re.compile(pattern), replacement) for pattern, replacement in spec.spellings]

    @lru_cache(maxsize=262144)
    def stem_word(word: str) -> str:
        for pattern, replacement in spellings:
            word = pattern.sub(replacement, word)
        for plain, accented in suffixes:
            if word.endswith(plain):
                word = word[: len(word) - len(plain)] + accented
                break
        stemmed = str(algorithm.stemWord(word))
        if fold:
            stemmed = normalise(stemmed)
        return derivations.get(stemmed, stemmed)

    return stem_word


_STEMMERS = {code: _stemmer(each.stemmer) for code, each in PACKS.items()}
_DEFAULT_STEMMER = _STEMMERS[DEFAULT_LANGUAGE]
_ALL_STEMMERS = tuple(_STEMMERS.values())


def stem(word: str, lang: str) -> str:
    """A word's stem in one language (the default language's for an unknown code)."""
    if word.isdigit():
        return word
    return _STEMMERS.get(lang, _DEFAULT_STEMMER)(word)


def stems(word: str) -> tuple[str, ...]:
    """The keys a query word may have in the index: its stem in each language, each once."""
    if word.isdigit():
        return (word,)
    return tuple(dict.fromkeys(stem_word(word) for stem_word in _ALL_STEMMERS))


def max_typos(word: str) -> int:
    """Typos tolerated in a word of this length: none up to 4 letters, one up to 8, two beyond."""
    if len(word) <= 4:
        return 0
    if len(word) <= 8:
        return 1
    return 2

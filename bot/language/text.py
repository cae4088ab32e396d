"""Text normalisation for search: case, accents, ligatures, apostrophes, hyphens, stemming and the
stop words of both languages. Documents and queries go through the same functions."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

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
# French elisions before an apostrophe: l'analyse, d'entreprise, qu'est-ce.
_ELISIONS = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS_EN = _words(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves s t don shall may might must also
    get got any anything something"""
)
STOP_WORDS_FR = _words(
    """a au aux avec ce ces c ca d dans de des du elle elles en et eux il ils je j l la le les leur
    leurs lui m ma mais me meme mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa
    se ses son sur t ta te tes toi ton tu un une vos votre vous y etre est suis es sommes etes sont
    ai as avons avez ont cet cette ceci cela celui celle ceux celles dont ou plus moins tres tout
    tous toute toutes sans sous chez entre vers aussi comme si ni donc car quel quelle quels
    quelles mes"""
)
STOP_WORDS = STOP_WORDS_EN | STOP_WORDS_FR

# Chat words of a search sentence: they say "I am looking for a course", not what about. They are
# dropped from a query that has other words, in both languages.
QUERY_NOISE = _words(
    """want wants wanted would like looking look find finding search searching need needs learn
    learning study studying take taking course courses class classes training trainings program
    programs programme programmes certificate certificates certification certifications
    credential credentials microcredential microcredentials micro badge badges
    online offline short quick good best new please show give recommend suggest options option
    something anything interested interest hello hi thanks thank improve skill skills
    become
    cherche cherches chercher recherche recherches veux voudrais voudrait aimerais aimerait
    souhaite souhaiterais trouver trouve besoin apprendre apprends etudier suivre faire
    formation formations cours programme programmes microprogramme microprogrammes
    certificat certificats attestation attestations microcertification microcertifications
    microcredit microcredits microtitre microtitres titre badge badges
    courte courtes court rapide bonne bon meilleur meilleure nouvelle nouveau svp merci bonjour
    salut aider ameliorer competence competences devenir interesse interessee
    propose proposez avez avoir quelque chose"""
)

_EN = snowballstemmer.stemmer("english")
_FR = snowballstemmer.stemmer("french")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# The accented letters of French (and a few neighbours) taken off in one C-speed pass; anything
# rarer goes through Unicode decomposition.
_COMMON_ACCENTS = str.maketrans("àâäáãåçéèêëíìîïñóòôöõúùûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy")


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower case, no accents, ligatures spelt out, typographic apostrophes and dashes plain."""
    folded = text.casefold().translate(_LIGATURES)
    if folded.isascii():
        return folded
    folded = folded.translate(_COMMON_ACCENTS)
    return folded if folded.isascii() else strip_accents(folded)


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
    words: list[str] = []
    for match in _WORD.findall(normalise(text)):
        if "'" in match:
            head, _, rest = match.partition("'")
            match = rest if head in _ELISIONS else match
            match = match.replace("'", "")
        if "-" in match:
            parts = match.split("-")
            words.append("".join(parts))
            words.extend(part for part in parts if len(part) > 1)
        else:
            words.append(match)
    return words


# Derivational pairs the stemmers leave apart though a learner means the same subject: the one
# who does it and the doing (analyste/analyse, analyst/analysis). A short, closed list of stems,
# folded on documents and queries alike (comptable/comptabilité already share a stem).
_DERIVATIONS = {"analyst": "analys", "analysi": "analys"}


@lru_cache(maxsize=262144)
def stem_en(word: str) -> str:
    stemmed = str(_EN.stemWord(word))
    return _DERIVATIONS.get(stemmed, stemmed)


@lru_cache(maxsize=262144)
def stem_fr(word: str) -> str:
    # Accents are gone before stemming; give back the é of the commonest suffix (-ité) so that
    # `comptabilite` and `comptabilité` meet, then take the accents off the stem.
    if word.endswith("ites"):
        word = word[:-4] + "ités"
    elif word.endswith("ite"):
        word = word[:-3] + "ité"
    elif word.endswith("ees"):
        word = word[:-3] + "ées"
    elif word.endswith("ee"):
        word = word[:-2] + "ée"
    stemmed = normalise(str(_FR.stemWord(word)))
    return _DERIVATIONS.get(stemmed, stemmed)


def stem(word: str, lang: str) -> str:
    if word.isdigit():
        return word
    return stem_fr(word) if lang == "fr" else stem_en(word)


def stems(word: str) -> tuple[str, ...]:
    """The keys a query word may have in the index: its English and its French stem."""
    if word.isdigit():
        return (word,)
    english, french = stem_en(word), stem_fr(word)
    return (english,) if english == french else (english, french)


def max_typos(word: str) -> int:
    """Typos tolerated in a word of this length: none up to 4 letters, one up to 8, two beyond."""
    if len(word) <= 4:
        return 0
    if len(word) <= 8:
        return 1
    return 2

"""Reading a translations table (`catalogue_data/esco_lexicon.json.gz`, built by
`catalogue_data/build_esco.py`).

Format::

    {"version": 1, "translations": [[lang, words, other lang, other words, confidence, links], …]}

Each row holds both directions. Words are stored as written, not as stems, so that the table does
not depend on the stemmer: they are stemmed here, as documents are.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot import PROJECT_ROOT
from bot.language.parallel import Translation, content_stems


class LexiconError(ValueError):
    pass


def read_lexicon(data: Any) -> list[Translation]:
    if not isinstance(data, dict) or data.get("version") != 1:
        raise LexiconError("not a version 1 translations table")
    found: list[Translation] = []
    for row in data.get("translations") or []:
        if not isinstance(row, list) or len(row) != 6:
            raise LexiconError(f"bad translation row: {row!r}")
        left_lang, left, right_lang, right, confidence, links = row
        a, b = (
            tuple(content_stems(str(left), str(left_lang))),
            tuple(content_stems(str(right), str(right_lang))),
        )
        if not a or not b or a == b:
            continue
        found.append(Translation(str(left_lang), a, str(right_lang), b, float(confidence), int(links)))
        found.append(Translation(str(right_lang), b, str(left_lang), a, float(confidence), int(links)))
    return found


def read_lexicon_file(path: str | Path) -> list[Translation]:
    path = Path(path)
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return read_lexicon(json.loads(raw.decode("utf-8")))


SHIPPED = PROJECT_ROOT / "catalogue_data" / "esco_lexicon.json.gz"
# English / French domain terms written for credbot (blockchain / chaîne de blocs, beekeeping /
# apiculture): what neither ESCO's labels nor a catalogue's bilingual records may teach.
GLOSSARY = PROJECT_ROOT / "catalogue_data" / "glossary.json"
SHIPPED_FILES = (SHIPPED, GLOSSARY)
# A glossary pair is sure, but a term stands for its concept less well than the credential's own
# words: a match through it ranks below a literal one (weight 0.8; tuned on the dev set).
GLOSSARY_CONFIDENCE = 0.6


def read_glossary(data: Any) -> list[Translation]:
    """`{"version": 1, "pairs": [[english, french], …]}`: English / French terms that mean the
    same thing."""
    if not isinstance(data, dict) or data.get("version") != 1:
        raise LexiconError("not a version 1 glossary")
    rows = []
    for pair in data.get("pairs") or []:
        if not isinstance(pair, list) or len(pair) != 2:
            raise LexiconError(f"bad glossary pair: {pair!r}")
        rows.append(["en", str(pair[0]), "fr", str(pair[1]), GLOSSARY_CONFIDENCE, 1])
    return read_lexicon({"version": 1, "translations": rows})


@lru_cache(maxsize=1)
def shipped_translations() -> tuple[Translation, ...]:
    """The translations shipped with credbot: ESCO's and the glossary (none if missing)."""
    found: list[Translation] = []
    if SHIPPED.is_file():
        found += read_lexicon_file(SHIPPED)
    if GLOSSARY.is_file():
        found += read_glossary(json.loads(GLOSSARY.read_text("utf-8")))
    return tuple(found)

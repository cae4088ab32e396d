"""Reading the skills vocabulary (`catalogue_data/skills.json`).

Format::

    {"version": 1,
     "subjects": [{"id": "...", "label": {"en": "...", "fr": "..."}}],
     "skills": [{"id": "...", "subject": "<subject id>", "label": {"en", "fr"},
                 "synonyms": {"en": [...], "fr": [...]}, "abbreviations": [...]}],
     "occupations": [{"id": "...", "label": {...}, "synonyms": {...}, "skills": ["<skill id>"]}]}

Skills and occupations may carry a `uri` (ESCO's concept URI: `esco.json.gz`), by which
alignments to ESCO find them. A file whose name ends in `.gz` is read gzipped.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from bot.domain.credential import LocalText, Occupation, SkillConcept, Subject, Vocabulary
from bot.formats.common import as_list, pick_languages
from bot.i18n import _


class VocabularyError(ValueError):
    pass


def _label(value: Any) -> LocalText:
    if isinstance(value, str):
        return {"en": value} if value.strip() else {}
    if isinstance(value, dict):
        return {k: str(v).strip() for k, v in pick_languages(value).items() if str(v).strip()}
    return {}


def _synonyms(value: Any) -> dict[str, list[str]]:
    if isinstance(value, dict):
        raw = {k: [str(s).strip() for s in as_list(v) if str(s).strip()] for k, v in value.items()}
        return {k: v for k, v in pick_languages(raw).items() if v}
    if isinstance(value, list | str):
        words = [str(s).strip() for s in as_list(value) if str(s).strip()]
        return {"en": words} if words else {}
    return {}


def _uris(item: dict[str, Any]) -> list[str]:
    """`uri` (ESCO's concept URI) and any `uris`."""
    found = [*as_list(item.get("uri")), *as_list(item.get("uris"))]
    return [str(uri).strip() for uri in found if str(uri).strip()]


def _id(item: dict[str, Any], where: str, index: int) -> str:
    key = item.get("id") or item.get("key")
    if not isinstance(key, str) or not key.strip():
        raise VocabularyError(_("{where}[{index}]: missing id").format(where=where, index=index))
    return key.strip()


def read_vocabulary(data: dict[str, Any]) -> Vocabulary:
    """A parsed skills.json as a Vocabulary; raises VocabularyError when an entry has no id or
    no label, or the version is not 1."""
    if not isinstance(data, dict):
        raise VocabularyError(_("the vocabulary must be a JSON object"))
    if data.get("version", 1) != 1:
        raise VocabularyError(
            _("unsupported vocabulary version {version}").format(version=repr(data.get("version")))
        )
    vocabulary = Vocabulary()
    for where in ("subjects", "skills", "occupations"):
        for index, item in enumerate(as_list(data.get(where))):
            if not isinstance(item, dict):
                raise VocabularyError(_("{where}[{index}]: not an object").format(where=where, index=index))
            key = _id(item, where, index)
            label = _label(item.get("label"))
            if not label:
                raise VocabularyError(
                    _("{where}[{index}] ({key}): missing label").format(where=where, index=index, key=key)
                )
            if where == "subjects":
                vocabulary.subjects.append(Subject(key, label))
            elif where == "skills":
                vocabulary.skills.append(
                    SkillConcept(
                        key=key,
                        label=label,
                        synonyms=_synonyms(item.get("synonyms")),
                        abbreviations=[
                            str(a).strip() for a in as_list(item.get("abbreviations")) if str(a).strip()
                        ],
                        subject=str(item["subject"]) if item.get("subject") else None,
                        uris=_uris(item),
                    )
                )
            else:
                vocabulary.occupations.append(
                    Occupation(
                        key=key,
                        label=label,
                        synonyms=_synonyms(item.get("synonyms")),
                        skills=[str(s) for s in as_list(item.get("skills"))],
                        uris=_uris(item),
                    )
                )
    return vocabulary


def read_vocabulary_file(path: str | Path) -> Vocabulary:
    """A vocabulary file, plain JSON or gzipped (`esco.json.gz`)."""
    path = Path(path)
    if path.name.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8-sig") as handle:
            return read_vocabulary(json.load(handle))
    with open(path, encoding="utf-8-sig") as handle:
        return read_vocabulary(json.load(handle))

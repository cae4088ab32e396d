"""Occupations the catalogue names: a credential's `occupationType` ("GIS Technician") makes the
occupation a goal, covering the skills of the credentials that name it.

An occupation named by credentials is matched to a vocabulary occupation by any of its names
(case and accents aside); its skills are then the skills of the credentials that name it, most
often named first (the catalogue knows best what the network teaches for it). One that no
vocabulary has becomes an occupation of its own, keyed `catalogue:<name>`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from bot.domain.credential import CredentialRecord, LocalText, Occupation, Vocabulary
from bot.language.text import fold

CATALOGUE_PREFIX = "catalogue:"


def _names(occupation: Occupation) -> list[str]:
    names = [*occupation.label.values(), *(w for words in occupation.synonyms.values() for w in words)]
    return [fold(name) for name in names if fold(name)]


def _slug(label: LocalText) -> str:
    text = fold(label.get("en") or next(iter(label.values()), ""))
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


def with_catalogue_occupations(vocabulary: Vocabulary, credentials: Sequence[CredentialRecord]) -> Vocabulary:
    """The vocabulary with the occupations the credentials name (see the module)."""
    if not any(record.occupations for record in credentials):
        return vocabulary
    by_name: dict[str, str] = {}
    occupations: dict[str, Occupation] = {}
    for occupation in vocabulary.occupations:
        occupations[occupation.key] = occupation
        for name in _names(occupation):
            by_name.setdefault(name, occupation.key)
    skills: dict[str, Counter[str]] = {}
    labels: dict[str, LocalText] = {}
    for record in credentials:
        if (record.status or "active") != "active":
            continue
        keys = [ref.key for ref in record.skills if ref.key]
        for label in record.occupations:
            folded = [fold(text) for text in label.values() if fold(text)]
            key = next((by_name[name] for name in folded if name in by_name), None)
            if key is None:
                slug = _slug(label)
                if not slug:
                    continue
                key = CATALOGUE_PREFIX + slug
            for name in folded:
                by_name.setdefault(name, key)
            merged = labels.setdefault(key, {})
            for lang, text in label.items():
                merged.setdefault(lang, text)
            skills.setdefault(key, Counter()).update(dict.fromkeys(keys, 1))
    for key, counts in skills.items():
        ordered = [skill for skill, _count in counts.most_common()]
        if not ordered:
            continue
        found = occupations.get(key)
        if found is None:
            occupations[key] = Occupation(key=key, label=labels[key], skills=ordered)
        else:
            label = {**labels[key], **found.label}
            occupations[key] = replace(found, label=label, skills=ordered)
    return replace(vocabulary, occupations=list(occupations.values()))

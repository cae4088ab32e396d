"""The catalogue formats credbot reads: how each is recognised, read, and names its fields.

A format is one entry of `FORMATS`; the importer asks the registry, so adding a format is a
reader module and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.formats.common import ParseResult
from bot.formats.csvformat import read_csv
from bot.formats.ctdl import looks_like_ctdl, read_ctdl
from bot.formats.openbadges import looks_like_openbadges, read_openbadges


def _looks_like_csv(filename: str, text: str) -> bool:
    first_line = text.lstrip("\ufeff").lstrip().split("\n", 1)[0].lower()
    return filename.lower().endswith(".csv") or ("id" in first_line and "name_" in first_line)


@dataclass(frozen=True)
class CatalogueFormat:
    name: str
    # JSON formats are recognised and read from the parsed document, text formats from the text.
    reads_json: bool
    looks_like: Callable[[Any], bool]  # the document (JSON formats) or (filename, text)
    read: Callable[[Any, str], ParseResult]  # (document or text, file name) → records, problems
    # How the format names the fields that problems are reported under.
    fields: Mapping[str, str]


_FIELDS: dict[str, dict[str, str]] = {
    "ctdl": {
        "id": "ceterms:ctid",
        "name": "ceterms:name",
        "description": "ceterms:description",
        "type": "@type",
        "hours": "ceterms:estimatedDuration",
        "cost": "ceterms:estimatedCost",
        "currency": "ceterms:currency",
        "delivery": "ceterms:learningDeliveryType",
        "url": "ceterms:subjectWebpage",
        "provider": "ceterms:ownedBy",
        "skills": "ceterms:requires",
        "status": "ceterms:credentialStatusType",
        "languages": "ceterms:inLanguage",
    },
    "obv3": {
        "id": "id",
        "name": "name",
        "description": "description",
        "type": "achievementType",
        "url": "criteria.id",
        "provider": "creator",
        "skills": "alignment",
        "languages": "inLanguage",
    },
    "csv": {"id": "id", "name": "name_en/name_fr", "type": "type", "skills": "skills_en/skills_fr"},
}

FORMATS: tuple[CatalogueFormat, ...] = (
    CatalogueFormat("ctdl", True, looks_like_ctdl, read_ctdl, _FIELDS["ctdl"]),
    CatalogueFormat("obv3", True, looks_like_openbadges, read_openbadges, _FIELDS["obv3"]),
    CatalogueFormat("csv", False, lambda given: _looks_like_csv(*given), read_csv, _FIELDS["csv"]),
)
BY_NAME = {entry.name: entry for entry in FORMATS}

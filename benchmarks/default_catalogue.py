"""A throwaway reader of the default catalogue (catalogue_data/) for benchmarks, until the
importers land: just name, description, keywords, languages, skills, hours, cost, delivery and
provider out of the CTDL @graph, and the vocabulary out of skills.json."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from bot.catalogue.model import (
    CredentialRecord,
    ProviderRecord,
    SkillConcept,
    SkillRef,
    Vocabulary,
)

DATA = Path(__file__).resolve().parent.parent / "catalogue_data"
_DELIVERY = {"OnlineOnly": "online", "InPerson": "in_person", "BlendedDelivery": "blended"}


def _local(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    text: dict[str, str] = {}
    for lang, item in value.items():
        short = lang[:2].lower()
        if short in ("en", "fr") and short not in text:
            text[short] = item if isinstance(item, str) else " ".join(item)
    return text


def _keywords(value: Any) -> dict[str, list[str]]:
    words: dict[str, list[str]] = {}
    for lang, items in (value or {}).items():
        words.setdefault(lang[:2].lower(), []).extend(items)
    return words


def _hours(node: dict[str, Any]) -> float | None:
    for profile in node.get("ceterms:estimatedDuration", []):
        for field in ("ceterms:exactDuration", "ceterms:timeRequired"):
            if match := re.fullmatch(r"PT(\d+(?:\.\d+)?)H", str(profile.get(field, ""))):
                return float(match.group(1))
    return None


def load_default(data: Path = DATA) -> tuple[list[CredentialRecord], Vocabulary]:
    graph = json.loads((data / "catalogue.ctdl.json").read_text("utf-8"))["@graph"]
    providers = {
        node["@id"]: ProviderRecord(node["ceterms:ctid"], _local(node["ceterms:name"]))
        for node in graph
        if node["@type"] == "ceterms:CredentialOrganization"
    }
    records: list[CredentialRecord] = []
    for node in graph:
        if node["@type"] == "ceterms:CredentialOrganization":
            continue
        costs = [p.get("ceterms:price") for p in node.get("ceterms:estimatedCost", [])]
        delivery = [
            d["ceterms:targetNode"].split(":")[-1]
            for d in node.get("ceterms:learningDeliveryType", [])
        ]
        skills = [
            SkillRef(
                _local(t.get("ceterms:targetNodeName")), t["ceterms:targetNode"].split(":")[-1]
            )
            for condition in node.get("ceterms:requires", [])
            for t in condition.get("ceterms:targetCompetency", [])
        ]
        offered = node.get("ceterms:offeredBy") or node.get("ceterms:ownedBy") or [None]
        records.append(
            CredentialRecord(
                id=len(records) + 1,
                external_id=node["ceterms:ctid"],
                credential_type=node["@type"].split(":")[-1],
                name=_local(node["ceterms:name"]),
                description=_local(node.get("ceterms:description")),
                provider=providers.get(offered[0]) if offered[0] else None,
                languages=[lang[:2].lower() for lang in node.get("ceterms:inLanguage", [])],
                hours=_hours(node),
                cost=Decimal(str(costs[0])) if costs and costs[0] is not None else None,
                delivery=_DELIVERY.get(delivery[0]) if delivery else None,
                keywords=_keywords(node.get("ceterms:keyword")),
                skills=skills,
            )
        )
    vocabulary_data = json.loads((data / "skills.json").read_text("utf-8"))
    vocabulary = Vocabulary(
        skills=[
            SkillConcept(
                key=skill["id"],
                label=skill["label"],
                synonyms=skill.get("synonyms", {}),
                abbreviations=skill.get("abbreviations", []),
                subject=skill.get("subject"),
            )
            for skill in vocabulary_data["skills"]
        ]
    )
    return records, vocabulary

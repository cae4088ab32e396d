"""Exporting the stored catalogue as CTDL JSON-LD or CSV; the importers read both back unchanged."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from bot.domain.credential import CredentialRecord, LocalText, ProviderRecord
from bot.formats.common import DEFAULT_CURRENCY, SKILL_URN, hours_to_duration
from bot.formats.csvformat import write_csv
from bot.i18n import _
from bot.language.packs import LANGUAGES
from bot.store.db import Database

EXPORT_FORMATS = ("ctdl", "csv")
CONTEXT = "https://credreg.net/ctdl/schema/context/json"

_DELIVERY = {
    "online": ("deliveryType:OnlineOnly", "Online Only", "En ligne seulement"),
    "in_person": ("deliveryType:InPerson", "In Person", "En personne"),
    "blended": ("deliveryType:BlendedDelivery", "Blended Delivery", "Formation hybride"),
}
_STATUS = {"active": "Active", "deprecated": "Deprecated", "probationary": "Probationary",
           "suspended": "Suspended", "teachout": "TeachOut", "ceased": "Ceased"}  # fmt: skip


_COST_FRAMEWORK = "https://credreg.net/ctdl/terms/CostType"
_COST_TYPES = {
    "application": "Application", "registration": "Enrollment", "technology": "Technology",
    "exam": "StandaloneAssessment", "materials": "LearningResource", "graduation": "Graduation",
    "other": "Other",
}  # fmt: skip


def _durations(record: CredentialRecord) -> list[dict[str, Any]]:
    """The durations as read (exact, or minimum/maximum); the hours alone when there are none."""
    if not record.durations and record.hours is not None:
        return [
            {"@type": "ceterms:DurationProfile", "ceterms:exactDuration": hours_to_duration(record.hours)}
        ]
    profiles = []
    for text in record.durations:
        profile: dict[str, Any] = {"@type": "ceterms:DurationProfile"}
        low, range_mark, high = text.partition("/")
        if not range_mark:
            profile["ceterms:exactDuration"] = text
        if range_mark and low:
            profile["ceterms:minimumDuration"] = low
        if range_mark and high:
            profile["ceterms:maximumDuration"] = high
        profiles.append(profile)
    return profiles


def _map(text: LocalText) -> dict[str, str]:
    return {lang: text[lang] for lang in LANGUAGES if text.get(lang)}


def _provider_id(provider: ProviderRecord) -> str:
    ext = provider.external_id
    return ext if ext.startswith(("http://", "https://", "urn:", "_:")) else f"urn:credbot:provider:{ext}"


def _alignment(node: str | None, name: LocalText, framework: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "ceterms:CredentialAlignmentObject"}
    if framework:
        item["ceterms:framework"] = framework
    if node:
        item["ceterms:targetNode"] = node
    if name:
        item["ceterms:targetNodeName"] = _map(name)
    return item


def organisation_node(provider: ProviderRecord) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": _provider_id(provider),
        "@type": "ceterms:CredentialOrganization",
        "ceterms:ctid": provider.external_id,
        "ceterms:name": _map(provider.name),
    }
    if provider.url:
        node["ceterms:subjectWebpage"] = provider.url
    return node


def credential_node(record: CredentialRecord) -> dict[str, Any]:
    ext = record.external_id
    node: dict[str, Any] = {
        "@id": ext if ext.startswith(("http://", "https://")) else f"urn:credbot:credential:{ext}",
        "@type": f"ceterms:{record.credential_type}",
        "ceterms:ctid": ext,
        "ceterms:name": _map(record.name),
    }
    if record.description:
        node["ceterms:description"] = _map(record.description)
    if record.provider:
        node["ceterms:ownedBy"] = [_provider_id(record.provider)]
    if record.languages:
        node["ceterms:inLanguage"] = list(record.languages)
    if record.url:
        node["ceterms:subjectWebpage"] = record.url
    keywords = {lang: list(record.keywords[lang]) for lang in LANGUAGES if record.keywords.get(lang)}
    if keywords:
        node["ceterms:keyword"] = keywords
    if record.subjects:
        node["ceterms:subject"] = [_alignment(None, subject) for subject in record.subjects]
    if record.durations or record.hours is not None:
        node["ceterms:estimatedDuration"] = _durations(record)
    if record.cost is not None:
        cost: dict[str, Any] = {
            "@type": "ceterms:CostProfile",
            "ceterms:currency": record.currency or DEFAULT_CURRENCY,
            "ceterms:price": float(record.cost),
        }
        node["ceterms:estimatedCost"] = [cost]
    if record.fees:
        node.setdefault("ceterms:estimatedCost", []).extend(
            {
                "@type": "ceterms:CostProfile",
                "ceterms:directCostType": [
                    _alignment(f"costType:{_COST_TYPES[fee.kind]}", {}, _COST_FRAMEWORK)
                ],
                "ceterms:currency": fee.currency,
                "ceterms:price": float(fee.amount),
            }
            for fee in record.fees
        )
    if record.delivery in _DELIVERY:
        target, en, fr = _DELIVERY[record.delivery]
        node["ceterms:learningDeliveryType"] = [
            _alignment(target, {"en": en, "fr": fr}, "https://credreg.net/ctdl/terms/Delivery")
        ]
    status = _STATUS.get(record.status, record.status[:1].upper() + record.status[1:])
    node["ceterms:credentialStatusType"] = _alignment(
        f"credentialStat:{status}",
        {"en": status},
        "https://credreg.net/ctdl/terms/CredentialStatus",
    )
    if record.skills:
        node["ceterms:requires"] = [
            {
                "@type": "ceterms:ConditionProfile",
                "ceterms:description": {
                    "en": "Competencies this credential recognises",
                    "fr": "Compétences que ce titre reconnaît",
                },
                "ceterms:targetCompetency": [
                    _alignment(f"{SKILL_URN}{skill.key}" if skill.key else None, skill.label)
                    for skill in record.skills
                ],
            }
        ]
    return node


def ctdl_document(records: Iterable[CredentialRecord]) -> dict[str, Any]:
    records = list(records)
    organisations: dict[str, dict[str, Any]] = {}
    for record in records:
        if record.provider and record.provider.external_id not in organisations:
            organisations[record.provider.external_id] = organisation_node(record.provider)
    return {
        "@context": CONTEXT,
        "@graph": [*organisations.values(), *(credential_node(record) for record in records)],
    }


def export_records(records: Iterable[CredentialRecord], fmt: str) -> str:
    if fmt == "ctdl":
        return json.dumps(ctdl_document(records), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return write_csv(records)
    raise ValueError(_("unknown export format {format}").format(format=repr(fmt)))


def export_catalogue(db: Database, fmt: str) -> str:
    """The whole stored catalogue as text: `ctdl` (an @graph JSON-LD document) or `csv`."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(_("unknown export format {format}").format(format=repr(fmt)))
    with db.unit_of_work() as uow:
        records = uow.catalogue.credentials()
    return export_records(records, fmt)

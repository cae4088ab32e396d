"""Everything credbot stores about a learner, as one JSON document (`/export`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.domain.credential import CredentialRecord
from bot.domain.learner import EarnedRecord, StoredBundle
from bot.domain.share import ShareLink
from bot.store.unit_of_work import UnitOfWork

OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def open_badge(row: EarnedRecord, record: CredentialRecord | None) -> dict[str, Any]:
    evidence = row.evidence
    name = record.name if record is not None else (evidence.get("name") or {"en": row.title or ""})
    achievement: dict[str, Any] = {
        "id": evidence.get("achievement_id") or (record.url if record and record.url else row.external_id),
        "type": ["Achievement"],
        "name": row.title or next(iter(name.values()), ""),
    }
    if isinstance(name, dict) and len(name) > 1:
        achievement["credbot:name"] = dict(name)
    criteria = evidence.get("criteria_url") or (record.url if record else None)
    if criteria:
        achievement["criteria"] = {"id": criteria}
    if evidence.get("description"):
        achievement["description"] = evidence["description"]
    alignments = list(evidence.get("alignments") or [])
    for skill in row.skill_refs():
        alignment: dict[str, Any] = {
            "type": ["Alignment"],
            "targetName": next(iter(skill.label.values()), ""),
        }
        if skill.key:
            alignment["targetCode"] = skill.key
        alignments.append(alignment)
    if alignments:
        achievement["alignment"] = alignments
    badge: dict[str, Any] = {
        "@context": OB3_CONTEXT,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement["name"],
        "issuer": {"type": ["Profile"], "name": row.issuer or ""},
        "credentialSubject": {"type": ["AchievementSubject"], "achievement": achievement},
        "credbot": {
            "external_id": row.external_id,
            "source": row.source,
            "in_catalogue": record is not None,
            "recorded_at": row.created_at.isoformat() if row.created_at else None,
            "verified": bool(row.verification and row.verification.get("verdict") == "verified"),
            "verification": dict(row.verification) if row.verification else None,
        },
    }
    if evidence.get("issuer_id"):
        badge["issuer"]["id"] = evidence["issuer_id"]
    if row.earned_on:
        badge["validFrom"] = row.earned_on.isoformat()
    return badge


def _bundle(bundle: StoredBundle) -> dict[str, Any]:
    return {
        "share_code": bundle.share_code,
        "goal": bundle.goal,
        "skills": list(bundle.skills),
        "constraints": dict(bundle.limits),
        "saved": bundle.saved,
        "created_at": bundle.created_at.isoformat() if bundle.created_at else None,
        "items": list(bundle.items),
        "kept": list(bundle.pinned),
        "left_out": list(bundle.excluded),
    }


def _share(link: ShareLink) -> dict[str, Any]:
    return {
        "payload": link.payload,
        "kind": link.kind,
        "bundle": link.bundle_code,
        "created_at": link.created_at.isoformat(),
        "expires_at": link.expires_at.isoformat() if link.expires_at else None,
        "stopped_at": link.revoked_at.isoformat() if link.revoked_at else None,
    }


def export_learner(uow: UnitOfWork, ref: str) -> dict[str, Any]:
    """Everything stored about a learner, as JSON-ready data: settings, the wallet as a list of
    Open Badges 3.0-shaped credentials (unsigned: an export, not verifiable credentials),
    their bundles and their share links (stopped ones too). An unknown learner gives an export with empty lists."""
    profile = uow.learners.profile(ref)
    # The searches behind result pages (kept 30 days, so that their buttons work) and the last one.
    searches = [{"query": query, "at": at.isoformat()} for query, at in uow.result_pages.of_learner(ref)]
    everything = dt.datetime.min.replace(tzinfo=dt.UTC)
    conversation = {"searches": searches, "last_search": uow.contexts.last_query(ref, everything)}
    if profile is None:
        return {
            "learner": {"ref": ref},
            "settings": {},
            "wallet": [],
            "bundles": [],
            "share_links": [],
            "conversation": conversation,
        }
    wallet = [
        open_badge(row, uow.catalogue.by_external_id(row.external_id)) for row in uow.wallet.entries(ref)
    ]
    return {
        "learner": {
            "ref": profile.ref,
            "telegram_user_id": profile.telegram_user_id,
            "created_at": profile.created_at.isoformat() if profile.created_at else None,
        },
        "settings": {"locale": profile.locale, "emails": uow.learners.emails(ref)},
        "wallet": wallet,
        "bundles": [_bundle(bundle) for bundle in uow.bundles.owned_by(ref)],
        "share_links": [_share(link) for link in uow.shares.of_learner(ref)],
        "conversation": conversation,
    }

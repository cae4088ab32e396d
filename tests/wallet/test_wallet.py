"""Wallet: earn/list/remove round trips, Open Badges import, export and forget."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from bot.account.export import export_learner
from bot.bundles.planner import load_solver, plan_bundle
from bot.bundles.service import save_bundle
from bot.formats.openbadges import MAX_BADGE_BYTES
from bot.store import models
from bot.store.db import Database
from bot.store.unit_of_work import UnitOfWork
from bot.wallet.service import (
    BadgeImportError,
    WalletError,
    earn,
    import_badge,
    list_wallet,
    remove,
)
from tests._bundle_support import populate


@pytest.fixture
def db(db: Database) -> Database:
    """The shared migrated store (tests/conftest.py) with the small bilingual catalogue."""
    populate(db)
    return db


def ob3(achievement: dict[str, object], **extra: object) -> dict[str, object]:
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:uuid:1234",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "https://issuer.example", "type": ["Profile"], "name": "Somewhere Else"},
        "validFrom": "2026-03-01T00:00:00Z",
        "credentialSubject": {"type": ["AchievementSubject"], "achievement": achievement},
        **extra,
    }


def jwt(payload: dict[str, object]) -> bytes:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'ES256', 'typ': 'JWT'})}.{part(payload)}.c2lnbmF0dXJl".encode()


def count(db: Database, table: type[models.Base]) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_earn_list_remove_round_trip(db: Database) -> None:
    with db.session() as session:
        first = earn(UnitOfWork(session), "telegram:1", "cred:viz", dt.date(2026, 1, 5))
        assert first.created and first.earned_on == dt.date(2026, 1, 5)
        catalogue_id = session.scalar(
            select(models.Credential.id).where(models.Credential.external_id == "cred:pm")
        )
        assert catalogue_id is not None
        assert earn(UnitOfWork(session), "telegram:1", catalogue_id).created  # by catalogue row id
        again = earn(UnitOfWork(session), "telegram:1", "cred:viz", dt.date(2027, 1, 1))
        assert not again.created and again.earned_on == dt.date(2026, 1, 5)  # nothing changed
        with pytest.raises(WalletError) as unknown:
            earn(UnitOfWork(session), "telegram:1", "cred:nope")
        assert unknown.value.reason == "unknown_credential"
    with db.session() as session:
        view = list_wallet(UnitOfWork(session), "telegram:1")
        assert view.count == 2 and view.total_hours == 32
        assert [group.label["en"] for group in view.groups] == ["Data", "Management"]
        data = view.groups[0]
        assert data.total_hours == 12
        assert {skill.key for skill in data.skills} == {"data-visualisation", "statistics"}
        assert {skill.key for skill in view.skills} == {
            "data-visualisation",
            "statistics",
            "project-management",
        }
        assert remove(UnitOfWork(session), "telegram:1", "cred:viz")
        assert not remove(UnitOfWork(session), "telegram:1", "cred:viz")
        assert remove(UnitOfWork(session), "telegram:1", catalogue_id)
        assert list_wallet(UnitOfWork(session), "telegram:1").count == 0
    assert count(db, models.EarnedCredential) == 0


def test_import_ob3_json_matched_by_achievement_id(db: Database) -> None:
    badge = ob3({"id": "cred:sql-fr", "type": ["Achievement"], "name": "Whatever"})
    with db.session() as session:
        entry = import_badge(UnitOfWork(session), "telegram:1", json.dumps(badge).encode())
        assert entry.created and entry.external_id == "cred:sql-fr" and entry.credential is not None
        assert entry.earned_on == dt.date(2026, 3, 1)
        assert not import_badge(UnitOfWork(session), "telegram:1", json.dumps(badge).encode()).created
    assert count(db, models.EarnedCredential) == 1


def test_import_ob3_matched_by_criteria_url(db: Database) -> None:
    badge = ob3(
        {
            "id": "https://other.example/achievements/9",
            "type": ["Achievement"],
            "name": "Renamed",
            "criteria": {"id": "https://catalogue.example/pm"},
        }
    )
    with db.session() as session:
        entry = import_badge(UnitOfWork(session), "telegram:1", json.dumps(badge).encode())
    assert entry.external_id == "cred:pm"


def test_import_ob3_jwt_kept_as_external_with_alignments(db: Database) -> None:
    credential = ob3(
        {
            "id": "https://issuer.example/achievements/ml-101",
            "type": ["Achievement"],
            "name": "Machine learning 101",
            "alignment": [
                {
                    "type": ["Alignment"],
                    "targetName": "Apprentissage automatique",
                    "targetUrl": "https://skills.example/x",
                },
                {
                    "type": ["Alignment"],
                    "targetName": "Underwater basket weaving",
                    "targetUrl": "https://skills.example/y",
                },
            ],
        }
    )
    with db.session() as session:
        entry = import_badge(
            UnitOfWork(session), "telegram:2", jwt({"vc": credential, "iss": "https://issuer.example"})
        )
        assert entry.created and entry.credential is None and entry.source == "openbadges"
        assert entry.external_id == "https://issuer.example/achievements/ml-101"
        assert [(s.key, s.label.get("en")) for s in entry.skills] == [
            ("machine-learning", "Machine learning"),
            (None, "Underwater basket weaving"),
        ]
        # Its skills count as held when planning a bundle.
        from bot.bundles.planner import plan_for_learner

        plan = plan_for_learner(UnitOfWork(session), "telegram:2", skills=["ML", "python"])
        assert plan.already_held == ["machine-learning"]
        # The VC 2.0 form (the JWT payload is the credential itself) is read too.
        other = ob3({"id": "urn:x:2", "type": ["Achievement"], "name": "Second"})
        assert import_badge(UnitOfWork(session), "telegram:2", jwt(other)).title == {"en": "Second"}


def test_import_ob2_assertion_matched_by_name_and_provider(db: Database) -> None:
    assertion = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": "https://college-a.example/assertions/1",
        "recipient": {"type": "email", "hashed": False, "identity": "someone@example.org"},
        "issuedOn": "2025-06-30T12:00:00Z",
        "badge": {
            "type": "BadgeClass",
            "id": "https://college-a.example/badges/py",
            "name": "PYTHON BASICS",
            "criteria": "https://college-a.example/criteria/py",
            "issuer": {"type": "Profile", "id": "https://college-a.example", "name": "Collège A"},
        },
        "verification": {"type": "hosted"},
    }
    with db.session() as session:
        entry = import_badge(UnitOfWork(session), "telegram:3", json.dumps(assertion).encode())
    assert entry.external_id == "cred:py-basics" and entry.earned_on == dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"{not json", "malformed"),
        (b"\xff\xfe\x00garbage", "malformed"),
        (b"aaa.%%%.bbb", "malformed"),
        (b"", "empty"),
        (b'{"name": "a shopping list", "items": ["milk"]}', "not_a_badge"),
        (b"[1, 2, 3]", "not_a_badge"),
        (
            json.dumps({"type": ["VerifiableCredential", "OpenBadgeCredential"]}).encode(),
            "no_achievement",
        ),
        (b" " * (MAX_BADGE_BYTES + 1), "too_large"),
    ],
)
def test_refused_badges_store_nothing(db: Database, data: bytes, reason: str) -> None:
    with db.session() as session, pytest.raises(BadgeImportError) as refused:
        import_badge(UnitOfWork(session), "telegram:9", data)
    assert refused.value.reason == reason
    assert count(db, models.EarnedCredential) == 0
    assert count(db, models.Learner) == 0


def test_export_contains_everything(db: Database) -> None:
    with db.session() as session:
        earn(UnitOfWork(session), "telegram:1", "cred:viz", dt.date(2026, 1, 5))
        import_badge(
            UnitOfWork(session), "telegram:1", json.dumps(ob3({"id": "urn:b:1", "name": "Outside"})).encode()
        )
        plan = plan_bundle(load_solver(UnitOfWork(session)), goal="python")
        code = save_bundle(UnitOfWork(session), "telegram:1", plan, goal="python").share_code
        session.get(models.Learner, 1)
        UnitOfWork(session).learners.set_locale("telegram:1", "fr")
    with db.session() as session:
        data = export_learner(UnitOfWork(session), "telegram:1")
    json.dumps(data)  # JSON-ready
    assert data["learner"]["ref"] == "telegram:1" and data["settings"] == {"locale": "fr", "emails": []}
    assert len(data["wallet"]) == 2
    first = data["wallet"][0]
    assert "OpenBadgeCredential" in first["type"] and first["validFrom"] == "2026-01-05"
    achievement = first["credentialSubject"]["achievement"]
    assert achievement["name"] == "Visual stories"
    assert {a.get("targetCode") for a in achievement["alignment"]} == {
        "data-visualisation",
        "statistics",
    }
    assert data["wallet"][1]["credbot"]["in_catalogue"] is False
    assert data["bundles"] == [
        {
            "share_code": code,
            "goal": "python",
            "skills": ["python"],
            "constraints": data["bundles"][0]["constraints"],
            "saved": True,
            "created_at": data["bundles"][0]["created_at"],
            "items": ["cred:py-basics"],
            "kept": [],
            "left_out": [],
        }
    ]


def test_forget_deletes_every_row_of_the_learner_and_nothing_else(db: Database) -> None:
    with db.session() as session:
        solver = load_solver(UnitOfWork(session))
        for ref in ("telegram:1", "telegram:2"):
            earn(UnitOfWork(session), ref, "cred:viz")
            import_badge(
                UnitOfWork(session), ref, json.dumps(ob3({"id": "urn:b:1", "name": "Outside"})).encode()
            )
            save_bundle(UnitOfWork(session), ref, plan_bundle(solver, goal="data analyst"))
    before = {
        table: count(db, table)
        for table in (
            models.Learner,
            models.EarnedCredential,
            models.Bundle,
            models.BundleItem,
            models.Credential,
        )
    }
    with db.session() as session:
        assert UnitOfWork(session).learners.forget("telegram:1")
        assert not UnitOfWork(session).learners.forget("telegram:1")
    with db.session() as session:
        assert export_learner(UnitOfWork(session), "telegram:1")["wallet"] == []
        other = export_learner(UnitOfWork(session), "telegram:2")
        assert len(other["wallet"]) == 2 and len(other["bundles"]) == 1
        learner_ids = set(session.scalars(select(models.Learner.id)))
        assert set(session.scalars(select(models.EarnedCredential.learner_id))) <= learner_ids
        assert set(session.scalars(select(models.Bundle.learner_id))) <= learner_ids
    after = {table: count(db, table) for table in before}
    assert after[models.Learner] == before[models.Learner] - 1
    assert after[models.EarnedCredential] == before[models.EarnedCredential] - 2
    assert after[models.Bundle] == before[models.Bundle] - 1
    assert after[models.BundleItem] == before[models.BundleItem] // 2
    assert after[models.Credential] == before[models.Credential]

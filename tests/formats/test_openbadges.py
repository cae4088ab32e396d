"""One Open Badges reader for the catalogue and the wallet (`bot.formats.openbadges`).

The cases the catalogue's and the wallet's parsers used to read differently are pinned in both
paths: names as JSON-LD language maps, alignments naming a vocabulary key by `targetCode` or by
the end of `targetUrl`, an OB 2.0 assertion whose badge is only a URL. Then the shapes read before:
VC-JWT with a `vc` claim, VC-JOSE, OB 2.0 BadgeClass, bilingual twins linked by `related`.
The documents are small ones of our own, in the shapes of the OB 3.0 and OB 2.0 specifications.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.catalogue.importer import import_files, load_vocabulary_file
from bot.domain.credential import SkillRef
from bot.formats.openbadges import (
    BadgeError,
    decode_badge_bytes,
    looks_like_openbadges,
    parse_badge,
    read_badge,
    read_openbadges,
)
from bot.store import models
from bot.store.catalogue_repo import get_by_external_id
from bot.store.db import Database
from bot.store.unit_of_work import UnitOfWork
from bot.wallet.service import BadgeImportError, import_badge
from tests._bundle_support import populate

VOCABULARY = Path(__file__).parent.parent / "catalogue" / "fixtures" / "skills.json"
OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
OB2_CONTEXT = "https://w3id.org/openbadges/v2"
LIFTING_ID = "https://badges.example.org/achievements/safe-lifting"
BILINGUAL = {"en-US": "Safe lifting", "fr-CA": "Levage sécuritaire"}
BILINGUAL_TEXT = {"en": "Safe lifting", "fr": "Levage sécuritaire"}


def achievement(**fields: Any) -> dict[str, Any]:
    """An OB 3.0 Achievement."""
    return {
        "@context": OB3_CONTEXT,
        "id": LIFTING_ID,
        "type": ["Achievement"],
        "name": "Safe lifting",
        "description": "Lifts and carries loads without injury.",
        "criteria": {"narrative": "Pass the practical lifting assessment."},
        **fields,
    }


def credential(achieved: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """An OB 3.0 OpenBadgeCredential awarding `achieved`."""
    return {
        "@context": OB3_CONTEXT,
        "id": "urn:uuid:7b1c5e2a-4d0f-4c55-9e0e-0c1d2a3b4c5d",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "https://badges.example.org/issuers/1", "type": ["Profile"], "name": "Safety Board"},
        "validFrom": "2026-02-10T09:00:00Z",
        "name": "Safe lifting",
        "credentialSubject": {
            "id": "did:example:learner-42",
            "type": ["AchievementSubject"],
            "achievement": {key: value for key, value in achieved.items() if key != "@context"},
        },
        **fields,
    }


def assertion(badge: object, **fields: Any) -> dict[str, Any]:
    """An OB 2.0 Assertion of `badge` (embedded BadgeClass or its URL)."""
    return {
        "@context": OB2_CONTEXT,
        "type": "Assertion",
        "id": "https://college.example/assertions/7",
        "recipient": {"type": "email", "hashed": False, "identity": "learner@example.org"},
        "issuedOn": "2025-11-03T15:30:00Z",
        "verification": {"type": "hosted"},
        "badge": badge,
        **fields,
    }


def jwt(payload: dict[str, Any]) -> bytes:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'ES256', 'typ': 'JWT'})}.{part(payload)}.c2lnbmF0dXJl".encode()


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "badges.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def wallet_db(db: Database) -> Database:
    """The store with the small bilingual catalogue of tests/_bundle_support.py."""
    populate(db)
    return db


@pytest.fixture
def vocabulary_db(db: Database) -> Database:
    """An empty catalogue with the vocabulary of tests/catalogue/fixtures/skills.json."""
    load_vocabulary_file(db, VOCABULARY)
    return db


def stored_skill_keys(db: Database, external_id: str) -> list[str | None]:
    with db.session() as session:
        record = get_by_external_id(session, external_id)
        assert record is not None
        return [skill.key for skill in record.skills]


# --- names as JSON-LD language maps -------------------------------------------------------------


def test_language_maps_in_the_catalogue() -> None:
    creator = {"id": "https://badges.example.org/issuers/1", "type": ["Profile"]}
    record = parse_badge(
        achievement(
            name=BILINGUAL,
            description={"en": "Lifts loads safely.", "fr": "Soulève des charges en sécurité."},
            creator={**creator, "name": {"en": "Safety Board", "fr": "Commission de la sécurité"}},
        )
    )
    assert record.name == BILINGUAL_TEXT
    assert record.description == {"en": "Lifts loads safely.", "fr": "Soulève des charges en sécurité."}
    assert record.provider is not None
    assert record.provider.name == {"en": "Safety Board", "fr": "Commission de la sécurité"}


def test_value_objects_and_the_language_of_plain_strings() -> None:
    objects = [{"@value": "Soudage", "@language": "fr-CA"}, {"@value": "Welding", "@language": "en"}]
    assert read_badge(achievement(name=objects)).name == {"fr": "Soudage", "en": "Welding"}
    assert read_badge(achievement(name="Soudage", inLanguage="fr-CA")).name == {"fr": "Soudage"}
    assert read_badge(achievement(name="Soldadura", inLanguage="es")).name == {"en": "Soldadura"}
    # A map in neither of our languages keeps its first text rather than losing the name.
    assert read_badge(achievement(name={"de": "Schweißen"})).name == {"en": "Schweißen"}
    # The criteria narrative stands in for a missing description, in its language.
    record = parse_badge(achievement(description=None, criteria={"narrative": {"fr": "Réussir."}}))
    assert record.description == {"fr": "Réussir."}


def test_language_map_names_in_the_wallet(wallet_db: Database) -> None:
    data = json.dumps(credential(achievement(name=BILINGUAL))).encode()
    with wallet_db.session() as session:
        entry = import_badge(UnitOfWork(session), "telegram:5", data)
        assert entry.title == BILINGUAL_TEXT and entry.credential is None
        row = session.scalars(select(models.EarnedCredential)).one()
        assert row.title == "Safe lifting" and row.evidence["name"] == BILINGUAL_TEXT
        assert row.evidence["description"] == "Lifts and carries loads without injury."


# --- alignments naming a vocabulary key --------------------------------------------------------

ALIGNMENTS = [
    {
        "type": ["Alignment"],
        "targetName": "Programming in Python",
        "targetCode": "python",
        "targetFramework": "credbot skills",
        "targetType": "CFItem",
    },
    {
        "type": ["Alignment"],
        "targetName": "Running projects",
        "targetUrl": "https://skills.example.org/framework/project-management/",
    },
    {
        "type": ["Alignment"],
        "targetName": "Knot tying",
        "targetCode": "KT-7",
        "targetUrl": "https://skills.example.org/framework/knots?lang=en",
    },
]


def test_alignment_codes_are_kept_for_the_catalogue() -> None:
    skills = parse_badge(achievement(alignment=ALIGNMENTS)).skills
    assert [(skill.key, skill.codes) for skill in skills] == [
        (None, ("python",)),
        (None, ("project-management",)),
        (None, ("KT-7", "knots")),
    ]
    # Our URNs stay keys; codes are hints, left out of comparisons.
    urn = {"targetName": "Statistics", "targetUrl": "urn:credbot:skill:statistics"}
    (skill,) = parse_badge(achievement(alignment=[urn])).skills
    assert (skill.key, skill.codes) == ("statistics", ())
    assert SkillRef({"en": "Python"}, None, ("python",)) == SkillRef({"en": "Python"})


def test_alignment_codes_link_vocabulary_skills_on_import(vocabulary_db: Database, tmp_path: Path) -> None:
    only_codes = [{"type": ["Alignment"], "targetCode": "data-analysis"}, {"targetCode": "ZZ-1"}]
    path = write(tmp_path, achievement(alignment=[*ALIGNMENTS, *only_codes]))
    report = import_files(vocabulary_db, [path])
    assert report.problems == []
    # python and project-management by code, knots as a new skill, data-analysis by its code alone;
    # a code that is no key and has no name adds nothing.
    assert stored_skill_keys(vocabulary_db, LIFTING_ID) == [
        "python",
        "project-management",
        "knot-tying",
        "data-analysis",
    ]
    assert report.skills_created == 1


def test_alignment_codes_link_vocabulary_skills_in_the_wallet(wallet_db: Database) -> None:
    urn = {"type": ["Alignment"], "targetName": "Stats", "targetUrl": "urn:credbot:skill:statistics"}
    data = json.dumps(credential(achievement(alignment=[*ALIGNMENTS, urn]))).encode()
    with wallet_db.session() as session:
        entry = import_badge(UnitOfWork(session), "telegram:6", data)
        assert [(skill.key, skill.label.get("en")) for skill in entry.skills] == [
            ("python", "Python programming"),
            ("project-management", "Project management"),
            (None, "Knot tying"),
            ("statistics", "Statistics"),
        ]
        row = session.scalars(select(models.EarnedCredential)).one()
        # The evidence keeps the alignments as Open Badges fields, as before.
        assert row.evidence["alignments"] == [
            {
                "targetName": "Programming in Python",
                "targetCode": "python",
                "targetFramework": "credbot skills",
            },
            {
                "targetName": "Running projects",
                "targetUrl": "https://skills.example.org/framework/project-management/",
            },
            {
                "targetName": "Knot tying",
                "targetUrl": "https://skills.example.org/framework/knots?lang=en",
                "targetCode": "KT-7",
            },
            {"targetName": "Stats", "targetUrl": "urn:credbot:skill:statistics"},
        ]


# --- an OB 2.0 assertion whose badge is only a URL ---------------------------------------------


def test_url_badge_in_the_catalogue_is_a_record_without_a_name(db: Database, tmp_path: Path) -> None:
    document = assertion("https://college.example/badges/first-aid")
    assert looks_like_openbadges(document)
    result = read_openbadges(document, "assertion.json")
    assert result.problems == []
    (parsed,) = result.records
    assert (parsed.record.external_id, parsed.record.name) == ("https://college.example/badges/first-aid", {})
    report = import_files(db, [write(tmp_path, document)])
    assert [(problem.record, problem.field) for problem in report.problems] == [
        ("https://college.example/badges/first-aid", "name")
    ]


def test_url_badge_in_the_wallet_is_matched_by_id(wallet_db: Database) -> None:
    with wallet_db.session() as session:
        entry = import_badge(
            UnitOfWork(session), "telegram:7", json.dumps(assertion("https://catalogue.example/pm")).encode()
        )
        assert entry.external_id == "cred:pm" and entry.earned_on == dt.date(2025, 11, 3)
        row = session.scalars(select(models.EarnedCredential)).one()
        assert row.evidence["format"] == "ob2"
        assert row.evidence["credential_id"] == "https://college.example/assertions/7"
        # Not in the catalogue and without a name: nothing to keep.
        with pytest.raises(BadgeImportError) as refused:
            import_badge(
                UnitOfWork(session),
                "telegram:7",
                json.dumps(assertion("https://elsewhere.example/b/1")).encode(),
            )
        assert refused.value.reason == "no_achievement"


# --- the shapes read before --------------------------------------------------------------------


def test_vc_jwt_with_a_vc_claim() -> None:
    inner = credential(achievement())
    for key in ("issuer", "id", "validFrom"):
        del inner[key]
    payload = {
        "vc": inner,
        "iss": "https://badges.example.org/issuers/1",
        "nbf": 1767225600,
        "jti": "urn:uuid:1",
    }
    obj, from_jwt = decode_badge_bytes(jwt(payload))
    assert from_jwt and obj["issuer"] == "https://badges.example.org/issuers/1"
    badge = read_badge(obj, from_jwt)
    assert (badge.format, badge.achievement_id, badge.credential_id) == ("ob3-jwt", LIFTING_ID, "urn:uuid:1")
    assert badge.earned_on == dt.date(2026, 1, 1)
    assert (badge.issuer_id, badge.issuer_name) == ("https://badges.example.org/issuers/1", None)


def test_vc_jose_payload_is_the_credential() -> None:
    obj, from_jwt = decode_badge_bytes(jwt(credential(achievement())))
    badge = read_badge(obj, from_jwt)
    assert badge.format == "ob3-jwt" and badge.earned_on == dt.date(2026, 2, 10)
    assert badge.issuer_name == "Safety Board"
    plain = read_badge(*decode_badge_bytes(json.dumps(credential(achievement())).encode()))
    assert plain.format == "ob3"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"{not json", "malformed"),
        (b"aaa.%%%.bbb", "malformed"),
        (b"[1, 2]", "not_a_badge"),
        (b" " * (2 * 1024 * 1024 + 1), "too_large"),
    ],
)
def test_undecodable_files(data: bytes, reason: str) -> None:
    with pytest.raises(BadgeError) as refused:
        decode_badge_bytes(data)
    assert refused.value.reason == reason


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ({"name": "a shopping list", "items": ["milk"]}, "not_a_badge"),
        ({"type": ["VerifiableCredential", "OpenBadgeCredential"]}, "no_achievement"),
        ({"type": "Assertion", "recipient": {"identity": "x@example.org"}}, "no_achievement"),
    ],
)
def test_documents_that_are_no_badge(document: dict[str, Any], reason: str) -> None:
    with pytest.raises(BadgeError) as refused:
        read_badge(document)
    assert refused.value.reason == reason


def test_issuer_awards_creator_provides() -> None:
    """The wallet shows who awarded a badge; the catalogue lists who defined it."""
    creator = {"id": "https://college.example", "type": ["Profile"], "name": "College"}
    badge = read_badge(credential(achievement(creator=creator)))
    assert (badge.issuer_name, badge.issuer_id) == ("Safety Board", "https://badges.example.org/issuers/1")
    record = parse_badge(credential(achievement(creator=creator)))
    assert record.provider is not None and record.provider.external_id == "https://college.example"


def test_ob2_badge_class() -> None:
    badge_class = {
        "@context": OB2_CONTEXT,
        "type": "BadgeClass",
        "id": "https://college.example/badges/first-aid",
        "name": "First aid",
        "description": "Gives basic first aid.",
        "image": "https://college.example/badges/first-aid.png",
        "criteria": "https://college.example/criteria/first-aid",
        "issuer": "https://college.example/issuer.json",
        "tags": ["health", "safety"],
        "alignment": [{"targetName": "First aid", "targetUrl": "urn:credbot:skill:first-aid"}],
    }
    badge = read_badge(badge_class)
    assert badge.format == "achievement"
    record = parse_badge(badge_class)
    assert (record.name, record.url) == ({"en": "First aid"}, "https://college.example/criteria/first-aid")
    assert record.provider is not None
    assert record.provider.external_id == "https://college.example/issuer.json"
    assert record.keywords == {"en": ["health", "safety"]}
    assert [skill.key for skill in record.skills] == ["first-aid"]
    # Embedded in an assertion it is the same achievement, earned.
    earned = read_badge(assertion(badge_class))
    assert (earned.format, earned.name, earned.earned_on) == (
        "ob2",
        {"en": "First aid"},
        dt.date(2025, 11, 3),
    )


def test_ob2_badge_class_alone_is_no_earned_badge(wallet_db: Database) -> None:
    document = {"type": "BadgeClass", "id": "https://college.example/badges/x", "name": "X"}
    with wallet_db.session() as session, pytest.raises(BadgeImportError) as refused:
        import_badge(UnitOfWork(session), "telegram:8", json.dumps(document).encode())
    assert refused.value.reason == "not_a_badge"


def test_bilingual_twins_merge_with_their_codes() -> None:
    english = achievement(
        id="https://badges.example.org/achievements/lifting-en",
        inLanguage="en",
        alignment=[
            {"targetName": "Lifting", "targetUrl": "https://skills.example.org/framework/lifting"},
            {"targetName": "Python", "targetCode": "python"},
        ],
        related=[{"id": "https://badges.example.org/achievements/lifting-fr", "type": ["Related"]}],
    )
    french = achievement(
        id="https://badges.example.org/achievements/lifting-fr",
        inLanguage="fr",
        name="Levage sécuritaire",
        description="Soulève des charges sans blessure.",
        alignment=[
            {"targetName": "Python (fr)", "targetCode": "python"},
            {"targetName": "Levage", "targetUrl": "https://skills.example.org/framework/lifting"},
        ],
        related=[{"id": "https://badges.example.org/achievements/lifting-en", "type": ["Related"]}],
    )
    for documents in ([english, french], [french, english]):
        (parsed,) = read_openbadges(documents).records
        record = parsed.record
        assert record.external_id.endswith("lifting-en") and record.languages == ["en", "fr"]
        assert record.name == BILINGUAL_TEXT
        assert [(skill.label, skill.codes) for skill in record.skills] == [
            ({"en": "Lifting", "fr": "Levage"}, ("lifting",)),
            ({"en": "Python", "fr": "Python (fr)"}, ("python",)),
        ]

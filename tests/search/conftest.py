from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.credential import (
    CredentialRecord,
    ProviderRecord,
    SkillConcept,
    SkillRef,
    Vocabulary,
)
from bot.search.index import SearchIndex

LAVAL = ProviderRecord("laval", {"en": "Université Laval", "fr": "Université Laval"})
NORTH = ProviderRecord("north", {"en": "Northern College", "fr": "Collège du Nord"})

VOCABULARY = Vocabulary(
    skills=[
        SkillConcept(
            "cybersecurity",
            {"en": "Cybersecurity", "fr": "Cybersécurité"},
            {"en": ["information security", "IT security"], "fr": ["sécurité informatique"]},
            ["infosec"],
        ),
        SkillConcept(
            "accounting",
            {"en": "Accounting", "fr": "Comptabilité"},
            {"en": ["bookkeeping"], "fr": ["tenue de livres"]},
        ),
        SkillConcept(
            "palliative-care",
            {"en": "Palliative care", "fr": "Soins palliatifs"},
            {"en": ["end-of-life care"], "fr": ["soins de fin de vie"]},
        ),
        SkillConcept(
            "gis",
            {"en": "Geographic information systems", "fr": "Systèmes d'information géographique"},
            {"en": ["geospatial analysis"], "fr": ["géomatique"]},
            ["GIS", "SIG"],
        ),
        SkillConcept(
            "it",
            {"en": "Information technology", "fr": "Technologies de l'information"},
            {},
            ["IT", "TI"],
        ),
        SkillConcept(
            "project-management",
            {"en": "Project management", "fr": "Gestion de projet"},
            {},
            ["PM"],
        ),
    ]
)


def credential(
    number: int,
    name: dict[str, str],
    *,
    description: dict[str, str] | None = None,
    skills: list[SkillRef] | None = None,
    keywords: dict[str, list[str]] | None = None,
    languages: list[str] | None = None,
    hours: float | None = 20,
    cost: Decimal | None = Decimal("100"),
    delivery: str = "online",
    provider: ProviderRecord = LAVAL,
) -> CredentialRecord:
    return CredentialRecord(
        id=number,
        external_id=f"c{number}",
        name=name,
        description=description or {},
        skills=skills or [],
        keywords=keywords or {},
        languages=languages or list(name),
        hours=hours,
        cost=cost,
        delivery=delivery,
        provider=provider,
    )


def sample_credentials() -> list[CredentialRecord]:
    return [
        credential(1, {"en": "Cybersecurity Fundamentals"}, description={"en": "Protect networks."}),
        credential(
            2,
            {"fr": "Comptabilité de base"},
            description={"fr": "Les bases de la comptabilité pour les PME."},
            hours=12,
            cost=Decimal("0"),
        ),
        credential(3, {"en": "Palliative Care Essentials"}, hours=30, delivery="in_person"),
        credential(
            4,
            {"en": "Bookkeeping for Small Business"},
            skills=[SkillRef({"en": "Accounting", "fr": "Comptabilité"}, "accounting")],
            hours=8,
            cost=Decimal("250"),
            provider=NORTH,
        ),
        credential(5, {"en": "Introduction to GIS", "fr": "Introduction aux SIG"}, hours=15),
        credential(
            6,
            {"en": "Project Management", "fr": "Gestion de projet"},
            description={"en": "Plan and deliver projects."},
        ),
        credential(
            7,
            {"en": "Leadership for Managers"},
            description={"en": "Includes a module on project management."},
        ),
        credential(8, {"en": "E-commerce Strategy", "fr": "Stratégie de commerce électronique"}),
        credential(9, {"fr": "L'analyse de données"}, keywords={"fr": ["données", "statistiques"]}),
        credential(10, {"en": "Food Safety"}, keywords={"en": ["hygiene"]}),
        credential(11, {"fr": "Sécurité alimentaire"}, keywords={"fr": ["hygiène"]}),
        credential(12, {"en": "Data Analysis"}, keywords={"en": ["data", "statistics"]}),
    ]


@pytest.fixture(scope="session")
def index() -> SearchIndex:
    return SearchIndex.build(sample_credentials(), VOCABULARY)

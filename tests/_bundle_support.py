"""Test support for bundles and the wallet: a small bilingual catalogue written straight into the
store (the importer's write side is not needed for these tests)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from bot.store import models
from bot.store.db import Database

SKILLS = [
    # key, en, fr, synonyms, abbreviations, subject
    ("python", "Python programming", "Programmation Python", {"en": ["python"]}, [], "data"),
    ("sql", "SQL", "SQL", {"en": ["structured query language"], "fr": ["langage SQL"]}, [], "data"),
    (
        "data-visualisation",
        "Data visualisation",
        "Visualisation des données",
        {"en": ["data visualization", "dataviz"], "fr": ["dataviz"]},
        [],
        "data",
    ),
    ("statistics", "Statistics", "Statistiques", {}, [], "data"),
    ("machine-learning", "Machine learning", "Apprentissage automatique", {}, ["ML"], "data"),
    ("project-management", "Project management", "Gestion de projet", {}, ["PM"], "management"),
    (
        "accessibility",
        "Web accessibility",
        "Accessibilité du Web",
        {"en": ["a11y"]},
        ["WCAG"],
        "web",
    ),
]

OCCUPATIONS = [
    (
        "data-analyst",
        "Data analyst",
        "Analyste de données",
        {"en": ["data analytics specialist"], "fr": ["analyste des données"]},
        ["python", "sql", "data-visualisation", "statistics"],
    ),
]

# external id, en, fr, skills, hours, cost, currency, languages, delivery, provider, subject
CREDENTIALS = [
    (
        "cred:py-basics",
        "Python basics",
        "Bases de Python",
        ["python"],
        10,
        "100",
        "CAD",
        ["en", "fr"],
        "online",
        "prov:a",
        "Data",
    ),
    (
        "cred:sql-fr",
        "SQL for analysts",
        "SQL pour analystes",
        ["sql"],
        5,
        "50",
        "CAD",
        ["fr"],
        "online",
        "prov:b",
        "Data",
    ),
    (
        "cred:viz",
        "Visual stories",
        "Récits visuels",
        ["data-visualisation", "statistics"],
        12,
        "200",
        "CAD",
        ["en", "fr"],
        "in_person",
        "prov:a",
        "Data",
    ),
    (
        "cred:analyst",
        "Data analyst certificate",
        "Certificat d'analyste",
        ["python", "sql", "data-visualisation", "statistics"],
        40,
        "900",
        "CAD",
        ["en"],
        "online",
        "prov:b",
        "Data",
    ),
    (
        "cred:stats-cheap",
        "Statistics refresher",
        "Statistiques: rappel",
        ["statistics"],
        12,
        "20",
        "CAD",
        ["en"],
        "online",
        "prov:a",
        "Data",
    ),
    (
        "cred:pm",
        "Project management",
        "Gestion de projet",
        ["project-management"],
        20,
        "300",
        "CAD",
        ["en", "fr"],
        "blended",
        "prov:c",
        "Management",
    ),
    (
        "cred:a11y",
        "Accessible web",
        "Web accessible",
        ["accessibility"],
        8,
        "0",
        "CAD",
        ["fr"],
        "online",
        "prov:c",
        None,
    ),
]

PROVIDERS = {
    "prov:a": ("College A", "Collège A"),
    "prov:b": ("University B", "Université B"),
    "prov:c": ("Institute C", "Institut C"),
}


def populate(db: Database) -> None:
    with db.session() as session:
        skills = {}
        for key, en, fr, synonyms, abbreviations, subject in SKILLS:
            skills[key] = models.Skill(
                key=key,
                label_en=en,
                label_fr=fr,
                synonyms=synonyms,
                abbreviations=abbreviations,
                subject=subject,
            )
            session.add(skills[key])
        session.add(models.Subject(key="data", label_en="Data", label_fr="Données"))
        session.add(models.Subject(key="management", label_en="Management", label_fr="Gestion"))
        session.add(models.Subject(key="web", label_en="Web", label_fr="Web"))
        for key, en, fr, synonyms, skill_keys in OCCUPATIONS:
            session.add(
                models.Occupation(key=key, label_en=en, label_fr=fr, synonyms=synonyms, skills=skill_keys)
            )
        providers = {}
        for key, (en, fr) in PROVIDERS.items():
            providers[key] = models.Provider(
                external_id=key, name_en=en, name_fr=fr, url=f"https://{key[5:]}.example"
            )
            session.add(providers[key])
        for (
            external_id,
            en,
            fr,
            skill_keys,
            hours,
            cost,
            currency,
            languages,
            delivery,
            provider,
            subject,
        ) in CREDENTIALS:
            row = models.Credential(
                external_id=external_id,
                name_en=en,
                name_fr=fr,
                hours=float(hours),
                cost=Decimal(cost),
                currency=currency,
                languages=languages,
                delivery=delivery,
                provider=providers[provider],
                url=f"https://catalogue.example/{external_id.split(':')[1]}",
                subjects=[{"en": subject, "fr": subject}] if subject else [],
            )
            row.skill_links = [
                models.CredentialSkill(skill=skills[key], position=position)
                for position, key in enumerate(skill_keys)
            ]
            session.add(row)


def make_db(tmp_path: Path) -> Database:
    db = Database(f"sqlite:///{tmp_path / 'credbot.sqlite3'}")
    populate(db)
    return db

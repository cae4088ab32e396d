"""Goals in words on a catalogue that does not use the vocabulary's skill keys: the vocabulary's
skills are bridged to the competencies the catalogue teaches."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.bundles.planner import plan_bundle
from bot.bundles.solver import BundleSolver
from bot.domain.credential import CredentialRecord, Occupation, SkillConcept, SkillRef, Vocabulary

VOCABULARY = Vocabulary(
    skills=[
        SkillConcept(
            "python", {"en": "python programming", "fr": "programmation python"}, {"fr": ["python"]}
        ),
        SkillConcept("sql", {"en": "structured query language", "fr": "langage SQL"}, {}, ["SQL"]),
        SkillConcept("data-visualisation", {"en": "data visualization", "fr": "visualisation de données"}),
        SkillConcept("statistics", {"en": "statistics", "fr": "statistiques"}),
        SkillConcept("data-cleaning", {"en": "data cleaning", "fr": "nettoyage de données"}),
        SkillConcept("blockchain", {"en": "blockchain", "fr": "chaîne de blocs"}),
    ],
    occupations=[
        Occupation(
            "data-analyst",
            {"en": "data analyst", "fr": "analyste de données"},
            skills=["python", "sql", "data-visualisation", "statistics", "data-cleaning"],
        ),
        Occupation(
            "blockchain-developer",
            {"en": "blockchain developer", "fr": "développeur de chaînes de blocs"},
            skills=["blockchain", "python"],
        ),
    ],
)


def _credential(
    external_id: str, title: str, skills: dict[str, dict[str, str]], hours: float
) -> CredentialRecord:
    return CredentialRecord(
        external_id=external_id,
        name={"en": title},
        skills=[SkillRef(label, key) for key, label in skills.items()],
        hours=hours,
        cost=Decimal(100),
        languages=["en"],
        delivery="online",
    )


# The network's own competencies: none is a vocabulary key.
CATALOGUE = [
    _credential(
        "c:sql",
        "Data Analytics with SQL",
        {
            "query-sql": {"en": "Query relational databases with SQL"},
            "descriptive-stats": {"en": "Apply descriptive statistics to a dataset"},
        },
        40,
    ),
    _credential(
        "c:py",
        "Automatiser son travail",
        {"py-scripts": {"fr": "Écrire des scripts Python pour automatiser des tâches courantes"}},
        20,
    ),
    _credential(
        "c:viz",
        "Dashboards",
        {"viz": {"en": "Design clear data visualizations for decision makers"}},
        15,
    ),
    _credential(
        "c:clean",
        "Data Cleaning and Preparation",
        {"clean": {"en": "Clean and prepare raw data for analysis"}},
        10,
    ),
    _credential(
        "c:carbon",
        "Carbon footprint",
        {
            "carbon": {
                "en": "Measure and report the carbon footprint of an organisation with carbon accounting "
                "standards and greenhouse gas inventory protocols"
            }
        },
        10,
    ),
]


@pytest.fixture
def solver() -> BundleSolver:
    return BundleSolver(CATALOGUE, VOCABULARY)


@pytest.mark.parametrize("goal", ["data analyst", "je veux devenir analyste de données"])
def test_an_occupation_of_the_vocabulary_is_bundled_from_the_catalogues_own_competencies(
    solver: BundleSolver, goal: str
) -> None:
    plan = plan_bundle(solver, goal=goal)
    assert plan.feasible
    assert sorted(item.credential.external_id for item in plan.items) == ["c:clean", "c:py", "c:sql", "c:viz"]
    assert plan.requested == ["py-scripts", "query-sql", "viz", "descriptive-stats", "clean"]
    assert not plan.not_offered
    # What the words were taken to mean is said in the vocabulary's words.
    assert [m.label["en"] for m in plan.matches][:2] == ["python programming", "structured query language"]


def test_a_skill_the_catalogue_does_not_teach_is_said_not_offered(solver: BundleSolver) -> None:
    plan = plan_bundle(solver, goal="bundle for blockchain developer")
    assert not plan.feasible
    assert plan.not_offered == ["blockchain"]
    assert plan.closest is not None
    assert [item.credential.external_id for item in plan.closest.items] == ["c:py"]


def test_a_word_lost_in_a_long_competency_is_not_a_bridge(solver: BundleSolver) -> None:
    assert solver.bridged("statistics") == "descriptive-stats"
    accounting = SkillConcept("accounting", {"en": "accounting", "fr": "comptabilité"})
    vocabulary = Vocabulary(skills=[*VOCABULARY.skills, accounting])
    assert BundleSolver(CATALOGUE, vocabulary).bridged("accounting") == "accounting"


def test_a_field_still_offers_a_vocabulary_goal_whose_skills_the_catalogue_renamed() -> None:
    from dataclasses import replace

    from bot.domain.credential import Subject

    skills = [replace(skill, subject="data") for skill in VOCABULARY.skills]
    vocabulary = replace(
        VOCABULARY, skills=skills, subjects=[Subject("data", {"en": "Data and Analytics", "fr": "Données"})]
    )
    # The catalogue names the occupation: its skills become the catalogue's own competencies.
    named = replace(CATALOGUE[0], occupations=[{"en": "Data analyst"}])
    solver = BundleSolver([named, *CATALOGUE[1:]], vocabulary)
    assert solver.matcher.occupations["data-analyst"].skills == ["query-sql", "descriptive-stats"]
    plan = plan_bundle(solver, goal="I want to work in analytics")
    assert plan.goal_words == ["analytics"] and "data-analyst" in plan.suggestions

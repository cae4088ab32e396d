"""Skills named explicitly are names, never sentences; free text keeps known names whole before
reading limits; every skill and occupation the catalogue names is understood."""

from __future__ import annotations

from bot.bundles.planner import plan_bundle
from bot.bundles.solver import BundleSolver
from bot.bundles.views import plan_to_dict
from bot.domain.credential import CredentialRecord, Occupation, SkillConcept, SkillRef, Vocabulary


def _credential(ext: str, skills: list[str], hours: float, **extra: object) -> CredentialRecord:
    return CredentialRecord(
        external_id=ext,
        name={"en": ext},
        skills=[SkillRef({"en": key.replace("-", " ")}, key) for key in skills],
        hours=hours,
        languages=["en"],
        delivery="in_person",
        **extra,  # type: ignore[arg-type]
    )


VOCABULARY = Vocabulary(
    skills=[
        SkillConcept(
            "use-quickbooks-online", {"en": "Use QuickBooks Online", "fr": "Utiliser QuickBooks en ligne"}
        ),
        SkillConcept("quickbooks-online", {"en": "QuickBooks Online"}),
        SkillConcept("payroll", {"en": "payroll", "fr": "paie"}),
        SkillConcept("sql", {"en": "SQL"}),
        SkillConcept("statistics", {"en": "statistics", "fr": "statistiques"}),
        SkillConcept("cybersecurity", {"en": "cybersecurity", "fr": "cybersécurité"}),
        SkillConcept("cpr", {"en": "Perform CPR on adults, children and infants"}),
        # An ESCO-like skill no credential teaches (nor names), spelt close to an offered one.
        SkillConcept("esco:payroll-law", {"en": "payroll lawe"}, uris=["http://data.europa.eu/esco/skill/x"]),
    ],
    occupations=[
        Occupation("esco:bookkeeper", {"en": "bookkeeper", "fr": "commis comptable"}, skills=[]),
    ],
)

CREDENTIALS = [
    _credential("qbo-1", ["use-quickbooks-online"], 10),
    _credential("qbo-2", ["quickbooks-online"], 8),
    _credential("pay-1", ["payroll"], 6, occupations=[{"en": "Bookkeeper"}]),
    _credential("qbo-3", ["quickbooks-online", "payroll"], 20, occupations=[{"fr": "Commis comptable"}]),
    _credential("sql-1", ["sql"], 5, occupations=[{"en": "Data Analyst", "fr": "Analyste de données"}]),
    _credential("cpr-1", ["cpr"], 4),
    _credential("stat-1", ["statistics"], 7, occupations=[{"en": "data analyst"}]),
]


def _solver() -> BundleSolver:
    return BundleSolver(CREDENTIALS, VOCABULARY)


def test_a_named_skill_is_matched_whole_and_no_limit_is_read_out_of_it() -> None:
    plan = plan_bundle(_solver(), skills=["Use QuickBooks Online"])
    assert plan.requested == ["use-quickbooks-online"]
    assert plan.constraints.online is False
    assert plan.feasible and [item.credential.external_id for item in plan.items] == ["qbo-1"]
    assert plan.unknown_words == [] and plan.not_understood == []


def test_a_named_skill_with_a_comma_in_it_is_one_skill_and_a_list_is_still_split() -> None:
    plan = plan_bundle(_solver(), skills=["Perform CPR on adults, children and infants"])
    assert plan.requested == ["cpr"] and plan.not_understood == [] and plan.feasible
    plan = plan_bundle(_solver(), skills=["SQL, payroll"])
    assert plan.requested == ["sql", "payroll"] and plan.feasible


def test_a_named_skill_with_a_typo_is_matched_fuzzily_among_offered_skills_only() -> None:
    plan = plan_bundle(_solver(), skills=["payroll lawe"])  # exact for the ESCO-like one
    assert plan.requested == ["esco:payroll-law"]
    assert plan.not_offered == ["esco:payroll-law"] and not plan.feasible
    plan = plan_bundle(_solver(), skills=["payrolll"])  # fuzzy: only offered skills
    assert plan.requested == ["payroll"] and plan.feasible


def test_a_known_skill_no_credential_teaches_is_listed_as_not_offered() -> None:
    data = plan_to_dict(plan_bundle(_solver(), skills=["cybersecurity"]))
    assert data["feasible"] is False and data["not_offered"] == ["cybersecurity"]
    assert data["uncovered"] == ["cybersecurity"]


def test_free_text_keeps_a_known_name_whole_before_reading_limits() -> None:
    plan = plan_bundle(_solver(), goal="bundle for QuickBooks Online and payroll")
    assert plan.requested == ["quickbooks-online", "payroll"]
    assert plan.constraints.online is False
    assert plan.feasible
    # A limit outside the name is still read.
    plan = plan_bundle(_solver(), goal="QuickBooks Online and payroll, online")
    assert plan.requested == ["quickbooks-online", "payroll"] and plan.constraints.online is True


def test_an_occupation_named_by_credentials_covers_their_skills() -> None:
    plan = plan_bundle(_solver(), goal="bundle for data analyst")
    assert plan.requested == ["sql", "statistics"]
    assert plan.feasible and {i.credential.external_id for i in plan.items} == {"sql-1", "stat-1"}
    # Named in French by one credential, in English by another: one occupation.
    plan = plan_bundle(_solver(), goal="je veux devenir analyste de données")
    assert plan.requested == ["sql", "statistics"]


def test_a_vocabulary_occupation_without_skills_takes_those_of_the_credentials_naming_it() -> None:
    solver = _solver()
    assert solver.matcher.occupations["esco:bookkeeper"].skills == ["payroll", "quickbooks-online"]
    plan = plan_bundle(solver, goal="bookkeeper")
    assert set(plan.requested) == {"payroll", "quickbooks-online"} and plan.feasible

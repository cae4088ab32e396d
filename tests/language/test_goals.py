"""Goals named loosely, on the shipped vocabulary: job titles in either gender and another word
form, bare job nouns and fields give the closest goals, in English and in French."""

from __future__ import annotations

import pytest

from bot import PROJECT_ROOT
from bot.formats.vocabulary import read_vocabulary_file
from bot.language.goals import word_keys
from bot.language.skills import SkillMatcher, parse_request


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return SkillMatcher(read_vocabulary_file(PROJECT_ROOT / "catalogue_data" / "skills.json"))


@pytest.mark.parametrize(
    ("feminine", "masculine"),
    [
        ("infirmière", "infirmier"),
        ("technicienne", "technicien"),
        ("programmeuse", "programmeur"),
        ("éducatrice", "éducateur"),
        ("préposée", "préposé"),
        ("conseillère", "conseiller"),
        ("intervenante", "intervenant"),
    ],
)
def test_feminine_job_words_meet_their_masculine_form(feminine: str, masculine: str) -> None:
    from bot.language.text import fold

    assert word_keys(fold(feminine)) & word_keys(fold(masculine))


@pytest.mark.parametrize(
    ("goal", "occupation"),
    [
        ("je veux devenir commis comptable", "bookkeeper"),  # "commis à la comptabilité"
        ("technicienne comptable", "accounting-technician"),  # "technicien comptable"
        ("je veux devenir programmeuse", "software-developer"),
        ("préposée aux bénéficiaires", "personal-support-worker"),
        ("je veux devenir préposé aux bénéficiaires", "personal-support-worker"),
        ("coordonnatrice de projet, en ligne", "project-coordinator"),
        ("bundle for data analyst", "data-analyst"),
        ("je veux devenir analyste de données", "data-analyst"),
    ],
)
def test_a_job_title_in_either_gender_or_word_form_is_the_goal(
    matcher: SkillMatcher, goal: str, occupation: str
) -> None:
    request, _limits = parse_request(matcher, goal)
    assert request.occupations == [occupation]
    assert request.unknown_words == [] and request.suggestions == []


@pytest.mark.parametrize(
    ("goal", "words", "closest"),
    [
        ("je veux devenir infirmière", ["infirmière"], {"practical-nurse", "palliative-care-nurse"}),
        ("bundle for nurse", ["nurse"], {"practical-nurse", "palliative-care-nurse"}),
        ("I want to work in healthcare", ["healthcare"], {"personal-support-worker", "practical-nurse"}),
        ("je veux travailler en santé", ["santé"], {"personal-support-worker", "practical-nurse"}),
    ],
)
def test_a_bare_job_or_a_field_gives_the_closest_goals_and_no_skill(
    matcher: SkillMatcher, goal: str, words: list[str], closest: set[str]
) -> None:
    request, _limits = parse_request(matcher, goal)
    assert request.skills == [] and request.unknown_words == []
    assert request.goal_words == words
    assert closest <= set(request.suggestions)
    assert len(request.suggestions) <= 6


def test_a_field_offers_its_own_jobs_first(matcher: SkillMatcher) -> None:
    request, _limits = parse_request(matcher, "je veux travailler en santé")
    # "Soins de santé" is named better than "Santé et sécurité au travail", whose jobs (a site
    # supervisor) are not offered for « santé » at all.
    assert request.suggestions == ["personal-support-worker", "practical-nurse"]


@pytest.mark.parametrize(
    ("goal", "skill"),
    [("technicienne en paie", "payroll"), ("I want to become a payroll clerk", "payroll")],
)
def test_a_goal_recognised_in_part_keeps_its_skills_and_offers_jobs_that_need_them(
    matcher: SkillMatcher, goal: str, skill: str
) -> None:
    request, _limits = parse_request(matcher, goal)
    assert request.skills == [skill]
    assert "bookkeeper" in request.suggestions[:2]


def test_a_goal_recognised_whole_offers_nothing_else(matcher: SkillMatcher) -> None:
    request, _limits = parse_request(matcher, "python and SQL under 40 hours")
    assert request.skills == ["python", "sql"] and request.suggestions == []


@pytest.mark.parametrize(
    ("key", "typed", "name"),
    [
        ("accounting-technician", ["technicienne"], "technicienne en comptabilité"),
        ("accounting-technician", ["technicien"], None),  # the label already says it
        ("practical-nurse", ["infirmier"], "infirmier auxiliaire"),
        ("practical-nurse", ["infirmière"], "infirmière auxiliaire"),
        ("bookkeeper", ["commis"], None),  # no gender in the words: the label
        ("personal-support-worker", ["santé"], None),
    ],
)
def test_goal_names_follow_the_gender_the_learner_wrote(
    matcher: SkillMatcher, key: str, typed: list[str], name: str | None
) -> None:
    from bot.language.goals import gendered_name

    assert gendered_name(matcher.occupations[key], "fr", typed) == name


@pytest.mark.parametrize(
    ("goal", "word"), [("bundle for nurss", "nurss"), ("je veux devenir infirmire", "infirmire")]
)
def test_a_job_word_with_a_typo_still_points_to_goals(matcher: SkillMatcher, goal: str, word: str) -> None:
    request, _limits = parse_request(matcher, goal)
    assert request.goal_words == [word] and request.unknown_words == []
    assert {"practical-nurse", "palliative-care-nurse"} <= set(request.suggestions)


def test_words_that_name_no_goal_are_unknown_and_suggest_nothing(matcher: SkillMatcher) -> None:
    request, _limits = parse_request(matcher, "I want to become an astronaut")
    assert request.unknown_words == ["astronaut"] and request.suggestions == []


def test_a_goal_recognised_whole_with_other_words_offers_no_other_goal(matcher: SkillMatcher) -> None:
    request, _limits = parse_request(matcher, "parcours pour analyste de données, technicienne")
    assert request.occupations == ["data-analyst"]
    assert request.suggestions == [] and request.goal_words == []
    assert "technicienne" in request.unknown_words

"""The language packs: one registry, read by every parser and by the formatting."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot import i18n
from bot.formats.common import LANGS
from bot.language.packs import DEFAULT_LANGUAGE, LANGUAGES, PACKS, alternation, pack
from bot.language.text import QUERY_NOISE, STOP_WORDS, stem, stems
from bot.language.understanding import understand


def test_the_registry_is_what_i18n_and_the_readers_support() -> None:
    assert LANGUAGES == tuple(PACKS) == ("en", "fr")
    assert i18n.SUPPORTED == LANGUAGES and LANGS == LANGUAGES
    assert i18n.DEFAULT == DEFAULT_LANGUAGE
    assert [str(i18n.babel_locale(code)) for code in LANGUAGES] == ["en_CA", "fr_CA"]
    assert {code: each.native_name for code, each in PACKS.items()} == {"en": "English", "fr": "Français"}
    assert pack("es") is PACKS[DEFAULT_LANGUAGE]


def test_every_pack_names_the_same_commands_and_actions() -> None:
    commands = {code: set(each.commands) for code, each in PACKS.items()}
    actions = {code: set(each.bundle_actions) for code, each in PACKS.items()}
    assert len({frozenset(keys) for keys in commands.values()}) == 1
    assert len({frozenset(keys) for keys in actions.values()}) == 1
    assert PACKS["fr"].commands["start"] == "demarrer" and PACKS["fr"].commands["search"] == "chercher"
    assert PACKS["fr"].bundle_actions["earned"] == ("obtenu", "obtenus")
    assert (PACKS["en"].yes, PACKS["fr"].no) == (("yes",), ("non",))


def test_parsers_read_the_union_of_the_packs() -> None:
    assert PACKS["en"].stop_words | PACKS["fr"].stop_words == STOP_WORDS
    assert PACKS["en"].query_noise | PACKS["fr"].query_noise == QUERY_NOISE
    assert stem("comptabilite", "fr") == stem("comptabilité".replace("é", "e"), "fr")
    assert stem("analyste", "fr") == stem("analysis", "en") == "analys"
    assert stems("projets") == ("projet",)
    assert stem("running", "es") == stem("running", "en")  # an unknown code: the default's


@pytest.mark.parametrize(
    ("text", "kind", "rest"),
    [
        ("en français", "interface_language", "fr"),
        ("parle-moi en français", "interface_language", "fr"),
        ("speak English", "interface_language", "en"),
        ("speak French", "interface_language", "fr"),  # names and phrasings of every pack combine
        ("aide", "help", ""),
        ("voir mes badges", "wallet", ""),
        ("show mes badges", "wallet", ""),
        ("je veux devenir analyste de données", "bundle", "analyste de données"),
        ("bundle for data analyst", "bundle", "data analyst"),
        ("comptabilité en ligne", "search", "comptabilité en ligne"),
    ],
)
def test_intents_from_every_pack(text: str, kind: str, rest: str) -> None:
    understood = understand(text)
    said = {"bundle": understood.goal, "interface_language": understood.language, "search": understood.query}
    assert (understood.intent, said.get(understood.intent, "")) == (kind, rest)


def test_alternation_puts_the_longest_phrase_first() -> None:
    assert alternation(["free", "free of charge", "free"]) == "(?:free of charge|free)"
    assert alternation(["at no cost"], spaces=True) == r"(?:at[\s']+no[\s']+cost)"
    assert alternation(["que [ -]tu"], spaces=True) == r"(?:que[\s']+[ -]tu)"
    # a space in a phrase stands for an elision's apostrophe too: « d'argent » for `d argent`
    assert re.fullmatch(alternation(["pas d argent"], spaces=True), "pas d'argent")
    assert alternation([]) == "(?!)"


def test_the_language_package_does_not_depend_on_i18n() -> None:
    package = Path(__file__).resolve().parents[2] / "bot" / "language"
    for module in package.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.module != "bot.i18n", module
                assert not (node.module == "bot" and any(a.name == "i18n" for a in node.names)), module
            elif isinstance(node, ast.Import):
                assert all(alias.name != "bot.i18n" for alias in node.names), module


def test_british_and_american_spellings_share_a_stem() -> None:
    from bot.language.text import stem

    for british, american in [
        ("labour", "labor"),
        ("organisation", "organization"),
        ("centre", "center"),
        ("catalogue", "catalog"),
        ("licence", "license"),
        ("programme", "program"),
        ("analyse", "analysis"),
    ]:
        assert stem(british, "en") == stem(american, "en"), british
    # Short words are left alone: hour is not hor, your is not yor.
    assert (stem("hour", "en"), stem("your", "en"), stem("tour", "en")) == ("hour", "your", "tour")

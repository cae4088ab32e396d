"""The catalogues are complete, consistent with the code, and formatting follows each locale."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot import PROJECT_ROOT
from bot.i18n import (
    format_date,
    format_hours,
    format_list,
    format_money,
    gettext,
    ngettext,
    resolve_locale,
    use_locale,
)

LOCALES = PROJECT_ROOT / "locales"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def catalogue(locale: str):
    with (LOCALES / locale / "LC_MESSAGES" / "credbot.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def code_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PROJECT_ROOT / "bot"),
        method_map=[("**.py", "python")],
        keywords={"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)},
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_every_string_in_the_code_is_in_the_catalogue(locale: str) -> None:
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalogue(locale) if m.id}
    missing = sorted(code_messages() - ids)
    assert not missing, f"run `make i18n` and translate: {missing[:10]}"


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_no_untranslated_or_fuzzy_entry(locale: str) -> None:
    problems = []
    for message in catalogue(locale):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id)
    assert not problems, f"{locale}: untranslated or fuzzy: {problems[:10]}"


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_placeholders_match_between_source_and_translation(locale: str) -> None:
    problems = []
    for message in catalogue(locale):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != expected:
                problems.append((message.id, string))
    assert not problems, problems[:5]


def test_french_plural_forms_are_all_filled() -> None:
    french = catalogue("fr")
    assert french.num_plurals == 3
    for message in french:
        if isinstance(message.id, tuple):
            assert len(message.string) == 3 and all(message.string), message.id


def test_french_uses_french_typography() -> None:
    for message in catalogue("fr"):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            assert "“" not in string and "”" not in string, f"use « guillemets »: {string}"
            assert "e-mail" not in string.lower(), f"say courriel: {string}"


def test_french_punctuation_follows_one_quebec_convention() -> None:
    """A non-breaking space before the colon and inside « guillemets », none before ; ? ! (the
    Office québécois de la langue française's usage), the same in every string."""
    nbsp = "\u00a0"
    problems = []
    for message in catalogue("fr"):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            if re.search(r"[ \u00a0\u202f][;?!]", string):
                problems.append(("space before ; ? !", string))
            if re.search(rf"(?<!{nbsp}):(\s|$)", string):
                problems.append(("no non-breaking space before the colon", string))
            if re.search(rf"«(?!{nbsp})|(?<!{nbsp})»", string):
                problems.append(("guillemets without non-breaking spaces", string))
            if re.search(r"[\d}] (\$|heures?\b|Mo\b|ko\b)", string):
                problems.append(("a breakable space inside an amount", string))
    assert not problems, problems[:5]


def test_french_uses_one_name_per_concept() -> None:
    """The glossary in locales/README.md: the wallet is « acquis », a credential a
    « microcertification », a provider an « établissement », in person « en présentiel »."""
    for message in catalogue("fr"):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            lowered = string.lower()
            for other in (
                "portfolio",
                "portefeuille",
                "titre de compétences",
                "qu’on vous a partagé",
                "fournisseur",
                "en personne",
            ):
                assert other not in lowered, f"{other!r} in {string!r}"


def test_compiled_catalogue_is_used() -> None:
    with use_locale("fr"):
        assert gettext("Search") != "Search"
        assert ngettext("{count} result for “{query}”", "{count} results for “{query}”", 2) != (
            "{count} results for “{query}”"
        )


@pytest.mark.parametrize(
    ("saved", "chat", "code", "expected"),
    [
        (None, None, "fr-CA", "fr"),
        (None, None, "fr", "fr"),
        (None, None, "en-GB", "en"),
        (None, None, "de", "en"),
        (None, None, None, "en"),
        ("en", None, "fr-CA", "en"),
        (None, "fr", "en", "fr"),
        ("fr", "en", "en", "fr"),
    ],
)
def test_locale_resolution(saved: str | None, chat: str | None, code: str | None, expected: str) -> None:
    assert resolve_locale(saved, chat, code) == expected


def test_money_hours_dates_and_lists_follow_the_locale() -> None:
    nbsp = "\u00a0"
    assert format_money(Decimal("1234.50"), "CAD", "fr") == f"1{nbsp}234,50{nbsp}$"
    assert format_money(Decimal("1234.50"), "CAD", "en") == "$1,234.50"
    assert format_money(Decimal("450"), "CAD", "fr") == f"450{nbsp}$"
    with use_locale("fr"):
        assert format_money(Decimal("0"), "CAD") == "gratuit"
    assert format_hours(1.5, "fr") == f"1,5{nbsp}heure"
    assert format_hours(30, "fr") == f"30{nbsp}heures"
    assert format_hours(1, "en") == "1 hour"
    assert format_date(dt.date(2026, 11, 28), "fr") == "28 novembre 2026"
    assert format_list(["SQL", "Python", "Excel"], "fr") == "SQL, Python et Excel"
    assert format_list(["SQL", "Python", "Excel"], "en") == "SQL, Python and Excel"


def test_locales_dir_exists() -> None:
    assert Path(LOCALES / "fr" / "LC_MESSAGES" / "credbot.po").exists()

"""Translations and locale-aware formatting.

The locale travels with the request in a ContextVar (set once per update or console line), never as a
process-wide global: updates are handled concurrently.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import cache
from gettext import NullTranslations

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_skeleton, format_time, get_timezone
from babel.lists import format_list as _babel_format_list
from babel.numbers import format_decimal, parse_pattern
from babel.numbers import format_percent as _babel_format_percent
from babel.support import Translations
from babel.units import format_unit

from bot import PROJECT_ROOT
from bot.language.packs import DEFAULT_LANGUAGE, LANGUAGES, PACKS

DOMAIN = "credbot"
LOCALES_DIR = PROJECT_ROOT / "locales"
SUPPORTED = LANGUAGES
DEFAULT = DEFAULT_LANGUAGE
# Each language pack names its formatting locale: the Canadian variants, `1 234,50 $` in French,
# `$1,234.50` in English.
_FORMAT_LOCALE = {code: pack.format_locale for code, pack in PACKS.items()}

_current: contextvars.ContextVar[str] = contextvars.ContextVar("credbot_locale", default=DEFAULT)


def normalise_locale(code: str | None) -> str | None:
    """`fr-CA`, `fr_ca`, `FR` → `fr`; anything unsupported → None."""
    if not code:
        return None
    prefix = code.replace("_", "-").split("-", 1)[0].strip().lower()
    return prefix if prefix in SUPPORTED else None


def resolve_locale(
    saved: str | None = None, chat_setting: str | None = None, language_code: str | None = None
) -> str:
    """The learner's saved choice, then the chat's setting, then Telegram's language_code."""
    for candidate in (saved, chat_setting, language_code):
        locale = normalise_locale(candidate)
        if locale:
            return locale
    return DEFAULT


def current_locale() -> str:
    return _current.get()


def set_locale(locale: str | None) -> contextvars.Token[str]:
    return _current.set(normalise_locale(locale) or DEFAULT)


@contextmanager
def use_locale(locale: str | None) -> Iterator[str]:
    token = set_locale(locale)
    try:
        yield _current.get()
    finally:
        _current.reset(token)


@cache
def translations(locale: str) -> NullTranslations:
    loaded = Translations.load(str(LOCALES_DIR), [locale], domain=DOMAIN)
    return loaded if isinstance(loaded, Translations) else NullTranslations()


def gettext(message: str) -> str:
    return translations(current_locale()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current_locale()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a string for extraction; it is translated later, where the locale is known."""
    return message


_ = gettext


def babel_locale(locale: str | None = None) -> Locale:
    return Locale.parse(_FORMAT_LOCALE[normalise_locale(locale) or current_locale()])


def format_hours(hours: float | None, locale: str | None = None) -> str:
    if hours is None:
        return gettext("duration unknown")
    rounded = round(float(hours), 1)
    value: float | int = int(rounded) if rounded.is_integer() else rounded
    return format_unit(value, "duration-hour", length="long", locale=babel_locale(locale))


def format_number(value: float | int | Decimal, locale: str | None = None) -> str:
    """`100,000` in English, `100 000` in French."""
    return str(format_decimal(value, locale=babel_locale(locale)))


def format_length(parts: dict[str, float], locale: str | None = None) -> str:
    """A length of time from its parts ({"weeks": 6} → `6 weeks` / `6 semaines`; {"years": 1,
    "months": 6} → `1 year, 6 months`), in words by CLDR (Babel)."""
    words = []
    for name, value in parts.items():
        if value:
            rounded = round(float(value), 2)
            number: float | int = int(rounded) if rounded.is_integer() else rounded
            unit = "duration-" + name.removesuffix("s")
            words.append(format_unit(number, unit, length="long", locale=babel_locale(locale)))
    return format_list(words, locale, style="unit") if words else gettext("duration unknown")


def format_money(
    amount: float | Decimal | None, currency: str | None = "CAD", locale: str | None = None
) -> str:
    """`1 234,50 $` in French, `$1,234.50` in English; whole amounts without cents; 0 is free."""
    if amount is None:
        return gettext("price unknown")
    if amount == 0:
        return gettext("free")
    value = Decimal(str(amount))
    where = babel_locale(locale)
    pattern = parse_pattern(where.currency_formats["standard"].pattern)
    if value == value.to_integral_value():
        pattern.frac_prec = (0, 0)
    return str(pattern.apply(value, where, currency=currency or "CAD", currency_digits=False))


def format_date(value: dt.date, locale: str | None = None) -> str:
    return _babel_format_date(value, format="long", locale=babel_locale(locale))


def format_moment(value: dt.datetime, locale: str | None = None, timezone: str = "America/Toronto") -> str:
    """A moment on the clock of `timezone` (the networks' own by default): `Dec 4, 2026, 3:05 p.m.`
    in English, `4 déc. 2026, 15 h 05` in French."""
    where = babel_locale(locale)
    zone = get_timezone(timezone)
    local = value.astimezone(zone)
    day = format_skeleton("yMMMd", local, locale=where)
    time = format_time(local, format="short", tzinfo=zone, locale=where)
    return str(where.datetime_formats["medium"]).format(time, day)


def format_short_date(value: dt.date, locale: str | None = None, *, weekday: bool = True) -> str:
    """`Fri, Dec 4` in English, `ven. 4 déc.` in French (without the weekday: `Dec 4`, `4 déc.`)."""
    return str(format_skeleton("MMMEd" if weekday else "MMMd", value, locale=babel_locale(locale)))


def format_percent(value: float, locale: str | None = None) -> str:
    """`12%` in English, `12 %` in French."""
    return str(_babel_format_percent(value, locale=babel_locale(locale)))


def format_list(items: Iterable[str], locale: str | None = None, style: str = "standard") -> str:
    values = list(items)
    if not values:
        return ""
    return _babel_format_list(values, style=style, locale=babel_locale(locale))  # type: ignore[arg-type]


def language_name(code: str, locale: str | None = None) -> str:
    """`fr` → `French` / `français` in the reader's language."""
    name = babel_locale(locale).languages.get(code)
    return name if name else code

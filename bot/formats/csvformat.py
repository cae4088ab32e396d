"""The catalogue as CSV: one row per credential.

CSV_DOC below is the section the README takes; it is also this module's documentation.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from bot.domain.credential import CredentialRecord, LocalText, ProviderRecord, SkillRef
from bot.formats.common import (
    DEFAULT_CURRENCY,
    DurationError,
    ImportProblem,
    ParsedRecord,
    ParseResult,
    currency_code,
    delivery_mode,
    duration_parts,
    parse_amount,
    primary_language,
    skill_key_from_node,
    slugify,
)
from bot.i18n import _, ngettext
from bot.language.detect import language_code
from bot.language.packs import LANGUAGES

COLUMNS = (
    "id", "name_en", "name_fr", "description_en", "description_fr", "provider", "provider_id",
    "type", "languages", "hours", "duration", "cost", "currency", "delivery", "url", "keywords_en",
    "keywords_fr", "skills_en", "skills_fr", "subjects_en", "subjects_fr", "status",
)  # fmt: skip

CSV_DOC = """\
### Catalogue CSV format

One row per credential, a header row first. UTF-8, with or without a byte-order mark; the
delimiter may be a comma or a semicolon (it is detected). Columns may come in any order; only
`id` and one of `name_en`/`name_fr` are required, other columns may be left out or empty.
List cells separate their items with `;` (so an item cannot itself contain `;`).

Columns:

- `id`: the credential's external id (a CTID, a badge URL, or any unique text); required.
- `name_en`, `name_fr`: the name in English, in French; at least one is required.
- `description_en`, `description_fr`: the description in each language.
- `provider`: the provider's name; `English name;French name` when they differ
  (`;Nom` for a French name only).
- `provider_id`: the provider's external id; when empty, made from the provider's name.
- `type`: a CTDL credential class: `MicroCredential` (the default), `DigitalBadge`,
  `Certificate`, `OpenBadge`, …
- `languages`: languages of instruction, codes or names: `en;fr`, `English;Français`.
- `hours`: hours of study, a number ≥ 0 (`7.5` or `7,5`).
- `duration`: how long, as ISO 8601 durations, `;`-separated: `P6W` (6 weeks), a range
  `P4W/P6W` or `PT20H/PT40H` (minimum/maximum); shown on the card, never turned into hours.
- `cost`: the price, a number ≥ 0 (`0` is free; empty is unknown).
- `currency`: the price's currency, an ISO 4217 code (`CAD`, `usd`) or its name in English or
  French (`US Dollar`, `dollar canadien`); `CAD` when empty; ignored when there is no price.
- `delivery`: `online`, `in_person` or `blended`.
- `url`: the credential's web page (`http://` or `https://`).
- `keywords_en`, `keywords_fr`: keywords in each language, `;`-separated.
- `skills_en`, `skills_fr`: skills, `;`-separated and aligned by position: the n-th English
  and the n-th French item name one skill (leave an item empty when it has no
  translation); an item `urn:credbot:skill:<key>` names a vocabulary skill directly.
- `subjects_en`, `subjects_fr`: subjects, aligned by position like the skills.
- `status`: `active` (the default), `deprecated`, `suspended`, …

Problems are reported by line number (`line 2` is the first row after the header).
"""

__doc__ = (__doc__ or "") + "\n" + CSV_DOC

REQUIRED = ("id",)


def _split(cell: str | None) -> list[str]:
    return [item.strip() for item in (cell or "").split(";")] if (cell or "").strip() else []


def _aligned(en: list[str], fr: list[str]) -> list[LocalText]:
    result = []
    for i in range(max(len(en), len(fr))):
        label = {lang: items[i] for lang, items in (("en", en), ("fr", fr)) if i < len(items) and items[i]}
        if label:
            result.append(label)
    return result


def _line(number: int) -> str:
    """How problems name a row: `line 2` is the first row after the header."""
    return _("line {number}").format(number=number)


def _sniff(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def read_csv(text: str, file: str = "<csv>") -> ParseResult:
    """The credentials in a CSV text (see CSV_DOC), with the problems met reading them."""
    result = ParseResult()
    text = text.removeprefix("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_sniff(text))
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [name for name in REQUIRED if name not in header]
    if not header:
        result.problems.append(ImportProblem(file, _line(1), "", _("the file has no header row")))
        return result
    if missing or not ({"name_en", "name_fr"} & set(header)):
        absent = missing + ([] if {"name_en", "name_fr"} & set(header) else ["name_en/name_fr"])
        message = ngettext("missing column: {names}", "missing columns: {names}", len(absent))
        result.problems.append(ImportProblem(file, _line(1), "", message.format(names=", ".join(absent))))
        return result
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        message = ngettext("unknown column: {names}", "unknown columns: {names}", len(unknown))
        result.problems.append(ImportProblem(file, _line(1), "", message.format(names=", ".join(unknown))))
    for row in reader:
        line = reader.line_num
        ref = _line(line)
        cells = {key: (value or "").strip() for key, value in row.items() if isinstance(key, str)}
        if None in row:
            result.problems.append(ImportProblem(file, ref, "", _("more cells than columns")))
        if not any(cells.values()):
            continue
        result.records.append(ParsedRecord(ref, _row_record(cells, ref, file, result.problems)))
    return result


def _read_numbers(
    record: CredentialRecord, cells: dict[str, str], ref: str, file: str, problems: list[ImportProblem]
) -> None:
    """Hours, cost and delivery mode, each reported under its column when it does not read."""
    hours, cost, delivery = cells.get("hours", ""), cells.get("cost", ""), cells.get("delivery", "")
    if hours:
        try:
            record.hours = float(hours.replace(",", "."))
        except ValueError:
            problems.append(
                ImportProblem(file, ref, "hours", _("not a number: {value}").format(value=repr(hours)))
            )
    for text in _split(cells.get("duration", "")):
        try:
            if not all(duration_parts(end) for end in text.split("/") if end) or text == "/":
                raise DurationError(text)
            record.durations.append(text)
        except DurationError:
            problems.append(
                ImportProblem(
                    file, ref, "duration", _("not an ISO 8601 duration: {value}").format(value=repr(text))
                )
            )
    if cost:
        try:
            record.cost = parse_amount(cost)
        except ValueError:
            problems.append(
                ImportProblem(file, ref, "cost", _("not a number: {value}").format(value=repr(cost)))
            )
    if delivery:
        mode = delivery_mode(delivery)
        if mode is None:
            message = _("unknown delivery {value} (online, in_person or blended)").format(
                value=repr(delivery)
            )
            problems.append(ImportProblem(file, ref, "delivery", message))
        record.delivery = mode


def _row_record(
    cells: dict[str, str], ref: str, file: str, problems: list[ImportProblem]
) -> CredentialRecord:
    def text(name: str) -> str:
        return cells.get(name, "")

    def local(prefix: str) -> LocalText:
        return {lang: text(f"{prefix}_{lang}") for lang in LANGUAGES if text(f"{prefix}_{lang}")}

    record = CredentialRecord(
        external_id=text("id"),
        name=local("name"),
        description=local("description"),
        credential_type=text("type") or "MicroCredential",
        languages=[],
        url=text("url") or None,
        status=text("status").lower() or "active",
    )
    for code in _split(text("languages")):
        lang = language_code(code) or primary_language(code)
        if lang and lang not in record.languages:
            record.languages.append(lang)
    _read_numbers(record, cells, ref, file, problems)
    if record.cost is not None:
        written = text("currency")
        record.currency = currency_code(written) or written or DEFAULT_CURRENCY
    names = _split(text("provider"))
    provider_name = {lang: names[i] for i, lang in enumerate(LANGUAGES) if i < len(names) and names[i]}
    if provider_name or text("provider_id"):
        ext = text("provider_id") or slugify(provider_name.get("en") or provider_name.get("fr", ""))
        record.provider = ProviderRecord(external_id=ext, name=provider_name or {"en": ext})
    record.keywords = {
        lang: words for lang in LANGUAGES if (words := [w for w in _split(text(f"keywords_{lang}")) if w])
    }
    record.subjects = _aligned(_split(text("subjects_en")), _split(text("subjects_fr")))
    for label in _aligned(_split(text("skills_en")), _split(text("skills_fr"))):
        key = next((k for k in (skill_key_from_node(v) for v in label.values()) if k), None)
        if key:
            record.skills.append(SkillRef(label={}, key=key))
        else:
            record.skills.append(SkillRef(label=label))
    return record


def _join(items: Iterable[str]) -> str:
    return ";".join(item.replace(";", ",") for item in items)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}" if float(value) != int(value) else str(int(value))


def record_row(record: CredentialRecord) -> dict[str, str]:
    provider = record.provider
    provider_cell = ""
    if provider:
        en, fr = provider.name.get("en", ""), provider.name.get("fr", "")
        provider_cell = en if (not fr or fr == en) else _join([en, fr])
    skills_en = [s.label.get("en", "") for s in record.skills]
    skills_fr = [s.label.get("fr", "") for s in record.skills]
    subjects_en = [s.get("en", "") for s in record.subjects]
    subjects_fr = [s.get("fr", "") for s in record.subjects]
    row: dict[str, Any] = {
        "id": record.external_id,
        "name_en": record.name.get("en", ""),
        "name_fr": record.name.get("fr", ""),
        "description_en": record.description.get("en", ""),
        "description_fr": record.description.get("fr", ""),
        "provider": provider_cell,
        "provider_id": provider.external_id if provider else "",
        "type": record.credential_type,
        "languages": _join(record.languages),
        "hours": _number(record.hours),
        "duration": _join(record.durations),
        "cost": "" if record.cost is None else str(record.cost),
        "currency": record.currency or "",
        "delivery": record.delivery or "",
        "url": record.url or "",
        "keywords_en": _join(record.keywords.get("en", [])),
        "keywords_fr": _join(record.keywords.get("fr", [])),
        "skills_en": _join(skills_en) if any(skills_en) else "",
        "skills_fr": _join(skills_fr) if any(skills_fr) else "",
        "subjects_en": _join(subjects_en) if any(subjects_en) else "",
        "subjects_fr": _join(subjects_fr) if any(subjects_fr) else "",
        "status": record.status,
    }
    return row


def write_csv(records: Iterable[CredentialRecord]) -> str:
    """The records as CSV text (comma-delimited, UTF-8 without BOM, header row first)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(record_row(record))
    return out.getvalue()

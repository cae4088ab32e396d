"""Shared by the catalogue readers: problems, parsed records, language keys, slugs, durations."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import list_currencies

from bot.domain.credential import DELIVERY_MODES, CredentialRecord, ProviderRecord, SkillRef
from bot.language.packs import LANGUAGES, PACKS
from bot.language.text import fold

LANGS = LANGUAGES


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with one input: `record` is the ctid (CTDL), the id (Open Badges) or
    `line N` (CSV); `field` names the offending field, empty when the whole file is at fault."""

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.field}: {self.message}"


@dataclass
class ParsedRecord:
    """A record as a reader produced it, with the reference problems are reported under."""

    ref: str
    record: CredentialRecord


@dataclass
class ParseResult:
    records: list[ParsedRecord] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    # Skills a document defines on their own (a CTDL competency framework's competencies).
    skills: list[SkillRef] = field(default_factory=list)
    # Organisations a document describes, by every key that may reference them (`owner_keys`).
    providers: dict[str, ProviderRecord] = field(default_factory=dict)
    # Resources read past, by type: not catalogue entries (`ceterms:AssessmentProfile`: 2).
    skipped: dict[str, int] = field(default_factory=dict)

    def extend(self, other: ParseResult) -> None:
        self.records.extend(other.records)
        self.problems.extend(other.problems)
        self.skills.extend(other.skills)
        for key, provider in other.providers.items():
            self.providers.setdefault(key, provider)
        for kind, count in other.skipped.items():
            self.skipped[kind] = self.skipped.get(kind, 0) + count


_CTID = re.compile(r"ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def ctid_in(text: str) -> str | None:
    """The CTID a registry reference carries, lower case: `…/resources/ce-AB…`, `…/graph/ce-ab…`."""
    match = _CTID.search(text)
    return match.group(0).lower() if match else None


def owner_keys(*references: str | None) -> list[str]:
    """The keys an organisation is found by: each `@id` or CTID in lower case, and the CTID a
    registry URL carries (so `/graph/ce-…`, `/resources/ce-…` and the bare CTID meet)."""
    keys: list[str] = []
    for reference in references:
        text = (reference or "").strip()
        if not text:
            continue
        for key in (ctid_in(text), text.lower()):
            if key and key not in keys:
                keys.append(key)
    return keys


def resolve_owners(records: list[ParsedRecord], providers: dict[str, ProviderRecord]) -> None:
    """Records whose provider is only a reference take the organisation it names, when one of
    the files describes it (references the store may still resolve are left for the writer)."""
    for parsed in records:
        provider = parsed.record.provider
        if provider is None or not provider.is_reference:
            continue
        for key in owner_keys(provider.external_id, provider.url):
            if key in providers:
                parsed.record.provider = providers[key]
                break


# --- languages -------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def language_rank(key: str) -> tuple[str, int] | None:
    """Which of our languages a language key belongs to and how good a match it is (lower is
    better): `fr-CA` 0, `fr` 1, any other `fr-*` 2; likewise `en-CA`, `en`, `en-*`."""
    code = key.replace("_", "-").strip().lower()
    for lang in LANGS:
        if code == f"{lang}-ca":
            return lang, 0
        if code == lang:
            return lang, 1
        if code.startswith(lang + "-"):
            return lang, 2
    return None


def primary_language(code: str) -> str:
    """`fr-CA` → `fr`, `ar_SA` → `ar`."""
    return code.replace("_", "-").split("-", 1)[0].strip().lower()


def pick_languages(values: dict[str, Any]) -> dict[str, Any]:
    """For each of our languages, the value under the best-ranked key; other languages dropped."""
    if len(values) == 1:  # the usual case, in short
        ((key, value),) = values.items()
        ranked = language_rank(str(key))
        return {} if ranked is None or value in (None, "", []) else {ranked[0]: value}
    best: dict[str, tuple[int, Any]] = {}
    for key, value in values.items():
        ranked = language_rank(str(key))
        if ranked is None or value in (None, "", []):
            continue
        lang, rank = ranked
        if lang not in best or rank < best[lang][0]:
            best[lang] = (rank, value)
    return {lang: best[lang][1] for lang in LANGS if lang in best}


# --- text --------------------------------------------------------------------------------------


def slugify(text: str) -> str:
    """`Gestion de projet (Agile)` → `gestion-de-projet-agile`."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def as_list(value: Any) -> list[Any]:
    """Strings (or objects) where lists are usual become one-item lists; None becomes []."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def first(value: Any) -> Any:
    """Lists where a single value is usual: the first non-empty item."""
    if isinstance(value, list):
        return next((item for item in value if item not in (None, "")), None)
    return value


# --- durations ---------------------------------------------------------------------------------

_DURATION = re.compile(
    r"^P(?:(?P<years>\d+(?:[.,]\d+)?)Y)?(?:(?P<months>\d+(?:[.,]\d+)?)M)?(?:(?P<weeks>\d+(?:[.,]\d+)?)W)?"
    r"(?:(?P<days>\d+(?:[.,]\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:[.,]\d+)?)H)?(?:(?P<minutes>\d+(?:[.,]\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?)?$",
    re.IGNORECASE,
)

HOURS_PER_DAY = 8


class DurationError(ValueError):
    pass


CALENDAR_PARTS = ("years", "months", "weeks")


def duration_parts(text: str) -> dict[str, float]:
    """The parts of an ISO 8601 duration, in order: `P1Y6M` → {years: 1, months: 6}. Raises
    DurationError for text that is not one."""
    match = _DURATION.match(text.strip())
    if not match or text.strip().upper() in ("P", "PT") or text.strip().upper().endswith("T"):
        raise DurationError(text)
    return {name: float(value.replace(",", ".")) for name, value in match.groupdict().items() if value}


def is_calendar(parts: dict[str, float]) -> bool:
    """A duration in weeks, months or years: a length of time, not hours of study."""
    return any(parts.get(name) for name in CALENDAR_PARTS)


@lru_cache(maxsize=4096)
def duration_hours(text: str) -> float | None:
    """Hours of study in an ISO 8601 duration.

    Only day, hour, minute and second parts are converted; a day counts as 8 hours of study
    (`P2D` → 16, `PT30H` → 30, `PT1H30M` → 1.5). Weeks, months and years say nothing reliable
    about hours of study (`P8W` may be two hours a week), so a duration that uses them gives
    None (hours unknown), not an error: the record keeps it as written (`durations`). Text that
    is not an ISO 8601 duration raises.
    """
    parts = duration_parts(text)
    if is_calendar(parts):
        return None
    hours = (
        parts.get("days", 0) * HOURS_PER_DAY
        + parts.get("hours", 0)
        + parts.get("minutes", 0) / 60
        + parts.get("seconds", 0) / 3600
    )
    return round(hours, 4)


def hours_to_duration(hours: float) -> str:
    """30 → `PT30H`, 1.5 → `PT1H30M`."""
    minutes = hours * 60
    if abs(minutes - round(minutes)) < 1e-9:
        whole, rest = divmod(round(minutes), 60)
        text = "PT"
        if whole or not rest:
            text += f"{whole}H"
        if rest:
            text += f"{rest}M"
        return text
    return f"PT{hours:g}H"


# --- money -------------------------------------------------------------------------------------

CENT = Decimal("0.01")


DEFAULT_CURRENCY = "CAD"

# Names CLDR does not give but records use.
_CURRENCY_ALIASES = {
    "us$": "USD", "$us": "USD", "$ us": "USD", "dollar us": "USD", "dollars us": "USD",
    "dollar americain": "USD", "dollars americains": "USD", "american dollar": "USD",
    "american dollars": "USD", "ca$": "CAD", "$ca": "CAD", "$ ca": "CAD", "c$": "CAD",
    "can$": "CAD", "dollar ca": "CAD", "dollars ca": "CAD", "€": "EUR", "£": "GBP",
}  # fmt: skip


def _currency_names() -> dict[str, str]:
    """Folded currency names and plurals → ISO 4217 code, from CLDR (through Babel) in every
    language pack's locales (`US Dollar`, `dollar canadien`, `euros`), plus a few aliases."""
    names: dict[str, str] = {}
    for pack in PACKS.values():
        for tag in dict.fromkeys((pack.code, pack.format_locale)):
            try:
                locale = Locale.parse(tag)
            except (UnknownLocaleError, ValueError):
                continue
            plurals = locale._data["currency_names_plural"]
            for iso, name in locale.currencies.items():
                names.setdefault(fold(name), str(iso))
                for plural in plurals.get(iso, {}).values():
                    names.setdefault(fold(str(plural)), str(iso))
    for alias, code in _CURRENCY_ALIASES.items():
        names.setdefault(alias, code)
    return names


_CURRENCY_NAMES: dict[str, str] | None = None
_ISO_CODES = frozenset(list_currencies())


def currency_code(value: str | None) -> str | None:
    """An ISO 4217 code for a currency as records write it: `USD`, `usd`, `US Dollar`,
    `Canadian Dollar`, `dollar canadien`, `euros`… None when it names no currency we know."""
    global _CURRENCY_NAMES
    text = (value or "").strip()
    if not text:
        return None
    if re.fullmatch(r"[A-Za-z]{3}", text):
        return text.upper() if text.upper() in _ISO_CODES else None
    if _CURRENCY_NAMES is None:
        _CURRENCY_NAMES = _currency_names()
    folded = " ".join(fold(text).replace(".", " ").split())
    return _CURRENCY_NAMES.get(folded)


def parse_amount(value: Any) -> Decimal:
    """A price as a Decimal rounded to cents; accepts numbers and strings with `.` or `,`."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float | Decimal):
        amount = Decimal(str(value))
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation as error:
            raise ValueError(value) from error
    if not amount.is_finite():
        raise ValueError(value)
    return amount.quantize(CENT)


# --- vocabularies of values ----------------------------------------------------------------------

_DELIVERY_WORDS = {
    "online": "online",
    "onlineonly": "online",
    "inperson": "in_person",
    "inpersononly": "in_person",
    "in_person": "in_person",
    "blended": "blended",
    "blendeddelivery": "blended",
    "hybrid": "blended",
}


def delivery_mode(value: str) -> str | None:
    """`deliveryType:OnlineOnly` → online, `InPerson`/`InPersonOnly` → in_person,
    `BlendedDelivery` → blended; our own names pass through; unknown → None."""
    word = value.rsplit(":", 1)[-1].rsplit("/", 1)[-1].strip().lower().replace(" ", "").replace("-", "")
    mode = _DELIVERY_WORDS.get(word) or _DELIVERY_WORDS.get(word.replace("_", ""))
    return mode if mode in DELIVERY_MODES else None


CREDENTIAL_CLASSES = frozenset(
    {
        "AcademicCertificate", "ApprenticeshipCertificate", "AssociateDegree",
        "AssociateOfAppliedArtsDegree", "AssociateOfAppliedScienceDegree", "AssociateOfArtsDegree",
        "AssociateOfScienceDegree", "BachelorDegree", "BachelorOfArtsDegree",
        "BachelorOfScienceDegree", "Badge", "BasicTechnicalCertificate", "Certificate",
        "CertificateOfCompletion", "CertificateOfParticipation", "Certification", "Credential",
        "Degree", "DigitalBadge", "Diploma", "DoctoralDegree", "GeneralEducationDevelopment",
        "JourneymanCertificate", "License", "MasterCertificate", "MasterDegree",
        "MasterOfArtsDegree", "MasterOfScienceDegree", "MicroCredential", "OpenBadge",
        "PostBaccalaureateCertificate", "PostMasterCertificate", "PreApprenticeshipCertificate",
        "ProfessionalCertificate", "ProfessionalDoctorate", "QualityAssuranceCredential",
        "ResearchDoctorate", "SecondarySchoolDiploma", "SpecialistDegree",
    }
)  # fmt: skip
_CREDENTIAL_ENDINGS = (
    "Credential", "Badge", "Certificate", "Certification", "Degree", "Diploma", "License",
    "Doctorate", "CertificateOfCompletion", "CertificateOfParticipation",
)  # fmt: skip


# Learning opportunities many micro-credential catalogues list: catalogue entries of their kind.
LEARNING_CLASSES = frozenset(
    {"LearningProgram", "Course", "LearningOpportunityProfile", "LearningOpportunity"}
)


def is_entry_class(name: str) -> bool:
    """A kind of catalogue entry: a credential class or a learning opportunity class."""
    return is_credential_class(name) or name.split(":", 1)[-1] in LEARNING_CLASSES


def is_credential_class(name: str) -> bool:
    """`MicroCredential`, `ceterms:DigitalBadge`, `ceterms:ProfessionalCertificate` … but not
    `CredentialOrganization` or `CredentialAlignmentObject`."""
    local = name.split(":", 1)[-1]
    return local in CREDENTIAL_CLASSES or local.endswith(_CREDENTIAL_ENDINGS)


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]*$|^https?://localhost(:\d+)?(/\S*)?$", re.I)


def looks_like_url(value: str) -> bool:
    return bool(_URL.match(value.strip()))


SKILL_URN = "urn:credbot:skill:"


def skill_key_from_node(node: Any) -> str | None:
    """`urn:credbot:skill:project-management` → `project-management`."""
    if isinstance(node, str) and node.lower().startswith(SKILL_URN):
        key = node[len(SKILL_URN) :].strip()
        return key or None
    return None


# --- JSON, read defensively --------------------------------------------------------------------

MAX_JSON_DEPTH = 64  # catalogue and badge documents are a few levels deep; a deeper one is refused
_JSON_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_depth(text: str, limit: int = MAX_JSON_DEPTH) -> int:
    """How deeply `text`'s arrays and objects nest, counted up to `limit + 1` (then it stops)."""
    depth = deepest = 0
    for match in _JSON_STRUCTURE.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
        elif token in "]}":
            depth -= 1
    return deepest


def load_json(text: str | bytes, limit: int = MAX_JSON_DEPTH) -> Any:
    """`json.loads`, but a document nested deeper than `limit`, a number of more than 4,300 digits
    or one that would overflow raises `json.JSONDecodeError` like any malformed JSON, never
    RecursionError nor a bare ValueError."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise json.JSONDecodeError("not UTF-8 text", "", 0) from error
    if json_depth(text, limit) > limit:
        raise json.JSONDecodeError(f"nested deeper than {limit} levels", text[:100], 0)
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except (ValueError, RecursionError, OverflowError) as error:
        raise json.JSONDecodeError(f"unreadable value ({type(error).__name__})", text[:100], 0) from error

"""The credential model as importers produce it and the store keeps it: plain data, no ORM."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# A text in several languages, keyed by our two locales: {"en": "...", "fr": "..."}.
LocalText = dict[str, str]

DELIVERY_MODES = ("online", "in_person", "blended")
# The currency of a price whose record names none.
DEFAULT_CURRENCY = "CAD"


def pick(text: LocalText, locale: str) -> str:
    """The text in `locale`, else the other language, else empty."""
    return text.get(locale) or next((value for value in text.values() if value), "")


@dataclass
class SkillRef:
    """A competency as a credential names it; `key` when the source links to our vocabulary.
    `codes`: other identifiers the source gives (an alignment's `targetCode`, the end of its
    `targetUrl`), tried against existing skill keys on import. They are hints, not identity:
    left out of comparisons and of the stored data."""

    label: LocalText
    key: str | None = None
    codes: tuple[str, ...] = field(default=(), compare=False)
    # Identifiers of the concept itself (a CTDL competency's `@id` or CTID, an ESCO skill URI): two
    # refs sharing one are one skill, and a stored skill with one of them is this skill.
    uris: tuple[str, ...] = field(default=(), compare=False)


@dataclass
class ProviderRecord:
    """A provider; one with no name is only a reference (a registry URL or CTID) that the import
    resolves against the organisations of all its files and the store, else drops."""

    external_id: str
    name: LocalText
    url: str | None = None

    @property
    def is_reference(self) -> bool:
        return not any(text.strip() for text in self.name.values())


# Fee kinds credbot names (CTDL `costType:` words, folded); any other fee is "other".
FEE_KINDS = ("application", "registration", "technology", "exam", "materials", "graduation", "other")


@dataclass
class Fee:
    """A cost besides the tuition (an application fee…): listed on the card, never added to it."""

    kind: str  # one of FEE_KINDS
    amount: Decimal
    currency: str

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "amount": str(self.amount), "currency": self.currency}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Fee:
        return cls(str(data["kind"]), Decimal(str(data["amount"])), str(data["currency"]))


@dataclass
class CredentialRecord:
    external_id: str
    name: LocalText
    credential_type: str = "MicroCredential"
    description: LocalText = field(default_factory=dict)
    provider: ProviderRecord | None = None
    languages: list[str] = field(default_factory=list)
    hours: float | None = None
    # Durations as the record writes them (ISO 8601): `P6W`; a range `PT20H/PT40H` (minimum,
    # maximum; one side may be empty). `hours` is read from them (bot.formats.ctdl).
    durations: list[str] = field(default_factory=list)
    cost: Decimal | None = None
    # The ISO 4217 code of `cost`; None when there is no price.
    currency: str | None = None
    # Costs besides the price (application fees…), each in its own currency.
    fees: list[Fee] = field(default_factory=list)
    delivery: str | None = None
    url: str | None = None
    status: str = "active"
    keywords: dict[str, list[str]] = field(default_factory=dict)
    subjects: list[LocalText] = field(default_factory=list)
    skills: list[SkillRef] = field(default_factory=list)
    # Occupations the credential prepares for (CTDL `occupationType`), as named.
    occupations: list[LocalText] = field(default_factory=list)
    # The store's row id once saved; None while the record is only parsed.
    id: int | None = None

    def title(self, locale: str) -> str:
        return pick(self.name, locale)

    @property
    def price_currency(self) -> str | None:
        """The currency of the price: None without a price, the default when none is named."""
        return None if self.cost is None else self.currency or DEFAULT_CURRENCY


@dataclass
class SkillConcept:
    key: str
    label: LocalText
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    abbreviations: list[str] = field(default_factory=list)
    subject: str | None = None
    uris: list[str] = field(default_factory=list)


@dataclass
class Occupation:
    key: str
    label: LocalText
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    skills: list[str] = field(default_factory=list)
    uris: list[str] = field(default_factory=list)


@dataclass
class Subject:
    key: str
    label: LocalText


@dataclass
class Vocabulary:
    subjects: list[Subject] = field(default_factory=list)
    skills: list[SkillConcept] = field(default_factory=list)
    occupations: list[Occupation] = field(default_factory=list)

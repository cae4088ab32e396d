"""Reading CTDL JSON-LD as the Credential Registry publishes it.

Accepted documents: an `@graph` document, a single resource, or a JSON list of resources, also
wrapped in registry envelopes (`decoded_resource`, one or a list) or search results (`data`,
`results`, `envelopes`…). Every node whose `@type` is a CTDL credential class
(`ceterms:MicroCredential`, `ceterms:DigitalBadge`, `ceterms:ProfessionalCertificate`, … any
`ceterms:` class ending in Credential, Badge, Certificate, Certification, Degree, Diploma,
License or Doctorate) or a learning opportunity (`LearningProgram`, `Course`,
`LearningOpportunityProfile`) becomes a record of that kind; other types are counted in
`skipped` (the import names them). A blank-node credential (`_:…`, no CTID) that another
resource references (`isPreparationFor` → `targetCredential`) describes a related credential:
it is not a record.
`ceterms:CredentialOrganization` / `QACredentialOrganization` nodes (any `…Organization`) are
providers, found through `ownedBy` (else `offeredBy`) by `@id`, CTID, or a registry URL that
carries the CTID (`…/graph/ce-…`, `…/resources/ce-…`), in any case; the importer looks in every
file of the import, then the store resolves what is left (`resolve_owners`,
`bot.store.catalogue_writer`); a reference nothing resolves gives no provider, never one named by
a URL. An owner embedded with a name but no id gets an id made from its name.

Language maps (`{"en-US": …, "fr-CA": …}`) become our `en`/`fr`; when several keys map to one
language the reader prefers `fr-CA`, then `fr`, then any other `fr-*` (likewise `en-CA`, `en`,
`en-*`). A plain string where a map is usual is taken to be in the record's single `inLanguage`,
else English. Strings where lists are usual and lists where single values are usual are accepted.

Competencies: `ceasn:Competency` nodes (alone in a `ceasn:CompetencyFramework` file, or beside
the credentials) are skills named by `competencyText` (else `competencyLabel`) in every
language, identified by `@id`, CTID and `exactAlignment` (ESCO) URIs. A `targetCompetency`
whose `targetNode` is one of them takes its names; another URI is kept as an identifier for the
other files of the import and the store to resolve (`bot.formats.concepts`,
`bot.store.catalogue_writer`). `occupationType` names the occupations a credential prepares for.

Durations (ISO 8601): every `estimatedDuration` profile's `exactDuration` (or `timeRequired`)
and `minimumDuration`/`maximumDuration`, and a `timeRequired` beside them, are kept as written
(`durations`: `P6W`, a range `PT20H/PT40H`) and shown so on the card ("6 weeks", « 6 semaines »,
"20–40 hours"). Hours of study come only from day, hour and minute parts (a day counting as 8
hours): weeks, months and years are never converted to hours. Of a range, the hours are its
maximum (else its minimum), so that limits and bundles count the longest it may take; of several
profiles, the largest (`P4W` then `PT160H` gives 160 hours, and the card shows both).

Costs: every `estimatedCost` profile with a price, and those inside the condition profiles
(`requires`, `recommends`, `corequisite`, `entryCondition`). A profile whose `directCostType` is
`Tuition` or `AggregateCost`, or that has none, is a price; of several prices (alternatives such
as member and non-member rates) the largest, in the first one's currency, is the price used for
limits and bundles. Any other cost type (`Application`, `Enrollment`, `Technology`, …), or an
untyped profile named as an application fee, is a fee: listed with its kind on the card, never
added to the price. When the only cost is a fee, it is the price.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from bot.domain.credential import CredentialRecord, Fee, LocalText, ProviderRecord, SkillRef
from bot.formats.common import (
    DEFAULT_CURRENCY,
    DurationError,
    ImportProblem,
    ParsedRecord,
    ParseResult,
    as_list,
    ctid_in,
    currency_code,
    delivery_mode,
    duration_hours,
    first,
    is_entry_class,
    language_rank,
    owner_keys,
    parse_amount,
    pick_languages,
    primary_language,
    skill_key_from_node,
    slugify,
)
from bot.formats.concepts import concept_uris
from bot.i18n import _
from bot.language.detect import detect_language, language_code
from bot.language.packs import LANGUAGES
from bot.language.text import fold

_CTID = re.compile(r"(ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", re.I)


_ABSENT = object()


def _get(node: dict[str, Any], name: str, prefix: str = "ceterms") -> Any:
    """`ceterms:name` (or `ceasn:…`), or `name` in documents that set a default vocabulary."""
    value = node.get(prefix + ":" + name, _ABSENT)
    return node.get(name) if value is _ABSENT else value


def _types(node: dict[str, Any]) -> list[str]:
    return [str(item) for item in as_list(node.get("@type") or node.get("type"))]


def _local(type_name: str) -> str:
    return type_name.split(":", 1)[-1].rsplit("/", 1)[-1]


def credential_class(node: dict[str, Any]) -> str | None:
    """The catalogue kind of a resource: a credential class or a learning opportunity class."""
    for name in _types(node):
        if (name.startswith("ceterms:") or ":" not in name) and is_entry_class(name):
            return _local(name)
    return None


def default_language(languages: list[str]) -> str:
    """The language plain strings are taken to be in: the single `inLanguage` if it is ours."""
    if len(languages) == 1 and languages[0] in LANGUAGES:
        return languages[0]
    return "en"


def _string(value: Any) -> str | None:
    if type(value) is str:
        return value.strip() or None
    if isinstance(value, dict):
        value = value.get("@value")
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def language_map(value: Any, default: str) -> LocalText:
    """A CTDL language map (or plain string, JSON-LD value object, or a list) as LocalText."""
    if value is None:
        return {}
    if isinstance(value, list):
        merged: dict[str, str] = {}
        for item in value:
            for lang, text in language_map(item, default).items():
                merged.setdefault(lang, text)
        return merged
    if isinstance(value, dict):
        if "@value" in value:
            single = _string(value)
            ranked = language_rank(str(value.get("@language") or default))
            return {ranked[0]: single} if ranked and single else {}
        texts = {str(key): _string(first(item)) for key, item in value.items()}
        return {lang: text for lang, text in pick_languages(texts).items() if text}
    plain = _string(value)
    return {default: plain} if plain else {}


def list_language_map(value: Any, default: str) -> dict[str, list[str]]:
    """Keywords: a map of language → list (or string), a list of strings, or one string."""
    if value is None:
        return {}
    if isinstance(value, dict) and "@value" not in value:
        raw = {
            str(key): [s for s in (_string(item) for item in as_list(items)) if s]
            for key, items in value.items()
        }
        return {lang: words for lang, words in pick_languages(raw).items() if words}
    result: dict[str, list[str]] = {}
    for item in as_list(value):
        for lang, text in language_map(item, default).items():
            result.setdefault(lang, []).append(text)
    return result


def _alignment_label(item: Any, default: str) -> LocalText:
    if (
        isinstance(item, dict)
        and "@value" not in item
        and any(key.endswith("targetNodeName") or key.endswith("targetNode") for key in item)
    ):
        label = language_map(_get(item, "targetNodeName"), default)
        if not label:
            node = _string(_get(item, "targetNode"))
            if node:
                label = {default: node}
        return label
    return language_map(item, default)


def _subjects(value: Any, default: str) -> list[LocalText]:
    if (
        isinstance(value, dict)
        and "@value" not in value
        and not any(key.startswith(("ceterms:", "@")) for key in value)
    ):
        # A language map of lists: items aligned by position.
        per_lang = list_language_map(value, default)
        count = max((len(items) for items in per_lang.values()), default=0)
        return [{lang: items[i] for lang, items in per_lang.items() if i < len(items)} for i in range(count)]
    subjects = []
    for item in as_list(value):
        label = _alignment_label(item, default)
        if label:
            subjects.append(label)
    return subjects


_REFERENCE = re.compile(r"^(https?://|urn:|ce-[0-9a-f]{8}-)", re.I)


def _is_reference(text: str) -> bool:
    return bool(_REFERENCE.match(text.strip()))


class _Competencies:
    """The `ceasn:Competency` nodes of a document, by every identifier they have."""

    def __init__(self, nodes: list[dict[str, Any]]) -> None:
        self.all: list[SkillRef] = []
        self.by_uri: dict[str, SkillRef] = {}
        for node in nodes:
            if any(_local(name) == "Competency" for name in _types(node)):
                ref = competency_ref(node)
                if ref is not None:
                    self.all.append(ref)
                    for uri in ref.uris:
                        self.by_uri.setdefault(uri.lower(), ref)

    def find(self, uri: str) -> SkillRef | None:
        for item in concept_uris(uri):
            found = self.by_uri.get(item.lower())
            if found is not None:
                return found
        return None


def competency_ref(node: dict[str, Any]) -> SkillRef | None:
    """A `ceasn:Competency` as a skill: named by its `competencyText` (else `competencyLabel`), in
    every language given; identified by its `@id`, CTID and `exactAlignment` URIs (an ESCO skill);
    `broadAlignment` URIs are kept as hints (`codes`)."""
    languages = [
        primary_language(t) for t in (_string(c) for c in as_list(_get(node, "inLanguage", "ceasn"))) if t
    ]
    lang = default_language(languages)
    label = language_map(_get(node, "competencyText", "ceasn"), lang) or language_map(
        _get(node, "competencyLabel", "ceasn"), lang
    )
    uris: list[str] = []
    for value in (node.get("@id"), _get(node, "ctid")):
        text = _string(value)
        if text and not text.startswith("_:"):
            uris.extend(concept_uris(text))
    for value in as_list(_get(node, "exactAlignment", "ceasn")):
        text = _string(value.get("@id") if isinstance(value, dict) else value)
        if text:
            uris.append(text)
    codes = tuple(
        text
        for value in as_list(_get(node, "broadAlignment", "ceasn"))
        if (text := _string(value.get("@id") if isinstance(value, dict) else value))
    )
    if not label and not uris:
        return None
    return SkillRef(label=label, uris=tuple(dict.fromkeys(uris)), codes=codes)


def _skill(item: Any, default: str, competencies: _Competencies) -> SkillRef | None:
    """A `targetCompetency` (an alignment object, a URI, a name) as a skill: a `targetNode` that
    is a competency of this document takes its names and identifiers; one that is not is kept as
    an identifier, for the other files of the import and the store to resolve."""
    if isinstance(item, str):
        key = skill_key_from_node(item)
        if key:
            return SkillRef(label={}, key=key)
        if _is_reference(item):
            found = competencies.find(item)
            return found if found is not None else SkillRef(label={}, uris=concept_uris(item))
        return SkillRef(label={default: item})
    if not isinstance(item, dict):
        return None
    if any(_local(name) == "Competency" for name in _types(item)):
        return competency_ref(item)
    label = language_map(_get(item, "targetNodeName"), default)
    node = _get(item, "targetNode")
    if isinstance(node, dict):
        node = node.get("@id")
    node_text = _string(first(node))
    key = skill_key_from_node(node_text)
    uris: tuple[str, ...] = ()
    if node_text and not key and _is_reference(node_text):
        found = competencies.find(node_text)
        if found is not None:
            # The document's own competency, with any translation the alignment adds.
            return SkillRef(label={**label, **found.label}, uris=found.uris, codes=found.codes)
        uris = concept_uris(node_text)
    if not label and not key and not uris:
        return None
    return SkillRef(label=label, key=key, uris=uris)


def _skills(node: dict[str, Any], default: str, competencies: _Competencies) -> list[SkillRef]:
    found: list[SkillRef] = []
    for condition in as_list(_get(node, "requires")):
        if isinstance(condition, dict):
            for item in as_list(_get(condition, "targetCompetency")):
                skill = _skill(item, default, competencies)
                if skill:
                    found.append(skill)
    for item in as_list(_get(node, "teaches")):
        skill = _skill(item, default, competencies)
        if skill:
            found.append(skill)
    unique: list[SkillRef] = []
    seen: set[str] = set()
    for skill in found:
        marker = (
            f"key:{skill.key}"
            if skill.key
            else "uri:" + skill.uris[0].lower()
            if skill.uris
            else "label:"
            + "|".join(f"{lang}={text.casefold()}" for lang, text in sorted(skill.label.items()))
        )
        if marker not in seen:
            seen.add(marker)
            unique.append(skill)
    return unique


# Condition profiles whose costs are the credential's costs too.
_CONDITIONS = ("requires", "recommends", "corequisite", "entryCondition")

# CTDL cost types (`costType:…`, folded) → our fee kinds; tuition and aggregate costs are the price.
_PRICE_TYPES = frozenset({"tuition", "aggregatecost", "tuitionandfees", "programcost", "coursecost"})
_FEE_TYPES = {
    "application": "application",
    "applicationfee": "application",
    "admission": "application",
    "enrollment": "registration",
    "enrolment": "registration",
    "registration": "registration",
    "technology": "technology",
    "technologyfee": "technology",
    "standaloneassessment": "exam",
    "assessment": "exam",
    "exam": "exam",
    "examination": "exam",
    "proctoring": "exam",
    "learningresource": "materials",
    "materials": "materials",
    "books": "materials",
    "graduation": "graduation",
}
_APPLICATION_WORDS = re.compile(r"\b(application|admission|demande)\b")


def _cost_kind(profile: dict[str, Any]) -> str | None:
    """None for a price (tuition, an aggregate cost, an untyped cost), else the fee's kind: from
    `directCostType` (`costType:Application` → application), else an application named so."""
    for item in as_list(_get(profile, "directCostType")):
        word = (_node_word(item) or "").replace(" ", "").replace("_", "").lower()
        if word in _PRICE_TYPES:
            return None
        if word:
            return _FEE_TYPES.get(word, "other")
    names = " ".join(language_map(_get(profile, "name"), "en").values())
    return "application" if _APPLICATION_WORDS.search(fold(names)) else None


def _node_word(value: Any) -> str | None:
    """`credentialStat:Active` (or an alignment object pointing at it) → `Active`."""
    value = first(value)
    if isinstance(value, dict):
        value = _get(value, "targetNode") or value.get("@id")
    text = _string(value)
    return text.rsplit(":", 1)[-1].rsplit("/", 1)[-1] if text else None


class _Reader:
    def __init__(self, file: str, nodes: list[dict[str, Any]]) -> None:
        self.file = file
        self.nodes = nodes
        self.by_id = {str(n["@id"]): n for n in nodes if isinstance(n.get("@id"), str)}
        self.competencies = _Competencies(nodes)
        self.result = ParseResult(skills=list(self.competencies.all))

    def problem(self, ref: str, field: str, message: str) -> None:
        self.result.problems.append(ImportProblem(self.file, ref, field, message))

    def provider(self, node: dict[str, Any]) -> ProviderRecord | None:
        """The owner (else the offerer): described here, embedded, or a reference for the
        import to resolve (`resolve_owners`) — a reference alone never names the provider."""
        reference: ProviderRecord | None = None
        for name in ("ownedBy", "offeredBy"):
            for ref in as_list(_get(node, name)):
                if isinstance(ref, dict) and set(ref) - {"@id", "@type"}:
                    return organisation_record(ref)
                target = _string(ref.get("@id")) if isinstance(ref, dict) else _string(ref)
                if not target:
                    continue
                for key in owner_keys(target):
                    if key in self.result.providers:
                        return self.result.providers[key]
                if reference is None:
                    reference = ProviderRecord(external_id=ctid_in(target) or target, name={})
        return reference

    def credential(self, node: dict[str, Any], cls: str, index: int) -> None:
        ctid = _string(_get(node, "ctid")) or _string(node.get("@id"))
        ref = ctid or _("resource {number}").format(number=index + 1)
        languages: list[str] = []
        for code in as_list(_get(node, "inLanguage")):
            text = _string(code)
            found = language_code(text) or (primary_language(text) if text else None)
            if found and found not in languages:
                languages.append(found)
        if not languages:
            # No language declared: plain-string texts tell which of ours they are written in.
            plain = [v for v in (_get(node, "name"), _get(node, "description")) if isinstance(v, str)]
            detected = detect_language(plain)
            if detected:
                languages.append(detected)
        lang = default_language(languages)
        record = CredentialRecord(
            external_id=ctid or "",
            name=language_map(_get(node, "name"), lang),
            credential_type=cls,
            description=language_map(_get(node, "description"), lang),
            provider=self.provider(node),
            languages=languages,
            url=_string(first(_get(node, "subjectWebpage"))),
            keywords=list_language_map(_get(node, "keyword"), lang),
            subjects=_subjects(_get(node, "subject"), lang),
            skills=_skills(node, lang, self.competencies),
            occupations=[
                label
                for label in _subjects(_get(node, "occupationType"), lang)
                if not any(_is_reference(text) for text in label.values())
            ],
        )
        self.duration(node, ref, record)
        self.cost(node, ref, record)
        self.delivery(node, ref, record)
        status = _node_word(_get(node, "credentialStatusType"))
        if status:
            record.status = status.lower()
        self.result.records.append(ParsedRecord(ref, record))

    def _hours(self, ref: str, text: str | None) -> tuple[bool, float | None]:
        """(whether `text` is a duration, its hours)."""
        if not text:
            return False, None
        try:
            return True, duration_hours(text)
        except DurationError:
            self.problem(
                ref,
                "ceterms:estimatedDuration",
                _("not an ISO 8601 duration: {value}").format(value=repr(text)),
            )
            return False, None

    def duration(self, node: dict[str, Any], ref: str, record: CredentialRecord) -> None:
        """Every duration profile (and a `timeRequired` beside them) is kept as written; the hours
        are the largest any of them gives: an exact duration's, a range's maximum (else its
        minimum). Weeks, months and years give no hours (see `duration_hours`)."""
        profiles = as_list(_get(node, "estimatedDuration"))
        if _get(node, "timeRequired") is not None:
            profiles = [*profiles, {"ceterms:timeRequired": _get(node, "timeRequired")}]
        hours: list[float] = []
        for profile in profiles:
            if isinstance(profile, dict):
                exact = _string(first(_get(profile, "exactDuration") or _get(profile, "timeRequired")))
                low = _string(first(_get(profile, "minimumDuration")))
                high = _string(first(_get(profile, "maximumDuration")))
            else:
                exact, low, high = _string(first(profile)), None, None
            is_exact, exact_hours = self._hours(ref, exact)
            if is_exact and exact:
                record.durations.append(exact)
                if exact_hours is not None:
                    hours.append(exact_hours)
            (is_low, low_hours), (is_high, high_hours) = self._hours(ref, low), self._hours(ref, high)
            if is_low or is_high:
                record.durations.append(f"{low if is_low else ''}/{high if is_high else ''}")
                if high_hours is not None or low_hours is not None:
                    hours.append(high_hours if high_hours is not None else low_hours or 0.0)
        record.hours = max(hours) if hours else None

    def cost(self, node: dict[str, Any], ref: str, record: CredentialRecord) -> None:
        """The price and the fees (see the module docstring): tuition is kept apart from
        application and other fees, and costs inside condition profiles count too."""
        profiles = [p for p in as_list(_get(node, "estimatedCost")) if isinstance(p, dict)]
        for name in _CONDITIONS:
            for condition in as_list(_get(node, name)):
                if isinstance(condition, dict):
                    profiles.extend(
                        p for p in as_list(_get(condition, "estimatedCost")) if isinstance(p, dict)
                    )
        prices: list[tuple[Decimal, str]] = []
        fees: list[Fee] = []
        for profile in profiles:
            price = first(_get(profile, "price"))
            if price is None or price == "":
                continue  # a currency without a price says nothing
            try:
                amount = parse_amount(price)
            except ValueError:
                self.problem(
                    ref,
                    "ceterms:estimatedCost",
                    _("price is not a number: {value}").format(value=repr(price)),
                )
                continue
            written = _string(first(_get(profile, "currency")))
            currency = currency_code(written) or written or DEFAULT_CURRENCY
            kind = _cost_kind(profile)
            if kind is None:
                prices.append((amount, currency))
            else:
                fees.append(Fee(kind, amount, currency))
        if not prices and len(fees) == 1:
            prices, fees = [(fees[0].amount, fees[0].currency)], []  # the only price is the price
        if prices:
            # Several tuition prices are alternatives (members, residents): the largest, in the
            # first one's currency, is the price; none is added to another.
            currency = prices[0][1]
            record.cost = max(amount for amount, where in prices if where == currency)
            record.currency = currency
        else:
            record.cost, record.currency = None, None
        record.fees = fees

    def delivery(self, node: dict[str, Any], ref: str, record: CredentialRecord) -> None:
        modes: list[str] = []
        for item in as_list(_get(node, "learningDeliveryType") or _get(node, "deliveryType")):
            word = _node_word(item)
            if not word:
                continue
            mode = delivery_mode(word)
            if mode is None:
                self.problem(
                    ref,
                    "ceterms:learningDeliveryType",
                    _("unknown delivery type: {value}").format(value=repr(word)),
                )
            elif mode not in modes:
                modes.append(mode)
        if len(modes) == 1:
            record.delivery = modes[0]
        elif modes:
            record.delivery = "blended"

    def read(self) -> ParseResult:
        for node in self.nodes:
            if any(_local(name).endswith("Organization") for name in _types(node)):
                organisation = organisation_record(node)
                for key in owner_keys(_string(_get(node, "ctid")), _string(node.get("@id"))):
                    self.result.providers.setdefault(key, organisation)
        # Walked only when a credential is a blank node (it costs 0.8 s on 100,000 resources).
        blank = any(
            str(node.get("@id") or "").startswith("_:") and credential_class(node) for node in self.nodes
        )
        referenced = _blank_references(self.nodes) if blank else set()
        for index, node in enumerate(self.nodes):
            cls = credential_class(node)
            if cls and blank and _is_phantom(node, referenced):
                continue  # a related credential described in passing, not an offering
            if cls:
                self.credential(node, cls, index)
            elif not any(
                _local(name).endswith("Organization") or _local(name) in _READ_ELSEWHERE
                for name in _types(node)
            ):
                kind = next(iter(_types(node)), None) or _("(no type)")
                self.result.skipped[kind] = self.result.skipped.get(kind, 0) + 1
        return self.result


# Resource types read, though not as catalogue entries: competencies become skills.
_READ_ELSEWHERE = frozenset({"Competency", "CompetencyFramework", "ConceptScheme", "Concept"})


def _blank_references(nodes: list[dict[str, Any]]) -> set[str]:
    """The blank-node ids (`_:…`) that resources mention as values (not as their own `@id`)."""
    found: set[str] = set()

    def walk(value: Any, top: bool) -> None:
        if isinstance(value, str):
            if value.startswith("_:"):
                found.add(value)
        elif isinstance(value, list):
            for item in value:
                walk(item, False)
        elif isinstance(value, dict):
            for key, item in value.items():
                if not (top and key == "@id"):
                    walk(item, False)

    for node in nodes:
        walk(node, True)
    return found


def _is_phantom(node: dict[str, Any], referenced: set[str]) -> bool:
    """A blank-node credential with no CTID that another resource references (`isPreparationFor`,
    `requires` → `targetCredential`): it describes a related credential, it is not offered here."""
    node_id = _string(node.get("@id")) or ""
    return node_id.startswith("_:") and not _string(_get(node, "ctid")) and node_id in referenced


def organisation_record(node: dict[str, Any]) -> ProviderRecord:
    """An organisation node (or an owner embedded in a record): its CTID, else its `@id`, else
    (an embedded owner with a name only) an id made from its name."""
    name = language_map(_get(node, "name"), "en")
    given = _string(_get(node, "ctid")) or _string(node.get("@id")) or ""
    ext = ctid_in(given) if ctid_in(given) == given.lower() else given
    ext = ext or slugify(name.get("en") or name.get("fr") or "")
    name = name or {"en": ext}
    return ProviderRecord(external_id=ext, name=name, url=_string(first(_get(node, "subjectWebpage"))))


# Keys under which registry and search responses wrap their resources.
_WRAPPERS = ("decoded_resource", "data", "results", "envelopes", "items", "hits")


def graph_nodes(data: Any) -> list[dict[str, Any]]:
    """The resources of a document: its `@graph`, a JSON list, or the single resource; registry
    envelopes (`decoded_resource`, alone or in a list) and search results (`{"data": […]}`,
    `results`, `envelopes`…) are unwrapped, at any depth."""
    if isinstance(data, list):
        return [node for item in data for node in graph_nodes(item)]
    if not isinstance(data, dict):
        return []
    if "@graph" in data:
        return [node for item in as_list(data["@graph"]) for node in graph_nodes(item)]
    if not any(key.startswith(("ceterms:", "ceasn:", "@")) for key in data):
        for key in _WRAPPERS:
            if isinstance(data.get(key), dict | list):
                return graph_nodes(data[key])
    return [data]


def read_ctdl(data: Any, file: str = "<ctdl>") -> ParseResult:
    """The credentials in a parsed CTDL JSON-LD document, with the problems met reading it."""
    nodes = graph_nodes(data)
    result = _Reader(file, nodes).read()
    if not nodes:
        result.problems.append(ImportProblem(file, "", "", _("no CTDL resources in this document")))
    return result


def looks_like_ctdl(data: Any) -> bool:
    if isinstance(data, dict) and "@graph" in data:
        return True
    return any(
        any(str(key).startswith(("ceterms:", "ceasn:")) for key in node)
        or any(name.startswith(("ceterms:", "ceasn:")) for name in _types(node))
        for node in graph_nodes(data)[:20]
    )

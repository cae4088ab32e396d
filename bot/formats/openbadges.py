"""Open Badges, read once for the catalogue and for the wallet.

`read_badge` reads every shape into one `Badge`: OB 3.0 `Achievement`, `OpenBadgeCredential` /
`AchievementCredential` (or a credential whose `credentialSubject` has an `achievement`), OB 2.0
`BadgeClass`, OB 2.0 `Assertion` with its badge embedded or only its URL. `decode_badge_bytes`
turns a badge file (JSON, or a verifiable credential's compact JWT) into the object to read.

Texts (`name`, `description`, `criteria.narrative`, `targetName`, a profile's `name`) are plain
strings in the badge's `inLanguage` (English when absent or neither English nor French), or
JSON-LD language maps (`{"en": …, "fr-CA": …}`) and value objects (`{"@value": …, "@language": …}`).

In the catalogue (`badge_record`): `id` → external id; `name`, `description` → texts (a criteria
narrative stands in for a missing description); `criteria.id` → URL; `achievementType` → the type
when it is a CTDL credential class, else `OpenBadge`; `tag` / `tags` → keywords; `creator`, else the
issuer → provider; `alignment[]` → skills: a `targetUrl` or `targetCode` `urn:credbot:skill:<key>`
is the key; the `targetCode` and the `targetUrl`'s last path segment are `codes`, linking to the
skill with that key if there is one (the wallet links alignments the same way); a target that is
an ESCO URI (`http://data.europa.eu/esco/skill/…`) or a CTDL competency (a URL with a CTID)
identifies the concept: the ESCO skill of the vocabulary, the competency of a framework.

A bilingual badge is two achievements in different `inLanguage`s that point at each other with
`related`: both in one input, they merge into one bilingual record, under the id of the English
one (of the first one when neither is English); alignments merge by target URL/code, else by
position.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from bot.domain.credential import CredentialRecord, LocalText, ProviderRecord, SkillRef, pick
from bot.formats.baking import BakingError, unbake
from bot.formats.common import (
    ImportProblem,
    ParsedRecord,
    ParseResult,
    as_list,
    first,
    is_credential_class,
    load_json,
    looks_like_url,
    pick_languages,
    primary_language,
    skill_key_from_node,
)
from bot.formats.concepts import concept_uris as concept_uris_of
from bot.i18n import _
from bot.language.detect import detect_language, language_code
from bot.language.packs import LANGUAGES

MAX_BADGE_BYTES = 2 * 1024 * 1024
ACHIEVEMENT_TYPES = ("Achievement", "BadgeClass")
CREDENTIAL_TYPES = ("OpenBadgeCredential", "AchievementCredential")
ALIGNMENT_FIELDS = ("targetName", "targetUrl", "targetCode", "targetFramework", "targetDescription")


class BadgeError(ValueError):
    """Not a badge. `reason` codes: too_large (over 2 MB) | empty | malformed (not JSON, not a
    JWT, bad encoding) | not_a_badge (neither an achievement, a credential nor an assertion) |
    no_achievement (a credential or assertion without its achievement) | bad_image, not_baked,
    hosted_only (an image: see `bot.formats.baking.BakingError`)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass
class Party:
    """An issuer or creator profile; OB 2.0 may give only its URL, as `id`."""

    name: LocalText = field(default_factory=dict)
    id: str | None = None
    url: str | None = None


MAX_RECIPIENTS = 10  # identities read from one badge


@dataclass(frozen=True)
class Recipient:
    """Whom a badge was issued to, as the badge names them: OB 2.0's `recipient`, OB 3.0's
    `credentialSubject.identifier`. `identity` is the address itself, or its hash
    (`sha256$…`, `md5$…` of the lowercased address followed by `salt`) when `hashed`."""

    kind: str  # email, url, telephone… (OB 3.0's emailAddress is read as email)
    identity: str
    hashed: bool = False
    salt: str = ""


@dataclass
class Alignment:
    name: LocalText = field(default_factory=dict)  # targetName
    url: str | None = None  # targetUrl
    code: str | None = None  # targetCode
    framework: str | None = None  # targetFramework
    description: str | None = None  # targetDescription

    @property
    def skill_key(self) -> str | None:
        """Our vocabulary key when the target is `urn:credbot:skill:<key>`."""
        return skill_key_from_node(self.url) or skill_key_from_node(self.code)

    @property
    def codes(self) -> tuple[str, ...]:
        """Identifiers that may be vocabulary keys: the `targetCode`, the last path segment of the
        `targetUrl` (our skill URNs are `skill_key`, not codes)."""
        found = [self.code] if self.code and not skill_key_from_node(self.code) else []
        if self.url and not skill_key_from_node(self.url):
            found.append(self.url.split("#", 1)[0].split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1])
        return tuple(dict.fromkeys(code for code in found if code))

    def as_json(self) -> dict[str, str]:
        """The alignment in Open Badges terms (`targetName` …), empty fields left out."""
        values = (pick(self.name, "en"), self.url, self.code, self.framework, self.description)
        return {key: value for key, value in zip(ALIGNMENT_FIELDS, values, strict=True) if value}


@dataclass
class Badge:
    """What an Open Badges document says about one achievement (and, earned, who got it when)."""

    format: str  # ob3 | ob3-jwt | ob2 (earned badges) | achievement (a definition only)
    achievement_id: str | None = None
    name: LocalText = field(default_factory=dict)
    description: LocalText = field(default_factory=dict)
    issuer: Party | None = None  # the credential's issuer; an OB 2.0 badge class's issuer
    creator: Party | None = None  # the OB 3.0 achievement's creator
    criteria_url: str | None = None
    criteria_narrative: LocalText = field(default_factory=dict)
    alignments: list[Alignment] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    achievement_type: str | None = None  # without its prefix: `MicroCredential`
    language: str = "en"  # the language of plain-string texts
    languages: list[str] = field(default_factory=list)  # as `inLanguage` declares
    related: list[str] = field(default_factory=list)  # ids of related achievements
    earned_on: dt.date | None = None
    credential_id: str | None = None  # the credential's or assertion's own id
    recipients: list[Recipient] = field(default_factory=list)  # whom it was issued to

    @property
    def issuer_name(self) -> str | None:
        """Who awarded it: the issuer's name, else the creator's."""
        for party in (self.issuer, self.creator):
            if party is not None and pick(party.name, "en"):
                return pick(party.name, "en")
        return None

    @property
    def issuer_id(self) -> str | None:
        return (self.issuer and self.issuer.id) or (self.creator and self.creator.id) or None


# --- decoding a file ---------------------------------------------------------------------------


def _jwt_credential(parts: list[str]) -> dict[str, Any]:
    try:
        payload = load_json(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (binascii.Error, ValueError) as error:
        raise BadgeError("malformed", "bad JWT payload") from error
    if not isinstance(payload, dict):
        raise BadgeError("malformed", "JWT payload is not an object")
    # VC-JWT (VC 1.1) wraps the credential in "vc"; VC-JOSE (VC 2.0) is the credential itself.
    inner = payload.get("vc")
    if not isinstance(inner, dict):
        return payload
    inner = dict(inner)
    if "issuer" not in inner and isinstance(payload.get("iss"), str):
        inner["issuer"] = payload["iss"]
    if "validFrom" not in inner and "issuanceDate" not in inner and isinstance(payload.get("nbf"), int):
        with suppress(OverflowError, OSError, ValueError):  # a date out of any calendar: no date
            inner["validFrom"] = dt.datetime.fromtimestamp(payload["nbf"], dt.UTC).isoformat()
    if "id" not in inner and isinstance(payload.get("jti"), str):
        inner["id"] = payload["jti"]
    return inner


def decode_badge_bytes(data: bytes) -> tuple[dict[str, Any], bool]:
    """JSON object from a badge file: plain JSON, the compact JWT form of a verifiable
    credential (header.payload.signature), whose payload is decoded WITHOUT checking the signature:
    a wallet entry records what the learner says they earned, it does not verify it, or a PNG or
    SVG image with one of those baked in (`bot.formats.baking`). Returns (object, came_from_jwt);
    raises `BadgeError`, with the reasons of `BakingError` for an image (bad_image, not_baked,
    hosted_only)."""
    if len(data) > MAX_BADGE_BYTES:
        raise BadgeError("too_large", str(len(data)))
    try:
        baked = unbake(data)
    except BakingError as error:
        raise BadgeError(error.reason, error.detail) from error
    if baked is not None:
        data = baked.payload
    try:
        text = data.decode("utf-8-sig").strip()
    except UnicodeDecodeError as error:
        raise BadgeError("malformed", "not UTF-8") from error
    if not text:
        raise BadgeError("empty")
    parts = text.split(".")
    if not text.startswith(("{", "[")) and len(parts) == 3 and all(parts[:2]):
        return _jwt_credential(parts), True
    try:
        parsed = load_json(text)
    except ValueError as error:
        raise BadgeError("malformed", "not JSON") from error
    if not isinstance(parsed, dict):
        raise BadgeError("not_a_badge", "not a JSON object")
    return parsed, False


# --- reading a badge ---------------------------------------------------------------------------


def _types(data: dict[str, Any]) -> list[str]:
    return [str(t).rsplit(":", 1)[-1] for t in as_list(data.get("type") or data.get("@type"))]


def _text(value: Any) -> str | None:
    value = first(value)
    if isinstance(value, dict):
        value = value.get("@value")
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _our_language(code: str | None, default: str = "en") -> str:
    lang = primary_language(code) if code else ""
    return lang if lang in LANGUAGES else default


def _local(value: Any, lang: str) -> LocalText:
    """A text by language: a plain string is in `lang`; a language map or value objects say their
    own (`en-US`, `fr-CA` count as `en`, `fr`); a map in neither language gives its first text."""
    if isinstance(value, list):
        merged: LocalText = {}
        for item in value:
            for key, item_text in _local(item, lang).items():
                merged.setdefault(key, item_text)
        return merged
    if isinstance(value, dict) and "@value" not in value:
        texts = {str(key): text for key, text in ((k, _text(v)) for k, v in value.items()) if text}
        picked = pick_languages(texts)
        return picked or ({lang: next(iter(texts.values()))} if texts else {})
    text = _text(value)
    if not text:
        return {}
    if isinstance(value, dict):
        lang = _our_language(_text(value.get("@language")), lang)
    return {lang: text}


def _date(value: Any) -> dt.date | None:
    if isinstance(value, str):
        with suppress(ValueError):
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        with suppress(ValueError):
            return dt.date.fromisoformat(value[:10])
    return None


def _party(value: Any, lang: str) -> Party | None:
    value = first(value)
    if isinstance(value, dict):
        party = Party(_local(value.get("name"), lang), _text(value.get("id")), _text(value.get("url")))
        return party if party.name or party.id or party.url else None
    ident = _text(value)
    return Party(id=ident) if ident else None


def _alignments(value: Any, lang: str) -> list[Alignment]:
    found = []
    for item in as_list(value):
        fields = {"targetName": item} if isinstance(item, str) else item
        if not isinstance(fields, dict):
            continue
        alignment = Alignment(
            name=_local(fields.get("targetName"), lang),
            url=_text(fields.get("targetUrl")),
            code=_text(fields.get("targetCode")),
            framework=_text(fields.get("targetFramework")),
            description=pick(_local(fields.get("targetDescription"), lang), "en") or None,
        )
        if alignment.as_json():
            found.append(alignment)
    return found


def _from_achievement(achievement: dict[str, Any], fmt: str, outer_language: Any = None) -> Badge:
    """An OB 3.0 Achievement or OB 2.0 BadgeClass."""
    declared = _text(first(achievement.get("inLanguage"))) or _text(first(outer_language))
    code = language_code(declared)
    if not declared:
        # No language declared: plain-string texts tell which of ours they are written in.
        texts = [achievement.get("name"), achievement.get("description")]
        criteria_value = first(achievement.get("criteria"))
        if isinstance(criteria_value, dict):
            texts.append(criteria_value.get("narrative"))
        code = detect_language(text for text in texts if isinstance(text, str))
    lang = _our_language(code)
    criteria = first(achievement.get("criteria"))
    criteria_url, narrative = _text(criteria), {}
    if isinstance(criteria, dict):
        criteria_url = _text(criteria.get("id")) or _text(criteria.get("url"))
        narrative = _local(criteria.get("narrative"), lang)
    kind = _text(achievement.get("achievementType"))
    tags = as_list(achievement.get("tag") or achievement.get("tags"))
    related = [
        item.get("id") if isinstance(item, dict) else item for item in as_list(achievement.get("related"))
    ]
    return Badge(
        format=fmt,
        achievement_id=_text(achievement.get("id")),
        name=_local(achievement.get("name"), lang),
        description=_local(achievement.get("description"), lang),
        issuer=_party(achievement.get("issuer"), lang),
        creator=_party(achievement.get("creator"), lang),
        criteria_url=criteria_url,
        criteria_narrative=narrative,
        alignments=_alignments(achievement.get("alignment") or achievement.get("alignments"), lang),
        tags=[text for text in (_text(tag) for tag in tags) if text],
        achievement_type=kind.rsplit(":", 1)[-1] if kind else None,
        language=lang,
        languages=[lang] if code in LANGUAGES else [],
        related=[text for text in (_text(item) for item in related) if text],
    )


def _from_credential(obj: dict[str, Any], subject: Any, from_jwt: bool) -> Badge:
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    if not isinstance(subject, dict) or not isinstance(achievement, dict):
        raise BadgeError("no_achievement", "credentialSubject.achievement missing")
    badge = _from_achievement(achievement, "ob3-jwt" if from_jwt else "ob3", obj.get("inLanguage"))
    badge.name = badge.name or _local(obj.get("name"), badge.language)
    badge.issuer = _party(obj.get("issuer"), badge.language) or badge.issuer
    dates = (subject.get("awardedDate"), obj.get("validFrom"), obj.get("issuanceDate"))
    badge.earned_on = next((date for date in map(_date, dates) if date), None)
    badge.credential_id = _text(obj.get("id"))
    badge.recipients = _recipients(as_list(subject.get("identifier")))
    if _text(subject.get("email")):  # a plain address some issuers give
        badge.recipients.append(Recipient("email", str(_text(subject.get("email")))))
    return badge


def _recipients(items: list[Any]) -> list[Recipient]:
    """OB 2.0 `recipient` / OB 3.0 `IdentityObject`s: type, identity (or identityHash), hashed, salt."""
    found = []
    for item in items[:MAX_RECIPIENTS]:
        if not isinstance(item, dict):
            continue
        identity = _text(item.get("identityHash")) or _text(item.get("identity"))
        if not identity:
            continue
        kind = (_text(item.get("identityType")) or _text(item.get("type")) or "email").lower()
        kind = "email" if kind in ("emailaddress", "identityobject") else kind
        hashed = item.get("hashed") is True or str(item.get("hashed")).lower() == "true"
        found.append(Recipient(kind, identity[:255], hashed, (_text(item.get("salt")) or "")[:255]))
    return found


def _from_assertion(obj: dict[str, Any]) -> Badge:
    badge_class = obj.get("badge")
    if isinstance(badge_class, dict):
        badge = _from_achievement(badge_class, "ob2")
    elif _text(badge_class):
        badge = Badge(format="ob2", achievement_id=_text(badge_class))  # the badge class's URL only
    else:
        raise BadgeError("no_achievement", "assertion without badge")
    badge.earned_on = _date(obj.get("issuedOn"))
    badge.credential_id = _text(obj.get("id"))
    badge.recipients = _recipients(as_list(obj.get("recipient")))
    return badge


def read_badge(obj: Any, from_jwt: bool = False) -> Badge:
    """Any Open Badges document as a `Badge` (see the module's docstring); `from_jwt` says the
    object was a JWT's payload. Raises `BadgeError` (not_a_badge, no_achievement)."""
    if not isinstance(obj, dict):
        raise BadgeError("not_a_badge", "not a JSON object")
    types = _types(obj)
    if any(t in ACHIEVEMENT_TYPES for t in types):
        return _from_achievement(obj, "achievement")
    subject = first(obj.get("credentialSubject"))
    if any(t in CREDENTIAL_TYPES for t in types) or (isinstance(subject, dict) and "achievement" in subject):
        return _from_credential(obj, subject, from_jwt)
    if "Assertion" in types or ("badge" in obj and "recipient" in obj):
        return _from_assertion(obj)
    raise BadgeError("not_a_badge", "neither an OB 3.0 achievement or credential nor an OB 2.0 badge")


# --- catalogue records -------------------------------------------------------------------------


def _provider(party: Party | None, lang: str) -> ProviderRecord | None:
    if party is None:
        return None
    ext = party.id or party.url or pick(party.name, lang)
    if not ext:
        return None
    return ProviderRecord(external_id=ext, name=dict(party.name) or {lang: ext}, url=party.url)


_CONCEPT_URL = re.compile(
    r"^https?://data\.europa\.eu/esco/(skill|occupation)/|ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-", re.I
)


def alignment_uris(alignment: Alignment) -> tuple[str, ...]:
    """The alignment's target as a concept identifier: an ESCO URI, or a CTDL competency (a URL
    or code with a CTID). Other URLs (a framework's page, say) are not: several skills share them."""
    found: list[str] = []
    for target in (alignment.url, alignment.code):
        if target and _CONCEPT_URL.search(target):
            found.extend(concept_uris_of(target))
    return tuple(dict.fromkeys(found))


def _skill(alignment: Alignment) -> SkillRef | None:
    key = alignment.skill_key
    uris = () if key else alignment_uris(alignment)
    if not alignment.name and not key and not alignment.codes and not uris:
        return None
    return SkillRef(label=dict(alignment.name), key=key, codes=alignment.codes, uris=uris)


def _web_page(badge: Badge) -> str | None:
    """The badge's web page: its criteria's `id` when that is a web address, else the
    achievement's. A criteria `id` may be any URI (`urn:uuid:…`, as Open Badge Factory writes):
    it is not a page to link to, and not a problem."""
    for candidate in (badge.criteria_url, badge.achievement_id):
        if candidate and looks_like_url(candidate):
            return candidate
    return None


def badge_record(badge: Badge) -> CredentialRecord:
    """The catalogue record of a badge's achievement."""
    lang = badge.language
    kind = badge.achievement_type
    return CredentialRecord(
        external_id=badge.achievement_id or "",
        name=dict(badge.name),
        credential_type=kind if kind and is_credential_class(kind) else "OpenBadge",
        description=dict(badge.description or badge.criteria_narrative),
        provider=_provider(badge.creator or badge.issuer, lang),
        languages=list(badge.languages),
        url=_web_page(badge),
        keywords={lang: list(badge.tags)} if badge.tags else {},
        skills=[skill for skill in (_skill(alignment) for alignment in badge.alignments) if skill],
    )


def parse_badge(data: dict[str, Any]) -> CredentialRecord:
    """One badge as a record: an OB 3.0 Achievement or OpenBadgeCredential/AchievementCredential,
    an OB 2.0 BadgeClass or Assertion (whose badge may be only a URL: the record then has no name).
    Raises ValueError for anything else."""
    try:
        return badge_record(read_badge(data))
    except BadgeError as error:
        raise ValueError(_("not an Open Badges achievement, badge class or credential")) from error


def _merge_label(into: LocalText, other: LocalText) -> None:
    for lang, text in other.items():
        into.setdefault(lang, text)


def _targets(badge: Badge) -> list[str | None]:
    """The target URL / code of each alignment that became a skill, in order."""
    return [alignment.url or alignment.code for alignment in badge.alignments if _skill(alignment)]


def _merge_skills(
    primary: list[SkillRef], other: list[SkillRef], targets_a: list[str | None], targets_b: list[str | None]
) -> None:
    """`other`'s skills into `primary`'s: by target, else by position when either has none."""
    used: set[int] = set()
    for i, skill in enumerate(primary):
        t = targets_a[i] if i < len(targets_a) else None
        u = targets_b[i] if i < len(targets_b) else None
        match = next((j for j, v in enumerate(targets_b) if t and v == t and j not in used), None)
        if match is None and i < len(other) and i not in used and not (t and u):
            match = i
        if match is not None and match < len(other):
            used.add(match)
            _merge_label(skill.label, other[match].label)
            skill.key = skill.key or other[match].key
            skill.codes = tuple(dict.fromkeys((*skill.codes, *other[match].codes)))
    primary.extend(skill for j, skill in enumerate(other) if j not in used)


def merge_related(
    primary: CredentialRecord, other: CredentialRecord, primary_badge: Badge, other_badge: Badge
) -> CredentialRecord:
    """Fold the other-language twin `other` into `primary`."""
    _merge_label(primary.name, other.name)
    _merge_label(primary.description, other.description)
    for lang in other.languages:
        if lang not in primary.languages:
            primary.languages.append(lang)
    for lang, words in other.keywords.items():
        primary.keywords.setdefault(lang, words)
    if primary.provider and other.provider:
        _merge_label(primary.provider.name, other.provider.name)
    primary.url = primary.url or other.url
    # Alignments: by target URL / code, else by position.
    _merge_skills(primary.skills, other.skills, _targets(primary_badge), _targets(other_badge))
    return primary


def _documents(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [item for item in data if isinstance(item, dict)]
    if isinstance(data, dict):
        for key in ("achievements", "badges", "items"):
            if isinstance(data.get(key), list) and not _types(data):
                return [item for item in data[key] if isinstance(item, dict)]
        return [data]
    return []


def _merge_twins(parsed: list[tuple[str, Badge, CredentialRecord]]) -> set[str]:
    """Merge related twins in place; the refs of the records folded into another."""
    by_id = {ref: (badge, record) for ref, badge, record in parsed}
    merged: set[str] = set()
    for ref, badge, record in parsed:
        if ref in merged:
            continue
        for other_id in badge.related:
            if other_id == ref or other_id not in by_id or other_id in merged:
                continue
            other_badge, other = by_id[other_id]
            if "en" in record.name or "en" not in other.name:
                merge_related(record, other, badge, other_badge)
                merged.add(other_id)
            else:
                merge_related(other, record, other_badge, badge)
                merged.add(ref)
                break
    return merged


def read_openbadges(data: Any, file: str = "<openbadges>") -> ParseResult:
    """Every badge in a parsed Open Badges document (one object or a list), related
    translations merged."""
    result = ParseResult()
    parsed: list[tuple[str, Badge, CredentialRecord]] = []
    for index, document in enumerate(_documents(data)):
        ref = _text(document.get("id")) or _("item {number}").format(number=index + 1)
        try:
            badge = read_badge(document)
        except BadgeError:
            message = _("not an Open Badges achievement, badge class or credential")
            result.problems.append(ImportProblem(file, ref, "type", message))
            continue
        record = badge_record(badge)
        parsed.append((record.external_id or ref, badge, record))
    merged = _merge_twins(parsed)
    for ref, _badge, record in parsed:
        if ref not in merged:
            result.records.append(ParsedRecord(ref, record))
    return result


def looks_like_openbadges(data: Any) -> bool:
    if isinstance(data, list):
        return any(looks_like_openbadges(item) for item in data[:20])
    if not isinstance(data, dict):
        return False
    context = " ".join(str(c) for c in as_list(data.get("@context")))
    if "openbadges" in context or "purl.imsglobal.org/spec/ob" in context:
        return True
    try:
        read_badge(data)
    except BadgeError:
        return False
    return True

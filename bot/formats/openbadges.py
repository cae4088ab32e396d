"""Reading Open Badges: OB 3.0 `Achievement`, `OpenBadgeCredential` / `AchievementCredential`
(the achievement in `credentialSubject.achievement`), and OB 2.0 `BadgeClass` / `Assertion`.

What becomes what: `id` → external id; `name`, `description` → texts in the badge's
`inLanguage` (English when absent); `criteria.id` → the record's URL (a criteria narrative
stands in for a missing description); `alignment[].targetName` → skills (a `targetUrl` or
`targetCode` of `urn:credbot:skill:<key>` links to our vocabulary); `achievementType` → the
credential type when it is a CTDL credential class, else `OpenBadge`; `tag` / `tags` → keywords;
`creator` (OB 3.0), `issuer` (OB 2.0 and the credential's issuer) → provider.

A bilingual badge is two achievements in different `inLanguage`s that point at each other with
`related`: both in one input, they merge into one bilingual record, under the id of the English
one (of the first one when neither is English); alignments merge by target URL/code, else by
position.
"""

from __future__ import annotations

from typing import Any

from bot.domain.credential import CredentialRecord, LocalText, ProviderRecord, SkillRef
from bot.formats.common import (
    ImportProblem,
    ParsedRecord,
    ParseResult,
    as_list,
    first,
    is_credential_class,
    primary_language,
    skill_key_from_node,
)
from bot.i18n import _

ACHIEVEMENT_TYPES = ("Achievement", "BadgeClass")
CREDENTIAL_TYPES = ("OpenBadgeCredential", "AchievementCredential", "Assertion")


def _types(data: dict[str, Any]) -> list[str]:
    return [str(t).rsplit(":", 1)[-1] for t in as_list(data.get("type") or data.get("@type"))]


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@value")
    value = first(value)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _lang(data: dict[str, Any]) -> str:
    code = _text(data.get("inLanguage"))
    if code:
        lang = primary_language(code)
        if lang in ("en", "fr"):
            return lang
    return "en"


def _provider(value: Any, lang: str) -> ProviderRecord | None:
    value = first(value)
    if isinstance(value, str) and value.strip():
        return ProviderRecord(external_id=value.strip(), name={lang: value.strip()})
    if isinstance(value, dict):
        ext = _text(value.get("id")) or _text(value.get("url")) or _text(value.get("name"))
        if not ext:
            return None
        name = _text(value.get("name")) or ext
        return ProviderRecord(external_id=ext, name={lang: name}, url=_text(value.get("url")))
    return None


def _alignment_key(item: dict[str, Any]) -> str | None:
    for field in ("targetUrl", "targetCode"):
        key = skill_key_from_node(_text(item.get(field)))
        if key:
            return key
    return None


def _skills(data: dict[str, Any], lang: str) -> list[SkillRef]:
    skills = []
    for item in as_list(data.get("alignment") or data.get("alignments")):
        if isinstance(item, str):
            skills.append(SkillRef(label={lang: item}))
        elif isinstance(item, dict):
            name = _text(item.get("targetName"))
            key = _alignment_key(item)
            if name or key:
                skills.append(SkillRef(label={lang: name} if name else {}, key=key))
    return skills


def achievement_of(data: dict[str, Any]) -> dict[str, Any] | None:
    """The achievement (OB 3.0) or badge class (OB 2.0) a document describes, if it has one."""
    types = _types(data)
    if any(t in ACHIEVEMENT_TYPES for t in types):
        return data
    if "Assertion" in types and isinstance(data.get("badge"), dict):
        return dict(data["badge"])
    if any(t in CREDENTIAL_TYPES for t in types) or "credentialSubject" in data:
        subject = first(data.get("credentialSubject"))
        if isinstance(subject, dict) and isinstance(subject.get("achievement"), dict):
            achievement = dict(subject["achievement"])
            if not achievement.get("creator") and data.get("issuer"):
                achievement["creator"] = data["issuer"]
            return achievement
    return None


def _record(achievement: dict[str, Any]) -> CredentialRecord:
    lang = _lang(achievement)
    criteria = achievement.get("criteria")
    criteria_url = None
    narrative = None
    if isinstance(criteria, str):
        criteria_url = criteria.strip() or None
    elif isinstance(criteria, dict):
        criteria_url = _text(criteria.get("id"))
        narrative = _text(criteria.get("narrative"))
    description = _text(achievement.get("description")) or narrative
    kind = _text(achievement.get("achievementType"))
    kind = kind.rsplit(":", 1)[-1] if kind else None
    tags = [
        t for t in (_text(tag) for tag in as_list(achievement.get("tag") or achievement.get("tags"))) if t
    ]
    name = _text(achievement.get("name"))
    raw_id = _text(achievement.get("id"))
    return CredentialRecord(
        external_id=raw_id or "",
        name={lang: name} if name else {},
        credential_type=kind if kind and is_credential_class(kind) else "OpenBadge",
        description={lang: description} if description else {},
        provider=_provider(achievement.get("creator") or achievement.get("issuer"), lang),
        languages=[lang] if achievement.get("inLanguage") else [],
        url=criteria_url,
        keywords={lang: tags} if tags else {},
        skills=_skills(achievement, lang),
    )


def parse_badge(data: dict[str, Any]) -> CredentialRecord:
    """One badge as a record: an OB 3.0 Achievement or OpenBadgeCredential/AchievementCredential,
    an OB 2.0 BadgeClass, or an OB 2.0 Assertion with its badge embedded. Raises ValueError for
    anything else (an Assertion whose badge is only a URL, for instance)."""
    achievement = achievement_of(data)
    if achievement is None:
        raise ValueError(_("not an Open Badges achievement, badge class or credential"))
    return _record(achievement)


def _merge_label(into: LocalText, other: LocalText) -> None:
    for lang, text in other.items():
        into.setdefault(lang, text)


def merge_related(
    primary: CredentialRecord,
    other: CredentialRecord,
    primary_raw: dict[str, Any],
    other_raw: dict[str, Any],
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
    raw_a = [a for a in as_list(primary_raw.get("alignment")) if isinstance(a, dict | str)]
    raw_b = [a for a in as_list(other_raw.get("alignment")) if isinstance(a, dict | str)]

    def target(item: Any) -> str | None:
        return (
            (_text(item.get("targetUrl")) or _text(item.get("targetCode")))
            if isinstance(item, dict)
            else None
        )

    used: set[int] = set()
    for i, skill in enumerate(primary.skills):
        match = None
        t = target(raw_a[i]) if i < len(raw_a) else None
        if t:
            match = next((j for j, item in enumerate(raw_b) if target(item) == t and j not in used), None)
        if (
            match is None
            and i < len(other.skills)
            and i not in used
            and (not t or not (i < len(raw_b) and target(raw_b[i])))
        ):
            match = i
        if match is not None and match < len(other.skills):
            used.add(match)
            _merge_label(skill.label, other.skills[match].label)
            skill.key = skill.key or other.skills[match].key
    for j, skill in enumerate(other.skills):
        if j not in used:
            primary.skills.append(skill)
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


def read_openbadges(data: Any, file: str = "<openbadges>") -> ParseResult:
    """Every badge in a parsed Open Badges document (one object or a list), related
    translations merged."""
    result = ParseResult()
    parsed: list[tuple[str, dict[str, Any], CredentialRecord]] = []
    for index, document in enumerate(_documents(data)):
        achievement = achievement_of(document)
        ref = _text(document.get("id")) or _("item {number}").format(number=index + 1)
        if achievement is None:
            result.problems.append(
                ImportProblem(
                    file, ref, "type", _("not an Open Badges achievement, badge class or credential")
                )
            )
            continue
        record = _record(achievement)
        parsed.append((record.external_id or ref, achievement, record))
    by_id = {ref: (raw, record) for ref, raw, record in parsed}
    merged: set[str] = set()
    for ref, raw, record in parsed:
        if ref in merged:
            continue
        for related in as_list(raw.get("related")):
            other_id = _text(related.get("id")) if isinstance(related, dict) else _text(related)
            if not other_id or other_id == ref or other_id not in by_id or other_id in merged:
                continue
            other_raw, other = by_id[other_id]
            primary_is_self = "en" in record.name or "en" not in other.name
            if primary_is_self:
                merge_related(record, other, raw, other_raw)
                merged.add(other_id)
            else:
                merge_related(other, record, other_raw, raw)
                merged.add(ref)
                break
    for ref, _raw, record in parsed:
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
    return achievement_of(data) is not None

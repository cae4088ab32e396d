"""One skill concept per competency across the records and files of an import.

Records name a competency in many ways: `{"en": "Use QGIS", "fr": "Utiliser QGIS"}` on one,
`{"fr": "Utiliser QGIS"}` on another, a CTDL `targetNode` URI on a third, an ESCO URI or a
vocabulary key elsewhere. `unite_skills` puts every reference into one group per concept
(union-find: two references are one concept when they share a normalised label in one language,
an identifier — URI, CTID, ESCO URI — or a vocabulary key) and gives every member of a group the
same merged reference: every language's label (the most common spelling), every identifier, the
key. The store then resolves each group once. Two groups with different vocabulary keys are never
united (two vocabulary skills that happen to share a label stay two skills).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from bot.domain.credential import CredentialRecord, SkillRef
from bot.language.text import fold

_TRAILING = re.compile(r"[\s.;:,!]+$")
_CTID = re.compile(r"(ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", re.I)


def concept_uris(uri: str) -> tuple[str, ...]:
    """A concept's identifier as written, plus the CTID inside a registry URL (so that
    `…/resources/ce-…` and `…/graph/ce-…` are one competency)."""
    uri = uri.strip()
    match = _CTID.search(uri)
    ctid = match.group(1).lower() if match else None
    return tuple(dict.fromkeys(item for item in (uri, ctid) if item))


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """A label as compared: folded, final punctuation off (`Use QGIS.` = `use qgis`)."""
    return _TRAILING.sub("", fold(text))


@lru_cache(maxsize=65536)
def uri_key(uri: str) -> str:
    """An identifier as compared: no surrounding space, lower case, no final slash."""
    return uri.strip().lower().rstrip("/")


class _Groups:
    def __init__(self, count: int) -> None:
        self.parent = list(range(count))
        self.keys: list[str | None] = [None] * count

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        ka, kb = self.keys[ra], self.keys[rb]
        if ka and kb and ka != kb:
            return  # two vocabulary skills stay two skills
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.keys[ra] = ka or kb


def _merged(members: Sequence[SkillRef]) -> SkillRef:
    spellings: dict[str, Counter[str]] = {}
    for ref in members:
        for lang, text in ref.label.items():
            if text.strip():
                spellings.setdefault(lang, Counter())[text.strip()] += 1
    # Most common spelling, the first seen on a tie (Counter keeps insertion order).
    label = {lang: counts.most_common(1)[0][0] for lang, counts in spellings.items()}
    key = next((ref.key for ref in members if ref.key), None)
    codes = tuple(dict.fromkeys(code for ref in members for code in ref.codes))
    uris = tuple(dict.fromkeys(uri for ref in members for uri in ref.uris))
    return SkillRef(label=label, key=key, codes=codes, uris=uris)


def unite(refs: Sequence[SkillRef]) -> list[SkillRef]:
    """For each ref, its group's merged ref (one shared object per group), in the same order."""
    groups = _Groups(len(refs))
    first: dict[tuple[str, str], int] = {}
    for index, ref in enumerate(refs):
        if ref.key:
            groups.keys[index] = ref.key
    markers: list[list[tuple[str, str]]] = []
    for ref in refs:
        found = [("key", ref.key)] if ref.key else []
        found += [("uri", uri_key(uri)) for uri in ref.uris if uri.strip()]
        found += [(f"label:{lang}", label_key(text)) for lang, text in ref.label.items() if label_key(text)]
        markers.append(found)
    # Identifiers and keys first, so that a label shared by two keyed concepts cannot tie them.
    for labels in (False, True):
        for index, found in enumerate(markers):
            for marker in found:
                if marker[0].startswith("label:") != labels:
                    continue
                if marker in first:
                    groups.union(first[marker], index)
                else:
                    first[marker] = index
    members: dict[int, list[SkillRef]] = {}
    for index, ref in enumerate(refs):
        members.setdefault(groups.find(index), []).append(ref)
    merged = {root: _merged(group) for root, group in members.items()}
    return [merged[groups.find(index)] for index in range(len(refs))]


def unite_skills(records: Iterable[CredentialRecord], extra: Sequence[SkillRef] = ()) -> list[SkillRef]:
    """Rewrites every record's skills as their concepts (see the module), duplicates within a
    record dropped; returns the concepts of `extra` (skills without a credential: a framework's
    competencies), one per concept."""
    records = list(records)
    refs: list[SkillRef] = [ref for record in records for ref in record.skills]
    refs.extend(extra)
    merged = unite(refs)
    position = 0
    for record in records:
        count = len(record.skills)
        record.skills = list({id(ref): ref for ref in merged[position : position + count]}.values())
        position += count
    return list({id(ref): ref for ref in merged[position:]}.values())

"""Vocabulary skills bridged to the competencies a catalogue teaches.

A goal read from the vocabulary ("data analyst" → python, SQL, data visualisation…) names skill
concepts of the vocabulary; a network's own catalogue tags its credentials with its own
competencies ("Write Python scripts to automate routine tasks"), so that no credential is tagged
with the vocabulary's key and the bundle would come out empty although the catalogue teaches
those skills. A requested skill that no credential teaches is therefore bridged to the taught
competency that names it: every word of one of the skill's names (its labels, synonyms and
abbreviations, in every language) is in one of the competency's labels, stem for stem
(`data visualization` is in "Design clear data visualizations for decision makers"). Among the
competencies that qualify, the one whose label the name fills most wins, then the one most
credentials teach (more choice for the solver). A skill that bridges to nothing stays as it is
and is reported as not offered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from bot.domain.credential import LocalText
from bot.language.text import STOP_WORDS, normalise, split_words, stems

# A bridged name must fill at least this share of the competency label's content words (one word
# in six): a name of one word ("accounting") inside a long label about something else ("Measure
# and report the carbon footprint of an organisation with carbon accounting standards and…") is
# not the same skill.
MIN_FILL = 0.15


def content_stems(text: str) -> list[frozenset[str]]:
    """The content words of a text, each as the set of its stems in every language."""
    return [frozenset(stems(word)) for word in split_words(normalise(text)) if word not in STOP_WORDS]


class SkillBridge:
    """The taught competencies indexed by stem; `bridge(names)` is then cheap."""

    def __init__(self, taught: Mapping[str, Iterable[str]], teachers: Mapping[str, int]) -> None:
        """`taught`: per taught skill key, its labels; `teachers`: how many credentials teach it."""
        self._teachers = teachers
        self._labels: dict[str, list[tuple[frozenset[str], int]]] = {}
        self._by_stem: dict[str, set[str]] = {}
        for key, labels in taught.items():
            for label in dict.fromkeys(labels):
                words = content_stems(label)
                if not words:
                    continue
                every = frozenset().union(*words)
                self._labels.setdefault(key, []).append((every, len(words)))
                for stem in every:
                    self._by_stem.setdefault(stem, set()).add(key)

    def bridge(self, names: Iterable[str]) -> str | None:
        """The taught competency that one of `names` names best, or None."""
        best: tuple[float, int, str] | None = None
        for name in names:
            words = content_stems(name)
            if not words:
                continue
            found: set[str] | None = None
            for word in words:
                keys: set[str] = set()
                for stem in word:
                    keys |= self._by_stem.get(stem, set())
                found = keys if found is None else found & keys
                if not found:
                    break
            for key in found or ():
                for every, size in self._labels[key]:
                    if all(word & every for word in words):
                        fill = min(1.0, len(words) / size)
                        if fill < MIN_FILL:
                            continue
                        rank = (fill, self._teachers.get(key, 0), key)
                        if best is None or rank[:2] > best[:2] or (rank[:2] == best[:2] and key < best[2]):
                            best = rank
        return best[2] if best else None


def names_of(
    label: LocalText, synonyms: Mapping[str, Sequence[str]], abbreviations: Sequence[str]
) -> list[str]:
    """Every name of a skill concept: its labels, synonyms and abbreviations."""
    return [
        *label.values(),
        *(word for words in synonyms.values() for word in words),
        *abbreviations,
    ]

"""Understanding of learners' messages: intent accuracy, limit F1 and topic recall per language,
for the understanding layer (`bot.language.understanding`) beside the old regex reader
(`benchmarks.understanding_baseline`).

    python -m benchmarks.understanding [--set tune|tune2|tune3|tune4|tune5] [--heldout] [--show-misses]

Reads `benchmarks/understanding/tune.json` (the default) or, with `--heldout`, `heldout.json`
(measured by the lead only; never tuned on). Each entry: {id, lang, context, text, intent,
topic[], limits{max_hours, max_cost, free, cheap, online, in_person, instruction_language,
place}, reference, interface_language}.

- intent accuracy: share of messages whose intent is the expected one;
- limit F1, per limit field that any entry states or any reader found: a found value that is
  not the expected one counts as a false positive and a miss; numbers compared as numbers,
  places folded (case and accents aside); "all" is the micro-average over fields;
- topic recall: share of the expected topic words (folded, stop words aside) found among the
  understood topic words, over the entries that expect a topic;
- reference accuracy: over the entries that expect a reference.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from benchmarks.understanding_baseline import old_understanding

DATA = Path(__file__).with_name("understanding")
LIMIT_FIELDS = (
    "max_hours",
    "max_cost",
    "free",
    "cheap",
    "online",
    "in_person",
    "instruction_language",
    "place",
)
Reader = Callable[[str, str], dict[str, Any]]


def _fold(text: str) -> str:
    from bot.language.text import fold

    return fold(text)


def _present(value: object) -> bool:
    return value is not None and value is not False and value != "" and value != []


def _same(field: str, expected: object, found: object) -> bool:
    if (
        isinstance(expected, int | float)
        and isinstance(found, int | float)
        and not isinstance(expected, bool)
    ):
        return abs(float(expected) - float(found)) < 1e-6
    if isinstance(expected, str) and isinstance(found, str):
        return _fold(expected) == _fold(found)
    return expected == found


def _topic_words(items: Iterable[str]) -> list[str]:
    from bot.language.text import STOP_WORDS, split_words

    words: list[str] = []
    for item in items:
        words += [word for word in split_words(_fold(item)) if word not in STOP_WORDS]
    return words


def _reference(value: object) -> object:
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value


class Score:
    def __init__(self) -> None:
        self.count = 0
        self.intent_right = 0
        self.limits: dict[str, Counter[str]] = defaultdict(Counter)
        self.topic_expected = 0
        self.topic_found = 0
        self.reference_expected = 0
        self.reference_right = 0
        self.misses: list[str] = []
        self.other_misses: list[str] = []

    def add(self, entry: dict[str, Any], found: dict[str, Any]) -> None:
        self.count += 1
        right = found["intent"] == entry["intent"]
        self.intent_right += right
        expected_limits = entry.get("limits") or {}
        for field in LIMIT_FIELDS:
            expected, got = expected_limits.get(field), found["limits"].get(field)
            if _present(expected) and _present(got) and _same(field, expected, got):
                self.limits[field]["tp"] += 1
            else:
                if _present(got):
                    self.limits[field]["fp"] += 1
                if _present(expected):
                    self.limits[field]["fn"] += 1
        expected_words = _topic_words(entry.get("topic") or [])
        if expected_words:
            understood = set(_topic_words(found["topic"]))
            self.topic_expected += len(expected_words)
            self.topic_found += sum(word in understood for word in expected_words)
        if _present(entry.get("reference")):
            self.reference_expected += 1
            self.reference_right += _reference(entry["reference"]) == _reference(found.get("reference"))
        wrong_limits = {
            field: (expected_limits.get(field), found["limits"].get(field))
            for field in LIMIT_FIELDS
            if _present(expected_limits.get(field)) != _present(found["limits"].get(field))
            or (
                _present(expected_limits.get(field))
                and not _same(field, expected_limits.get(field), found["limits"].get(field))
            )
        }
        if wrong_limits:
            self.other_misses.append(f"  {entry.get('id')} {entry['text'][:90]!r}: limits {wrong_limits}")
        if expected_words and not set(expected_words) <= set(_topic_words(found["topic"])):
            self.other_misses.append(
                f"  {entry.get('id')} {entry['text'][:90]!r}: topic {found['topic']} (expected {entry['topic']})"
            )
        if _reference(entry.get("reference")) != _reference(found.get("reference")) and right:
            self.other_misses.append(
                f"  {entry.get('id')} {entry['text'][:90]!r}: reference {found.get('reference')} (expected {entry.get('reference')})"
            )
        if not right:
            self.misses.append(
                f"  {entry.get('id')} [{entry.get('context', 'none')}] {entry['text'][:90]!r}: "
                f"{found['intent']} (expected {entry['intent']})"
            )

    def f1(self, field: str | None = None) -> float | None:
        counts: Counter[str] = Counter()
        for name, each in self.limits.items():
            if field is None or name == field:
                counts.update(each)
        total = 2 * counts["tp"] + counts["fp"] + counts["fn"]
        return 2 * counts["tp"] / total if total else None


def _format(value: float | None) -> str:
    return "  –  " if value is None else f"{value:.3f}"


def score(entries: list[dict[str, Any]], reader: Reader) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    for entry in entries:
        found = reader(entry["text"], entry.get("context") or "none")
        scores[entry["lang"]].add(entry, found)
        scores["all"].add(entry, found)
    return scores


def _new_reader() -> Reader:
    from bot.language.understanding import understand

    return lambda text, context: understand(text, context).as_record()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.understanding", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--heldout", action="store_true", help="measure on heldout.json (the lead only)")
    parser.add_argument(
        "--show-misses", action="store_true", help="list what was missed (any --set; never with --heldout)"
    )
    parser.add_argument("--set", default="tune", help="the tuning file to read: tune (default), tune2, tune3 or tune4")
    args = parser.parse_args(argv)
    name = "heldout.json" if args.heldout else f"{args.set}.json"
    path = DATA / name
    if not path.exists():
        print(f"Understanding: {path} is missing, nothing measured.")
        return
    entries = json.loads(path.read_text(encoding="utf-8"))
    started = time.perf_counter()
    new = _new_reader()
    load = time.perf_counter() - started
    started = time.perf_counter()
    ours = score(entries, new)
    per_message = (time.perf_counter() - started) / max(len(entries), 1)
    old = score(entries, old_understanding)
    print(
        f"Understanding on {name}: {len(entries)} messages; layer loaded in {load * 1000:.0f} ms, "
        f"{per_message * 1000:.2f} ms a message"
    )
    languages = [*sorted(lang for lang in ours if lang != "all"), "all"]
    header = f"{'':28}" + "".join(f"{lang:>16}" for lang in languages)
    print(header)
    print(f"{'':28}" + "".join(f"{'new':>8}{'old':>8}" for _lang in languages))

    def line(label: str, value: Callable[[Score], float | None]) -> None:
        cells = "".join(
            f"{_format(value(ours[lang])):>8}{_format(value(old[lang])):>8}" for lang in languages
        )
        print(f"{label:28}{cells}")

    print(f"{'messages':28}" + "".join(f"{ours[lang].count:>16}" for lang in languages))
    line("intent accuracy", lambda s: s.intent_right / s.count if s.count else None)
    line("limit F1 (all fields)", lambda s: s.f1())
    fields = [f for f in LIMIT_FIELDS if any(f in s.limits for s in (*ours.values(), *old.values()))]
    for field in fields:
        line(f"  {field}", lambda s, field=field: s.f1(field))
    line("topic recall", lambda s: s.topic_found / s.topic_expected if s.topic_expected else None)
    line(
        "reference accuracy",
        lambda s: s.reference_right / s.reference_expected if s.reference_expected else None,
    )
    if args.show_misses and not args.heldout:
        for lang in languages[:-1]:
            print(f"\nIntents missed ({lang}):")
            print("\n".join(ours[lang].misses) or "  none")
            print(f"Limits, topics and references missed ({lang}):")
            print("\n".join(ours[lang].other_misses) or "  none")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])

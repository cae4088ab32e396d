"""Intent accuracy of the understanding layer on each tuning set left out of the model's
examples (the model trained on the other sets only): how the thresholds in
`bot.language.intent_model` were chosen, never on the held-out file.

    python -m benchmarks.understanding_loso [tune3 tune4 ...]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from benchmarks import understanding
from benchmarks.make_intent_examples import TUNING
from bot.language import intent_model


def main(argv: list[str]) -> None:
    names = [name.removesuffix(".json") for name in TUNING]
    for left in argv or names:
        rows = [
            [entry["context"], entry["text"], entry["intent"]]
            for name in names
            if name != left
            for entry in json.loads((understanding.DATA / f"{name}.json").read_text(encoding="utf-8"))
        ]
        examples = Path(tempfile.mkdtemp()) / "examples.json"
        examples.write_text(json.dumps(rows), encoding="utf-8")
        intent_model.EXAMPLES = examples
        intent_model._model.cache_clear()
        entries = json.loads((understanding.DATA / f"{left}.json").read_text(encoding="utf-8"))
        scores = understanding.score(entries, understanding._new_reader())
        figures = ", ".join(f"{lang} {s.intent_right / s.count:.3f}" for lang, s in sorted(scores.items()))
        print(f"{left} left out: intent accuracy {figures}")
        if argv:
            for lang in ("en", "fr"):
                print("\n".join(scores[lang].misses))


if __name__ == "__main__":
    main(sys.argv[1:])

"""Gathers the tuning messages into bot/language/intent_examples.json, the model's examples:
`python -m benchmarks.make_intent_examples`. The held-out file is never included."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).with_name("understanding")
TUNING = ("tune.json", "tune2.json", "tune3.json", "tune4.json", "tune5.json", "tune6.json", "tune7.json", "tune8.json")
TARGET = HERE.parent.parent / "bot" / "language" / "intent_examples.json"


def main() -> None:
    rows = [
        [entry["context"], entry["text"], entry["intent"]]
        for name in TUNING
        for entry in json.loads((HERE / name).read_text(encoding="utf-8"))
    ]
    TARGET.write_text(
        "[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]\n", encoding="utf-8"
    )
    print(f"{len(rows)} examples → {TARGET}")


if __name__ == "__main__":
    main()

"""Build ``tests/e2e/botapi_spec.json`` from the full Bot API spec dump.

Usage::

    python tests/e2e/make_spec_table.py ../shared/telegram/bot-api-spec.json

The input is a JSON document with keys ``version, release_date, changelog,
methods, types``; each method/type has ``fields`` (``name``, ``types``,
``required``, ``description``).  The output keeps only what the test server
needs to validate calls: for every method its fields (name -> types,
required) and its return types; for every type its fields and, for abstract
types such as ``InlineQueryResult``, its subtypes.  The output is committed so
the tests do not need the (large) source dump.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("botapi_spec.json")


def _fields(entry: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        f["name"]: {"types": list(f["types"]), "required": bool(f["required"])}
        for f in entry.get("fields", [])
    }


def build_table(spec: dict[str, Any]) -> dict[str, Any]:
    methods = {
        name: {"fields": _fields(m), "returns": list(m.get("returns", []))}
        for name, m in sorted(spec["methods"].items())
    }
    types: dict[str, Any] = {}
    for name, t in sorted(spec["types"].items()):
        entry: dict[str, Any] = {"fields": _fields(t)}
        if t.get("subtypes"):
            entry["subtypes"] = list(t["subtypes"])
        types[name] = entry
    return {
        "version": spec["version"],
        "release_date": spec["release_date"],
        "methods": methods,
        "types": types,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("spec", type=Path, help="path to bot-api-spec.json")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    spec = json.loads(args.spec.read_text(encoding="utf-8"))
    table = build_table(spec)
    # one method / type per line keeps diffs readable
    lines = ["{"]
    lines.append(f'"version":{json.dumps(table["version"])},')
    lines.append(f'"release_date":{json.dumps(table["release_date"])},')
    for key in ("methods", "types"):
        lines.append(f'"{key}":{{')
        items = list(table[key].items())
        for i, (name, entry) in enumerate(items):
            sep = "," if i < len(items) - 1 else ""
            body = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
            lines.append(f"{json.dumps(name)}:{body}{sep}")
        lines.append("}," if key == "methods" else "}")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    assert json.loads(text) == table
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}: {len(table['methods'])} methods, {len(table['types'])} types")


if __name__ == "__main__":
    main()

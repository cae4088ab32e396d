"""RDF dataset canonicalisation (RDFC-1.0, which pyld calls URDNA2015) of a JSON-LD document,
with the contexts shipped in `contexts/` and nothing else: a context credbot does not ship is
`UnknownContext`, never fetched. Safe mode: a property that no context defines (it would be left
out of the signed statements without a word) is `UndefinedTerm`, as Data Integrity asks.

pyld keeps the contexts it has processed in its own cache (`pyld.jsonld._resolved_context_cache`),
keyed by the context's URL: the second badge that uses the Open Badges context does not process it
again. Our loader reads each file once (`_context_file`)."""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

from pyld import jsonld

MAX_CONTEXT_URL_CHARS = 300


class UnknownContext(ValueError):
    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url[:MAX_CONTEXT_URL_CHARS]


class UndefinedTerm(ValueError):
    def __init__(self, term: str) -> None:
        super().__init__(term)
        self.term = term[:MAX_CONTEXT_URL_CHARS]


class NotCanonicalisable(ValueError):
    """The document is not JSON-LD that canonicalises (a malformed context, a bad value)."""


@cache
def _index() -> dict[str, str]:
    text = resources.files("bot.verification").joinpath("contexts/index.json").read_text("utf-8")
    return {url: entry["file"] for url, entry in json.loads(text)["contexts"].items()}


def shipped_contexts() -> tuple[str, ...]:
    """The URLs of the contexts credbot ships."""
    return tuple(_index())


@cache
def _context_file(name: str) -> dict[str, Any]:
    text = resources.files("bot.verification").joinpath("contexts/" + name).read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def load_document(url: str, options: Any = None) -> dict[str, Any]:
    """pyld's document loader: the shipped file for a known context URL, else `UnknownContext`."""
    name = _index().get(url)
    if name is None:
        raise UnknownContext(url)
    # pyld does not change what it is given, but a copy keeps our cached file safe if it did.
    # "tag": "static" lets pyld keep the processed context in its shared cache for the next badge.
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": copy.deepcopy(_context_file(name)),
        "tag": "static",
    }


def _dropped(term: str) -> None:
    raise UndefinedTerm(term)


def _find(error: BaseException | None, kind: type[BaseException]) -> BaseException | None:
    """The first exception of `kind` among an error's causes (pyld wraps its loader's errors)."""
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, kind):
            return error
        details = getattr(error, "details", None)
        nested = details.get("cause") if isinstance(details, dict) else None
        error = nested if isinstance(nested, BaseException) else (error.__cause__ or error.__context__)
        seen += 1
    return None


def canonize(document: dict[str, Any]) -> str:
    """The document's canonical N-Quads (RDFC-1.0). Raises `UnknownContext`, `UndefinedTerm`,
    `NotCanonicalisable`."""
    processor = jsonld.JsonLdProcessor(on_property_dropped=_dropped)
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": load_document,
    }
    try:
        result = processor.normalize(document, options)
    except Exception as error:  # pyld raises JsonLdError and, from our handlers, ours inside it
        for kind in (UnknownContext, UndefinedTerm):
            found = _find(error, kind)
            if found is not None:
                raise found from None
        raise NotCanonicalisable(str(error)[:200]) from error
    return str(result)

"""The search index saved beside the store, so that a start-up on an unchanged catalogue reads it
back instead of rebuilding it (about 7 s at 100,000 credentials).

Where: for an SQLite file, a directory beside it (`credbot.sqlite3.search-index/`); for other
databases, `search-index/<hash of the URL without its password>` under `$CREDBOT_HOME/cache`, or
the user's cache directory. An in-memory database has none.

What: one uncompressed `.npz` file (`index.npz`) holding the index's numpy arrays, its word lists
as JSON (stored as a byte array: the file is read with `allow_pickle=False`, nothing in it runs
code) and a JSON header: format version, credbot version, a hash of the code that shapes the
index (`INDEX_MODULES`), the store, the catalogue fingerprint and a hash of the skills
vocabulary. The index is used only when the whole header matches; the `fetch` function (reading hits back from the store) is attached anew.

The cache never fails the bot: a missing, stale, unreadable or damaged file (zip members carry a
CRC) is logged at INFO and the index is rebuilt. A save writes a temporary file in the same
directory and renames it over the old one, so a reader sees either file whole, never half of one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from platformdirs import user_cache_dir

from bot import __version__
from bot.domain.credential import Vocabulary
from bot.formats.lexicon import SHIPPED_FILES
from bot.search.index import RecordFetcher, SearchIndex
from bot.store.catalogue_repo import Fingerprint
from bot.store.db import StoreIdentity, store_identity

logger = logging.getLogger(__name__)

# Bump when what is saved changes shape. Changes to how the index is built are caught by the
# hash of its code (`_code_hash`).
FORMAT_VERSION = 1
FILE_NAME = "index.npz"
_HEADER, _WORDS = "header", "words"
# Temporary files older than this are left over from a process that died while saving.
_STALE_SECONDS = 3600.0


def _cache_directory(store: StoreIdentity) -> Path | None:
    """Where a store's saved index lives (None: an in-memory store has none)."""
    if store.memory:
        return None
    if store.file is not None:
        return store.file.with_name(store.file.name + ".search-index")
    digest = hashlib.sha256(store.name.encode()).hexdigest()[:24]
    configured = os.environ.get("CREDBOT_HOME")
    base = Path(configured).expanduser() / "cache" if configured else Path(user_cache_dir("credbot"))
    return base / "search-index" / digest


# The modules whose code shapes a saved index (relative to the `bot` package): how documents are
# read into stems and concepts, with which words and stemmers, and how the index is laid out.
INDEX_MODULES = (
    "search/index.py",
    "search/build.py",
    "search/state.py",
    "search/concepts.py",
    "search/masks.py",
    "language/text.py",
    "language/parallel.py",
    "language/packs/*.py",
    "formats/lexicon.py",
)


_PACKAGE = Path(__file__).resolve().parent.parent


def index_modules() -> list[Path]:
    return [path for pattern in INDEX_MODULES for path in sorted(_PACKAGE.glob(pattern))]


def _code_hash() -> str:
    """A hash of the code that builds an index: a saved index from other code is not used."""
    digest = hashlib.sha256()
    for module in index_modules():
        digest.update(module.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        with suppress(OSError):
            digest.update(module.read_bytes())
    # The shipped translations are concepts of the index too.
    for shipped in SHIPPED_FILES:
        with suppress(OSError):
            digest.update(shipped.read_bytes())
    return digest.hexdigest()[:24]


def vocabulary_hash(vocabulary: Vocabulary) -> str:
    """A hash of the skills vocabulary (the index's concepts come from it)."""
    # Tuples, not dataclasses.asdict: thousands of skills once ESCO is loaded.
    skills = [
        (skill.key, sorted(skill.label.items()), sorted(skill.synonyms.items()), skill.abbreviations)
        for skill in vocabulary.skills
    ]
    text = json.dumps(skills, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _json_array(value: Any) -> npt.NDArray[np.uint8]:
    return np.frombuffer(json.dumps(value, ensure_ascii=False).encode(), np.uint8)


def _json_value(array: npt.NDArray[Any]) -> Any:
    return json.loads(array.tobytes())


class IndexCache:
    """The saved index of one store."""

    def __init__(self, directory: Path, store: str) -> None:
        self.directory = directory
        self.path = directory / FILE_NAME
        self._store = store
        self._code = _code_hash()

    @classmethod
    def for_url(cls, url: str, directory: Path | None = None) -> IndexCache | None:
        """The cache of the store at `url` (in `directory` if given), or None when it has none
        (in-memory SQLite)."""
        return cls.for_store(store_identity(url), directory)

    @classmethod
    def for_store(cls, store: StoreIdentity, directory: Path | None = None) -> IndexCache | None:
        directory = directory or _cache_directory(store)
        return cls(directory, store.name) if directory is not None else None

    def _header(self, fingerprint: Fingerprint, vocabulary: str) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "credbot": __version__,
            "code": self._code,
            "store": self._store,
            "fingerprint": [None if part is None else str(part) for part in fingerprint],
            "vocabulary": vocabulary,
        }

    def load(
        self, fingerprint: Fingerprint, vocabulary: Vocabulary, fetch: RecordFetcher
    ) -> SearchIndex | None:
        """The saved index if it was built from this catalogue, else None (never raises)."""
        try:
            with np.load(self.path, allow_pickle=False) as saved:
                header = _json_value(saved[_HEADER])
                expected = self._header(fingerprint, vocabulary_hash(vocabulary))
                if header != expected:
                    changed = sorted(k for k in expected if header.get(k) != expected[k])
                    logger.info("saved search index is out of date (%s): rebuilding", ", ".join(changed))
                    return None
                words = _json_value(saved[_WORDS])
                arrays = {name: saved[name] for name in saved.files if name not in (_HEADER, _WORDS)}
            return SearchIndex.restore(arrays, words, vocabulary, fetch)
        except FileNotFoundError:
            logger.info("no saved search index at %s: building it", self.path)
        except Exception as error:  # a damaged cache must never stop the bot
            logger.info("saved search index %s unreadable (%r): rebuilding", self.path, error)
        return None

    def save(self, index: SearchIndex, fingerprint: Fingerprint, vocabulary: Vocabulary) -> bool:
        """Save the index built from this catalogue (atomically); False if it could not be."""
        try:
            arrays, words = index.export_state()
            members: dict[str, Any] = dict(arrays)
            header = self._header(fingerprint, vocabulary_hash(vocabulary))
            self.directory.mkdir(parents=True, exist_ok=True)
            self._remove_leftovers()
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".index-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as file:
                    members[_HEADER], members[_WORDS] = _json_array(header), _json_array(words)
                    np.savez(file, **members)
                os.replace(temporary, self.path)
            except BaseException:
                with suppress(OSError):
                    os.unlink(temporary)
                raise
        except Exception as error:  # a cache that cannot be written must never stop the bot
            logger.info("search index not saved to %s (%r)", self.path, error)
            return False
        return True

    def _remove_leftovers(self) -> None:
        now = time.time()
        for leftover in self.directory.glob(".index-*.tmp"):
            with suppress(OSError):
                if now - leftover.stat().st_mtime > _STALE_SECONDS:
                    leftover.unlink()

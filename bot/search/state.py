"""What a search index is made of once built: postings in flat arrays, title stems, the word list,
the columns limits apply to, the vocabulary concepts. Built by `bot.search.build`, saved and read
back by `bot.search.cache` (`export` / `restore`), queried by `bot.search.index`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.domain.credential import CredentialRecord
from bot.search.concepts import Concepts
from bot.search.masks import Columns
from bot.search.query import ProviderName

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float32]

# Arrays saved as they are (the language masks are saved as `taught-<lang>`), by attribute.
_ARRAYS = (
    "offsets",
    "post_ids",
    "post_codes",
    "values",
    "idf",
    "title_tokens",
    "title_ends",
    "titles_of",
    "store_ids",
    "ordinal",
)
_COLUMNS = ("online", "hours", "cost", "provider_of")


@dataclass
class IndexState:
    count: int
    # Postings: key number `n` (`key_ids`) has credential positions post_ids[offsets[n]:offsets[n + 1]]
    # and their values values[post_codes[...]] (a one-byte code of each value); its idf.
    key_ids: dict[str, int]
    offsets: npt.NDArray[np.int64]
    post_ids: IntArray
    post_codes: npt.NDArray[np.uint8]
    values: FloatArray
    idf: npt.NDArray[np.float64]
    # Title stems as key numbers: titles of credential i are titles_of[i]:titles_of[i + 1],
    # title t's stems are title_tokens[title_ends[t - 1]:title_ends[t]].
    title_tokens: IntArray
    title_ends: IntArray
    titles_of: IntArray
    # Every word of the index and the vocabulary, and the keys it stands for.
    words: dict[str, tuple[str, ...]]
    columns: Columns
    store_ids: npt.NDArray[np.int64]
    # Ties go by the store's id (then external id): the rank of each record in that order.
    ordinal: npt.NDArray[np.int64]
    provider_names: list[str]  # by provider number ("" for none)
    concepts: Concepts
    records: list[CredentialRecord] | None = None  # kept only by an index built from a list
    # Derived: words sorted (for prefixes) and by length (for typos), providers to look for.
    sorted_words: list[str] = field(init=False)
    words_by_length: dict[int, list[str]] = field(init=False)
    providers: list[ProviderName] = field(init=False)

    def __post_init__(self) -> None:
        self.sorted_words = sorted(self.words)  # built in order already: a linear pass
        self.words_by_length = defaultdict(list)
        for word in self.sorted_words:
            self.words_by_length[len(word)].append(word)
        self.providers = [ProviderName.of(name) for name in self.provider_names if name]

    def postings(self, key: str) -> tuple[IntArray, FloatArray, float] | None:
        """A key's credential positions, their values and the key's idf."""
        number = self.key_ids.get(key)
        if number is None:
            return None
        start, end = int(self.offsets[number]), int(self.offsets[number + 1])
        return (
            self.post_ids[start:end],
            self.values[self.post_codes[start:end]],
            float(self.idf[number]),
        )

    def posting_size(self, key: str) -> int:
        number = self.key_ids.get(key)
        return 0 if number is None else int(self.offsets[number + 1] - self.offsets[number])

    def title_sequences(self, position: int) -> list[list[int]]:
        """The stems of each title of a credential, as key numbers."""
        first, last = int(self.titles_of[position]), int(self.titles_of[position + 1])
        sequences = []
        for title in range(first, last):
            start = int(self.title_ends[title - 1]) if title else 0
            sequences.append(self.title_tokens[start : int(self.title_ends[title])].tolist())
        return sequences

    # ---------------------------------------------------------------------------- persisting

    def export(self) -> tuple[dict[str, npt.NDArray[Any]], dict[str, Any]]:
        """What `restore` needs: the arrays, and the word lists as plain JSON values."""
        arrays = {name: getattr(self, name) for name in _ARRAYS}
        arrays.update({name: getattr(self.columns, name) for name in _COLUMNS})
        for lang, mask in self.columns.taught.items():
            arrays["taught-" + lang] = mask
        words = {
            "count": self.count,
            "keys": list(self.key_ids),  # in key number order
            "words": self.words,  # sorted by word
            "provider_names": self.provider_names,
            "provider_normalised": self.columns.provider_normalised,
            **self.concepts.export(),
        }
        return arrays, words

    @classmethod
    def restore(cls, arrays: Mapping[str, npt.NDArray[Any]], words: Mapping[str, Any]) -> IndexState:
        count = int(words["count"])
        keys: list[str] = words["keys"]
        columns = Columns(
            online=arrays["online"],
            hours=arrays["hours"],
            cost=arrays["cost"],
            provider_of=arrays["provider_of"],
            provider_normalised=list(words["provider_normalised"]),
            taught={
                name.removeprefix("taught-"): mask
                for name, mask in arrays.items()
                if name.startswith("taught-")
            },
        )
        if len(arrays["offsets"]) != len(keys) + 1 or any(
            len(array) != count for array in (arrays["online"], arrays["store_ids"], arrays["ordinal"])
        ):
            raise ValueError("saved index arrays do not match its key list or its size")
        return cls(
            count=count,
            key_ids=dict(zip(keys, range(len(keys)), strict=True)),
            words={word: tuple(found) for word, found in words["words"].items()},
            columns=columns,
            provider_names=list(words["provider_names"]),
            concepts=Concepts.restore(words),
            offsets=arrays["offsets"],
            post_ids=arrays["post_ids"],
            post_codes=arrays["post_codes"],
            values=arrays["values"],
            idf=arrays["idf"],
            title_tokens=arrays["title_tokens"],
            title_ends=arrays["title_ends"],
            titles_of=arrays["titles_of"],
            store_ids=arrays["store_ids"],
            ordinal=arrays["ordinal"],
        )

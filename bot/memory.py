"""Memory habits of the bulk paths (imports, index builds)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Imports and index builds make millions of small objects and free few: the cyclic collector
    would scan them over and over (10 of 25 s of an import of 100,000 credentials, a third of an
    index build). It is back on (if it was) once done."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()

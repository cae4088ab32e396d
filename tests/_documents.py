"""Small catalogue documents that tests send or import."""

from __future__ import annotations

import json


def ctdl_graph(*entries: tuple[str, dict[str, str]], hours: str = "PT10H") -> bytes:
    """A CTDL graph of micro-credentials, each (CTID, name by language)."""
    return json.dumps(
        {
            "@context": "https://credreg.net/ctdl/schema/context/json",
            "@graph": [
                {
                    "@type": "ceterms:MicroCredential",
                    "ceterms:ctid": ctid,
                    "ceterms:name": name,
                    "ceterms:estimatedDuration": [{"ceterms:exactDuration": hours}],
                }
                for ctid, name in entries
            ],
        }
    ).encode()


def ctdl_document(ctid: str, name: dict[str, str], hours: str = "PT10H") -> bytes:
    """A one-credential CTDL graph."""
    return ctdl_graph((ctid, name), hours=hours)

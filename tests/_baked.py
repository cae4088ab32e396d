"""Baked badge images made in the tests: a small PNG with a text chunk, an SVG with an
`openbadges:assertion` element, in the shapes of the Open Badges baking specification."""

from __future__ import annotations

import json
import struct
import zlib
from typing import Any

from bot.formats.baking import PNG_SIGNATURE

OB2_NS = "http://openbadges.org"


def chunk(kind: bytes, body: bytes, crc: int | None = None) -> bytes:
    return (
        struct.pack(">I", len(body))
        + kind
        + body
        + struct.pack(">I", zlib.crc32(kind + body) if crc is None else crc)
    )


def png(*extra: bytes) -> bytes:
    """A 2×2 grey PNG with `extra` chunks between its header and its pixels."""
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
    pixels = chunk(b"IDAT", zlib.compress(b"\0\x80\x80" * 2))
    return PNG_SIGNATURE + header + b"".join(extra) + pixels + chunk(b"IEND", b"")


def itxt(text: str, keyword: bytes = b"openbadges", compressed: bool = False) -> bytes:
    data = text.encode("utf-8")
    flag = b"\1\0" if compressed else b"\0\0"
    return chunk(b"iTXt", keyword + b"\0" + flag + b"\0\0" + (zlib.compress(data) if compressed else data))


def text_chunk(text: str, keyword: bytes = b"openbadges") -> bytes:
    return chunk(b"tEXt", keyword + b"\0" + text.encode("latin-1"))


def ztxt(text: str, keyword: bytes = b"openbadges") -> bytes:
    return chunk(b"zTXt", keyword + b"\0\0" + zlib.compress(text.encode("latin-1")))


def baked_png(badge: dict[str, Any] | str) -> bytes:
    return png(itxt(badge if isinstance(badge, str) else json.dumps(badge, ensure_ascii=False)))


def baked_svg(badge: dict[str, Any] | None = None, verify: str | None = None, extra: str = "") -> bytes:
    """An SVG with the badge's JSON as the element's text (CDATA), or only a `verify` attribute."""
    attribute = f' verify="{verify}"' if verify else ""
    body = f"<![CDATA[{json.dumps(badge, ensure_ascii=False)}]]>" if badge is not None else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{OB2_NS}" width="10" height="10">'
        f"{extra}<openbadges:assertion{attribute}>{body}</openbadges:assertion>"
        '<circle cx="5" cy="5" r="4"/></svg>'
    ).encode()


ENTITY_BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaaaa">\n'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">'
    b"<openbadges:assertion>&c;</openbadges:assertion></svg>"
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">'
    b"<openbadges:assertion>&x;</openbadges:assertion></svg>"
)
SCRIPT = '<script type="text/javascript">alert("hi")</script>'

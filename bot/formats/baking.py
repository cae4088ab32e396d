"""Baked badges: the Open Badge inside a PNG or SVG image, as learners download them.

The Open Badges baking specification puts the badge in the image itself:
- PNG: an `iTXt` chunk with the keyword `openbadges` (Open Badges 2.0) or `openbadgecredential`
  (3.0); older bakers wrote a `tEXt` or a (compressed) `zTXt` chunk with the same keyword, which we
  read too. The text is the assertion's JSON, a signed badge (compact JWS / JWT), or only the URL
  of a hosted assertion.
- SVG: an `<openbadges:assertion>` (2.0) or `<openbadges:credential>` (3.0) element whose text is
  the JSON; when it has no text, its `verify` attribute holds the signed badge or the URL.

PNG chunks are walked with the standard library: each chunk's CRC is checked, a chunk may not be
longer than the file, and a compressed text may not inflate past `MAX_BAKED_BYTES` (a small
compressed chunk can otherwise expand to gigabytes). SVG is parsed with `defusedxml`, which refuses
entity declarations (the "billion laughs" bomb) and external entities or DTDs (no file or network is
ever read); nothing in the image is rendered or run, a `<script>` is only text we ignore.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEYWORDS = (b"openbadges", b"openbadgecredential")
SVG_ELEMENTS = ("assertion", "credential")
# The most a baked badge may hold once read out (the same cap as a badge file).
MAX_BAKED_BYTES = 2 * 1024 * 1024
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


class BakingError(ValueError):
    """An image we cannot read a badge from. `reason` codes: bad_image (a damaged PNG: bad CRC,
    truncated chunk; an SVG that is not well-formed XML) | unsafe_svg (an SVG that declares
    entities or a DTD) |
    not_baked (a valid image with no badge in it) | hosted_only (the image holds only the URL of
    a hosted assertion, `detail` is that URL)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Baked:
    kind: str  # "png" | "svg"
    payload: bytes  # the badge inside: JSON or a compact JWS


def image_kind(data: bytes) -> str | None:
    """ "png", "svg" or None, from the first bytes."""
    if data.startswith(PNG_SIGNATURE):
        return "png"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<") and b"<svg" in head:
        return "svg"
    return None


def _inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, MAX_BAKED_BYTES + 1)
    except zlib.error as error:
        raise BakingError("bad_image", "bad compressed text") from error
    if len(out) > MAX_BAKED_BYTES or inflater.unconsumed_tail:
        raise BakingError("bad_image", "compressed text too large")
    return out


def _png_text(kind: bytes, body: bytes) -> tuple[bytes, bytes] | None:
    """(keyword, text) of a tEXt, zTXt or iTXt chunk; None when it is not laid out as one."""
    keyword, sep, rest = body.partition(b"\0")
    if not sep:
        return None
    if kind == b"tEXt":
        return keyword, rest
    if kind == b"zTXt":
        return (keyword, _inflate(rest[1:])) if rest[:1] == b"\0" else None
    # iTXt: compression flag, method, language tag \0, translated keyword \0, text
    if len(rest) < 2:
        return None
    flag, method = rest[0], rest[1]
    parts = rest[2:].split(b"\0", 2)
    if len(parts) != 3:
        return None
    text = parts[2]
    if flag == 1:
        if method != 0:
            return None
        text = _inflate(text)
    return keyword, text


def read_png(data: bytes) -> bytes:
    """The badge baked in a PNG (the first chunk with an Open Badges keyword); raises
    `BakingError`."""
    if not data.startswith(PNG_SIGNATURE):
        raise BakingError("bad_image", "not a PNG")
    position = len(PNG_SIGNATURE)
    while position < len(data):
        if position + 8 > len(data):
            raise BakingError("bad_image", "truncated chunk header")
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        end = position + 8 + length
        if end + 4 > len(data):
            raise BakingError("bad_image", "chunk longer than the file")
        body = data[position + 8 : end]
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(kind + body) != crc:
            raise BakingError("bad_image", f"bad CRC in {kind.decode('latin-1')} chunk")
        if kind in (b"tEXt", b"zTXt", b"iTXt"):
            found = _png_text(kind, body)
            if found is not None and found[0] in PNG_KEYWORDS:
                return found[1]
        if kind == b"IEND":
            break
        position = end + 4
    else:
        raise BakingError("bad_image", "no IEND chunk")
    raise BakingError("not_baked", "no openbadges chunk")


def _local_name(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _namespace(tag: object) -> str:
    return str(tag)[1:].split("}", 1)[0] if isinstance(tag, str) and str(tag).startswith("{") else ""


def _is_badge_element(element: Element) -> bool:
    namespace = _namespace(element.tag).lower()
    return _local_name(element.tag) in SVG_ELEMENTS and ("openbadges" in namespace or "imsglobal" in namespace)


def read_svg(data: bytes) -> bytes:
    """The badge baked in an SVG; raises `BakingError`."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise BakingError("unsafe_svg", type(error).__name__) from error
    except (ParseError, ValueError) as error:
        raise BakingError("bad_image", "SVG is not well-formed XML") from error
    if _local_name(root.tag) != "svg":
        raise BakingError("bad_image", "not an SVG")
    element = next((node for node in root.iter() if _is_badge_element(node)), None)
    if element is None:
        raise BakingError("not_baked", "no openbadges:assertion element")
    text = "".join(element.itertext()).strip()
    if not text:
        text = (element.get("verify") or "").strip()
    if not text:
        raise BakingError("not_baked", "empty openbadges:assertion element")
    payload = text.encode("utf-8")
    if len(payload) > MAX_BAKED_BYTES:
        raise BakingError("bad_image", "baked badge too large")
    return payload


def unbake(data: bytes) -> Baked | None:
    """The badge baked in a PNG or SVG image; None when `data` is no image (a badge file itself).
    Raises `BakingError` for a damaged image, an image with no badge, or one that holds only the
    URL of a hosted assertion."""
    kind = image_kind(data)
    if kind is None:
        return None
    payload = (read_png if kind == "png" else read_svg)(data).strip()
    if not payload:
        raise BakingError("not_baked", "empty baked text")
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BakingError("bad_image", "baked text is not UTF-8") from error
    if _URL.match(text):
        raise BakingError("hosted_only", text[:255])
    return Baked(kind, payload)

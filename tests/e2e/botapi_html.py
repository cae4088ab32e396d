"""Telegram's ``parse_mode=HTML`` parser, following tdlib's ``parse_html``.

Returns the plain text plus Bot API ``MessageEntity`` dicts (offsets and
lengths in UTF-16 code units).  Errors carry Telegram's wording
("Unsupported start tag "foo" at byte offset 12", ...).

One deliberate deviation: Telegram keeps a bare ``&`` that does not start a
known entity as a literal character; with ``strict=True`` (the default of the
test server) it is an error, because it nearly always means the bot forgot
to escape user-provided text (where ``&lt;`` would then be rendered as ``<``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

SUPPORTED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
        "span", "tg-spoiler", "tg-emoji", "code", "pre", "blockquote",
    }
)  # fmt: skip

_TAG_TO_TYPE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "tg-emoji": "custom_emoji",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "blockquote": "blockquote",
}

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")


class HtmlParseError(ValueError):
    """Raised with Telegram's message (without the ``can't parse entities`` prefix)."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Open:
    tag: str
    argument: str
    utf16_start: int
    entity_index: int = -1
    language: str = ""
    children: list[int] = field(default_factory=list)


def _decode_entity(text: str, i: int) -> tuple[str, int] | None:
    m = _ENTITY_RE.match(text, i)
    if not m:
        return None
    dec, hexa, name = m.groups()
    if name is not None:
        ch = _NAMED_ENTITIES.get(name)
        if ch is None:
            return None
        return ch, m.end()
    code = int(dec) if dec is not None else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), m.end()


def parse_html(text: str, *, strict: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML; return ``(plain_text, entities)`` or raise HtmlParseError."""
    out: list[str] = []
    utf16 = 0
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    n = len(text)
    i = 0

    def byte_offset(pos: int) -> int:
        return len(text[:pos].encode("utf-8"))

    while i < n:
        c = text[i]
        if c == "&":
            decoded = _decode_entity(text, i)
            if decoded is not None:
                ch, i = decoded
                out.append(ch)
                utf16 += utf16_len(ch)
                continue
            if strict:
                raise HtmlParseError(
                    f'Unescaped "&" at byte offset {byte_offset(i)}; use "&amp;" '
                    "(the test server is stricter than Telegram here)"
                )
        if c != "<":
            out.append(c)
            utf16 += utf16_len(c)
            i += 1
            continue

        begin = i
        i += 1
        if i < n and text[i] == "/":
            # end tag
            if not stack:
                raise HtmlParseError(f"Unexpected end tag at byte offset {byte_offset(begin)}")
            end_begin = i + 1
            j = end_begin
            while j < n and text[j] != ">":
                j += 1
            if j >= n:
                raise HtmlParseError(f"Unclosed end tag at byte offset {byte_offset(begin)}")
            end_name = text[end_begin:j].lower()
            top = stack[-1]
            if end_name and end_name != top.tag:
                raise HtmlParseError(
                    f"Unmatched end tag at byte offset {byte_offset(begin)}, "
                    f'expected "</{top.tag}>", found "</{end_name}>"'
                )
            stack.pop()
            i = j + 1
            length = utf16 - top.utf16_start
            if top.tag == "code" and stack and stack[-1].tag == "pre" and top.argument:
                stack[-1].language = top.argument
                continue
            if length <= 0:
                continue
            etype = _TAG_TO_TYPE[top.tag]
            entity: dict[str, Any] = {"type": etype, "offset": top.utf16_start, "length": length}
            if top.tag == "a":
                if not top.argument:
                    continue  # tdlib turns it into an auto-detected URL at best
                entity["url"] = top.argument
            elif top.tag == "tg-emoji":
                if not top.argument:
                    raise HtmlParseError("Custom emoji entity must contain a custom emoji identifier")
                entity["custom_emoji_id"] = top.argument
            elif top.tag == "pre" and top.language:
                entity["language"] = top.language
            elif top.tag == "blockquote" and top.argument == "1":
                entity["type"] = "expandable_blockquote"
            entities.append(entity)
            continue

        # start tag
        j = i
        while j < n and not text[j].isspace() and text[j] != ">":
            j += 1
        if j >= n:
            raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
        tag = text[i:j].lower()
        if tag not in SUPPORTED_TAGS:
            raise HtmlParseError(f'Unsupported start tag "{tag}" at byte offset {byte_offset(begin)}')
        argument = ""
        i = j
        while i < n and text[i] != ">":
            while i < n and text[i].isspace():
                i += 1
            if i < n and text[i] == ">":
                break
            attr_begin = i
            while i < n and not text[i].isspace() and text[i] not in "=>":
                i += 1
            attr = text[attr_begin:i].lower()
            if not attr:
                raise HtmlParseError(
                    f'Empty attribute name in the tag "{tag}" at byte offset {byte_offset(begin)}'
                )
            while i < n and text[i].isspace():
                i += 1
            if i >= n:
                raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if text[i] != "=":
                if tag == "blockquote" and attr == "expandable":
                    argument = "1"
                    continue
                raise HtmlParseError(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                    f"at byte offset {byte_offset(begin)}"
                )
            i += 1
            while i < n and text[i].isspace():
                i += 1
            if i >= n:
                raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            value_chars: list[str] = []
            if text[i] not in "'\"":
                token_begin = i
                while i < n and (text[i].isalnum() or text[i] in ".-"):
                    i += 1
                if i >= n or (not text[i].isspace() and text[i] != ">"):
                    raise HtmlParseError(
                        f"Unexpected end of name token at byte offset {byte_offset(token_begin)}"
                    )
                value = text[token_begin:i].lower()
            else:
                quote = text[i]
                i += 1
                while i < n and text[i] != quote:
                    if text[i] == "&":
                        decoded = _decode_entity(text, i)
                        if decoded is not None:
                            value_chars.append(decoded[0])
                            i = decoded[1]
                            continue
                    value_chars.append(text[i])
                    i += 1
                if i < n:
                    i += 1
                value = "".join(value_chars)
            if i >= n:
                raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if tag == "a" and attr == "href":
                argument = value
            elif tag == "code" and attr == "class" and value.startswith("language-"):
                argument = value[len("language-") :]
            elif tag == "span" and attr == "class" and value.startswith("tg-"):
                argument = value[len("tg-") :]
            elif tag == "tg-emoji" and attr == "emoji-id":
                argument = value
            elif tag == "blockquote" and attr == "expandable":
                argument = "1"
        if tag == "span" and argument != "spoiler":
            raise HtmlParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(begin)}'
            )
        i += 1  # skip '>'
        stack.append(_Open(tag=tag, argument=argument, utf16_start=utf16))

    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities

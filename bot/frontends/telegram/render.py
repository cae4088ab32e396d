"""The one place where HTML is produced: every catalogue and user string is escaped here."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.conversation.reply import Button, Inline, Line, Reply

MAX_TEXT = 4096  # UTF-16 code units, as Telegram counts them
MAX_CAPTION = 1024
MAX_CALLBACK_BYTES = 64
# The General topic of a forum: Telegram reaches it when message_thread_id is omitted; sending 1
# is refused ("message thread not found").
GENERAL_TOPIC = 1
_TAGS = {"bold": "b", "italic": "i", "code": "code"}


def topic(thread_id: int | None) -> int | None:
    """The message_thread_id that sends a message to a forum topic: None (omitted) for General."""
    return thread_id if thread_id and thread_id != GENERAL_TOPIC else None


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def inline_html(part: Inline) -> str:
    if isinstance(part, str):
        return escape(part, quote=False)
    text = escape(part.text, quote=False)
    if part.style == "link" and part.url:
        return f'<a href="{escape(part.url, quote=True)}">{text}</a>'
    tag = _TAGS.get(part.style)
    return f"<{tag}>{text}</{tag}>" if tag else text


def caption_html(text: str | None, limit: int = MAX_CAPTION) -> str | None:
    """A photo's plain caption as HTML, cut at a word so that what Telegram shows (the text once
    entities are parsed) stays within `limit` UTF-16 units."""
    if not text:
        return None
    if utf16_len(text) > limit:
        head = text
        while utf16_len(head) > limit - 1:
            head = head[:-1]
        if " " in head[len(head) // 2 :]:
            head = head[: head.rindex(" ")]
        text = head.rstrip() + "…"
    return escape(text, quote=False)


def line_html(line: Line) -> str:
    return "".join(inline_html(part) for part in line)


def _split_long_line(line: Line, limit: int) -> list[Line]:
    """A single line longer than a message: cut its text at spaces into plain pieces."""
    text = "".join(part if isinstance(part, str) else part.text for part in line)
    pieces: list[Line] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if utf16_len(escape(candidate, quote=False)) > limit and current:
            pieces.append((current,))
            current = word
        else:
            current = candidate
    while utf16_len(escape(current, quote=False)) > limit:
        # One enormous word: cut it by characters.
        cut = limit // 6
        pieces.append((current[:cut],))
        current = current[cut:]
    if current:
        pieces.append((current,))
    return pieces


def message_chunks(reply: Reply, limit: int = MAX_TEXT) -> list[str]:
    """The reply as HTML messages, each within Telegram's limit, split between lines."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for line in reply.lines:
        pieces = [line] if utf16_len(line_html(line)) <= limit else _split_long_line(line, limit)
        for piece in pieces:
            html = line_html(piece)
            extra = utf16_len(html) + (1 if current else 0)
            if current and size + extra > limit:
                chunks.append("\n".join(current))
                current, size = [], 0
                extra = utf16_len(html)
            current.append(html)
            size += extra
    if current:
        chunks.append("\n".join(current))
    return [chunk for chunk in (c.strip("\n") for c in chunks) if chunk.strip()]


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup([[_button(button) for button in row] for row in reply.buttons])


def _button(button: Button) -> InlineKeyboardButton:
    if button.url:
        return InlineKeyboardButton(button.label, url=button.url)
    if len(button.code.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {button.code!r}")
    return InlineKeyboardButton(button.label, callback_data=button.code)

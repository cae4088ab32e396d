"""What the conversation core answers: plain data that each front end renders its own way.

Text is a list of lines made of plain strings and styled spans. Nothing here is HTML: the Telegram
renderer escapes every string in one place, the console prints them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Styled:
    text: str
    style: str  # "bold" | "italic" | "code" | "link"
    url: str | None = None


# The most of a learner's own words a reply quotes back: a long message is answered, not echoed.
ECHO_MAX = 80


def echo(text: str, limit: int = ECHO_MAX) -> str:
    """The learner's words as a reply quotes them: whole when short, else cut at a word with an
    ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1].rstrip()
    if " " in head[limit // 2 :]:
        head = head[: head.rindex(" ")].rstrip(" ,:;-–")
    return head + "…"


def bold(text: str) -> Styled:
    return Styled(text, "bold")


def italic(text: str) -> Styled:
    return Styled(text, "italic")


def code(text: str) -> Styled:
    return Styled(text, "code")


def link(text: str, url: str) -> Styled:
    return Styled(text, "link", url)


Inline = str | Styled
Line = tuple[Inline, ...]


@dataclass(frozen=True)
class Button:
    """A button; `code` is a short callback code (≤ 64 bytes), `command` the typed equivalent."""

    label: str
    code: str
    command: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Document:
    filename: str
    content: bytes
    mime_type: str = "application/json"
    caption: str | None = None


@dataclass(frozen=True)
class Photo:
    """An image to show in the chat (a PNG): Telegram sends it as a photo, the console saves it.
    `drawn` is every text drawn on it, in order: what a reader of the image sees, for tests."""

    filename: str
    content: bytes
    caption: str | None = None
    drawn: tuple[str, ...] = ()


MAX_ROW = 3  # buttons side by side


@dataclass
class Reply:
    lines: list[Line] = field(default_factory=list)
    buttons: list[list[Button]] = field(default_factory=list)
    document: Document | None = None
    photo: Photo | None = None
    # True when the reply replaces the message whose button was pressed (paging, card ↔ list).
    replace: bool = False
    # A short notice for the button press itself (Telegram shows it as a toast).
    notice: str | None = None

    def add(self, *parts: Inline) -> Reply:
        self.lines.append(tuple(parts))
        return self

    def blank(self) -> Reply:
        if self.lines and self.lines[-1] != ():
            self.lines.append(())
        return self

    def row(self, *buttons: Button) -> Reply:
        """Buttons side by side: at most `MAX_ROW` a row (a phone truncates more), so a longer
        row is split into rows as even as possible (4 → 2 + 2, 5 → 3 + 2)."""
        if not buttons:
            return self
        rows = -(-len(buttons) // MAX_ROW)
        size, extra = divmod(len(buttons), rows)
        start = 0
        for index in range(rows):
            end = start + size + (1 if index < extra else 0)
            self.buttons.append(list(buttons[start:end]))
            start = end
        return self

    def plain_text(self) -> str:
        return "\n".join(
            "".join(part if isinstance(part, str) else part.text for part in line) for line in self.lines
        )

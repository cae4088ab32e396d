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


@dataclass
class Reply:
    lines: list[Line] = field(default_factory=list)
    buttons: list[list[Button]] = field(default_factory=list)
    document: Document | None = None
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
        if buttons:
            self.buttons.append(list(buttons))
        return self

    def plain_text(self) -> str:
        return "\n".join(
            "".join(part if isinstance(part, str) else part.text for part in line) for line in self.lines
        )

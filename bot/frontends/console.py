"""A terminal chat over the same conversation core as the Telegram bot."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.conversation.context import Who
from bot.conversation.push import payload_reply
from bot.conversation.reply import Button, Reply, Styled
from bot.conversation.router import Conversation
from bot.i18n import _, use_locale

BOLD, RESET = "\033[1m", "\033[0m"


def render(reply: Reply, color: bool = False) -> tuple[str, list[Button]]:
    """The reply as terminal text, and its buttons in the order they are numbered."""

    def inline(part: str | Styled) -> str:
        if isinstance(part, str):
            return part
        if part.style == "link":
            return f"{part.text} <{part.url}>"
        if part.style == "bold" and color:
            return f"{BOLD}{part.text}{RESET}"
        return part.text

    text = "\n".join("".join(inline(part) for part in line) for line in reply.lines)
    if reply.notice:
        text = f"({reply.notice})\n{text}" if text else f"({reply.notice})"
    buttons = [button for row in reply.buttons for button in row]
    if buttons:
        rows = []
        number = 1
        for row in reply.buttons:
            cells = []
            for button in row:
                target = f" {button.url}" if button.url else f" ({button.command})" if button.command else ""
                cells.append(f"[{number}] {button.label}{target}")
                number += 1
            rows.append("  ".join(cells))
        text += "\n" + "\n".join(rows)
    return text, buttons


def drain_outbox(conversation: Conversation, stdout: TextIO, color: bool = False) -> int:
    """The clock's tick, then what the bot posts on its own, printed with the chat it is for
    (the console has no other chats: printed is sent)."""
    outbox = conversation.services.outbox
    conversation.tick(outbox.clock())
    printed = 0
    while items := outbox.claim():
        for item in items:
            text, _buttons = render(payload_reply(item.payload), color)
            print(f"[→ {item.chat_id}] {text}", file=stdout)
            outbox.sent(item, None)
            printed += 1
    return printed


def chat(
    conversation: Conversation,
    who: Who,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    save_document: Callable[[str, bytes], Path] | None = None,
) -> int:
    color = stdout.isatty()
    buttons: list[Button] = []

    def show(replies: list[Reply]) -> None:
        nonlocal buttons
        # A number presses a button of the latest answer only: buttons printed further up,
        # before an answer that has none, are not what "2" means any more.
        buttons = []
        for reply in replies:
            text, reply_buttons = render(reply, color)
            if reply.photo:
                path = (save_document or _save_here)(reply.photo.filename, reply.photo.content)
                saved = "🖼 " + _saved_message(conversation, who, str(path))
                caption = reply.photo.caption
                text = "\n".join(part for part in (text, caption, saved) if part)
            if reply.document:
                path = (save_document or _save_here)(reply.document.filename, reply.document.content)
                text = (text + "\n" if text else "") + "📎 " + _saved_message(conversation, who, str(path))
            if text:
                print(text, file=stdout)
            if reply_buttons:
                buttons = reply_buttons
            print(file=stdout)
        drain_outbox(conversation, stdout, color)

    show(conversation.start(who))
    interactive = stdin.isatty()
    while True:
        if interactive:
            print("> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            return 0
        text = line.strip()
        if not text:
            continue
        if text.lower() in ("/quit", "/exit", "/quitter"):
            return 0
        if not interactive:
            print(f"> {text}", file=stdout)
        if text.isdigit() and 1 <= int(text) <= len(buttons) and not buttons[int(text) - 1].url:
            show(conversation.button(who, buttons[int(text) - 1].code))
        elif text.startswith("/"):
            name, _sep, args = text[1:].partition(" ")
            show(conversation.command(who, name, args) if name != "start" else conversation.start(who, args))
        else:
            show(conversation.text(who, text))


def _save_here(filename: str, content: bytes) -> Path:
    path = Path.cwd() / filename
    path.write_bytes(content)
    return path


def _saved_message(conversation: Conversation, who: Who, path: str) -> str:
    with use_locale(conversation.locale_for(who)):
        return _("Saved to {path}").format(path=path)

"""Messages the bot sends on its own (digests, notices to a chat's managers): a Reply queued in
the outbox under a unique key, as JSON, and read back by the front end that sends it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.conversation.reply import Button, Inline, Line, Reply, Styled
from bot.domain.outbox import UNSURE, OutboxItem
from bot.i18n import _, resolve_locale, use_locale

if TYPE_CHECKING:
    from bot.conversation.context import Services


def reply_payload(reply: Reply) -> dict[str, Any]:
    def part(inline: Inline) -> Any:
        if isinstance(inline, str):
            return inline
        return {"text": inline.text, "style": inline.style, "url": inline.url}

    return {
        "lines": [[part(each) for each in line] for line in reply.lines],
        "buttons": [
            [{"label": b.label, "code": b.code, "command": b.command, "url": b.url} for b in row]
            for row in reply.buttons
        ],
    }


def payload_reply(payload: dict[str, Any]) -> Reply:
    def part(raw: Any) -> Inline:
        if isinstance(raw, str):
            return raw
        return Styled(str(raw["text"]), str(raw["style"]), raw.get("url"))

    lines: list[Line] = [tuple(part(each) for each in line) for line in payload.get("lines", [])]
    buttons = [
        [Button(b["label"], b.get("code", ""), b.get("command"), b.get("url")) for b in row]
        for row in payload.get("buttons", [])
    ]
    return Reply(lines=lines, buttons=buttons)


def push(services: Services, key: str, chat_id: int, reply: Reply, thread_id: int | None = None) -> bool:
    """Queue `reply` for the chat (forum topic `thread_id`, None for General); False when `key`
    was already queued or sent: each message goes out once."""
    return services.outbox.post(key, chat_id, reply_payload(reply), thread_id=thread_id)


def correct(services: Services, key: str, reply: Reply) -> bool:
    """Change what `key` says: queued, it is replaced; sent, the message is edited."""
    return services.outbox.correct(key, reply_payload(reply))


def manager_locale(services: Services, chat_id: int, user_id: int) -> str:
    """Their saved choice, else their Telegram language if they added the bot, else the chat's."""
    return resolve_locale(services.account.manager_locale(user_id, chat_id), None, None)


def tell_managers(services: Services, chat_id: int, key: str, make_reply: Callable[[], Reply]) -> int:
    """Tell each of the chat's managers in private, each in their own language (`make_reply`
    runs under it); `key` is made per manager, so each is told once. How many were queued."""
    queued = 0
    for user_id in services.outbox.managers(chat_id):
        with use_locale(manager_locale(services, chat_id, user_id)):
            reply = make_reply()
        queued += push(services, f"{key}:to:{user_id}", user_id, reply)
    return queued


def tell_trouble(services: Services, item: OutboxItem) -> None:
    """A message that may not have reached its chat (unsure) or that Telegram refused (failed):
    the chat's managers are told what happened and what to do. Never about a notice itself."""
    if item.chat_id > 0:
        return  # a private message (a notice to a manager): nobody else to tell
    name = services.outbox.chat_title(item.chat_id) or str(item.chat_id)

    def notice() -> Reply:
        reply = Reply()
        if item.state == UNSURE:
            reply.add(
                _("A message to “{chat}” may not have been posted: Telegram did not answer in time.").format(
                    chat=name
                )
            )
            reply.add(
                _(
                    "The bot will not post it again on its own, so that it never appears twice. "
                    "Look in the chat: if the message is missing, post it again yourself."
                )
            )
        else:
            reply.add(_("Telegram refused a message to “{chat}”.").format(chat=name))
            reply.add(_("What Telegram said: {error}").format(error=item.error or "?"))
        return reply

    tell_managers(services, item.chat_id, f"trouble:{item.key}", notice)

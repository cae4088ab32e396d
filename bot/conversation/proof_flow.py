"""Anonymous administrators prove themselves: what one asked is held (chat, command or text,
created) with a "Prove you are an administrator" button; whoever presses it within 60 seconds
is asked of Telegram live for the right it needs, and it then runs as them, once, so that the
audit log records who they are. Anyone else's press is refused and changes nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from bot.community.rights import NotAllowed, Right, RightsUnavailable
from bot.conversation import callbacks as cb
from bot.conversation.context import Services, Who
from bot.conversation.reply import Button, Reply
from bot.conversation.rights_flow import refusal
from bot.domain.proof import PendingAction
from bot.i18n import _

Replay = Callable[[Who, PendingAction], Reply]


def ask(services: Services, who: Who, right: Right, kind: str, name: str, args: str) -> Reply:
    """The reply to an anonymous administrator's action: the button, or a refusal where no
    action can be held."""
    proofs = services.proofs
    if proofs is None or who.chat_id is None:
        return refusal(NotAllowed(right))
    held = proofs.hold(who.chat_id, who.thread_id, kind, name, args, right)
    return (
        Reply()
        .add(_("You are writing as the group, so I can't tell which administrator you are."))
        .add(_("An administrator may press the button below within 60 seconds: I will then do it as them."))
        .row(Button("🛡 " + _("Prove you are an administrator"), cb.ProveAdmin(held.token).pack()))
    )


def pressed(services: Services, who: Who, token: str, replay: Replay) -> Reply:
    proofs = services.proofs
    held = proofs.held(token) if proofs is not None else None
    if proofs is None or held is None or held.chat_id != who.chat_id:
        return _expired()
    if held.used:
        return Reply(notice=_("This was already done."))
    if proofs.expired(held):
        return _expired()
    if who.telegram_user_id is None:
        return Reply(notice=refusal(NotAllowed(Right(held.right))).plain_text())
    try:
        services.rights.require(held.chat_id, who.telegram_user_id, Right(held.right))
    except (NotAllowed, RightsUnavailable) as error:
        # A toast for the presser only: the button stays for an administrator.
        return Reply(notice=refusal(error).plain_text())
    if not proofs.use(held):
        return Reply(notice=_("This was already done."))
    done = replay(dataclasses.replace(who, anonymous=False, thread_id=held.thread_id), held)
    done.replace = True
    return done


def _expired() -> Reply:
    reply = Reply().add(_("This request expired (60 seconds): please send the command again."))
    reply.replace = True
    return reply

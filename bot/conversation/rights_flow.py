"""Community actions behind a Telegram right: the check, and the refusal the member reads."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.community.rights import NotAllowed, Right, RightsUnavailable
from bot.conversation.context import Services, Who
from bot.conversation.reply import Reply
from bot.i18n import _


def refusal(error: NotAllowed | RightsUnavailable) -> Reply:
    if isinstance(error, RightsUnavailable):
        return Reply().add(
            _(
                "I couldn't check your rights with Telegram just now, so nothing was changed. Please try again."
            )
        )
    needed = {
        Right.CHANGE_INFO: _("Only administrators who may change this chat's info can do this."),
        Right.POST_MESSAGES: _("Only administrators who may post messages in the channel can do this."),
        Right.ADMINISTRATOR: _("Only this chat's administrators can do this."),
    }
    return Reply().add(needed[error.right])


class ProofNeeded(Exception):
    """The caller is an anonymous administrator: no one whose rights can be asked. The router
    holds what they asked and asks an administrator to prove themselves (proof_flow)."""

    def __init__(self, right: Right) -> None:
        super().__init__(right.value)
        self.right = right


def with_right(
    services: Services, who: Who, chat_id: int, right: Right, action: Callable[[], Reply]
) -> Reply:
    """`action()` only when the caller holds `right` in `chat_id` now; otherwise the refusal, and
    nothing changes. Raises ProofNeeded for an anonymous administrator."""
    if who.anonymous:
        raise ProofNeeded(right)
    if who.telegram_user_id is None:
        return refusal(NotAllowed(right))
    try:
        services.rights.require(chat_id, who.telegram_user_id, right)
    except (NotAllowed, RightsUnavailable) as error:
        return refusal(error)
    return action()


def with_rights(
    services: Services, who: Who, chat_ids: Sequence[int], right: Right, action: Callable[[], Reply]
) -> Reply:
    """`with_right` in every one of `chat_ids` (an action on several chats at once)."""
    if not chat_ids:
        return refusal(NotAllowed(right))
    first, *rest = chat_ids
    if not rest:
        return with_right(services, who, first, right, action)
    return with_right(services, who, first, right, lambda: with_rights(services, who, rest, right, action))

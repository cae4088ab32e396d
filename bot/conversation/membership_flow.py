"""The bot's own membership in groups and channels (Telegram's my_chat_member updates).

- Added: a short greeting for whoever added it, in the chat's language, with what it can do
  there (posted in a group, in its General topic; sent in private for a channel). The adder
  becomes one of the chat's managers.
- Removed, or in a channel no longer allowed to post: nothing of the chat is deleted (settings,
  network, digests, statistics); what waits in the outbox pauses and digests pause (they read the
  membership); the managers are told in private, each in their language, how to fix it.
- Back (re-added, or given "Post messages" again): what was paused goes out at once and the
  managers are told that it works again.
Each notice is keyed by the event (the chat, what happened, when), so a redelivered update tells
nobody twice; a repeated update that changes nothing says nothing at all."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.conversation.cards import continue_in_private
from bot.conversation.commands import typed
from bot.conversation.context import Services, Who
from bot.conversation.push import tell_managers
from bot.conversation.reply import Reply, bold
from bot.domain.chat import ChatMembership
from bot.i18n import _, resolve_locale, use_locale

log = logging.getLogger(__name__)

CHANNEL = "channel"


@dataclass(frozen=True)
class BotStanding:
    """The bot's place in a chat, as a membership update tells it: in the chat or not, and
    whether it may post there (in a channel: an administrator with "Post messages")."""

    present: bool
    can_post: bool


@dataclass
class Said:
    """What the bot says about a change of its membership, right away: `here` in the chat (a
    group's General topic), `in_private` to whoever changed it. Notices to the managers go
    through the outbox."""

    here: list[Reply] = field(default_factory=list)
    in_private: list[Reply] = field(default_factory=list)


def postable(membership: ChatMembership | None) -> bool:
    """What digests read (Digests.can_post): in the chat and, in a channel, allowed to post."""
    return (
        membership is not None
        and membership.active
        and (membership.kind != CHANNEL or membership.bot_can_post)
    )


def changed(services: Services, who: Who, old: BotStanding, new: BotStanding, event: int) -> Said:
    """`who` changed the bot's membership in their chat from `old` to `new`; `event` tells this
    change from others of the same kind (Telegram's date of the update)."""
    assert who.chat_id is not None
    chat_id, kind = who.chat_id, who.chat_kind or "group"
    adding = new.present and not old.present
    before, after = services.account.bot_membership(
        chat_id,
        kind=kind,
        title=who.chat_title,
        present=new.present,
        can_post=new.can_post,
        by_user_id=who.telegram_user_id,
        language_code=who.language_code,
        adding=adding,
    )
    said = Said()
    name = after.title or str(chat_id)
    told_back: list[int] = []
    if postable(before) and not postable(after):
        what = "removed" if not after.active else "cannot-post"
        services.outbox.pause_chat(chat_id, f"the bot was {what.replace('-', ' ')} (my_chat_member)")
        tell_managers(
            services,
            chat_id,
            f"membership:{chat_id}:{what}:{event}",
            lambda: removed_notice(services, name, kind) if not after.active else cannot_post_notice(name),
        )
        if services.digests is not None:  # told now: a run while paused does not tell them again
            services.digests.membership_changed(
                chat_id, can_post=False, told=services.outbox.managers(chat_id), now=services.outbox.clock()
            )
    elif before is not None and not postable(before) and postable(after):
        resumed = services.outbox.resume_ready()
        log.info("the bot may post in %s again; resumed %s", chat_id, resumed)
        tell_managers(services, chat_id, f"membership:{chat_id}:back:{event}", lambda: back_notice(name))
        told_back = services.outbox.managers(chat_id)
        if services.digests is not None:
            services.digests.membership_changed(chat_id, can_post=True, told=(), now=services.outbox.clock())
    if adding and (before is None or not before.active):
        locale = resolve_locale(
            None,
            services.account.group_locale(
                chat_id,
                kind=kind,
                title=who.chat_title,
                user_id=who.telegram_user_id,
                language_code=who.language_code,
                adding=True,
            ),
            None,
        )
        with use_locale(locale):
            if kind == CHANNEL:
                if who.telegram_user_id in told_back:
                    return said  # re-added: the notice that it works again says it all
                said.in_private.append(channel_greeting(services, chat_id, name, can_post=new.can_post))
            else:
                said.here.append(group_greeting(services, name))
    return said


# ---- what the bot says ----


def _mention(services: Services) -> str:
    return f"@{services.bot_username}" if services.bot_username else "credbot"


def group_greeting(services: Services, chat: str) -> Reply:
    """Posted in a group the bot was just added to: what it does there, in five lines."""
    reply = Reply().add(bold(_("Hello! Thanks for adding me to “{chat}”.").format(chat=chat)))
    reply.add(
        _("Members: {search} followed by a topic, or mention me: {name} cybersecurity.").format(
            search=typed("search"), name=_mention(services)
        )
    )
    reply.add(
        _(
            "Administrators: {language} en or fr sets the group's language, {digest} posts new "
            "credentials on a schedule, {stats} shows what members look for, {audit} who changed what."
        ).format(
            language=typed("language"), digest=typed("digest"), stats=typed("stats"), audit=typed("audit")
        )
    )
    reply.add(
        _(
            "Your network's own catalogue: send me its CTDL, Open Badges or CSV file in private, "
            "or give its web address with {source}."
        ).format(source=typed("source"))
    )
    button = continue_in_private(services)
    return reply.row(button) if button else reply


def channel_greeting(services: Services, chat_id: int, chat: str, *, can_post: bool) -> Reply:
    """Sent in private to whoever added the bot to a channel (the bot posts nothing in a channel
    but what it was asked to)."""
    reply = Reply().add(bold(_("Thanks for adding me to the channel “{chat}”.").format(chat=chat)))
    if can_post:
        # TRANSLATORS: a /digest command's words after the chat id, as a French admin types them.
        words = _("daily 9h en cyber")
        reply.add(
            _("I can post new credentials there on a schedule: send me {example} here.").format(
                example=f"{typed('digest')} {chat_id} {words}"
            )
        )
    else:
        reply.add(_post_steps(chat))
    reply.add(
        _(
            "Also here: {stats} {id} for what its readers look for, {audit} {id} for who changed what; "
            "send me your network's catalogue file (CTDL, Open Badges or CSV) to load it."
        ).format(stats=typed("stats"), audit=typed("audit"), id=chat_id)
    )
    reply.add(
        _("Or send {manage}: every chat you administer, each with its buttons.").format(manage=typed("manage"))
    )
    return reply


def _post_steps(chat: str) -> str:
    return _(
        "I can't post there yet: make me an administrator of “{chat}” with the right “Post messages”."
    ).format(chat=chat)


def removed_notice(services: Services, chat: str, kind: str) -> Reply:
    reply = Reply().add(bold(_("I was removed from “{chat}”.").format(chat=chat)))
    reply.add(
        _(
            "Nothing is lost: its settings, catalogue, digests and statistics are kept; its digests are paused."
        )
    )
    if kind == CHANNEL:
        reply.add(
            _(
                "To fix it: add me back to the channel as an administrator with the right “Post "
                "messages” ({name}). The digests then resume by themselves."
            ).format(name=_mention(services))
        )
    else:
        reply.add(
            _(
                "To fix it: add me back to the group (Add members, then {name}). The digests then "
                "resume by themselves."
            ).format(name=_mention(services))
        )
    return reply


def cannot_post_notice(chat: str) -> Reply:
    reply = Reply().add(bold(_("I can no longer post in “{chat}”.").format(chat=chat)))
    reply.add(_("Its digests are paused; nothing is lost."))
    reply.add(
        _(
            "To fix it: in the channel's administrators, give me the right “Post messages” again. "
            "The digests then resume by themselves."
        )
    )
    return reply


def back_notice(chat: str) -> Reply:
    return Reply().add(
        _(
            "I can post in “{chat}” again: its digests resume, and what was waiting is being posted now."
        ).format(chat=chat)
    )

"""`/audit` (`/journal`): a chat's last changes to its settings, catalogue and digests (who, when,
before and after), for any of its administrators, checked live; members see nothing."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.community.audit import AuditLog
from bot.community.rights import Right
from bot.conversation import callbacks as cb
from bot.conversation import numbers
from bot.conversation.commands import BY_NAME
from bot.conversation.context import Services, Who
from bot.conversation.digest_flow import language_words, topics_words, when_words
from bot.conversation.reply import Button, Inline, Reply, bold, code, echo, italic
from bot.conversation.rights_flow import with_right
from bot.domain import audit as kinds
from bot.domain.audit import AuditEntry, Values
from bot.i18n import N_, _, current_locale, format_moment, language_name

HASH_SHOWN = 12  # hex digits of a file's SHA-256 shown (the Confirm button carried as many)
LABELS = {
    kinds.CHAT_LANGUAGE: N_("Group language changed"),
    kinds.CATALOGUE_IMPORT: N_("Network catalogue imported"),
    kinds.DIGEST_SUBSCRIBED: N_("Digest subscribed"),
    kinds.DIGEST_CHANGED: N_("Digest settings changed"),
    kinds.DIGEST_STOPPED: N_("Digest stopped"),
    kinds.DIGEST_PAUSED: N_("Digest paused: I could not post in the chat"),
    kinds.DIGEST_RESUMED: N_("Digest resumed: I may post in the chat again"),
    kinds.DIGEST_APPROVED: N_("Digest preview approved and posted"),
    kinds.DIGEST_DISCARDED: N_("Digest preview discarded"),
    kinds.DIGEST_TOPIC_GONE: N_("Digest moved to General: its forum topic was deleted"),
}


def _command() -> str:
    return BY_NAME["audit"].name(current_locale())


def audit(services: Services, who: Who, args: str) -> Reply:
    """In a group, that group's log; in private, the chat named by its id, or the one the caller
    manages."""
    log = services.audit
    if log is None:
        return Reply().add(_("The audit log is not available here."))
    chat_id = who.chat_id if who.in_group else _chosen_chat(log, who, args)
    if chat_id is None:
        return _which_chat(log, who)
    target = chat_id
    return with_right(services, who, target, Right.ADMINISTRATOR, lambda: page(log, target))


def pressed(services: Services, who: Who, button: cb.AuditPage) -> Reply:
    """Older or newest entries: the presser's right is checked again, live."""
    log = services.audit
    try:
        chat_id = numbers.chat_id(button.chat) or 0
    except ValueError:
        chat_id = 0
    if log is None or not chat_id:
        return Reply(notice=_("This button has expired. Please start again with /start."))
    before = button.before or None

    def show() -> Reply:
        assert log is not None
        reply = page(log, chat_id, before)
        reply.replace = True
        return reply

    return with_right(services, who, chat_id, Right.ADMINISTRATOR, show)


def _chosen_chat(log: AuditLog, who: Who, args: str) -> int | None:
    named = [numbers.chat_id(word) or 0 for word in args.split() if re.fullmatch(r"-?\d+", word)]
    if named:
        return named[0]
    if who.telegram_user_id is None:
        return None
    chats = log.managed_chats(who.telegram_user_id)
    return chats[0].telegram_chat_id if len(chats) == 1 else None


def _which_chat(log: AuditLog, who: Who) -> Reply:
    chats = log.managed_chats(who.telegram_user_id) if who.telegram_user_id is not None else []
    reply = Reply()
    if not chats:
        return reply.add(
            _("Send /{command} in the group whose changes you want to see.").format(command=_command())
        )
    reply.add(_("Which chat? Send one of these:"))
    for chat in chats:
        reply.add(f"/{_command()} {chat.telegram_chat_id} — ", chat.title or str(chat.telegram_chat_id))
    return reply


def page(log: AuditLog, chat_id: int, before_id: int | None = None) -> Reply:
    found = log.page(chat_id, before_id=before_id)
    reply = Reply().add(bold(_("📋 Changes in this chat")))
    if not found.entries:
        if before_id is None:
            return reply.add(_("No change recorded yet."))
        return reply.add(_("No older change."))
    reply.add(italic(_("Newest first; times in Toronto.")))
    for entry in found.entries:
        reply.blank()
        _entry(reply, entry)
    buttons = []
    if before_id is not None:
        buttons.append(Button("⏮ " + _("Newest"), cb.AuditPage(chat=str(chat_id), before=0).pack()))
    if found.more:
        older = cb.AuditPage(chat=str(chat_id), before=found.entries[-1].id)
        buttons.append(Button(_("Older") + " ▶", older.pack()))
    return reply.row(*buttons)


def _who(entry: AuditEntry) -> str:
    actor = entry.actor
    if actor.user_id is None:
        return _("credbot (automatic)")
    if actor.name:
        return _("{name} (Telegram id {id})").format(name=echo(actor.name, 60), id=actor.user_id)
    return _("Telegram id {id}").format(id=actor.user_id)


def _entry(reply: Reply, entry: AuditEntry) -> None:
    reply.add(bold(format_moment(entry.at)), " — ", _who(entry))
    label = _(LABELS[entry.action]) if entry.action in LABELS else entry.action
    topic = (entry.after or entry.before or {}).get("topic")
    if topic:
        label = _("{change} (forum topic {number})").format(change=label, number=topic)
    reply.add(label)
    for line in DETAILS.get(entry.action, _changes)(entry.before or {}, entry.after or {}):
        reply.add("• ", *line)


# ---- what changed, before → after ----

Detail = tuple[Inline, ...]


def _arrow(label: str, before: str, after: str) -> Detail:
    return (_("{label}: {before} → {after}").format(label=label, before=before, after=after),)


def _language(before: Values, after: Values) -> list[Detail]:
    def name(code_: object) -> str:
        return language_name(str(code_)) if code_ else _("not chosen")

    return [_arrow(_("language"), name(before.get("language")), name(after.get("language")))]


def _catalogue(before: Values, after: Values) -> list[Detail]:
    counts = _("added {added}, updated {updated}, unchanged {unchanged}, removed {removed} (credentials)").format(
        added=after.get("added", 0),
        updated=after.get("updated", 0),
        unchanged=after.get("unchanged", 0),
        removed=after.get("removed", 0),
    )
    sha = str(after.get("sha256", ""))[:HASH_SHOWN]
    return [
        (_("file: {name}").format(name=echo(str(after.get("file", "")), 60)), " · SHA-256 ", code(sha)),
        (counts,),
    ]


def _settings(values: Values) -> dict[str, str]:
    """A digest's settings in words, by what the reader calls them."""
    if not values:
        return {}
    when = when_words(str(values.get("frequency")), values.get("weekday"), int(values.get("hour") or 0))
    return {
        _("topics"): topics_words(values.get("topics") or []),
        _("language"): language_words(str(values.get("language"))),
        _("schedule"): f"{when} ({values.get('timezone')})",
        _("auto-approve"): _("yes") if values.get("auto_approve") else _("no"),
    }


def _digest(before: Values, after: Values) -> list[Detail]:
    old, new = _settings(before), _settings(after)
    if not old or not new:  # subscribed or stopped: what it was, or is
        return [(_("{label}: {value}").format(label=label, value=value),) for label, value in (new or old).items()]
    return [_arrow(label, old[label], new[label]) for label in new if old.get(label) != new[label]]


def _run(before: Values, after: Values) -> list[Detail]:
    count = after.get("items")
    return [] if count is None else [(_("credentials posted: {count}").format(count=count),)]


def _changes(before: Values, after: Values) -> list[Detail]:
    """Anything else: each value that differs."""
    keys = [key for key in dict.fromkeys([*before, *after]) if before.get(key) != after.get(key)]
    return [_arrow(key, str(before.get(key, "—")), str(after.get(key, "—"))) for key in keys]


DETAILS: dict[str, Callable[[Values, Values], list[Detail]]] = {
    kinds.CHAT_LANGUAGE: _language,
    kinds.CATALOGUE_IMPORT: _catalogue,
    kinds.DIGEST_SUBSCRIBED: _digest,
    kinds.DIGEST_CHANGED: _digest,
    kinds.DIGEST_STOPPED: _digest,
    kinds.DIGEST_PAUSED: lambda before, after: [],
    kinds.DIGEST_RESUMED: lambda before, after: [],
    kinds.DIGEST_APPROVED: _run,
    kinds.DIGEST_DISCARDED: lambda before, after: [],
    kinds.DIGEST_TOPIC_GONE: lambda before, after: [
        _arrow(_("forum topic"), str(before.get("topic") or "—"), _("General"))
    ],
}

"""`/manage` (`/gerer`) in private: the groups and channels where the member is an administrator
right now (asked of Telegram live, chat by chat; a chat is never listed on a right that could not
be checked), a card for each in the manager's language, and its actions, which are the existing
flows (the chat's language, digests, statistics, audit log, catalogue upload, scheduled source)
for that chat, each checking the right it needs again, live, when pressed. In a group, `/manage`
points to the private chat."""

from __future__ import annotations

import re

from bot.community.managing import Management
from bot.community.rights import Right, RightsUnavailable
from bot.conversation import audit_flow, digest_flow, numbers, source_flow, stats_flow
from bot.conversation import callbacks as cb
from bot.conversation.commands import BY_NAME, typed
from bot.conversation.context import Services, Who
from bot.conversation.reply import Button, Inline, Reply, bold, code, echo, italic
from bot.conversation.rights_flow import with_right
from bot.domain.chat import ChatMembership
from bot.domain.digest import Schedule, Subscription
from bot.i18n import SUPPORTED, _, current_locale, format_list, language_name, ngettext, resolve_locale
from bot.language.packs import DEFAULT_LANGUAGE, PACKS

PAGE_SIZE = 8  # chats a page of the list shows
TITLE_SHOWN = 40  # characters of a chat's title on its button
CHAT_ID = re.compile(r"-\d+")


def _command() -> str:
    return BY_NAME["manage"].name(current_locale())


def _name(chat: ChatMembership) -> str:
    return echo(chat.title, TITLE_SHOWN) if chat.title else str(chat.telegram_chat_id)


def _kind(chat: ChatMembership) -> str:
    return _("channel") if chat.kind == "channel" else _("group")


def _label(text: str) -> str:
    return _("{label}: ").format(label=text)


def _unavailable() -> Reply:
    return Reply().add(_("Managing chats is not available here."))


# ---- in a group ----


def in_group(services: Services) -> Reply:
    """`/manage` in a group: nothing about any chat is shown there; a link opens it in private."""
    reply = Reply().add(
        _(
            "Manage your groups and channels with me in private: /{command} there lists the chats you administer."
        ).format(command=_command())
    )
    url = services.private_link("manage")
    if url is None:
        return reply.add(_("Write to me in a private chat."))
    return reply.row(Button("⚙️ " + _("Manage in private"), "", url=url))


# ---- the list ----


def manage_command(services: Services, who: Who, args: str) -> Reply:
    """`/manage`: the list; `/manage -100…`: that chat's card (for a screen reader or the console)."""
    if who.in_group:
        return in_group(services)
    words = args.split()
    if words and CHAT_ID.fullmatch(words[0]):
        return open_card(services, who, numbers.chat_id(words[0]) or 0)
    return listing(services, who)


def listing(services: Services, who: Who, page: int = 0, *, replace: bool = False) -> Reply:
    management = services.management
    if management is None or who.telegram_user_id is None:
        return _unavailable()
    found = management.administered(services.rights, who.telegram_user_id)
    reply = Reply(replace=replace)
    if found.chats:
        pages = -(-len(found.chats) // PAGE_SIZE)
        page = min(max(page, 0), pages - 1)
        reply.add(bold("⚙️ " + _("Chats you administer")))
        reply.add(_("Choose one to manage it. Each action asks Telegram for your rights again."))
        if pages > 1:
            reply.add(italic(_("Page {page} of {pages}").format(page=page + 1, pages=pages)))
        for chat in found.chats[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
            reply.row(
                Button(
                    f"{_name(chat)} · {_kind(chat)}",
                    cb.ManageChat(chat=str(chat.telegram_chat_id)).pack(),
                    typed("manage", chat.telegram_chat_id),
                )
            )
        nav = []
        if page > 0:
            nav.append(Button("◀ " + _("Previous"), cb.ManageList(page=page - 1).pack()))
        if page + 1 < pages:
            nav.append(Button(_("Next") + " ▶", cb.ManageList(page=page + 1).pack()))
        reply.row(*nav)
    if not found.complete:
        if found.chats:
            reply.blank()
        reply.add(_not_checked(found.unverified, found.unverified_others))
        reply.add(
            _("I list a chat only once Telegram has confirmed that you administer it. Please try again.")
        )
        reply.row(Button("🔄 " + _("Try again"), cb.ManageList(page=0).pack(), typed("manage")))
    elif not found.chats:
        reply.add(bold(_("Nothing to manage")))
        reply.add(_("You are not an administrator of any group or channel I am in."))
        reply.add(
            _(
                "To manage one here: add me to your group, or make me an administrator of your channel "
                "with the right to post messages; or ask an administrator of the chat to make you one. "
                "Then send /{command} again."
            ).format(command=_command())
        )
    if found.unchecked:
        reply.add(
            italic(
                _(
                    "I am in more chats than I ask about at once; for one that is not listed, send "
                    "/{command} followed by its id."
                ).format(command=_command())
            )
        )
    return reply


def _not_checked(named: list[ChatMembership], others: int) -> str:
    """Which chats could not be checked: those the member is known to manage by name, the others
    only counted (their names are not for a stranger)."""
    names = format_list([f"“{_name(chat)}”" for chat in named])
    if names and others:
        return ngettext(
            "I couldn't check your rights with Telegram just now in {chats} and in {count} other chat.",
            "I couldn't check your rights with Telegram just now in {chats} and in {count} other chats.",
            others,
        ).format(chats=names, count=others)
    if names:
        return _("I couldn't check your rights with Telegram just now in {chats}.").format(chats=names)
    return ngettext(
        "I couldn't check your rights with Telegram just now in {count} chat.",
        "I couldn't check your rights with Telegram just now in {count} chats.",
        others,
    ).format(count=others)


# ---- one chat's card ----


def _chat_id(text: str) -> int | None:
    return numbers.chat_id(text) if CHAT_ID.fullmatch(text) else None


def _known(services: Services, chat_id: int | None) -> ChatMembership | None:
    management = services.management
    return management.chat(chat_id) if management is not None and chat_id is not None else None


def open_card(services: Services, who: Who, chat_id: int, *, replace: bool = False) -> Reply:
    """The chat's card, for any of its administrators now (asked live); refused otherwise, in the
    same words whether or not the bot knows the chat."""
    management = services.management
    if management is None:
        return _unavailable()

    def show() -> Reply:
        chat = management.chat(chat_id)
        if chat is None:
            return Reply().add(_("I don't know this chat: add me to it first."))
        return card(services, who, management, chat, replace=replace)

    return with_right(services, who, chat_id, Right.ADMINISTRATOR, show)


def card(
    services: Services, who: Who, management: Management, chat: ChatMembership, *, replace: bool = False
) -> Reply:
    chat_id = chat.telegram_chat_id
    reply = Reply(replace=replace).add(bold("⚙️ " + _name(chat)), f" · {_kind(chat)}")
    reply.add(_label(_("Telegram id")), code(str(chat_id)))
    if not chat.active:
        reply.add(
            "⚠️ ",
            _(
                "I am no longer in this chat: its settings are kept and its digests wait until I am added back."
            ),
        )
    elif chat.kind == "channel" and not chat.bot_can_post:
        reply.add(
            "⚠️ ",
            _("I may not post in this channel: make me an administrator with the right to post messages."),
        )
    state = management.language(chat_id)
    if state.chosen:
        language = language_name(state.chosen)
    else:
        language = _("not chosen (I answer there in {language})").format(
            language=language_name(resolve_locale(None, state.effective, None))
        )
    reply.add(_label(_("Language")), language)
    reply.add(_label(_("Network catalogue")), _catalogue_words(services, chat_id))
    _digests_lines(services, reply, chat_id)
    reply.add(_label(_("Scheduled source")), *_source_words(services, who, chat_id))
    reply.blank().add(italic(_("Each button checks your rights in this chat with Telegram again.")))
    target = str(chat_id)

    def action(label: str, name: str, command: str) -> Button:
        return Button(label, cb.ManageAction(chat=target, action=name).pack(), typed(command, chat_id))

    reply.row(
        action("🌐 " + _("Language"), "language", "language"),
        action("📰 " + _("Digests"), "digest", "digest"),
        action("📊 " + _("Statistics"), "stats", "stats"),
    )
    reply.row(
        action("📋 " + _("Audit log"), "audit", "audit"),
        action("📥 " + _("Catalogue"), "catalogue", "manage"),
        action("🔗 " + _("Source"), "source", "source"),
    )
    return reply.row(Button("◀ " + _("All my chats"), cb.ManageList(page=0).pack(), typed("manage")))


def _catalogue_words(services: Services, chat_id: int) -> str:
    found = services.networks.catalogue_for(chat_id) if services.networks is not None else None
    if found is None:
        return _("none loaded (searches here show the shared catalogue)")
    count = len(found.credential_ids)
    return ngettext(
        "“{network}”, {count} credential, shown first in searches here",
        "“{network}”, {count} credentials, shown first in searches here",
        count,
    ).format(network=echo(found.network.name, TITLE_SHOWN), count=count)


def _digests_lines(services: Services, reply: Reply, chat_id: int) -> None:
    digests = services.digests
    found = digests.for_chat(chat_id) if digests is not None else []
    if digests is None or not found:
        reply.add(_label(_("Digests")), _("no digest"))
        return
    paused = not digests.can_post(chat_id)
    reply.add(_label(_("Digests")))
    for subscription in found:
        line = _digest_line(services, chat_id, subscription)
        reply.add("• ", line, " ", bold(_("Paused: I can't post there.")) if paused else _("Active."))


def _digest_line(services: Services, chat_id: int, subscription: Subscription) -> str:
    """The digest's settings, and its forum topic by name when the bot saw it named."""
    line = digest_flow.describe(subscription)
    if subscription.thread_id is None:
        return line
    topic = services.account.topic_name(chat_id, subscription.thread_id)
    if topic:
        return _("{digest} (forum topic “{topic}”)").format(digest=line, topic=echo(topic, 60))
    return _("{digest} (forum topic {number})").format(digest=line, number=subscription.thread_id)


def _source_words(services: Services, who: Who, chat_id: int) -> tuple[Inline, ...]:
    """The source's address and last result, for those who may see it with /source (change the
    chat's info: the rights were just asked, so this is answered from what was remembered)."""
    source = services.sources.get(chat_id) if services.sources is not None else None
    if source is None:
        return (_("no scheduled source"),)
    try:
        allowed = who.telegram_user_id is not None and services.rights.has(
            chat_id, who.telegram_user_id, Right.CHANGE_INFO
        )
    except RightsUnavailable:
        allowed = False
    if not allowed:
        return (_("registered (shown to administrators who may change the chat's info)"),)
    return (code(source.url[: source_flow.URL_SHOWN]), " — ", source_flow.result_text(source))


# ---- the card's buttons ----


def pressed(
    services: Services,
    who: Who,
    button: cb.ManageList
    | cb.ManageChat
    | cb.ManageAction
    | cb.ManageLanguage
    | cb.ManageDigestStop
    | cb.ManageDigestStart,
) -> Reply:
    match button:
        case cb.ManageList(page=page):
            return listing(services, who, page, replace=True)
        case cb.ManageChat(chat=chat):
            chat_id = _chat_id(chat)
            if chat_id is None:
                return _expired()
            return open_card(services, who, chat_id, replace=True)
        case cb.ManageLanguage(chat=chat, code=code_):
            chat_id = _chat_id(chat)
            return _expired() if chat_id is None else set_language(services, who, chat_id, code_)
        case cb.ManageAction(chat=chat, action=name):
            chat_id = _chat_id(chat)
            return _expired() if chat_id is None else act(services, who, chat_id, name)
        case cb.ManageDigestStop(chat=chat, thread=thread):
            chat_id = _chat_id(chat)
            return _expired() if chat_id is None else _stop_digest(services, who, chat_id, thread or None)
        case cb.ManageDigestStart(chat=chat):
            chat_id = _chat_id(chat)
            return _expired() if chat_id is None else _start_digest(services, who, chat_id)
    return _expired()


def _digest_right(chat: ChatMembership) -> Right:
    return Right.POST_MESSAGES if chat.kind == "channel" else Right.ADMINISTRATOR


def _start_digest(services: Services, who: Who, chat_id: int) -> Reply:
    """The panel's one-tap digest: every new credential, daily at 9:00, in the chat's language,
    each posted after a manager's preview, in General (the right asked again at the press)."""
    chat = _known(services, chat_id)
    digests, management = services.digests, services.management
    if chat is None or digests is None or management is None or who.telegram_user_id is None:
        return _expired()
    user_id = who.telegram_user_id

    def start() -> Reply:
        if any(subscription.thread_id is None for subscription in digests.for_chat(chat_id)):
            panel = _digest(services, chat)
            panel.replace, panel.notice = True, _("This chat already has a digest.")
            return panel
        state = management.language(chat_id)
        language = state.chosen or state.effective or DEFAULT_LANGUAGE
        digests.subscribe(
            chat_id,
            None,
            subscriber_user_id=user_id,
            topics=(),
            language=language if language in ("fr", "en") else DEFAULT_LANGUAGE,
            schedule=Schedule("daily", 9, None),
            auto_approve=False,
            now=services.outbox.clock(),
            by=who.actor,
        )
        panel = _digest(services, chat)
        panel.replace, panel.notice = True, _("Digest started.")
        return panel

    return with_right(services, who, chat_id, _digest_right(chat), start)


def _stop_digest(services: Services, who: Who, chat_id: int, thread_id: int | None) -> Reply:
    """A digest's Stop button: the right it needs asked again, then the panel without it."""
    chat = _known(services, chat_id)
    digests = services.digests
    if chat is None or digests is None:
        return _expired()
    right = _digest_right(chat)

    def stop() -> Reply:
        gone = digests.unsubscribe(chat_id, thread_id, by=who.actor)
        panel = _digest(services, chat)
        panel.replace = True
        panel.notice = _("Digest stopped.") if gone is not None else _("This digest was already stopped.")
        return panel

    return with_right(services, who, chat_id, right, stop)


def _expired() -> Reply:
    return Reply(notice=_("This button has expired. Please start again with /start."))


def act(services: Services, who: Who, chat_id: int, name: str) -> Reply:
    """One of the card's actions: the existing flow for that chat, behind the right it needs."""
    chat = _known(services, chat_id)
    if chat is None:
        return with_right(
            services,
            who,
            chat_id,
            Right.ADMINISTRATOR,
            lambda: Reply().add(_("I don't know this chat: add me to it first.")),
        )
    target = str(chat_id)
    match name:
        case "language":
            return with_right(services, who, chat_id, Right.CHANGE_INFO, lambda: _choose_language(chat))
        case "digest":
            right = Right.POST_MESSAGES if chat.kind == "channel" else Right.ADMINISTRATOR
            return with_right(services, who, chat_id, right, lambda: _digest(services, chat))
        case "stats":
            return stats_flow.stats(services, who, target).row(_back(chat))
        case "audit":
            return audit_flow.audit(services, who, target).row(_back(chat))
        case "catalogue":
            return with_right(
                services, who, chat_id, Right.CHANGE_INFO, lambda: _catalogue(services, who, chat)
            )
        case "source":
            return source_flow.source_command(services, who, target).row(_back(chat))
    return _expired()


def _back(chat: ChatMembership) -> Button:
    return Button("◀ " + _name(chat), cb.ManageChat(chat=str(chat.telegram_chat_id)).pack())


def _choose_language(chat: ChatMembership) -> Reply:
    reply = Reply(replace=True).add(
        _("Which language should I use in “{chat}”? Every reply there will be in it.").format(
            chat=_name(chat)
        )
    )
    choices = sorted(SUPPORTED, key=lambda code_: PACKS[code_].native_name)
    reply.row(
        *[
            Button(
                PACKS[code_].native_name,
                cb.ManageLanguage(chat=str(chat.telegram_chat_id), code=code_).pack(),
                typed("language", chat.telegram_chat_id, code_),
            )
            for code_ in choices
        ]
    )
    return reply.row(_back(chat))


def set_language(services: Services, who: Who, chat_id: int, locale: str) -> Reply:
    """The chat's language chosen from /manage (or `/language -100… fr` in private): a settings
    change (can_change_info), recorded in the audit log; nothing changes without the right."""
    chat = _known(services, chat_id)
    if chat is None or locale not in SUPPORTED:
        return with_right(
            services,
            who,
            chat_id,
            Right.CHANGE_INFO,
            lambda: Reply().add(
                _("I don't know this chat: add me to it first.")
                if chat is None
                else _("Write /language en or /langue fr to choose this group's language.")
            ),
        )
    known = chat

    def change() -> Reply:
        services.account.set_chat_language(chat_id, locale, title=known.title, by=who.actor)
        reply = Reply(replace=True).add(
            "✅ ",
            _("The language of “{chat}” is now {language}.").format(
                chat=_name(known), language=language_name(locale)
            ),
        )
        return reply.row(_back(known))

    return with_right(services, who, chat_id, Right.CHANGE_INFO, change)


def _digest(services: Services, chat: ChatMembership) -> Reply:
    """The chat's digests as /digest shows them, and how to subscribe or stop from here."""
    digests = services.digests
    if digests is None:
        return Reply().add(_("Digests are not available here."))
    chat_id = chat.telegram_chat_id
    reply = Reply().add(bold("📰 " + _("Digests of “{chat}”").format(chat=_name(chat))))
    found = digests.for_chat(chat_id)
    if not found:
        reply.add(_("No digest yet."))
    stops = []
    for number, subscription in enumerate(found, start=1):
        reply.add(f"{number}. ", _digest_line(services, chat_id, subscription))
        stops.append(
            Button(
                "🛑 "
                + (_("Stop {number}").format(number=number) if len(found) > 1 else _("Stop this digest")),
                cb.ManageDigestStop(chat=str(chat_id), thread=subscription.thread_id or 0).pack(),
            )
        )
    reply.row(*stops)
    if not any(subscription.thread_id is None for subscription in found):
        reply.row(
            Button(
                "➕ " + _("Daily digest of every new credential"),
                cb.ManageDigestStart(chat=str(chat_id)).pack(),
            )
        )
    if found and not digests.can_post(chat_id):
        reply.add(bold(_("Paused: I can't post there.")))
    command = BY_NAME["digest"].name(current_locale())
    reply.blank().add(_("Digests post the new and updated credentials on your topics to this chat."))
    reply.add(
        _("To subscribe it or change it, send: {example}").format(
            example=f"/{command} {chat_id} " + _("daily 9h fr cybersecurity, leadership")
        )
    )
    reply.add(
        _(
            "Weekly: “weekly monday 8h”; both languages: “both”; without a preview: “auto”; to end it: {stop}"
        ).format(stop=f"/{command} {chat_id} stop")
    )
    return reply.row(_back(chat))


def _catalogue(services: Services, who: Who, chat: ChatMembership) -> Reply:
    """The network catalogue is a file sent here: its sender becomes a known manager of the chat
    (their right was just checked), so the private upload goes to this chat's network."""
    management = services.management
    assert management is not None and who.telegram_user_id is not None
    management.enrol(chat.telegram_chat_id, who.telegram_user_id)
    reply = Reply().add(bold("📥 " + _("The catalogue of “{chat}”").format(chat=_name(chat))))
    reply.add(_label(_("Now")), _catalogue_words(services, chat.telegram_chat_id))
    reply.add(
        _(
            "Send me the file here, in this private chat: a CTDL (JSON-LD), Open Badges or CSV catalogue. "
            "I answer with a dry run (added, updated, unchanged, removed, and every problem) and nothing "
            "is written until you confirm."
        )
    )
    if len(services.uploads.networks_of(who.telegram_user_id) if services.uploads else []) > 1:
        reply.add(_("You manage several chats: I will ask which one the file is for."))
    return reply.row(_back(chat))


def language_typed(services: Services, who: Who, args: str) -> Reply | None:
    """`/language -100… fr` in private: the chat's language, as its button does; None when the
    arguments do not name a chat (the member's own language then)."""
    words = args.split()
    if not words or _chat_id(words[0]) is None:
        return None
    chat_id = _chat_id(words[0])
    assert chat_id is not None
    locale = words[1].lower()[:2] if len(words) > 1 else ""
    if not locale:
        chat = _known(services, chat_id)
        if chat is None:
            return open_card(services, who, chat_id)
        return with_right(services, who, chat_id, Right.CHANGE_INFO, lambda: _choose_language(chat))
    return set_language(services, who, chat_id, locale)

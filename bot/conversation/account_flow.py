"""Welcome and help, the learner's (or group's) language, and their data: privacy, export, forget."""

from __future__ import annotations

import json

from bot.community.rights import Right
from bot.conversation import callbacks as cb
from bot.conversation.cards import language_button, menu_buttons
from bot.conversation.commands import COMMANDS, typed
from bot.conversation.context import Services, Who
from bot.conversation.reply import Button, Document, Reply, bold
from bot.conversation.rights_flow import with_right
from bot.i18n import SUPPORTED, _, language_name, use_locale
from bot.language.packs import LANGUAGES, PACKS


def welcome() -> Reply:
    reply = Reply().add(bold(_("Welcome to credbot!")))
    reply.add(_("I help you find micro-credentials from many providers, in English and in French."))
    reply.add(_("Keep track of the ones you earn and get the best bundle of credentials for your goal."))
    reply.blank().add(_("Type a topic to search, or choose below."))
    buttons = menu_buttons()
    return reply.row(*buttons[:2]).row(*buttons[2:])


def help_reply() -> Reply:
    reply = Reply().add(bold(_("How to use credbot"))).blank()
    reply.add(
        _(
            "Type what you want to learn, in English or French: “data analytics”, “cybersécurité”, “comptabilité en ligne”."
        )
    )
    reply.add(_("Add limits in words: “online”, “in French”, “free”, “under 20 hours”, “under $300”."))
    reply.blank().add(bold(_("Commands")))
    for spec in COMMANDS:
        names = " · ".join(f"/{name}" for name in spec.names)
        reply.add(f"{names} — ", _(spec.description))
    return reply.row(*menu_buttons())


def choose_language() -> Reply:
    return (
        Reply()
        .add(_("Choose your language."))
        .row(*[language_button(code) for code in sorted(LANGUAGES, key=lambda code: PACKS[code].native_name)])
    )


def unknown_language() -> Reply:
    """A language that is not one of ours: nothing is saved; the ones there are, with buttons."""
    codes = ", ".join(sorted(SUPPORTED))
    return (
        Reply()
        .add(_("I only speak these languages: {codes}. Nothing was changed.").format(codes=codes))
        .row(*[language_button(code) for code in sorted(LANGUAGES, key=lambda code: PACKS[code].native_name)])
    )


def set_language(services: Services, who: Who, locale: str) -> Reply:
    if locale not in SUPPORTED:
        return unknown_language()
    services.account.set_language(who.ref, locale)
    with use_locale(locale):
        reply = Reply().add(_("I will speak {language} with you.").format(language=language_name(locale)))
        return reply.row(*menu_buttons())


def set_chat_language(services: Services, who: Who, locale: str) -> Reply:
    """In a group, /language sets the group's language: a settings change (can_change_info)."""
    assert who.chat_id is not None
    chat_id = who.chat_id

    def change() -> Reply:
        if locale not in SUPPORTED:
            return Reply().add(_("Write /language en or /langue fr to choose this group's language."))
        services.account.set_chat_language(chat_id, locale, title=who.chat_title, by=who.actor)
        with use_locale(locale):
            return Reply().add(_("This group's language: {language}.").format(language=language_name(locale)))

    return with_right(services, who, chat_id, Right.CHANGE_INFO, change)


def privacy(who: Who | None = None) -> Reply:
    """What the store keeps about a learner, item by item (bot/store/models.py: the learner row,
    earned credentials, bundles; a group's row), and what stays in memory only."""
    reply = Reply().add(bold(_("Your data"))).blank()
    if who is not None and who.telegram_user_id is not None:
        reply.add(_("What I store, under your Telegram user number (never your name or phone number):"))
    else:
        reply.add(_("What I store about you:"))
    reply.add("• ", _("your language choice and the date your record was created;"))
    reply.add("• ", _("the email addresses you declare with /email, to recognise badges issued to you;"))
    reply.add(
        "• ",
        _(
            "the credentials you mark as earned and the badges you send me (each badge as you sent it, to "
            "check it again and export it, and whether its signature was verified);"
        ),
    )
    reply.add(
        "• ",
        _(
            "every bundle you ask for, saved or not: its goal as you typed it, its limits and its credentials."
        ),
    )
    reply.add(_("In a group, I also store the group's name and settings, such as its language."))
    reply.add(
        _(
            "Searches made in a group, or after one of its digest links, are counted for its administrators: "
            "the query, its language, whether it found anything and the day, with a coded number instead of "
            "yours. Kept 13 months; a query is shown only once 5 people sent it."
        )
    )
    reply.add(
        _(
            "I store none of your other messages, only your searches, so that the buttons of their results "
            "keep working (30 days), and what I showed you last, so that “2” or “next” can be understood (a day)."
        )
    )
    reply.blank().add(_("/export sends you everything I store; /forget deletes it for good."))
    return reply


def export(services: Services, who: Who) -> Reply:
    content = json.dumps(services.account.export(who.ref), ensure_ascii=False, indent=2, default=str).encode()
    caption = _("Everything credbot stores about you.")
    return Reply(document=Document("credbot-my-data.json", content, caption=caption))


def ask_forget() -> Reply:
    return (
        Reply()
        .add(bold(_("Delete all your data?")))
        .add(
            _("Your wallet, your bundles and your settings will be deleted for good. This cannot be undone.")
        )
        .row(
            Button(_("Yes, delete everything"), cb.ConfirmForget(True).pack(), typed("forget", _("yes"))),
            Button(_("No, keep my data"), cb.ConfirmForget(False).pack(), typed("forget", _("no"))),
        )
    )


def forget(services: Services, who: Who, confirmed: bool, replace: bool = False) -> Reply:
    if not confirmed:
        return Reply(replace=replace).add(_("Nothing was deleted."))
    services.account.forget(who.ref)
    if services.stats is not None:
        services.stats.forget(who.ref)
    return Reply(replace=replace).add(_("Done: everything I stored about you has been deleted."))

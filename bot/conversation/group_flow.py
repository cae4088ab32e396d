"""The bot in a group: what it does there, and the personal actions (wallet, bundles, the
learner's data) that it takes to the private chat instead of acting or showing them in the group."""

from __future__ import annotations

from bot.community.links import BUNDLE
from bot.conversation.cards import continue_in_private
from bot.conversation.commands import credential_number, typed
from bot.conversation.context import Services
from bot.conversation.reply import Reply, bold
from bot.i18n import _

# Commands (by key) and free-text intents that are the learner's own business, and the /start
# payload that opens each in private.
PRIVATE_COMMANDS = {
    "earned": "wallet",
    "earn": "wallet",
    "remove": "wallet",
    "bundle": "bundle",
    "bundles": "bundles",
    "card": "wallet",
    "share": "wallet",
    "email": "wallet",
    "privacy": "privacy",
    "export": "privacy",
    "forget": "privacy",
}
PRIVATE_INTENTS = {
    "wallet": "wallet",
    "wallet_remove": "wallet",
    "bundle": "bundle",
    "bundle_edit": "bundle",
    "list_bundles": "bundles",
    "privacy": "privacy",
    "export": "privacy",
    "forget": "privacy",
    "interface_language": "",
}
START_PAYLOADS = frozenset(PRIVATE_COMMANDS.values())


def group_help(services: Services) -> Reply:
    """/help and /start in a group: what the bot does here, in five lines at most."""
    name = f"@{services.bot_username}" if services.bot_username else "credbot"
    reply = Reply().add(bold(_("credbot in this group")))
    reply.add(
        _("Search: {command} followed by a topic, or mention me: {name} cybersecurity.").format(
            command=typed("search"), name=name
        )
    )
    reply.add(_("Reply to one of my messages to narrow a search or open a result by its number."))
    reply.add(_("Your wallet, your bundles and your data stay private: continue with me in private."))
    button = continue_in_private(services)
    return reply.row(button) if button else reply


def payload_for(services: Services, command: str, args: str = "") -> str:
    """The /start payload that opens in private what a group member asked for."""
    if command == "earn" and (number := credential_number(args)) is not None:
        return f"c_{number}"
    if command == "bundle" and args.strip():
        return "g_" + services.links.remember(BUNDLE, args.strip())
    return PRIVATE_COMMANDS.get(command, "")


def in_private(services: Services, payload: str) -> Reply:
    """A personal action asked in a group: nothing is done or shown there, a link opens it in
    private."""
    reply = Reply().add(_("That is between you and me: let's continue in private."))
    button = continue_in_private(services, payload)
    if button is None:
        return reply.add(_("Write to me in a private chat."))
    return reply.row(button)


def not_here() -> Reply:
    """A personal button pressed in a group (on an older message): a notice, nothing done."""
    return Reply(notice=_("Your wallet and your bundles are in our private chat: open credbot there."))

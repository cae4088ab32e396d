"""The commands learners type. Each has a name in every language (bot.language.packs), and every
name is always accepted."""

from __future__ import annotations

from dataclasses import dataclass

from bot.conversation.numbers import whole
from bot.i18n import N_, current_locale
from bot.language.packs import LANGUAGES, PACKS, pack


@dataclass(frozen=True)
class CommandSpec:
    key: str  # the command's name in the default language, and its key in the language packs
    description: str  # marked with N_, translated when menus are built
    handler: str  # the Conversation method that answers it
    in_menu: bool = True

    def name(self, locale: str) -> str:
        return pack(locale).commands.get(self.key, self.key)

    @property
    def names(self) -> tuple[str, ...]:
        """Its name in every language, each once, the default language's first."""
        return tuple(dict.fromkeys(self.name(code) for code in LANGUAGES))


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("start", N_("Start and see what I can do"), "cmd_start"),
    CommandSpec("search", N_("Search the catalogue"), "cmd_search"),
    CommandSpec("earned", N_("Your wallet: the credentials you earned"), "cmd_wallet"),
    CommandSpec("bundle", N_("Build a bundle for a goal"), "cmd_bundle"),
    CommandSpec("bundles", N_("My saved bundles"), "cmd_bundles"),
    CommandSpec("card", N_("An image card of your wallet, or of a saved bundle"), "cmd_card"),
    CommandSpec("share", N_("A read-only link to your wallet or a saved bundle"), "cmd_share"),
    CommandSpec("language", N_("Switch between English and French"), "cmd_language"),
    CommandSpec("email", N_("The email address your badges were issued to"), "cmd_email", in_menu=False),
    CommandSpec("help", N_("How to use the bot"), "cmd_help"),
    CommandSpec("privacy", N_("What I store about you"), "cmd_privacy"),
    CommandSpec("export", N_("Download all your data"), "cmd_export"),
    CommandSpec("forget", N_("Delete all your data"), "cmd_forget"),
    CommandSpec("manage", N_("Manage the groups and channels you administer"), "cmd_manage"),
    # For a chat's administrators: not in the learners' menu.
    CommandSpec(
        "digest",
        N_("New credentials posted to this chat on a schedule (administrators)"),
        "cmd_digest",
        in_menu=False,
    ),
    CommandSpec("stats", N_("Statistics of this chat (administrators)"), "cmd_stats", in_menu=False),
    CommandSpec("audit", N_("Who changed this chat's settings, catalogue and digests (administrators)"), "cmd_audit", in_menu=False),
    CommandSpec(
        "source", N_("The network's catalogue fetched from a web address (administrators)"), "cmd_source", in_menu=False
    ),
    # Typed equivalents of the buttons, for the console and screen readers.
    CommandSpec("open", N_("Open a credential by its number"), "cmd_open", in_menu=False),
    CommandSpec("earn", N_("Mark a credential as earned"), "cmd_earn", in_menu=False),
    CommandSpec("remove", N_("Remove a credential from your wallet"), "cmd_remove", in_menu=False),
    CommandSpec("page", N_("Show a page of the last results"), "cmd_page", in_menu=False),
)
BY_NAME = {name: spec for spec in COMMANDS for name in spec.names}
YES = frozenset(word for each in PACKS.values() for word in each.yes)
NO = frozenset(word for each in PACKS.values() for word in each.no)


def typed(command: str, *args: object) -> str:
    """A typed command in the learner's language: `typed("earn", 12)` → `/obtenu 12` in French."""
    return " ".join([f"/{BY_NAME[command].name(current_locale())}", *(str(arg) for arg in args)])


def credential_number(args: str) -> int | None:
    """`12` or `#12` → 12; InvalidNumber when too large (numbers.whole)."""
    return whole(args)

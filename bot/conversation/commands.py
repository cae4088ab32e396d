"""The commands learners type, with an English and a French name each (both always accepted)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import N_, current_locale


@dataclass(frozen=True)
class CommandSpec:
    en: str
    fr: str
    description: str  # marked with N_, translated when menus are built
    handler: str  # the Conversation method that answers it
    in_menu: bool = True

    def name(self, locale: str) -> str:
        return self.fr if locale == "fr" else self.en


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("start", "demarrer", N_("Start and see what I can do"), "cmd_start"),
    CommandSpec("search", "chercher", N_("Search the catalogue"), "cmd_search"),
    CommandSpec("earned", "acquis", N_("My credentials (wallet)"), "cmd_wallet"),
    CommandSpec("bundle", "parcours", N_("Build a bundle for a goal"), "cmd_bundle"),
    CommandSpec("language", "langue", N_("Switch between English and French"), "cmd_language"),
    CommandSpec("help", "aide", N_("How to use the bot"), "cmd_help"),
    CommandSpec("privacy", "confidentialite", N_("What I store about you"), "cmd_privacy"),
    CommandSpec("export", "exporter", N_("Download all your data"), "cmd_export"),
    CommandSpec("forget", "oublier", N_("Delete all your data"), "cmd_forget"),
    # Typed equivalents of the buttons, for the console and screen readers.
    CommandSpec("open", "ouvrir", N_("Open a credential by its number"), "cmd_open", in_menu=False),
    CommandSpec("earn", "obtenu", N_("Mark a credential as earned"), "cmd_earn", in_menu=False),
    CommandSpec("remove", "retirer", N_("Remove a credential from your wallet"), "cmd_remove", in_menu=False),
    CommandSpec("page", "page", N_("Show a page of the last results"), "cmd_page", in_menu=False),
)
BY_NAME = {name: spec for spec in COMMANDS for name in (spec.en, spec.fr)}


def typed(command: str, *args: object) -> str:
    """A typed command in the learner's language: `typed("earn", 12)` → `/obtenu 12` in French."""
    return " ".join([f"/{BY_NAME[command].name(current_locale())}", *(str(arg) for arg in args)])


def credential_number(args: str) -> int | None:
    """`12` or `#12` → 12."""
    token = args.strip().lstrip("#")
    return int(token) if token.isdigit() else None

"""The conversation core: every front end (Telegram, console) sends it what the learner did and
renders the Replies it returns. No transport code here."""

from __future__ import annotations

import json
import logging
import secrets
import tempfile
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from bot.bundles.planner import load_solver
from bot.bundles.solver import BundleSolver
from bot.conversation.learner_flows import LearnerFlows, unknown_credential
from bot.conversation.reply import Button, Document, Reply, bold, code, italic, link
from bot.domain.credential import CredentialRecord, pick
from bot.domain.limits import Limits
from bot.i18n import (
    N_,
    _,
    current_locale,
    format_hours,
    format_list,
    format_money,
    language_name,
    ngettext,
    resolve_locale,
    use_locale,
)
from bot.language.intents import detect_intent
from bot.search.index import SearchResult
from bot.store import chats, learners
from bot.store.catalogue_repo import catalogue_fingerprint, get_credential
from bot.store.db import Database
from bot.wallet import service as wallet

log = logging.getLogger(__name__)

PAGE_SIZE = 5
MAX_CALLBACK_BYTES = 64
DELIVERY_LABELS = {"online": N_("online"), "in_person": N_("in person"), "blended": N_("blended")}


class Searcher(Protocol):
    def search(
        self,
        query: str,
        *,
        locale: str = "en",
        limit: int = 10,
        offset: int = 0,
        filters: Limits | None = None,
    ) -> SearchResult: ...


@dataclass(frozen=True)
class Who:
    """Who is talking, as the front end knows it."""

    ref: str
    telegram_user_id: int | None = None
    language_code: str | None = None
    private: bool = True
    # The group or channel the message came from, and whether the sender may change its settings.
    chat_id: int | None = None
    chat_title: str | None = None
    is_admin: bool = False


@dataclass(frozen=True)
class InlineItem:
    """One inline-mode result: what the list shows and the message sent when it is chosen."""

    id: str
    title: str
    description: str
    message: Reply


INLINE_LIMIT = 20


@dataclass(frozen=True)
class CommandSpec:
    en: str
    fr: str
    description: str  # marked with N_, translated when menus are built
    handler: str
    in_menu: bool = True


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
_BY_NAME = {name: spec for spec in COMMANDS for name in (spec.en, spec.fr)}


def typed(command: str, *args: object) -> str:
    """A typed command in the learner's language: `typed("earn", 12)` → `/obtenu 12` in French."""
    spec = _BY_NAME[command]
    name = spec.fr if current_locale() == "fr" else spec.en
    return " ".join([f"/{name}", *(str(arg) for arg in args)])


def callback(*parts: object) -> str:
    data = "v1:" + ":".join(str(part) for part in parts)
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data too long: {data!r}")
    return data


def describe_filters(filters: Limits, only: list[str] | None = None) -> list[str]:
    """The filters in use, in the learner's words: `online`, `at most 20 hours`, …"""
    wanted = set(filters.active() if only is None else only)
    described: list[str] = []
    if "online" in wanted and filters.online:
        described.append(_("online"))
    if "taught_in" in wanted and filters.taught_in:
        described.append(_("taught in {language}").format(language=language_name(filters.taught_in)))
    if "free" in wanted and filters.free:
        described.append(_("free"))
    if "max_hours" in wanted and filters.max_hours is not None:
        described.append(_("at most {hours}").format(hours=format_hours(filters.max_hours)))
    if "max_cost" in wanted and filters.max_cost is not None:
        described.append(_("at most {cost}").format(cost=format_money(filters.max_cost)))
    if "provider" in wanted and filters.provider:
        described.append(_("from {provider}").format(provider=filters.provider))
    return described


class RecentSearches:
    """Queries behind result pages, so that a ◀ ▶ button carries a short id, never user text.

    Kept in memory: after a restart an old page button answers that the list expired."""

    def __init__(self, capacity: int = 5000) -> None:
        self._items: OrderedDict[str, str] = OrderedDict()
        self._capacity = capacity

    def remember(self, query: str) -> str:
        key = secrets.token_urlsafe(6)
        self._items[key] = query
        if len(self._items) > self._capacity:
            self._items.popitem(last=False)
        return key

    def recall(self, key: str) -> str | None:
        return self._items.get(key)


@dataclass
class Services:
    db: Database
    search: Searcher
    bot_username: str | None = None
    admin_ids: frozenset[int] = frozenset()
    recent: RecentSearches = field(default_factory=RecentSearches)
    last_query: dict[str, str] = field(default_factory=dict)

    _solver: BundleSolver | None = None
    _solver_fingerprint: object = None

    def catalogue_changed(self) -> None:
        """After an import: cached indexes are rebuilt on next use."""
        invalidate = getattr(self.search, "invalidate", None)
        if callable(invalidate):
            invalidate()
        self._solver = None

    def bundle_solver(self) -> BundleSolver:
        """The bundle solver over the current catalogue, rebuilt when the catalogue changed."""
        with self.db.session() as session:
            fingerprint = catalogue_fingerprint(session)
            if self._solver is None or fingerprint != self._solver_fingerprint:
                self._solver = load_solver(session)
                self._solver_fingerprint = fingerprint
        return self._solver


class Conversation(LearnerFlows):
    MAX_UPLOAD_BYTES = 2 * 1024 * 1024

    def __init__(self, services: Services) -> None:
        self.services = services

    # ---- entry points: each resolves the locale, then answers in it ----

    def locale_for(self, who: Who) -> str:
        with self.services.db.session() as session:
            learner = learners.find_learner(session, who.ref)
            saved = learner.locale if learner else None
            chat = chats.find_chat(session, who.chat_id) if who.chat_id and not who.private else None
            chat_locale = chat.locale if chat else None
        return resolve_locale(saved, chat_locale, who.language_code)

    def _in_locale(self, who: Who, answer: Callable[[], list[Reply]]) -> list[Reply]:
        with use_locale(self.locale_for(who)):
            return answer()

    def start(self, who: Who, payload: str = "") -> list[Reply]:
        return self._in_locale(who, lambda: self._start(who, payload))

    def text(self, who: Who, text: str) -> list[Reply]:
        return self._in_locale(who, lambda: self._text(who, text))

    def command(self, who: Who, name: str, args: str = "") -> list[Reply]:
        spec = _BY_NAME.get(name.lower())
        if spec is None:
            return self._in_locale(who, lambda: [self._unknown_command(name)])
        handler: Callable[[Who, str], list[Reply]] = getattr(self, spec.handler)
        return self._in_locale(who, lambda: handler(who, args.strip()))

    def button(self, who: Who, data: str) -> list[Reply]:
        return self._in_locale(who, lambda: self._button(who, data))

    def inline(self, who: Who, query: str, offset: int = 0) -> tuple[list[InlineItem], int | None]:
        """Results for `@bot query` in any chat; the next offset when there are more."""
        with use_locale(self.locale_for(who)):
            if not query.strip():
                return [], None
            result = self.services.search.search(
                query, locale=current_locale(), limit=INLINE_LIMIT, offset=offset
            )
            items = []
            for hit in result.hits:
                credential = hit.credential
                message = Reply().add(bold(self._title(credential))).add(self._summary(credential))
                deep_link = self.share_link(f"c_{credential.id}")
                if deep_link:
                    message.row(Button(_("Open in credbot"), callback("o", credential.id), url=deep_link))
                items.append(
                    InlineItem(
                        str(credential.id), self._title(credential), self._summary(credential), message
                    )
                )
            more = offset + INLINE_LIMIT < result.total
            return items, (offset + INLINE_LIMIT if more else None)

    def chat_migrated(self, old_id: int, new_id: int) -> None:
        with self.services.db.session() as session:
            chats.migrate_chat(session, old_id, new_id)

    def document(self, who: Who, filename: str, content: bytes, caption: str = "") -> list[Reply]:
        """A file sent to the bot: a catalogue from a configured administrator, else an earned badge."""
        if len(content) > self.MAX_UPLOAD_BYTES:
            return self.document_too_large(who)
        if self._catalogue_upload(who, filename, content, caption):
            return self._in_locale(who, lambda: [self._import_catalogue(filename, content)])
        return self._in_locale(who, lambda: [self._import_badge(who, filename, content)])

    def _catalogue_upload(self, who: Who, filename: str, content: bytes, caption: str) -> bool:
        if who.telegram_user_id is None or who.telegram_user_id not in self.services.admin_ids:
            return False
        if "import" in caption.lower():
            return True
        from bot.catalogue.importer import detect_format

        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            return False
        fmt, _data = detect_format(Path(filename or "upload"), text)
        return fmt in ("ctdl", "csv")

    def _import_catalogue(self, filename: str, content: bytes) -> Reply:
        """All or nothing, like `credbot import`: the problems are listed, or what changed."""
        from bot.catalogue.cli import MAX_PROBLEMS_SHOWN, summary
        from bot.catalogue.importer import import_files

        safe_name = Path(filename).name or "catalogue"
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / safe_name
            path.write_bytes(content)
            report = import_files(self.services.db, [path])
        if report.ok:
            self.services.catalogue_changed()
            return Reply().add("✅ ", _("Catalogue imported: {summary}").format(summary=summary(report)))
        shown = report.problems[:MAX_PROBLEMS_SHOWN]
        reply = Reply().add(bold(_("Nothing was imported: the file has problems.")))
        for problem in shown:
            where = ", ".join(part for part in (problem.record, problem.field) if part)
            reply.add("• ", code(where) if where else "", " " if where else "", problem.message)
        hidden = len(report.problems) - len(shown)
        if hidden > 0:
            reply.add(_("… and {count} more").format(count=hidden))
        return reply

    def document_too_large(self, who: Who) -> list[Reply]:
        return self._in_locale(
            who, lambda: [Reply().add(_("This file is larger than 2 MB; I can't read it."))]
        )

    # ---- commands ----

    def cmd_start(self, who: Who, args: str) -> list[Reply]:
        return self._start(who, args)

    def cmd_help(self, who: Who, args: str) -> list[Reply]:
        reply = Reply().add(bold(_("How to use credbot"))).blank()
        reply.add(
            _(
                "Type what you want to learn, in English or French: “data analytics”, “cybersécurité”, “comptabilité en ligne”."
            )
        )
        reply.add(_("Add limits in words: “online”, “in French”, “free”, “under 20 hours”, “under $300”."))
        reply.blank().add(bold(_("Commands")))
        for spec in COMMANDS:
            names = f"/{spec.en}" if spec.en == spec.fr else f"/{spec.en} · /{spec.fr}"
            reply.add(f"{names} — ", _(spec.description))
        return [reply.row(*self._menu_buttons(who))]

    def cmd_search(self, who: Who, args: str) -> list[Reply]:
        if not args:
            return [
                Reply().add(
                    _(
                        "What would you like to learn? Type a topic, for example “project management” or “soins palliatifs”."
                    )
                )
            ]
        return [self._search(who, args)]

    def cmd_page(self, who: Who, args: str) -> list[Reply]:
        query = self.services.last_query.get(who.ref)
        if not query or not args.isdigit() or int(args) < 1:
            return [Reply().add(_("Search first, then ask for a page, for example /page 2."))]
        return [self._search(who, query, page=int(args) - 1)]

    def cmd_open(self, who: Who, args: str) -> list[Reply]:
        credential_id = self._credential_id(args)
        if credential_id is None:
            return [Reply().add(_("Give the credential's number, for example /open 12."))]
        return [self._card(who, credential_id)]

    def cmd_earn(self, who: Who, args: str) -> list[Reply]:
        credential_id = self._credential_id(args)
        if credential_id is None:
            return [Reply().add(_("Give the credential's number, for example /earn 12."))]
        return [self._earn(who, credential_id)]

    def cmd_remove(self, who: Who, args: str) -> list[Reply]:
        credential_id = self._credential_id(args)
        if credential_id is None:
            return [Reply().add(_("Give the credential's number, for example /remove 12."))]
        return [self._unearn(who, credential_id)]

    def cmd_wallet(self, who: Who, args: str) -> list[Reply]:
        return [self._wallet(who)]

    def cmd_bundle(self, who: Who, args: str) -> list[Reply]:
        return [self._bundle(who, args)]

    def cmd_language(self, who: Who, args: str) -> list[Reply]:
        choice = args.strip().lower()[:2]
        if not who.private and who.chat_id is not None:
            return [self._set_chat_language(who, choice)]
        if choice in ("en", "fr"):
            return [self._set_language(who, choice)]
        return [
            Reply()
            .add(_("Choose your language."))
            .row(
                Button("Français", callback("lang", "fr"), typed("language", "fr")),
                Button("English", callback("lang", "en"), typed("language", "en")),
            )
        ]

    def cmd_privacy(self, who: Who, args: str) -> list[Reply]:
        reply = Reply().add(bold(_("Your data"))).blank()
        reply.add(
            _(
                "I store your language choice, the credentials you mark as earned and the bundles you save, nothing else."
            )
        )
        reply.add(
            _(
                "Your messages are not kept. /export sends you everything I store; /forget deletes it for good."
            )
        )
        return [reply]

    def cmd_export(self, who: Who, args: str) -> list[Reply]:
        from bot.wallet.service import export_learner

        with self.services.db.session() as session:
            data = export_learner(session, who.ref)
        content = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()
        return [
            Reply(
                document=Document(
                    "credbot-my-data.json", content, caption=_("Everything credbot stores about you.")
                )
            )
        ]

    def cmd_forget(self, who: Who, args: str) -> list[Reply]:
        return (
            [
                Reply()
                .add(bold(_("Delete all your data?")))
                .add(
                    _(
                        "Your wallet, your bundles and your settings will be deleted for good. This cannot be undone."
                    )
                )
                .row(
                    Button(_("Yes, delete everything"), callback("forget", "yes"), typed("forget", _("yes"))),
                    Button(_("No, keep it"), callback("forget", "no"), typed("forget", _("no"))),
                )
            ]
            if args.lower() not in ("yes", "oui", "no", "non")
            else [self._forget(who, args.lower() in ("yes", "oui"))]
        )

    # ---- flows ----

    def _start(self, who: Who, payload: str) -> list[Reply]:
        if payload.startswith("c_") and payload[2:].isdigit():
            return [self._card(who, int(payload[2:]))]
        if payload.startswith("b_"):
            return [self._shared_bundle(who, payload[2:])]
        reply = Reply().add(bold(_("Welcome to credbot!")))
        reply.add(_("I help you find micro-credentials from many providers, in English and in French."))
        reply.add(_("Keep track of the ones you earn and get the best bundle of credentials for your goal."))
        reply.blank().add(_("Type a topic to search, or choose below."))
        return [reply.row(*self._menu_buttons(who)[:2]).row(*self._menu_buttons(who)[2:])]

    def _menu_buttons(self, who: Who) -> list[Button]:
        other = (
            Button("English", callback("lang", "en"), typed("language", "en"))
            if current_locale() == "fr"
            else Button("Français", callback("lang", "fr"), typed("language", "fr"))
        )
        return [
            Button("🔎 " + _("Search"), callback("menu", "search"), typed("search")),
            Button("🎒 " + _("My credentials"), callback("menu", "wallet"), typed("earned")),
            Button("🧩 " + _("Build a bundle"), callback("menu", "bundle"), typed("bundle")),
            other,
        ]

    def _text(self, who: Who, text: str) -> list[Reply]:
        intent = detect_intent(text)
        if intent.kind == "help":
            return self.cmd_help(who, "")
        if intent.kind == "start":
            return self._start(who, "")
        if intent.kind == "language":
            return [self._set_language(who, intent.rest)]
        if intent.kind == "privacy":
            return self.cmd_privacy(who, "")
        if intent.kind == "wallet":
            return [self._wallet(who)]
        if intent.kind == "bundle":
            return [self._bundle(who, intent.rest)]
        if not intent.rest:
            return self.cmd_search(who, "")
        return [self._search(who, intent.rest)]

    def _unknown_command(self, name: str) -> Reply:
        return Reply().add(
            _("I don't know the command /{name}. Type /help to see what I can do.").format(name=name)
        )

    def _button(self, who: Who, data: str) -> list[Reply]:
        parts = data.split(":")
        if len(parts) < 2 or parts[0] != "v1":
            return [Reply(notice=_("This button has expired. Please start again with /start."))]
        action, args = parts[1], parts[2:]
        try:
            return self._dispatch_button(who, action, args)
        except (ValueError, IndexError):
            log.warning("malformed callback data %r", data)
            return [Reply(notice=_("This button has expired. Please start again with /start."))]

    def _dispatch_button(self, who: Who, action: str, args: list[str]) -> list[Reply]:
        if action == "p":
            query = self.services.recent.recall(args[0])
            if query is None:
                return [Reply(notice=_("These results have expired. Please search again."))]
            return [self._search(who, query, page=int(args[1]), key=args[0], replace=True)]
        if action in ("o", "e", "u"):
            credential_id = int(args[0])
            back = (args[1], int(args[2])) if len(args) >= 3 else None
            notice = None
            if action == "e":
                notice = self._earn(who, credential_id).plain_text()
            elif action == "u":
                notice = self._unearn(who, credential_id).plain_text()
            return [self._card(who, credential_id, back=back, replace=True, notice=notice)]
        if action == "lang":
            return [self._set_language(who, args[0])]
        if action == "menu":
            target = args[0]
            if target == "wallet":
                return [self._wallet(who)]
            if target == "bundle":
                return [self._bundle(who, "")]
            return self.cmd_search(who, "")
        if action == "forget":
            return [self._forget(who, args[0] == "yes", replace=True)]
        return self._bundle_button(who, action, args)

    def _search(
        self, who: Who, query: str, page: int = 0, key: str | None = None, replace: bool = False
    ) -> Reply:
        result = self.services.search.search(
            query, locale=current_locale(), limit=PAGE_SIZE, offset=page * PAGE_SIZE
        )
        self.services.last_query[who.ref] = query
        if result.total == 0:
            return self._no_results(query, result)
        key = key or self.services.recent.remember(query)
        pages = (result.total + PAGE_SIZE - 1) // PAGE_SIZE
        if page >= pages:
            # "/page 9" past the end (or a catalogue that shrank): show the last page.
            page = pages - 1
            result = self.services.search.search(
                query, locale=current_locale(), limit=PAGE_SIZE, offset=page * PAGE_SIZE
            )
        first = page * PAGE_SIZE + 1
        reply = Reply(replace=replace)
        reply.add(
            bold(
                ngettext(
                    "{count} result for “{query}”",
                    "{count} results for “{query}”",
                    result.total,
                ).format(count=result.total, query=query)
            )
        )
        understood = describe_filters(result.understood)
        if understood:
            reply.add(italic(_("Limits understood: {limits}").format(limits=format_list(understood))))
        if pages > 1:
            reply.add(italic(_("Page {page} of {pages}").format(page=page + 1, pages=pages)))
        numbers: list[Button] = []
        for number, hit in enumerate(result.hits, start=first):
            credential = hit.credential
            reply.blank().add(f"{number}. ", bold(self._title(credential)))
            reply.add("    ", self._summary(credential))
            numbers.append(
                Button(str(number), callback("o", credential.id, key, page), typed("open", credential.id))
            )
        reply.row(*numbers)
        nav: list[Button] = []
        if page > 0:
            nav.append(Button("◀ " + _("Previous"), callback("p", key, page - 1), typed("page", page)))
        if page < pages - 1:
            nav.append(Button(_("Next") + " ▶", callback("p", key, page + 1), typed("page", page + 2)))
        return reply.row(*nav)

    def _no_results(self, query: str, result: SearchResult) -> Reply:
        reply = Reply().add(_("I found nothing for “{query}”.").format(query=query))
        limits = describe_filters(result.filters)
        blocking = describe_filters(result.filters, only=result.drop_filters)
        if blocking:
            reply.add(
                _("Without these limits there would be results: {limits}.").format(
                    limits=format_list(blocking)
                )
            )
        elif limits:
            reply.add(
                _("Nothing matches all these limits at once: {limits}.").format(limits=format_list(limits))
            )
        elif result.suggestions:
            reply.add(_("Did you mean: {terms}?").format(terms=format_list(result.suggestions, style="or")))
        reply.add(_("Try fewer or more general words, or remove a limit such as “online” or “free”."))
        return reply

    @staticmethod
    def _title(credential: CredentialRecord) -> str:
        return pick(credential.name, current_locale())

    def _summary(self, credential: CredentialRecord) -> str:
        locale = current_locale()
        parts: list[str] = []
        if credential.provider:
            parts.append(pick(credential.provider.name, locale))
        parts.append(format_hours(credential.hours))
        parts.append(format_money(credential.cost, credential.currency))
        if credential.languages:
            parts.append(format_list([language_name(code) for code in credential.languages]))
        if credential.delivery in DELIVERY_LABELS:
            parts.append(_(DELIVERY_LABELS[credential.delivery]))
        return " · ".join(parts)

    def _card(
        self,
        who: Who,
        credential_id: int,
        back: tuple[str, int] | None = None,
        replace: bool = False,
        notice: str | None = None,
    ) -> Reply:
        with self.services.db.session() as session:
            credential = get_credential(session, credential_id)
            earned = credential is not None and wallet.holds(session, who.ref, credential.external_id)
        if credential is None:
            missing = unknown_credential(credential_id)
            missing.notice = notice
            return missing
        locale = current_locale()
        reply = Reply(replace=replace, notice=notice)
        reply.add(bold(self._title(credential)))
        reply.add(self._summary(credential))
        description = pick(credential.description, locale)
        if description:
            reply.blank().add(description)
        skills = [pick(skill.label, locale) for skill in credential.skills]
        if skills:
            reply.blank().add(_("Skills: {skills}").format(skills=format_list(skills)))
        if credential.url:
            reply.add(link(_("Provider's page"), credential.url))
        if earned:
            reply.blank().add("✅ ", _("You have earned this credential."))
        reply.add(italic(_("Number {id}").format(id=credential.id)))
        back_code: tuple[object, ...] = back or ()
        earn = (
            Button(
                "✖ " + _("Remove from wallet"),
                callback("u", credential.id, *back_code),
                typed("remove", credential.id),
            )
            if earned
            else Button(
                "✅ " + _("I earned it"),
                callback("e", credential.id, *back_code),
                typed("earn", credential.id),
            )
        )
        reply.row(
            earn,
            Button(
                "➕ " + _("Add to bundle"),
                callback("ba", credential.id),
                typed("bundle", _("add"), credential.id),
            ),
        )
        share_url = self.share_link(f"c_{credential.id}")
        second = (
            [Button("🔗 " + _("Share"), callback("sh", credential.id), url=share_url)] if share_url else []
        )
        if back:
            second.append(
                Button(
                    "↩ " + _("Back to results"), callback("p", back[0], back[1]), typed("page", back[1] + 1)
                )
            )
        return reply.row(*second)

    def share_link(self, payload: str) -> str | None:
        if not self.services.bot_username:
            return None
        return f"https://t.me/{self.services.bot_username}?start={payload}"

    def _set_language(self, who: Who, locale: str) -> Reply:
        with self.services.db.session() as session:
            learners.set_locale(session, who.ref, locale)
        with use_locale(locale):
            reply = Reply().add(
                _("I will speak English with you.") if locale == "en" else _("I will speak French with you.")
            )
            return reply.row(*self._menu_buttons(who))

    def _set_chat_language(self, who: Who, locale: str) -> Reply:
        """In a group, /language sets the group's language: an administrators' decision."""
        assert who.chat_id is not None
        if not who.is_admin:
            return Reply().add(_("Only the group's administrators can change its language."))
        if locale not in ("en", "fr"):
            return Reply().add(_("Write /language en or /langue fr to choose this group's language."))
        with self.services.db.session() as session:
            chats.set_chat_locale(session, who.chat_id, locale, title=who.chat_title)
        with use_locale(locale):
            return Reply().add(
                _("This group's language is now English.")
                if locale == "en"
                else _("This group's language is now French.")
            )

    def _forget(self, who: Who, confirmed: bool, replace: bool = False) -> Reply:
        if not confirmed:
            return Reply(replace=replace).add(_("Nothing was deleted."))
        with self.services.db.session() as session:
            learners.forget_learner(session, who.ref)
        self.services.last_query.pop(who.ref, None)
        return Reply(replace=replace).add(_("Done: everything I stored about you has been deleted."))

    @staticmethod
    def _credential_id(args: str) -> int | None:
        token = args.strip().lstrip("#")
        return int(token) if token.isdigit() else None

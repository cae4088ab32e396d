"""The conversation's front door: every front end (Telegram, console) hands it what the learner
did, in the learner's locale, and renders the Replies it returns. No transport code here."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from bot.community.links import BUNDLE, SEARCH
from bot.community.statistics import parse_digest_payload
from bot.conversation import (
    account_flow,
    audit_flow,
    bundle_flow,
    chat_flow,
    cover,
    digest_flow,
    email_flow,
    flood,
    group_flow,
    manage_flow,
    membership_flow,
    proof_flow,
    search_flow,
    share_flow,
    source_flow,
    stats_flow,
    wallet_flow,
)
from bot.conversation import callbacks as cb
from bot.conversation.cards import credential_card, menu_buttons
from bot.conversation.catalogue_flow import (
    import_catalogue,
    is_catalogue_upload,
    network_chosen,
    network_upload,
    upload_pressed,
)
from bot.conversation.commands import BY_NAME, NO, YES, credential_number
from bot.conversation.context import Services, Shown, Who
from bot.conversation.numbers import InvalidNumber, is_number, whole
from bot.conversation.reply import Reply
from bot.conversation.rights_flow import ProofNeeded
from bot.conversation.search_flow import InlineItem
from bot.domain.outbox import OutboxItem
from bot.domain.proof import PendingAction
from bot.i18n import SUPPORTED, _, language_name, resolve_locale, use_locale
from bot.language.detect import detect_message_language

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


# Buttons that work in a group (the others are personal: wallet, bundles, language).
GROUP_BUTTONS = (cb.ResultsPage, cb.OpenCard, cb.ShareCard, cb.AuditPage, cb.ProveAdmin)


def _in_place(reply: Reply) -> Reply:
    """A menu or language button edits the message it is on rather than posting a new one."""
    reply.replace = True
    return reply


def _checked(answer: Callable[[], Reply]) -> Reply:
    """The answer, or "that number is not valid" when it named a number larger than any id."""
    try:
        return answer()
    except InvalidNumber:
        return Reply().add(_("That number is not valid: it is larger than any number I know."))


def _expired() -> Reply:
    return Reply(notice=_("This button has expired. Please start again with /start."))


class Conversation:
    MAX_UPLOAD_BYTES = MAX_UPLOAD_BYTES

    def __init__(self, services: Services) -> None:
        self.services = services

    # ---- entry points: each resolves the locale, then answers in it ----

    def locale_for(self, who: Who, heard: str = "") -> str:
        """In private, the learner's choice, else their Telegram language. In a group, the
        group's language for everyone (`heard`: what the member wrote, a hint while nothing
        else tells the group's language)."""
        if not who.in_group:
            saved, _chat = self.services.account.locales(who.ref)
            return resolve_locale(saved, None, who.language_code)
        return resolve_locale(None, self._group_locale(who, text=heard), None)

    def _in_locale(self, who: Who, answer: Callable[[], list[Reply]], heard: str = "") -> list[Reply]:
        with use_locale(self.locale_for(who, heard)):
            return answer()

    def start(self, who: Who, payload: str = "") -> list[Reply]:
        return self._in_locale(who, lambda: [_checked(lambda: self._start(who, payload))])

    def text(self, who: Who, text: str) -> list[Reply]:
        switched = self._language_heard(who, text)
        replies = self._in_locale(
            who, lambda: [self._or_proof(who, "text", "", text, lambda: self._text(who, text))], heard=text
        )
        if switched:
            with use_locale(switched):
                said = _(
                    "I'm answering in {language}, the language of your message: /language to change."
                ).format(language=language_name(switched))
            replies[0].lines[:0] = [(said,), ()]
        return replies

    def _language_heard(self, who: Who, text: str) -> str | None:
        """A learner who never chose a language and writes clearly in the other one (a French
        speaker on an English phone, or in an English terminal) is answered in it from then on:
        the language saved as theirs, until they choose another. None when nothing changes."""
        if who.in_group:
            return None
        heard = detect_message_language(text)
        if heard is None or heard == resolve_locale(None, None, who.language_code):
            return None  # most messages: the store is not asked
        saved, _chat = self.services.account.locales(who.ref)
        if saved is not None:
            return None
        self.services.account.set_language(who.ref, heard)
        return heard

    def hello(self, who: Who) -> list[Reply]:
        """The bot mentioned with nothing else said."""
        return self._in_locale(who, lambda: [search_flow.ask_what()])

    def command(self, who: Who, name: str, args: str = "") -> list[Reply]:
        spec = BY_NAME.get(name.lower())
        if spec is None:
            return self._in_locale(who, lambda: [self._unknown_command(name)])
        handler: Callable[[Who, str], Reply] = getattr(self, spec.handler)
        if who.in_group and spec.key in group_flow.PRIVATE_COMMANDS:
            return self._in_locale(
                who,
                lambda: [
                    group_flow.in_private(
                        self.services, group_flow.payload_for(self.services, spec.key, args)
                    )
                ],
            )
        return self._in_locale(
            who,
            lambda: [
                self._or_proof(who, "command", spec.key, args.strip(), lambda: handler(who, args.strip()))
            ],
            heard=args,
        )

    def _or_proof(self, who: Who, kind: str, name: str, args: str, answer: Callable[[], Reply]) -> Reply:
        """The answer; for an anonymous administrator's action that needs a right, the action
        held and a button for an administrator to prove themselves (proof_flow)."""
        try:
            return _checked(answer)
        except ProofNeeded as needed:
            return proof_flow.ask(self.services, who, needed.right, kind, name, args)

    def _replay(self, who: Who, action: PendingAction) -> Reply:
        """What an anonymous administrator asked, run as the administrator who proved it."""
        if action.kind == "text":
            return self._text(who, action.args)
        handler: Callable[[Who, str], Reply] = getattr(self, BY_NAME[action.name].handler)
        return handler(who, action.args)

    def button(self, who: Who, data: str) -> list[Reply]:
        return self._in_locale(who, lambda: [_checked(lambda: self._button(who, data))])

    def inline(self, who: Who, query: str, offset: int = 0) -> tuple[list[InlineItem], int | None]:
        """Results for `@bot query` in any chat; the next offset when there are more."""
        with use_locale(self.locale_for(who)):
            return search_flow.inline(self.services, query, offset)

    def _group_locale(self, who: Who, *, text: str = "", adding: bool = False) -> str | None:
        """The group's language, learning from who speaks or added the bot (account.group_locale)."""
        assert who.chat_id is not None
        return self.services.account.group_locale(
            who.chat_id,
            kind=who.chat_kind or "group",
            title=who.chat_title,
            user_id=who.telegram_user_id,
            language_code=who.language_code,
            text=text,
            adding=adding,
        )

    def bot_added(self, who: Who) -> None:
        """The bot was added to a group by `who`: their language may become the group's."""
        if who.in_group:
            self._group_locale(who, adding=True)

    def bot_membership(
        self, who: Who, old: membership_flow.BotStanding, new: membership_flow.BotStanding, event: int
    ) -> membership_flow.Said:
        """`who` added, removed, promoted or demoted the bot in their group or channel: the
        greeting (in the chat's language) and the managers' notices (membership_flow)."""
        if who.chat_id is None:
            return membership_flow.Said()
        return membership_flow.changed(self.services, who, old, new, event)

    def tick(self, now: dt.datetime) -> None:
        """The clock: each periodic job runs (one failing is logged; the others still run),
        then paused chats where the bot may post again get their messages back in the queue."""
        for job in list(self.services.periodic):
            try:
                job(now)
            except Exception:
                log.exception("periodic job %r failed", job)
        try:
            self.services.outbox.resume_ready()
        except Exception:
            log.exception("could not resume paused chats")

    def topic_gone(self, item: OutboxItem) -> None:
        """Telegram said `item`'s forum topic does not exist (deleted): it and what else waits
        for that topic go to General, the digest posting there moves to General (audit log),
        and the chat's managers are told once in private how to choose another topic."""
        moved = self.services.outbox.topic_gone(item)
        log.info(
            "topic %s of chat %s is gone: %s message(s) go to General", item.thread_id, item.chat_id, moved
        )
        if item.thread_id is not None:
            digest_flow.topic_gone(self.services, item.chat_id, item.thread_id, self.services.outbox.clock())

    def claim_update(self, bot_id: int, update_id: int) -> bool:
        """True when this update is to be handled here: the first delivery of it to any worker,
        before or after a restart (a re-delivery, or one being handled elsewhere, is False)."""
        return self.services.state.claim_update(bot_id, update_id)

    def handle_update_once(
        self, bot_id: int, update_id: int, call: Callable[..., list[Reply]], *args: Any
    ) -> list[Reply] | None:
        """`call(*args)` and the update's claim, committed together (one transaction); None when
        the update was handled before or is being handled elsewhere (nothing was done)."""
        once = self.services.state.handle_once(bot_id, update_id, lambda: call(*args))
        return None if once is None else once.result

    def update_taken(self, bot_id: int, update_id: int) -> bool:
        return self.services.state.update_taken(bot_id, update_id)

    def finish_unclaimed_update(self, bot_id: int, update_id: int) -> None:
        self.services.state.finish_unclaimed_update(bot_id, update_id)

    def finish_update(self, bot_id: int, update_id: int) -> None:
        self.services.state.finish_update(bot_id, update_id)

    def release_unfinished_updates(self, bot_id: int) -> int:
        return self.services.state.release_unfinished(bot_id)

    def keep_polled_updates(self, bot_id: int, updates: list[tuple[int, dict[str, Any]]]) -> None:
        """A batch fetched by the poller, kept in the store before it is confirmed to Telegram."""
        self.services.state.keep_polled(bot_id, updates)

    def polled_unhandled_updates(self, bot_id: int) -> list[dict[str, Any]]:
        """The updates a killed poller fetched and did not finish handling, to handle at start."""
        return self.services.state.polled_unhandled(bot_id)

    def topic_named(self, chat_id: int, thread_id: int, name: str) -> None:
        """A forum topic was created or renamed: its name, for the managers' messages."""
        if name.strip():
            self.services.account.name_topic(chat_id, thread_id, name.strip())

    def chat_migrated(self, old_id: int, new_id: int) -> None:
        """A group became supergroup `new_id`: every row of the old id moves, in one transaction
        (settings, managers, digests, outbox, statistics, audit log, pending actions, uploads)."""
        if old_id != new_id:
            self.services.account.chat_migrated(old_id, new_id)

    def document(self, who: Who, filename: str, content: bytes, caption: str = "") -> list[Reply]:
        """A file sent to the bot: a catalogue from a network's manager (a dry run to confirm) or
        from a configured administrator, else an earned badge."""
        if len(content) > MAX_UPLOAD_BYTES:
            return self.document_too_large(who)
        with use_locale(self.locale_for(who)):
            dry_run = network_upload(self.services, who, filename, content, caption)
        if dry_run is not None:
            return [dry_run]
        if is_catalogue_upload(self.services, who, filename, content, caption):
            return self._in_locale(who, lambda: [import_catalogue(self.services, filename, content)])
        return self._in_locale(who, lambda: [wallet_flow.import_badge(self.services, who, filename, content)])

    def photo(self, who: Who) -> list[Reply]:
        """An image sent as a photo: Telegram re-encodes photos, which drops a baked badge."""
        return self._in_locale(
            who,
            lambda: [
                Reply().add(
                    _(
                        "Telegram removes what is baked in an image sent as a photo. To add a badge image "
                        "to your wallet, send it as a file (📎, then File) instead."
                    )
                )
            ],
        )

    def slow_down(self, who: Who) -> list[Reply]:
        """Told once to a learner whose updates are dropped for flooding (flood.FloodLimits)."""
        return self._in_locale(who, lambda: [flood.slow_down()])

    def document_too_large(self, who: Who) -> list[Reply]:
        return self._in_locale(
            who, lambda: [Reply().add(_("This file is larger than 2 MB; I can't read it."))]
        )

    # ---- commands ----

    def cmd_start(self, who: Who, args: str) -> Reply:
        return self._start(who, args)

    def cmd_help(self, who: Who, args: str) -> Reply:
        if who.in_group:
            return group_flow.group_help(self.services)
        return account_flow.help_reply()

    def cmd_search(self, who: Who, args: str) -> Reply:
        return search_flow.search(self.services, who, args) if args else search_flow.ask_what()

    def cmd_page(self, who: Who, args: str) -> Reply:
        return search_flow.typed_page(self.services, who, args)

    def _numbered(self, args: str, example: str, answer: Callable[[int], Reply]) -> Reply:
        number = credential_number(args)
        if number is None:
            return Reply().add(example)
        return answer(number)

    def cmd_open(self, who: Who, args: str) -> Reply:
        return self._numbered(
            args,
            _("Give the credential's number, for example /open 12."),
            lambda n: credential_card(self.services, who, n),
        )

    def cmd_earn(self, who: Who, args: str) -> Reply:
        return self._numbered(
            args,
            _("Give the credential's number, for example /earn 12."),
            lambda n: wallet_flow.earn(self.services, who, n),
        )

    def cmd_remove(self, who: Who, args: str) -> Reply:
        return wallet_flow.remove_typed(self.services, who, args)

    def cmd_wallet(self, who: Who, args: str) -> Reply:
        return wallet_flow.show_wallet(self.services, who)

    def cmd_bundle(self, who: Who, args: str) -> Reply:
        return self._bundle_shown(who, bundle_flow.bundle(self.services, who, args))

    def cmd_share(self, who: Who, args: str) -> Reply:
        return share_flow.share_command(self.services, who, args)

    def cmd_email(self, who: Who, args: str) -> Reply:
        return email_flow.email_command(self.services, who, args)

    def cmd_card(self, who: Who, args: str) -> Reply:
        return cover.card_command(self.services, who, args)

    def cmd_bundles(self, who: Who, args: str) -> Reply:
        return bundle_flow.bundles_command(self.services, who, args)

    def cmd_language(self, who: Who, args: str) -> Reply:
        choice = args.strip().lower()[:2]
        if not who.private and who.chat_id is not None:
            return account_flow.set_chat_language(self.services, who, choice)
        for_chat = manage_flow.language_typed(self.services, who, args)  # `/language -100… fr`
        if for_chat is not None:
            return for_chat
        if choice in SUPPORTED:
            return account_flow.set_language(self.services, who, choice)
        if choice:  # `/language xx`: not one of ours, nothing saved
            return account_flow.unknown_language()
        return account_flow.choose_language()

    def cmd_privacy(self, who: Who, args: str) -> Reply:
        return account_flow.privacy(who)

    def cmd_export(self, who: Who, args: str) -> Reply:
        return account_flow.export(self.services, who)

    def cmd_forget(self, who: Who, args: str) -> Reply:
        answer = args.lower()
        if answer not in YES | NO:
            return account_flow.ask_forget()
        return account_flow.forget(self.services, who, answer in YES)

    def cmd_digest(self, who: Who, args: str) -> Reply:
        return digest_flow.digest_command(self.services, who, args)

    def cmd_stats(self, who: Who, args: str) -> Reply:
        return stats_flow.stats(self.services, who, args)

    def cmd_audit(self, who: Who, args: str) -> Reply:
        return audit_flow.audit(self.services, who, args)

    def cmd_manage(self, who: Who, args: str) -> Reply:
        return manage_flow.manage_command(self.services, who, args)

    def cmd_source(self, who: Who, args: str) -> Reply:
        return source_flow.source_command(self.services, who, args)

    # ---- free text and buttons ----

    def _start(self, who: Who, payload: str) -> Reply:
        services = self.services
        if who.in_group:
            return group_flow.group_help(services)
        if payload.startswith("c_") and is_number(payload[2:]):
            return credential_card(services, who, whole(payload[2:]) or 0)
        if payload.startswith("w_"):
            return share_flow.opened(services, who, payload)
        if payload.startswith("b_"):
            return bundle_flow.shared_bundle(services, who, payload[2:])
        if payload.startswith(("s_", "g_")):
            return self._continued(who, payload[2:])
        digest_item = parse_digest_payload(payload)
        if digest_item is not None:
            chat_id, credential_id = digest_item
            if self.services.stats is not None:
                self.services.stats.opened_digest_item(who.ref, chat_id, credential_id)
            return credential_card(self.services, who, credential_id)
        match payload:
            case "wallet":
                return wallet_flow.show_wallet(services, who)
            case "bundle":
                return self._bundle_shown(who, bundle_flow.bundle(services, who, ""))
            case "bundles":
                return bundle_flow.bundles_command(services, who, "")
            case "privacy":
                return account_flow.privacy(who)
            case "manage":
                return manage_flow.listing(services, who)
        return account_flow.welcome()

    def _continued(self, who: Who, key: str) -> Reply:
        """A "continue in private" link from a group: the search or bundle goal asked there."""
        found = self.services.links.recall(key)
        if found is None:
            return Reply().add(_("That link has expired. Type a topic to search.")).row(*menu_buttons())
        kind, text = found
        if kind == BUNDLE:
            return self._bundle_shown(who, bundle_flow.bundle(self.services, who, text))
        assert kind == SEARCH
        return search_flow.search(self.services, who, text)

    def _text(self, who: Who, text: str) -> Reply:
        return chat_flow.answer(self.services, who, text)

    def _bundle_shown(self, who: Who, reply: Reply) -> Reply:
        """After a bundle reply, "drop the first one" means the latest bundle's first item."""
        if self.services.bundles.latest_code(who.ref) is not None:
            self.services.state.set_shown(who.ref, Shown("bundle"))
        return reply

    def _unknown_command(self, name: str) -> Reply:
        return Reply().add(
            _("I don't know the command /{name}. Type /help to see what I can do.").format(name=name)
        )

    def _button(self, who: Who, data: str) -> Reply:
        pressed = cb.unpack(data)
        if pressed is None:
            log.warning("unknown or malformed callback data %r", data)
            return _expired()
        services = self.services
        if who.in_group and not isinstance(pressed, GROUP_BUTTONS):
            return group_flow.not_here()  # personal buttons (wallet, bundles, language): in private
        match pressed:
            case cb.ResultsPage(results=key, page=page):
                return search_flow.results_page(services, who, key, page)
            case cb.OpenCard() | cb.EarnCredential() | cb.RemoveCredential():
                return self._card_press(who, pressed)
            case cb.ChooseLanguage() | cb.OpenMenu():
                return _in_place(self._menu_press(who, pressed))
            case cb.WalletCard():
                return cover.wallet_card(self.services, who)
            case cb.BundleCard(code=code):
                return cover.bundle_card(self.services, who, code)
            case cb.WalletRemovePicker():
                return wallet_flow.remove_picker(services, who)
            case cb.WalletRemove(key=key):
                return wallet_flow.remove_pressed(services, who, key)
            case cb.ConfirmForget(confirmed=confirmed):
                return account_flow.forget(services, who, confirmed, replace=True)
            case cb.ProveAdmin(token=token):
                return proof_flow.pressed(services, who, token, self._replay)
            case cb.AuditPage():
                return audit_flow.pressed(services, who, pressed)
            case (
                cb.ManageList()
                | cb.ManageChat()
                | cb.ManageAction()
                | cb.ManageLanguage()
                | cb.ManageDigestStop()
                | cb.ManageDigestStart()
            ):
                return manage_flow.pressed(services, who, pressed)
            case cb.ApproveDigest() | cb.DiscardDigest():
                return digest_flow.press(services, who, pressed)
            case cb.UploadForNetwork(token=token, chat=chat):
                return network_chosen(services, who, token, chat)
            case cb.ConfirmUpload(token=token, sha=sha, confirmed=confirmed):
                return upload_pressed(services, who, token, sha, confirmed)
            case cb.ShareWallet():
                return share_flow.share_wallet_pressed(services, who)
            case cb.StopShare(code=code):
                return share_flow.stop_pressed(services, who, code)
            case cb.ShareCard() | cb.ShareBundle() | cb.SendShare():
                return _expired()  # link buttons: Telegram opens the link, nothing comes back
        return self._bundle_shown(who, bundle_flow.press(services, who, pressed))

    def _menu_press(self, who: Who, pressed: cb.ChooseLanguage | cb.OpenMenu) -> Reply:
        services = self.services
        match pressed:
            case cb.ChooseLanguage(code=code):
                return account_flow.set_language(services, who, code)
            case cb.OpenMenu(target="wallet"):
                return wallet_flow.show_wallet(services, who)
            case cb.OpenMenu(target="bundle"):
                return bundle_flow.bundle(services, who, "")
        return search_flow.ask_what()

    def _card_press(self, who: Who, pressed: cb.OpenCard | cb.EarnCredential | cb.RemoveCredential) -> Reply:
        """A credential's card, after marking it earned or removing it when that was the button."""
        back = (
            (pressed.results, pressed.page)
            if pressed.results is not None and pressed.page is not None
            else None
        )
        notice = None
        if isinstance(pressed, cb.EarnCredential):
            notice = wallet_flow.earn(self.services, who, pressed.credential_id).plain_text()
        elif isinstance(pressed, cb.RemoveCredential):
            notice = wallet_flow.unearn(self.services, who, pressed.credential_id).plain_text()
        return credential_card(
            self.services, who, pressed.credential_id, back=back, replace=True, notice=notice
        )

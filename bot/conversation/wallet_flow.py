"""The wallet in the chat: what the learner holds, marking earned, removing, badges sent as files."""

from __future__ import annotations

import hashlib

from bot.conversation import callbacks as cb
from bot.conversation.bundle_cards import cut
from bot.conversation.cards import title, unknown_credential
from bot.conversation.commands import typed
from bot.conversation.context import Services, Shown, Who
from bot.conversation.numbers import whole
from bot.conversation.reply import Button, Inline, Reply, bold, italic
from bot.domain.credential import pick
from bot.i18n import _, current_locale, format_date, format_hours, format_list, ngettext
from bot.verification.result import NOT_VERIFIED, VERIFIED, Verification, describe
from bot.wallet.messages import badge_error
from bot.wallet.service import BadgeImportError, WalletEntry, WalletError, WalletView


def entry_key(entry: WalletEntry) -> str:
    """A short code for a wallet entry in a button (an imported badge's id may be a long URN)."""
    return hashlib.sha256(entry.external_id.encode()).hexdigest()[:12]


def _name(entry: WalletEntry) -> str:
    return pick(entry.title, current_locale()) or entry.external_id


def _entry_line(number: int, entry: WalletEntry) -> tuple[str, ...]:
    locale = current_locale()
    provider = entry.credential.provider if entry.credential else None
    issuer = pick(provider.name, locale) if provider else entry.issuer
    details = [issuer] if issuer else []
    if entry.earned_on:
        details.append(format_date(entry.earned_on))
    verified = entry.verification is not None and entry.verification.verified
    if entry.source == "openbadges":  # unless its signature checked out: the learner's word
        details.append(_("a badge you imported, verified") if verified else _("a badge you imported, not verified"))
    suffix = f" — {', '.join(details)}" if details else ""
    return (f"{number}. ", "🔏 " if verified else "", _name(entry), suffix)


def _entries(view: WalletView) -> list[WalletEntry]:
    """The wallet's entries in the order it lists them (by subject, then as earned)."""
    return [entry for group in view.groups for entry in group.entries]


def _remove_command(entry: WalletEntry) -> str:
    """The complete typed command that removes this entry: `/remove 12`, or for a badge that
    is not in the catalogue `/remove urn:uuid:…`."""
    if entry.credential is not None and entry.credential.id is not None:
        return typed("remove", entry.credential.id)
    return typed("remove", entry.external_id)


def _heading(view: WalletView) -> Reply:
    count = ngettext("Your wallet: {count} credential", "Your wallet: {count} credentials", view.count)
    reply = Reply().add(bold(count.format(count=view.count)))
    skills = ngettext("{count} skill", "{count} skills", len(view.skills)).format(count=len(view.skills))
    return reply.add(
        _("{hours} of learning, {skills}").format(hours=format_hours(view.total_hours), skills=skills)
    )


def show_wallet(services: Services, who: Who, replace: bool = False) -> Reply:
    view = services.wallet.view(who.ref)
    if view.count == 0:
        return Reply(replace=replace).add(
            _("Your wallet is empty. Open a credential and press “I earned it” to add it.")
        )
    locale = current_locale()
    reply = _heading(view)
    reply.replace = replace
    number = 0
    for group in view.groups:
        heading = pick(group.label, locale) or _("Other")
        reply.blank().add(bold(heading), " · ", format_hours(group.total_hours))
        for entry in group.entries:
            number += 1
            reply.add(*_entry_line(number, entry))
    services.state.set_shown(who.ref, Shown("wallet", wallet_ids(view)))
    if view.skills:
        skills = sorted({pick(skill.label, locale) for skill in view.skills if skill.label})
        reply.blank().add(_("Skills: {skills}").format(skills=format_list(skills)))
    return reply.row(
        Button("🗑 " + _("Remove a credential"), cb.WalletRemovePicker().pack(), typed("remove")),
        Button("🧩 " + _("Build a bundle"), cb.OpenMenu("bundle").pack(), typed("bundle")),
        Button("🖼 " + _("Card"), cb.WalletCard().pack(), typed("card")),
        Button("🔗 " + _("Share"), cb.ShareWallet().pack(), typed("share")),
    )


def remove_picker(services: Services, who: Who, replace: bool = True) -> Reply:
    """`Which credential do you want to remove from your wallet?`, one button each, a Cancel."""
    view = services.wallet.view(who.ref)
    if view.count == 0:
        return show_wallet(services, who, replace=replace)
    reply = Reply(replace=replace).add(bold(_("Which credential do you want to remove from your wallet?")))
    for number, entry in enumerate(_entries(view), start=1):
        label = _("🗑 Remove {number}: {title}").format(number=number, title=_name(entry))
        reply.row(Button(cut(label), cb.WalletRemove(entry_key(entry)).pack(), _remove_command(entry)))
    return reply.row(Button("↩ " + _("Cancel"), cb.OpenMenu("wallet").pack(), typed("earned")))


def remove_pressed(services: Services, who: Who, key: str) -> Reply:
    """A removal button: the entry leaves the wallet, and the wallet is shown again in place."""
    view = services.wallet.view(who.ref)
    entry = next((entry for entry in _entries(view) if entry_key(entry) == key), None)
    if entry is None:
        reply = show_wallet(services, who, replace=True)
        reply.notice = _("That credential is no longer in your wallet.")
        return reply
    services.wallet.remove(who.ref, entry.external_id)
    notice = _("Removed from your wallet: {title}").format(title=_name(entry))
    reply = show_wallet(services, who, replace=True)
    reply.notice = notice
    if reply.lines:
        reply.lines.insert(0, ("🗑 ", notice))
    return reply


def remove_typed(services: Services, who: Who, args: str) -> Reply:
    """`/remove` alone: the picker; `/remove 12`: catalogue credential 12; `/remove urn:…`: the
    entry stored under that id (a badge that is not in the catalogue)."""
    text = args.strip()
    if not text:
        return remove_picker(services, who, replace=False)
    number = whole(text)
    if number is not None:
        return unearn(services, who, number)
    view = services.wallet.view(who.ref)
    entry = next((entry for entry in _entries(view) if entry.external_id == text), None)
    if entry is None:
        return Reply().add(_("Not in your wallet: {title}").format(title=text))
    services.wallet.remove(who.ref, entry.external_id)
    return Reply().add(_("Removed from your wallet: {title}").format(title=_name(entry)))


def wallet_ids(view: WalletView) -> tuple[int, ...]:
    """The catalogue ids of the wallet's credentials, in the order the wallet lists them."""
    return tuple(
        entry.credential.id
        for group in view.groups
        for entry in group.entries
        if entry.credential is not None and entry.credential.id is not None
    )


def earn(services: Services, who: Who, credential_id: int) -> Reply:
    try:
        entry = services.wallet.earn(who.ref, credential_id)
    except WalletError:
        return unknown_credential(credential_id)
    name = pick(entry.title, current_locale())
    if entry.created:
        _count_earned(services, who, credential_id)
        return Reply().add("✅ ", _("Added to your wallet: {title}").format(title=name))
    return Reply().add(_("Already in your wallet: {title}").format(title=name))


def _count_earned(services: Services, who: Who, credential_id: int) -> None:
    """Counted under each of the credential's subjects for the chat's statistics."""
    if services.stats is None:
        return
    credential = services.catalogue.credential(credential_id)
    subjects = (
        [(subject.get("en", ""), subject.get("fr", "")) for subject in credential.subjects]
        if credential
        else []
    )
    services.stats.record_earned(who.ref, who.chat_id, subjects)


def unearn(services: Services, who: Who, credential_id: int) -> Reply:
    credential = services.catalogue.credential(credential_id)
    if credential is None:
        return unknown_credential(credential_id)
    if services.wallet.remove(who.ref, credential.external_id):
        return Reply().add(_("Removed from your wallet: {title}").format(title=title(credential)))
    return Reply().add(_("Not in your wallet: {title}").format(title=title(credential)))


def verdict_mark(verification: Verification | None) -> str:
    """🔏 verified, ⚠️ not verified, ❔ unverifiable (or never checked)."""
    if verification is None:
        return "❔"
    return {VERIFIED: "🔏", NOT_VERIFIED: "⚠️"}.get(verification.verdict, "❔")


def verdict_line(verification: Verification) -> tuple[Inline, ...]:
    """The verdict and its reason, in the learner's language: `🔏 Verified: …`."""
    return (verdict_mark(verification), " ", bold(describe(verification)))


def import_badge(services: Services, who: Who, filename: str, content: bytes) -> Reply:
    try:
        entry = services.wallet.import_badge(who.ref, content)
    except BadgeImportError as error:
        return Reply().add(badge_error(error))
    name = pick(entry.title, current_locale()) or filename
    if not entry.created:
        reply = Reply().add(_("Already in your wallet: {title}").format(title=name))
    else:
        reply = Reply().add("✅ ", _("Added to your wallet: {title}").format(title=name))
        if entry.credential is None:
            reply.add(italic(_("It is not in the catalogue; I kept it with its skills.")))
    if entry.verification is not None:
        reply.add(*verdict_line(entry.verification))
        if entry.verification.verdict != VERIFIED and entry.created:
            reply.add(
                italic(_("Your wallet lists it as your own claim, not as a credential its issuer confirmed."))
            )
    if not entry.created:
        return reply
    return reply.row(Button("🎒 " + _("My wallet"), cb.OpenMenu("wallet").pack(), typed("earned")))

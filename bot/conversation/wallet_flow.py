"""The wallet in the chat: what the learner holds, marking earned, removing, badges sent as files."""

from __future__ import annotations

from bot.conversation import callbacks as cb
from bot.conversation.cards import title, unknown_credential
from bot.conversation.commands import typed
from bot.conversation.context import Services, Shown, Who
from bot.conversation.reply import Button, Reply, bold, italic
from bot.domain.credential import pick
from bot.i18n import N_, _, current_locale, format_date, format_hours, format_list, ngettext
from bot.wallet.service import BadgeImportError, WalletEntry, WalletError, WalletView

BADGE_ERRORS = {
    "too_large": N_("This file is larger than 2 MB; I can't read it."),
    "empty": N_("This file is empty."),
    "malformed": N_("I can't read this file: it is neither a badge in JSON nor a signed badge (JWT)."),
    "not_a_badge": N_(
        "This file is not an Open Badge: send an Open Badges 3.0 credential or an Open Badges 2.0 assertion."
    ),
    "no_achievement": N_("This badge doesn't say which achievement it certifies, so I can't add it."),
}


def _entry_line(entry: WalletEntry) -> tuple[str, ...]:
    locale = current_locale()
    name = pick(entry.title, locale) or entry.external_id
    provider = entry.credential.provider if entry.credential else None
    issuer = pick(provider.name, locale) if provider else entry.issuer
    details = [issuer] if issuer else []
    if entry.earned_on:
        details.append(format_date(entry.earned_on))
    number = f" ({typed('remove', entry.credential.id)})" if entry.credential else ""
    suffix = f" — {', '.join(details)}" if details else ""
    return ("• ", name, suffix, number)


def _heading(view: WalletView) -> Reply:
    count = ngettext("Your wallet: {count} credential", "Your wallet: {count} credentials", view.count)
    reply = Reply().add(bold(count.format(count=view.count)))
    skills = ngettext("{count} skill", "{count} skills", len(view.skills)).format(count=len(view.skills))
    return reply.add(
        _("{hours} of learning, {skills}").format(hours=format_hours(view.total_hours), skills=skills)
    )


def show_wallet(services: Services, who: Who) -> Reply:
    view = services.wallet.view(who.ref)
    if view.count == 0:
        return Reply().add(_("Your wallet is empty. Open a credential and press “I earned it” to add it."))
    locale = current_locale()
    reply = _heading(view)
    for group in view.groups:
        heading = pick(group.label, locale) or _("Other")
        reply.blank().add(bold(heading), " · ", format_hours(group.total_hours))
        for entry in group.entries:
            reply.add(*_entry_line(entry))
    services.shown[who.ref] = Shown("wallet", wallet_ids(view))
    if view.skills:
        skills = sorted({pick(skill.label, locale) for skill in view.skills if skill.label})
        reply.blank().add(_("Skills: {skills}").format(skills=format_list(skills)))
    return reply.row(Button("🧩 " + _("Build a bundle"), cb.OpenMenu("bundle").pack(), typed("bundle")))


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
        return Reply().add("✅ ", _("Added to your wallet: {title}").format(title=name))
    return Reply().add(_("Already in your wallet: {title}").format(title=name))


def unearn(services: Services, who: Who, credential_id: int) -> Reply:
    credential = services.catalogue.credential(credential_id)
    if credential is None:
        return unknown_credential(credential_id)
    if services.wallet.remove(who.ref, credential.external_id):
        return Reply().add(_("Removed from your wallet: {title}").format(title=title(credential)))
    return Reply().add(_("Not in your wallet: {title}").format(title=title(credential)))


def import_badge(services: Services, who: Who, filename: str, content: bytes) -> Reply:
    try:
        entry = services.wallet.import_badge(who.ref, content)
    except BadgeImportError as error:
        return Reply().add(_(BADGE_ERRORS.get(error.reason, BADGE_ERRORS["malformed"])))
    name = pick(entry.title, current_locale()) or filename
    if not entry.created:
        return Reply().add(_("Already in your wallet: {title}").format(title=name))
    reply = Reply().add("✅ ", _("Added to your wallet: {title}").format(title=name))
    if entry.credential is None:
        reply.add(italic(_("It is not in the catalogue; I kept it with its skills.")))
    return reply.row(Button("🎒 " + _("My credentials"), cb.OpenMenu("wallet").pack(), typed("earned")))

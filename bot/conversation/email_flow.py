"""`/email` (« /courriel »): the addresses a learner's badges were issued to. Open Badges name
their recipient by a salted hash of an email address; with the learner's addresses declared,
each imported badge's recipient is checked (`bot.verification.subject`), the ones already in the
wallet included."""

from __future__ import annotations

import re

from bot.conversation.commands import typed
from bot.conversation.context import Services, Who
from bot.conversation.reply import Reply, bold, echo
from bot.conversation.share_flow import OFF_WORDS
from bot.i18n import _, format_list, ngettext
from bot.language.text import fold
from bot.wallet.service import SubjectsChecked

MAX_EMAILS = 5
_EMAIL = re.compile(r"[^@\s<>\"',;]{1,64}@[^@\s<>\"',;]{1,190}\.[^@\s<>\"',;.]{2,24}")


def _usage() -> Reply:
    return (
        Reply()
        .add(
            _("Declare the email address your badges were issued to: {example}").format(
                example=typed("email", "you@example.org")
            )
        )
        .add(
            _("A badge issued to it is then recognised as yours; {off} forgets your addresses.").format(
                off=typed("email", _("off"))
            )
        )
    )


def email_command(services: Services, who: Who, args: str) -> Reply:
    text = args.strip()
    emails = services.wallet.emails(who.ref)
    if not text:
        if not emails:
            return _usage()
        reply = Reply().add(bold(_("Your email addresses")), " ", format_list([echo(e, 80) for e in emails]))
        return reply.add(
            _("A badge issued to one of them is recognised as yours; {off} forgets them.").format(
                off=typed("email", _("off"))
            )
        )
    if fold(text) in OFF_WORDS:
        checked = services.wallet.set_emails(who.ref, [])
        reply = Reply().add(_("Your email addresses are forgotten."))
        return _rechecked(reply, checked) if checked.theirs or checked.others else reply
    if not _EMAIL.fullmatch(text):
        return Reply().add(
            _("“{text}” is not an email address. For example: {example}").format(
                text=echo(text, 60), example=typed("email", "you@example.org")
            )
        )
    address = text.lower()
    if address in emails:
        return Reply().add(_("{email} is declared already.").format(email=address))
    if len(emails) >= MAX_EMAILS:
        return Reply().add(
            ngettext(
                "You can declare at most {count} address: {off} forgets yours.",
                "You can declare at most {count} addresses: {off} forgets yours.",
                MAX_EMAILS,
            ).format(count=MAX_EMAILS, off=typed("email", _("off")))
        )
    checked = services.wallet.set_emails(who.ref, [*emails, address])
    reply = Reply().add(
        _("Saved: {email}. Badges issued to it are recognised as yours.").format(email=address)
    )
    return _rechecked(reply, checked)


def _rechecked(reply: Reply, checked: SubjectsChecked) -> Reply:
    """What checking the wallet's badges again found."""
    if checked.theirs:
        reply.add(
            ngettext(
                "{count} badge in your wallet was issued to you.",
                "{count} badges in your wallet were issued to you.",
                checked.theirs,
            ).format(count=checked.theirs)
        )
    if checked.others:
        reply.add(
            ngettext(
                "{count} badge in your wallet was issued to another address: it is marked not verified.",
                "{count} badges in your wallet were issued to another address: they are marked not verified.",
                checked.others,
            ).format(count=checked.others)
        )
    return reply

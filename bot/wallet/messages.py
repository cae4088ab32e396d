"""Why a badge file was refused, in words: one table for the chat and the command line."""

from __future__ import annotations

from bot.i18n import N_, _
from bot.wallet.service import BadgeImportError

BADGE_ERRORS = {
    "too_large": N_("This file is larger than 2 MB; I can't read it."),
    "empty": N_("This file is empty."),
    "malformed": N_("I can't read this file: it is neither a badge in JSON nor a signed badge (JWT)."),
    "not_a_badge": N_(
        "This file is not an Open Badge: send an Open Badges 3.0 credential or an Open Badges 2.0 assertion."
    ),
    "no_achievement": N_("This badge doesn't say which achievement it certifies, so I can't add it."),
    "bad_image": N_("I can't read this image: it is damaged, or it is not a proper PNG or SVG file."),
    "unsafe_svg": N_(
        "I don't read this SVG image: it declares entities or a document type, which I refuse for safety."
    ),
    "not_baked": N_(
        "This image has no badge baked in it. Send the badge image your issuer gave you "
        "(a PNG or SVG with the badge inside), or the badge's JSON file."
    ),
    "hosted_only": N_(
        "This badge image holds only the address of its badge, {url}, not the badge itself, and I don't "
        "fetch badges from the web. Open that address, save the badge's JSON file and send it to me."
    ),
}


def badge_error(error: BadgeImportError) -> str:
    """The refusal in the current locale (an unknown reason reads as an unreadable file)."""
    message = _(BADGE_ERRORS.get(error.reason, BADGE_ERRORS["malformed"]))
    return message.format(url=error.detail) if error.reason == "hosted_only" else message

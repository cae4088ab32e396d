"""`/share` (« /partager »): a read-only link to the learner's wallet or to one of their saved
bundles, `https://t.me/<bot>?start=w_<code>`, for a while or until stopped (`/share off`, or the
button under the link). Whoever opens it sees each credential with its verdict and nothing else
of the learner: no name, no skills, no dates, no other bundle."""

from __future__ import annotations

import re

from bot.bundles.service import BundleError
from bot.conversation import callbacks as cb
from bot.conversation.bundle_flow import bundle_on_screen
from bot.conversation.commands import typed
from bot.conversation.context import Services, Who
from bot.conversation.numbers import whole
from bot.conversation.reply import Button, Reply, bold, code, echo, italic, link
from bot.domain.credential import CredentialRecord, pick
from bot.domain.share import BUNDLE, ShareLink
from bot.i18n import _, current_locale, format_date, format_hours, ngettext
from bot.language.text import fold
from bot.wallet.service import WalletEntry
from bot.wallet.sharing import MAX_DAYS, code_of
from bot.wallet.verdict import VERIFIED, verdict

OFF_WORDS = frozenset({"off", "stop", "arret", "fin", "non", "no"})
BUNDLE_WORDS = frozenset({"bundle", "parcours"})
DAYS_PER_UNIT = {
    "day": 1, "days": 1, "jour": 1, "jours": 1, "j": 1, "d": 1,
    "week": 7, "weeks": 7, "semaine": 7, "semaines": 7,
    "month": 30, "months": 30, "mois": 30,
    "year": 365, "years": 365, "an": 365, "ans": 365, "annee": 365, "annees": 365,
}
_DURATION = re.compile(r"^(\d{1,6})\s*([a-z]*)$")


def _usage() -> Reply:
    return Reply().add(
        _(
            "Write {share} for a link to your wallet, {days} for a link that ends after 30 days, "
            "{bundle} for your saved bundle 2 (its number in {bundles}), or {off} to stop every link."
        ).format(
            share=typed("share"),
            days=typed("share", _("30 days")),
            bundle=typed("share", _("bundle"), 2),
            bundles=typed("bundles"),
            off=typed("share", _("off")),
        )
    )


def _days(words: list[str]) -> int | None:
    """The duration in days (`30 days`, `2 semaines`, `6 mois`, `30`); None when none is given;
    ValueError when it is not one we read or longer than `MAX_DAYS`."""
    if not words:
        return None
    match = _DURATION.match(" ".join(words))
    if match is None:
        raise ValueError(" ".join(words))
    number, unit = int(match.group(1)), match.group(2) or "days"
    per = DAYS_PER_UNIT.get(unit)
    if per is None or not 1 <= number * per <= MAX_DAYS:
        raise ValueError(" ".join(words))
    return number * per


def share_command(services: Services, who: Who, args: str) -> Reply:
    """`/share`, `/share 30 days`, `/share bundle 2 [30 days]`, `/share off`."""
    if services.shares is None:
        return Reply().add(_("Sharing links is not available here."))
    words = fold(args).split()
    if words and words[0] in OFF_WORDS:
        return stop_all(services, who) if len(words) == 1 else _usage()
    bundle_code = None
    if words and words[0] in BUNDLE_WORDS:
        saved = services.bundles.saved_bundles(who.ref)
        number = whole(words[1]) if len(words) > 1 else None
        if number is None or not 1 <= number <= len(saved):
            if number is None:
                return _usage()
            return Reply().add(_("You have no saved bundle number {number}.").format(number=number))
        bundle_code = saved[number - 1].share_code
        words = words[2:]
    try:
        days = _days(words)
    except ValueError:
        return _usage()
    if bundle_code is None:
        bundle_code = _bundle_shown(services, who)
    if bundle_code is None and services.wallet.view(who.ref).count == 0:
        return Reply().add(_("Your wallet is empty: there is nothing to share yet."))
    made = services.shares.share(who.ref, bundle_code=bundle_code, days=days)
    return _made(services, made)


def _bundle_shown(services: Services, who: Who) -> str | None:
    """`/share` typed right under a bundle shares that bundle, saved first if it was not (a
    link shows saved bundles only)."""
    code = bundle_on_screen(services, who)
    if code is None:
        return None
    try:
        bundle = services.bundles.shared(code, who.ref)
    except BundleError:
        return None
    if not bundle.items:
        return None
    if not bundle.saved:
        services.bundles.save(who.ref, code)
    return code


def share_wallet_pressed(services: Services, who: Who) -> Reply:
    """The Share button under the wallet: always the wallet (not the bundle shown before)."""
    if services.shares is None:
        return Reply().add(_("Sharing links is not available here."))
    if services.wallet.view(who.ref).count == 0:
        return Reply().add(_("Your wallet is empty: there is nothing to share yet."))
    return _made(services, services.shares.share(who.ref))


def _made(services: Services, made: ShareLink) -> Reply:
    if made.kind == BUNDLE:
        heading = _("A read-only link to your bundle")
    else:
        heading = _("A read-only link to your wallet")
    reply = Reply().add(bold("🔗 " + heading))
    reply.add(
        _("Whoever opens it sees each credential and whether it is verified, nothing else about you.")
    )
    url = services.share_link(made.payload)
    if url is not None:
        reply.blank().add(link(url, url)).blank()
    else:
        reply.blank().add(_("Whoever writes this to the bot sees it:"), " ", code(f"/start {made.payload}")).blank()
    if made.expires_at is not None:
        reply.add(_("It works until {date}.").format(date=format_date(made.expires_at.date())))
    else:
        reply.add(_("It works until you stop it ({command}).").format(command=typed("share", _("off"))))
    buttons = []
    sheet = services.share_sheet(made.payload, _("My credentials on credbot"))
    if sheet is not None:
        buttons.append(Button("📤 " + _("Send the link"), cb.SendShare(made.code).pack(), url=sheet))
    buttons.append(Button("🚫 " + _("Stop this link"), cb.StopShare(made.code).pack()))
    return reply.row(*buttons)


def stop_all(services: Services, who: Who) -> Reply:
    assert services.shares is not None
    stopped = services.shares.stop(who.ref)
    if not stopped:
        return Reply().add(_("You are not sharing anything: there is no link to stop."))
    message = ngettext(
        "Stopped: {count} link no longer works.", "Stopped: {count} links no longer work.", len(stopped)
    )
    return Reply().add("🚫 ", message.format(count=len(stopped)))


def stop_pressed(services: Services, who: Who, code_: str) -> Reply:
    if services.shares is None:
        return Reply(notice=_("Sharing links is not available here."))
    stopped = services.shares.stop(who.ref, code_)
    notice = _("Stopped: this link no longer works.") if stopped else _("This link was already stopped.")
    reply = Reply(replace=True, notice=notice).add("🚫 ", notice)
    return reply


# ---- opening a link ----


def _verdict_text(entry: WalletEntry | None, in_bundle: bool = False) -> str:
    if entry is None:
        return _("not earned yet") if in_bundle else _("not checked")
    if verdict(entry) == VERIFIED:
        return "✓ " + _("verified")
    return _("earned, not checked") if in_bundle else _("not checked")


def _line(number: int, title: str, provider: str | None, hours: float | None, state: str) -> tuple[str, ...]:
    details = [part for part in (provider, format_hours(hours) if hours else None) if part]
    suffix = f" — {', '.join(details)}" if details else ""
    return (f"{number}. ", title, suffix, " · ", state)


def _entry_line(number: int, entry: WalletEntry) -> tuple[str, ...]:
    locale = current_locale()
    provider = entry.credential.provider if entry.credential else None
    issuer = pick(provider.name, locale) if provider else entry.issuer
    title = pick(entry.title, locale) or entry.external_id
    return _line(number, title, issuer, entry.hours, _verdict_text(entry))


def _record_line(number: int, record: CredentialRecord, entry: WalletEntry | None) -> tuple[str, ...]:
    locale = current_locale()
    provider = pick(record.provider.name, locale) if record.provider else None
    title = pick(record.name, locale) or record.external_id
    return _line(number, title, provider, record.hours, _verdict_text(entry, in_bundle=True))


def opened(services: Services, who: Who, payload: str) -> Reply:
    """`/start w_<code>`: the shared wallet or bundle, read-only, or why the link does not work."""
    if services.shares is None:
        return Reply().add(_("Sharing links is not available here."))
    found = services.shares.open(code_of(payload))
    if found.state == "revoked":
        return Reply().add(
            _("The person who shared this link has stopped sharing it. You can ask them for a new one.")
        )
    if found.state == "expired":
        assert found.link is not None and found.link.expires_at is not None
        return Reply().add(
            _("This link ended on {date}. You can ask the person who shared it for a new one.").format(
                date=format_date(found.link.expires_at.date())
            )
        )
    if found.state != "active" or found.owner is None or found.link is None:
        return Reply().add(
            _("This link doesn't work: it may be mistyped, or the person who shared it deleted their data.")
        )
    view = services.wallet.view(found.owner)
    entries = [entry for group in view.groups for entry in group.entries]
    held = {entry.external_id: entry for entry in entries}
    reply = Reply()
    if found.link.kind == BUNDLE:
        bundle = next(
            (b for b in services.bundles.saved_bundles(found.owner) if b.share_code == found.link.bundle_code),
            None,
        )
        if bundle is None:
            return Reply().add(_("The bundle behind this link was deleted by the person who shared it."))
        heading = (
            _("Bundle for “{goal}”").format(goal=echo(bundle.goal)) if bundle.goal else _("A bundle")
        )
        reply.add(bold("🧩 " + heading + " — " + _("shared with you, read-only")))
        for number, record in enumerate(bundle.items, start=1):
            reply.add(*_record_line(number, record, held.get(record.external_id)))
    else:
        count = ngettext(
            "{count} credential shared with you, read-only",
            "{count} credentials shared with you, read-only",
            len(entries),
        ).format(count=len(entries))
        reply.add(bold("🎒 " + count))
        for number, entry in enumerate(entries, start=1):
            reply.add(*_entry_line(number, entry))
    reply.blank().add(
        italic(_("“Not checked”: credbot did not check it with its issuer; the person recorded it themselves."))
    )
    if found.link.expires_at is not None:
        reply.add(italic(_("Shared until {date}.").format(date=format_date(found.link.expires_at.date()))))
    return reply

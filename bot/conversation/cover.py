"""The mixtape cover: an image card of the learner's wallet or of a bundle, to show on a phone
or send to someone (`/card`, « /carte », and a 🖼 button under the wallet and under a bundle).

What goes on the card is decided here, in the learner's language: the title, the credentials in
order with their provider, hours and a ✓ verified mark (`bot.wallet.verdict`), the totals. The
drawing is `cover_image`'s. The Telegram adapter sends the card as a photo, the console saves it.
"""

from __future__ import annotations

import datetime as dt

from bot.bundles.service import BundleError, SavedBundle
from bot.conversation.bundle_cards import totals_text
from bot.conversation.bundle_flow import bundle_on_screen
from bot.conversation.context import Services, Who
from bot.conversation.cover_image import CoverItem, CoverSpec, render
from bot.conversation.numbers import whole
from bot.conversation.reply import Photo, Reply, echo
from bot.domain.credential import CredentialRecord, pick
from bot.i18n import _, current_locale, format_date, format_hours, ngettext
from bot.wallet.service import WalletEntry, WalletView
from bot.wallet.verdict import VERIFIED, verdict

MAX_ITEMS = 20  # on one card; the rest is counted ("… and 4 more")
MAX_TITLE_CHARS = 120
MAX_CAPTION = 1024  # Telegram's limit on a photo's caption


def _mark(found: str | None) -> str | None:
    return "✓ " + _("verified") if found == VERIFIED else None


def _details(provider: str | None, hours: float | None) -> str:
    parts = [provider] if provider else []
    parts.append(format_hours(hours) if hours else _("hours not given"))
    return " · ".join(parts)


def _entry_item(entry: WalletEntry) -> CoverItem:
    locale = current_locale()
    provider = entry.credential.provider if entry.credential else None
    issuer = pick(provider.name, locale) if provider else entry.issuer
    title = pick(entry.title, locale) or entry.external_id
    return CoverItem(echo(title, MAX_TITLE_CHARS), _details(issuer, entry.hours), _mark(verdict(entry)))


def _record_item(record: CredentialRecord, held: dict[str, WalletEntry]) -> CoverItem:
    locale = current_locale()
    provider = pick(record.provider.name, locale) if record.provider else None
    entry = held.get(record.external_id)
    title = pick(record.name, locale) or record.external_id
    return CoverItem(
        echo(title, MAX_TITLE_CHARS),
        _details(provider, record.hours),
        _mark(verdict(entry)) if entry is not None else None,
    )


def _more(hidden: int) -> str | None:
    if hidden <= 0:
        return None
    return ngettext("… and {count} more", "… and {count} more", hidden).format(count=hidden)


def _subtitle(who: Who, today: dt.date) -> str:
    date = format_date(today)
    return f"{who.name} · {date}" if who.name else date


def _footer(items: list[CoverItem]) -> str:
    if any(item.mark for item in items):
        return _("Made with credbot. ✓ verified: the issuer's signature was checked; no mark: not checked.")
    return _("Made with credbot. No mark: not checked, as the learner recorded it.")


def wallet_spec(view: WalletView, who: Who, today: dt.date) -> CoverSpec:
    entries = [entry for group in view.groups for entry in group.entries]
    items = [_entry_item(entry) for entry in entries[:MAX_ITEMS]]
    credentials = ngettext("{count} credential", "{count} credentials", view.count).format(count=view.count)
    totals = _("In all: {credentials}, {hours} of learning").format(
        credentials=credentials, hours=format_hours(view.total_hours)
    )
    return CoverSpec(
        title=_("My wallet"),
        subtitle=_subtitle(who, today),
        items=items,
        more=_more(len(entries) - MAX_ITEMS),
        totals=totals,
        footer=_footer(items),
    )


def bundle_spec(saved: SavedBundle, held: dict[str, WalletEntry], who: Who, today: dt.date) -> CoverSpec:
    items = [_record_item(record, held) for record in saved.items[:MAX_ITEMS]]
    title = _("Bundle for “{goal}”").format(goal=echo(saved.goal)) if saved.goal else _("Your bundle")
    return CoverSpec(
        title=title,
        subtitle=_subtitle(who, today),
        items=items,
        more=_more(len(saved.items) - MAX_ITEMS),
        totals=_("In all: {totals}").format(totals=totals_text(saved.totals)),
        footer=_footer(items),
    )


def caption(spec: CoverSpec) -> str:
    """The photo's caption: the title and the totals, within Telegram's 1,024 characters."""
    return echo(f"{spec.title} — {spec.totals}", MAX_CAPTION)


def _photo(spec: CoverSpec, filename: str) -> Reply:
    rendered = render(spec)
    return Reply(photo=Photo(filename, rendered.png, caption=caption(spec), drawn=rendered.drawn))


def _held(services: Services, who: Who) -> dict[str, WalletEntry]:
    view = services.wallet.view(who.ref)
    return {entry.external_id: entry for group in view.groups for entry in group.entries}


def wallet_card(services: Services, who: Who) -> Reply:
    view = services.wallet.view(who.ref)
    if view.count == 0:
        return Reply().add(_("Your wallet is empty: there is nothing to put on a card yet."))
    return _photo(wallet_spec(view, who, services.outbox.clock().date()), "credbot-wallet.png")


def bundle_card(services: Services, who: Who, code: str) -> Reply:
    try:
        saved = services.bundles.shared(code, who.ref)
    except BundleError:
        return Reply().add(_("I can't find that bundle. It may have been deleted."))
    if not saved.items:
        return Reply().add(_("This bundle is empty: there is nothing to put on a card."))
    spec = bundle_spec(saved, _held(services, who), who, services.outbox.clock().date())
    return _photo(spec, f"credbot-bundle-{saved.share_code.lower()}.png")


def card_command(services: Services, who: Who, args: str) -> Reply:
    """`/card`: the card of the bundle just shown, else the wallet's; `/card 2`: saved bundle
    2's (the number in `/bundles`)."""
    text = args.strip()
    if not text:
        code = bundle_on_screen(services, who)
        return bundle_card(services, who, code) if code else wallet_card(services, who)
    number = whole(text)
    saved = services.bundles.saved_bundles(who.ref)
    if number is None or not 1 <= number <= len(saved):
        return Reply().add(
            _("You have no saved bundle number {number}.").format(number=echo(text, 20))
        )
    return bundle_card(services, who, saved[number - 1].share_code)

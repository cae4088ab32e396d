"""How a credential is shown: its one-line summary, its card, and the limits understood."""

from __future__ import annotations

from bot.conversation import callbacks as cb
from bot.conversation.commands import typed
from bot.conversation.context import Services, Who
from bot.conversation.reply import Button, Reply, bold, link
from bot.domain.credential import CredentialRecord, pick
from bot.domain.limits import Limits
from bot.formats.common import DurationError, duration_hours, duration_parts, is_calendar
from bot.i18n import (
    N_,
    _,
    current_locale,
    format_hours,
    format_length,
    format_list,
    format_money,
    format_number,
    language_name,
    ngettext,
)
from bot.language.packs import LANGUAGES, PACKS

DELIVERY_LABELS = {"online": N_("online"), "in_person": N_("in person"), "blended": N_("blended")}
FEE_LABELS = {
    "application": N_("application fee {amount}"),
    "registration": N_("registration fee {amount}"),
    "technology": N_("technology fee {amount}"),
    "exam": N_("exam fee {amount}"),
    "materials": N_("learning materials {amount}"),
    "graduation": N_("graduation fee {amount}"),
    "other": N_("other fees {amount}"),
}


def fees_text(credential: CredentialRecord) -> str | None:
    """`Fees besides the price: application fee $50` (never added to the price)."""
    if not credential.fees:
        return None
    items = [
        _(FEE_LABELS.get(fee.kind, FEE_LABELS["other"])).format(amount=format_money(fee.amount, fee.currency))
        for fee in credential.fees
    ]
    return _("Fees besides the price: {fees}").format(fees=format_list(items))


def title(credential: CredentialRecord) -> str:
    return pick(credential.name, current_locale())


def _parts(text: str) -> dict[str, float] | None:
    try:
        return duration_parts(text) if text else None
    except DurationError:
        return None


def _calendar_range(low: dict[str, float] | None, high: dict[str, float] | None) -> str:
    """`4–6 weeks`, `6 months to 1 year`, `at least 4 weeks`, `up to 6 weeks`."""
    if low and high:
        units = [name for name, value in high.items() if value]
        if len(units) == 1 and [name for name, value in low.items() if value] == units:
            return _("{low}–{high}").format(low=format_number(low[units[0]]), high=format_length(high))
        return _("{low} to {high}").format(low=format_length(low), high=format_length(high))
    if low:
        return _("at least {duration}").format(duration=format_length(low))
    return _("up to {duration}").format(duration=format_length(high or {}))


def duration_text(credential: CredentialRecord) -> str:
    """How long: the hours of study (a range `20–40 hours` when the record gives one), then the
    lengths in weeks, months or years as the record writes them (`6 weeks`); hours are never
    made from weeks (see bot.formats.ctdl)."""
    hours = format_hours(credential.hours) if credential.hours is not None else None
    lengths: list[str] = []
    for text in credential.durations:
        low_text, range_mark, high_text = text.partition("/")
        low, high = _parts(low_text), _parts(high_text)
        ends = [end for end in (low, high) if end]
        if not ends:
            continue
        if all(is_calendar(end) for end in ends):
            text_shown = _calendar_range(low, high) if range_mark else format_length(ends[0])
            if text_shown not in lengths:
                lengths.append(text_shown)
        elif range_mark and low and high and not any(is_calendar(end) for end in ends):
            low_hours, high_hours = duration_hours(low_text), duration_hours(high_text)
            if (
                low_hours is not None
                and high_hours is not None
                and high_hours == credential.hours
                and low_hours < high_hours
            ):
                hours = _("{low}–{high}").format(low=format_number(low_hours), high=format_hours(high_hours))
    shown = ([hours] if hours else []) + lengths
    return " · ".join(shown) if shown else format_hours(None)


def summary(credential: CredentialRecord) -> str:
    locale = current_locale()
    parts: list[str] = []
    provider = pick(credential.provider.name, locale) if credential.provider else ""
    parts.append(provider or _("provider unknown"))
    parts.append(duration_text(credential))
    parts.append(format_money(credential.cost, credential.currency))
    if credential.languages:
        parts.append(format_list([language_name(code) for code in credential.languages]))
    if credential.delivery in DELIVERY_LABELS:
        parts.append(_(DELIVERY_LABELS[credential.delivery]))
    return " · ".join(parts)


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
    if "max_cost" in wanted and filters.max_cost is not None and filters.cheap:
        described.append(
            _("those at {cost} or less first").format(
                cost=format_money(filters.max_cost, filters.currency or "CAD")
            )
        )
    elif "max_cost" in wanted and filters.max_cost is not None:
        described.append(
            _("at most {cost}").format(cost=format_money(filters.max_cost, filters.currency or "CAD"))
        )
    if "provider" in wanted and filters.provider:
        described.append(_("from {provider}").format(provider=filters.provider))
    return described


def unknown_credential(credential_id: int) -> Reply:
    return Reply().add(_("I can't find credential number {id}.").format(id=credential_id))


def _card_buttons(
    reply: Reply, services: Services, credential: CredentialRecord, earned: bool, back: tuple[str, int] | None
) -> None:
    results, page = back if back else (None, None)
    number = credential.id
    assert number is not None
    earn = (
        Button(
            "✖ " + _("Remove from wallet"),
            cb.RemoveCredential(number, results, page).pack(),
            typed("remove", number),
        )
        if earned
        else Button(
            "✅ " + _("I earned it"), cb.EarnCredential(number, results, page).pack(), typed("earn", number)
        )
    )
    add = Button("➕ " + _("Add to bundle"), cb.AddToBundle(number).pack(), typed("bundle", _("add"), number))
    reply.row(earn, add)
    share_url = services.share_link(f"c_{number}")
    second = [Button("🔗 " + _("Share"), cb.ShareCard(number).pack(), url=share_url)] if share_url else []
    if back:
        second.append(
            Button("↩ " + _("Back to results"), cb.ResultsPage(*back).pack(), typed("page", back[1] + 1))
        )
    reply.row(*second)


# A card is one message (Telegram's is 4,096 characters), so a press edits it in place: a long
# description is shortened, the rest left to the provider's page; at most this many skills.
CARD_DESCRIPTION_MAX = 1500
CARD_SKILLS_MAX = 30


def _shortened(text: str, limit: int) -> str:
    """`text` cut at a word before `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip() + "…"


def credential_card(
    services: Services,
    who: Who,
    credential_id: int,
    back: tuple[str, int] | None = None,
    replace: bool = False,
    notice: str | None = None,
) -> Reply:
    """A credential's card: what it is, its skills, whether the learner holds it, its buttons."""
    credential = services.catalogue.credential(credential_id)
    if credential is None:
        missing = unknown_credential(credential_id)
        missing.notice = notice
        return missing
    if who.in_group:
        return _group_card(services, credential, replace, notice)
    earned = services.wallet.holds(who.ref, credential.external_id)
    locale = current_locale()
    reply = Reply(replace=replace, notice=notice)
    reply.add(bold(_shortened(title(credential), 300)))
    reply.add(summary(credential))
    fees = fees_text(credential)
    if fees:
        reply.add(fees)
    description = pick(credential.description, locale)
    if description:
        shortened = _shortened(description, CARD_DESCRIPTION_MAX)
        reply.blank().add(shortened)
        if shortened != description:
            reply.add(
                _("(Shortened: the whole description is on the provider's page.)")
                if credential.url
                else _("(Shortened.)")
            )
    skills = [pick(skill.label, locale) for skill in credential.skills]
    if skills:
        shown = [_shortened(skill, 80) for skill in skills[:CARD_SKILLS_MAX]]
        if len(skills) > CARD_SKILLS_MAX:
            more = len(skills) - CARD_SKILLS_MAX
            shown.append(ngettext("{count} more", "{count} more", more).format(count=more))
        reply.blank().add(_("Skills: {skills}").format(skills=format_list(shown)))
    if credential.url:
        reply.add(link(_("Provider's page"), credential.url))
    if earned:
        reply.blank().add("✅ ", _("You have earned this credential."))
    _card_buttons(reply, services, credential, earned, back)
    return reply


def _group_card(services: Services, credential: CredentialRecord, replace: bool, notice: str | None) -> Reply:
    """A card in a group: what it is in two lines; the rest, and "I earned it", in private."""
    reply = Reply(replace=replace, notice=notice).add(bold(title(credential))).add(summary(credential))
    if credential.url:
        reply.add(link(_("Provider's page"), credential.url))
    button = continue_in_private(services, f"c_{credential.id}")
    return reply.row(button) if button else reply


def continue_in_private(services: Services, payload: str = "") -> Button | None:
    """The "continue in private" button of a group reply: a t.me link to the bot on `payload`."""
    url = services.private_link(payload)
    return Button("💬 " + _("Continue in private"), "", url=url) if url else None


def menu_buttons() -> list[Button]:
    others = [language_button(code) for code in LANGUAGES if code != current_locale()]
    return [
        Button("🔎 " + _("Search"), cb.OpenMenu("search").pack(), typed("search")),
        Button("🎒 " + _("My wallet"), cb.OpenMenu("wallet").pack(), typed("earned")),
        Button("🧩 " + _("Build a bundle"), cb.OpenMenu("bundle").pack(), typed("bundle")),
        *others,
    ]


def language_button(code: str) -> Button:
    """A button in that language's own name: `Français`."""
    return Button(PACKS[code].native_name, cb.ChooseLanguage(code).pack(), typed("language", code))

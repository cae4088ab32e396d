"""How a bundle is shown in the chat, whether it comes from a fresh plan or from the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from bot.bundles.plan import BundlePlan
from bot.bundles.service import SavedBundle
from bot.conversation import callbacks as cb
from bot.conversation.cards import summary, title
from bot.conversation.commands import typed
from bot.conversation.context import Services
from bot.conversation.reply import Button, Reply, bold, italic
from bot.domain.credential import CredentialRecord, LocalText, pick
from bot.i18n import N_, _, current_locale, format_hours, format_list, format_money, ngettext
from bot.language.packs import pack
from bot.language.skills import SkillMatch

CONSTRAINT_NAMES = {
    "max_hours": N_("the hour limit"),
    "max_cost": N_("the budget"),
    "taught_in": N_("the language of instruction"),
    "online": N_("“online only”"),
}


ShareLink = Callable[[str], str | None]  # a deep link for a payload, None when there is none


@dataclass
class BundleView:
    """What a bundle message shows."""

    code: str | None
    goal: str | None
    items: list[tuple[CredentialRecord, list[str]]]
    labels: dict[str, LocalText]
    held: list[str]
    uncovered: list[str]
    feasible: bool = True
    optimal: bool = False
    read_only: bool = False
    saved: bool = False


def typed_action(action: str, *args: object) -> str:
    """The typed command behind a bundle button, in the learner's language."""
    word = pack(current_locale()).bundle_actions.get(action, (action,))[0]
    return typed("bundle", word, *args)


def totals(records: Iterable[CredentialRecord]) -> tuple[float, Decimal, str]:
    """Hours, and the cost in the most common currency (others are left out, as in the solver)."""
    chosen = list(records)
    currencies = [record.price_currency or "CAD" for record in chosen if record.cost is not None]
    currency = max(set(currencies), key=currencies.count) if currencies else "CAD"
    hours = sum(record.hours or 0.0 for record in chosen)
    cost = sum(
        (record.cost for record in chosen if record.cost is not None and record.price_currency == currency),
        Decimal(0),
    )
    return hours, cost, currency


def saved_view(services: Services, saved: SavedBundle) -> BundleView:
    requested = list(saved.skills)
    covered: set[str] = set()
    items = []
    for record in saved.items:
        keys = [ref.key for ref in record.skills if ref.key]
        items.append((record, [key for key in keys if key in requested and key not in covered]))
        covered.update(keys)
    return BundleView(
        code=saved.share_code,
        goal=saved.goal,
        items=items,
        labels=services.bundles.solver().labels_for(requested),
        held=[],
        uncovered=[key for key in requested if key not in covered],
        read_only=saved.read_only,
        saved=saved.saved,
    )


def _items(reply: Reply, view: BundleView) -> None:
    def label(key: str) -> str:
        return pick(view.labels.get(key, {}), current_locale()) or key

    for number, (record, covers) in enumerate(view.items, start=1):
        reply.blank().add(f"{number}. ", bold(title(record)))
        reply.add("    ", summary(record))
        if covers:
            reply.add(
                "    ", _("Covers: {skills}").format(skills=format_list([label(key) for key in covers]))
            )
    if view.items:
        hours, cost, currency = totals(record for record, _covers in view.items)
        total = ngettext(
            "Total: {count} credential, {hours}, {cost}",
            "Total: {count} credentials, {hours}, {cost}",
            len(view.items),
        )
        reply.blank().add(
            bold(
                total.format(
                    count=len(view.items), hours=format_hours(hours), cost=format_money(cost, currency)
                )
            )
        )
    if view.held:
        held = format_list([label(key) for key in view.held])
        reply.add("🎒 ", _("Already in your wallet: {skills}").format(skills=held))
    if view.uncovered:
        reply.add(
            "❔ ", _("Not covered: {skills}").format(skills=format_list([label(k) for k in view.uncovered]))
        )


def render_bundle(view: BundleView, share_link: ShareLink) -> Reply:
    heading = _("Bundle for “{goal}”").format(goal=view.goal) if view.goal else _("Your bundle")
    reply = Reply().add(bold("🧩 " + heading))
    if not view.items:
        reply.add(_("This bundle is empty."))
    _items(reply, view)
    if view.feasible and view.optimal and view.items:
        reply.add("✅ ", _("The best bundle for this goal: the fewest hours, then the lowest cost."))
    if view.read_only:
        reply.add(italic(_("A bundle shared with you.")))
    _buttons(reply, view, share_link)
    return reply


def _buttons(reply: Reply, view: BundleView, share_link: ShareLink) -> None:
    if view.code is None or not view.items:
        return
    code = view.code
    if view.read_only:
        reply.row(Button("💾 " + _("Save a copy"), cb.CopyBundle(code).pack(), typed_action("copy", code)))
        return
    numbers = list(range(1, len(view.items) + 1))
    for start in range(0, len(numbers), 4):
        chunk = numbers[start : start + 4]
        reply.row(
            *[Button(f"✖ {n}", cb.DropFromBundle(code, n - 1).pack(), typed_action("drop", n)) for n in chunk]
        )
        reply.row(
            *[Button(f"🔁 {n}", cb.SwapChoices(code, n - 1).pack(), typed_action("swap", n)) for n in chunk]
        )
    actions = [Button("✅ " + _("Mark all earned"), cb.MarkBundleEarned(code).pack(), typed_action("earned"))]
    if not view.saved:
        actions.insert(0, Button("💾 " + _("Save"), cb.SaveBundle(code).pack(), typed_action("save")))
    reply.row(*actions)
    share = share_link(f"b_{code}")
    if share:
        reply.row(Button("🔗 " + _("Share"), cb.ShareBundle(code).pack(), url=share))


def understood(matches: Sequence[SkillMatch]) -> str:
    """`bookkeeper → bookkeeping, payroll; SQL`: what the learner's words were taken to mean."""
    locale = current_locale()
    by_query: dict[str, list[str]] = {}
    for match in matches:
        label = pick(match.label, locale)
        by_query.setdefault(match.query, [])
        if label not in by_query[match.query]:
            by_query[match.query].append(label)
    parts = []
    for query, labels in by_query.items():
        same = len(labels) == 1 and labels[0].casefold() == query.casefold()
        parts.append(labels[0] if same else f"{query} → {format_list(labels)}")
    return "; ".join(parts)


def explain_infeasible(reply: Reply, plan: BundlePlan) -> None:
    locale = current_locale()
    if plan.not_understood:
        unknown = format_list([f"“{name}”" for name in plan.not_understood])
        reply.add(
            "⚠ ",
            _("I don't know these skills, so this bundle does not cover them: {names}.").format(
                names=unknown
            ),
        )
    if plan.not_offered:
        skills = format_list([plan.label(key, locale) for key in plan.not_offered])
        reply.add("⚠ ", _("No credential in the catalogue teaches: {skills}.").format(skills=skills))
    if plan.blocking_constraints:
        names = [_(CONSTRAINT_NAMES[name]) for name in plan.blocking_constraints if name in CONSTRAINT_NAMES]
        reply.add(
            "⚠ ",
            _("Your limits rule out a complete bundle. Relax {constraints} to cover everything.").format(
                constraints=format_list(names, style="or")
            ),
        )
    if plan.closest and plan.closest.items:
        reply.add(italic(_("Above: the closest bundle within your limits.")))


def plan_reply(plan: BundlePlan, code: str | None, goal: str | None, share_link: ShareLink) -> Reply:
    """A fresh plan as a message: the bundle (or the closest one), what the words were taken to
    mean, the words not used, and why nothing complete fits."""
    if not plan.requested:
        asked = goal or format_list(plan.not_understood)
        reply = Reply().add(_("I didn't recognise any skill or job in “{goal}”.").format(goal=asked))
        reply.add(
            _("Try skill names such as “SQL”, “gestion de projet”, “GIS”, or a job such as “data analyst”.")
        )
        return reply
    # Infeasible because a named skill is unknown: the bundle for the known ones is shown.
    shown = plan if plan.feasible or plan.closest is None else plan.closest
    view = BundleView(
        code=code,
        goal=goal,
        items=[(item.credential, item.covers) for item in (shown.items if shown else [])],
        labels=plan.labels,
        held=plan.already_held,
        uncovered=shown.uncovered if shown is not None else plan.uncovered,
        feasible=plan.feasible,
        optimal=plan.optimal,
    )
    reply = render_bundle(view, share_link)
    meaning = understood(plan.matches)
    if meaning:
        reply.lines.insert(1, (italic(_("I took this to mean: {skills}").format(skills=meaning)),))
    if plan.unknown_words:
        reply.add(italic(_("Words I did not use: {words}").format(words=format_list(plan.unknown_words))))
    if not plan.feasible:
        explain_infeasible(reply, plan)
    return reply

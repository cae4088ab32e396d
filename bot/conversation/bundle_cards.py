"""How a bundle is shown in the chat, whether it comes from a fresh plan, an edit or the store:
its items, totals, what the wallet already holds, the limits understood, and its buttons (at most
three a row, each saying what it does, the per-item actions behind pickers that have a Cancel)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.bundles.plan import BundlePlan
from bot.bundles.service import Edit, SavedBundle, Totals, totals
from bot.conversation import callbacks as cb
from bot.conversation.cards import describe_filters, summary, title
from bot.conversation.commands import typed
from bot.conversation.reply import Button, Line, Reply, Styled, bold, echo, italic
from bot.domain.credential import CredentialRecord, LocalText, pick
from bot.domain.limits import Limits
from bot.i18n import N_, _, current_locale, format_hours, format_list, format_money, language_name, ngettext
from bot.language.packs import pack
from bot.language.skills import SkillMatch

CONSTRAINT_NAMES = {
    "max_hours": N_("the hour limit"),
    "max_cost": N_("the budget"),
    "taught_in": N_("the language of instruction"),
    "online": N_("“online only”"),
}
# The longest button label for one item: about what a phone shows on one line.
ITEM_LABEL_MAX = 38

ShareLink = Callable[[str], str | None]  # a deep link for a payload, None when there is none
ShareSheet = Callable[[str, str], str | None]  # Telegram's share sheet for a payload and a text


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
    limits: Limits | None = None
    # Limits the learner did not state but that apply by default (taught_in: their language).
    default_limits: list[str] = field(default_factory=list)
    worse: bool = False  # the learner's edits made it worse than the best bundle


def typed_action(action: str, *args: object) -> str:
    """The typed command behind a bundle button, in the learner's language."""
    word = pack(current_locale()).bundle_actions.get(action, (action,))[0]
    return typed("bundle", word, *args)


def cut(text: str, limit: int = ITEM_LABEL_MAX) -> str:
    """`text` cut at a word to fit a button label, with an ellipsis."""
    return echo(text, limit)


def totals_text(shown: Totals) -> str:
    text = ngettext(
        "{count} credential, {hours}, {cost}", "{count} credentials, {hours}, {cost}", shown.count
    )
    return text.format(
        count=shown.count, hours=format_hours(shown.hours), cost=format_money(shown.cost, shown.currency)
    )


def saved_view(saved: SavedBundle, labels: dict[str, LocalText]) -> BundleView:
    return BundleView(
        code=saved.share_code,
        goal=saved.goal,
        items=[(record, saved.covers.get(record.external_id, [])) for record in saved.items],
        labels=labels,
        held=list(saved.held),
        uncovered=list(saved.uncovered),
        read_only=saved.read_only,
        saved=saved.saved,
        limits=saved.constraints,
    )


def _label(view: BundleView, key: str) -> str:
    return pick(view.labels.get(key, {}), current_locale()) or key


def _items(reply: Reply, view: BundleView) -> None:
    for number, (record, covers) in enumerate(view.items, start=1):
        reply.blank().add(f"{number}. ", bold(title(record)))
        reply.add("    ", summary(record))
        if covers:
            skills = format_list([_label(view, key) for key in covers])
            reply.add("    ", _("Covers: {skills}").format(skills=skills))
    if view.items:
        shown = totals(record for record, _covers in view.items)
        reply.blank().add(bold(_("Total: {totals}").format(totals=totals_text(shown))))
    if view.held:
        held = format_list([_label(view, key) for key in view.held])
        reply.add("🎒 ", _("Already in your wallet: {skills}").format(skills=held))
    if view.uncovered:
        missing = format_list([_label(view, key) for key in view.uncovered])
        reply.add("❔ ", _("Not covered: {skills}").format(skills=missing))


def limits_line(limits: Limits | None, defaults: Sequence[str] = ()) -> str:
    """`Limits: taught in English (your language), at most $500`: what the bundle respects."""
    if limits is None:
        return ""
    described = []
    for name in limits.for_bundle().active():
        for text in describe_filters(limits.for_bundle(), [name]):
            described.append(_("{limit} (your language)").format(limit=text) if name in defaults else text)
    if not described:
        return ""
    return _("Limits: {limits}").format(limits=format_list(described))


def render_bundle(view: BundleView, share: ShareSheet) -> Reply:
    heading = _("Bundle for “{goal}”").format(goal=echo(view.goal)) if view.goal else _("Your bundle")
    reply = Reply().add(bold("🧩 " + heading))
    restated = limits_line(view.limits, view.default_limits)
    if restated:
        reply.add(italic(restated))
    if not view.items:
        if view.held and not view.uncovered:
            reply.add("🎉 ", _("Everything this goal asks for is already in your wallet."))
        else:
            reply.add(_("This bundle is empty."))
    _items(reply, view)
    if view.feasible and view.optimal and view.items:
        reply.add("✅ ", _("The best bundle for this goal: the fewest hours, then the lowest cost."))
    away = [record for record, _covers in view.items if record.delivery != "online"]
    if away and view.goal and not view.read_only and not (view.limits and view.limits.online):
        note = ngettext(
            "{count} of these credentials is not online: “Online only” plans a bundle you can follow from anywhere.",
            "{count} of these credentials are not online: “Online only” plans a bundle you can follow from anywhere.",
            len(away),
        )
        reply.add("🏫 ", note.format(count=len(away)))
    if view.read_only:
        reply.add(italic(_("A bundle shared with you.")))
    _buttons(reply, view, share)
    return reply


def share_button(code: str, goal: str | None, share: ShareSheet) -> Button | None:
    text = _("My bundle for “{goal}” on credbot").format(goal=goal) if goal else _("My bundle on credbot")
    url = share(f"b_{code}", text)
    return Button("🔗 " + _("Share"), cb.ShareBundle(code).pack(), url=url) if url else None


def _buttons(reply: Reply, view: BundleView, share: ShareSheet) -> None:
    if view.code is None:
        return
    code = view.code
    if view.read_only:
        if view.items:
            reply.row(
                Button("💾 " + _("Save a copy"), cb.CopyBundle(code).pack(), typed_action("copy", code)),
                card_button(code),
            )
        return
    if view.items:
        reply.row(
            Button("✖ " + _("Drop a credential"), cb.DropChoices(code).pack(), typed_action("drop")),
            Button("🔁 " + _("Swap a credential"), cb.SwapPick(code).pack(), typed_action("swap")),
        )
    actions = []
    if not view.saved:
        actions.append(Button("💾 " + _("Save"), cb.SaveBundle(code).pack(), typed_action("save")))
    if view.items:
        actions.append(
            Button("✅ " + _("Mark all earned"), cb.MarkBundleEarned(code).pack(), typed_action("earned"))
        )
    shared = share_button(code, view.goal, share) if view.items else None
    if shared:
        actions.append(shared)
    reply.row(*actions)
    last = []
    if view.worse:
        last.append(
            Button("↺ " + _("Back to the best bundle"), cb.ResetBundle(code).pack(), typed_action("best"))
        )
    if "taught_in" in view.default_limits or (view.limits and view.limits.taught_in):
        last.append(
            Button(
                "🌍 " + _("Any language"),
                cb.RelaxBundle(code, "taught_in").pack(),
                typed_action("any_language"),
            )
        )
    online = view.limits is not None and view.limits.online
    if view.goal and not online and any(record.delivery != "online" for record, _covers in view.items):
        last.append(Button("🌐 " + _("Online only"), cb.OnlineBundle(code).pack(), typed_action("online")))
    if online and view.uncovered:
        last.append(
            Button(
                "🏫 " + _("In person too"), cb.RelaxBundle(code, "online").pack(), typed_action("in_person")
            )
        )
    if view.items:
        last.append(card_button(code))
    last.append(Button("📚 " + _("My bundles"), cb.MyBundles().pack(), typed("bundles")))
    reply.row(*last)


def card_button(code: str) -> Button:
    """The bundle's image card (`/card N` types it for a saved bundle: its number in the list)."""
    return Button("🖼 " + _("Card"), cb.BundleCard(code).pack())


def item_picker(view: BundleView, action: str) -> Reply:
    """`Which credential do you want to drop?` with one button a credential and a Cancel."""
    assert view.code is not None
    question = (
        _("Which credential do you want to drop?")
        if action == "drop"
        else _("Which credential do you want to replace?")
    )
    reply = Reply(replace=True).add(bold(question))
    for number, (record, _covers) in enumerate(view.items, start=1):
        reply.add(f"{number}. ", title(record))
        if action == "drop":
            label = _("✖ Drop {number}: {title}").format(number=number, title=title(record))
            code = cb.DropFromBundle(view.code, number - 1).pack()
        else:
            label = _("🔁 Swap {number}: {title}").format(number=number, title=title(record))
            code = cb.SwapChoices(view.code, number - 1).pack()
        reply.row(Button(cut(label), code, typed_action(action, number)))
    return reply.row(cancel_button(view.code))


def cancel_button(code: str) -> Button:
    return Button("↩ " + _("Cancel"), cb.ShowBundle(code).pack(), typed("bundle"))


def _change(before: Totals, after: Totals) -> str:
    return _("Before: {before}. Now: {after}.").format(before=totals_text(before), after=totals_text(after))


def _difference(mine: Totals, best: Totals) -> str:
    parts = []
    if mine.hours > best.hours:
        parts.append(_("{hours} more").format(hours=format_hours(mine.hours - best.hours)))
    if mine.cost > best.cost and mine.currency == best.currency:
        parts.append(_("{cost} more").format(cost=format_money(mine.cost - best.cost, mine.currency)))
    return format_list(parts)


def edit_notes(
    reply: Reply,
    edit: Edit,
    labels: dict[str, LocalText],
    done: str | None = None,
    earned: bool = False,
    dropped: str | None = None,
) -> None:
    """After an edit: what it did, how the totals changed, and a warning when the bundle is now
    worse than the best one for the goal. `dropped`: the credential the learner dropped, which
    `done` already names (not listed again among those left out)."""
    locale = current_locale()
    lines: list[tuple[str, ...]] = []
    if done:
        lines.append(("✏ ", done))
    added = [title(record) for record in edit.added]
    removed = [title(record) for record in edit.removed if record.external_id != dropped]
    if added:
        lines.append(("➕ ", _("Added: {titles}").format(titles=format_list(added))))
    if removed and not earned:
        lines.append(("➖ ", _("Left out: {titles}").format(titles=format_list(removed))))
    before, after = edit.before.totals, edit.after.totals
    if (before.count, before.hours, before.cost) != (after.count, after.hours, after.cost):
        lines.append(("📊 ", _change(before, after)))
    if edit.worse and edit.best is not None:
        newly = [key for key in edit.after.uncovered if key not in edit.before.uncovered]
        if newly:
            skills = format_list([pick(labels.get(key, {}), locale) or key for key in newly])
            lines.append(("⚠ ", _("Your changes leave out: {skills}.").format(skills=skills)))
        difference = _difference(after, edit.best)
        if difference:
            lines.append(
                (
                    "⚠ ",
                    _("This bundle takes {difference} than the best one for this goal ({best}).").format(
                        difference=difference, best=totals_text(edit.best)
                    ),
                )
            )
        elif not newly:
            lines.append(
                (
                    "⚠ ",
                    _("The best bundle for this goal is better: {best}.").format(best=totals_text(edit.best)),
                )
            )
    if not lines:
        return
    # The notes go right under the heading and the limits, where a phone shows them first.
    at = 1
    while at < len(reply.lines) and _is_note(reply.lines[at]):
        at += 1
    for offset, line in enumerate(lines):
        reply.lines.insert(at + offset, line)


def _is_note(line: Line) -> bool:
    return len(line) == 1 and isinstance(line[0], Styled) and line[0].style == "italic"


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


def plan_reply(
    plan: BundlePlan,
    code: str | None,
    goal: str | None,
    share: ShareSheet,
    default_limits: Sequence[str] = (),
    widened: bool = False,
) -> Reply:
    """A fresh plan as a message: the bundle (or the closest one), what the words were taken to
    mean, the limits it respects, the words not used, and why nothing complete fits."""
    if not plan.requested:
        asked = goal or format_list(plan.not_understood)
        reply = Reply().add(_("I didn't recognise any skill or job in “{goal}”.").format(goal=echo(asked)))
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
        limits=plan.constraints,
        default_limits=list(default_limits),
    )
    reply = render_bundle(view, share)
    meaning = understood(plan.matches)
    if meaning:
        reply.lines.insert(1, (italic(_("I took this to mean: {skills}").format(skills=meaning)),))
    if widened:
        reply.add(
            "🌍 ",
            _("Not everything is taught in {language}: this bundle includes other languages.").format(
                language=language_name(current_locale())
            ),
        )
    if plan.unknown_words:
        reply.add(italic(_("Words I did not use: {words}").format(words=format_list(plan.unknown_words))))
    if not plan.feasible:
        explain_infeasible(reply, plan)
    return reply

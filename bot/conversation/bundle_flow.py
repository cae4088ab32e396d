"""Bundles in the chat: a goal in words, the best bundle for it, every edit of a bundle (each
planned again by the solver under the same goal and limits), and the learner's saved bundles."""

from __future__ import annotations

from dataclasses import replace

from bot.bundles.service import BundleError, Edit, SavedBundle
from bot.conversation import callbacks as cb
from bot.conversation.bundle_cards import (
    BundleView,
    cancel_button,
    cut,
    edit_notes,
    item_picker,
    plan_reply,
    render_bundle,
    saved_view,
    share_button,
    totals_text,
    typed_action,
)
from bot.conversation.cards import describe_filters, summary, title, unknown_credential
from bot.conversation.commands import YES, typed
from bot.conversation.context import Services, Who
from bot.conversation.goal_cards import only_closest_goals, search_instead, with_closest_goals
from bot.conversation.numbers import is_number, whole
from bot.conversation.reply import Button, Reply, bold, italic
from bot.domain.credential import pick
from bot.domain.limits import Limits
from bot.i18n import N_, _, current_locale, format_list, ngettext
from bot.language.packs import PACKS, pack

# Typed equivalents of the bundle buttons: every pack's words for each action.
TYPED_ACTIONS = {
    word: key for each in PACKS.values() for key, words in each.bundle_actions.items() for word in words
}
GOAL_EXAMPLES = ("data-analyst", "cybersecurity-analyst", "bookkeeper", "online-instructor")
BUNDLE_ERRORS = {
    "not_found": N_("This bundle no longer exists."),
    "not_owner": N_("This bundle belongs to someone else. You can save a copy of it."),
    "not_in_bundle": N_("That credential is no longer in this bundle."),
    "not_a_candidate": N_("That credential can't replace this one."),
    "unknown_credential": N_("That credential is no longer in the catalogue."),
    "no_cheaper": N_("No cheaper bundle covers the same skills: this one stays as it was."),
}


def error_reply(error: BundleError) -> Reply:
    return Reply(notice=_(BUNDLE_ERRORS.get(error.reason, BUNDLE_ERRORS["not_found"])))


def bundle(services: Services, who: Who, goal: str) -> Reply:
    """`/bundle …`: a typed action on the latest bundle, the goal prompt, or a plan for a goal."""
    goal = goal.strip()
    try:
        typed_reply = _typed_action(services, who, goal)
    except BundleError as error:
        return _as_message(error_reply(error))
    if typed_reply is not None:
        return typed_reply
    if not goal:
        return prompt(services)
    return plan(services, who, goal=goal)


def _as_message(reply: Reply) -> Reply:
    """A typed command has no button to show a notice on: say it as a message."""
    if not reply.lines and reply.notice:
        return Reply().add(reply.notice)
    reply.replace = False
    return reply


def _typed_action(services: Services, who: Who, text: str) -> Reply | None:
    """`/bundle drop 2`, `/parcours remplacer 2 1`, `/bundle save`…: every button, typed."""
    word, _sep, rest = text.partition(" ")
    action = TYPED_ACTIONS.get(word.lower())
    numbers = rest.split()
    if action == "copy" and len(numbers) == 1:
        return _as_message(press(services, who, cb.CopyBundle(numbers[0].upper())))
    confirmed = action == "earned" and len(numbers) == 1 and numbers[0].lower() in YES
    if action is None or not (confirmed or all(is_number(number) for number in numbers)):
        return None
    if action == "add" and len(numbers) == 1:
        return _as_message(add_to_bundle(services, who, whole(numbers[0]) or 0))
    code = services.bundles.latest_code(who.ref)
    if code is None:
        return Reply().add(_("You have no bundle yet. Ask for one, for example /bundle data analyst."))
    indexes = [(whole(number) or 0) - 1 for number in numbers if is_number(number)]
    pressed: cb.CallbackData | None = None
    if action == "save" and not numbers:
        pressed = cb.SaveBundle(code)
    elif action == "earned" and (confirmed or not numbers):
        pressed = cb.MarkBundleEarned(code, True if confirmed else None)
    elif action == "best" and not numbers:
        pressed = cb.ResetBundle(code)
    elif action == "any_language" and not numbers:
        pressed = cb.RelaxBundle(code, "taught_in")
    elif action == "in_person" and not numbers:
        pressed = cb.RelaxBundle(code, "online")
    elif action == "online" and not numbers:
        pressed = cb.OnlineBundle(code)
    elif action == "drop" and not numbers:
        pressed = cb.DropChoices(code)
    elif action == "drop" and len(numbers) == 1:
        pressed = cb.DropFromBundle(code, indexes[0])
    elif action == "swap" and not numbers:
        pressed = cb.SwapPick(code)
    elif action == "swap" and len(numbers) == 1:
        pressed = cb.SwapChoices(code, indexes[0])
    elif action == "swap" and len(numbers) == 2:
        return _as_message(_swap_by_choice(services, who, code, indexes[0], whole(numbers[1]) or 0))
    return _as_message(press(services, who, pressed)) if pressed is not None else None


def bundle_on_screen(services: Services, who: Who) -> str | None:
    """The code of the learner's latest bundle when it is what the bot showed last (a typed
    /card or /share then acts on it), else None."""
    shown = services.state.shown(who.ref)
    return services.bundles.latest_code(who.ref) if shown is not None and shown.kind == "bundle" else None


def prompt(services: Services) -> Reply:
    reply = Reply().add(bold(_("What is your goal?")))
    reply.add(_("Name skills or a job, with your limits if you have any, for example:"))
    reply.add(italic(_("“/bundle Python, SQL, data visualisation”")))
    reply.add(italic(_("“/bundle I want to become a bookkeeper, online, under 60 hours”")))
    reply.add(_("Or pick a goal:"))
    occupations = services.bundles.solver().matcher.occupations
    buttons = [
        Button(pick(occupations[key].label, current_locale()), cb.BundleForOccupation(key).pack())
        for key in GOAL_EXAMPLES
        if key in occupations
    ]
    for start in range(0, len(buttons), 2):
        reply.row(*buttons[start : start + 2])
    return reply


def plan(services: Services, who: Who, goal: str | None = None, occupation: str | None = None) -> Reply:
    """The best bundle for a goal, taught in the learner's language unless they say otherwise."""
    result, code = services.bundles.plan(who.ref, goal=goal, occupation=occupation, language=current_locale())
    occupations = services.bundles.solver().matcher.occupations
    name = pick(occupations[occupation].label, current_locale()) if occupation in occupations else occupation
    if occupation and name:
        # A goal button's occupation is said by its name, never its key.
        result.matches = [replace(m, query=name) if m.query == occupation else m for m in result.matches]
    if not result.requested and goal:
        closest = only_closest_goals(result, goal, occupations)
        if closest is not None:
            return closest
    reply = plan_reply(
        result,
        code,
        goal or name,
        services.share_sheet,
        default_limits=[] if result.widened else result.default_limits,
        widened=bool(result.widened),
    )
    reply = search_instead(reply, result, services.search, lambda query: services.state.remember_search(who.ref, query))
    return with_closest_goals(reply, result, occupations, GOAL_EXAMPLES)


def _view(services: Services, saved: SavedBundle) -> BundleView:
    return saved_view(saved, services.bundles.solver().labels_for(saved.skills))


def _shown(services: Services, saved: SavedBundle, notice: str | None = None) -> Reply:
    reply = render_bundle(_view(services, saved), services.share_sheet)
    reply.replace, reply.notice = True, notice
    return reply


def _edited(
    services: Services,
    edit: Edit,
    done: str | None = None,
    notice: str | None = None,
    earned: bool = False,
    dropped: str | None = None,
) -> Reply:
    """The bundle after an edit, in place of the message pressed, with what changed."""
    view = _view(services, edit.after)
    view.worse = edit.worse
    view.optimal = not edit.worse and edit.best is not None and not edit.after.uncovered
    reply = render_bundle(view, services.share_sheet)
    edit_notes(reply, edit, view.labels, done, earned, dropped)
    reply.replace, reply.notice = True, notice
    return reply


def narrow(services: Services, who: Who, code: str, stated: Limits) -> Reply:
    """The bundle shown, planned again with the limits just typed added to its own."""
    try:
        edit = services.bundles.narrow(who.ref, code, stated)
    except BundleError as error:
        return _as_message(error_reply(error))
    said = describe_filters(replace(stated, max_cost=None, cheap=False) if stated.cheap else stated)
    if stated.cheap:
        said.insert(0, _("cheaper than now"))
    reply = _edited(services, edit, _("Planned again: {limits}").format(limits=format_list(said)))
    if not edit.added and not edit.removed:
        reply.add(_("The bundle already fits that: it stays as it was."))
    return _as_message(reply)


def _item(services: Services, who: Who, code: str, index: int) -> str:
    """The external id of the bundle's item at `index`."""
    shown = services.bundles.shared(code, who.ref)
    if not 0 <= index < len(shown.items):
        raise BundleError("not_in_bundle", str(index))
    return shown.items[index].external_id


def press(services: Services, who: Who, pressed: cb.CallbackData) -> Reply:
    """A bundle button (or its typed command)."""
    try:
        return _press(services, who, pressed)
    except BundleError as error:
        return error_reply(error)


def _press(services: Services, who: Who, pressed: cb.CallbackData) -> Reply:
    bundles = services.bundles
    match pressed:
        case cb.BundleForOccupation(key=key):
            return plan(services, who, occupation=key)
        case cb.AddToBundle(credential_id=credential_id):
            return add_to_bundle(services, who, credential_id)
        case cb.CopyBundle(code=code):
            reply = render_bundle(_view(services, bundles.copy(code, who.ref)), services.share_sheet)
            return reply.add("💾 ", _("Saved to your bundles."))
        case cb.SaveBundle(code=code):
            return _shown(services, bundles.save(who.ref, code), _("Bundle saved."))
        case cb.ShowBundle(code=code):
            return _shown(services, bundles.shared(code, who.ref))
        case cb.MarkBundleEarned(code=code, confirmed=None):
            return _confirm_earned(services, who, code)
        case cb.MarkBundleEarned(code=code, confirmed=True):
            added, edit = bundles.mark_earned(who.ref, code)
            done = ngettext(
                "{count} credential added to your wallet.",
                "{count} credentials added to your wallet.",
                len(added),
            ).format(count=len(added))
            return _edited(services, edit, done, notice=done, earned=True)
        case cb.MarkBundleEarned(code=code):
            return _shown(services, bundles.shared(code, who.ref))
        case cb.DropChoices(code=code):
            return item_picker(_view(services, bundles.shared(code, who.ref)), "drop")
        case cb.SwapPick(code=code):
            return item_picker(_view(services, bundles.shared(code, who.ref)), "swap")
        case cb.DropFromBundle(code=code, index=index):
            old = _item(services, who, code, index)
            edit = bundles.drop(who.ref, code, old)
            dropped = next(r for r in edit.before.items if r.external_id == old)
            return _edited(services, edit, _("Dropped: {title}").format(title=title(dropped)), dropped=old)
        case cb.SwapChoices(code=code, index=index):
            return _swap_choices(services, who, code, index)
        case cb.SwapItem(code=code, index=index, credential_id=credential_id):
            return _swap(services, who, code, index, credential_id)
        case cb.ResetBundle(code=code):
            return _edited(
                services, bundles.reset(who.ref, code), _("Back to the best bundle for this goal.")
            )
        case cb.RelaxBundle(code=code, limit=limit):
            return _edited(services, bundles.relax(who.ref, code, limit))
        case cb.OnlineBundle(code=code):
            return _edited(services, bundles.online(who.ref, code))
        case cb.MyBundles():
            return my_bundles(services, who, replace=True)
        case cb.DeleteBundle(code=code, confirmed=confirmed):
            return _delete(services, who, code, confirmed)
    return Reply(notice=_("This button has expired. Please start again with /start."))


def _confirm_earned(services: Services, who: Who, code: str) -> Reply:
    shown = services.bundles.shared(code, who.ref)
    if shown.read_only:
        raise BundleError("not_owner", code)
    count = len(shown.items)
    question = ngettext(
        "Mark {count} credential as earned?", "Mark these {count} credentials as earned?", count
    ).format(count=count)
    reply = Reply(replace=True).add(bold(question))
    for number, record in enumerate(shown.items, start=1):
        reply.add(f"{number}. ", title(record))
    reply.add(_("They go to your wallet and leave this bundle."))
    return reply.row(
        Button(
            "✅ " + _("Yes, I earned them"),
            cb.MarkBundleEarned(code, True).pack(),
            typed_action("earned", pack(current_locale()).yes[0]),
        ),
        cancel_button(code),
    )


def _swap(services: Services, who: Who, code: str, index: int, credential_id: int) -> Reply:
    old = _item(services, who, code, index)
    new = services.catalogue.credential(credential_id)
    if new is None:
        raise BundleError("unknown_credential", str(credential_id))
    edit = services.bundles.swap(who.ref, code, old, new.external_id)
    replaced = next(r for r in edit.before.items if r.external_id == old)
    done = _("Replaced “{old}” with “{new}”.").format(old=title(replaced), new=title(new))
    return _edited(services, edit, done, dropped=old)


def _swap_by_choice(services: Services, who: Who, code: str, index: int, choice: int) -> Reply:
    """`/bundle swap 2 1`: the first of the alternatives listed for item 2."""
    try:
        options = services.bundles.swap_options(who.ref, code, _item(services, who, code, index))
        if not 1 <= choice <= len(options):
            raise BundleError("not_a_candidate", str(choice))
        number = options[choice - 1].credential.id
        assert number is not None
        return _swap(services, who, code, index, number)
    except BundleError as error:
        return error_reply(error)


def _swap_choices(services: Services, who: Who, code: str, index: int) -> Reply:
    shown = services.bundles.shared(code, who.ref)
    if not 0 <= index < len(shown.items):
        raise BundleError("not_in_bundle", str(index))
    target = shown.items[index]
    options = services.bundles.swap_options(who.ref, code, target.external_id)
    if not options:
        reply = Reply(replace=True).add(
            _("No other credential teaches what “{title}” brings to this bundle.").format(title=title(target))
        )
        return reply.row(cancel_button(code))
    now = shown.totals
    reply = Reply(replace=True).add(bold(_("Replace “{title}” with:").format(title=title(target))))
    reply.add(
        italic(
            _("The rest of the bundle is planned again around your choice (now: {totals}).").format(
                totals=totals_text(now)
            )
        )
    )
    for number, option in enumerate(options, start=1):
        record = option.credential
        assert record.id is not None
        reply.blank().add(f"{number}. ", bold(title(record)))
        reply.add("    ", summary(record))
        after = _("Resulting bundle: {totals}").format(totals=totals_text(option.totals))
        if option.uncovered:
            left = ngettext(
                "{count} skill not covered", "{count} skills not covered", option.uncovered
            ).format(count=option.uncovered)
            after = f"{after} · {left}"
        reply.add("    → ", after)
        label = _("🔁 {number}: {title}").format(number=number, title=title(record))
        reply.row(
            Button(
                cut(label),
                cb.SwapItem(code, index, record.id).pack(),
                typed_action("swap", index + 1, number),
            )
        )
    return reply.row(cancel_button(code))


def add_to_bundle(services: Services, who: Who, credential_id: int) -> Reply:
    credential = services.catalogue.credential(credential_id)
    if credential is None:
        return unknown_credential(credential_id)
    edit = services.bundles.add(who.ref, credential.external_id)
    notice = _("Added to your bundle: {title}").format(title=title(credential))
    reply = _edited(services, edit, notice, notice=notice)
    reply.replace = False  # the card stays; the bundle comes as a message of its own
    return reply


def shared_bundle(services: Services, who: Who, code: str) -> Reply:
    try:
        saved = services.bundles.shared(code, who.ref)
    except BundleError as error:
        return Reply().add(_(BUNDLE_ERRORS.get(error.reason, BUNDLE_ERRORS["not_found"])))
    return render_bundle(_view(services, saved), services.share_sheet)


# ---- saved bundles ----


def my_bundles(services: Services, who: Who, replace: bool = False) -> Reply:
    """The learner's saved bundles, each with Open, Share and Delete (`/bundles`, « mes parcours »).
    The entry point for "my bundles" in free text too."""
    saved = services.bundles.saved_bundles(who.ref)
    reply = Reply(replace=replace)
    if not saved:
        reply.add(_("You have no saved bundles yet."))
        reply.add(_("Ask for one, for example /bundle data analyst, then press “Save”."))
        return reply
    count = ngettext("{count} saved bundle", "{count} saved bundles", len(saved)).format(count=len(saved))
    reply.add(bold("📚 " + count))
    for number, bundle_ in enumerate(saved, start=1):
        name = bundle_.goal or _("Your bundle")
        reply.blank().add(f"{number}. ", bold(name))
        reply.add("    ", totals_text(bundle_.totals))
        buttons = [
            Button(
                _("📂 Open {number}").format(number=number),
                cb.ShowBundle(bundle_.share_code).pack(),
                typed("bundles", _word("open"), number),
            ),
        ]
        shared = share_button(bundle_.share_code, bundle_.goal, services.share_sheet)
        if shared is not None:
            buttons.append(Button(_("🔗 Share {number}").format(number=number), shared.code, url=shared.url))
        buttons.append(
            Button(
                _("🗑 Delete {number}").format(number=number),
                cb.DeleteBundle(bundle_.share_code).pack(),
                typed("bundles", _word("delete"), number),
            )
        )
        reply.row(*buttons)
    return reply


def _word(action: str) -> str:
    return pack(current_locale()).bundle_actions.get(action, (action,))[0]


def bundles_command(services: Services, who: Who, args: str) -> Reply:
    """`/bundles`, `/bundles open 2`, `/mesparcours supprimer 1`: the list and its buttons, typed."""
    word, _sep, rest = args.strip().partition(" ")
    action = TYPED_ACTIONS.get(word.lower())
    numbers = rest.split()
    if action not in ("open", "delete") or len(numbers) not in (1, 2) or not is_number(numbers[0]):
        return my_bundles(services, who)
    saved = services.bundles.saved_bundles(who.ref)
    index = (whole(numbers[0]) or 0) - 1
    if not 0 <= index < len(saved):
        return Reply().add(_("You have no saved bundle number {number}.").format(number=numbers[0]))
    code = saved[index].share_code
    if action == "open":
        return _as_message(press(services, who, cb.ShowBundle(code)))
    confirmed = len(numbers) == 2 and numbers[1].lower() in YES
    return _as_message(press(services, who, cb.DeleteBundle(code, True if confirmed else None)))


def _delete(services: Services, who: Who, code: str, confirmed: bool | None) -> Reply:
    if confirmed is None:
        shown = services.bundles.shared(code, who.ref)
        if shown.read_only:
            raise BundleError("not_owner", code)
        name = shown.goal or _("Your bundle")
        reply = Reply(replace=True).add(bold(_("Delete the bundle “{name}”?").format(name=name)))
        reply.add(_("Your wallet is not changed."))
        codes = [saved.share_code for saved in services.bundles.saved_bundles(who.ref)]
        command = (
            typed(
                "bundles", _word("delete"), codes.index(shown.share_code) + 1, pack(current_locale()).yes[0]
            )
            if shown.share_code in codes
            else None
        )
        return reply.row(
            Button("🗑 " + _("Yes, delete it"), cb.DeleteBundle(code, True).pack(), command),
            Button("↩ " + _("Cancel"), cb.MyBundles().pack(), typed("bundles")),
        )
    if not confirmed:
        return my_bundles(services, who, replace=True)
    gone = services.bundles.delete(who.ref, code)
    reply = my_bundles(services, who, replace=True)
    notice = _("Deleted: {name}").format(name=gone.goal or _("Your bundle"))
    reply.notice = notice
    reply.lines.insert(0, ("🗑 ", notice))
    return reply

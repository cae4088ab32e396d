"""Bundles in the chat: a goal in words, the best bundle for it, and every edit of a bundle."""

from __future__ import annotations

from bot.bundles.service import BundleError, SavedBundle
from bot.conversation import callbacks as cb
from bot.conversation.bundle_cards import (
    plan_reply,
    render_bundle,
    saved_view,
    typed_action,
)
from bot.conversation.cards import summary, title, unknown_credential
from bot.conversation.context import Services, Who
from bot.conversation.reply import Button, Reply, bold, italic
from bot.domain.credential import pick
from bot.i18n import N_, _, current_locale, ngettext
from bot.language.packs import PACKS

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
}


def error_reply(error: BundleError) -> Reply:
    return Reply(notice=_(BUNDLE_ERRORS.get(error.reason, BUNDLE_ERRORS["not_found"])))


def bundle(services: Services, who: Who, goal: str) -> Reply:
    """`/bundle …`: a typed action on the latest bundle, the goal prompt, or a plan for a goal."""
    goal = goal.strip()
    try:
        typed = _typed_action(services, who, goal)
    except BundleError as error:
        return _as_message(error_reply(error))
    if typed is not None:
        return typed
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
    if action is None or not all(number.isdigit() for number in numbers):
        return None
    if action == "add" and len(numbers) == 1:
        return add_to_bundle(services, who, int(numbers[0]))
    code = services.bundles.latest_code(who.ref)
    if code is None:
        return Reply().add(_("You have no bundle yet. Ask for one, for example /bundle data analyst."))
    indexes = [int(number) - 1 for number in numbers]
    pressed: cb.CallbackData | None = None
    if action == "save" and not numbers:
        pressed = cb.SaveBundle(code)
    elif action == "earned" and not numbers:
        pressed = cb.MarkBundleEarned(code)
    elif action == "drop" and len(numbers) == 1:
        pressed = cb.DropFromBundle(code, indexes[0])
    elif action == "swap" and len(numbers) == 1:
        pressed = cb.SwapChoices(code, indexes[0])
    elif action == "swap" and len(numbers) == 2:
        return _as_message(_swap_by_choice(services, who, code, indexes[0], int(numbers[1])))
    return _as_message(press(services, who, pressed)) if pressed is not None else None


def prompt(services: Services) -> Reply:
    reply = Reply().add(bold(_("What is your goal?")))
    reply.add(_("Name skills or a job, with your limits if you have any, for example:"))
    reply.add(italic(_("“/bundle python, SQL, data visualisation”")))
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
    result, code = services.bundles.plan(who.ref, goal=goal, occupation=occupation)
    occupations = services.bundles.solver().matcher.occupations
    name = pick(occupations[occupation].label, current_locale()) if occupation in occupations else occupation
    return plan_reply(result, code, goal or name, services.share_link)


def _edited(services: Services, saved: SavedBundle, notice: str | None = None) -> Reply:
    reply = render_bundle(saved_view(services, saved), services.share_link)
    reply.replace, reply.notice = True, notice
    return reply


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
            return render_bundle(saved_view(services, bundles.copy(code, who.ref)), services.share_link).add(
                "💾 ", _("Saved to your bundles.")
            )
        case cb.SaveBundle(code=code):
            return _edited(services, bundles.save(who.ref, code), _("Bundle saved."))
        case cb.MarkBundleEarned(code=code):
            added = bundles.mark_earned(who.ref, code)
            notice = ngettext(
                "{count} credential added to your wallet.",
                "{count} credentials added to your wallet.",
                len(added),
            )
            return Reply(notice=notice.format(count=len(added)))
        case cb.DropFromBundle(code=code, index=index):
            return _edited(services, bundles.drop(who.ref, code, _item(services, who, code, index)))
        case cb.SwapChoices(code=code, index=index):
            return _swap_choices(services, who, code, index)
        case cb.SwapItem(code=code, index=index, credential_id=credential_id):
            return _swap(services, who, code, index, credential_id)
    return Reply(notice=_("This button has expired. Please start again with /start."))


def _swap(services: Services, who: Who, code: str, index: int, credential_id: int) -> Reply:
    old = _item(services, who, code, index)
    new = services.catalogue.credential(credential_id)
    if new is None:
        raise BundleError("unknown_credential", str(credential_id))
    return _edited(services, services.bundles.swap(who.ref, code, old, new.external_id))


def _swap_by_choice(services: Services, who: Who, code: str, index: int, choice: int) -> Reply:
    """`/bundle swap 2 1`: the first of the alternatives listed for item 2."""
    try:
        options = services.bundles.alternatives(code, _item(services, who, code, index))
        if not 1 <= choice <= len(options):
            raise BundleError("not_a_candidate", str(choice))
        number = options[choice - 1].id
        assert number is not None
        return _swap(services, who, code, index, number)
    except BundleError as error:
        return error_reply(error)


def _swap_choices(services: Services, who: Who, code: str, index: int) -> Reply:
    shown = services.bundles.shared(code, who.ref)
    if not 0 <= index < len(shown.items):
        raise BundleError("not_in_bundle", str(index))
    target = shown.items[index]
    options = services.bundles.alternatives(code, target.external_id)
    if not options:
        return Reply(notice=_("No other credential covers the same skills."))
    reply = Reply().add(bold(_("Replace “{title}” with:").format(title=title(target))))
    buttons = []
    for number, option in enumerate(options, start=1):
        assert option.id is not None
        reply.blank().add(f"{number}. ", bold(title(option)))
        reply.add("    ", summary(option))
        buttons.append(
            Button(
                str(number),
                cb.SwapItem(code, index, option.id).pack(),
                typed_action("swap", index + 1, number),
            )
        )
    return reply.row(*buttons)


def add_to_bundle(services: Services, who: Who, credential_id: int) -> Reply:
    credential = services.catalogue.credential(credential_id)
    if credential is None:
        return unknown_credential(credential_id)
    saved = services.bundles.add(who.ref, credential.external_id)
    reply = render_bundle(saved_view(services, saved), services.share_link)
    reply.notice = _("Added to your bundle: {title}").format(title=title(credential))
    return reply


def shared_bundle(services: Services, who: Who, code: str) -> Reply:
    try:
        saved = services.bundles.shared(code, who.ref)
    except BundleError as error:
        return Reply().add(_(BUNDLE_ERRORS.get(error.reason, BUNDLE_ERRORS["not_found"])))
    return render_bundle(saved_view(services, saved), services.share_link)

"""The closest goals, offered as buttons when a goal in words is recognised only in part."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from bot.bundles.plan import BundlePlan
from bot.conversation import callbacks as cb
from bot.conversation.commands import typed
from bot.conversation.context import Searcher
from bot.conversation.reply import Button, Reply, italic
from bot.domain.credential import Occupation, pick
from bot.i18n import _, current_locale, format_list, ngettext
from bot.language.goals import gendered_name

BUTTONS_PER_ROW = 3


def goal_name(occupation: Occupation, words: Sequence[str] = ()) -> str:
    """An occupation's name in the learner's language, in the gender of the learner's `words`
    when it has both (« technicienne en comptabilité » for « technicienne »)."""
    locale = current_locale()
    return gendered_name(occupation, locale, words) or pick(occupation.label, locale) or occupation.key


def goal_buttons(
    keys: Sequence[str], occupations: Mapping[str, Occupation], words: Sequence[str] = ()
) -> list[Button]:
    """One button per goal, its readable name as label and `/bundle <name>` typed beside it."""
    buttons = []
    for key in keys:
        occupation = occupations.get(key)
        if occupation is None:
            continue
        try:
            code = cb.BundleForOccupation(key).pack()
        except ValueError:  # a key too long for a button
            continue
        name = goal_name(occupation, words)
        buttons.append(Button(name[:1].upper() + name[1:], code, typed("bundle", name)))
    return buttons


def add_rows(reply: Reply, buttons: Sequence[Button]) -> Reply:
    for start in range(0, len(buttons), BUTTONS_PER_ROW):
        reply.row(*buttons[start : start + BUTTONS_PER_ROW])
    return reply


MAX_QUOTED = 4  # a long message's job words are not all quoted back


def _quoted(words: Sequence[str]) -> str:
    words = list(dict.fromkeys(words))[:MAX_QUOTED]
    # TRANSLATORS: a learner's words quoted, in your language's quotation marks.
    return format_list([_("“{words}”").format(words=word) for word in words])


def only_closest_goals(plan: BundlePlan, goal: str, occupations: Mapping[str, Occupation]) -> Reply | None:
    """Nothing to bundle, but the words point to goals: which one? None when they point to none."""
    buttons = goal_buttons(plan.suggestions, occupations, plan.goal_words)
    if not buttons:
        return None
    words = plan.goal_words or [goal]
    heading = ngettext(
        "The goal I know closest to {words} is:",
        "The goals I know closest to {words} are:",
        len(buttons),
    )
    reply = Reply().add(heading.format(words=_quoted(words)))
    for button in buttons:
        reply.add("• ", button.label)
    reply.add(_("Pick one to see its bundle, or name skills instead."))
    return add_rows(reply, buttons)


def with_closest_goals(
    reply: Reply, plan: BundlePlan, occupations: Mapping[str, Occupation], examples: Sequence[str] = ()
) -> Reply:
    """A bundle for what was recognised, and the goals closest to the whole request; when
    nothing was recognised and nothing is close, goals the bot knows (`examples`)."""
    buttons = goal_buttons(plan.suggestions, occupations, plan.goal_words)
    if not buttons and not plan.requested:
        examples_shown = goal_buttons(examples, occupations)
        if examples_shown:
            reply.add(_("Or pick a goal I know:"))
        return add_rows(reply, examples_shown)
    if not buttons:
        return reply
    if plan.goal_words:
        reply.add(italic(_("Taken as a job or a field: {words}").format(words=_quoted(plan.goal_words))))
    reply.add(_("Closest goals I know:"), " ", format_list([button.label for button in buttons]))
    return add_rows(reply, buttons)


# A goal recognised not at all is searched for in the catalogue by its unused words, if few.
SEARCH_WORDS = 4


def search_instead(reply: Reply, plan: BundlePlan, search: Searcher, remember: Callable[[str], str]) -> Reply:
    """Nothing recognised: a button searching the catalogue for the words not used, when that
    finds something (a job the vocabulary does not know may still be taught: « soudeur »)."""
    words = plan.unknown_words
    if plan.requested or not words or len(words) > SEARCH_WORDS:
        return reply
    query = " ".join(words)
    if search.search(query, locale=current_locale(), limit=1).total == 0:
        return reply
    label = _("Search for {words}").format(words=_quoted([query]))
    reply.row(Button("🔎 " + label, cb.ResultsPage(remember(query), 0).pack(), typed("search", query)))
    return reply

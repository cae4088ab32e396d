"""Free text, answered from what the understanding layer (`bot.language.understanding`) read in it,
given what the learner was shown just before: a search, a result picked by its number, a page,
a bundle or a wallet edit, the account's requests, or a short answer to chat."""

from __future__ import annotations

from collections.abc import Callable

from bot.conversation import account_flow, bundle_flow, group_flow, search_flow, wallet_flow
from bot.conversation import callbacks as cb
from bot.conversation.cards import credential_card, menu_buttons, title
from bot.conversation.context import Services, Shown, Who
from bot.conversation.reply import Button, Reply, echo, italic
from bot.i18n import SUPPORTED, _, current_locale, language_name, ngettext
from bot.language.packs import pack
from bot.language.text import fold
from bot.language.understanding import Reference, Understanding, understand

Answer = Callable[[Services, Who, Understanding, Shown | None], Reply]


def answer(services: Services, who: Who, text: str) -> Reply:
    """The reply to a message the learner typed (not a command)."""
    shown = services.state.shown(who.ref)
    # The list of saved bundles is a list like results: "2" opens, "delete the first one" deletes.
    context = {"bundles": "results"}.get(shown.kind, shown.kind) if shown else "none"
    understood = understand(text, context)
    if who.in_group and understood.intent in group_flow.PRIVATE_INTENTS:
        payload = group_flow.PRIVATE_INTENTS[understood.intent]
        if understood.intent == "bundle":
            payload = group_flow.payload_for(services, "bundle", understood.goal)
        return group_flow.in_private(services, payload)
    picks = understood.intent in ("open_result", "bundle_edit")
    if shown is not None and shown.kind == "bundles" and picks and services.bundles.saved_bundles(who.ref):
        return _saved_bundle(services, who, understood)
    reply = ANSWERS.get(understood.intent, _clarify)(services, who, understood, shown)
    if understood.intent == "list_bundles":
        services.state.set_shown(who.ref, Shown("bundles"))
    elif (
        understood.intent in ("bundle", "bundle_edit")
        and not reply.notice
        and services.bundles.latest_code(who.ref) is not None
    ):
        services.state.set_shown(who.ref, Shown("bundle"))
    return reply


def _saved_bundle(services: Services, who: Who, understood: Understanding) -> Reply:
    """ "2", "open the first one", "delete the last one" after the list of saved bundles."""
    count = len(services.bundles.saved_bundles(who.ref))
    position = _position(understood.reference, count)
    if position is None:
        return _which()
    action = "delete" if understood.intent == "bundle_edit" and understood.action == "drop" else "open"
    if action == "open":
        services.state.set_shown(who.ref, Shown("bundle"))
    return bundle_flow.bundles_command(
        services, who, f"{pack('en').bundle_actions[action][0]} {position + 1}"
    )


# ---- searching and lists ----


def _search(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    query = understood.query
    last = services.state.last_query(who.ref)
    if not understood.topic and last:
        query = f"{last} {query}"  # "only online ones", "moins cher?": the same search, narrowed
    reply = search_flow.search(services, who, query)
    notes: list[str] = []
    if understood.long:
        notes.append(_("Your message is long: I searched for the topic I understood in it."))
    if understood.in_person or understood.place:
        notes.append(_("I can't choose by place or in-person delivery yet: each card says how it is given."))
    for position, note in enumerate(notes, start=1):
        reply.lines.insert(position, (italic(note),))
    return reply


def _no_list(what: str) -> Reply:
    return Reply().add(what).add(_("Type a topic to search, for example “project management”."))


def _position(reference: Reference, count: int, first: int = 1) -> int | None:
    """The 0-based position in a list of `count` shown from number `first` that `reference`
    names: a number as shown (or, failing that, as counted on the page), "last", or "this" when
    only one is shown."""
    if reference == "last":
        return count - 1 if count else None
    if reference == "this":
        return 0 if count == 1 else None
    if isinstance(reference, int):
        if first <= reference < first + count:
            return reference - first
        if 1 <= reference <= count:
            return reference - 1
    return None


def _named(titles: list[str], words: tuple[str, ...]) -> int | None:
    """The position of the title that has the most words of `words` (folded), when one has more
    than any other: "the CPR one" names the CPR course."""
    if not words:
        return None
    counts = [sum(word in fold(name) for word in words) for name in titles]
    best = max(counts, default=0)
    if best == 0 or counts.count(best) > 1:
        return None
    return counts.index(best)


def _which() -> Reply:
    return Reply().add(_("Which one? Type its number as shown in the list, for example “2”."))


def _open_result(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    if shown is None:
        return _no_list(_("There is no list to choose from yet."))
    if shown.kind == "bundle":
        return _bundle_item(services, who, understood.reference)
    ids = shown.ids
    if shown.kind == "wallet":
        ids = wallet_flow.wallet_ids(services.wallet.view(who.ref))
    position = _position(understood.reference, len(ids), shown.first)
    if position is None and understood.reference is None:
        position = _named([_title(services, number) for number in ids], understood.topic)
    if position is None:
        if isinstance(understood.reference, int) and shown.kind == "results":
            return Reply().add(
                _("There is no result number {number} in this list.").format(number=understood.reference)
            )
        return _which()
    back = (shown.key, shown.page) if shown.kind == "results" and shown.key else None
    return credential_card(services, who, ids[position], back=back)


def _title(services: Services, credential_id: int) -> str:
    credential = services.catalogue.credential(credential_id)
    return title(credential) if credential is not None else ""


def _bundle_item(services: Services, who: Who, reference: Reference) -> Reply:
    code = services.bundles.latest_code(who.ref)
    if code is None:
        return _no_list(_("There is no list to choose from yet."))
    items = services.bundles.shared(code, who.ref).items
    position = _position(reference, len(items))
    if position is None or items[position].id is None:
        return _which()
    number = items[position].id
    assert number is not None
    return credential_card(services, who, number)


def _page(services: Services, who: Who, understood: Understanding, shown: Shown | None, step: int) -> Reply:
    if shown is None or shown.kind != "results":
        return _no_list(_("There are no results to page through yet."))
    page = understood.reference - 1 if isinstance(understood.reference, int) else shown.page + step
    if page < 0:
        return Reply().add(_("This is the first page."))
    if page >= shown.pages:
        return Reply().add(
            ngettext(
                "That's all: there is {count} page.", "That's all: there are {count} pages.", shown.pages
            ).format(count=shown.pages)
        )
    return search_flow.search(services, who, shown.query, page=page, key=shown.key or None)


def _next(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    return _page(services, who, understood, shown, 1)


def _previous(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    return _page(services, who, understood, shown, -1)


# ---- bundles and the wallet ----


def _bundle(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    return bundle_flow.bundle(services, who, understood.goal)


def _bundle_edit(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    action, reference = understood.action, understood.reference
    if action == "add":
        return _add(services, who, understood, shown)
    code = services.bundles.latest_code(who.ref)
    if code is None:
        return Reply().add(_("You have no bundle yet. Ask for one, for example /bundle data analyst."))
    if action in ("save", "earned"):
        return bundle_flow.bundle(services, who, _typed(action))
    if action == "narrow":  # "make it cheaper", « juste ceux en ligne »
        return bundle_flow.narrow(services, who, code, understood.limits)
    items = services.bundles.shared(code, who.ref).items
    position = _position(reference, len(items))
    if position is None and reference is None:
        position = _named([title(item) for item in items], understood.topic)
    if position is None:
        return _which()
    if action == "held":  # "I already have the first one": in the wallet, out of the bundle
        held = items[position].id
        if held is not None:
            wallet_flow.earn(services, who, held)
        action = "drop"
    return bundle_flow.bundle(services, who, f"{_typed(action or 'drop')} {position + 1}")


def _add(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    """ "add the second one" after results; "add Excel" to the bundle shown: its best match."""
    reference = understood.reference
    if shown is not None and shown.kind == "results" and reference is not None:
        position = _position(reference, len(shown.ids), shown.first)
        if position is None:
            return _which()
        return bundle_flow.add_to_bundle(services, who, shown.ids[position])
    if understood.topic:
        found = services.search.search(" ".join(understood.topic), locale=current_locale(), limit=1)
        if found.hits and found.hits[0].credential.id is not None:
            return bundle_flow.add_to_bundle(services, who, found.hits[0].credential.id)
        return Reply().add(_("I found nothing for “{query}”.").format(query=echo(" ".join(understood.topic))))
    return Reply().add(_("Search first, then add a result to your bundle by its number."))


def _typed(action: str) -> str:
    """The typed bundle command word of `action` (`/bundle drop 2`: every pack's are accepted)."""
    return pack("en").bundle_actions[action][0]


def _list_bundles(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    """ "my bundles", « mes parcours »: the saved bundles, with Open, Share and Delete."""
    return bundle_flow.my_bundles(services, who)


def _wallet(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    return wallet_flow.show_wallet(services, who)


def _wallet_remove(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    ids = wallet_flow.wallet_ids(services.wallet.view(who.ref))
    if not ids:
        return wallet_flow.show_wallet(services, who)
    position = _position(understood.reference, len(ids))
    if position is None and understood.reference is None:
        position = _named([_title(services, number) for number in ids], understood.topic)
    if position is None:
        reply = wallet_flow.show_wallet(services, who)
        reply.lines.insert(
            0, (_("Which one should I remove? Type its number in this list, for example “remove 2”."),)
        )
        return reply
    return wallet_flow.unearn(services, who, ids[position])


# ---- the account ----


def _interface_language(
    services: Services, who: Who, understood: Understanding, shown: Shown | None
) -> Reply:
    code = understood.language
    if not who.private and who.chat_id is not None:
        return account_flow.set_chat_language(services, who, code or "")
    if code in SUPPORTED:
        return account_flow.set_language(services, who, code)
    return account_flow.choose_language()


def _privacy(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    return account_flow.privacy(who)


def _export(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    return account_flow.export(services, who)


def _forget(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    return account_flow.ask_forget()


# ---- chat ----


def _help(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    return account_flow.help_reply()


def _greeting(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    return account_flow.welcome()


def _thanks(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    return Reply().add(_("You're welcome! Type a topic whenever you want to search again."))


def _small_talk(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    return (
        Reply()
        .add(_("I'm credbot: I find micro-credentials and build bundles of them for your goals."))
        .add(_("Type a topic to search, or /help to see what I can do."))
    )


def _off_topic(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    return (
        Reply()
        .add(_("I can't help with that: I find micro-credentials and build bundles of them."))
        .add(_("Type a topic to search, for example “project management”."))
    )


def _clarify(services: Services, who: Who, understood: Understanding, shown: Shown | None) -> Reply:
    code = understood.language
    if code in SUPPORTED:
        return _which_language(services, who, code)
    if understood.reference is not None or understood.action is not None:
        return _no_list(_("There is no list to choose from yet."))
    reply = Reply().add(_("I'm not sure what you are looking for."))
    reply.add(_("Type a topic, for example “bookkeeping” or “soins palliatifs”, or choose below."))
    buttons = menu_buttons()
    return reply.row(*buttons[:2]).row(*buttons[2:])


def _which_language(services: Services, who: Who, code: str) -> Reply:
    """A bare "anglais": courses taught in English, or the bot in English? Ask with buttons."""
    name = language_name(code)
    words = pack(current_locale()).limits
    taught_in = f"{words.prepositions[0]} {words.language_names[code][0]}"
    query = f"{services.state.last_query(who.ref) or ''} {taught_in}".strip()
    key = services.state.remember_search(who.ref, query)
    question = _("Do you want courses taught in {language}, or me to speak {language}?")
    return (
        Reply()
        .add(question.format(language=name))
        .row(
            Button("📚 " + _("Courses in {language}").format(language=name), cb.ResultsPage(key, 0).pack()),
            Button(
                "💬 " + _("Interface in {language}").format(language=name), cb.ChooseLanguage(code).pack()
            ),
        )
    )


ANSWERS: dict[str, Answer] = {
    "search": _search,
    "open_result": _open_result,
    "next_page": _next,
    "previous_page": _previous,
    "bundle": _bundle,
    "bundle_edit": _bundle_edit,
    "list_bundles": _list_bundles,
    "wallet": _wallet,
    "wallet_remove": _wallet_remove,
    "interface_language": _interface_language,
    "privacy": _privacy,
    "export": _export,
    "forget": _forget,
    "help": _help,
    "greeting": _greeting,
    "thanks": _thanks,
    "small_talk": _small_talk,
    "off_topic": _off_topic,
    "clarify": _clarify,
}

"""Searching the catalogue: result pages with numbered buttons, no-result advice, inline mode."""

from __future__ import annotations

from dataclasses import dataclass

from bot.community.links import SEARCH
from bot.conversation import callbacks as cb
from bot.conversation.cards import continue_in_private, describe_filters, summary, title
from bot.conversation.commands import typed
from bot.conversation.context import Services, Shown, Who
from bot.conversation.numbers import whole
from bot.conversation.reply import Button, Reply, Styled, bold, echo, italic
from bot.domain.network import NetworkCatalogue
from bot.i18n import _, current_locale, format_list, ngettext
from bot.language.detect import detect_language
from bot.search.index import SearchResult

PAGE_SIZE = 5
INLINE_LIMIT = 20
GROUP_LINES = 5  # a reply in a group: the most lines it takes, the rest is in private
NETWORK_MARK = "★ "  # a network's own credential in a group's compact results


@dataclass(frozen=True)
class InlineItem:
    """One inline-mode result: what the list shows and the message sent when it is chosen."""

    id: str
    title: str
    description: str
    message: Reply


def ask_what() -> Reply:
    return Reply().add(
        _(
            "What would you like to learn? Type a topic, for example “project management” or “soins palliatifs”."
        )
    )


def network_of(services: Services, who: Who) -> NetworkCatalogue | None:
    """The network whose credentials this learner's searches show first: the group's, or in
    private the one whose deep link (a digest's) they last arrived by; None elsewhere."""
    if services.networks is None:
        return None
    chat = who.chat_id if who.in_group else None
    if chat is None and who.private and services.stats is not None:
        chat = services.stats.origin_of(who.ref)
    return services.networks.catalogue_for(chat) if chat is not None else None


def _find(services: Services, query: str, page: int, network: NetworkCatalogue | None = None) -> SearchResult:
    first = network.credential_ids if network is not None else frozenset[int]()
    return services.search.search(
        query, locale=current_locale(), limit=PAGE_SIZE, offset=page * PAGE_SIZE, first=first
    )


def _from_network(network: NetworkCatalogue) -> Styled:
    return italic(_("From your network “{network}”:").format(network=echo(network.network.name)))


def _from_the_rest() -> Styled:
    return italic(_("From the rest of the catalogue:"))


def search(
    services: Services, who: Who, query: str, page: int = 0, key: str | None = None, replace: bool = False
) -> Reply:
    if who.in_group:
        return group_results(services, who, query, replace=replace)
    page = min(max(page, 0), 100_000)  # before the first: the first; past the last: the last (below)
    network = network_of(services, who)
    result = _find(services, query, page, network)
    services.state.set_last_query(who.ref, query)
    if page == 0 and key is None:  # a new search, not another page of one
        count_search(services, who, query, result.total > 0)
    if result.total == 0:
        return no_results(query, result)
    key = key or services.state.remember_search(who.ref, query)
    pages = (result.total + PAGE_SIZE - 1) // PAGE_SIZE
    if page >= pages:
        # "/page 9" past the end (or a catalogue that shrank): show the last page.
        page = pages - 1
        result = _find(services, query, page, network)
    reply = Reply(replace=replace)
    matches = result.total - result.related
    heading = ngettext("{count} result for “{query}”", "{count} results for “{query}”", matches)
    reply.add(bold(heading.format(count=matches, query=echo(query))))
    understood = describe_filters(result.understood)
    if understood:
        reply.add(italic(_("Limits understood: {limits}").format(limits=format_list(understood))))
    if result.partial:
        reply.add(
            italic(
                _("Nothing matches every word of “{query}”: these match part of it.").format(
                    query=echo(query)
                )
            )
        )
    if pages > 1:
        reply.add(italic(_("Page {page} of {pages}").format(page=page + 1, pages=pages)))
    numbers: list[Button] = []
    related_shown = ours_shown = rest_shown = False
    for number, hit in enumerate(result.hits, start=page * PAGE_SIZE + 1):
        credential = hit.credential
        assert credential.id is not None
        if hit.related and not related_shown:
            reply.blank().add(italic(_("Also close to what you asked:")))
            related_shown = True
        elif network is not None and result.first and hit.first and not ours_shown:
            reply.blank().add(_from_network(network))
            ours_shown = True
        elif network is not None and result.first and not hit.first and not hit.related and not rest_shown:
            reply.blank().add(_from_the_rest())
            rest_shown = True
        reply.blank().add(f"{number}. ", bold(title(credential)))
        reply.add("    ", summary(credential))
        numbers.append(
            Button(str(number), cb.OpenCard(credential.id, key, page).pack(), typed("open", credential.id))
        )
    reply.row(*numbers)
    ids = tuple(hit.credential.id for hit in result.hits if hit.credential.id is not None)
    services.state.set_shown(who.ref, Shown("results", ids, query, key, page, page * PAGE_SIZE + 1, pages))
    nav: list[Button] = []
    if page > 0:
        nav.append(Button("◀ " + _("Previous"), cb.ResultsPage(key, page - 1).pack(), typed("page", page)))
    if page < pages - 1:
        nav.append(Button(_("Next") + " ▶", cb.ResultsPage(key, page + 1).pack(), typed("page", page + 2)))
    return reply.row(*nav)


def group_results(services: Services, who: Who, query: str, replace: bool = False) -> Reply:
    """Results as a group sees them: the count and the best few, one line each (at most
    `GROUP_LINES` lines), and a link that opens the same search in private, where the learner
    pages, opens and earns."""
    network = network_of(services, who)
    result = _find(services, query, 0, network)
    services.state.set_last_query(who.ref, query)
    count_search(services, who, query, result.total > 0)
    if result.total == 0:
        return no_results(query, result)
    reply = Reply(replace=replace)
    matches = result.total - result.related
    heading = ngettext("{count} result for “{query}”", "{count} results for “{query}”", matches)
    reply.add(bold(heading.format(count=matches, query=echo(query))))
    if result.partial:
        reply.add(italic(_("Nothing matches every word: these match part of it.")))
    # A network's own credentials come first, marked with a star that one line explains: the
    # reply keeps its five lines.
    labelled = network is not None and result.first > 0
    if network is not None and labelled:
        reply.add(NETWORK_MARK, _from_network(network))
    room = GROUP_LINES - len(reply.lines) - (1 if result.total > GROUP_LINES - len(reply.lines) else 0)
    shown = result.hits[:room]
    for number, hit in enumerate(shown, start=1):
        mark = NETWORK_MARK if labelled and hit.first else ""
        reply.add(f"{number}. {mark}", bold(title(hit.credential)), " — ", summary(hit.credential))
    more = result.total - len(shown)
    if more > 0:
        reply.add(
            italic(
                ngettext("…and {count} more in private.", "…and {count} more in private.", more).format(
                    count=more
                )
            )
        )
    ids = tuple(hit.credential.id for hit in shown if hit.credential.id is not None)
    services.state.set_shown(who.ref, Shown("results", ids, query, "", 0, 1, 1))
    button = continue_in_private(services, "s_" + services.links.remember(SEARCH, query))
    return reply.row(button) if button else reply


def count_search(services: Services, who: Who, query: str, found: bool) -> None:
    """Counted for the chat's statistics, in the language it is written in (else the reply's)."""
    if services.stats is not None:
        locale = detect_language([query]) or current_locale()
        services.stats.record_search(who.ref, who.chat_id, query, locale, found)


def no_results(query: str, result: SearchResult) -> Reply:
    reply = Reply().add(_("I found nothing for “{query}”.").format(query=echo(query)))
    limits = describe_filters(result.filters)
    blocking = describe_filters(result.filters, only=result.drop_filters)
    if blocking:
        reply.add(
            _("Without these limits there would be results: {limits}.").format(limits=format_list(blocking))
        )
    elif limits:
        reply.add(_("Nothing matches all these limits at once: {limits}.").format(limits=format_list(limits)))
    elif result.suggestions:
        reply.add(_("Did you mean: {terms}?").format(terms=format_list(result.suggestions, style="or")))
    reply.add(_("Try fewer or more general words, or remove a limit such as “online” or “free”."))
    return reply


def results_page(services: Services, who: Who, key: str, page: int) -> Reply:
    """A ◀ ▶ press: the same search, another page, in the same message."""
    query = services.state.recall_search(who.ref, key)
    if query is None:
        return Reply(notice=_("These results have expired. Please search again."))
    return search(services, who, query, page=page, key=key, replace=True)


def typed_page(services: Services, who: Who, args: str) -> Reply:
    """`/page 2`: a page of the learner's last search."""
    query = services.state.last_query(who.ref)
    number = whole(args)
    if not query or number is None or number < 1:
        return Reply().add(_("Search first, then ask for a page, for example /page 2."))
    return search(services, who, query, page=number - 1)


def inline(services: Services, query: str, offset: int) -> tuple[list[InlineItem], int | None]:
    """Results for `@bot query` in any chat; the next offset when there are more."""
    if not query.strip():
        return [], None
    result = services.search.search(query, locale=current_locale(), limit=INLINE_LIMIT, offset=offset)
    items = []
    for hit in result.hits:
        credential = hit.credential
        assert credential.id is not None
        message = Reply().add(bold(title(credential))).add(summary(credential))
        deep_link = services.share_link(f"c_{credential.id}")
        if deep_link:
            message.row(Button(_("Open in credbot"), cb.OpenCard(credential.id).pack(), url=deep_link))
        items.append(InlineItem(str(credential.id), title(credential), summary(credential), message))
    more = offset + INLINE_LIMIT < result.total
    return items, (offset + INLINE_LIMIT if more else None)

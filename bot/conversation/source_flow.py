"""`/source`: a network's scheduled catalogue source (a CTDL or CSV file at a URL), registered,
shown or removed by a manager who may change the chat's info; and the clock's job that fetches
due sources and tells the managers, in private, when one has failed three times in a row and
when it works again. Nothing is fetched unless the installation allows it (CREDBOT_ALLOW_NETWORK)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from bot.catalogue.cli import summary
from bot.catalogue.fetch import MAX_BYTES, TIMEOUT, valid_url
from bot.catalogue.sources import TELL_AFTER, NetworkSources, Outcome
from bot.community.rights import Right
from bot.conversation import numbers
from bot.conversation.commands import BY_NAME
from bot.conversation.context import Services, Who
from bot.conversation.push import tell_managers
from bot.conversation.reply import Reply, bold, code, echo
from bot.conversation.rights_flow import with_right
from bot.domain.digest import DEFAULT_TIMEZONE
from bot.domain.source import FAILED, IMPORTED, NOT_MODIFIED, UNCHANGED, CatalogueSource
from bot.i18n import _, current_locale, format_moment, ngettext

OFF_WORDS = frozenset({"off", "stop", "remove", "delete", "arret", "arrêt", "retirer", "supprimer"})
CHAT_ID = re.compile(r"-?\d+")
URL_SHOWN = 200


def _command() -> str:
    return BY_NAME["source"].name(current_locale())


def _when(moment: dt.datetime) -> str:
    return format_moment(moment, timezone=DEFAULT_TIMEZONE)


def _network_name(services: Services, chat_id: int) -> str:
    title = services.outbox.chat_title(chat_id)
    return echo(title) if title else str(chat_id)


def _then(reply: Reply, more: Reply) -> Reply:
    reply.lines.extend(more.lines)
    return reply


def usage() -> Reply:
    command = _command()
    return (
        Reply()
        .add(
            _(
                "A scheduled source: the bot fetches your network's CTDL or CSV catalogue from a web "
                "address every few hours and imports what changed, all or nothing."
            )
        )
        .add(
            _("Send /{command} https://example.org/catalogue.json to register it; /{command} off removes it.").format(
                command=command
            )
        )
    )


def network_off() -> Reply:
    return Reply().add(
        _("This installation does not fetch anything from the network, so it cannot follow a source.")
    ).add(
        _("Its operator can allow it by setting {setting} and restarting the bot; until then, send the file to me in private.").format(
            setting=code("CREDBOT_ALLOW_NETWORK=1")
        )
    )


def error_text(error: str | None) -> str:
    """What went wrong, in the reader's language, from what the fetch recorded."""
    kind, _sep, detail = (error or "").partition(": ")
    match kind:
        case "http":
            return _("the server answered {status}").format(status=detail)
        case "timeout":
            return _("no complete answer within {seconds} seconds").format(seconds=int(TIMEOUT))
        case "too_large":
            return _("the file is larger than {size} MB").format(size=MAX_BYTES // (1024 * 1024))
        case "refused":
            return _("the address is on a private network, which this installation does not fetch from")
        case "scheme":
            return _("only http and https addresses can be fetched")
        case "invalid":
            return _("the file has problems, so nothing was imported: {problem}").format(problem=detail)
        case "connection":
            return _("could not connect: {reason}").format(reason=detail)
    return error or "?"


def result_text(source: CatalogueSource) -> str:
    counts = source.last_counts
    changes = _("added {added}, updated {updated}, unchanged {unchanged}").format(
        added=counts.get("added", 0), updated=counts.get("updated", 0), unchanged=counts.get("unchanged", 0)
    )
    if source.last_result == IMPORTED:
        return _("imported ({changes})").format(changes=changes)
    if source.last_result == UNCHANGED:
        return _("nothing new ({changes})").format(changes=changes)
    if source.last_result == NOT_MODIFIED:
        return _("not modified since the last fetch")
    if source.last_result == FAILED:
        return _("failed: {error}").format(error=error_text(source.last_error))
    return _("not fetched yet")


def status(services: Services, sources: NetworkSources, chat_id: int) -> Reply:
    source = sources.get(chat_id)
    if source is None:
        name = _network_name(services, chat_id)
        return _then(Reply().add(_("“{network}” has no scheduled source.").format(network=name)), usage())
    reply = Reply().add(bold(_("Scheduled source of “{network}”").format(network=_network_name(services, chat_id))))
    reply.add(code(source.url[:URL_SHOWN]))
    if source.last_fetch_at is not None:
        reply.add(_("Last fetch: {when}").format(when=_when(source.last_fetch_at)))
    reply.add(_("Last result: {result}").format(result=result_text(source)))
    if source.failures:
        reply.add(
            ngettext(
                "{count} failure in a row since {when}.",
                "{count} failures in a row since {when}.",
                source.failures,
            ).format(count=source.failures, when=_when(source.failing_since or source.next_fetch_at))
        )
    if sources.enabled:
        reply.add(_("Next fetch: {when}").format(when=_when(source.next_fetch_at)))
    else:
        _then(reply, network_off())
    return reply


def _register(services: Services, sources: NetworkSources, who: Who, chat_id: int, url: str) -> Reply:
    assert who.telegram_user_id is not None
    sources.register(chat_id, url, who.telegram_user_id)
    return (
        Reply()
        .add("✅ ", _("Source registered for “{network}”:").format(network=_network_name(services, chat_id)))
        .add(code(url[:URL_SHOWN]))
        .add(
            _(
                "I fetch it within a minute, then every {hours} hours, and import what changed, all or "
                "nothing. If it fails {count} times in a row, the managers are told in private. "
                "Send /{command} to see how it went."
            ).format(hours=_hours(sources), count=TELL_AFTER, command=_command())
        )
    )


def _hours(sources: NetworkSources) -> str:
    hours = sources.interval.total_seconds() / 3600
    return str(int(hours)) if hours.is_integer() else f"{hours:g}"


def _remove(services: Services, sources: NetworkSources, chat_id: int) -> Reply:
    name = _network_name(services, chat_id)
    if not sources.remove(chat_id):
        return Reply().add(_("“{network}” has no scheduled source.").format(network=name))
    return Reply().add(
        _("Source removed: “{network}” is no longer fetched. What it imported stays in the catalogue.").format(
            network=name
        )
    )


def _which_network(services: Services, who: Who) -> int | Reply:
    """In private: the network the caller manages, or the list to choose from."""
    uploads = services.uploads
    networks = uploads.networks_of(who.telegram_user_id) if uploads and who.telegram_user_id else []
    if len(networks) == 1:
        return networks[0].telegram_chat_id
    if not networks:
        return Reply().add(
            _("Send /{command} in the group whose catalogue it is, or here with the group's id first.").format(
                command=_command()
            )
        )
    reply = Reply().add(_("Which network? Put its id first, for example:"))
    for network in networks:
        name = echo(network.title) if network.title else str(network.telegram_chat_id)
        reply.add("• ", name, ": ", code(f"/{_command()} {network.telegram_chat_id}"))
    return reply


def source_command(services: Services, who: Who, args: str) -> Reply:
    sources = services.sources
    if sources is None:
        return network_off()
    words = args.split()
    if who.in_group:
        assert who.chat_id is not None
        chosen: int | Reply = who.chat_id
    elif words and CHAT_ID.fullmatch(words[0]):
        chosen = numbers.chat_id(words.pop(0)) or 0
    else:
        chosen = _which_network(services, who)
    if isinstance(chosen, Reply):
        return chosen
    chat_id = chosen
    if not words:
        return with_right(services, who, chat_id, Right.CHANGE_INFO, lambda: status(services, sources, chat_id))
    if words[0].lower() in OFF_WORDS:
        return with_right(services, who, chat_id, Right.CHANGE_INFO, lambda: _remove(services, sources, chat_id))
    url = words[0]
    if not valid_url(url) or len(url) > 2000:
        refused = Reply().add(_("That is not a web address I can fetch: give an http:// or https:// address."))
        return _then(refused, usage())
    if not sources.enabled:
        return network_off()
    return with_right(
        services, who, chat_id, Right.CHANGE_INFO, lambda: _register(services, sources, who, chat_id, url)
    )


# ---- the clock's job ----


def job(services: Services) -> Callable[[dt.datetime], None]:
    """The periodic job (`services.periodic`): fetches the sources due at `now`. The clock runs
    in a thread of its own, never on the event loop."""

    def run_due(now: dt.datetime) -> None:
        sources = services.sources
        if sources is None or not sources.enabled:
            return
        for outcome in sources.run_due(now, locale_of=lambda chat_id: _chat_locale(services, chat_id)):
            tell(services, outcome)

    return run_due


def _chat_locale(services: Services, chat_id: int) -> str | None:
    _learner, chat = services.account.locales("", chat_id)
    return chat


def tell(services: Services, outcome: Outcome) -> None:
    """The managers hear of a source when it has just failed TELL_AFTER times in a row (once per
    streak) and when it works again after that; never of each fetch."""
    source = outcome.source
    chat_id = source.telegram_chat_id
    if outcome.streak is None or not (outcome.newly_failing or outcome.recovered):
        return
    streak = outcome.streak.isoformat(timespec="seconds")
    if outcome.newly_failing:

        def failing() -> Reply:
            name = _network_name(services, chat_id)
            return (
                Reply()
                .add(
                    bold(
                        _("The catalogue source of “{network}” failed {count} times in a row.").format(
                            network=name, count=source.failures
                        )
                    )
                )
                .add(code(source.url[:URL_SHOWN]))
                .add(_("Last error: {error}").format(error=error_text(source.last_error)))
                .add(
                    _(
                        "Nothing was imported. The source stays registered and I try again on {when}, "
                        "then less and less often (at least once a day). Send /{command} off to remove it."
                    ).format(when=_when(source.next_fetch_at), command=_command())
                )
            )

        tell_managers(services, chat_id, f"source:{chat_id}:down:{streak}", failing)
        return

    def working() -> Reply:
        name = _network_name(services, chat_id)
        reply = Reply().add(
            "✅ ", _("The catalogue source of “{network}” works again.").format(network=name)
        )
        if outcome.report is not None and source.last_result == IMPORTED:
            reply.add(_("Catalogue imported: {summary}").format(summary=summary(outcome.report)))
        else:
            reply.add(_("Last result: {result}").format(result=result_text(source)))
        return reply

    tell_managers(services, chat_id, f"source:{chat_id}:up:{streak}", working)


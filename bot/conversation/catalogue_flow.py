"""A catalogue file sent by a network's manager (a dry run, then Confirm) or by a configured
administrator (imported at once): all or nothing, problems listed."""

from __future__ import annotations

from bot.catalogue.cli import MAX_PROBLEMS_SHOWN, summary
from bot.catalogue.importer import ImportReport
from bot.catalogue.uploads import HASH_SHOWN
from bot.community.rights import Right
from bot.conversation import callbacks as cb
from bot.conversation import numbers
from bot.conversation.context import Services, Who
from bot.conversation.reply import Button, Reply, bold, code, echo
from bot.conversation.rights_flow import with_right, with_rights
from bot.domain.chat import ChatMembership
from bot.domain.upload import PendingUpload
from bot.i18n import N_, _, format_list


def is_catalogue_upload(services: Services, who: Who, filename: str, content: bytes, caption: str) -> bool:
    if who.telegram_user_id is None or who.telegram_user_id not in services.admin_ids:
        return False
    return "import" in caption.lower() or services.catalogue.looks_like_catalogue(filename, content)


def import_catalogue(services: Services, filename: str, content: bytes) -> Reply:
    report = services.catalogue.import_upload(filename, content)
    if report.ok:
        return Reply().add("✅ ", _("Catalogue imported: {summary}").format(summary=summary(report)))
    shown = report.problems[:MAX_PROBLEMS_SHOWN]
    reply = Reply().add(bold(_("Nothing was imported: the file has problems.")))
    for problem in shown:
        where = ", ".join(part for part in (problem.record, problem.field) if part)
        reply.add("• ", code(where) if where else "", " " if where else "", problem.message)
    hidden = len(report.problems) - len(shown)
    if hidden > 0:
        reply.add(_("… and {count} more").format(count=hidden))
    return reply


# ---- a network's catalogue, sent by one of its managers in private ----

ALL = "all"  # the chat of the "All my chats" button

REFUSALS = {
    "unknown": N_("This confirmation is not for this file any more. Please send the file again."),
    "not_yours": N_("Only the manager who sent this file can confirm it."),
    "used": N_("This file was already confirmed or cancelled; nothing more was done."),
    "expired": N_("This confirmation expired (15 minutes). Please send the file again."),
}


def _looks_like_network_catalogue(services: Services, filename: str, content: bytes, caption: str) -> bool:
    words = caption.lower()
    return (
        "import" in words or "catalog" in words or services.catalogue.looks_like_catalogue(filename, content)
    )


def _network_name(network: ChatMembership | None) -> str:
    return echo(network.title) if network is not None and network.title else _("your network")


def network_upload(services: Services, who: Who, filename: str, content: bytes, caption: str) -> Reply | None:
    """A catalogue file from a manager of a network, in private: a dry run with Confirm / Cancel
    (or first, for a manager of several chats, which network). None when the sender manages no
    network or the file is not a catalogue: it is then read as today (a badge)."""
    uploads = services.uploads
    user = who.telegram_user_id
    if uploads is None or user is None or not who.private:
        return None
    if not _looks_like_network_catalogue(services, filename, content, caption):
        return None
    networks = uploads.networks_of(user)
    if not networks:
        return None
    if len(networks) == 1:
        network = networks[0]
        chat_id = network.telegram_chat_id
        return with_right(
            services,
            who,
            chat_id,
            Right.CHANGE_INFO,
            lambda: _dry_run(services, uploads.hold(user, chat_id, filename, content), network),
        )
    held = uploads.hold(user, None, filename, content)
    reply = Reply().add(_("Which network is this catalogue for?"))
    reply.add(
        _(
            "A chat's catalogue is shared by the chats of its network. Choose “All my chats” to make "
            "them one network with this catalogue."
        )
    )
    for network in networks:
        reply.row(
            Button(
                _network_name(network),
                cb.UploadForNetwork(token=held.token, chat=str(network.telegram_chat_id)).pack(),
            )
        )
    everything = _("All my chats ({count})").format(count=len(networks))
    return reply.row(Button(everything, cb.UploadForNetwork(token=held.token, chat=ALL).pack()))


def network_chosen(services: Services, who: Who, token: str, chat: str) -> Reply:
    uploads = services.uploads
    user = who.telegram_user_id
    everything = chat == ALL
    try:
        chat_id = 0 if everything else numbers.chat_id(chat) or 0
    except ValueError:
        chat_id = 0
    if uploads is None or user is None or not (chat_id or everything):
        return Reply().add(_(REFUSALS["unknown"]))
    managed = uploads.networks_of(user)
    chosen = managed if everything else [each for each in managed if each.telegram_chat_id == chat_id]
    if not chosen:
        return Reply().add(_("Only administrators who may change this chat's info can do this."))
    chat_ids = [each.telegram_chat_id for each in chosen]

    def choose() -> Reply:
        assert uploads is not None and user is not None
        held = uploads.choose_network(token, user, chat_ids[0], all_chats=everything)
        if held is None:
            return Reply().add(_(REFUSALS["used"]))
        refused = uploads.refusal(held, user, held.sha256)
        if refused is not None:
            return Reply().add(_(REFUSALS[refused]))
        return _dry_run(services, held, chosen[0])

    return with_rights(services, who, chat_ids, Right.CHANGE_INFO, choose)


def _problems(reply: Reply, report: ImportReport) -> Reply:
    shown = report.problems[:MAX_PROBLEMS_SHOWN]
    for problem in shown:
        where = ", ".join(part for part in (problem.file, problem.record, problem.field) if part)
        reply.add("• ", code(where) if where else "", " " if where else "", problem.message)
    hidden = len(report.problems) - len(shown)
    if hidden > 0:
        reply.add(_("… and {count} more").format(count=hidden))
    return reply


def _dry_run(services: Services, upload: PendingUpload, chat: ChatMembership | None) -> Reply:
    assert services.uploads is not None
    report = services.uploads.dry_run(upload)
    name = echo(report.network.name) if report.network is not None else _network_name(chat)
    if not report.ok:
        reply = Reply().add(
            bold(_("Nothing can be imported into “{network}”: the file has problems.").format(network=name))
        )
        _problems(reply, report)
        return reply.add(_("Correct the file and send it again."))
    sha = upload.sha256[:HASH_SHOWN]
    reply = Reply().add(bold(_("Dry run for “{network}”").format(network=name)))
    reply.add(summary(report))
    if report.network is not None:
        chats = format_list([echo(title) for title in report.network.chat_titles if title])
        if chats:
            reply.add(
                _("Searches in {chats} will show these credentials first, labelled as your network’s.").format(
                    chats=chats
                )
            )
    if report.removed:
        reply.add(
            _(
                "Removed: in this network’s catalogue before, not in this file. Other networks’ and "
                "the shared catalogue’s credentials are not touched."
            )
        )
    reply.add(_("Nothing is written until you confirm (within 15 minutes)."))
    return reply.row(
        Button("✅ " + _("Confirm"), cb.ConfirmUpload(token=upload.token, sha=sha, confirmed=True).pack()),
        Button("✖️ " + _("Cancel"), cb.ConfirmUpload(token=upload.token, sha=sha, confirmed=False).pack()),
    )


def upload_pressed(services: Services, who: Who, token: str, sha: str, confirmed: bool) -> Reply:
    """Confirm or Cancel under a dry run: only its manager, within 15 minutes, once; the right
    is checked again, live, before anything is written."""
    uploads = services.uploads
    user = who.telegram_user_id
    held = uploads.held(token) if uploads is not None else None
    if uploads is None or user is None or held is None:
        return Reply().add(_(REFUSALS["unknown"]))
    refused = uploads.refusal(held, user, sha)
    if refused is not None or held.telegram_chat_id is None:
        return Reply().add(_(REFUSALS[refused or "unknown"]))

    def act() -> Reply:
        assert uploads is not None and user is not None
        if not confirmed:
            why = uploads.cancel(token, user, sha)
            return Reply().add(_(REFUSALS[why]) if why else _("Cancelled: nothing was imported."))
        done = uploads.confirm(token, user, sha, by=who.actor)
        if done.report is None:
            return Reply().add(_(REFUSALS[done.refused or "unknown"]))
        if not done.report.ok:
            return _problems(
                Reply().add(bold(_("Nothing was imported: the file has problems."))), done.report
            )
        return Reply().add("✅ ", _("Catalogue imported: {summary}").format(summary=summary(done.report)))

    return with_rights(services, who, uploads.chats_of(held), Right.CHANGE_INFO, act)

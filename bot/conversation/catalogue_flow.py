"""A catalogue file sent by a configured administrator: imported all or nothing, problems listed."""

from __future__ import annotations

from bot.catalogue.cli import MAX_PROBLEMS_SHOWN, summary
from bot.conversation.context import Services, Who
from bot.conversation.reply import Reply, bold, code
from bot.i18n import _


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

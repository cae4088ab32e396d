"""The audit log's records are written in the transaction of the change they describe: a change
that rolls back leaves no record, and a record that cannot be written undoes the change. An
anonymous administrator's held action runs once, within 60 seconds."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.account.service import Account
from bot.catalogue.service import Catalogue
from bot.catalogue.uploads import NetworkUploads
from bot.community.audit import AuditLog
from bot.community.proofs import AdminProofs
from bot.community.rights import Right
from bot.domain import audit as kinds
from bot.domain.audit import Actor
from bot.store.catalogue_writer import WriteCounts
from bot.store.db import Database
from bot.store.unit_of_work import UnitOfWork
from tests._documents import ctdl_document

GROUP = -100500
ODILE = Actor(31, "Odile")


def test_a_record_that_cannot_be_written_undoes_the_import(db: Database) -> None:
    catalogue = Catalogue(db)

    def failing(uow: UnitOfWork, counts: WriteCounts) -> None:
        assert counts.added == 1
        raise RuntimeError("the audit log is unavailable")

    content = ctdl_document("ce-atomic-1", {"en": "Atomic welding"})
    with pytest.raises(RuntimeError):
        catalogue.import_upload("a.ctdl.json", content, on_write=failing)
    assert catalogue.import_upload("a.ctdl.json", content, dry_run=True).added == 1  # still new


def test_a_confirmed_upload_and_its_record_are_written_together(db: Database) -> None:
    uploads = NetworkUploads(db, Catalogue(db))
    content = ctdl_document("ce-atomic-2", {"en": "Safe rigging"})
    held = uploads.hold(ODILE.user_id or 0, GROUP, "rigging.ctdl.json", content)
    done = uploads.confirm(held.token, 31, held.sha256[:12], by=ODILE)
    assert done.report is not None and done.report.added == 1
    (entry,) = AuditLog(db).page(GROUP).entries
    assert (entry.action, entry.actor, entry.after and entry.after["sha256"]) == (
        kinds.CATALOGUE_IMPORT,
        ODILE,
        held.sha256,
    )
    # a file with problems imports nothing, and nothing is recorded
    broken = uploads.hold(31, GROUP, "b.ctdl.json", ctdl_document("ce-x", {"en": "Broken"}, "ten hours"))
    assert uploads.confirm(broken.token, 31, broken.sha256[:12], by=ODILE).report.ok is False  # type: ignore[union-attr]
    assert len(AuditLog(db).page(GROUP).entries) == 1


def test_the_same_language_again_is_no_change_and_the_log_follows_a_migration(db: Database) -> None:
    account = Account(db)
    account.set_chat_language(GROUP, "fr", by=ODILE)
    account.set_chat_language(GROUP, "fr", by=ODILE)
    account.set_chat_language(GROUP, "en")  # not an administrator's choice: nothing to record
    assert [entry.after for entry in AuditLog(db).page(GROUP).entries] == [{"language": "fr"}]
    account.chat_migrated(GROUP, -100501)
    assert AuditLog(db).page(GROUP).entries == []
    assert len(AuditLog(db).page(-100501).entries) == 1


def test_a_held_action_runs_once_and_only_within_60_seconds(db: Database) -> None:
    now = [dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.UTC)]
    proofs = AdminProofs(db, clock=lambda: now[0])
    held = proofs.hold(GROUP, None, "command", "language", "en", Right.CHANGE_INFO)
    again = proofs.held(held.token)
    assert again is not None and (again.name, again.args, again.right) == ("language", "en", "can_change_info")
    assert proofs.use(held) and not proofs.use(held)  # a second press, on any worker, finds it used
    late = proofs.hold(GROUP, 7, "text", "", "langue anglais", Right.CHANGE_INFO)
    now[0] += dt.timedelta(seconds=61)
    assert proofs.expired(late) and not proofs.use(late)

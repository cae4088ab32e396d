"""The catalogue as the conversation uses it: a credential by number, and an administrator's
upload imported all or nothing."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bot.catalogue.importer import ImportReport, detect_format, import_files
from bot.domain.credential import CredentialRecord
from bot.domain.network import NetworkScope
from bot.store.catalogue_writer import WriteCounts
from bot.store.db import Database
from bot.store.unit_of_work import UnitOfWork

UPLOAD_FORMATS = ("ctdl", "csv")


class Catalogue:
    def __init__(self, store: Database, on_change: Callable[[], None] = lambda: None) -> None:
        """`on_change` is called after an import changed the catalogue (caches to rebuild)."""
        self._store = store
        self._on_change = on_change

    def credential(self, credential_id: int) -> CredentialRecord | None:
        with self._store.unit_of_work() as uow:
            return uow.catalogue.credential(credential_id)

    @staticmethod
    def looks_like_catalogue(filename: str, content: bytes) -> bool:
        """A CTDL or CSV catalogue rather than a learner's badge."""
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            return False
        fmt, _data = detect_format(Path(filename or "upload"), text)
        return fmt in UPLOAD_FORMATS

    def import_upload(
        self,
        filename: str,
        content: bytes,
        *,
        dry_run: bool = False,
        network: NetworkScope | None = None,
        on_write: Callable[[UnitOfWork, WriteCounts], None] | None = None,
    ) -> ImportReport:
        """All or nothing, like `credbot import`; `dry_run` counts what it would do and writes
        nothing; `network`: the file is the whole catalogue of the network of these chats;
        `on_write` writes more in the import's transaction."""
        safe_name = Path(filename).name or "catalogue"
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / safe_name
            path.write_bytes(content)
            report = import_files(self._store, [path], dry_run=dry_run, network=network, on_write=on_write)
            report.files = [safe_name]
            # the sender's file name in the problems, not the temporary path
            report.problems = [
                replace(problem, file=safe_name) if problem.file == str(path) else problem
                for problem in report.problems
            ]
        if report.ok and not dry_run:
            self._on_change()
        return report

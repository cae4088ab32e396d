"""`credbot import` and `credbot export`: argparse registration and the functions they run.

The CLI registers them with `add_import_parser(subparsers)` / `add_export_parser(subparsers)`;
each parser carries `run=run_import` / `run=run_export` in its defaults, called as
`args.run(args, db)`, which returns the exit code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from bot.catalogue.export import EXPORT_FORMATS, export_catalogue
from bot.catalogue.importer import FORMATS, ImportProgress, ImportReport, import_files
from bot.i18n import _, format_number, ngettext
from bot.store.db import Database

MAX_PROBLEMS_SHOWN = 50
PROGRESS_THRESHOLD = 200  # records
READ_THRESHOLD = 2_000_000  # bytes


def add_import_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help=_("import catalogue files (CTDL JSON-LD, Open Badges, CSV)"),
        description=_(
            "Import catalogue files. Every file is checked first: if anything is wrong, nothing is imported."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=_("files to import"))
    parser.add_argument(
        "--format",
        dest="format",
        choices=FORMATS,
        default="auto",
        help=_("the files' format (default: detected from their content)"),
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help=_("remove catalogue credentials that are not in these files"),
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=_("show (or never show) a progress bar on standard error (default: when it is a terminal)"),
    )
    parser.set_defaults(run=run_import)
    return parser


def add_export_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "export", help=_("export the catalogue as CTDL JSON-LD or CSV")
    )
    parser.add_argument(
        "--format",
        dest="format",
        choices=EXPORT_FORMATS,
        required=True,
        help=_("the output format"),
    )
    parser.add_argument("--output", "-o", metavar="FILE", help=_("write to FILE instead of standard output"))
    parser.set_defaults(run=run_export)
    return parser


class ProgressBar:
    """A line per stage, redrawn in place: `reading  [#######-----------------------] 62/265 MB`,
    then `writing  [##############################] 100,000/100,000 credentials`. A stage is drawn
    when `force` is set, or when it is big enough to be worth watching (PROGRESS_THRESHOLD
    records, READ_THRESHOLD bytes)."""

    def __init__(self, stream: TextIO, *, force: bool = False, width: int = 30) -> None:
        self.stream = stream
        self.force = force
        self.width = width
        self.stage: str | None = None
        self.last = -1
        self.open = False  # a line is drawn and not yet ended

    def _worth_showing(self, stage: str, total: int) -> bool:
        return self.force or total > (READ_THRESHOLD if stage == "read" else PROGRESS_THRESHOLD)

    def _text(self, stage: str, done: int, total: int) -> tuple[str, str]:
        """The stage's name and how far it is, in the reader's language."""
        if stage == "read" and total < 1e6:
            return _("reading"), _("{done}/{total} kB").format(
                done=format_number(round(done / 1e3)), total=format_number(round(total / 1e3))
            )
        if stage == "read":
            digits = 0 if total >= 10e6 else 1
            return _("reading"), _("{done}/{total} MB").format(
                done=format_number(round(done / 1e6, digits)), total=format_number(round(total / 1e6, digits))
            )
        return _("writing"), _("{done}/{total} credentials").format(
            done=format_number(done), total=format_number(total)
        )

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total <= 0 or not self._worth_showing(stage, total):
            return
        if stage != self.stage:
            if self.open:
                self.stream.write("\n")
            self.stage, self.last, self.open = stage, -1, False
        filled = min(self.width, self.width * done // total)
        if filled == self.last and done < total:
            return
        self.last = filled
        label, counts = self._text(stage, done, total)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{label:<8} [{bar}] {counts}")
        self.open = done < total
        if not self.open:
            self.stream.write("\n")
        self.stream.flush()


def make_progress(stream: TextIO, *, force: bool | None = None) -> ImportProgress | None:
    """A bar on `stream` when it is a terminal (or `force` is True; never when False)."""
    if force is False or (force is None and not stream.isatty()):
        return None
    return ProgressBar(stream, force=bool(force))


def print_problems(report: ImportReport, stream: TextIO) -> None:
    for problem in report.problems[:MAX_PROBLEMS_SHOWN]:
        stream.write(f"{problem.file}: {problem.record}: {problem.field}: {problem.message}\n")
    hidden = len(report.problems) - MAX_PROBLEMS_SHOWN
    if hidden > 0:
        stream.write(_("… and {count} more").format(count=hidden) + "\n")
    stream.write(_("Nothing was imported.") + "\n")


MAX_UNRESOLVED_SHOWN = 5


def summary(report: ImportReport) -> str:
    """What an import did: the credentials, then the skills (a competency framework file alone
    adds skills and no credential), then the competencies referenced but defined nowhere."""
    parts = [
        _("added {added}, updated {updated}, unchanged {unchanged}, removed {removed} (credentials)").format(
            added=report.added,
            updated=report.updated,
            unchanged=report.unchanged,
            removed=report.removed,
        )
    ]
    if report.skills_alone or report.skills_created:
        parts.append(
            ngettext(
                "{count} skill in competency frameworks, {new} new in all",
                "{count} skills in competency frameworks, {new} new in all",
                report.skills_alone,
            ).format(count=report.skills_alone, new=report.skills_created)
        )
    if report.skipped:
        kinds = sorted(report.skipped.items(), key=lambda item: (-item[1], item[0]))
        total = sum(report.skipped.values())
        parts.append(
            ngettext(
                "{count} resource skipped, not a credential or learning opportunity: {kinds}",
                "{count} resources skipped, not credentials or learning opportunities: {kinds}",
                total,
            ).format(count=total, kinds=", ".join(f"{kind} ({count})" for kind, count in kinds))
        )
    unresolved = report.skills_unresolved
    if unresolved:
        shown = ", ".join(unresolved[:MAX_UNRESOLVED_SHOWN]) + (
            " …" if len(unresolved) > MAX_UNRESOLVED_SHOWN else ""
        )
        parts.append(
            ngettext(
                "{count} competency referenced by identifier is defined neither in these files nor in "
                "the store, and was left out: {ids}",
                "{count} competencies referenced by identifier are defined neither in these files nor in "
                "the store, and were left out: {ids}",
                len(unresolved),
            ).format(count=len(unresolved), ids=shown)
        )
    return "; ".join(parts)


def run_import(args: argparse.Namespace, db: Database) -> int:
    stdout: TextIO = getattr(args, "stdout", None) or sys.stdout
    stderr: TextIO = getattr(args, "stderr", None) or sys.stderr
    report = import_files(
        db,
        [Path(name) for name in args.files],
        fmt=getattr(args, "format", "auto") or "auto",
        replace=bool(getattr(args, "replace", False)),
        progress=make_progress(stderr, force=getattr(args, "progress", None)),
    )
    if not report.ok:
        print_problems(report, stderr)
        return 1
    stdout.write(summary(report) + "\n")
    return 0


def run_export(args: argparse.Namespace, db: Database) -> int:
    stdout: TextIO = getattr(args, "stdout", None) or sys.stdout
    stderr: TextIO = getattr(args, "stderr", None) or sys.stderr
    text = export_catalogue(db, args.format)
    output = getattr(args, "output", None)
    if output and output != "-":
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            stderr.write(_("Cannot write {file}: {reason}").format(file=output, reason=error.strerror) + "\n")
            return 1
    else:
        stdout.write(text)
    return 0

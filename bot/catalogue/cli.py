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
from bot.catalogue.importer import FORMATS, ImportReport, import_files
from bot.i18n import _, ngettext
from bot.store.catalogue_writer import Progress
from bot.store.db import Database

MAX_PROBLEMS_SHOWN = 50
PROGRESS_THRESHOLD = 200


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
    """A one-line bar on a terminal: `[#########-----------]  450/1000`."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        if total <= 0:
            return
        filled = self.width * done // total
        if filled == self.last and done != total:
            return
        self.last = filled
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done:>{len(str(total))}}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def make_progress(stream: TextIO) -> Progress | None:
    """A bar only when the stream is a terminal; it draws itself only past PROGRESS_THRESHOLD."""
    if not stream.isatty():
        return None
    bar = ProgressBar(stream)

    def progress(done: int, total: int) -> None:
        if total > PROGRESS_THRESHOLD:
            bar(done, total)

    return progress


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
        progress=make_progress(stderr),
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

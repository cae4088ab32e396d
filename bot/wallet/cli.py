"""`credbot wallet …`: a learner's earned credentials from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from bot.account.export import export_learner
from bot.config import Settings, default_learner
from bot.domain.credential import pick
from bot.i18n import _, current_locale, format_hours, ngettext
from bot.store.db import Database
from bot.store.unit_of_work import UnitOfWork
from bot.verification.network import Fetch, fetcher
from bot.verification.result import describe
from bot.wallet.messages import badge_error
from bot.wallet.service import (
    BadgeImportError,
    WalletError,
    earn,
    export_badges,
    import_badge,
    list_wallet,
    remove,
)


def add_wallet_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser("wallet", help="credentials you have earned")
    parser.add_argument(
        "--learner", metavar="REF", default=None, help="learner reference (default console:<user>)"
    )
    parser.add_argument("--json", action="store_true")
    actions = parser.add_subparsers(dest="wallet_command", required=True)
    imported = actions.add_parser("import", help="import an Open Badges 2.0/3.0 file (JSON or JWT)")
    imported.add_argument("file", type=Path)
    imported.add_argument("--learner", metavar="REF", default=argparse.SUPPRESS)
    listed = actions.add_parser("list", help="the wallet, grouped by subject")
    listed.add_argument("--learner", metavar="REF", default=argparse.SUPPRESS)
    earned = actions.add_parser("earn", help="mark a catalogue credential as earned")
    earned.add_argument("id")
    earned.add_argument("--date", type=dt.date.fromisoformat, help="YYYY-MM-DD")
    earned.add_argument("--learner", metavar="REF", default=argparse.SUPPRESS)
    removed = actions.add_parser("remove", help="remove a credential from the wallet")
    removed.add_argument("id")
    removed.add_argument("--learner", metavar="REF", default=argparse.SUPPRESS)
    exported = actions.add_parser("export", help="everything stored about the learner, as JSON")
    exported.add_argument("--learner", metavar="REF", default=argparse.SUPPRESS)
    exported.add_argument(
        "--format",
        choices=("credbot", "ob3"),
        default="credbot",
        help="ob3: the imported badges as they were given, with their proofs, for an employer",
    )
    exported.add_argument(
        "--output", type=Path, help="with --format ob3: a folder to write the badge files to"
    )
    exported.add_argument(
        "--all", action="store_true", help="with --format ob3: not only the verified badges"
    )
    parser.set_defaults(run=run_wallet)
    return parser


def network_fetch() -> Fetch | None:
    """What verification may fetch: nothing unless CREDBOT_ALLOW_NETWORK is set."""
    settings = Settings.from_env()
    return fetcher(allow_private=settings.source_private) if settings.allow_network else None


def run_wallet(args: argparse.Namespace, db: Database) -> int:
    ref = args.learner or default_learner()
    try:
        with db.unit_of_work() as uow:
            if args.wallet_command == "import":
                try:
                    data = args.file.read_bytes()
                except OSError as error:
                    print(
                        _("Cannot read {file}: {error}").format(file=args.file, error=error.strerror),
                        file=sys.stderr,
                    )
                    return 1
                entry = import_badge(uow, ref, data, network_fetch())
                message = (
                    _("Added to your wallet: {title}")
                    if entry.created
                    else _("Already in your wallet: {title}")
                ).format(title=pick(entry.title, current_locale()))
                if entry.verification is not None:
                    message += "\n" + describe(entry.verification)
                _print(
                    args,
                    {
                        "external_id": entry.external_id,
                        "created": entry.created,
                        "in_catalogue": entry.credential is not None,
                        "verification": entry.verification.as_json() if entry.verification else None,
                    },
                    message,
                )
            elif args.wallet_command == "earn":
                entry = earn(uow, ref, args.id, args.date)
                message = (
                    _("Added to your wallet: {title}")
                    if entry.created
                    else _("Already in your wallet: {title}")
                ).format(title=pick(entry.title, current_locale()))
                _print(args, {"external_id": entry.external_id, "created": entry.created}, message)
            elif args.wallet_command == "remove":
                done = remove(uow, ref, args.id)
                _print(args, {"removed": done}, _("Removed.") if done else _("Not in your wallet."))
                return 0 if done else 1
            elif args.wallet_command == "export" and args.format == "ob3":
                return _export_ob3(args, uow, ref)
            elif args.wallet_command == "export":
                print(json.dumps(export_learner(uow, ref), ensure_ascii=False, indent=2))
            else:
                _print_wallet(args, uow, ref)
    except BadgeImportError as error:
        print(
            _("Badge refused ({reason}): {message}").format(reason=error.reason, message=badge_error(error)),
            file=sys.stderr,
        )
        return 1
    except WalletError as error:
        print(
            _("Not done ({reason}): {detail}").format(reason=error.reason, detail=error.detail),
            file=sys.stderr,
        )
        return 1
    return 0


def _export_ob3(args: argparse.Namespace, uow: UnitOfWork, ref: str) -> int:
    """The badges unchanged plus credbot's summary: files in `--output` (each badge byte for byte,
    `credbot-summary.json` beside them), else one JSON document on stdout holding each badge's text."""
    badges = export_badges(uow, ref, include_all=args.all)
    summary: dict[str, Any] = {
        "format": "ob3",
        "learner": ref,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "note": "Each badge is the file the learner imported, unchanged, with its proof: verify it "
        "with any Open Badges 3.0 verifier. `verification` is what credbot found when it was imported.",
        "badges": [badge.summary for badge in badges],
    }
    if args.output is None:
        for item, badge in zip(summary["badges"], badges, strict=True):
            item["original"] = badge.original.decode("utf-8")
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    try:
        args.output.mkdir(parents=True, exist_ok=True)
        for badge in badges:
            (args.output / badge.file_name).write_bytes(badge.original)
        (args.output / "credbot-summary.json").write_text(
            json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    except OSError as error:
        print(
            _("Cannot write {file}: {reason}").format(file=args.output, reason=error.strerror),
            file=sys.stderr,
        )
        return 1
    count = len(badges)
    message = ngettext("{count} badge written to {folder}", "{count} badges written to {folder}", count)
    print(message.format(count=count, folder=args.output))
    return 0


def _print(args: argparse.Namespace, data: dict[str, Any], message: str) -> None:
    print(json.dumps(data, ensure_ascii=False) if args.json else message)


def _print_wallet(args: argparse.Namespace, uow: UnitOfWork, ref: str) -> None:
    view = list_wallet(uow, ref)
    locale = current_locale()
    if args.json:
        print(
            json.dumps(
                {
                    "count": view.count,
                    "total_hours": view.total_hours,
                    "skills": [skill.key or pick(skill.label, locale) for skill in view.skills],
                    "groups": [
                        {
                            "subject": group.subject,
                            "label": pick(group.label, locale),
                            "total_hours": group.total_hours,
                            "skills": [skill.key or pick(skill.label, locale) for skill in group.skills],
                            "credentials": [
                                {
                                    "id": entry.external_id,
                                    "title": pick(entry.title, locale),
                                    "earned_on": entry.earned_on.isoformat() if entry.earned_on else None,
                                    "source": entry.source,
                                    "verification": entry.verification.as_json()
                                    if entry.verification
                                    else None,
                                    "verified_at": entry.verification.checked_at.isoformat()
                                    if entry.verification and entry.verification.checked_at
                                    else None,
                                }
                                for entry in group.entries
                            ],
                        }
                        for group in view.groups
                    ],
                },
                ensure_ascii=False,
            )
        )
        return
    if not view.count:
        print(_("Your wallet is empty."))
        return
    for group in view.groups:
        skills = len(group.skills)
        print(
            _("{subject}: {hours}, {skills}").format(
                subject=pick(group.label, locale) or _("Other"),
                hours=format_hours(group.total_hours),
                skills=ngettext("{count} skill", "{count} skills", skills).format(count=skills),
            )
        )
        for entry in group.entries:
            mark = "🔏 " if entry.verification is not None and entry.verification.verified else ""
            print(
                "  • "
                + mark
                + _("{title} ({external_id})").format(
                    title=pick(entry.title, locale), external_id=entry.external_id
                )
            )
    count = len(view.skills)
    print(
        _("In all: {hours}, {skills}").format(
            hours=format_hours(view.total_hours),
            skills=ngettext("{count} skill", "{count} skills", count).format(count=count),
        )
    )

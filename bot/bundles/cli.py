"""`credbot bundle …` and `credbot wallet …`: parsers and runners the main CLI wires in.

    add_bundle_parser(subparsers); add_wallet_parser(subparsers)
    ...
    if args.command == "bundle": return run_bundle(args, db)
    if args.command == "wallet": return run_wallet(args, db)

Both set `handler` as a parser default too (`args.handler(args, db)`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from bot.bundles.solver import (
    BundleConstraints,
    BundlePlan,
    load_solver,
    plan_for_learner,
    plan_to_dict,
    save_bundle,
)
from bot.domain.credential import pick
from bot.i18n import (
    _,
    current_locale,
    format_hours,
    format_list,
    format_money,
    ngettext,
    use_locale,
)
from bot.store.db import Database
from bot.wallet.service import (
    BadgeImportError,
    WalletError,
    earn,
    export_learner,
    import_badge,
    list_wallet,
    remove,
)


def default_learner() -> str:
    try:
        return f"console:{getpass.getuser()}"
    except Exception:  # no user name in some containers
        return "console:local"


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", ".").replace("$", "").strip())
    except InvalidOperation as error:
        raise argparse.ArgumentTypeError(f"not an amount: {text}") from error
    if value < 0:
        raise argparse.ArgumentTypeError(f"negative amount: {text}")
    return value


def _hours(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a number of hours: {text}") from error
    if value < 0:
        raise argparse.ArgumentTypeError(f"negative hours: {text}")
    return value


def add_bundle_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "bundle",
        help="the best bundle of credentials for some skills or a goal",
        description="Find the provably best bundle (fewest hours, then lowest cost) covering the "
        "skills asked for, skipping skills already earned.",
    )
    parser.add_argument(
        "--skill",
        action="append",
        default=[],
        metavar="S",
        help="a skill, in English or French (repeat)",
    )
    parser.add_argument(
        "--goal", metavar="TEXT", help='a goal in words, e.g. "I want to become a data analyst"'
    )
    parser.add_argument("--occupation", metavar="KEY", help="an occupation key from the vocabulary")
    parser.add_argument(
        "--earned",
        action="append",
        default=[],
        metavar="ID",
        help="a credential already earned (repeat)",
    )
    parser.add_argument(
        "--learner", metavar="REF", help="skip what this learner's wallet holds (e.g. console:me)"
    )
    parser.add_argument("--max-hours", type=_hours, metavar="H")
    parser.add_argument("--max-cost", type=_decimal, metavar="C")
    parser.add_argument("--currency", metavar="CUR", help="currency of --max-cost (default: the catalogue's)")
    parser.add_argument("--taught-in", choices=("fr", "en"))
    parser.add_argument("--online", action="store_true", help="online credentials only")
    parser.add_argument(
        "--save", action="store_true", help="save the bundle for --learner and print its share code"
    )
    parser.add_argument("--locale", choices=("en", "fr"), help="language of the text output")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(run=run_bundle)
    return parser


def _describe_plan(plan: BundlePlan, locale: str) -> list[str]:
    lines: list[str] = []
    occupations: dict[tuple[str, str], list[str]] = {}
    for match in plan.matches:
        if match.occupation:
            occupations.setdefault((match.query, match.occupation), []).append(pick(match.label, locale))
        elif match.how not in ("label", "key"):
            lines.append(
                _("“{query}” taken as {skill} ({how})").format(
                    query=match.query, skill=pick(match.label, locale), how=match.how
                )
            )
    for (query, _occupation), skills in occupations.items():
        lines.append(
            _("“{query}” taken as an occupation needing {skills}").format(
                query=query, skills=format_list(skills)
            )
        )
    if plan.unknown_words:
        lines.append(_("Not understood: {words}").format(words=format_list(plan.unknown_words)))
    if plan.already_held:
        held = format_list(plan.label(key, locale) for key in plan.already_held)
        lines.append(_("Already in your wallet: {skills}").format(skills=held))

    def items(source: BundlePlan) -> None:
        for item in source.items:
            record = item.credential
            lines.append(
                _("• {title} ({external_id}): {hours}, {cost} — {skills}").format(
                    title=record.title(locale),
                    external_id=record.external_id,
                    hours=format_hours(record.hours),
                    cost=format_money(record.cost, record.currency),
                    skills=format_list(source.label(key, locale) for key in item.covers),
                )
            )
        lines.append(
            _("Total: {hours}, {cost}").format(
                hours=format_hours(source.total_hours),
                cost=format_money(source.total_cost, source.currency),
            )
        )

    if not plan.requested:
        lines.append(_("No skill recognised: name some skills or a goal."))
        return lines
    if plan.feasible and not plan.items:
        lines.append(_("You already hold every skill asked for."))
        return lines
    if plan.feasible:
        count = len(plan.items)
        header = ngettext("Best bundle: {count} credential", "Best bundle: {count} credentials", count)
        lines.append(header.format(count=count) + ("" if plan.optimal else " " + _("(not proven optimal)")))
        items(plan)
        return lines
    lines.append(_("No bundle covers every skill within these limits."))
    if plan.not_offered:
        lines.append(
            _("No credential teaches: {skills}").format(
                skills=format_list(plan.label(key, locale) for key in plan.not_offered)
            )
        )
    elif plan.missing:
        lines.append(
            _("No credential fits the limits for: {skills}").format(
                skills=format_list(plan.label(key, locale) for key in plan.missing)
            )
        )
    if plan.blocking_constraints:
        names = {
            "max_hours": _("the hours limit"),
            "max_cost": _("the budget"),
            "taught_in": _("the language"),
            "online": _("online only"),
        }
        lines.append(
            _("Relax {constraints} to get a full bundle.").format(
                constraints=format_list((names[name] for name in plan.blocking_constraints), style="or")
            )
        )
    if plan.closest is not None and plan.closest.items:
        lines.append(_("Closest bundle within the limits:"))
        items(plan.closest)
        lines.append(
            _("Still missing: {skills}").format(
                skills=format_list(plan.label(key, locale) for key in plan.closest.uncovered)
            )
        )
    return lines


def run_bundle(args: argparse.Namespace, db: Database) -> int:
    """Prints the bundle; exit code 0 whether a full bundle exists or not, 2 on bad input."""
    explicit = BundleConstraints(
        max_hours=args.max_hours,
        max_cost=args.max_cost,
        taught_in=args.taught_in,
        online=bool(args.online),
        currency=args.currency.upper() if args.currency else None,
    )
    locale = args.locale or current_locale()
    with db.session() as session:
        solver = load_solver(session)
        unknown = [ref for ref in args.earned if solver.resolve(ref) is None]
        plan = plan_for_learner(
            session,
            args.learner,
            skills=args.skill,
            goal=args.goal,
            occupation=args.occupation,
            constraints=explicit,
            extra_held=args.earned,
            solver=solver,
        )
        code = None
        if args.save:
            code = save_bundle(session, args.learner or default_learner(), plan, goal=args.goal).share_code
    if args.json:
        result = plan_to_dict(plan, locale)
        if unknown:
            result["unknown_earned"] = unknown
        if code:
            result["share_code"] = code
        print(json.dumps(result, ensure_ascii=False))
        return 0
    with use_locale(locale):
        lines = _describe_plan(plan, locale)
        if unknown:
            lines.insert(0, _("Unknown credential ids ignored: {ids}").format(ids=", ".join(unknown)))
        if code:
            lines.append(_("Saved; share code: {code}").format(code=code))
    print("\n".join(lines))
    return 0


# -- wallet ---------------------------------------------------------------------------------------


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
    parser.set_defaults(run=run_wallet)
    return parser


def run_wallet(args: argparse.Namespace, db: Database) -> int:
    ref = args.learner or default_learner()
    try:
        with db.session() as session:
            if args.wallet_command == "import":
                try:
                    data = args.file.read_bytes()
                except OSError as error:
                    print(
                        _("Cannot read {file}: {error}").format(file=args.file, error=error.strerror),
                        file=sys.stderr,
                    )
                    return 1
                entry = import_badge(session, ref, data)
                message = (
                    _("Added to your wallet: {title}")
                    if entry.created
                    else _("Already in your wallet: {title}")
                ).format(title=pick(entry.title, current_locale()))
                _print(
                    args,
                    {
                        "external_id": entry.external_id,
                        "created": entry.created,
                        "in_catalogue": entry.credential is not None,
                    },
                    message,
                )
            elif args.wallet_command == "earn":
                entry = earn(session, ref, args.id, args.date)
                message = (
                    _("Added to your wallet: {title}")
                    if entry.created
                    else _("Already in your wallet: {title}")
                ).format(title=pick(entry.title, current_locale()))
                _print(args, {"external_id": entry.external_id, "created": entry.created}, message)
            elif args.wallet_command == "remove":
                done = remove(session, ref, args.id)
                _print(args, {"removed": done}, _("Removed.") if done else _("Not in your wallet."))
                return 0 if done else 1
            elif args.wallet_command == "export":
                print(json.dumps(export_learner(session, ref), ensure_ascii=False, indent=2))
            else:
                _print_wallet(args, session, ref)
    except BadgeImportError as error:
        print(_("Badge refused ({reason}).").format(reason=error.reason), file=sys.stderr)
        return 1
    except WalletError as error:
        print(
            _("Not done ({reason}): {detail}").format(reason=error.reason, detail=error.detail),
            file=sys.stderr,
        )
        return 1
    return 0


def _print(args: argparse.Namespace, data: dict[str, Any], message: str) -> None:
    print(json.dumps(data, ensure_ascii=False) if args.json else message)


def _print_wallet(args: argparse.Namespace, session: Any, ref: str) -> None:
    view = list_wallet(session, ref)
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
            print(
                "  • "
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

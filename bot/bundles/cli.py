"""`credbot bundle …`: the best bundle for some skills or a goal, from the command line.

`add_bundle_parser(subparsers)` registers it; the parser carries `run=run_bundle`, called as
`args.run(args, db)`.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal, InvalidOperation
from typing import Any

from bot.bundles.plan import BundlePlan
from bot.bundles.planner import load_solver, plan_for_learner
from bot.bundles.service import save_bundle
from bot.bundles.views import plan_to_dict
from bot.config import default_learner
from bot.domain.credential import pick
from bot.domain.limits import Limits
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
    explicit = Limits(
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

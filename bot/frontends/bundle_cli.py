"""`credbot bundle …`: the best bundle for some skills or a goal, from the command line.

`--json` prints the plan as data (`bot.bundles.views.plan_to_dict`); the text output is the
chat's bundle message (`bot.conversation.bundle_cards.plan_reply`), which is why this command
lives with the front ends. `add_bundle_parser(subparsers)` registers it; the parser carries
`run=run_bundle`, called as `args.run(args, db)`.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal, InvalidOperation
from typing import Any

from bot.bundles.planner import load_solver, plan_for_learner
from bot.bundles.service import save_bundle
from bot.bundles.views import plan_to_dict
from bot.config import default_learner
from bot.conversation.bundle_cards import plan_reply
from bot.domain.credential import pick
from bot.domain.limits import Limits
from bot.frontends.console import render
from bot.i18n import (
    _,
    current_locale,
    use_locale,
)
from bot.language.packs import LANGUAGES
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
    parser.add_argument("--taught-in", choices=LANGUAGES)
    parser.add_argument("--online", action="store_true", help="online credentials only")
    parser.add_argument(
        "--save", action="store_true", help="save the bundle for --learner and print its share code"
    )
    parser.add_argument("--locale", choices=LANGUAGES, help="language of the text output")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(run=run_bundle)
    return parser


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
    with db.unit_of_work() as uow:
        solver = load_solver(uow)
        unknown = [ref for ref in args.earned if solver.resolve(ref) is None]
        plan = plan_for_learner(
            uow,
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
            code = save_bundle(uow, args.learner or default_learner(), plan, goal=args.goal).share_code
    if args.json:
        result = plan_to_dict(plan, locale)
        if unknown:
            result["unknown_earned"] = unknown
        if code:
            result["share_code"] = code
        print(json.dumps(result, ensure_ascii=False))
        return 0
    with use_locale(locale):
        # The chat's bundle message, as text: one rendering of a plan for every front end.
        occupation = solver.matcher.occupations.get(args.occupation or "")
        title = args.goal or (pick(occupation.label, locale) if occupation else args.occupation)
        text, _buttons = render(plan_reply(plan, None, title, lambda _payload, _text: None))
        lines = [text]
        if unknown:
            lines.insert(0, _("Unknown credential ids ignored: {ids}").format(ids=", ".join(unknown)))
        if code:
            lines.append(_("Saved; share code: {code}").format(code=code))
    print("\n".join(lines))
    return 0

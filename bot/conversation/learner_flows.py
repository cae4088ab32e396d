"""The wallet and bundle conversations: what the learner holds, and the best bundle for a goal.

A mixin of `Conversation`: it uses the conversation's services and its credential formatting."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from bot.bundles import solver as bundles
from bot.conversation.reply import Button, Reply, bold, italic
from bot.domain.credential import CredentialRecord, LocalText, pick
from bot.i18n import N_, _, current_locale, format_hours, format_list, format_money, ngettext
from bot.wallet import service as wallet

if TYPE_CHECKING:
    from bot.conversation.core import Services, Who

log = logging.getLogger(__name__)

CONSTRAINT_NAMES = {
    "max_hours": N_("the hour limit"),
    "max_cost": N_("the budget"),
    "taught_in": N_("the language of instruction"),
    "online": N_("“online only”"),
}
# Typed equivalents of the bundle buttons, in both languages.
TYPED_BUNDLE_ACTIONS = {
    "add": "ba", "ajouter": "ba",
    "drop": "bd", "retirer": "bd",
    "swap": "bs", "remplacer": "bs",
    "save": "bv", "enregistrer": "bv",
    "earned": "be", "obtenu": "be", "obtenus": "be",
    "copy": "bc", "copier": "bc",
}  # fmt: skip
GOAL_EXAMPLES = ("data-analyst", "cybersecurity-analyst", "bookkeeper", "online-instructor")
BUNDLE_ERRORS = {
    "not_found": N_("This bundle no longer exists."),
    "not_owner": N_("This bundle belongs to someone else. You can save a copy of it."),
    "not_in_bundle": N_("That credential is no longer in this bundle."),
    "not_a_candidate": N_("That credential can't replace this one."),
    "unknown_credential": N_("That credential is no longer in the catalogue."),
}
BADGE_ERRORS = {
    "too_large": N_("This file is larger than 2 MB; I can't read it."),
    "empty": N_("This file is empty."),
    "malformed": N_("I can't read this file: it is neither a badge in JSON nor a signed badge (JWT)."),
    "not_a_badge": N_(
        "This file is not an Open Badge: send an Open Badges 3.0 credential or an Open Badges 2.0 assertion."
    ),
    "no_achievement": N_("This badge doesn't say which achievement it certifies, so I can't add it."),
}


@dataclass
class BundleView:
    """What a bundle message shows, whether it comes from a fresh plan or from the store."""

    code: str | None
    goal: str | None
    items: list[tuple[CredentialRecord, list[str]]]
    labels: dict[str, LocalText]
    held: list[str]
    uncovered: list[str]
    feasible: bool = True
    optimal: bool = False
    read_only: bool = False
    saved: bool = False


class LearnerFlows:
    services: Services

    def _title(self, credential: CredentialRecord) -> str:
        raise NotImplementedError

    def _summary(self, credential: CredentialRecord) -> str:
        raise NotImplementedError

    def share_link(self, payload: str) -> str | None:
        raise NotImplementedError

    # ---- wallet ----

    def _wallet(self, who: Who) -> Reply:
        locale = current_locale()
        with self.services.db.session() as session:
            view = wallet.list_wallet(session, who.ref)
        if view.count == 0:
            return Reply().add(
                _("Your wallet is empty. Open a credential and press “I earned it” to add it.")
            )
        reply = Reply().add(
            bold(
                ngettext(
                    "Your wallet: {count} credential", "Your wallet: {count} credentials", view.count
                ).format(count=view.count)
            )
        )
        reply.add(
            _("{hours} of learning, {skills}").format(
                hours=format_hours(view.total_hours),
                skills=ngettext("{count} skill", "{count} skills", len(view.skills)).format(
                    count=len(view.skills)
                ),
            )
        )
        for group in view.groups:
            heading = pick(group.label, locale) or _("Other")
            reply.blank().add(bold(heading), " · ", format_hours(group.total_hours))
            for entry in group.entries:
                title = pick(entry.title, locale) or entry.external_id
                provider = entry.credential.provider if entry.credential else None
                issuer = pick(provider.name, locale) if provider else entry.issuer
                details = [issuer] if issuer else []
                if entry.earned_on:
                    from bot.i18n import format_date

                    details.append(format_date(entry.earned_on))
                number = f" ({_command('remove', entry.credential.id)})" if entry.credential else ""
                suffix = f" — {', '.join(details)}" if details else ""
                reply.add("• ", title, suffix, number)
        if view.skills:
            skills = sorted({pick(skill.label, locale) for skill in view.skills if skill.label})
            reply.blank().add(_("Skills: {skills}").format(skills=format_list(skills)))
        return reply.row(Button("🧩 " + _("Build a bundle"), _callback("menu", "bundle"), _command("bundle")))

    def _earn(self, who: Who, credential_id: int) -> Reply:
        with self.services.db.session() as session:
            try:
                entry = wallet.earn(session, who.ref, credential_id)
            except wallet.WalletError:
                return unknown_credential(credential_id)
        title = pick(entry.title, current_locale())
        if entry.created:
            return Reply().add("✅ ", _("Added to your wallet: {title}").format(title=title))
        return Reply().add(_("Already in your wallet: {title}").format(title=title))

    def _unearn(self, who: Who, credential_id: int) -> Reply:
        from bot.store.catalogue_repo import get_credential

        with self.services.db.session() as session:
            credential = get_credential(session, credential_id)
            if credential is None:
                return unknown_credential(credential_id)
            removed = wallet.remove(session, who.ref, credential.external_id)
        title = self._title(credential)
        if removed:
            return Reply().add(_("Removed from your wallet: {title}").format(title=title))
        return Reply().add(_("Not in your wallet: {title}").format(title=title))

    def _import_badge(self, who: Who, filename: str, content: bytes) -> Reply:
        with self.services.db.session() as session:
            try:
                entry = wallet.import_badge(session, who.ref, content)
            except wallet.BadgeImportError as error:
                return Reply().add(_(BADGE_ERRORS.get(error.reason, BADGE_ERRORS["malformed"])))
        title = pick(entry.title, current_locale()) or filename
        if not entry.created:
            return Reply().add(_("Already in your wallet: {title}").format(title=title))
        reply = Reply().add("✅ ", _("Added to your wallet: {title}").format(title=title))
        if entry.credential is None:
            reply.add(italic(_("It is not in the catalogue; I kept it with its skills.")))
        return reply.row(Button("🎒 " + _("My credentials"), _callback("menu", "wallet"), _command("earned")))

    # ---- bundles ----

    def _bundle(self, who: Who, goal: str) -> Reply:
        goal = goal.strip()
        typed = self._typed_bundle_action(who, goal)
        if typed is not None:
            return typed
        if not goal:
            return self._bundle_prompt()
        return self._plan(who, goal=goal)

    def _typed_bundle_action(self, who: Who, text: str) -> Reply | None:
        """`/bundle drop 2`, `/parcours remplacer 2 1`, `/bundle save`…: every button, typed."""
        word, _sep, rest = text.partition(" ")
        action = TYPED_BUNDLE_ACTIONS.get(word.lower())
        numbers = rest.split()
        if action is None or not all(number.isdigit() for number in numbers):
            if action == "bc" and len(numbers) == 1:
                return self._first(self._bundle_button(who, "bc", [numbers[0].upper()]))
            return None
        if action == "ba" and len(numbers) == 1:
            return self._add_to_bundle(who, int(numbers[0]))
        with self.services.db.session() as session:
            code = bundles.latest_bundle_code(session, who.ref)
        if code is None:
            return Reply().add(_("You have no bundle yet. Ask for one, for example /bundle data analyst."))
        if action in ("bv", "be") and not numbers:
            return self._first(self._bundle_button(who, action, [code]))
        if action in ("bd", "bs") and len(numbers) == 1:
            return self._first(self._bundle_button(who, action, [code, str(int(numbers[0]) - 1)]))
        if action == "bs" and len(numbers) == 2:
            return self._first(self._bundle_button(who, "bw#", [code, str(int(numbers[0]) - 1), numbers[1]]))
        return None

    @staticmethod
    def _first(replies: list[Reply]) -> Reply:
        reply = replies[0]
        if not reply.lines and reply.notice:
            # A typed command has no button to show a notice on: say it as a message.
            return Reply().add(reply.notice)
        reply.replace = False
        return reply

    def _bundle_prompt(self) -> Reply:
        reply = Reply().add(bold(_("What is your goal?")))
        reply.add(_("Name skills or a job, with your limits if you have any, for example:"))
        reply.add(italic(_("“/bundle python, SQL, data visualisation”")))
        reply.add(italic(_("“/bundle I want to become a bookkeeper, online, under 60 hours”")))
        reply.add(_("Or pick a goal:"))
        solver = self.services.bundle_solver()
        locale = current_locale()
        buttons = [
            Button(pick(solver.matcher.occupations[key].label, locale), _callback("bo", key))
            for key in GOAL_EXAMPLES
            if key in solver.matcher.occupations
        ]
        for start in range(0, len(buttons), 2):
            reply.row(*buttons[start : start + 2])
        return reply

    def _plan(self, who: Who, goal: str | None = None, occupation: str | None = None) -> Reply:
        solver = self.services.bundle_solver()
        with self.services.db.session() as session:
            plan = bundles.plan_for_learner(session, who.ref, goal=goal, occupation=occupation, solver=solver)
            shown = plan if plan.feasible else plan.closest
            code = None
            if shown is not None and shown.items:
                saved = bundles.save_bundle(session, who.ref, plan, goal=goal or occupation, saved=False)
                code = saved.share_code
        if not plan.requested:
            reply = Reply().add(
                _("I didn't recognise any skill or job in “{goal}”.").format(goal=goal or occupation or "")
            )
            reply.add(
                _(
                    "Try skill names such as “SQL”, “gestion de projet”, “GIS”, or a job such as “data analyst”."
                )
            )
            return reply
        view = BundleView(
            code=code,
            goal=goal or self._occupation_label(solver, occupation),
            items=[(item.credential, item.covers) for item in (shown.items if shown else [])],
            labels=plan.labels,
            held=plan.already_held,
            uncovered=shown.uncovered if shown is not None else plan.uncovered,
            feasible=plan.feasible,
            optimal=plan.optimal,
        )
        reply = self._render_bundle(view)
        understood = self._understood(plan.matches)
        if understood:
            reply.lines.insert(1, (italic(_("I took this to mean: {skills}").format(skills=understood)),))
        if plan.unknown_words:
            reply.add(italic(_("Words I did not use: {words}").format(words=format_list(plan.unknown_words))))
        if not plan.feasible:
            self._explain_infeasible(reply, plan)
        return reply

    @staticmethod
    def _occupation_label(solver: bundles.BundleSolver, key: str | None) -> str | None:
        if key and key in solver.matcher.occupations:
            return pick(solver.matcher.occupations[key].label, current_locale())
        return key

    @staticmethod
    def _understood(matches: Sequence[bundles.SkillMatch]) -> str:
        locale = current_locale()
        by_query: dict[str, list[str]] = {}
        for match in matches:
            label = pick(match.label, locale)
            by_query.setdefault(match.query, [])
            if label not in by_query[match.query]:
                by_query[match.query].append(label)
        parts = []
        for query, labels in by_query.items():
            same = len(labels) == 1 and labels[0].casefold() == query.casefold()
            parts.append(labels[0] if same else f"{query} → {format_list(labels)}")
        return "; ".join(parts)

    def _explain_infeasible(self, reply: Reply, plan: bundles.BundlePlan) -> None:
        locale = current_locale()

        def label(key: str) -> str:
            return plan.label(key, locale)

        if plan.not_offered:
            reply.add(
                "⚠ ",
                _("No credential in the catalogue teaches: {skills}.").format(
                    skills=format_list([label(key) for key in plan.not_offered])
                ),
            )
        if plan.blocking_constraints:
            names = [
                _(CONSTRAINT_NAMES[name]) for name in plan.blocking_constraints if name in CONSTRAINT_NAMES
            ]
            reply.add(
                "⚠ ",
                _("Your limits rule out a complete bundle. Relax {constraints} to cover everything.").format(
                    constraints=format_list(names, style="or")
                ),
            )
        if plan.closest and plan.closest.items:
            reply.add(italic(_("Above: the closest bundle within your limits.")))

    def _render_bundle(self, view: BundleView) -> Reply:
        locale = current_locale()

        def label(key: str) -> str:
            return pick(view.labels.get(key, {}), locale) or key

        title = _("Bundle for “{goal}”").format(goal=view.goal) if view.goal else _("Your bundle")
        reply = Reply().add(bold("🧩 " + title))
        if not view.items:
            reply.add(_("This bundle is empty."))
        hours, cost, currency = _totals(record for record, _covers in view.items)
        for number, (record, covers) in enumerate(view.items, start=1):
            reply.blank().add(f"{number}. ", bold(self._title(record)))
            reply.add("    ", self._summary(record))
            if covers:
                reply.add(
                    "    ", _("Covers: {skills}").format(skills=format_list([label(key) for key in covers]))
                )
        if view.items:
            reply.blank().add(
                bold(
                    ngettext(
                        "Total: {count} credential, {hours}, {cost}",
                        "Total: {count} credentials, {hours}, {cost}",
                        len(view.items),
                    ).format(
                        count=len(view.items), hours=format_hours(hours), cost=format_money(cost, currency)
                    )
                )
            )
        if view.held:
            reply.add(
                "🎒 ",
                _("Already in your wallet: {skills}").format(
                    skills=format_list([label(k) for k in view.held])
                ),
            )
        if view.uncovered:
            reply.add(
                "❔ ",
                _("Not covered: {skills}").format(skills=format_list([label(k) for k in view.uncovered])),
            )
        if view.feasible and view.optimal and view.items:
            reply.add("✅ ", _("The best bundle for this goal: the fewest hours, then the lowest cost."))
        if view.read_only:
            reply.add(italic(_("A bundle shared with you.")))
        self._bundle_buttons(reply, view)
        return reply

    def _bundle_buttons(self, reply: Reply, view: BundleView) -> None:
        if view.code is None or not view.items:
            return
        code = view.code
        if view.read_only:
            reply.row(Button("💾 " + _("Save a copy"), _callback("bc", code), _typed("copy", code)))
            return
        numbers = range(1, len(view.items) + 1)
        for start in range(0, len(view.items), 4):
            chunk = list(numbers)[start : start + 4]
            reply.row(*[Button(f"✖ {n}", _callback("bd", code, n - 1), _typed("drop", n)) for n in chunk])
            reply.row(*[Button(f"🔁 {n}", _callback("bs", code, n - 1), _typed("swap", n)) for n in chunk])
        actions = [Button("✅ " + _("Mark all earned"), _callback("be", code), _typed("earned"))]
        if not view.saved:
            actions.insert(0, Button("💾 " + _("Save"), _callback("bv", code), _typed("save")))
        reply.row(*actions)
        link = self.share_link(f"b_{code}")
        if link:
            reply.row(Button("🔗 " + _("Share"), _callback("bsh", code), url=link))

    def _saved_view(self, saved: bundles.SavedBundle) -> BundleView:
        solver = self.services.bundle_solver()
        requested = list(saved.skills)
        covered: set[str] = set()
        items = []
        for record in saved.items:
            keys = [ref.key for ref in record.skills if ref.key]
            covers = [key for key in keys if key in requested and key not in covered]
            covered.update(keys)
            items.append((record, covers))
        return BundleView(
            code=saved.share_code,
            goal=saved.goal,
            items=items,
            labels=solver.labels_for(requested),
            held=[],
            uncovered=[key for key in requested if key not in covered],
            read_only=saved.read_only,
            saved=saved.saved,
        )

    def _bundle_button(self, who: Who, action: str, args: list[str]) -> list[Reply]:
        try:
            return self._bundle_action(who, action, args)
        except bundles.BundleError as error:
            return [Reply(notice=_(BUNDLE_ERRORS.get(error.reason, BUNDLE_ERRORS["not_found"])))]

    def _bundle_action(self, who: Who, action: str, args: list[str]) -> list[Reply]:
        if action == "bo":
            return [self._plan(who, occupation=args[0])]
        if action == "ba":
            return [self._add_to_bundle(who, int(args[0]))]
        code = args[0]
        with self.services.db.session() as session:
            if action == "bc":
                copy = bundles.copy_shared_bundle(session, code, who.ref)
                return [self._render_bundle(self._saved_view(copy)).add("💾 ", _("Saved to your bundles."))]
            if action == "bv":
                saved = bundles.mark_saved(session, who.ref, code)
                reply = self._render_bundle(self._saved_view(saved))
                reply.replace, reply.notice = True, _("Bundle saved.")
                return [reply]
            if action == "be":
                added = bundles.mark_bundle_earned(session, who.ref, code)
                notice = ngettext(
                    "{count} credential added to your wallet.",
                    "{count} credentials added to your wallet.",
                    len(added),
                ).format(count=len(added))
                return [Reply(notice=notice)]
            shown = bundles.load_shared_bundle(session, code, who.ref)
            index = int(args[1])
            if index >= len(shown.items):
                raise bundles.BundleError("not_in_bundle", str(index))
            target = shown.items[index]
            if action == "bd":
                saved = bundles.drop_item(session, who.ref, code, target.external_id)
                reply = self._render_bundle(self._saved_view(saved))
                reply.replace = True
                return [reply]
            if action == "bs":
                return [self._swap_choices(session, code, index, target)]
            if action == "bw#":
                options = bundles.swap_alternatives(
                    session, code, target.external_id, solver=self.services.bundle_solver(), limit=5
                )
                choice = int(args[2]) - 1
                if not 0 <= choice < len(options):
                    raise bundles.BundleError("not_a_candidate", args[2])
                action, args = "bw", [code, args[1], str(options[choice].id)]
            if action == "bw":
                replacement = int(args[2])
                from bot.store.catalogue_repo import get_credential

                new = get_credential(session, replacement)
                if new is None:
                    raise bundles.BundleError("unknown_credential", str(replacement))
                saved = bundles.swap_item(
                    session,
                    who.ref,
                    code,
                    target.external_id,
                    new.external_id,
                    solver=self.services.bundle_solver(),
                )
                reply = self._render_bundle(self._saved_view(saved))
                reply.replace = True
                return [reply]
        return [Reply(notice=_("This button has expired. Please start again with /start."))]

    def _swap_choices(self, session: object, code: str, index: int, target: CredentialRecord) -> Reply:
        from sqlalchemy.orm import Session

        assert isinstance(session, Session)
        options = bundles.swap_alternatives(
            session, code, target.external_id, solver=self.services.bundle_solver(), limit=5
        )
        if not options:
            return Reply(notice=_("No other credential covers the same skills."))
        reply = Reply().add(bold(_("Replace “{title}” with:").format(title=self._title(target))))
        for number, option in enumerate(options, start=1):
            reply.blank().add(f"{number}. ", bold(self._title(option)))
            reply.add("    ", self._summary(option))
        reply.row(
            *[
                Button(str(n), _callback("bw", code, index, option.id), _typed("swap", index + 1, n))
                for n, option in enumerate(options, start=1)
            ]
        )
        return reply

    def _add_to_bundle(self, who: Who, credential_id: int) -> Reply:
        from bot.store.catalogue_repo import get_credential

        with self.services.db.session() as session:
            credential = get_credential(session, credential_id)
            if credential is None:
                return unknown_credential(credential_id)
            saved = bundles.add_to_latest_bundle(session, who.ref, credential.external_id)
        reply = self._render_bundle(self._saved_view(saved))
        reply.notice = _("Added to your bundle: {title}").format(title=self._title(credential))
        return reply

    def _shared_bundle(self, who: Who, code: str) -> Reply:
        with self.services.db.session() as session:
            try:
                saved = bundles.load_shared_bundle(session, code, who.ref)
            except bundles.BundleError as error:
                return Reply().add(_(BUNDLE_ERRORS.get(error.reason, BUNDLE_ERRORS["not_found"])))
        return self._render_bundle(self._saved_view(saved))


_FRENCH_ACTIONS = {
    "copy": "copier",
    "drop": "retirer",
    "swap": "remplacer",
    "save": "enregistrer",
    "earned": "obtenu",
}


def _typed(action: str, *args: object) -> str:
    """The typed command behind a bundle button, in the learner's language."""
    french = current_locale() == "fr"
    return _command("bundle", _FRENCH_ACTIONS[action] if french else action, *args)


def unknown_credential(credential_id: int) -> Reply:
    return Reply().add(_("I can't find credential number {id}.").format(id=credential_id))


def _command(name: str, *args: object) -> str:
    from bot.conversation.core import typed

    return typed(name, *args)


def _callback(*parts: object) -> str:
    from bot.conversation.core import callback

    return callback(*parts)


def _totals(records: Iterable[CredentialRecord]) -> tuple[float, Decimal, str]:
    """Hours, and the cost in the most common currency (others are left out, as in the solver)."""
    chosen = list(records)
    currencies = [record.currency for record in chosen if record.cost is not None]
    currency = max(set(currencies), key=currencies.count) if currencies else "CAD"
    hours = sum(record.hours or 0.0 for record in chosen)
    cost = sum(
        (record.cost for record in chosen if record.cost is not None and record.currency == currency),
        Decimal(0),
    )
    return hours, cost, currency


__all__ = ["LearnerFlows", "dt"]

"""Digests: what a subscribed chat is sent on its schedule. Each due slot is claimed once in the
database (two workers never run the same slot), collects the credentials new or materially
changed since the last collection that match the subscription's topics and that the chat was
never sent in that version, and becomes a draft for the subscriber to approve (or is posted
at once with auto-approve). Sending is the conversation's business (`digest_flow`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from bot.community.audit import subscription_values
from bot.domain.audit import (
    BOT,
    DIGEST_APPROVED,
    DIGEST_CHANGED,
    DIGEST_DISCARDED,
    DIGEST_PAUSED,
    DIGEST_RESUMED,
    DIGEST_STOPPED,
    DIGEST_SUBSCRIBED,
    DIGEST_TOPIC_GONE,
    Actor,
)
from bot.domain.chat import ChatMembership
from bot.domain.credential import CredentialRecord
from bot.domain.digest import GRACE, DigestItem, DigestRun, Schedule, Subscription, due
from bot.language.text import fold
from bot.store.db import Database
from bot.store.unit_of_work import UnitOfWork


def matches(credential: CredentialRecord, topics: Sequence[str]) -> bool:
    """A topic (a skill, a keyword or a saved search) matches when all its words are in the
    credential's titles, keywords, skills or subjects, in either language; no topic: everything."""
    if not topics:
        return True
    texts = [*credential.name.values()]
    texts += [word for words in credential.keywords.values() for word in words]
    texts += [label for skill in credential.skills for label in skill.label.values()]
    texts += [skill.key for skill in credential.skills if skill.key]
    texts += [label for subject in credential.subjects for label in subject.values()]
    words = set(fold(" ".join(texts)).replace("-", " ").split())
    return any(set(fold(topic).replace("-", " ").split()) <= words for topic in topics if topic.strip())


@dataclass(frozen=True)
class Outcome:
    """What a due slot became: draft (preview the subscriber), post (auto-approved), empty
    (nothing new), missed (skipped, told to the subscriber), paused (the bot cannot post)."""

    kind: str
    subscription: Subscription
    run: DigestRun | None = None


class Digests:
    def __init__(self, db: Database, *, grace: dt.timedelta = GRACE) -> None:
        self._db = db
        self._grace = grace

    def subscribe(
        self,
        chat_id: int,
        thread_id: int | None,
        *,
        subscriber_user_id: int,
        topics: Sequence[str],
        language: str,
        schedule: Schedule,
        auto_approve: bool,
        now: dt.datetime,
        by: Actor | None = None,
    ) -> tuple[Subscription | None, Subscription]:
        """`by` (who subscribed) goes in the audit log with the settings before and after."""
        with self._db.unit_of_work() as uow:
            uow.digests.refresh_marks(now)  # what is in the catalogue now is not news
            before, after = uow.digests.subscribe(
                chat_id,
                thread_id,
                subscriber_user_id=subscriber_user_id,
                topics=topics,
                language=language,
                schedule=schedule,
                auto_approve=auto_approve,
                now=now,
            )
            old, new = subscription_values(before), subscription_values(after)
            if by is not None and old != new:
                action = DIGEST_SUBSCRIBED if before is None else DIGEST_CHANGED
                uow.audit.record(chat_id, by, action, before=old, after=new, at=now)
            return before, after

    def unsubscribe(
        self, chat_id: int, thread_id: int | None, *, by: Actor | None = None
    ) -> Subscription | None:
        with self._db.unit_of_work() as uow:
            gone = uow.digests.unsubscribe(chat_id, thread_id)
            if gone is not None and by is not None:
                uow.audit.record(chat_id, by, DIGEST_STOPPED, before=subscription_values(gone))
            return gone

    def topic_gone(
        self, chat_id: int, thread_id: int, now: dt.datetime
    ) -> tuple[Subscription, Subscription | None] | None:
        """The chat's forum topic `thread_id` was deleted: the digest posting there posts in
        General from now on (or, when the chat has a digest in General already, stops: that one
        goes on); in the audit log as done by the bot. (before, after); None: no digest there."""
        with self._db.unit_of_work() as uow:
            moved = uow.digests.topic_gone(chat_id, thread_id)
            if moved is not None:
                before, after = moved
                action = DIGEST_TOPIC_GONE if after is not None else DIGEST_STOPPED
                uow.audit.record(
                    chat_id,
                    BOT,
                    action,
                    before=subscription_values(before),
                    after=subscription_values(after),
                    at=now,
                )
            return moved

    def membership_changed(
        self, chat_id: int, *, can_post: bool, told: Collection[int], now: dt.datetime
    ) -> None:
        """The bot's membership in the chat changed (removed, demoted, re-added, promoted). When
        it may no longer post, the chat's digests whose subscriber was just told (a manager) are
        paused now, in the audit log, and their next run tells nobody again; when it may post
        again, the paused ones resume now (audit log) and their next run posts what they missed."""
        with self._db.unit_of_work() as uow:
            for subscription in uow.digests.for_chat(chat_id):
                if not can_post and not subscription.pause_reported and subscription.subscriber_user_id in told:
                    uow.digests.mark(subscription.id, pause_reported=True)
                    self._paused_or_resumed(uow, subscription, DIGEST_PAUSED, now)
                elif can_post and subscription.pause_reported:
                    uow.digests.mark(subscription.id, pause_reported=False)
                    self._paused_or_resumed(uow, subscription, DIGEST_RESUMED, now)

    def for_chat(self, chat_id: int) -> list[Subscription]:
        with self._db.unit_of_work() as uow:
            return uow.digests.for_chat(chat_id)

    def subscription(self, subscription_id: int) -> Subscription | None:
        with self._db.unit_of_work() as uow:
            return uow.digests.subscription(subscription_id)

    def run(self, run_id: int) -> DigestRun | None:
        with self._db.unit_of_work() as uow:
            return uow.digests.run(run_id)

    def credentials(self, items: Sequence[DigestItem]) -> dict[int, CredentialRecord]:
        return self._db.read_credentials([item.credential_id for item in items])

    def run_due(self, now: dt.datetime, can_post: Callable[[Subscription], bool]) -> list[Outcome]:
        """Every subscription's due slot, each claimed once; `can_post` says whether the bot may
        post in the subscription's chat now (else the slot pauses and the subscriber is told once)."""
        with self._db.unit_of_work() as uow:
            uow.digests.refresh_marks(now)
            subscriptions = uow.digests.all()
        outcomes: list[Outcome] = []
        for subscription in subscriptions:
            outcome = self._handle(subscription, now, can_post)
            if outcome is not None:
                outcomes.append(outcome)
        return outcomes

    def _handle(
        self, subscription: Subscription, now: dt.datetime, can_post: Callable[[Subscription], bool]
    ) -> Outcome | None:
        slot = due(subscription.schedule, now, subscription.handled_through, self._grace)
        if slot.slot is None:
            return None
        postable = can_post(subscription)
        with self._db.unit_of_work() as uow:
            status = "missed" if slot.missed else ("paused" if not postable else "collecting")
            run_id = uow.digests.claim(subscription.id, slot.slot, status)
            if run_id is None:
                return None  # another worker has this slot
            uow.digests.mark(subscription.id, handled_through=slot.slot)
            if slot.missed:
                return Outcome("missed", subscription, uow.digests.run(run_id))
            if not postable:
                first = not subscription.pause_reported
                uow.digests.mark(subscription.id, pause_reported=True)
                if first:
                    self._paused_or_resumed(uow, subscription, DIGEST_PAUSED, now)
                return Outcome("paused", subscription) if first else None
            if subscription.pause_reported:
                self._paused_or_resumed(uow, subscription, DIGEST_RESUMED, now)
            uow.digests.mark(subscription.id, pause_reported=False)
            items = self._collect(uow, subscription, now)
            uow.digests.mark(subscription.id, collected_through=now)
            if not items:
                uow.digests.set_run(run_id, "empty", [])
                return Outcome("empty", subscription, uow.digests.run(run_id))
            uow.digests.set_run(run_id, "approved" if subscription.auto_approve else "draft", items)
            run = uow.digests.run(run_id)
        return Outcome("post" if subscription.auto_approve else "draft", subscription, run)

    @staticmethod
    def _paused_or_resumed(uow: UnitOfWork, subscription: Subscription, action: str, now: dt.datetime) -> None:
        """The bot itself paused the digest (it could not post) or resumed it: in the audit log too."""
        paused = action == DIGEST_PAUSED
        uow.audit.record(
            subscription.chat_id,
            BOT,
            action,
            before={"topic": subscription.thread_id, "paused": not paused},
            after={"topic": subscription.thread_id, "paused": paused},
            at=now,
        )

    def _collect(self, uow: UnitOfWork, subscription: Subscription, now: dt.datetime) -> list[DigestItem]:
        changed = uow.digests.changed_between(subscription.collected_through, now)
        records = self._db.read_credentials([credential_id for credential_id, *_rest in changed])
        pending = {item.external_id for run in uow.digests.drafts(subscription.id) for item in run.items}
        posted = uow.digests.posted(subscription.chat_id, [external_id for _id, external_id, *_r in changed])
        items: list[DigestItem] = []
        for credential_id, external_id, print_, known_before in changed:
            record = records.get(credential_id)
            if record is None or record.status != "active" or not matches(record, subscription.topics):
                continue
            if posted.get(external_id) == print_ or external_id in pending:
                continue  # never the same version twice to a chat
            items.append(
                DigestItem(credential_id, external_id, print_, known_before or external_id in posted)
            )
        return items

    def unsent(self, run: DigestRun, chat_id: int) -> list[DigestItem]:
        """The run's items the chat has not been sent in that version (a second approval, or two
        drafts holding the same credential, post nothing twice)."""
        with self._db.unit_of_work() as uow:
            posted = uow.digests.posted(chat_id, [item.external_id for item in run.items])
        return [item for item in run.items if posted.get(item.external_id) != item.fingerprint]

    def posted(
        self, run: DigestRun, chat_id: int, items: Sequence[DigestItem], *, by: Actor | None = None
    ) -> None:
        """`by`: the administrator who approved the preview (None: auto-approved, not a change)."""
        with self._db.unit_of_work() as uow:
            uow.digests.record_posted(chat_id, run.id, items)
            uow.digests.set_run(run.id, "posted")
            if by is not None:
                uow.audit.record(
                    chat_id,
                    by,
                    DIGEST_APPROVED,
                    before={"run": run.id, "status": run.status},
                    after={"run": run.id, "status": "posted", "items": len(items)},
                )

    def discard(self, run: DigestRun, *, by: Actor | None = None) -> None:
        with self._db.unit_of_work() as uow:
            uow.digests.set_run(run.id, "discarded")
            subscription = uow.digests.subscription(run.subscription_id)
            if by is not None and subscription is not None:
                uow.audit.record(
                    subscription.chat_id,
                    by,
                    DIGEST_DISCARDED,
                    before={"run": run.id, "status": run.status},
                    after={"run": run.id, "status": "discarded"},
                )

    def chat(self, chat_id: int) -> ChatMembership | None:
        with self._db.unit_of_work() as uow:
            return uow.chats.membership(chat_id)

    def managed_chats(self, user_id: int) -> list[ChatMembership]:
        with self._db.unit_of_work() as uow:
            return uow.chats.managed_by(user_id)

    def can_post(self, chat_id: int) -> bool:
        """The bot is in the chat and, in a channel, an administrator that may post (as the
        membership updates last told)."""
        chat = self.chat(chat_id)
        return chat is not None and chat.active and (chat.kind != "channel" or chat.bot_can_post)

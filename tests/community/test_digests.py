"""Digest runs against a real store (SQLite and PostgreSQL): what is collected (new, materially
changed, never twice to a chat), slots claimed once, pauses and missed runs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from bot.community.digests import Digests
from bot.domain.digest import Schedule, Subscription
from bot.store import models
from bot.store.db import Database

UTC = dt.UTC
CHANNEL = -1001


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)


def add(db: Database, external_id: str, title: str, **values: object) -> None:
    with db.session() as session:
        session.add(
            models.Credential(
                external_id=external_id,
                name_en=title,
                name_fr=title,
                keywords={"en": ["security"]},
                cost=Decimal("100"),
                **values,
            )
        )


def edit(db: Database, external_id: str, **values: object) -> None:
    with db.session() as session:
        row = session.scalars(select(models.Credential).where(models.Credential.external_id == external_id)).one()
        for name, value in values.items():
            setattr(row, name, value)


def always(_subscription: Subscription) -> bool:
    return True


def subscribe(digests: Digests, now: dt.datetime, topics: tuple[str, ...] = ("cyber",)) -> Subscription:
    _before, after = digests.subscribe(
        CHANNEL,
        None,
        subscriber_user_id=7,
        topics=topics,
        language="fr",
        schedule=Schedule("daily", 9, None),
        auto_approve=False,
        now=now,
    )
    return after


def titles(digests: Digests, outcome_run: object) -> dict[str, bool]:
    from bot.domain.digest import DigestRun

    assert isinstance(outcome_run, DigestRun)
    return {item.external_id: item.updated for item in outcome_run.items}


def test_a_run_collects_the_new_and_the_materially_changed_once(db: Database) -> None:
    add(db, "old", "Cyber old")
    add(db, "edited", "Cyber edited")
    add(db, "reworded", "Cyber reworded")
    add(db, "other", "Baking")
    digests = Digests(db)
    subscribe(digests, at(2027, 1, 14, 12))
    assert [o.kind for o in digests.run_due(at(2027, 1, 14, 14), always)] == ["empty"]

    add(db, "new", "Cyber new")
    add(db, "new-off-topic", "Pastry")
    edit(db, "edited", cost=Decimal("150"))
    edit(db, "reworded", description_en="A better description")
    (outcome,) = digests.run_due(at(2027, 1, 15, 14), always)
    assert outcome.kind == "draft"
    assert outcome.run is not None
    assert titles(digests, outcome.run) == {"new": False, "edited": True}
    # a second worker (or the same after a restart) at the same slot does nothing
    assert digests.run_due(at(2027, 1, 15, 14, 30), always) == []

    digests.posted(outcome.run, CHANNEL, digests.unsent(outcome.run, CHANNEL))
    assert digests.unsent(outcome.run, CHANNEL) == []  # approving twice posts nothing twice
    assert [o.kind for o in digests.run_due(at(2027, 1, 16, 14), always)] == ["empty"]

    edit(db, "new", url="https://example.org/new")
    (again,) = digests.run_due(at(2027, 1, 17, 14), always)
    assert titles(digests, again.run) == {"new": True}


def test_a_draft_not_yet_approved_is_not_collected_again(db: Database) -> None:
    digests = Digests(db)
    subscribe(digests, at(2027, 1, 14, 12), topics=())
    add(db, "a", "Anything")
    (first,) = digests.run_due(at(2027, 1, 15, 14), always)
    edit(db, "a", name_en="Anything at all")
    (second,) = digests.run_due(at(2027, 1, 16, 14), always)
    assert first.kind == "draft"
    assert second.kind == "empty"  # its first version still awaits approval


def test_a_paused_subscription_reports_once_and_resumes_with_what_it_missed(db: Database) -> None:
    digests = Digests(db)
    subscribe(digests, at(2027, 1, 14, 12))
    add(db, "a", "Cyber a")

    def never(_subscription: Subscription) -> bool:
        return False

    assert [o.kind for o in digests.run_due(at(2027, 1, 15, 14), never)] == ["paused"]
    assert digests.run_due(at(2027, 1, 16, 14), never) == []  # told once
    (resumed,) = digests.run_due(at(2027, 1, 17, 14), always)
    assert resumed.kind == "draft"
    assert titles(digests, resumed.run) == {"a": False}
    assert [o.kind for o in digests.run_due(at(2027, 1, 18, 14), never)] == ["paused"]  # told again


def test_a_slot_missed_by_more_than_the_grace_period_is_skipped_and_reported(db: Database) -> None:
    digests = Digests(db)
    subscribe(digests, at(2027, 1, 14, 12))
    add(db, "a", "Cyber a")
    (missed,) = digests.run_due(at(2027, 1, 15, 15, 30), always)
    assert missed.kind == "missed"
    assert digests.run_due(at(2027, 1, 15, 16), always) == []
    (next_day,) = digests.run_due(at(2027, 1, 16, 14, 5), always)  # within the grace period
    assert titles(digests, next_day.run) == {"a": False}  # nothing was lost


def _subscribe_in(digests: Digests, thread_id: int | None, topics: tuple[str, ...], now: dt.datetime) -> None:
    digests.subscribe(
        CHANNEL,
        thread_id,
        subscriber_user_id=7,
        topics=topics,
        language="fr",
        schedule=Schedule("daily", 9, None),
        auto_approve=False,
        now=now,
    )


def test_a_deleted_topic_moves_its_digest_to_general_or_stops_it_when_general_has_one(db: Database) -> None:
    digests = Digests(db)
    now = at(2026, 3, 2, 8)
    _subscribe_in(digests, 12, ("cyber",), now)
    _subscribe_in(digests, 13, ("data",), now)
    assert digests.topic_gone(CHANNEL, 99, now) is None  # no digest there: nothing changes

    moved = digests.topic_gone(CHANNEL, 12, now)
    assert moved is not None
    before, after = moved
    assert before.thread_id == 12 and after is not None and after.thread_id is None
    assert after.id == before.id and after.topics == ("cyber",)  # same settings, same marks
    # the chat has a digest in General now: the other deleted topic's one stops, General's goes on
    gone = digests.topic_gone(CHANNEL, 13, now)
    assert gone is not None and gone[1] is None and gone[0].topics == ("data",)
    assert [(s.thread_id, s.topics) for s in digests.for_chat(CHANNEL)] == [(None, ("cyber",))]
    with db.unit_of_work() as uow:
        entries = uow.audit.recent(CHANNEL, limit=10)
    assert [(e.action, e.actor.user_id, (e.before or {}).get("topic")) for e in entries] == [
        ("digest_stopped", None, 13),
        ("digest_topic_gone", None, 12),
    ]


def test_two_workers_marking_the_catalogue_at_once_keep_one_set_of_marks(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Their first clock ticks at once: both read "nothing marked yet" and both mark; the
    second one's inserts clash (IntegrityError, the periodic job failed): it keeps the first's."""
    from sqlalchemy.orm import Session

    add(db, "cred:race", "Race")
    with db.unit_of_work() as uow:  # the other worker, first to commit
        uow.digests.refresh_marks(at(2026, 1, 1, 9))
    real_get = Session.get

    def not_seen_yet(self: Session, entity: object, ident: object, **options: object) -> object:
        if entity in (models.CredentialMark, models.StoreStamp):
            return None  # what this worker read before the other committed
        return real_get(self, entity, ident, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Session, "get", not_seen_yet)
    with db.unit_of_work() as uow:
        uow.digests.refresh_marks(at(2026, 1, 1, 9))
        assert uow.digests.all() == []  # the unit of work goes on
    monkeypatch.undo()
    with db.session() as session:
        marks = session.scalars(select(models.CredentialMark)).all()
    assert [mark.external_id for mark in marks] == ["cred:race"]

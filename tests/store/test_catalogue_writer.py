"""Bulk writing of a catalogue (bot.store.catalogue_writer with bot.store.credential_rows), on
SQLite and PostgreSQL: several batches per import, re-imports that change values, providers and
skill links, one transaction for the whole write, and the progress it reports."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from bot.domain.credential import CredentialRecord, ProviderRecord, SkillRef
from bot.store import catalogue_writer, models
from bot.store.catalogue_repo import load_credentials
from bot.store.db import Database

MAPLE = ProviderRecord("org-maple", {"en": "Maple College", "fr": "Collège Érable"})
BIRCH = ProviderRecord("org-birch", {"en": "Birch Institute"})


def record(n: int, **changes: object) -> CredentialRecord:
    fields: dict[str, object] = {
        "external_id": f"cred-{n:03d}",
        "name": {"en": f"Course {n}", "fr": f"Cours {n}"},
        "description": {"en": f"About {n}"},
        "provider": MAPLE if n % 2 else BIRCH,
        "languages": ["en", "fr"] if n % 3 else ["fr"],
        "hours": float(n),
        "cost": Decimal(n * 10),
        "delivery": "online",
        "keywords": {"en": [f"word{n}"]},
        "skills": [SkillRef({"en": f"Skill {n % 4}"}), SkillRef({"en": "Common", "fr": "Commun"})],
    }
    fields.update(changes)
    return CredentialRecord(**fields)  # type: ignore[arg-type]


def write(db: Database, records: list[CredentialRecord], **options: object) -> catalogue_writer.WriteCounts:
    with db.unit_of_work() as uow:
        return uow.catalogue.write(records, replace=bool(options.get("replace")), progress=None)


def stored(db: Database) -> dict[str, CredentialRecord]:
    with db.session() as session:
        return {r.external_id: r for r in load_credentials(session)}


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 7 records, so that a write of a few dozen takes several."""
    monkeypatch.setattr(catalogue_writer, "BATCH", 7)


def test_several_batches_are_written_with_their_links_then_left_unchanged(db: Database) -> None:
    records = [record(n) for n in range(1, 31)]
    counts = write(db, records)
    assert (counts.added, counts.updated, counts.unchanged) == (30, 0, 0)
    assert (counts.providers_added, counts.skills_created) == (2, 5)
    saved = stored(db)
    assert len(saved) == 30
    for original in records:
        copy = saved[original.external_id]
        assert (copy.name, copy.hours, copy.cost, copy.languages) == (
            original.name,
            original.hours,
            original.cost,
            original.languages,
        )
        assert copy.provider is not None and copy.provider.external_id == original.provider.external_id  # type: ignore[union-attr]
        assert [s.label["en"] for s in copy.skills] == [s.label["en"] for s in original.skills]
    with db.session() as session:
        stamps = dict(
            session.execute(select(models.Credential.external_id, models.Credential.updated_at)).all()
        )
    again = write(db, [record(n) for n in range(1, 31)])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 30)
    with db.session() as session:
        assert (
            dict(session.execute(select(models.Credential.external_id, models.Credential.updated_at)).all())
            == stamps
        )


def test_reimport_updates_values_provider_and_links_of_the_changed_records_only(db: Database) -> None:
    write(db, [record(n) for n in range(1, 21)])
    changed = [record(n) for n in range(1, 21)]
    changed[2] = record(3, hours=99.5, provider=BIRCH)
    changed[9] = record(10, skills=[SkillRef({"en": "Common"}), SkillRef({"en": "Brand new"})])
    changed[15] = record(16, cost=None, name={"fr": "Seulement en français"})
    counts = write(db, changed)
    assert (counts.added, counts.updated, counts.unchanged) == (0, 3, 17)
    assert counts.skills_created == 1
    saved = stored(db)
    assert saved["cred-003"].hours == 99.5
    assert saved["cred-003"].provider is not None and saved["cred-003"].provider.external_id == "org-birch"
    assert [s.label.get("en") for s in saved["cred-010"].skills] == ["Common", "Brand new"]
    assert (saved["cred-016"].cost, saved["cred-016"].name) == (None, {"fr": "Seulement en français"})
    assert [s.label.get("en") for s in saved["cred-011"].skills] == ["Skill 3", "Common"]
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(models.CredentialSkill)) == 40


def test_replace_removes_across_batches_and_a_removed_record_comes_back(db: Database) -> None:
    write(db, [record(n) for n in range(1, 26)])
    counts = write(db, [record(n) for n in range(1, 26) if n % 5], replace=True)
    assert (counts.removed, counts.unchanged) == (5, 20)
    assert sorted(stored(db)) == [f"cred-{n:03d}" for n in range(1, 26) if n % 5]
    back = write(db, [record(n) for n in range(1, 26)])
    assert (back.added, back.unchanged) == (5, 20)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(models.CredentialSkill)) == 50


def test_a_failure_in_a_later_batch_leaves_the_store_as_it_was(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(db, [record(n) for n in range(1, 6)])
    before = stored(db)
    real = catalogue_writer._write_batch
    calls: list[int] = []

    def failing(*args: object) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(catalogue_writer, "_write_batch", failing)
    with pytest.raises(RuntimeError):
        write(db, [record(n, hours=1.0) for n in range(1, 31)])
    assert len(calls) == 3
    assert stored(db) == before
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(models.Provider)) == 2
        assert session.scalar(select(func.count()).select_from(models.Skill)) == 5


def test_progress_is_reported_once_per_batch_up_to_the_total(db: Database) -> None:
    seen: list[tuple[int, int]] = []
    with db.unit_of_work() as uow:
        uow.catalogue.write(
            [record(n) for n in range(1, 17)], replace=False, progress=lambda d, t: seen.append((d, t))
        )
    assert seen == [(7, 16), (14, 16), (16, 16)]


def test_a_record_given_twice_is_written_once_as_last_given(db: Database) -> None:
    counts = write(db, [record(1), record(2), record(1, hours=5.0)])
    assert counts.added == 2
    assert stored(db)["cred-001"].hours == 5.0


def test_postgresql_planner_statistics_are_fresh_after_a_write(db: Database) -> None:
    """Without statistics, PostgreSQL hash-joins every skill to read ten search hits back."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    write(db, [record(n) for n in range(1, 31)])
    with db.session() as session:
        rows = session.execute(
            text(
                "SELECT relname, reltuples FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
                "AND relname IN ('credentials', 'credential_skills', 'skills', 'providers')"
            )
        ).all()
    analysed = {name: tuples for name, tuples in rows}
    assert analysed == {"credentials": 30, "credential_skills": 60, "skills": 5, "providers": 2}


def test_new_sqlite_ids_are_read_back_by_external_id_when_they_are_not_the_last(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's executemany path")
    from bot.store import credential_rows

    real = credential_rows._executemany

    def and_one_more(session: object, table: object, columns: object, rows: object) -> None:
        real(session, table, columns, rows)  # type: ignore[arg-type]
        if table is credential_rows.CREDENTIALS:
            # Another row after ours: the last ids are not all ours.
            session.execute(  # type: ignore[attr-defined]
                credential_rows.CREDENTIALS.insert().values(external_id="someone-else", status="active")
            )

    monkeypatch.setattr(credential_rows, "_executemany", and_one_more)
    write(db, [record(n) for n in range(1, 4)])
    saved = stored(db)
    assert [saved[f"cred-{n:03d}"].hours for n in range(1, 4)] == [1.0, 2.0, 3.0]
    assert [[s.label["en"] for s in saved[f"cred-{n:03d}"].skills] for n in range(1, 4)] == [
        ["Skill 1", "Common"],
        ["Skill 2", "Common"],
        ["Skill 3", "Common"],
    ]

"""Import pipeline: all-or-nothing, idempotent, --replace, skills, vocabulary, seeding, CLI."""

from __future__ import annotations

import argparse
import io
import json
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bot.catalogue.cli import add_export_parser, add_import_parser
from bot.catalogue.importer import ensure_seeded, import_files, load_vocabulary_file
from bot.store import models
from bot.store.catalogue_repo import get_by_external_id, load_credentials
from bot.store.db import Database

FIXTURES = Path(__file__).parent / "fixtures"
CTDL = FIXTURES / "catalogue.ctdl.json"
CTID_1 = "ce-1c000000-0000-4000-8000-000000000001"
CTID_2 = "ce-1c000000-0000-4000-8000-000000000002"
CTID_3 = "ce-1c000000-0000-4000-8000-000000000003"


def counts(db: Database) -> dict[str, int]:
    tables = (models.Credential, models.Provider, models.Skill, models.CredentialSkill)
    with db.session() as s:
        return {t.__tablename__: s.scalar(select(func.count()).select_from(t)) or 0 for t in tables}


def broken_copy(tmp_path: Path) -> Path:
    data = json.loads(CTDL.read_text(encoding="utf-8"))
    for node in data["@graph"]:
        if node.get("ceterms:ctid") == CTID_2:
            node["ceterms:estimatedCost"]["ceterms:currency"] = "DOLLARS"
    path = tmp_path / "broken.ctdl.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def cli(args: list[str], db: Database) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="credbot")
    sub = parser.add_subparsers(dest="command")
    add_import_parser(sub)
    add_export_parser(sub)
    ns = parser.parse_args(args)
    out, err = io.StringIO(), io.StringIO()
    ns.stdout, ns.stderr = out, err
    code = ns.run(ns, db)
    return code, out.getvalue(), err.getvalue()


def test_broken_ctdl_names_record_and_field_and_changes_nothing(db: Database, tmp_path: Path) -> None:
    load_vocabulary_file(db, FIXTURES / "skills.json")
    before = counts(db)
    code, out, err = cli(["import", str(broken_copy(tmp_path))], db)
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert lines[-1] == "Nothing was imported."
    assert any(CTID_2 in line and "ceterms:currency" in line for line in lines[:-1])
    assert len(lines) == 2
    assert counts(db) == before


def test_fixed_file_adds_its_records_then_reimport_changes_nothing(db: Database) -> None:
    load_vocabulary_file(db, FIXTURES / "skills.json")
    report = import_files(db, [CTDL])
    assert report.ok, report.problems
    assert (report.added, report.updated, report.unchanged) == (3, 0, 0)
    assert counts(db)["credentials"] == 3
    with db.session() as s:
        stamps = dict(s.execute(select(models.Credential.external_id, models.Credential.updated_at)).all())
    code, out, err = cli(["import", str(CTDL)], db)
    assert code == 0, err
    assert out.strip() == (
        "added 0, updated 0, unchanged 3, removed 0 (credentials); "
        "1 resource skipped, not a credential or learning opportunity: ceterms:AssessmentProfile (1)"
    )
    with db.session() as s:
        again = dict(s.execute(select(models.Credential.external_id, models.Credential.updated_at)).all())
    assert again == stamps


def test_changed_record_is_updated(db: Database, tmp_path: Path) -> None:
    import_files(db, [CTDL])
    data = json.loads(CTDL.read_text(encoding="utf-8"))
    data["@graph"][2]["ceterms:estimatedDuration"][0]["ceterms:exactDuration"] = "PT31H"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    report = import_files(db, [changed])
    assert (report.added, report.updated, report.unchanged) == (0, 1, 2)
    with db.session() as s:
        assert get_by_external_id(s, CTID_1).hours == 31  # type: ignore[union-attr]


def test_skills_linked_by_key_label_or_created(db: Database) -> None:
    load_vocabulary_file(db, FIXTURES / "skills.json")
    report = import_files(db, [CTDL])
    assert report.ok
    with db.session() as s:
        first = get_by_external_id(s, CTID_1)
        second = get_by_external_id(s, CTID_2)
    assert first is not None and second is not None
    # key → python; new bilingual skill → one concept; "ANALYSE DE DONNEES" → data-analysis by label
    assert [skill.key for skill in first.skills] == [
        "python",
        "data-visualisation",
        "data-analysis",
    ]
    assert first.skills[1].label == {"en": "Data Visualisation", "fr": "Visualisation de données"}
    assert [skill.key for skill in second.skills] == ["project-management"]
    assert report.skills_created == 1


def test_replace_keeps_earned_credentials(db: Database, tmp_path: Path) -> None:
    import_files(db, [CTDL])
    with db.session() as s:
        learner = models.Learner(ref="console:ada")
        s.add(learner)
        s.flush()
        cred_id = s.scalar(select(models.Credential.id).where(models.Credential.external_id == CTID_3))
        s.add(models.EarnedCredential(learner_id=learner.id, external_id=CTID_3, credential_id=cred_id))
    data = json.loads(CTDL.read_text(encoding="utf-8"))
    data["@graph"] = [n for n in data["@graph"] if n.get("ceterms:ctid") != CTID_3]
    smaller = tmp_path / "smaller.json"
    smaller.write_text(json.dumps(data), encoding="utf-8")

    code, out, _err = cli(["import", "--replace", str(smaller)], db)
    assert code == 0
    assert out.strip().startswith("added 0, updated 0, unchanged 2, removed 1 (credentials)")
    with db.session() as s:
        earned = s.scalars(select(models.EarnedCredential)).one()
        assert (earned.external_id, earned.credential_id) == (CTID_3, None)
        # The provider only the removed credential used is gone too.
        providers = s.scalars(select(models.Provider.external_id)).all()
        assert "ce-0b000000-0000-4000-8000-00000000000f" not in providers
        assert s.scalar(select(func.count()).select_from(models.Learner)) == 1

    report = import_files(db, [CTDL], replace=True)
    assert (report.added, report.removed) == (1, 0)
    with db.session() as s:
        earned = s.scalars(select(models.EarnedCredential)).one()
        new_id = s.scalar(select(models.Credential.id).where(models.Credential.external_id == CTID_3))
        assert earned.credential_id == new_id is not None


def test_csv_errors_report_line_numbers(db: Database) -> None:
    code, _out, err = cli(["import", str(FIXTURES / "broken.csv")], db)
    assert code == 1
    lines = err.strip().splitlines()
    assert lines[-1] == "Nothing was imported."
    assert not any("line 2:" in line for line in lines)
    assert any(
        line.endswith("line 3: name_en/name_fr: a name in English or French is required") for line in lines
    )
    for field in ("hours", "cost", "currency", "delivery", "url"):
        assert any(f"broken.csv: line 4: {field}:" in line for line in lines), field
    assert counts(db)["credentials"] == 0


def test_identical_copies_in_two_files_are_imported_once(db: Database, tmp_path: Path) -> None:
    copy = tmp_path / "copy.json"
    shutil.copy(CTDL, copy)
    report = import_files(db, [CTDL, copy])
    assert report.ok, report.problems
    assert report.added == 3 and counts(db)["credentials"] == 3


def test_differing_copies_in_two_files_are_an_error_naming_both(db: Database, tmp_path: Path) -> None:
    data = json.loads(CTDL.read_text(encoding="utf-8"))
    for node in data["@graph"]:
        if node.get("ceterms:ctid") == CTID_2:
            node["ceterms:name"] = {"en": "Another name"}
    copy = tmp_path / "copy.json"
    copy.write_text(json.dumps(data), encoding="utf-8")
    report = import_files(db, [CTDL, copy])
    (problem,) = [p for p in report.problems if "duplicate" in p.message]
    assert (problem.file, problem.record) == (str(copy), CTID_2)
    assert str(CTDL) in problem.message
    assert counts(db)["credentials"] == 0


def test_many_problems_are_capped(db: Database, tmp_path: Path) -> None:
    rows = ["id,name_en,hours"] + [f"x{i},,-1" for i in range(40)]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, _out, err = cli(["import", str(path)], db)
    lines = err.strip().splitlines()
    assert code == 1
    assert len(lines) == 52
    assert lines[-2] == "… and 30 more"


def test_auto_format_detection_mixed_files(db: Database) -> None:
    report = import_files(
        db,
        [
            CTDL,
            FIXTURES / "single.ctdl.json",
            FIXTURES / "badge-pair.json",
            FIXTURES / "catalogue.csv",
        ],
    )
    assert report.ok, report.problems
    assert set(report.formats.values()) == {"ctdl", "obv3", "csv"}
    assert report.added == 3 + 1 + 1 + 2


def test_unknown_format_is_a_problem(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    report = import_files(db, [path, tmp_path / "missing.json"])
    assert len(report.problems) == 2


def test_progress_callback(db: Database) -> None:
    seen: list[tuple[str, int, int]] = []
    import_files(db, [CTDL], progress=lambda stage, done, total: seen.append((stage, done, total)))
    size = CTDL.stat().st_size
    assert seen == [("read", 0, size), ("read", size, size), ("write", 3, 3)]


def test_vocabulary_is_idempotent(db: Database) -> None:
    first = load_vocabulary_file(db, FIXTURES / "skills.json")
    second = load_vocabulary_file(db, FIXTURES / "skills.json")
    assert (first.added, first.updated) == (6, 0)
    assert (second.added, second.updated) == (0, 0)
    assert counts(db)["skills"] == 3


def test_ensure_seeded_once(db: Database, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "skills.json", tmp_path / "skills.json")
    shutil.copy(CTDL, tmp_path / "catalogue.ctdl.json")
    shutil.copy(FIXTURES / "badge-pair.json", tmp_path / "badges.json")
    done = ensure_seeded(db, tmp_path)
    assert done is not None and done.vocabulary is not None
    assert done.imported.added == 4
    assert ensure_seeded(db, tmp_path) is None
    with db.session() as s:
        assert len(load_credentials(s)) == 4


def test_export_cli_writes_file(db: Database, tmp_path: Path) -> None:
    import_files(db, [CTDL])
    target = tmp_path / "out.csv"
    code, out, _err = cli(["export", "--format", "csv", "--output", str(target)], db)
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("id,name_en,name_fr")
    code, out, _err = cli(["export", "--format", "ctdl"], db)
    data: Any = json.loads(out)
    assert len(data["@graph"]) == 3 + 2  # the third credential's owner is unresolved: no provider


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_for_large_inputs() -> None:
    from bot.catalogue.cli import make_progress

    assert make_progress(io.StringIO()) is None
    assert make_progress(_Tty(), force=False) is None
    tty = _Tty()
    progress = make_progress(tty)
    assert progress is not None
    progress("read", 0, 5_000)
    progress("read", 5_000, 5_000)
    progress("write", 3, 3)
    assert tty.getvalue() == ""
    progress("read", 0, 265_000_000)
    progress("read", 265_000_000, 265_000_000)
    for done in range(1, 301):
        progress("write", done, 300)
    lines = tty.getvalue().split("\n")
    assert lines[0].startswith("\rreading  [-----")
    assert lines[0].endswith("\rreading  [" + "#" * 30 + "] 265/265 MB")
    assert lines[1].endswith("] 300/300 credentials")
    assert lines[1].count("\r") == 31  # redrawn when the bar grows, not at every record
    assert lines[2] == ""


def test_import_progress_option_draws_on_any_stream_and_in_french(db: Database) -> None:
    from bot.i18n import use_locale

    code, _out, err = cli(["import", "--progress", str(CTDL)], db)
    assert code == 0
    kilobytes = round(CTDL.stat().st_size / 1000)
    assert err == (
        f"\rreading  [{'-' * 30}] 0/{kilobytes} kB\rreading  [{'#' * 30}] {kilobytes}/{kilobytes} kB\n"
        f"\rwriting  [{'#' * 30}] 3/3 credentials\n"
    )
    with use_locale("fr"):
        code, _out, err = cli(["import", "--progress", str(CTDL)], db)
    assert code == 0 and "écriture" in err and "3/3 microcertifications" in err
    code, _out, err = cli(["import", "--no-progress", str(CTDL)], db)
    assert code == 0 and err == ""

"""The vocabularies (`skills.json`, `esco.json.gz`) are in every store, whatever filled it: loaded
once, again when their files change, and a missing file is skipped."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from bot.app import main
from bot.bundles.planner import load_solver
from bot.catalogue.importer import ensure_vocabularies, import_files
from bot.store.db import Database

FIXTURES = Path(__file__).parent / "fixtures"
ESCO_URI = "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-0000000e5c01"


def _esco(directory: Path, label: str = "use geographic information systems") -> None:
    data = {
        "version": 1,
        "attribution": "test data in the shape of the ESCO table",
        "subjects": [],
        "skills": [
            {"id": "esco:00000000-0000-4000-8000-0000000e5c01",
             "label": {"en": label, "fr": "utiliser des systèmes d'information géographique"},
             "uri": ESCO_URI},
        ],
        "occupations": [
            {"id": "esco:00000000-0000-4000-8000-0000000e5c02", "label": {"en": "cartographer"},
             "synonyms": {"fr": ["cartographe"]}, "skills": [],
             "uri": "http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-0000000e5c02"},
        ],
    }  # fmt: skip
    with gzip.open(directory / "esco.json.gz", "wt", encoding="utf-8") as handle:
        json.dump(data, handle)


def test_loaded_once_then_again_when_a_file_changes(db: Database, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "skills.json", tmp_path / "skills.json")
    first = ensure_vocabularies(db, [tmp_path])
    assert first is not None and first.skills == 3 and first.added == 6
    assert ensure_vocabularies(db, [tmp_path]) is None  # stamped: nothing to do
    _esco(tmp_path)
    second = ensure_vocabularies(db, [tmp_path])
    assert second is not None and second.skills == 4 and second.added == 2
    with db.unit_of_work() as uow:
        vocabulary = uow.catalogue.vocabulary()
    assert "esco:00000000-0000-4000-8000-0000000e5c01" in {skill.key for skill in vocabulary.skills}


def test_an_alignment_to_an_esco_uri_links_to_the_esco_skill(db: Database, tmp_path: Path) -> None:
    _esco(tmp_path)
    ensure_vocabularies(db, [tmp_path])
    badge = tmp_path / "badge.json"
    badge.write_text(
        json.dumps(
            {
                "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
                "id": "https://badges.example/achievement/gis-1",
                "type": ["Achievement"],
                "name": "GIS in the field",
                "description": "Field data collection with a GIS.",
                "criteria": {"narrative": "Complete the field project."},
                "creator": {"id": "https://badges.example/issuer/1", "type": ["Profile"], "name": "Field School"},
                "alignment": [
                    {"type": ["Alignment"], "targetName": "Use GIS", "targetUrl": ESCO_URI + "/",
                     "targetFramework": "ESCO"},
                ],
            }
        ),
        encoding="utf-8",
    )  # fmt: skip
    report = import_files(db, [badge])
    assert report.ok, report.problems
    assert report.skills_created == 0
    with db.unit_of_work() as uow:
        record = uow.catalogue.by_external_id("https://badges.example/achievement/gis-1")
    assert record is not None
    assert [skill.key for skill in record.skills] == ["esco:00000000-0000-4000-8000-0000000e5c01"]
    # The badge's own name for the skill is still understood, beside ESCO's label.
    with db.unit_of_work() as uow:
        solver = load_solver(uow)
    assert solver.matcher.match_names(["Use GIS"]).skills == ["esco:00000000-0000-4000-8000-0000000e5c01"]


def test_a_store_filled_only_by_import_knows_the_shipped_vocabulary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    shutil.copy(FIXTURES / "skills.json", shipped / "skills.json")
    monkeypatch.setattr("bot.app.PROJECT_ROOT", tmp_path / "nowhere")
    monkeypatch.setenv("CREDBOT_CATALOGUE_DIR", str(shipped))
    monkeypatch.setenv("CREDBOT_HOME", str(tmp_path / "home"))
    catalogue = tmp_path / "catalogue.csv"
    catalogue.write_text("id,name_en,skills_en\nc1,Spreadsheets for analysts,Data analysis\n", "utf-8")
    store = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    assert main(["--db", store, "import", str(catalogue)]) == 0
    capsys.readouterr()
    assert main(["--db", store, "bundle", "--skill", "analyse de données", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["feasible"] is True and [item["id"] for item in data["items"]] == ["c1"]
    # Known from the vocabulary, taught by nothing: not offered, not "feasible with no items".
    assert main(["--db", store, "bundle", "--skill", "gestion de projet", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["feasible"] is False and data["not_offered"] == ["project-management"]
    assert data["items"] == []


def test_esco_french_titles_keep_their_words_in_both_forms() -> None:
    """`technicien/technicienne biochimiste` is « technicien biochimiste » and « technicienne
    biochimiste », never a bare « technicien » (which made every technician search find it)."""
    import importlib.util

    script = Path(__file__).resolve().parents[2] / "catalogue_data" / "build_esco.py"
    spec = importlib.util.spec_from_file_location("build_esco", script)
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build._forms("technicien/technicienne biochimiste") == ["technicien biochimiste", "technicienne biochimiste"]
    assert build._forms("tuteur/tutrice") == ["tuteur", "tutrice"]
    assert build._forms("directeur technique/directrice technique") == ["directeur technique", "directrice technique"]
    shipped = json.loads(gzip.decompress((script.parent / "esco.json.gz").read_bytes()))
    french = [o["label"].get("fr", "") for o in shipped["occupations"]]
    assert "technicien" not in french and "technicien biochimiste" in french

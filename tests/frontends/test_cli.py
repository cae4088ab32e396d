"""The credbot command line as a user runs it: arguments in, text or JSON out, exit codes."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from bot.app import main
from bot.conversation.context import Who

FIXTURES = Path(__file__).parent.parent / "catalogue" / "fixtures"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store seeded with the default catalogue, once for the module."""
    path = tmp_path_factory.mktemp("cli") / "credbot.sqlite3"
    assert main(["--db", f"sqlite:///{path}", "search", "warm-up", "--json"]) == 0
    return path


@pytest.fixture
def store(seeded: Path, tmp_path: Path) -> str:
    copy = tmp_path / "credbot.sqlite3"
    shutil.copy(seeded, copy)
    return f"sqlite:///{copy}"


def run(
    argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = main(argv)
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_is_the_documented_contract(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["--db", store, "search", "cybersécurité", "--json", "--limit", "3"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "cybersécurité"
    assert 1 <= len(data["results"]) <= 3
    for item in data["results"]:
        assert set(item) == {"id", "title", "score", "hours", "cost", "currency", "languages", "provider"}
        assert item["id"].startswith("ce-")


def test_batch_search_answers_one_json_line_per_query(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["--db", store, "search", "-"], capsys, stdin="securite\n\ndata analytics\nGIS\n")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["query"] for line in lines] == ["securite", "data analytics", "GIS"]
    assert all(line["results"] for line in lines)


def test_options_filter_the_results(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(
        [
            "--db",
            store,
            "search",
            "comptabilité",
            "--json",
            "--online",
            "--taught-in",
            "fr",
            "--max-hours",
            "40",
        ],
        capsys,
    )
    assert code == 0
    results = json.loads(out)["results"]
    assert results and all("fr" in item["languages"] and item["hours"] <= 40 for item in results)


def test_console_chat_and_search_command_agree(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.app import build_conversation, open_database
    from bot.config import Settings

    for query in ("soins palliatifs", "data analytics", "comptab"):
        _code, out, _err = run(
            ["--db", store, "search", query, "--json", "--lang", "fr", "--limit", "5"], capsys
        )
        titles = [item["title"] for item in json.loads(out)["results"]]
        settings = Settings(database_url=store)
        database = open_database(settings, seed=False)
        conversation = build_conversation(settings, database)
        shown = conversation.text(Who(ref="console:test", language_code="fr"), query)[0].plain_text()
        positions = [shown.index(f". {title}\n") for title in titles]
        assert positions == sorted(positions), f"{query}: the chat lists {titles} in another order"
        database.dispose()


def test_import_is_all_or_nothing_then_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = f"sqlite:///{tmp_path / 'org.sqlite3'}"
    document = json.loads((FIXTURES / "catalogue.ctdl.json").read_text())
    credentials = [
        node
        for node in document["@graph"]
        if "ctid" in json.dumps(node) and "Credential" not in node["@type"]
    ]
    broken_node = credentials[-1]
    broken_node["ceterms:estimatedDuration"] = [{"ceterms:exactDuration": "about two weeks"}]
    broken = tmp_path / "broken.ctdl.json"
    broken.write_text(json.dumps(document))

    code, out, err = run(["--db", store, "import", str(broken)], capsys)
    assert code == 1
    assert broken_node["ceterms:ctid"] in err and "estimatedDuration" in err
    assert "Nothing was imported." in err
    _code, out, _err = run(["--db", store, "export", "--format", "csv"], capsys)
    assert out.count("\n") == 1, "only the CSV header: the store is unchanged"

    code, out, _err = run(["--db", store, "import", str(FIXTURES / "catalogue.ctdl.json")], capsys)
    assert code == 0 and "unchanged 0" in out and "added 0" not in out
    code, out, _err = run(["--db", store, "import", str(FIXTURES / "catalogue.ctdl.json")], capsys)
    assert code == 0 and "added 0, updated 0" in out


def test_db_option_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite3'}")
    option = tmp_path / "option.sqlite3"
    assert run(["--db", f"sqlite:///{option}", "import", str(FIXTURES / "single.ctdl.json")], capsys)[0] == 0
    assert option.exists() and not (tmp_path / "env.sqlite3").exists()


def test_the_webhook_secret_comes_from_its_file_first(tmp_path: Path) -> None:
    from bot.frontends.cli import webhook_secret

    secret_file = tmp_path / "secret"
    secret_file.write_text("from-the-file\n", encoding="utf-8")
    assert webhook_secret("from-the-argument", str(secret_file)) == "from-the-file"
    assert webhook_secret("from-the-argument", None) == "from-the-argument"
    secret_file.write_text("  \n", encoding="utf-8")
    assert webhook_secret(None, str(secret_file)) is None
    with pytest.raises(OSError):
        webhook_secret(None, str(tmp_path / "missing"))


def test_a_webhook_without_a_readable_secret_file_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET", raising=False)
    database = f"sqlite:///{tmp_path / 'credbot.sqlite3'}"
    code = main(
        ["--db", database, "webhook", "--url", "https://x.invalid/t", "--secret-file", str(tmp_path / "none")]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "Cannot read the webhook secret file" in err and "123:abc" not in err

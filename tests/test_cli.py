"""The command line: formats, exit codes, where output goes."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from tinkuy.cli import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, main

pytestmark = pytest.mark.model

ARTICLE = "Mexico broke off diplomatic relations with Ecuador on Saturday after Ecuadorian police raided its embassy in Quito."


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "raid.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_code_writes_jsonl_to_stdout_and_exits_3_when_something_was_rejected(corpus, capsys):
    status = main(["code", str(corpus), "--date", "2024-04-07", "--summary"])
    out, err = capsys.readouterr()
    events = [json.loads(line) for line in out.splitlines()]
    assert status == EXIT_REJECTED
    assert events and {e["doc_id"] for e in events} == {"raid"}
    assert all(e["date"] == "2024-04-06" for e in events if e["evidence"]["date_text"] == "Saturday")
    assert "rejected: 1" in err and "empty: 1" in err


def test_summary_stays_off_when_stderr_is_not_a_terminal(corpus, capsys):
    main(["code", str(corpus / "raid.txt")])
    out, err = capsys.readouterr()
    assert out and err == ""


@pytest.mark.slow
def test_code_as_csv_and_parquet(corpus, tmp_path, capsys):
    assert main(["code", str(corpus / "raid.txt"), "--format", "csv"]) == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {"event_id", "source.code", "target.code", "evidence.rule"} <= set(rows[0])
    out = tmp_path / "events.parquet"
    assert main(["code", str(corpus / "raid.txt"), "--format", "parquet", "-o", str(out)]) == EXIT_OK
    table = pq.read_table(out)
    assert table.num_rows == len(rows) and table.column("source").to_pylist()[0]["code"] == rows[0]["source.code"]


def test_parquet_needs_an_output_file(corpus, capsys):
    assert main(["code", str(corpus / "raid.txt"), "--format", "parquet"]) == EXIT_USAGE
    assert "-o" in capsys.readouterr().err


def test_bad_date_is_a_usage_error(corpus, capsys):
    assert main(["code", str(corpus), "--date", "yesterday"]) == EXIT_USAGE
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_ingest_then_export(corpus, tmp_path, capsys):
    db = tmp_path / "store.duckdb"
    assert main(["ingest", str(corpus), "--db", str(db)]) == EXIT_REJECTED
    capsys.readouterr()
    assert main(["export", "--db", str(db)]) == EXIT_OK
    exported = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert exported and all(e["doc_id"] == "raid" for e in exported)


def test_info_reports_model_pipes_and_dictionaries(capsys):
    assert main(["info", "--json"]) == EXIT_OK
    info = json.loads(capsys.readouterr().out)
    assert info["model"]["pipes"][:1] == ["tok2vec"] and "ner" not in info["model"]["pipes"]
    assert info["dictionaries"]["countries.tsv"] > 190 and info["dictionaries"]["verbs.tsv"] > 100

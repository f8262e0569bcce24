"""The report: one HTML file, everything inside it, the data it shows and the dyads asked for."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
from html import unescape
from pathlib import Path

import pytest

from tinkuy import api, report
from tinkuy.analysis import Filters
from tinkuy.cli import EXIT_OK, main
from tinkuy.store import Store
from tinkuy.web import pages

from .test_analysis import build_sample_store
from .test_dedup import coded_article, stored_event, write_store

DATA = re.compile(r'<script type="application/json" id="tinkuy-data">(.*?)</script>', re.S)


def embedded(html: str) -> dict:
    """The data the report draws, as embedded in it."""
    match = DATA.search(html)
    assert match, "no embedded data"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_sample_store(tmp_path_factory.mktemp("report") / "sample.duckdb")


def test_the_report_is_one_file_that_needs_no_network(db, tmp_path):
    html = api.report(db, tmp_path / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"(?!data:)", html)
    assert "@import" not in html and "url(http" not in html
    assert "const tinkuy" in html and 'T.view({name: "events", mode: "report"' in html
    data = embedded(html)
    assert set(data) == {
        "overview",
        "scope",
        "total_events",
        "max_events",
        "series",
        "network",
        "timeline",
        "events",
        "names",
        "places",
        "world",
    }
    assert data["scope"] == "Each merged event counted once; asserted events only; series by month."


def test_the_report_shows_the_top_dyads_and_every_event(db, tmp_path):
    data = embedded(api.report(db, tmp_path / "report.html").read_text(encoding="utf-8"))
    assert [s["dyad"] for s in data["series"]] == [["ECU", "USA"], ["ECU", "MEX"]]
    assert [len(s["points"]) for s in data["series"]] == [3, 3]
    assert [t["dyad"] for t in data["timeline"]] == [["ECU", "USA"], ["ECU", "MEX"]]
    assert data["total_events"] == len(data["events"]) == 5
    assert [e["date"] for e in data["events"]] == sorted(e["date"] for e in data["events"])
    consult = next(e for e in data["events"] if e["cameo"] == "040")
    assert consult["corroboration"] == "several_outlets" and consult["lead"]["sentence"].startswith("USA acted on ECU")
    assert {n["actor"] for n in data["network"]["nodes"]} == {"USA", "ECU", "MEX"}


def test_the_report_charts_the_dyads_asked_for_with_the_filters_given(db, tmp_path):
    path = api.report(db, tmp_path / "r.html", dyads=[("MEX", "ECU")], by="year", filters=Filters(modality=None), max_events=2)
    data = embedded(path.read_text(encoding="utf-8"))
    assert [(s["dyad"], [p["period"] for p in s["points"]]) for s in data["series"]] == [(["MEX", "ECU"], ["2021-01-01"])]
    assert (data["total_events"], len(data["events"])) == (6, 2)


def test_text_from_the_store_cannot_close_the_data_element(tmp_path):
    hostile = "</script><script>alert(1)</script>"
    event = dataclasses.replace(stored_event("h", 0, "USA", "ECU", "040", "2024-01-02"), sentence=f"USA acted on ECU {hostile}")
    db = write_store(tmp_path / "h.duckdb", [coded_article("h", [event])])
    html = api.report(db, tmp_path / "h.html", title="<b>title</b>").read_text(encoding="utf-8")
    assert hostile not in html
    assert embedded(html)["events"][0]["lead"]["sentence"].endswith(hostile)
    assert "<title>&lt;b&gt;title&lt;/b&gt;</title>" in html


def test_report_command(db, tmp_path, capsys):
    out = tmp_path / "cli.html"
    assert (
        main(["report", "--db", str(db), "-o", str(out), "--dyad", "USA", "ECU", "--by", "year", "--title", "US and Ecuador"])
        == EXIT_OK
    )
    html = out.read_text(encoding="utf-8")
    assert "<title>US and Ecuador</title>" in html
    assert [s["dyad"] for s in embedded(html)["series"]] == [["USA", "ECU"]]
    assert str(out) in capsys.readouterr().err


@pytest.mark.model
@pytest.mark.slow
def test_the_demo_ends_with_a_report(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path)]) == EXIT_OK
    report = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert report == tmp_path / "report.html"
    data = embedded(report.read_text(encoding="utf-8"))
    assert len(data["series"]) >= 3 and len(data["events"]) >= 50
    dates = {e["date"][:4] for e in data["events"] if e["date"]}
    assert {"2021", "2022", "2023", "2024"} <= dates
    with Store(tmp_path / "tinkuy-demo.duckdb", read_only=True) as store:
        assert store.counts(("merged_events",))["merged_events"] == data["overview"]["events"]


def test_each_event_of_the_report_carries_every_mention_and_the_names_of_its_codes(db, tmp_path):
    data = embedded(api.report(db, tmp_path / "report.html").read_text(encoding="utf-8"))
    consult = next(e for e in data["events"] if e["cameo"] == "040")
    assert [(m["article_id"], m["outlet"], m["rule"]) for m in consult["mentions"]] == [
        ("a1", "Outlet X", "test rule -> 040"),
        ("a2", "Outlet Y", "test rule -> 040"),
    ]
    assert all(len(e["mentions"]) == e["n_mentions"] for e in data["events"])
    assert data["names"]["actors"]["USAMIL"] == "United States: military"
    assert data["names"]["cameo"]["040"]["plover"] == "CONSULT"
    assert data["max_events"] == report.MAX_EVENTS


def test_the_report_carries_a_policy_that_allows_its_own_scripts_alone(db, tmp_path):
    html = api.report(db, tmp_path / "report.html").read_text(encoding="utf-8")
    policy = unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)[1])
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert len(scripts) == len(pages.SCRIPTS) and "'self'" not in policy.split("script-src")[1].split(";")[0]
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy

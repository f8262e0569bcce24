"""Analysis: series, network, timeline and events, checked against values worked out by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tinkuy import analysis
from tinkuy.analysis import MAX_PERIODS, PERIODS, Filters
from tinkuy.cli import EXIT_OK, EXIT_USAGE, main
from tinkuy.errors import StoreError, UsageError
from tinkuy.store import Store

from .test_dedup import coded_article, stored_event, write_store

ANY = Filters(modality=None)


def build_sample_store(path: Path) -> Path:
    """A small store whose figures are worked out by hand in the tests below.

    US-Ecuador, October to December 2021: a consultation reported by two outlets
    (one merged event, two mentions: the second undated, published the day after), praise, an accusation back, a negated
    rejection, a clash between the militaries; and one Mexico-Ecuador event.
    """
    return write_store(
        path,
        [
            coded_article(
                "a1",
                [
                    stored_event("a1", 0, "USA", "ECU", "040", "2021-10-19", goldstein=1.0, quad_class=1),
                    stored_event("a1", 1, "USA", "ECU", "051", "2021-10-20", goldstein=3.4, quad_class=1, attribution="named"),
                    stored_event("a1", 2, "ECU", "USA", "112", "2021-10-25", goldstein=-2.0, quad_class=3),
                ],
                outlet="Outlet X",
            ),
            coded_article(
                "a2",
                [
                    stored_event(
                        "a2",
                        0,
                        "USA",
                        "ECU",
                        "040",
                        "2021-10-20",
                        goldstein=1.0,
                        quad_class=1,
                        attribution="anonymous",
                        date_source="publication",
                    ),
                    stored_event("a2", 1, "USAMIL", "ECUMIL", "190", "2021-12-03", goldstein=-10.0, quad_class=4),
                ],
                outlet="Outlet Y",
            ),
            coded_article(
                "a3",
                [
                    stored_event("a3", 0, "ECU", "USA", "120", "2021-11-05", goldstein=-4.0, quad_class=3, modality="negated"),
                    stored_event("a3", 1, "MEX", "ECU", "161", "2021-11-10", goldstein=-4.0, quad_class=4, hedged=True),
                ],
            ),
        ],
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_sample_store(tmp_path_factory.mktemp("analysis") / "sample.duckdb")


@pytest.fixture(scope="module")
def con(db):
    with Store(db, read_only=True) as store:
        yield store.connection


def figures(series, *names):
    """(period, *the named figures) of every point."""
    return [(p.period.isoformat(), *(getattr(p, n) for n in names)) for p in series.points]


QUADS = ("events", "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict", "net_cooperation")


def test_monthly_series_of_a_dyad_counts_each_merged_event_once(con):
    series = analysis.dyad_series(con, "USA", "ECU", "month")
    assert figures(series, *QUADS) == [
        ("2021-10-01", 3, 2, 0, 1, 0, 1),
        ("2021-11-01", 0, 0, 0, 0, 0, 0),
        ("2021-12-01", 1, 0, 0, 0, 1, -1),
    ]
    assert [p.goldstein_sum for p in series.points] == pytest.approx([2.4, 0.0, -10.0])
    assert series.points[0].goldstein_mean == pytest.approx(0.8)
    assert series.points[1].goldstein_mean is None


def test_counting_mentions_counts_every_report(con):
    series = analysis.dyad_series(con, "USA", "ECU", "month", unit="mention")
    assert figures(series, *QUADS)[0] == ("2021-10-01", 4, 3, 0, 1, 0, 2)
    assert series.points[0].goldstein_sum == pytest.approx(3.4)
    assert series.points[0].goldstein_mean == pytest.approx(0.85)


def test_directed_series_keeps_one_direction(con):
    forward = analysis.dyad_series(con, "USA", "ECU", "month", directed=True)
    backward = analysis.dyad_series(con, "ECU", "USA", "month", directed=True)
    assert figures(forward, "verbal_cooperation", "verbal_conflict", "material_conflict") == [
        ("2021-10-01", 2, 0, 0),
        ("2021-11-01", 0, 0, 0),
        ("2021-12-01", 0, 0, 1),
    ]
    assert forward.points[0].goldstein_mean == pytest.approx(2.2)
    assert figures(backward, "events", "verbal_conflict") == [("2021-10-01", 1, 1)]


def test_yearly_weekly_and_daily_periods(con):
    year = analysis.dyad_series(con, "USA", "ECU", "year")
    assert figures(year, *QUADS) == [("2021-01-01", 4, 2, 0, 1, 1, 0)]
    assert year.points[0].goldstein_sum == pytest.approx(-7.6)
    assert year.points[0].goldstein_mean == pytest.approx(-1.9)
    week = analysis.dyad_series(con, "USA", "ECU", "week")
    assert figures(week, "events") == [
        ("2021-10-18", 2),
        ("2021-10-25", 1),
        ("2021-11-01", 0),
        ("2021-11-08", 0),
        ("2021-11-15", 0),
        ("2021-11-22", 0),
        ("2021-11-29", 1),
    ]
    day = analysis.dyad_series(con, "USA", "ECU", "day")
    assert len(day.points) == 46 and sum(p.events for p in day.points) == 4


def test_filters_change_the_series(con):
    every = analysis.dyad_series(con, "USA", "ECU", "month", filters=ANY)
    assert figures(every, "verbal_conflict", "goldstein_sum")[1] == ("2021-11-01", 1, -4.0)
    framed = analysis.dyad_series(
        con, "USA", "ECU", "month", filters=Filters(start=dt.date(2021, 9, 15), end=dt.date(2022, 1, 10))
    )
    assert figures(framed, "events") == [
        ("2021-09-01", 0),
        ("2021-10-01", 3),
        ("2021-11-01", 0),
        ("2021-12-01", 1),
        ("2022-01-01", 0),
    ]
    military = analysis.dyad_series(con, "USAMIL", "ECU", "month")
    assert figures(military, "material_conflict") == [("2021-12-01", 1)]


def test_several_dyads_share_one_range_of_periods(con):
    usa, mexico = analysis.dyads_series(con, [("USA", "ECU"), ("MEX", "ECU")])
    assert [p.period for p in usa.points] == [p.period for p in mexico.points]
    assert figures(mexico, "material_conflict", "net_cooperation") == [
        ("2021-10-01", 0, 0),
        ("2021-11-01", 1, -1),
        ("2021-12-01", 0, 0),
    ]


def test_a_bad_period_or_unit_is_a_usage_error(con):
    with pytest.raises(UsageError):
        analysis.dyad_series(con, "USA", "ECU", "fortnight")  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        analysis.network(con, unit="article")  # type: ignore[arg-type]


def test_network_of_countries_carries_both_directions(con):
    network = analysis.network(con)
    assert [(n.actor, n.events, n.sent, n.received) for n in network.nodes] == [
        ("ECU", 5, 1, 4),
        ("USA", 4, 3, 1),
        ("MEX", 1, 1, 0),
    ]
    assert [n.goldstein_mean for n in network.nodes] == pytest.approx([-2.32, -1.9, -4.0])
    usa_ecu, ecu_mex = network.edges
    assert (usa_ecu.a, usa_ecu.b, usa_ecu.a_to_b, usa_ecu.b_to_a) == ("ECU", "USA", 1, 3)
    assert usa_ecu.a_to_b_goldstein == pytest.approx(-2.0)
    assert usa_ecu.b_to_a_goldstein == pytest.approx(-1.8667, abs=1e-4)
    assert (ecu_mex.a, ecu_mex.b, ecu_mex.a_to_b, ecu_mex.b_to_a, ecu_mex.a_to_b_goldstein) == ("ECU", "MEX", 0, 1, None)


def test_network_levels_top_units_and_filters(con):
    sectors = analysis.network(con, level="sector")
    assert {(e.a, e.b, e.events) for e in sectors.edges} == {("ECU", "USA", 3), ("ECUMIL", "USAMIL", 1), ("ECU", "MEX", 1)}
    top = analysis.network(con, top=2)
    assert [n.actor for n in top.nodes] == ["ECU", "USA"] and [(e.a, e.b) for e in top.edges] == [("ECU", "USA")]
    mentions = analysis.network(con, unit="mention")
    assert mentions.edges[0].b_to_a == 4
    fights = analysis.network(con, Filters(cameo="19"))
    assert [(e.a, e.b, e.b_to_a) for e in fights.edges] == [("ECU", "USA", 1)]
    assert analysis.top_dyads(con, limit=1) == [analysis.network(con).edges[0]]


def test_a_node_is_a_country_or_a_whole_code_that_opens_with_no_country(tmp_path):
    events = [
        stored_event("n1", 0, "USAGOV", "ECUMIL", "040", "2021-10-19"),
        stored_event("n1", 1, "IGOUNO", "ECU", "040", "2021-10-20"),
    ]
    with Store(write_store(tmp_path / "nodes.duckdb", [coded_article("n1", events)]), read_only=True) as store:
        countries = analysis.network(store.connection)
        sectors = analysis.network(store.connection, level="sector")
    assert sorted(n.actor for n in countries.nodes) == ["ECU", "IGOUNO", "USA"]
    assert sorted(n.actor for n in sectors.nodes) == ["ECU", "ECUMIL", "IGOUNO", "USAGOV"]


@pytest.mark.parametrize(
    ("filters", "count"),
    [
        (Filters(), 5),
        (ANY, 6),
        (Filters(outlet="Outlet Y"), 2),
        (Filters(cameo="19"), 1),
        (Filters(cameo="040"), 1),
        (Filters(quad_class=3), 1),
        (Filters(corroboration="several_outlets"), 1),
        (Filters(attribution="named"), 1),
        (Filters(hedged=True), 1),
        (Filters(actor="MEX"), 1),
        (Filters(source="ECU"), 1),
        (Filters(target="ECU"), 4),
        (Filters(dyad=("ECU", "USA")), 4),
        (Filters(modality="negated"), 1),
        (Filters(start=dt.date(2021, 10, 21), end=dt.date(2021, 11, 30)), 2),
        (Filters(outlet="'; DROP TABLE events; --"), 0),
    ],
)
def test_filters_select_events(con, filters, count):
    assert analysis.count_events(con, filters) == count
    assert len(analysis.events(con, filters)) == count


def test_timeline_of_a_dyad_holds_its_key_events_in_date_order(con):
    key = analysis.timeline(con, Filters(dyad=("USA", "ECU")), limit=3)
    assert [(e.date.isoformat(), e.cameo, e.n_outlets) for e in key] == [
        ("2021-10-19", "040", 2),
        ("2021-10-20", "051", 1),
        ("2021-12-03", "190", 1),
    ]
    assert key[0].corroboration == "several_outlets" and key[0].outlets == ("Outlet X", "Outlet Y")
    assert key[0].lead.attribution == "author" and key[0].lead.outlet == "Outlet X"
    assert key[2].cameo_name == "Use conventional military force"
    [(dyad, events)] = [(t.dyad, t.events) for t in analysis.dyads_timeline(con, [("USA", "ECU")], limit=3)]
    assert dyad == ("USA", "ECU") and list(events) == key


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_timelines_of_several_dyads_are_each_dyads_own(con, limit):
    """Chosen in one query, each dyad's key events are those its own timeline gives, an event in two dyads in both."""
    dyads = [("ECU", "USA"), ("USA", "---"), ("USA", "ECU"), ("XYZ", "USA")]
    together = analysis.dyads_timeline(con, dyads, Filters(cameo="0"), limit)
    assert [t.dyad for t in together] == dyads
    assert [list(t.events) for t in together] == [analysis.timeline(con, Filters(dyad=d, cameo="0"), limit) for d in dyads]
    assert together[0].events and not together[-1].events
    assert analysis.dyads_timeline(con, [], limit=limit) == []


def test_event_detail_gives_every_mention_with_its_evidence(con):
    [consult] = analysis.events(con, Filters(cameo="040"))
    detail = analysis.event_detail(con, consult.merged_id)
    assert detail is not None and detail.event == consult
    assert [(m.article_id, m.outlet, m.attribution) for m in detail.mentions] == [
        ("a1", "Outlet X", "author"),
        ("a2", "Outlet Y", "anonymous"),
    ]
    lead = detail.mentions[0]
    assert lead.sentence[slice(*lead.source_span)] == "USA"
    assert lead.sentence[slice(*lead.target_span)] == "ECU"
    assert [lead.sentence[slice(*span)] for span in lead.event_spans] == ["acted"]
    assert lead.rule == "test rule -> 040" and lead.source_entry == "test:USA"
    assert analysis.event_detail(con, "0" * 20) is None


def test_events_are_paged_in_a_stable_order(con):
    everything = analysis.events(con, ANY)
    pages = [analysis.events(con, ANY, limit=2, offset=offset) for offset in (0, 2, 4)]
    assert [e for page in pages for e in page] == everything
    assert [e.date for e in everything] == sorted(e.date for e in everything)


def test_overview(con):
    overview = analysis.overview(con)
    assert (overview.articles, overview.mentions, overview.events) == (3, 7, 6)
    assert (overview.first_date, overview.last_date) == (dt.date(2021, 10, 19), dt.date(2021, 12, 3))
    assert [(c.value, c.n) for c in overview.outlets] == [("Outlet X", 1), ("Outlet Y", 1)]
    assert [c.value for c in overview.event_types] == ["04", "05", "11", "12", "16", "19"]
    assert overview.event_types[0].label == "CONSULT"
    assert [c.value for c in overview.corroboration] == ["several_outlets", "single_author", "single_named"]
    assert overview.actors[0].value in {"ECU", "USA"}


def test_results_as_json(con):
    encoded = json.loads(json.dumps(analysis.jsonable(analysis.timeline(con, Filters(dyad=("USA", "ECU")), limit=1))))
    assert encoded[0]["date"] == "2021-10-19" and encoded[0]["lead"]["event_spans"] == [[4, 9]]


def test_a_store_without_merged_events_says_what_to_do(tmp_path):
    Store(tmp_path / "new.duckdb").close()
    with Store(tmp_path / "new.duckdb", read_only=True) as store:
        analysis.require_merged(store.connection)  # migrated: the tables exist, empty
    with duckdb.connect(str(tmp_path / "older.duckdb")) as older, pytest.raises(StoreError, match="tinkuy dedup"):
        analysis.require_merged(older)


def test_dyad_command(db, capsys):
    assert main(["dyad", "USA", "ECU", "--db", str(db), "--format", "csv"]) == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["period"], r["events"], r["net_cooperation"]) for r in rows] == [
        ("2021-10-01", "3", "1"),
        ("2021-11-01", "0", "0"),
        ("2021-12-01", "1", "-1"),
    ]
    assert main(["dyad", "USA", "ECU", "--db", str(db), "--by", "year", "--unit", "mention", "--format", "json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["points"][0]["events"] == 5
    assert main(["dyad", "USA", "ECU", "--db", str(db)]) == EXIT_OK
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:2] == ["period", "events"] and len(table) == 4
    assert main(["dyad", "USA", "ECU", "--db", str(db), "--timeline", "--limit", "1"]) == EXIT_OK
    assert "040 Consult" in capsys.readouterr().out


def test_actors_command(db, capsys):
    assert main(["actors", "--db", str(db), "--top", "2"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in lines] == [["actor", "events"], ["ECU", "5"], ["USA", "4"]]
    assert main(["actors", "--db", str(db), "--edges", "--format", "csv"]) == EXIT_OK
    assert capsys.readouterr().out.splitlines()[1] == "ECU,USA,1,3,-2.0,-1.8667"
    assert main(["actors", "--db", str(db), "--format", "json", "--level", "sector"]) == EXIT_OK
    assert len(json.loads(capsys.readouterr().out)["edges"]) == 3


@settings(deadline=None)  # a query a case: a busy machine stretches some
@given(
    by=st.sampled_from(PERIODS),
    first=st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
    days=st.integers(-10, 4_000),
)
def test_a_series_holds_the_periods_period_count_counts(con, by, first, days):
    last = first + dt.timedelta(days=days)
    framed = Filters(start=first, end=last)
    assert len(analysis.dyad_series(con, "USA", "ECU", by, filters=framed).points) == analysis.period_count(by, first, last)


@pytest.mark.parametrize(("by", "first", "last"), [("day", "1900-01-01", "2030-12-31"), ("year", "0001-01-01", "9999-12-31")])
def test_a_series_of_too_many_periods_is_refused_before_it_is_made(con, by, first, last):
    framed = Filters(start=dt.date.fromisoformat(first), end=dt.date.fromisoformat(last))
    with pytest.raises(UsageError, match=f"periods, and the most is {MAX_PERIODS:,}"):
        analysis.dyad_series(con, "USA", "ECU", by, filters=framed)


def build_far_apart_store(path: Path) -> Path:
    """A store whose two events are dated 1900 and 2030: a series by day between them is too long."""
    events = [stored_event("f1", 0, "USA", "ECU", "040", "1900-01-01"), stored_event("f1", 1, "ECU", "USA", "040", "2030-12-31")]
    return write_store(path, [coded_article("f1", events)])


@pytest.fixture(scope="module")
def far_apart(tmp_path_factory):
    return build_far_apart_store(tmp_path_factory.mktemp("far") / "far.duckdb")


def test_a_series_too_long_for_the_dates_of_its_events_is_refused_by_every_command(far_apart, tmp_path, capsys):
    db = str(far_apart)
    assert main(["dyad", "USA", "ECU", "--db", db, "--by", "day"]) == EXIT_USAGE
    assert "would have 47,847 periods" in capsys.readouterr().err
    assert main(["report", "--db", db, "--by", "day", "-o", str(tmp_path / "r.html")]) == EXIT_USAGE
    assert "a longer period or a shorter date range" in capsys.readouterr().err and not (tmp_path / "r.html").exists()
    assert main(["dyad", "USA", "ECU", "--db", db, "--by", "month", "--format", "csv"]) == EXIT_OK
    assert len(capsys.readouterr().out.splitlines()) == 1 + 131 * 12
    assert main(["dyad", "USA", "ECU", "--db", db, "--by", "day", "--from", "2030-01-01"]) == EXIT_OK


@pytest.mark.parametrize(
    "arguments",
    [
        ["dyad", "USA", "ECU", "--timeline", "--limit", "-1"],
        ["dyad", "USA", "ECU", "--timeline", "--limit", "0"],
        ["dyad", "USA", "ECU", "--timeline", "--limit", "1001"],
        ["dyad", "US", "ECU"],
        ["dyad", "USA;DROP", "ECU"],
        ["dyad", "USA", "ECU", "--from", "2021-13-01"],
        ["dyad", "USA", "ECU", "--to", "last week"],
        ["actors", "--top", "-5"],
        ["actors", "--top", "0"],
        ["actors", "--top", "1e3"],
        ["report", "-o", "r.html", "--events", "-1"],
        ["report", "-o", "r.html", "--events", "99999999"],
        ["report", "-o", "r.html", "--dyad", "USA", "1"],
        ["dedup", "--window", "-1"],
        ["dedup", "--window", "99999999999"],
        ["serve", "--port", "70000"],
    ],
)
def test_bad_values_are_refused_by_the_parser_with_exit_status_2(db, arguments, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main([*arguments, "--db", str(db)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "error: argument" in err and "Traceback" not in err


def test_an_actor_the_store_does_not_hold_is_a_usage_error(db, capsys, tmp_path):
    assert main(["dyad", "USA", "XYZ", "--db", str(db)]) == EXIT_USAGE
    assert "no actor in the store has a code starting with XYZ" in capsys.readouterr().err
    assert main(["dyad", "ABC", "XYZ", "--db", str(db), "--timeline"]) == EXIT_USAGE
    assert "ABC or XYZ" in capsys.readouterr().err
    assert main(["report", "--db", str(db), "-o", str(tmp_path / "r.html"), "--dyad", "USA", "QQQ"]) == EXIT_USAGE
    assert main(["dyad", "usa", "ecu", "--db", str(db), "--format", "csv"]) == EXIT_OK


def test_analysis_commands_need_a_database(tmp_path, capsys):
    assert main(["actors", "--db", str(tmp_path / "none.duckdb")]) == EXIT_USAGE
    assert "no database" in capsys.readouterr().err


def test_units_dated_less_precisely_than_the_period_are_left_out_and_counted(tmp_path):
    db = write_store(
        tmp_path / "imprecise.duckdb",
        [
            coded_article(
                "p1",
                [
                    stored_event("p1", 0, "USA", "ECU", "040", "2021-10-19"),
                    stored_event("p1", 1, "USA", "ECU", "051", "2021-10-01", precision="month"),
                    stored_event("p1", 2, "USA", "ECU", "112", "2021-01-01", precision="year"),
                ],
            )
        ],
    )
    with Store(db, read_only=True) as store:
        weekly = analysis.dyad_series(store.connection, "USA", "ECU", "week")
        monthly = analysis.dyad_series(store.connection, "USA", "ECU", "month")
        yearly = analysis.dyad_series(store.connection, "USA", "ECU", "year")
    assert (sum(p.events for p in weekly.points), weekly.imprecise) == (1, 2)
    assert figures(monthly, "events") == [("2021-10-01", 2)] and monthly.imprecise == 1
    assert figures(yearly, "events") == [("2021-01-01", 3)] and yearly.imprecise == 0


def test_several_dyads_counted_together_keep_each_its_imprecise_units(tmp_path):
    db = write_store(
        tmp_path / "imprecise.duckdb",
        [
            coded_article(
                "p1",
                [
                    stored_event("p1", 0, "USA", "ECU", "040", "2021-10-19"),
                    stored_event("p1", 1, "USA", "ECU", "051", "2021-10-01", precision="month"),
                    stored_event("p1", 2, "PER", "COL", "112", "2021-01-01", precision="year"),
                ],
            )
        ],
    )
    with Store(db, read_only=True) as store:
        both = analysis.dyads_series(store.connection, [("USA", "ECU"), ("PER", "COL")], "week")
        alone = analysis.dyad_series(store.connection, "PER", "COL", "week")
    assert [(s.dyad, sum(p.events for p in s.points), len(s.points), s.imprecise) for s in both] == [
        (("USA", "ECU"), 1, 1, 1),
        (("PER", "COL"), 0, 1, 1),
    ]
    assert (alone.points, alone.imprecise) == ((), 1)


def test_mentions_of_many_events_at_once(con):
    listed = analysis.events(con, ANY)
    found = analysis.mentions_of(con, [e.merged_id for e in listed])
    assert {e.merged_id: len(found[e.merged_id]) for e in listed} == {e.merged_id: e.n_mentions for e in listed}
    [consult] = analysis.events(con, Filters(cameo="040"))
    assert found[consult.merged_id] == analysis.event_detail(con, consult.merged_id).mentions  # type: ignore[union-attr]
    assert analysis.mentions_of(con, []) == {}

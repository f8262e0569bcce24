"""Dedup: one real event reported many times becomes one merged event, in any order, run after run."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tinkuy.compatible import date_span, finer_actor, finer_code
from tinkuy.dedup import (
    CORROBORATION_LEVELS,
    MAX_WINDOW_DAYS,
    WINDOW_DAYS,
    EventMention,
    corroboration,
    deduplicate,
    merge,
)
from tinkuy.errors import UsageError
from tinkuy.model import Actor, Article, Attribution, CodedArticle, Event, Evidence, Sentence
from tinkuy.store import Store

DAY0 = dt.date(2024, 4, 1)


def stored_event(
    article_id: str,
    index: int,
    source: str,
    target: str | None,
    cameo: str,
    day: str,
    *,
    goldstein: float = 1.0,
    quad_class: int = 1,
    attribution: str = "author",
    hedged: bool = False,
    modality: str = "asserted",
    precision: str = "day",
    date_source: str = "sentence",
) -> Event:
    """An event as the coder would store it, with a sentence whose spans mark its actors and verb."""
    sentence = f"{source} acted on {target or 'nobody'} in sentence {index}."
    verb = sentence.index("acted")
    target_span = (sentence.index(target, verb), sentence.index(target, verb) + len(target)) if target else None
    event_id = hashlib.sha256(f"{article_id}|{index}|{cameo}|{source}|{target}".encode()).hexdigest()[:20]

    def actor(code: str) -> Actor:
        return Actor(text=code, code=code, country=code[:3], sector=code[3:] or None)

    return Event(
        event_id=event_id,
        article_id=article_id,
        doc_id=article_id,
        sentence_index=index,
        sentence=sentence,
        date=dt.date.fromisoformat(day),
        date_precision=precision,  # type: ignore[arg-type]
        source=actor(source),
        target=actor(target) if target else None,
        cameo=cameo,
        root=cameo[:2],
        plover=None,
        quad_class=quad_class,
        goldstein=goldstein,
        modality=modality,  # type: ignore[arg-type]
        attribution=Attribution(attribution, "a source" if attribution != "author" else None),  # type: ignore[arg-type]
        hedged=hedged,
        genre="news",
        language="en",
        evidence=Evidence(
            source_span=(0, len(source)),
            target_span=target_span,
            event_spans=((verb, verb + len("acted")),),
            rule=f"test rule -> {cameo}",
            source_entry=f"test:{source}",
            target_entry=f"test:{target}" if target else None,
            date_source=date_source,  # type: ignore[arg-type]
        ),
    )


def coded_article(article_id: str, events: Sequence[Event], outlet: str | None = None, url: str | None = None) -> CodedArticle:
    """An article holding these events, one sentence each."""
    article = Article(
        article_id=article_id,
        doc_id=article_id,
        text="\n".join(e.sentence for e in events),
        title=f"Article {article_id}",
        published=max((e.date for e in events if e.date), default=None),
        url=url,
        outlet=outlet,
        origin=f"{article_id}.txt",
    )
    sentences = tuple(Sentence(article_id, e.sentence_index, e.sentence, 0) for e in events)
    return CodedArticle(article, sentences, tuple(events))


def write_store(path: Path, articles: Sequence[CodedArticle]) -> Path:
    """A store holding these articles, deduplicated."""
    with Store(path) as store:
        store.write(list(articles))
        deduplicate(store)
    return path


def mention(
    event_id: str, day: int | None, *, bucket: tuple[str, str, str] = ("USA", "ECU", "04"), **fields: object
) -> EventMention:
    values: dict[str, object] = {
        "article_id": f"a-{event_id}",
        "outlet": None,
        "source_name": None,
        "target_name": None,
        "modality": "asserted",
        "date_precision": "day",
        "date_source": "sentence",
        "cameo": bucket[2] + "0",
        "quad_class": 1,
        "goldstein": 1.0,
        "attribution": "author",
        "hedged": False,
    } | fields
    date = DAY0 + dt.timedelta(days=day) if day is not None else None
    return EventMention(event_id=event_id, source_code=bucket[0], target_code=bucket[1], root=bucket[2], date=date, **values)  # type: ignore[arg-type]


def _dated(day: int | None, precision: str) -> int | None:
    """A day of the calendar as a mention of that precision states it: the first day of its month or year."""
    if day is None or precision == "day":
        return day
    date = DAY0 + dt.timedelta(days=day)
    first = date.replace(day=1) if precision == "month" else date.replace(month=1, day=1)
    return (first - DAY0).days


# Any set of mentions: few actors, codes, days, names and outlets, so that groups, grains and dates collide often.
mentions_strategy = st.lists(
    st.builds(
        lambda i, source, target, cameo, modality, precision, day, source_of_date, name, article, outlet, attribution, hedged: (
            mention(
                f"e{i}",
                _dated(day, precision),
                bucket=(source, target, cameo[:2]),
                cameo=cameo,
                target_name=name,
                article_id=article,
                outlet=outlet,
                modality=modality,
                date_precision=precision if day is not None else "unknown",
                date_source=source_of_date if day is not None else "none",
                attribution=attribution,
                hedged=hedged,
            )
        ),
        st.integers(0, 10_000),
        st.sampled_from(["USA"] * 3 + ["USAGOV", "USAMIL", "ECU"]),
        st.sampled_from(["ECU"] * 3 + ["ECUGOV", "ECUGOVJUD", ""]),
        st.sampled_from(["040"] * 3 + ["042", "043", "190", "1041", "104"]),
        st.sampled_from(["asserted"] * 4 + ["negated"]),
        st.sampled_from(["day"] * 5 + ["month", "year"]),
        st.one_of(st.none(), st.integers(0, 40)),
        st.sampled_from(["sentence"] * 3 + ["publication"]),
        st.sampled_from([None] * 3 + ["Lenín Moreno", "José Valencia"]),
        st.sampled_from(["a1", "a2", "a3", "a4"]),
        st.sampled_from([None, "Outlet A", "Outlet B"]),
        st.sampled_from(["author", "named", "anonymous"]),
        st.booleans(),
    ),
    min_size=1,
    max_size=40,
    unique_by=lambda m: m.event_id,
)


@settings(max_examples=200, deadline=None)
@given(mentions_strategy, st.randoms(use_true_random=False))
def test_merging_does_not_depend_on_input_order(mentions, shuffler):
    shuffled = list(mentions)
    shuffler.shuffle(shuffled)
    assert merge(shuffled) == merge(mentions)


@settings(max_examples=200, deadline=None)
@given(mentions_strategy, st.data())
def test_merging_is_idempotent(mentions, data):
    merged = merge(mentions)
    repeated = data.draw(st.lists(st.sampled_from(mentions), max_size=10))
    assert merge(list(mentions) + repeated) == merged
    by_id = {m.event_id: m for m in mentions}
    for event in merged:
        assert merge([by_id[i] for i in event.event_ids]) == [event]


def _span(m: EventMention, window_days: int = WINDOW_DAYS):
    return date_span(m.date, m.date_precision, m.date_source, window_days)


@settings(max_examples=200, deadline=None)
@given(mentions_strategy)
def test_every_mention_lands_in_one_event_whose_codes_and_dates_it_fits(mentions):
    merged = merge(mentions)
    placed = [i for event in merged for i in event.event_ids]
    assert sorted(placed) == sorted(m.event_id for m in mentions)
    by_id = {m.event_id: m for m in mentions}
    for event in merged:
        members = [by_id[i] for i in event.event_ids]
        assert len({m.group for m in members}) == 1
        assert all(finer_actor(m.source_code, event.source_code) == (event.source_code or "") for m in members)
        assert all(finer_actor(m.target_code, event.target_code) == (event.target_code or "") for m in members)
        assert all(finer_code(m.cameo, event.cameo) == event.cameo for m in members)
        assert len({m.target_name for m in members} - {None}) <= 1
        spans = [_span(m) for m in members]
        if None in spans:
            assert set(spans) == {None}
        else:
            assert max(s.start for s in spans) <= min(s.end for s in spans)
            assert event.date in {m.date for m in members}
        assert event.n_mentions == len(members)
        assert event.n_articles == len({m.article_id for m in members})
        assert event.outlets == tuple(sorted({m.outlet for m in members if m.outlet}))
        assert event.corroboration in CORROBORATION_LEVELS


@settings(max_examples=200, deadline=None)
@given(mentions_strategy)
def test_no_two_events_could_be_one(mentions):
    """Mentions are only apart when they do not fit: no two merged events of a group fit each other."""
    merged = merge(mentions)
    by_id = {m.event_id: m for m in mentions}
    for a, b in itertools.combinations(merged, 2):
        first, second = by_id[a.event_ids[0]], by_id[b.event_ids[0]]
        if first.group != second.group:
            continue
        spans = [_span(by_id[i]) for i in a.event_ids + b.event_ids]
        dates_fit = set(spans) == {None} or (None not in spans and max(s.start for s in spans) <= min(s.end for s in spans))
        names = {by_id[i].target_name for i in a.event_ids + b.event_ids} - {None}
        assert not (
            dates_fit
            and len(names) <= 1
            and finer_actor(a.source_code, b.source_code) is not None
            and finer_actor(a.target_code, b.target_code) is not None
            and finer_code(a.cameo, b.cameo) is not None
        ), (a, b)


def test_one_event_reported_by_two_outlets_is_one_event_corroborated_by_both():
    merged = merge(
        [
            mention("x1", 0, article_id="a1", outlet="Reuters", attribution="anonymous"),
            mention("x2", 2, article_id="a2", outlet="El Universo", attribution="named", cameo="042", date_source="publication"),
            mention("x3", 2, article_id="a2", outlet="El Universo", attribution="named", date_source="publication"),
        ]
    )
    assert len(merged) == 1
    event = merged[0]
    assert (event.n_mentions, event.n_articles, event.n_outlets) == (3, 2, 2)
    assert event.corroboration == "several_outlets"
    assert event.attribution == "named"
    assert event.lead_event_id == "x2"
    assert (event.cameo, event.date, event.last_date) == ("042", DAY0, DAY0)  # the stated date, the specific code


def test_a_meeting_reported_at_two_grains_is_one_event_with_the_finest_codes():
    """A syndicated story: "Pompeo met Saturday with Ecuador's President Lenin Moreno" (stated date), and the
    same visit as "the head of U.S. diplomacy visited the Andean country" dated by the publication, a day later."""
    merged = merge(
        [
            mention("met", 0, bucket=("USAGOV", "ECUGOV", "04"), cameo="040", target_name="Lenín Moreno"),
            mention("visited", 1, bucket=("USAGOV", "ECU", "04"), cameo="042", date_source="publication", article_id="copy"),
            mention("headline", 1, bucket=("USA", "ECU", "04"), cameo="040", date_source="publication", article_id="copy"),
        ]
    )
    assert [(e.source_code, e.target_code, e.cameo, e.date, e.n_mentions, e.n_articles) for e in merged] == [
        ("USAGOV", "ECUGOV", "042", DAY0, 3, 2)
    ]


@pytest.mark.parametrize(
    "other",
    [
        mention("y", 4, date_precision="month"),  # a day in the month its date is known to
        mention("y", 2, date_source="publication"),  # a report published two days later that states no date
        mention("y", 0, bucket=("USAGOV", "ECUGOV", "04")),  # more specific actors
        mention("y", 0, cameo="043"),  # a more specific code of the generic one
        mention("y", 0, target_name="Lenín Moreno"),  # a person where the other names none
    ],
)
def test_mentions_that_fit_are_one_event(other):
    assert len(merge([mention("x", 0), other])) == 1


@pytest.mark.parametrize(
    "other",
    [
        mention("y", 1),  # the next day, as the text states it
        mention("y", 3, date_source="publication"),  # published three days later
        mention("y", 40, date_precision="month"),  # a month later
        mention("y", 1, bucket=("USA", "ECU", "19")),  # another code family
        mention("y", 0, cameo="043"),  # two specific codes of one family
        mention("y", 0, bucket=("USAMIL", "ECU", "04")),  # another part of the state
        mention("y", 0, bucket=("ECU", "USA", "04")),  # the other direction
        mention("y", 0, modality="negated"),  # a denial of it
        mention("y", 0, target_name="José Valencia"),  # another person
        mention("y", None, date_precision="unknown", date_source="none"),  # undated
    ],
)
def test_distinct_events_stay_apart(other):
    assert len(merge([mention("x", 0, bucket=("USAGOV", "ECU", "04"), cameo="042", target_name="Lenín Moreno"), other])) == 2


def test_a_general_mention_joins_the_first_specific_event_it_fits():
    """ECU fits ECUGOV and ECUMIL, which do not fit each other: the best dated and most specific mentions
    open the events, and the general one joins the first of them, whatever the order given."""
    mentions = [
        mention("general", 0, bucket=("USA", "ECU", "04"), date_source="publication"),
        mention("gov", 0, bucket=("USA", "ECUGOV", "04")),
        mention("mil", 0, bucket=("USA", "ECUMIL", "04")),
    ]
    for order in itertools.permutations(mentions):
        assert [e.event_ids for e in merge(order)] == [("gov", "general"), ("mil",)]


def test_windows_are_anchored_at_the_earliest_date_and_do_not_chain():
    days = [0, 3, 6, 7, 9, 13, 14]
    merged = merge([mention(f"m{d}", d) for d in days], window_days=7)
    assert [[int(i[1:]) for i in e.event_ids] for e in merged] == [[0, 3, 6], [7, 9, 13], [14]]


@pytest.mark.parametrize("days", [0, -1, MAX_WINDOW_DAYS + 1, 99_999_999_999])
def test_the_window_must_be_from_a_day_to_a_year(days):
    with pytest.raises(UsageError, match="window"):
        merge([mention("x", 0)], window_days=days)


@pytest.mark.parametrize(
    ("articles", "outlets", "attribution", "level"),
    [
        (3, 2, "anonymous", "several_outlets"),
        (2, 1, "anonymous", "several_articles"),
        (2, 0, "author", "several_articles"),
        (1, 1, "author", "single_author"),
        (1, 1, "named", "single_named"),
        (1, 0, "anonymous", "single_anonymous"),
    ],
)
def test_corroboration_levels(articles, outlets, attribution, level):
    assert corroboration(articles, outlets, attribution) == level


@pytest.fixture
def raid_articles():
    """The break of relations reported by a wire and, a day later and without a date, by a paper that
    also reports the embassy raid; and another break reported three weeks later."""
    return [
        coded_article(
            "wire",
            [stored_event("wire", 0, "MEX", "ECU", "161", "2024-04-06", goldstein=-4.0, quad_class=4)],
            outlet="Associated Press",
            url="https://www.apnews.com/article/raid",
        ),
        coded_article(
            "paper",
            [
                stored_event(
                    "paper",
                    0,
                    "MEXGOV",
                    "ECU",
                    "161",
                    "2024-04-07",
                    goldstein=-4.0,
                    quad_class=4,
                    attribution="named",
                    date_source="publication",
                ),
                stored_event("paper", 1, "ECUCOP", "MEXGOV", "171", "2024-04-05", goldstein=-9.2, quad_class=4),
            ],
            outlet="El Universo",
        ),
        coded_article(
            "later",
            [stored_event("later", 0, "MEX", "ECU", "161", "2024-04-28", goldstein=-4.0, quad_class=4, attribution="anonymous")],
        ),
    ]


def merged_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """The merged tables but the numbers the store gives rows as they are written (which depend on the order
    of writes), having checked that each mention carries the number of its merged event."""
    with Store(db, read_only=True) as store:
        con = store.connection
        unnumbered = "SELECT count(*) FROM merged_mentions m LEFT JOIN merged_events e USING (merged_id, merged_number) WHERE e.merged_id IS NULL"
        assert con.execute(unnumbered).fetchall() == [(0,)]
        return {
            "merged_events": con.execute("SELECT * EXCLUDE (merged_number) FROM merged_events ORDER BY merged_id").fetchall(),
            "merged_mentions": con.execute(
                "SELECT * EXCLUDE (merged_number, doc) FROM merged_mentions ORDER BY event_id"
            ).fetchall(),
        }


def test_the_store_keeps_every_mention_and_merges_them(tmp_path, raid_articles):
    db = write_store(tmp_path / "s.duckdb", raid_articles)
    with Store(db, read_only=True) as store:
        con = store.connection
        assert con.execute("SELECT count(*) FROM events").fetchall() == [(4,)]
        assert con.execute("SELECT count(*) FROM mentions").fetchall() == [(4,)]
        raid = con.execute(
            "SELECT n_mentions, n_articles, n_outlets, outlets, corroboration FROM merged_events WHERE root = '16' ORDER BY date"
        ).fetchall()
    assert raid == [(2, 2, 2, ["Associated Press", "El Universo"], "several_outlets"), (1, 1, 0, [], "single_anonymous")]


def test_dedup_only_reads_articles(tmp_path, raid_articles):
    """Cleaning names an article's outlet; one stored with a URL and no outlet keeps none."""
    unnamed = coded_article("unnamed", [stored_event("unnamed", 0, "MEX", "ECU", "161", "2024-04-06")], url="https://cnn.com/a")
    with Store(tmp_path / "s.duckdb") as store:
        store.write([*raid_articles, unnamed])
        before = store.query("SELECT * FROM articles ORDER BY article_id")
        deduplicate(store)
        assert store.query("SELECT * FROM articles ORDER BY article_id").equals(before)
        assert store.query("SELECT outlets FROM merged_events WHERE n_articles = 3").to_pylist() == [
            {"outlets": ["Associated Press", "El Universo"]}
        ]


def test_dedup_of_a_store_is_idempotent_and_independent_of_write_order(tmp_path, raid_articles):
    first = write_store(tmp_path / "first.duckdb", raid_articles)
    before = merged_rows(first)
    with Store(first) as store:
        done = deduplicate(store)
    assert (done.mentions, done.events) == (4, 3)
    assert merged_rows(first) == before
    shuffled = list(reversed(raid_articles))
    random.Random(7).shuffle(shuffled)
    with Store(tmp_path / "second.duckdb") as store:
        for article in shuffled:  # merged after each article: only the buckets it touches are merged again
            store.write([article])
            deduplicate(store, batch_size=1)
    assert merged_rows(tmp_path / "second.duckdb") == before


def test_dedup_can_be_run_again_with_another_window(tmp_path, raid_articles):
    db = write_store(tmp_path / "s.duckdb", raid_articles)
    with Store(db) as store:
        assert deduplicate(store, window_days=30).events == 2
        assert deduplicate(store, window_days=WINDOW_DAYS).events == 3
        assert store.counts(("events",)) == {"events": 4}


def test_a_mention_keeps_its_own_fields(tmp_path, raid_articles):
    db = write_store(tmp_path / "s.duckdb", raid_articles)
    with Store(db, read_only=True) as store:
        rows = store.connection.execute(
            "SELECT m.article_id, m.outlet, m.attribution.type, m.sentence, e.lead_event_id = m.event_id "
            "FROM mentions m JOIN merged_events e USING (merged_id) WHERE e.root = '16' AND e.n_mentions = 2 ORDER BY m.article_id"
        ).fetchall()
    assert [r[:3] for r in rows] == [("paper", "El Universo", "named"), ("wire", "Associated Press", "author")]
    assert [r[3].split(" acted")[0] for r in rows] == ["MEXGOV", "MEX"]
    assert [r[4] for r in rows] == [False, True]  # the article's own voice leads


def test_mentions_of_the_same_event_in_one_article_merge(tmp_path):
    article = coded_article(
        "one",
        [
            stored_event("one", 0, "USAGOV", "ECUGOV", "040", "2021-10-19"),
            stored_event("one", 3, "USAGOV", "ECUGOV", "043", "2021-10-19", attribution="named"),
        ],
    )
    db = write_store(tmp_path / "s.duckdb", [article])
    with Store(db, read_only=True) as store:
        merged = store.connection.execute("SELECT n_mentions, n_articles, corroboration, cameo FROM merged_events").fetchall()
    assert merged == [(2, 1, "single_author", "043")]

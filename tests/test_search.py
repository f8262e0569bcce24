"""Full-text search: words find the mentions whose sentence, title or actors they begin a word of."""

from __future__ import annotations

import dataclasses

import pytest

from tinkuy import analysis
from tinkuy.analysis import Filters
from tinkuy.errors import UsageError
from tinkuy.search import index_mentions, matching_docs, query_words
from tinkuy.store import Store

from .test_dedup import coded_article, stored_event, write_store


def said(article_id: str, index: int, source: str, target: str, cameo: str, day: str, sentence: str, **fields):
    """A stored event whose sentence is the one given, with its actors named in it."""
    event = stored_event(article_id, index, source, target, cameo, day, **fields)
    return dataclasses.replace(event, sentence=sentence)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    articles = [
        coded_article(
            "raid",
            [
                said(
                    "raid", 0, "ECUCOP", "MEXGOV", "171", "2024-04-05", "Ecuadorian police stormed the Mexican embassy in Quito."
                ),
                said("raid", 1, "MEX", "ECU", "161", "2024-04-06", "México rompió relaciones con Ecuador tras el asalto."),
            ],
            outlet="Andes Wire",
        ),
        coded_article(
            "visit",
            [said("visit", 0, "USAGOV", "ECUGOV", "042", "2019-07-20", "Pompeo visited Quito and expelled nobody.")],
            outlet="Meridian Press",
        ),
    ]
    return write_store(tmp_path_factory.mktemp("search") / "search.duckdb", articles)


@pytest.fixture(scope="module")
def con(db):
    with Store(db, read_only=True) as store:
        yield store.connection


def sentences(con, text: str) -> list[str]:
    """The sentences of the mentions a search matches."""
    found, parameters = matching_docs(text)
    sql = f"SELECT sentence FROM events JOIN search_mentions USING (event_id) WHERE doc IN ({found}) ORDER BY 1"
    return [row[0] for row in con.execute(sql, parameters).fetchall()]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("embassy", ["Ecuadorian police stormed the Mexican embassy in Quito."]),
        ("EMBASSY quito", ["Ecuadorian police stormed the Mexican embassy in Quito."]),  # every word, any case
        ("expel", ["Pompeo visited Quito and expelled nobody."]),  # a word begins another
        (
            "mexico",
            ["Ecuadorian police stormed the Mexican embassy in Quito.", "México rompió relaciones con Ecuador tras el asalto."],
        ),
        ("rompio", ["México rompió relaciones con Ecuador tras el asalto."]),  # accents aside
        ("united states", ["Pompeo visited Quito and expelled nobody."]),  # the name of the actor's code
        ("usagov", ["Pompeo visited Quito and expelled nobody."]),  # the code itself
        ("article visit", ["Pompeo visited Quito and expelled nobody."]),  # the title ("Article visit")
        ("xico", []),  # not where a word begins
        ("embassy pompeo", []),  # not every word in one mention
    ],
)
def test_words_find_mentions(con, text, found):
    assert sentences(con, text) == found


def test_a_search_selects_merged_events_with_a_matching_mention(con):
    merged = analysis.events(con, Filters(modality=None, text="embassy"))
    assert [e.cameo for e in merged] == ["171"]
    assert analysis.count_events(con, Filters(modality=None, text="quito")) == 2


def test_common_words_are_not_searched_for():
    assert query_words("the Embassy of the United States") == ["embassy", "united", "states"]
    with pytest.raises(UsageError, match="nothing to search for"):
        Filters(text="the of and").where()


def test_indexing_adds_only_new_mentions_and_sorts_them_in_when_many(tmp_path):
    first = coded_article("a", [said("a", 0, "USA", "ECU", "040", "2021-01-01", "Washington consulted Quito.")])
    second = coded_article("b", [said("b", 0, "USA", "ECU", "040", "2021-02-01", "Washington consulted Lima instead.")])
    db = write_store(tmp_path / "s.duckdb", [first])
    with Store(db) as store:
        store.write([second])
        assert index_mentions(store, recent_rows=1) == 1
        assert index_mentions(store) == 0
        counts = store.counts(("search_mentions", "search_terms", "search_recent"))
    assert counts["search_mentions"] == 2 and counts["search_terms"] > 0 and counts["search_recent"] == 0
    with Store(db, read_only=True) as store:
        assert sentences(store.connection, "consulted") == ["Washington consulted Lima instead.", "Washington consulted Quito."]

"""What must hold for any input: readers, the cleaner and the coder reject, they never crash.

The only exceptions they may raise are ``InputError`` (which the pipeline turns into a
rejection in place); here readers and the pipeline are run end to end, so every item must
come out as an article, a coded article or a rejection.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tinkuy.clean import Cleaner
from tinkuy.errors import EmptyArticle
from tinkuy.ingest import read_paths
from tinkuy.ingest.text import make_article
from tinkuy.model import Article, CodedArticle, Rejection

SUFFIXES = (".txt", ".html", ".jsonl", ".csv")
NEWS_WORDS = st.sampled_from(
    [
        "Ecuador",
        "Mexico",
        "police",
        "embassy",
        "raided",
        "met",
        "with",
        "the",
        "said",
        "on",
        "Friday",
        "not",
        "if",
        "would",
        "Blinken",
        "Lasso",
        "he",
        "it",
        "they",
        "sanctions",
        "aid",
        "refused",
        "to",
        ",",
        ".",
        ";",
        "?",
        "(",
        ")",
        '"',
        "'",
        "\n",
        "\n\n",
        "2024",
        "April",
        "last",
        "October",
        "according",
        "sources",
    ]
)
prose = st.lists(NEWS_WORDS, max_size=80).map(" ".join)
any_text = st.one_of(st.text(max_size=400), prose)
settled = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@settled
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_readers_turn_any_bytes_into_articles_or_rejections(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"item{suffix}"
        path.write_bytes(data)
        for item in read_paths([path]):
            assert isinstance(item, Article | Rejection)
            if isinstance(item, Rejection):
                assert item.reason and item.detail


@settled
@given(
    records=st.lists(
        st.one_of(
            st.dictionaries(st.sampled_from(["id", "text", "date", "title", "url"]), any_text | st.integers() | st.none()),
            any_text,
        ),
        max_size=5,
    )
)
def test_jsonl_records_of_any_shape_are_read_or_rejected_one_by_one(records):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_text(
            "\n".join(json.dumps(r) if isinstance(r, dict) else r.replace("\n", " ") for r in records), encoding="utf-8"
        )
        items = list(read_paths([path]))
        assert all(isinstance(i, Article | Rejection) for i in items)


@settled
@given(text=any_text)
def test_the_cleaner_cleans_any_text_or_finds_it_empty(text):
    try:
        article = make_article(text, "doc", "test")
    except EmptyArticle:
        return
    try:
        cleaned = Cleaner().clean(article)
    except EmptyArticle:
        return
    assert cleaned.text.strip() and cleaned.title


@pytest.mark.model
@settled
@given(texts=st.lists(any_text, min_size=1, max_size=3))
def test_the_pipeline_codes_any_text_or_rejects_it(pipeline, texts):
    items = []
    for number, text in enumerate(texts):
        try:
            items.append(make_article(text, f"d{number}", f"d{number}"))
        except EmptyArticle as error:
            items.append(Rejection(f"d{number}", error.reason, str(error)))
    results = list(pipeline.run(items))
    assert len(results) == len(items)
    for result in results:
        assert isinstance(result, CodedArticle | Rejection)
        if isinstance(result, CodedArticle):
            for event in result.events:
                assert event.sentence in result.article.text and event.source is not None

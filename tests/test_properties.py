"""What must hold for any input: readers, the cleaner and the coder reject, they never crash.

The only exceptions they may raise are ``InputError`` (which the pipeline turns into a
rejection in place); here readers and the pipeline are run end to end, so every item must
come out as an article, a coded article or a rejection.
"""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tinkuy.clean import Cleaner
from tinkuy.errors import EmptyArticle
from tinkuy.ingest import READERS, read_paths
from tinkuy.model import Article, CodedArticle, Rejection

SUFFIXES = tuple(READERS)
BODY = "Mexico broke off diplomatic relations with Ecuador on Saturday after the police raided its embassy in Quito."
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
settled = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # examples: see conftest.py


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


def sample(suffix: str) -> bytes:
    """A small valid file of each format, two articles long, for damaging."""
    records = [{"id": f"a{n}", "text": f"{BODY} Report {n}.", "date": "2024-04-06"} for n in range(2)]
    if suffix.endswith(".gz"):
        return gzip.compress(sample(suffix.removesuffix(".gz"))) if suffix != ".warc.gz" else warc_file(compress=True)
    if suffix == ".warc":
        return warc_file(compress=False)
    if suffix == ".parquet":
        stream = io.BytesIO()
        pq.write_table(pa.Table.from_pylist(records), stream)
        return stream.getvalue()
    texts = {
        ".txt": BODY,
        ".html": f"<html><head><title>Raid</title></head><body><article><p>{BODY}</p></article></body></html>",
        ".htm": f"<html><body><p>{BODY}</p></body></html>",
        ".jsonl": "\n".join(json.dumps(r) for r in records),
        ".csv": "id,text,date\n" + "".join(f'{r["id"]},"{r["text"]}",{r["date"]}\n' for r in records),
    }
    return texts[suffix].encode()


def warc_file(compress: bool) -> bytes:
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=compress)
    for n in range(2):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page = f"<html><body><article><p>{BODY} Report {n}.</p></article></body></html>".encode()
        writer.write_record(
            writer.create_warc_record(f"https://x.example/{n}", "response", payload=io.BytesIO(page), http_headers=headers)
        )
    return stream.getvalue()


@settled
@given(
    suffix=st.sampled_from(SUFFIXES),
    cut=st.floats(0, 1),
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=4),
)
def test_readers_turn_damaged_files_of_every_format_into_articles_or_rejections(suffix, cut, flips):
    """A valid file cut short anywhere and with bytes overwritten anywhere: never a crash."""
    data = bytearray(sample(suffix))
    for where, byte in flips:
        data[int(where * len(data))] = byte
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"item{suffix}"
        path.write_bytes(bytes(data[: round(cut * len(data))]))
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
        article = Article.from_text(text, "doc", "test")
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
            items.append(Article.from_text(text, f"d{number}", f"d{number}"))
        except EmptyArticle as error:
            items.append(Rejection(f"d{number}", error.reason, str(error)))
    results = list(pipeline.run(items))
    assert len(results) == len(items)
    for result in results:
        assert isinstance(result, CodedArticle | Rejection)
        if isinstance(result, CodedArticle):
            for event in result.events:
                assert event.sentence in result.article.text and event.source is not None

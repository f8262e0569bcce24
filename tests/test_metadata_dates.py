"""One policy for a date in an input's metadata that is not a date, in every reader.

The field is rejected (reason ``bad_date``, naming the record but not the
article), the article is kept with no date from that field, and both reach the
store.
"""

from __future__ import annotations

import datetime as dt
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import trafilatura

from tinkuy import api
from tinkuy.ingest import read_paths
from tinkuy.ingest.metadata import BAD_DATE, metadata_date
from tinkuy.model import Article, Rejection
from tinkuy.store import Store

from .test_scale_readers import BODY, page, write_warc


def _only_the_field_rejected(items: list[Article | Rejection], field: str, value: str) -> Article:
    """The article of a one-item input whose ``field`` held ``value``, after checking the field's rejection."""
    assert [type(i) for i in items] == [Rejection, Article]
    rejection, article = items
    assert isinstance(rejection, Rejection) and isinstance(article, Article)
    assert rejection.reason == BAD_DATE and f"the {field} field" in rejection.detail and value in rejection.detail
    assert (rejection.origin, rejection.doc_id, rejection.article_id) == (article.origin, article.doc_id, None)
    assert BODY in article.text
    return article


@pytest.mark.parametrize(
    ("record", "field", "value"),
    [
        ({"id": "r1", "text": BODY, "date": "April 6"}, "date", "'April 6'"),
        ({"id": "r1", "text": BODY, "published": "2024-13-01"}, "published", "'2024-13-01'"),
        ({"id": "r1", "text": BODY, "date": ["2024-04-06"]}, "date", "a list"),
    ],
)
def test_jsonl(tmp_path, record, field, value):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    article = _only_the_field_rejected(list(read_paths([path])), field, value)
    assert (article.doc_id, article.published, article.date_source) == ("r1", None, None)


def test_csv(tmp_path):
    path = tmp_path / "digest.csv"
    path.write_text(f'id,date,text\nd1,31/12/2023,"{BODY}"\n', encoding="utf-8")
    article = _only_the_field_rejected(list(read_paths([path])), "date", "'31/12/2023'")
    assert (article.doc_id, article.published, article.origin) == ("d1", None, f"{path}:1")


def test_parquet(tmp_path):
    path = tmp_path / "news.parquet"
    pq.write_table(pa.table({"text": [BODY], "date": ["not yet"]}), path)
    article = _only_the_field_rejected(list(read_paths([path])), "date", "'not yet'")
    assert (article.doc_id, article.published) == ("news:1", None)


@pytest.fixture
def page_dated(monkeypatch):
    """Make the extractor report this metadata date (it checks the dates it finds itself)."""
    extract = trafilatura.bare_extraction

    def set_date(date: str) -> None:
        def extract_with_date(*args, **kwargs):
            document = extract(*args, **kwargs)
            document.date = date
            return document

        monkeypatch.setattr(trafilatura, "bare_extraction", extract_with_date)

    return set_date


def test_html(tmp_path, page_dated):
    page_dated("2024-04-31")
    path = tmp_path / "raid.html"
    path.write_bytes(page("Raid", BODY))
    article = _only_the_field_rejected(list(read_paths([path])), "page metadata date", "'2024-04-31'")
    assert (article.published, article.date_source, article.title) == (None, None, "Raid")


def test_warc_crawl_date(tmp_path):
    path = tmp_path / "crawl.warc"
    write_warc(path, [("response", "https://news.example/raid", "200 OK", "text/html", page("Raid", BODY), "soon")])
    article = _only_the_field_rejected(list(read_paths([path])), "WARC-Date", "'soon'")
    assert (article.published, article.date_source, article.url) == (None, None, "https://news.example/raid")


def test_warc_page_date_rejected_and_the_crawl_date_taken(tmp_path, page_dated):
    page_dated("20240445")
    path = tmp_path / "crawl.warc"
    record = ("response", "https://news.example/raid", "200 OK", "text/html", page("Raid", BODY), "2024-04-07T08:00:00Z")
    write_warc(path, [record])
    article = _only_the_field_rejected(list(read_paths([path])), "page metadata date", "'20240445'")
    assert (article.published, article.date_source) == (dt.date(2024, 4, 7), "crawl")


@pytest.mark.parametrize(
    ("value", "day"),
    [(None, None), ("", None), ("2024-04-06", dt.date(2024, 4, 6)), (" 2024-04-06T23:59:00Z", dt.date(2024, 4, 6))],
)
def test_a_date_or_no_value_is_no_rejection(value, day):
    read = metadata_date(value, "date", "feed.jsonl:1", "r1")
    assert (read.day, read.rejection) == (day, None)


@pytest.mark.model
def test_the_article_is_coded_and_the_field_rejection_stored(tmp_path, pipeline):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": BODY, "date": "06/04/2024"}) + "\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    summary = api.ingest([path], db, pipeline=pipeline)
    assert (summary.articles, dict(summary.rejections)) == (1, {BAD_DATE: 1})
    with Store(db) as store:
        assert store.query("SELECT doc_id, published FROM articles").to_pylist() == [{"doc_id": "r1", "published": None}]
        rejections = store.query("SELECT reason, doc_id, article_id FROM rejections").to_pylist()
    assert rejections == [{"reason": BAD_DATE, "doc_id": "r1", "article_id": None}]


@pytest.mark.parametrize(
    ("value", "shown"),
    [("0001-01-01", "0001-01-01 is not between 1900-01-01"), ("9999-12-31", "9999-12-31 is not between"), ("1899-12-31", "1899")],
)
def test_a_date_outside_1900_to_ten_years_ahead_is_a_bad_date(tmp_path, value, shown):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": BODY, "date": value}) + "\n", encoding="utf-8")
    article = _only_the_field_rejected(list(read_paths([path])), "date", shown)
    assert article.published is None
    assert metadata_date(dt.date.today().replace(day=1), "date", "x", None).rejection is None


@pytest.mark.parametrize(
    ("column", "shown"),
    [
        (pa.array([3_000_000], pa.date32()), "3,000,000 days from 1970-01-01"),
        (pa.array([-800_000], pa.date32()), "-800,000 days from 1970-01-01"),
        (pa.array([2**62], pa.timestamp("ms")), "days from 1970-01-01"),
        (pa.array([2**60], pa.date64()), "days from 1970-01-01"),
        (pa.array([dt.datetime(1066, 10, 14)], pa.timestamp("us", tz="UTC")), "1066-10-14 is not between"),
    ],
)
def test_a_parquet_date_no_calendar_holds_is_a_bad_date_and_the_rows_around_it_are_read(tmp_path, column, shown):
    path = tmp_path / "news.parquet"
    good = pa.array([dt.datetime(2024, 4, 6, 23, 59, 59)], pa.timestamp("s")).cast(column.type)
    pq.write_table(
        pa.table({"text": [BODY, BODY + " Again.", BODY + " Once more."], "date": pa.concat_arrays([good, column, good])}), path
    )
    items = list(read_paths([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Article", "Article"]
    assert items[0].published == items[3].published == dt.date(2024, 4, 6)
    _only_the_field_rejected(items[1:3], "date", shown)


def test_a_parquet_value_python_cannot_hold_rejects_its_row(tmp_path):
    path = tmp_path / "news.parquet"
    titles = pa.array([0, 2**62, 1], pa.duration("s"))
    pq.write_table(pa.table({"text": [BODY, BODY + " Again.", BODY + " Once more."], "title": titles}), path)
    items = list(read_paths([path]))
    assert [type(i).__name__ for i in items] == ["Rejection", "Rejection", "Rejection"]
    assert items[1].reason == "malformed_record" and "the title column" in items[1].detail
    assert "not a string" in items[0].detail

"""Readers for web-scale inputs: gzip-compressed records, Parquet, WARC."""

import datetime as dt
import gzip
import io
import json
import zlib

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tinkuy.ingest import read_paths, reader_for
from tinkuy.limits import Limits
from tinkuy.model import Article, Rejection

BODY = "Mexico broke off diplomatic relations with Ecuador on Saturday after the raid."
RECORDS = [
    {"id": "r1", "text": BODY, "date": "2024-04-06", "source": "Wire"},
    {"text": BODY + " Ecuador said it acted lawfully."},
]


def page(title: str, body: str, date: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    paragraphs = "".join(f"<p>{body} Sentence {n} of the report adds more detail on the dispute.</p>" for n in range(3))
    return f"<html><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>".encode()


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.jsonl.gz", "FEED.JSONL.GZ"])
def test_jsonl_plain_and_gzipped_read_the_same(tmp_path, name):
    data = "\n".join(json.dumps(r) for r in RECORDS).encode()
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.lower().endswith(".gz") else data)
    first, second = read_paths([path])
    assert (first.doc_id, first.published, first.outlet, first.text) == ("r1", dt.date(2024, 4, 6), "Wire", BODY)
    assert second.doc_id == f"{path.name.split('.')[0]}:2" and second.origin == f"{path}:2"


def test_gzipped_csv_is_read_and_folders_take_compressed_files(tmp_path):
    (tmp_path / "digest.csv.gz").write_bytes(gzip.compress(f'id,text\nd1,"{BODY}"\n'.encode()))
    (tmp_path / "notes.txt.bak").write_text("not an article", encoding="utf-8")
    (article,) = read_paths([tmp_path])
    assert article.doc_id == "d1" and article.text == BODY


def test_suffixes_pick_the_longest_match(tmp_path):
    names = ("a.jsonl.gz", "a.csv.gz", "a.warc.gz", "a.warc", "a.parquet", "a.gz", "a.json.gz")
    readers = {name: reader_for(tmp_path / name) for name in names}
    assert readers["a.jsonl.gz"].__name__ == "read_jsonl" and readers["a.csv.gz"].__name__ == "read_csv"
    assert readers["a.warc.gz"] is readers["a.warc"] and readers["a.parquet"].__name__ == "read_parquet"
    assert readers["a.gz"] is None and readers["a.json.gz"] is None


def test_a_cut_short_gzip_keeps_the_records_before_the_damage(tmp_path):
    lines = "\n".join(json.dumps({"id": f"r{n}", "text": f"{BODY} Number {n}."}) for n in range(2000)).encode()
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(gzip.compress(lines)[:-2000])
    items = list(read_paths([path]))
    assert all(isinstance(i, Article) for i in items[:-1]) and len(items) > 100
    assert isinstance(items[-1], Rejection) and items[-1].reason == "unreadable"


def test_a_record_file_that_turns_undecodable_keeps_the_records_before_the_damaged_block(tmp_path):
    good = "\n".join(json.dumps({"id": f"r{n}", "text": BODY}) for n in range(3000)).encode()
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(good + b"\n" + json.dumps({"text": "café"}, ensure_ascii=False).encode("latin-1"))
    items = list(read_paths([path]))
    assert 2900 < sum(isinstance(i, Article) for i in items) < 3000
    assert items[-1].reason == "unreadable" and "UTF-8" in items[-1].detail


def test_parquet_rows_with_typed_dates_and_extra_columns(tmp_path):
    path = tmp_path / "news.parquet"
    table = pa.table(
        {
            "id": ["p1", None],
            "text": [BODY, BODY + " Again."],
            "published": pa.array([dt.date(2024, 4, 6), None], pa.date32()),
            "url": ["https://x.example/1", None],
            "html": ["<p>not read</p>", "<p>not read</p>"],
        }
    )
    pq.write_table(table, path, row_group_size=1)
    first, second = read_paths([path])
    assert (first.doc_id, first.published, first.date_source, first.url) == (
        "p1",
        dt.date(2024, 4, 6),
        "input",
        "https://x.example/1",
    )
    assert second.doc_id == "news:2" and second.published is None and second.origin == f"{path}:2"


def test_parquet_timestamps_are_dates(tmp_path):
    path = tmp_path / "ts.parquet"
    pq.write_table(pa.table({"text": [BODY], "date": pa.array([dt.datetime(2024, 4, 6, 23, 59)], pa.timestamp("s"))}), path)
    (article,) = read_paths([path])
    assert article.published == dt.date(2024, 4, 6)


@pytest.mark.parametrize(("content", "reason"), [(b"PAR1 not really", "unreadable"), (None, "malformed_record")])
def test_unusable_parquet_files_are_rejected(tmp_path, content, reason):
    path = tmp_path / "bad.parquet"
    if content is None:
        pq.write_table(pa.table({"body": [BODY]}), path)
    else:
        path.write_bytes(content)
    (rejection,) = read_paths([path])
    assert isinstance(rejection, Rejection) and rejection.reason == reason


def write_warc(path, records):
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for kind, url, status, content_type, payload, date in records:
            headers = (
                StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1") if kind == "response" else None
            )
            warc_headers = {"WARC-Date": date} if date else None
            record = writer.create_warc_record(
                url, kind, payload=io.BytesIO(payload), http_headers=headers, warc_headers_dict=warc_headers
            )
            writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_articles_with_url_and_crawl_date(tmp_path, name):
    path = tmp_path / name
    write_warc(
        path,
        [
            (
                "response",
                "https://news.example/raid",
                "200 OK",
                "text/html; charset=utf-8",
                page("Raid", BODY),
                "2024-04-07T08:00:00Z",
            ),
            (
                "response",
                "https://news.example/dated",
                "200 OK",
                "text/html",
                page("Dated", BODY + " Quito", "2024-04-05"),
                "2024-04-07T09:00:00Z",
            ),
            ("response", "https://news.example/old", "301 Moved Permanently", "text/html", b"", "2024-04-07T09:00:00Z"),
            ("response", "https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG...", "2024-04-07T09:00:00Z"),
            ("response", "https://news.example/blank", "200 OK", "text/html", b"<html><body></body></html>", None),
        ],
    )
    crawled, dated, image, blank = read_paths([path])
    assert (crawled.url, crawled.published, crawled.date_source) == ("https://news.example/raid", dt.date(2024, 4, 7), "crawl")
    assert BODY in crawled.text and crawled.title == "Raid" and crawled.origin.startswith(f"{path}:")
    assert (dated.published, dated.date_source) == (dt.date(2024, 4, 5), "page metadata")
    assert len(crawled.doc_id) == 36 and crawled.doc_id != dated.doc_id
    assert (image.reason, blank.reason) == ("unsupported_format", "empty") and "image/png" in image.detail


@pytest.mark.parametrize("name", ["broken.warc", "broken.warc.gz"])
def test_a_file_that_is_not_warc_is_rejected(tmp_path, name):
    path = tmp_path / name
    data = b"this is a text file, not a web archive\n"
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    (rejection,) = read_paths([path])
    assert isinstance(rejection, Rejection) and rejection.reason == "unreadable" and rejection.doc_id == "broken"


def test_a_warc_page_larger_once_decoded_than_the_limit_is_read_no_further(tmp_path):
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = bomb.compress(b"<html><body><p>") + b"".join(bomb.compress(b"a " * 500_000) for _ in range(50)) + bomb.flush()
    path = tmp_path / "crawl.warc"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        for number, (payload, encoding) in enumerate(
            [(page("Raid", BODY), []), (body, [("Content-Encoding", "gzip")]), (page("Again", BODY + " Again."), [])]
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *encoding], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://news.example/{number}", "response", payload=io.BytesIO(payload), http_headers=headers
            )
            writer.write_record(record)
    assert path.stat().st_size < 100_000
    first, bomb_rejected, last = read_paths([path], Limits(max_bytes=1_000_000))
    assert isinstance(first, Article) and isinstance(last, Article) and last.title == "Again"
    assert (bomb_rejected.reason, bomb_rejected.detail) == (
        "too_large",
        "a page decoded of more than 1,000,000 bytes; the limit for one article is 1,000,000",
    )

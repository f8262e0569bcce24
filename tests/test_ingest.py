import datetime as dt
import gzip
import io
import json
import os
import socket
import time
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tinkuy.errors import TooLarge, UnreadableInput, UsageError
from tinkuy.ingest import expand_paths, read_paths, streams
from tinkuy.limits import Limits
from tinkuy.model import Article, Rejection

BODY = "Mexico broke off diplomatic relations with Ecuador on Saturday after the raid."


def only(items):
    (item,) = list(items)
    return item


def test_text_file_is_one_article_named_after_the_file(tmp_path):
    path = tmp_path / "raid-report.txt"
    path.write_text(BODY, encoding="utf-8")
    article = only(read_paths([path]))
    assert isinstance(article, Article)
    assert (article.doc_id, article.text, article.origin) == ("raid-report", BODY, str(path))


def test_same_text_is_the_same_article_wherever_it_comes_from(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    a, b = read_paths([tmp_path])
    assert a.article_id == b.article_id and a.doc_id != b.doc_id


def test_utf16_with_byte_order_mark_is_decoded(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(BODY.encode("utf-16"))
    assert only(read_paths([path])).text == BODY


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"\x00\x01\x02binary", "unreadable"),
        ("Quito, café".encode("latin-1"), "unreadable"),
    ],
)
def test_unusable_text_files_are_rejected_with_a_reason(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    rejection = only(read_paths([path]))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == reason and rejection.detail


def test_html_goes_through_the_extractor_with_title_date_and_site(tmp_path):
    page = f"""<html><head><title>Rift | Example News</title>
    <meta property="og:site_name" content="Example News">
    <meta property="article:published_time" content="2024-04-06T10:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <script>var tracking = "Ecuador attacks Peru";</script>
    <article><h1>Mexico breaks ties with Ecuador</h1><p>{BODY}</p>
    <p>The foreign ministry in Mexico City said the decision was final and that its diplomats would return home.</p></article>
    <footer>Copyright Example News</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    article = only(read_paths([path]))
    assert article.title == "Mexico breaks ties with Ecuador"
    assert article.published == dt.date(2024, 4, 6) and article.date_source == "page metadata"
    assert article.outlet == "Example News"
    assert BODY in article.text and "tracking" not in article.text and "Copyright" not in article.text


def test_html_without_article_text_is_rejected(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body></body></html>", encoding="utf-8")
    assert only(read_paths([path])).reason == "empty"


def test_jsonl_records_carry_their_fields_and_bad_lines_are_rejected_one_by_one(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "r1",
                "title": "T",
                "published": "2024-04-06",
                "url": "https://x.example/1",
                "source": "Wire",
                "text": BODY,
                "lang": "en",
            }
        ),
        "{not json",
        json.dumps({"id": "r3", "title": "no text"}),
        json.dumps({"id": "r4", "text": 42}),
        json.dumps(["a", "list"]),
        json.dumps({"text": BODY + " Again.", "date": "2024-04-07"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    first, broken, no_text, not_string, not_object, last = read_paths([path])
    assert (first.doc_id, first.title, first.published, first.url, first.outlet) == (
        "r1",
        "T",
        dt.date(2024, 4, 6),
        "https://x.example/1",
        "Wire",
    )
    assert first.date_source == "input"
    assert [r.reason for r in (broken, no_text, not_string, not_object)] == ["malformed_record"] * 4
    assert broken.origin == f"{path}:2" and "text" in no_text.detail and "int" in not_string.detail
    assert last.doc_id == "feed:6" and last.published == dt.date(2024, 4, 7)


def test_csv_records_with_quotes_commas_and_newlines(tmp_path):
    path = tmp_path / "digest.csv"
    path.write_text('id,title,date,text,extra\nd1,"A, B",2023-03-01,"He said ""no"",\nthen left.",x\n', encoding="utf-8")
    article = only(read_paths([path]))
    assert article.doc_id == "d1" and article.title == "A, B" and article.text == 'He said "no",\nthen left.'


def test_csv_with_broken_quoting_ends_with_a_rejection(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text('id,text\na,"fine"\nb,"never closed\n', encoding="utf-8")
    good, broken = read_paths([path])
    assert good.text == "fine" and broken.reason == "malformed_record"


def test_folders_are_read_recursively_and_globs_expand(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.txt", "sub/c.md"):
        (tmp_path / name).write_text(BODY + name, encoding="utf-8")
    assert [p.name for p in expand_paths([tmp_path])] == ["a.txt", "b.txt"]
    assert [p.name for p in expand_paths([str(tmp_path / "**" / "*.txt")])] == ["a.txt", "b.txt"]


def test_a_named_file_with_an_unknown_suffix_is_rejected(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(BODY, encoding="utf-8")
    assert only(read_paths([path])).reason == "unsupported_format"


def test_a_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        list(read_paths([tmp_path / "nowhere.txt"]))


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
@pytest.mark.parametrize("name", ["page.txt", "page.html", "feed.jsonl", "feed.jsonl.gz", "news.parquet", "crawl.warc"])
def test_a_link_to_a_device_is_rejected_unread(tmp_path, device, name):
    (tmp_path / name).symlink_to(device)
    rejection = only(read_paths([tmp_path / name]))
    assert (rejection.reason, rejection.detail) == ("not_a_file", "a character device, not a regular file")


def test_a_named_pipe_is_rejected_without_blocking_whether_named_or_found(tmp_path):
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "good.jsonl").write_text(json.dumps({"text": BODY}), encoding="utf-8")
    for named in ([tmp_path / "pipe.jsonl"], [tmp_path], [str(tmp_path / "*.jsonl")]):
        items = list(read_paths(named))
        assert [(i.reason, i.detail) for i in items if isinstance(i, Rejection)] == [
            ("not_a_file", "a named pipe (FIFO), not a regular file")
        ]
    assert isinstance(items[0], Article) and items[0].text == BODY


def test_a_socket_and_a_loop_of_links_are_rejected_with_what_they_are(tmp_path):
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "listening.txt"))
        (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
        (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
        details = {i.origin.split("/")[-1]: i.detail if isinstance(i, Rejection) else "coded" for i in read_paths([tmp_path])}
    assert details == {
        "good.txt": "coded",
        "listening.txt": "a socket, not a regular file",
        "loop.txt": "a loop of symbolic links",
    }


def test_globs_and_folders_do_not_follow_links_into_a_loop(tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "sub" / "a.jsonl").write_text(json.dumps({"text": BODY}), encoding="utf-8")
    (tmp_path / "d" / "sub" / "loop").symlink_to("..")
    (tmp_path / "d" / "again").symlink_to(tmp_path / "d")
    assert [p.name for p in expand_paths([str(tmp_path / "d" / "**" / "*.jsonl")])] == ["a.jsonl"]
    assert [p.name for p in expand_paths([tmp_path / "d"])] == ["a.jsonl"]
    assert [p.name for p in expand_paths([tmp_path / "d" / "again"])] == ["a.jsonl"]


def test_a_file_name_that_is_not_utf8_is_read_and_shown_with_escapes(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(folder + b"/caf\xe9.txt", "wb") as named, open(folder + b"/r\xe9cit.jsonl", "wb") as records:
        named.write(BODY.encode())
        records.write(json.dumps({"text": BODY + " Again."}).encode() + b"\n{broken\n")
    coded, record, broken = read_paths([tmp_path])
    assert (coded.doc_id, coded.origin) == ("caf\\xe9", f"{tmp_path}/caf\\xe9.txt")
    assert (record.doc_id, record.origin) == ("r\\xe9cit:1", f"{tmp_path}/r\\xe9cit.jsonl:1")
    assert broken.origin.encode("utf-8") and broken.doc_id == "r\\xe9cit:2"


def test_a_file_is_read_to_its_limit_whatever_its_size_says(tmp_path, monkeypatch):
    path = tmp_path / "grows.txt"
    path.write_text(BODY * 100, encoding="utf-8")
    monkeypatch.setattr(os, "fstat", lambda descriptor, fstat=os.fstat: _claiming_zero(fstat(descriptor)))
    rejection = only(read_paths([path], Limits(max_bytes=1_000)))
    assert (rejection.reason, rejection.detail) == (
        "too_large",
        "a file of more than 1,000 bytes; the limit for one article is 1,000",
    )


def _claiming_zero(found: os.stat_result) -> os.stat_result:
    return os.stat_result((found.st_mode, *found[1:6], 0, *found[7:]))


def test_a_lone_surrogate_rejects_its_record_and_the_records_around_it_are_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": BODY}),
        '{"text": "Cuba condemned the sanctions.\\ud800"}',
        '{"text": "Cuba condemned the sanctions.", "title": "\\udfff"}',
        '{"text": "Cuba condemned the sanctions.", "id": "a\\ud83d"}',
        json.dumps({"text": BODY + " Again."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    first, text, title, doc_id, last = read_paths([path])
    assert isinstance(first, Article) and isinstance(last, Article)
    assert [(r.reason, r.doc_id) for r in (text, title, doc_id)] == [("malformed_record", f"feed:{n}") for n in (2, 3, 4)]
    assert text.detail == "the text holds a lone surrogate (U+D800 at character 29), not Unicode text"
    assert "the title" in title.detail and "the id" in doc_id.detail


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.sampled_from('ab "\n\t'), max_size=300), block=st.integers(1, 20), most=st.integers(1, 12))
def test_lines_are_numbered_blank_ones_passed_over_and_long_ones_refused_whatever_the_blocks(monkeypatch, text, block, most):
    monkeypatch.setattr(streams, "BLOCK", block)
    expected = [
        (number, line if len(line) <= most else f"a line of {len(line):,} characters")
        for number, line in enumerate(text.splitlines(keepends=True), start=1)
        if line.strip()
    ]
    found = [
        (n, str(line).split(";")[0] if isinstance(line, TooLarge) else line) for n, line in streams.lines(io.StringIO(text), most)
    ]
    assert found == expected


RECORDS = [json.dumps({"text": f"Le président {n} a dit « oui »."}, ensure_ascii=False) + "\n" for n in range(2_000)]


def test_the_lines_of_a_file_are_decoded_across_its_blocks(monkeypatch, tmp_path):
    monkeypatch.setattr(streams, "BLOCK", 3)  # a block ends inside a character, again and again
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress("".join(RECORDS).encode()))
    with streams.open_text(tmp_path / "feed.jsonl.gz") as stream:
        assert [line for _, line in streams.lines(stream, 1_000)] == RECORDS


def test_every_line_before_the_damage_of_a_cut_file_is_read(tmp_path):
    cut = gzip.compress("".join(RECORDS).encode())[:-2_000]
    (tmp_path / "cut.jsonl.gz").write_bytes(cut)
    found: list[object] = []
    with pytest.raises(UnreadableInput, match="cut-short"), streams.open_text(tmp_path / "cut.jsonl.gz") as stream:
        found.extend(line for _, line in streams.lines(stream, 1_000))
    whole_lines = zlib.decompressobj(31).decompress(cut).count(b"\n")
    assert whole_lines > 100 and found == RECORDS[:whole_lines]


def test_gigabytes_of_blank_lines_are_passed_over_a_block_at_a_time():
    blank = io.StringIO("\n" * 50_000_000 + json.dumps({"text": BODY}) + "\n")
    started = time.monotonic()
    assert list(streams.lines(blank, 1_000)) == [(50_000_001, json.dumps({"text": BODY}) + "\n")]
    assert time.monotonic() - started < 5

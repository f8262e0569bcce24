"""Hostile input: a corpus of broken files, built by code, each item coded or refused with its reason.

The corpus holds what scraped pages and dumps hold: empty, binary and wrongly
encoded files, a 50 MB article and a line of several MB, HTML with no article
or nested 10,000 deep, broken JSONL and CSV, a cut-short gzip and WARC, Spanish
and Arabic articles, and "sentences" a parser cannot read; and what a hostile
user would try: dates of the years 1 and 9999, in JSON and in Parquet, a lone
surrogate, a file name that is not UTF-8, a WARC page whose gzip body decodes
to hundreds of megabytes, links to devices, a named pipe, a loop of links, a
page whose extraction would take minutes, a junk page before and after a clean
copy of its story, a record repeated many times, hundreds of megabytes of
blank lines, a text of invisible characters, one sentence of 299,000
characters. The run goes on past every one of them, and its exit status says
that some were refused. Everything is made in a temporary folder when the tests
run; the largest files are compressed, so the corpus stays small on disk.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import io
import itertools
import json
import os
import random
import subprocess
import sys
import zlib
from collections import Counter, defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tinkuy import api
from tinkuy.ingest.files import shown
from tinkuy.limits import Limits
from tinkuy.model import CodedArticle, Rejection
from tinkuy.store import Store

pytestmark = pytest.mark.model

MB = 1_000_000
REPEATS = 20_000
"""Times one record is repeated in a file (a million in bench/hostile.py)."""
PLACES = ["Quito", "Guayaquil", "Washington", "Lima", "Bogota", "Mexico City", "Caracas", "Brasilia"]


def news(number: int) -> str:
    """A short English article, different for every number."""
    rng = random.Random(number)
    place, day = rng.choice(PLACES), rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
    return (
        f"Ecuador's foreign minister met the United States ambassador in {place} on {day}. "
        f"The two governments agreed to expand their cooperation against drug trafficking, officials said. "
        f"It was meeting number {number} of {rng.randint(100, 999)} this year, according to the ministry."
    )


def page(body: str, number: int) -> bytes:
    return f"<html><head><title>Report {number}</title></head><body><article><p>{body}</p></article></body></html>".encode()


def warc(records: list[bytes], encodings: dict[int, str] | None = None) -> bytes:
    """A gzipped WARC file of these pages, each a response; ``encodings`` gives a page's Content-Encoding by number."""
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=True)
    for number, payload in enumerate(records):
        encoding = [("Content-Encoding", encodings[number])] if encodings and number in encodings else []
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *encoding], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://news.example/{number}", "response", payload=io.BytesIO(payload), http_headers=headers
        )
        writer.write_record(record)
    return stream.getvalue()


def cut_in_last_record(pages: list[bytes]) -> bytes:
    """A WARC file cut short half way through its last record."""
    whole, before = warc(pages), len(warc(pages[:-1]))
    return whole[: before + (len(whole) - before) // 2]


def jsonl(records: list[object]) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records).encode()


PORTUGUESE = (
    "O chanceler do Equador reuniu-se na segunda-feira com o embaixador dos Estados Unidos em Quito. "
    "Os dois governos acordaram ampliar a sua cooperação contra o narcotráfico, disseram as autoridades."
)


def gzipped(head: bytes, repeated: bytes, times: int, tail: bytes = b"") -> bytes:
    """``head``, ``repeated`` so many times and ``tail``, gzipped without ever being held whole."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return (
        packer.compress(head) + b"".join(packer.compress(repeated) for _ in range(times)) + packer.compress(tail) + packer.flush()
    )


def parquet(columns: dict[str, pa.Array]) -> bytes:
    sink = io.BytesIO()
    pq.write_table(pa.table(columns), sink)
    return sink.getvalue()


def junk(story: str) -> str:
    """A story followed by one line of a table repeated: its shingles are the story's, its words fifty times as many."""
    return story + "\n" + "Ecuador 12 1991 Peru 36 " * 2000


def flat_tables(rows: int) -> bytes:
    """A page of one short paragraph and a table of many rows of words: the extractor's fallback is quadratic in them."""
    rng = random.Random(5)
    words = ["the", "minister", "said", "police", "Quito", "met", "with", "Peru", "talks"]
    cells = "\n".join(
        "<tr>" + "".join(f"<td>{' '.join(rng.choices(words, k=3))}</td>" for _ in range(6)) + "</tr>" for _ in range(rows)
    )
    return f"<html><body><p>{' '.join(rng.choices(words, k=40))}.</p><table>{cells}</table></body></html>".encode()


SPANISH = (
    "El canciller de Ecuador se reunió el lunes con el embajador de los Estados Unidos en Quito. "
    "Los dos gobiernos acordaron ampliar su cooperación contra el narcotráfico, dijeron las autoridades."
)
ARABIC = "التقى وزير خارجية الإكوادور يوم الاثنين بسفير الولايات المتحدة في كيتو. واتفقت الحكومتان على توسيع تعاونهما."
TABLE = " ".join(f"{rng_row}" for rng_row in (f"Ecuador {n} {n * 7 % 1000} {1990 + n % 35} Peru {n * 3}" for n in range(4000)))

CORPUS: dict[str, tuple[bytes, list[str]]] = {
    # name: (content, the outcome of each item in order: "coded" or the reason of its rejection)
    "empty.txt": (b"", ["empty"]),
    "blank.txt": (b"  \n\t\n ", ["empty"]),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40, ["unreadable"]),
    "invalid-utf8.txt": (news(1).encode() + b" \xc3\x28 \xff", ["unreadable"]),
    "utf16-bom.txt": (news(2).encode("utf-16"), ["coded"]),
    "latin1.txt": ((news(3) + " The talks were held in Bogotá.").encode("latin-1"), ["unreadable"]),
    "fifty-mb.txt": (((news(4) + "\n").encode() * (50 * MB // 200))[: 50 * MB], ["too_large"]),
    "one-long-line.txt": (news(5).encode() * (4 * MB // 300), ["too_large"]),
    "long-line.jsonl": (
        jsonl([{"text": news(6)}, {"id": "huge", "text": news(7) * (12 * MB // 300)}, {"text": news(8)}]),
        ["coded", "too_large", "coded"],
    ),
    "all-script.html": (
        b"<html><head>" + b"<script>var x = 1;</script>" * 2000 + b"</head><body><script>go()</script></body></html>",
        ["empty"],
    ),
    "nested.html": (b"<html><body>" + b"<div>" * 10_000 + news(9).encode() + b"</div>" * 10_000 + b"</body></html>", ["empty"]),
    "records.jsonl": (
        jsonl([{"text": news(10)}, '{"text": "cut off', {"id": "no-text"}, {"text": 42}, [news(11)], {"text": news(12)}]),
        ["coded", "malformed_record", "malformed_record", "malformed_record", "malformed_record", "coded"],
    ),
    "broken.csv": (f'id,text\na,"{news(13)}"\nb,"{news(14)}\nc,"unterminated\n'.encode(), ["coded", "malformed_record"]),
    "cut.jsonl.gz": (gzip.compress(jsonl([{"text": news(100 + n)} for n in range(60)]))[:-400], ["coded", "unreadable"]),
    "cut.warc.gz": (cut_in_last_record([page(news(200 + n), n) for n in range(3)]), ["coded", "coded", "unreadable"]),
    "spanish.txt": (SPANISH.encode(), ["coded"]),
    "portuguese.txt": (PORTUGUESE.encode(), ["unsupported_language"]),
    "arabic.txt": (ARABIC.encode(), ["unsupported_language"]),
    "commas.txt": (("The minister said " + ", ".join(PLACES * 500) + ".").encode(), ["not_prose"]),
    "table.txt": (TABLE.encode(), ["not_prose"]),
    "far-dates.jsonl": (
        jsonl([{"text": news(300), "date": "0001-01-01"}, {"text": news(301), "date": "9999-12-31"}]),
        ["bad_date", "coded", "bad_date", "coded"],
    ),
    "far-dates.parquet": (
        parquet(
            {
                "text": [news(302), news(303), news(304)],
                "date": pa.array([19_819, 3_000_000, -800_000], pa.date32()),
                "published": pa.array([None, dt.datetime(2024, 4, 6), None], pa.timestamp("ns")),
            }
        ),
        ["coded", "bad_date", "coded", "bad_date", "coded"],
    ),
    "surrogate.jsonl": (
        jsonl([{"text": news(305)}, '{"text": "Cuba condemned the sanctions.\\ud800"}', {"text": news(306)}]),
        ["coded", "malformed_record", "coded"],
    ),
    "gzip-body.warc.gz": (
        warc([page(news(307), 1), gzipped(b"<html><body><p>", b"a " * 500_000, 200), page(news(308), 3)], {1: "gzip"}),
        ["coded", "too_large", "coded"],
    ),
    "flat-tables.html": (flat_tables(2_500), ["timeout"]),
    "junk-then-story.jsonl": (jsonl([{"text": junk(news(309))}, {"text": news(309)}]), ["not_prose", "coded"]),
    "story-then-junk.jsonl": (jsonl([{"text": news(310)}, {"text": junk(news(310))}]), ["coded", "not_prose"]),
    "repeats.jsonl.gz": (gzipped(b"", jsonl([{"text": news(311)}]) + b"\n", REPEATS), ["coded"] * REPEATS),
    "blank-lines.jsonl.gz": (
        gzipped(jsonl([{"text": news(312)}]), b"\n" * 1_000_000, 200, jsonl([{"text": news(313)}])),
        ["coded", "coded"],
    ),
    "invisible.txt": (("\u200b\u200e\u202e\u2066\ufeff" * 5_000).encode(), ["empty"]),
    "one-sentence.txt": (
        " ".join(random.Random(6).choices([*PLACES, "and", "the"], k=45_000)).encode()[:299_000],
        ["not_prose"],
    ),
}
"""Files and their outcomes, in the order they are read."""

SPECIAL = {
    "zero.txt": ["not_a_file"],
    "random.html": ["not_a_file"],
    "pipe.jsonl": ["not_a_file"],
    "loop.txt": ["not_a_file"],
    shown(Path(os.fsdecode(b"caf\xe9.txt"))): ["coded"],
}
"""Files that are not regular files, or not named in UTF-8, made by ``make_special``."""


def make_corpus(folder: Path) -> Path:
    """The hostile corpus, in ``folder``."""
    for name, (content, _) in CORPUS.items():
        (folder / name).write_bytes(content)
    make_special(folder)
    return folder


def make_special(folder: Path) -> None:
    """What no bytes make: links to devices, a named pipe, a loop of links, a name that is not UTF-8,
    and a folder with a link back to its parent, which a walk must not follow."""
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "random.html").symlink_to("/dev/urandom")
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(news(314), encoding="utf-8")
    (folder / "nested" / "deeper").mkdir(parents=True)
    (folder / "nested" / "deeper" / "up").symlink_to("../..")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("hostile"))


LIMITS = Limits(max_seconds=3)
"""A shorter time limit than the default, so the page of flat tables is stopped sooner."""


def outcomes(results: list[CodedArticle | Rejection], folder: Path) -> dict[str, list[str]]:
    """The outcome of each item, by the file it came from."""
    found: defaultdict[str, list[str]] = defaultdict(list)
    for result in results:
        origin = result.article.origin if isinstance(result, CodedArticle) else result.origin
        name = Path(origin.removeprefix(f"{folder}/")).name.split(":")[0]
        found[name].append("coded" if isinstance(result, CodedArticle) else result.reason)
    return dict(found)


@pytest.mark.slow
def test_every_hostile_item_is_coded_or_refused_with_its_reason(corpus, pipeline):
    results = list(api.code_paths([corpus], pipeline=dataclasses.replace(pipeline, limits=LIMITS)))
    found = outcomes(results, corpus)
    expected = {name: items for name, (_, items) in CORPUS.items()} | SPECIAL
    cut = found["cut.jsonl.gz"]
    assert len(cut) > 5, "the records before the damaged block are kept"
    found["cut.jsonl.gz"] = [outcome for outcome, _ in itertools.groupby(cut)]  # so many coded, then the damage
    assert found == expected
    details = {r.origin.split("/")[-1]: r.detail for r in results if isinstance(r, Rejection)}
    assert "50,000,000 bytes" in details["fifty-mb.txt"] and "convert the file to UTF-8" in details["latin1.txt"]
    assert "'pt'" in details["portuguese.txt"] and "Arabic script" in details["arabic.txt"]
    assert details["pipe.jsonl"] == "a named pipe (FIFO), not a regular file" and "character device" in details["zero.txt"]
    assert "took more than 3 s" in details["flat-tables.html"] and "U+D800" in details["surrogate.jsonl:2"]


@pytest.mark.slow
def test_the_command_goes_on_past_every_refusal_and_says_so_in_its_exit_status(corpus, tmp_path):
    db = tmp_path / "hostile.duckdb"
    command = [sys.executable, "-m", "tinkuy", "ingest", str(corpus), "--db", str(db), "--summary", "--max-seconds", "3"]
    run = subprocess.run(command, capture_output=True, text=True)
    assert run.returncode == 3, run.stderr
    assert "Traceback" not in run.stderr
    with Store(db, read_only=True) as store:
        counts = store.counts(("articles", "rejections"))
        reasons = dict(store.connection.execute("SELECT reason, count(*) FROM rejections GROUP BY reason").fetchall())
    every = [outcome for _, outcomes in CORPUS.values() for outcome in outcomes] + [
        o for outcomes in SPECIAL.values() for o in outcomes
    ]
    refused = [outcome for outcome in every if outcome != "coded"]
    assert counts["rejections"] == len(refused) and reasons == dict(Counter(refused))
    assert counts["articles"] > 15
    assert f"rejected: {counts['rejections']}" in run.stderr
    clean = subprocess.run([*command[:4], str(corpus / "utf16-bom.txt"), "--db", str(tmp_path / "clean.duckdb")])
    assert clean.returncode == 0


@pytest.mark.slow
def test_limits_can_be_set_for_a_run(corpus, tmp_path):
    command = [sys.executable, "-m", "tinkuy", "code", str(corpus / "records.jsonl"), "--summary", "--max-bytes", "100"]
    run = subprocess.run(command, capture_output=True, text=True)
    assert run.returncode == 3 and "too_large: 3" in run.stderr and run.stdout == ""

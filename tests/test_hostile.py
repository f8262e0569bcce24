"""Hostile input: a corpus of broken files, built by code, each item coded or refused with its reason.

The corpus holds what scraped pages and dumps hold: empty, binary and wrongly
encoded files, a 50 MB article and a line of several MB, HTML with no article
or nested 10,000 deep, broken JSONL and CSV, a cut-short gzip and WARC, Spanish
and Arabic articles, and "sentences" a parser cannot read. The run goes on past
every one of them, and its exit status says that some were refused.
"""

from __future__ import annotations

import gzip
import io
import itertools
import json
import random
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tinkuy import api
from tinkuy.model import CodedArticle, Rejection
from tinkuy.store import Store

pytestmark = pytest.mark.model

MB = 1_000_000
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


def warc(records: list[bytes]) -> bytes:
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=True)
    for number, payload in enumerate(records):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
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
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, (content, _) in CORPUS.items():
        (folder / name).write_bytes(content)
    return folder


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
    results = list(api.code_paths([corpus], pipeline=pipeline))
    found = outcomes(results, corpus)
    expected = {name: items for name, (_, items) in CORPUS.items()}
    cut = found["cut.jsonl.gz"]
    assert len(cut) > 5, "the records before the damaged block are kept"
    found["cut.jsonl.gz"] = [outcome for outcome, _ in itertools.groupby(cut)]  # so many coded, then the damage
    assert found == expected
    details = {r.origin.split("/")[-1]: r.detail for r in results if isinstance(r, Rejection)}
    assert "50,000,000 bytes" in details["fifty-mb.txt"] and "convert the file to UTF-8" in details["latin1.txt"]
    assert "'pt'" in details["portuguese.txt"] and "Arabic script" in details["arabic.txt"]


@pytest.mark.slow
def test_the_command_goes_on_past_every_refusal_and_says_so_in_its_exit_status(corpus, tmp_path):
    db = tmp_path / "hostile.duckdb"
    command = [sys.executable, "-m", "tinkuy", "ingest", str(corpus), "--db", str(db), "--summary"]
    run = subprocess.run(command, capture_output=True, text=True)
    assert run.returncode == 3, run.stderr
    with Store(db, read_only=True) as store:
        counts = store.counts(("articles", "rejections"))
        reasons = dict(store.connection.execute("SELECT reason, count(*) FROM rejections GROUP BY reason").fetchall())
    refused = [outcome for _, outcomes in CORPUS.values() for outcome in outcomes if outcome != "coded"]
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

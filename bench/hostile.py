"""Each hostile input, full size, beside two good records, run as a command under ``/usr/bin/time -v``.

    python bench/hostile.py                 # every case; writes its table into docs/reliability.md
    python bench/hostile.py --only repeats --no-write

A case is a command (``tinkuy ingest``, ``dyad``, ``report``, ``actors``, ``dedup``,
or one request to the web app) over inputs it builds in a scratch folder: the
hostile one at the size that broke tinkuy before (a million repeated records,
2 GiB of blank lines, a WARC page whose gzip body decodes to 2 GB, a 9 MB page
of flat tables...) and ``good.jsonl``, two good records. Each run is measured by
``/usr/bin/time -v`` (CPU and wall time, peak memory) and checked: its exit status is
the one expected (0 or 3 for an ingest, 2 for a refused command, 422 for a
refused request), no traceback is printed, the good records are in the store
and the store opens. The target: under 30 s and 1 GB each; as other work on
a shared machine stretches wall time, the CPU time is what is held to 30 s.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyarrow as pa  # noqa: E402

from bench.report import machine, table, write_section  # noqa: E402
from tests.test_hostile import flat_tables, gzipped, jsonl, junk, news, page, parquet, warc  # noqa: E402
from tinkuy.store import Store  # noqa: E402

RELIABILITY = Path(__file__).resolve().parent.parent / "docs" / "reliability.md"
TINKUY = [sys.executable, "-m", "tinkuy"]
SECONDS, MEGABYTES = 30, 1000
GOOD = [{"id": "good-1", "text": news(1), "date": "2024-04-08"}, {"id": "good-2", "text": news(2), "date": "2024-04-09"}]


@dataclasses.dataclass(frozen=True)
class Case:
    """One run: what it tries (as the issue says it), how to make its inputs, its command, and the exit it must give."""

    name: str
    what: str
    make: Callable[[Path], list[str]]
    """Makes the inputs in a folder and gives the command to run there."""
    expected: tuple[int, ...] = (0, 3)
    ingest: bool = True


def _write(folder: Path, name: str, content: bytes) -> str:
    (folder / name).write_bytes(content)
    return str(folder / name)


def _ingest(*inputs: str) -> list[str]:
    return [*TINKUY, "ingest", *inputs, "good.jsonl", "--db", "store.duckdb", "--summary"]


def _far_store(folder: Path) -> None:
    """A store holding events of 1900 and of 2030, the farthest apart its dates may be: a series by day
    between them is some 47,000 days. The two records are the same story, each coded on its own (a
    near-duplicate would take its original's dates)."""
    records = [{"text": f"{news(3)} Ecuador met Peru on {day}.", "date": day} for day in ("1900-01-01", "2030-12-31")]
    (folder / "far.jsonl").write_bytes(jsonl(records))
    ingest = [*TINKUY, "ingest", "far.jsonl", "good.jsonl", "--db", "store.duckdb", "--no-near-duplicates"]
    subprocess.run(ingest, cwd=folder, check=True)


def _request(query: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        _far_store(folder)
        script = (
            "import sys, warnings; warnings.simplefilter('ignore');"
            "from fastapi.testclient import TestClient; from tinkuy.web.app import create_app;"
            f"r = TestClient(create_app('store.duckdb'), base_url='http://localhost').get('/api/series?{query}');"
            "print(r.status_code, r.json()['detail'][0]['msg'] if r.status_code == 422 else len(r.text));"
            "sys.exit(r.status_code != 422)"
        )
        return [sys.executable, "-c", script]

    return make


def _command(*arguments: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        _far_store(folder)
        return [*TINKUY, *arguments]

    return make


def _blank(folder: Path) -> list[str]:
    return _ingest(_write(folder, "blank.jsonl.gz", gzipped(b"", b"\n" * (1 << 20), 2048)))


def _repeats(folder: Path) -> list[str]:
    return _ingest(_write(folder, "repeats.jsonl.gz", gzipped(b"", jsonl([{"text": news(4)}]) + b"\n", 1_000_000)))


def _link(target: str, name: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        (folder / name).symlink_to(target)
        return _ingest(name)

    return make


def _glob_loop(folder: Path) -> list[str]:
    (folder / "dir" / "sub").mkdir(parents=True)
    (folder / "dir" / "sub" / "a.jsonl").write_bytes(jsonl([{"text": news(5)}]))
    (folder / "dir" / "sub" / "up").symlink_to("..")
    (folder / "dir" / "again").symlink_to(folder / "dir")
    return _ingest("dir/**/*.jsonl")


def _fifo(folder: Path) -> list[str]:
    os.mkfifo(folder / "pipe.jsonl")
    return _ingest("pipe.jsonl", "*.jsonl")


def _two_names(folder: Path) -> list[str]:
    """A first ingest holds the store through its link while the measured one writes through its own name."""
    subprocess.run([*TINKUY, "ingest", "good.jsonl", "--db", "store.duckdb"], cwd=folder, check=True)
    (folder / "link.duckdb").symlink_to("store.duckdb")
    (folder / "more.jsonl").write_bytes(jsonl([{"text": news(6 + n)} for n in range(40)]))
    tinkuy = " ".join(TINKUY)
    both = f"{tinkuy} ingest more.jsonl --db link.duckdb & sleep 4; {tinkuy} ingest good.jsonl --db store.duckdb; s=$?; wait; exit $s"
    return ["sh", "-c", both]


def _non_utf8_name(folder: Path) -> list[str]:
    (folder / os.fsdecode(b"caf\xe9.txt")).write_bytes(news(8).encode())
    return _ingest(os.fsdecode(b"caf\xe9.txt"))


CASES = [
    Case("baseline", "nothing else: the two good records alone", lambda f: _ingest()),
    Case("far-dates", "records dated 0001-01-01 and 9999-12-31", lambda f: _ingest(_write(f, "far.jsonl", jsonl([{"text": news(9), "date": "0001-01-01"}, {"text": news(10), "date": "9999-12-31"}])))),
    Case("series-request", "`GET /api/series?by=day&start=0001-01-01&end=9999-12-31`", _request("by=day&start=0001-01-01&end=9999-12-31"), (0,), False),
    Case("series-data", "`GET /api/series?by=day` on events 1900 to 2030", _request("by=day"), (0,), False),
    Case("dyad-by-day", "`tinkuy dyad ECU PER --by day` on events 1900 to 2030", _command("dyad", "ECU", "PER", "--by", "day", "--db", "store.duckdb"), (2,), False),
    Case("report-by-day", "`tinkuy report --by day` on events 1900 to 2030", _command("report", "--by", "day", "--db", "store.duckdb", "-o", "r.html"), (2,), False),
    Case("surrogate", 'a record `{"text": "Cuba condemned the sanctions.\\ud800"}`', lambda f: _ingest(_write(f, "s.jsonl", b'{"text": "Cuba condemned the sanctions.\\ud800"}\n'))),
    Case("non-utf8-name", "a file named `caf\\xe9.txt`", _non_utf8_name),
    Case("parquet-dates", "Parquet date32 and timestamp past the year 9999", lambda f: _ingest(_write(f, "d.parquet", parquet({"text": [news(11), news(12)], "date": pa.array([3_000_000, -800_000], pa.date32())})))),
    Case("gzip-body", "a WARC page whose gzip body decodes to 2 GB", lambda f: _ingest(_write(f, "bomb.warc.gz", warc([page(news(13), 0), gzipped(b"<html><body><p>", b"a " * 500_000, 2_000)], {1: "gzip"})))),
    Case("dev-zero", "a `.txt` that is a link to `/dev/zero`", _link("/dev/zero", "zero.txt")),
    Case("dev-urandom", "an `.html` that is a link to `/dev/urandom`", _link("/dev/urandom", "random.html")),
    Case("flat-tables", "a 9 MB page of flat tables", lambda f: _ingest(_write(f, "tables.html", flat_tables(56_000)))),
    Case("glob-loop", "a link loop under `'dir/**/*.jsonl'`", _glob_loop),
    Case("fifo", "a FIFO named directly and matched by a glob", _fifo),
    Case("two-names", "two ingests through a `--db` link and its file", _two_names, (1,)),
    Case("junk-first", "a junk page, then a clean copy of its story", lambda f: _ingest(_write(f, "j.jsonl", jsonl([{"text": junk(news(14))}, {"text": news(14)}])))),
    Case("junk-second", "a clean story, then a junk copy of it", lambda f: _ingest(_write(f, "j.jsonl", jsonl([{"text": news(15)}, {"text": junk(news(15))}])))),
    Case("repeats", "1M identical records in a `.jsonl.gz`", _repeats),
    Case("blank-lines", "2 GiB of blank lines in a 2 MB `.gz`", _blank),
    Case("limit", "`tinkuy dyad --timeline --limit -1`", _command("dyad", "ECU", "PER", "--timeline", "--limit", "-1", "--db", "store.duckdb"), (2,), False),
    Case("events", "`tinkuy report --events -1`", _command("report", "--events", "-1", "--db", "store.duckdb", "-o", "r.html"), (2,), False),
    Case("window", "`tinkuy dedup --window 99999999999`", _command("dedup", "--window", "99999999999", "--db", "store.duckdb"), (2,), False),
    Case("top", "`tinkuy actors --top 0`", _command("actors", "--top", "0", "--db", "store.duckdb"), (2,), False),
    Case("unknown-actor", "`tinkuy dyad ECU XYZ` (no actor XYZ in the store)", _command("dyad", "ECU", "XYZ", "--db", "store.duckdb"), (2,), False),
    Case("invisible", "a text of only zero-width and direction characters", lambda f: _ingest(_write(f, "i.txt", ("\u200b\u200e\u202e\u2066\ufeff" * 5_000).encode()))),
    Case("one-sentence", "one sentence of 299,000 characters", lambda f: _ingest(_write(f, "one.txt", (" ".join(["Quito", "Lima", "and", "the"] * 40_000)).encode()[:299_000]))),
]  # fmt: skip


@dataclasses.dataclass
class Outcome:
    case: Case
    status: int
    seconds: float
    cpu: float
    megabytes: float
    good: bool
    traceback: bool
    said: str

    @property
    def met(self) -> bool:
        return (
            self.status in self.case.expected
            and self.good
            and not self.traceback
            and self.cpu < SECONDS
            and self.megabytes < MEGABYTES
        )


def run(case: Case, scratch: Path) -> Outcome:
    """Make the case's inputs in a folder of its own, run its command under /usr/bin/time -v, and check the store."""
    folder = scratch / case.name
    folder.mkdir()
    (folder / "good.jsonl").write_bytes(jsonl(GOOD))
    command = case.make(folder)
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *command], cwd=folder, capture_output=True, text=True, errors="replace")
    seconds = time.perf_counter() - started
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1)) / 1024  # type: ignore[union-attr]
    status = int(re.search(r"Exit status: (\d+)", done.stderr).group(1))  # type: ignore[union-attr]
    cpu = sum(float(t) for t in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", done.stderr))
    said = _said(done.stdout + done.stderr)
    return Outcome(case, status, seconds, cpu, peak, _good_in_store(folder, case.ingest), "Traceback" in done.stderr, said)


def _good_in_store(folder: Path, ingest: bool) -> bool:
    """Whether the store opens and holds the two good records (for the commands that ingest)."""
    if not (folder / "store.duckdb").exists():
        return not ingest
    with Store(folder / "store.duckdb", read_only=True) as store:
        found = {row[0] for row in store.connection.execute("SELECT doc_id FROM articles").fetchall()}
        return {"good-1", "good-2"} <= found


def _said(output: str) -> str:
    """What the command told its user: the rejection reasons of its summary, or its message."""
    reasons = re.findall(r"^  (\w+): (\d+)$", output, re.MULTILINE)
    if reasons:
        return ", ".join(f"{reason} {count}" for reason, count in reasons)
    lines = [line for line in output.splitlines() if line.strip() and not line.startswith(("\t", "Command being timed"))]
    counted = [line for line in lines if line.startswith(("articles coded", "already stored"))]
    if counted:
        return ", ".join(counted)
    message = next((line for line in lines if "error:" in line), None) or next(
        (line for line in lines if line.startswith(("tinkuy", "422"))), lines[0] if lines else ""
    )
    return message.replace("|", "\\|")[:160]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="CASE", help=f"cases to run: {', '.join(c.name for c in CASES)}")
    parser.add_argument("--no-write", action="store_true", help="print the table without writing it into docs/reliability.md")
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="tinkuy-hostile-"))
    outcomes = []
    try:
        for case in (c for c in CASES if not options.only or c.name in options.only):
            outcomes.append(run(case, scratch))
            found = outcomes[-1]
            print(
                f"{case.name}: exit {found.status}, {found.seconds:.1f} s ({found.cpu:.1f} s CPU), {found.megabytes:.0f} MB, {found.said}",
                file=sys.stderr,
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    rows = [
        [
            o.case.what,
            o.status,
            o.said,
            f"{o.cpu:.1f} s",
            f"{o.seconds:.1f} s",
            f"{o.megabytes:,.0f} MB",
            "yes" if o.met else "**no**",
        ]
        for o in outcomes
    ]
    markdown = "\n\n".join(
        [
            f"Measured by `python bench/hostile.py` on {dt.date.today()}, {machine()}, while other work kept both cores"
            " busy: the wall times are stretched by it, so a case is judged on its CPU time (user and system, which"
            " includes loading the model); the first row, the good records alone, is the floor.",
            table(
                ["input (beside two good records)", "exit", "what it said", "CPU time", "wall time", "peak memory", "met"], rows
            ),
        ]
    )
    print(markdown)
    if not options.no_write:
        write_section("hostile", markdown, RELIABILITY)


if __name__ == "__main__":
    main()

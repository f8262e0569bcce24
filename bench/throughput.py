"""Throughput and memory of coding, against the spaCy parse alone, on a generated news corpus.

    python bench/throughput.py                       # 5,000 articles; 20,000 for memory; writes docs/benchmarks.md
    python bench/throughput.py --articles 500 --memory-articles 1000 --no-write    # a quick look

In one run, on the same texts (``bench/corpus.py``):

- ``tinkuy code`` end to end, as a command (start-up, reading, cleaning,
  near-duplicates, parsing, coding, writing JSON Lines), with 1 and 2 processes;
- the limit it is measured against: the same spaCy model with the same pipes
  (``tinkuy.nlp.load_model``) and batch size running ``nlp.pipe`` and nothing
  else, in as many fresh processes, each parsing its share of the texts (our
  own split: spaCy's ``n_process=2`` would also ship every parsed Doc back to
  the parent, a cost the limit should not carry). It parses either the input
  texts as they are (what the issue names as the limit) or only the texts the
  pipeline parses (cleaned, near-duplicates left out: the pipeline's own
  overhead). Every command is timed from its start to its end, model loading
  included, in wall time and in CPU time (all its processes together; the CPU
  ratio does not move when other work shares the machine);
- the peak resident memory of all processes together while ``tinkuy ingest
  --processes 2`` codes the larger corpus into a store, sampled every 0.2 s,
  and that peak over the first and the second half of the run (flat memory
  means the second is no higher than the first);
- where the time goes, stage by stage, in one process.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import html_page, write_corpus  # noqa: E402
from bench.report import machine, table, write_section  # noqa: E402
from tinkuy.coding.extract import Coder  # noqa: E402
from tinkuy.errors import InputError  # noqa: E402
from tinkuy.event_records import event_to_dict  # noqa: E402
from tinkuy.ingest import read_paths  # noqa: E402
from tinkuy.ingest.html import article_from_html  # noqa: E402
from tinkuy.model import Article  # noqa: E402
from tinkuy.neardup import DEFAULT  # noqa: E402
from tinkuy.nlp import SpacyParser, load_model  # noqa: E402
from tinkuy.pipeline import Pipeline  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def parsed_texts(corpus: Path, pipeline: Pipeline) -> list[str]:
    """The texts ``tinkuy code`` hands to the parser: prepared articles, near-duplicates left out."""
    index = DEFAULT.index()
    texts = []
    for item in read_paths([corpus]):
        if not isinstance(item, Article):
            continue
        try:
            article = pipeline.prepare(item)
        except InputError:
            continue
        if index.original_of(article) is None:
            texts.append(article.text)
    return texts


def parse_share(texts_file: Path, share: int, shares: int) -> None:
    """One process of the baseline: load the model, parse every ``shares``-th text from ``share``, keep nothing."""
    texts = json.loads(texts_file.read_text(encoding="utf-8"))[share::shares]
    nlp = load_model()
    for _doc in nlp.pipe(texts, batch_size=SpacyParser().batch_size):
        pass


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float
    """User and system time of every process of the command."""
    load: float
    """The machine's load average over the minute before the command ended."""


def timed(commands: Sequence[Sequence[str]]) -> Timing:
    """Wall and CPU time of commands started together, until the last one ends."""
    start = time.perf_counter()
    running = [subprocess.Popen(c, env=ENV, stdout=subprocess.DEVNULL) for c in commands]
    with Sampler([p.pid for p in running]) as sampler:
        if any(p.wait() for p in running):
            raise SystemExit(f"a benchmark command failed: {commands}")
    return Timing(time.perf_counter() - start, sampler.cpu(), os.getloadavg()[0])


def parse_alone(texts_file: Path, processes: int) -> Timing:
    command = [PYTHON, __file__, "--parse-share", str(texts_file)]
    return timed([[*command, str(share), str(processes)] for share in range(processes)])


def end_to_end(corpus: Path, out: Path, processes: int) -> Timing:
    return timed([[PYTHON, "-m", "tinkuy", "code", str(corpus), "-o", str(out), "--processes", str(processes)]])


class Sampler:
    """Samples, in a thread, the processes started as ``pids`` and all their descendants: the sum of
    their resident memory, and the CPU time of each (its last value before it ended)."""

    def __init__(self, pids: Sequence[int], every: float = 0.1) -> None:
        self.roots = [psutil.Process(pid) for pid in pids]
        self.every = every
        self.samples: list[tuple[float, int]] = []
        self.cpu_times: dict[int, float] = {}
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.stopped = threading.Event()

    def _sample(self) -> None:
        start = time.perf_counter()
        while not self.stopped.wait(self.every):
            tree = [p for root in self.roots for p in (root, *_children(root))]
            rss = 0
            for process in tree:
                with contextlib.suppress(psutil.NoSuchProcess, psutil.ZombieProcess):
                    rss += process.memory_info().rss
                    times = process.cpu_times()
                    self.cpu_times[process.pid] = times.user + times.system
            self.samples.append((time.perf_counter() - start, rss))

    def __enter__(self) -> Sampler:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stopped.set()
        self.thread.join()

    def cpu(self) -> float:
        return sum(self.cpu_times.values())

    def peaks(self) -> tuple[int, int, int]:
        """Peak over the whole run, over its first half and over its second half."""
        end = self.samples[-1][0]
        first = [rss for t, rss in self.samples if t <= end / 2]
        second = [rss for t, rss in self.samples if t > end / 2]
        return max(first + second), max(first), max(second)


def _children(process: psutil.Process) -> list[psutil.Process]:
    try:
        return list(process.children(recursive=True))
    except psutil.NoSuchProcess:
        return []


def memory(corpus: Path, db: Path, processes: int) -> tuple[float, tuple[int, int, int]]:
    command = [PYTHON, "-m", "tinkuy", "ingest", str(corpus), "--db", str(db), "--processes", str(processes)]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL)
    with Sampler([process.pid]) as sampler:
        if process.wait():
            raise SystemExit(f"{command} failed")
    return time.perf_counter() - start, sampler.peaks()


def stages(corpus: Path, pipeline: Pipeline, count: int) -> list[tuple[str, float]]:
    """Seconds spent in each stage, in one process, on the first ``count`` articles."""
    times: list[tuple[str, float]] = []

    def clock(name: str, work: Callable[[], list[Any]]) -> list[Any]:
        start = time.perf_counter()
        result = work()
        times.append((name, time.perf_counter() - start))
        return result

    items = clock("reading JSON Lines", lambda: list(itertools.islice(read_paths([corpus]), count)))
    articles = [a for a in items if isinstance(a, Article)]
    index = DEFAULT.index()
    prepared = clock("preparing (cleaning, language, genre)", lambda: [pipeline.prepare(a) for a in articles])
    clock("near-duplicates (MinHash, LSH)", lambda: [index.original_of(a) for a in prepared])
    docs = clock("parsing (spaCy)", lambda: list(pipeline.parser.pipe(a.text for a in prepared)))
    coder = Coder(pipeline.knowledge)
    coded = clock("coding (actors, events)", lambda: [coder.code(a, d) for a, d in zip(prepared, docs, strict=True)])
    clock("event records to JSON", lambda: [json.dumps(event_to_dict(e)) for c in coded for e in c.events])
    return times


def extraction(corpus: Path, count: int) -> tuple[int, float]:
    """Mean size and seconds per page of extracting articles from HTML pages (``.html`` and WARC input)."""
    records = [json.loads(line) for line in itertools.islice(corpus.open(encoding="utf-8"), count)]
    pages = [html_page(r) for r in records]
    start = time.perf_counter()
    for number, page in enumerate(pages):
        list(article_from_html(page, doc_id=str(number), origin=str(number)))
    return sum(map(len, pages)) // len(pages), (time.perf_counter() - start) / len(pages)


def main() -> None:
    options = _options()
    if options.parse_share:
        parse_share(Path(options.parse_share[0]), int(options.parse_share[1]), int(options.parse_share[2]))
        return
    pipeline = Pipeline()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        corpus = work / "corpus.jsonl"
        words = write_corpus(corpus, options.articles)
        inputs, parsed = work / "inputs.json", work / "parsed.json"
        inputs.write_text(json.dumps([json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]), encoding="utf-8")
        texts = parsed_texts(corpus, pipeline)
        parsed.write_text(json.dumps(texts), encoding="utf-8")
        rows = []
        for processes in options.processes:
            timings = (
                parse_alone(inputs, processes),
                parse_alone(parsed, processes),
                end_to_end(corpus, work / "out.jsonl", processes),
            )
            rows.append((processes, *timings))
            print(processes, timings, file=sys.stderr)
        big = work / "big.jsonl"
        big_words = write_corpus(big, options.memory_articles)
        seconds, peaks = memory(big, work / "store.duckdb", 2)
        breakdown = stages(corpus, pipeline, min(options.articles, 1000))
        html = extraction(corpus, min(options.articles, 100))
    markdown = _report(options, words, len(texts), rows, (big_words, seconds, *peaks), breakdown, html)
    print(markdown)
    if not options.no_write:
        write_section("throughput", markdown)


def _report(
    options: argparse.Namespace,
    words: int,
    parsed: int,
    rows: list[tuple[int, Timing, Timing, Timing]],
    big: tuple[int, float, int, int, int],
    breakdown: list[tuple[str, float]],
    html: tuple[int, float],
) -> str:
    big_words, seconds, peak, first, second = big
    total = sum(t for _, t in breakdown)
    articles = options.articles
    speed = [
        [n, f"{i.wall:.1f} s", f"{words / i.wall:,.0f}", f"{p.wall:.1f} s", f"{words / p.wall:,.0f}", f"{c.wall:.1f} s",
         f"{words / c.wall:,.0f}", f"{articles / c.wall:,.1f}", f"**{i.wall / c.wall:.2f}**", f"{p.wall / c.wall:.2f}"]
        for n, i, p, c in rows
    ]  # fmt: skip
    cpu = [
        [n, f"{i.cpu:.1f} s", f"{p.cpu:.1f} s", f"{c.cpu:.1f} s", f"{words / c.cpu:,.0f}", f"**{i.cpu / c.cpu:.2f}**",
         f"{p.cpu / c.cpu:.2f}", f"{max(i.load, p.load, c.load):.1f}"]
        for n, i, p, c in rows
    ]  # fmt: skip
    mb = 1024 * 1024
    return "\n\n".join(
        [
            "## Throughput (`python bench/throughput.py`)",
            f"{articles:,} generated articles ({words:,} words; `bench/corpus.py`, 10% of them wire copies) on {machine()}. "
            f"After cleaning and near-duplicate detection the pipeline parses {parsed:,} of them. Words and articles per "
            "second count the input on every side. *Parse input* is `nlp.pipe` with tinkuy's model, pipes and batch size on "
            "the input texts as they are, the limit the issue sets; *parse coded* is the same on the texts the pipeline "
            "parses (cleaned, near-duplicates left out), so the last column is the pipeline's own overhead. Each is split "
            "over fresh processes; `tinkuy code` is the whole command writing JSON Lines. Every time runs from process "
            "start to end, model loading included.",
            table(
                [
                    "processes",
                    "parse input",
                    "words/s",
                    "parse coded",
                    "words/s",
                    "`tinkuy code`",
                    "words/s",
                    "articles/s",
                    "code / parse input",
                    "code / parse coded",
                ],
                speed,
            ),  # fmt: skip
            "The same runs in CPU time (user and system, of every process of the command), which other work on the "
            "machine does not stretch as it stretches wall time; the last column is the highest one-minute load average "
            "seen at the end of the three commands (2 cores: above 2, other work was competing for them):",
            table(
                [
                    "processes",
                    "parse input",
                    "parse coded",
                    "`tinkuy code`",
                    "words per CPU second",
                    "code / parse input",
                    "code / parse coded",
                    "load",
                ],
                cpu,
            ),  # fmt: skip
            f"Memory: `tinkuy ingest --processes 2` coded {options.memory_articles:,} articles ({big_words:,} words) into a "
            f"new store in {seconds:.0f} s; peak resident memory of all its processes together **{peak / mb:,.0f} MB** "
            f"(peak over the first half of the run {first / mb:,.0f} MB, over the second half {second / mb:,.0f} MB).",
            f"Where the time goes, in one process, on the first {min(articles, 1000):,} articles:",
            table(["stage", "seconds", "share"], [[name, f"{t:.2f}", f"{t / total:.0%}"] for name, t in breakdown]),
            f"HTML input (`.html`, WARC) adds the article extractor before all this: **{html[1] * 1000:.0f} ms per page** "
            f"on pages of {html[0] / 1024:.0f} KB (`bench.corpus.html_page`: the same articles inside a news site's "
            "navigation, styles and scripts), against "
            f"{next(t for name, t in breakdown if name.startswith('parsing')) / min(articles, 1000) * 1000:.0f} ms to parse "
            "an article.",
        ]
    )


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--memory-articles", type=int, default=20_000)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-write", action="store_true", help="print the figures without writing docs/benchmarks.md")
    parser.add_argument("--parse-share", nargs=3, metavar=("TEXTS", "SHARE", "SHARES"), help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    main()

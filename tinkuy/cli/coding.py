"""The commands that code articles and keep their events: code, ingest, export, demo, dedup."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import IO

from .. import api
from ..datafiles import data_path
from ..dedup import MAX_WINDOW_DAYS, WINDOW_DAYS
from ..event_records import event_to_dict
from ..exports import FORMATS as EXPORT_FORMATS
from ..exports import TABLES
from ..limits import DEFAULT_LIMITS, Limits
from ..model import CodedArticle
from ..neardup import MAX_THRESHOLD, NearDuplicates
from ..runners import Runner, Summary
from ..runners.local import LocalRunner
from ..writers import FORMATS, event_writer
from .common import EXIT_OK, EXIT_REJECTED, Handler, dictionaries, languages, positive, publication_day, wanted
from .filters import filter_options, filters_from

log = logging.getLogger("tinkuy")

MAX_PROCESSES = 256
"""The most worker processes one run may ask for."""


class Progress:
    """A one-line count of a run's articles, events and rejections on stderr, redrawn in place."""

    def __init__(self, enabled: bool, stream: IO[str] | None = None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr

    def show(self, summary: Summary) -> None:
        if self.enabled:
            self.stream.write(f"\r{summary.articles} articles, {summary.events} events, {summary.rejected} rejected")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\n")


def print_summary(summary: Summary, stream: IO[str] | None = None) -> None:
    lines = [f"articles coded: {summary.articles}"]
    if summary.skipped:
        lines.append(f"already stored, skipped: {summary.skipped}")
    lines.append(f"events found: {summary.events}")
    lines.append(f"rejected: {summary.rejected}")
    lines += [f"  {reason}: {count}" for reason, count in summary.rejections.most_common()]
    lines += [f"    {r.origin}: {r.detail}" for r in summary.examples]
    (stream or sys.stderr).write("\n".join(lines) + "\n")


def exit_status(summary: Summary) -> int:
    return EXIT_REJECTED if summary.rejected else EXIT_OK


def code_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("paths", nargs="+", help=".txt, .html, .jsonl, .csv files, folders (recursive) or globs")
    sub.add_argument("--format", choices=FORMATS, default="jsonl")
    sub.add_argument("-o", "--output", help="write events to this file instead of stdout")
    coding_options(sub)


def run_code(options: argparse.Namespace) -> int:
    progress = Progress(wanted(options.progress))
    summary = Summary()
    with event_writer(options.format, options.output) as writer:
        try:
            pipeline = api.make_pipeline(options.actors, options.date, _limits(options), options.language)
            runner = LocalRunner(options.processes)
            for result in api.code_paths(options.paths, pipeline=pipeline, runner=runner, near_duplicates=_near(options)):
                summary.add(result)
                progress.show(summary)
                if isinstance(result, CodedArticle):
                    writer.write(event_to_dict(e) for e in result.events)
                else:
                    log.warning("rejected %s (%s): %s", result.origin, result.reason, result.detail)
        finally:
            progress.done()
    if wanted(options.summary):
        print_summary(summary)
    return exit_status(summary)


def ingest_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("paths", nargs="+")
    sub.add_argument("--db", required=True, help="the DuckDB database file")
    sub.add_argument(
        "--commit-every", type=positive(int, 1_000_000), default=64, metavar="N", help="articles per transaction (default 64)"
    )
    sub.add_argument("--runner", choices=("local", "dask"), default="local", help="where to code (default local)")
    sub.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: start a local cluster)")
    sub.add_argument(
        "--partitions",
        type=positive(int, 1_000_000),
        metavar="N",
        help="Dask: split the input files into N parts (default one per file)",
    )
    sub.add_argument(
        "--work",
        metavar="DIR",
        help="Dask: folder for the partitions' Parquet output (default DB.next.parts)",
    )
    coding_options(sub)


def run_ingest(options: argparse.Namespace) -> int:
    progress = Progress(wanted(options.progress))
    try:
        pipeline = api.make_pipeline(options.actors, options.date, _limits(options), options.language)
        runner = _runner(options)
        summary = api.ingest(options.paths, options.db, pipeline, runner, _near(options), progress=progress.show)
    finally:
        progress.done()
    if wanted(options.summary):
        print_summary(summary)
    return exit_status(summary)


def _runner(options: argparse.Namespace) -> Runner:
    if options.runner == "dask":
        from ..runners.dask import DaskRunner  # imported here: loading Dask costs a second that other runs need not pay

        return DaskRunner(options.scheduler, options.processes, options.partitions, options.work)
    return LocalRunner(options.processes, options.commit_every)


def coding_options(sub: argparse.ArgumentParser) -> None:
    """The options of the commands that code: dictionaries, date, output on stderr, processes, near-duplicates, limits."""
    dictionaries(sub)
    languages(sub)
    sub.add_argument("--date", type=publication_day, help="publication date (YYYY-MM-DD) to assume for articles that state none")
    sub.add_argument("--progress", action="store_true", help="show progress on stderr even when it is not a terminal")
    sub.add_argument("--summary", action="store_true", help="print the summary on stderr even when it is not a terminal")
    sub.add_argument(
        "--processes",
        type=positive(int, MAX_PROCESSES),
        default=1,
        metavar="N",
        help="worker processes coding in parallel (default 1)",
    )
    sub.add_argument(
        "--no-near-duplicates", action="store_true", help="code every article, even a near-copy of one already coded"
    )
    sub.add_argument(
        "--similarity",
        type=positive(float, MAX_THRESHOLD),
        default=NearDuplicates.threshold,
        metavar="J",
        help=f"estimated Jaccard similarity from which an article is a near-duplicate (default {NearDuplicates.threshold})",
    )

    limits = sub.add_argument_group("limits on one article (an article over them is rejected)")
    for name, kind, most, unit in (
        ("bytes", int, 10**12, "bytes as read"),
        ("chars", int, 10**12, "characters of text"),
        ("seconds", float, 86_400.0, "seconds extracting a page, and seconds coding"),
    ):
        default = getattr(DEFAULT_LIMITS, f"max_{name}")
        limits.add_argument(
            f"--max-{name}", type=positive(kind, most), default=default, metavar="N", help=f"{unit} (default {default:,})"
        )


def _limits(options: argparse.Namespace) -> Limits:
    return Limits(max_bytes=options.max_bytes, max_chars=options.max_chars, max_seconds=options.max_seconds)


def _near(options: argparse.Namespace) -> NearDuplicates | None:
    return None if options.no_near_duplicates else NearDuplicates(threshold=options.similarity)


def export_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--db", required=True)
    sub.add_argument(
        "--table",
        choices=TABLES,
        default="mentions",
        help="merged events (with corroboration, outlets, first and last dates), mentions (event records), "
        "or the articles that hold them (default mentions)",
    )
    sub.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="jsonl",
        help="jsonl, csv, parquet, or geojson: the located events of the merged or mentions table as points (default jsonl)",
    )
    sub.add_argument("-o", "--output", help="output file (required for parquet); default stdout")
    filter_options(sub, modality="any")


def run_export(options: argparse.Namespace) -> int:
    count = api.export(options.db, options.format, path=options.output, table=options.table, filters=filters_from(options))
    log.info("exported %d rows of %s", count, options.table)
    return EXIT_OK


def demo_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--out", default="tinkuy-demo", help="folder for the demo database and outputs")


def run_demo(options: argparse.Namespace) -> int:
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    db = out / "tinkuy-demo.duckdb"
    corpus = data_path("demo")
    print(f"coding the demo corpus in {corpus} into {db}", file=sys.stderr)
    summary = api.ingest([corpus], db)
    events_file = out / "events.jsonl"
    count = api.export(db, "jsonl", path=str(events_file))
    print_summary(summary)
    print(f"{count} events in the store, written to {events_file}", file=sys.stderr)
    report = api.report(db, out / "report.html", title="tinkuy demo")
    print(f"open the report in a browser, or explore the events with: tinkuy serve --db {db}", file=sys.stderr)
    print(report)
    return EXIT_OK


def dedup_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--db", required=True, help="the DuckDB database file")
    sub.add_argument(
        "--window",
        type=positive(int, MAX_WINDOW_DAYS),
        default=WINDOW_DAYS,
        metavar="DAYS",
        help=f"days the stated dates of one event may span (default {WINDOW_DAYS}: the same day; at most {MAX_WINDOW_DAYS})",
    )


def run_dedup(options: argparse.Namespace) -> int:
    done = api.dedup(options.db, options.window)
    print(f"{done.mentions} mentions merged into {done.events} events", file=sys.stderr)
    return EXIT_OK


HANDLERS = {
    "code": Handler(code_arguments, run_code),
    "ingest": Handler(ingest_arguments, run_ingest),
    "export": Handler(export_arguments, run_export),
    "demo": Handler(demo_arguments, run_demo),
    "dedup": Handler(dedup_arguments, run_dedup),
}

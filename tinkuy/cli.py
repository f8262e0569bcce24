"""The ``tinkuy`` command: thin commands over the library.

Data (events) goes to stdout; progress and summaries go to stderr, and only
when stderr is a terminal unless asked for with ``--progress``/``--summary``.

Exit status: 0 all went well; 1 the run failed (a bug, a database error);
2 a usage error; 3 the run completed but some inputs were rejected.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, get_args

from . import api
from .analysis import LEVELS, PERIODS, UNITS, EventSummary, Filters, jsonable
from .datafiles import data_path
from .dedup import WINDOW_DAYS
from .errors import TinkuyError, UsageError
from .event_records import event_to_dict
from .limits import DEFAULT_LIMITS, Limits
from .model import CodedArticle, Modality
from .neardup import NearDuplicates
from .pipeline import Result
from .report import MAX_EVENTS
from .writers import FORMATS, open_writer

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3
log = logging.getLogger("tinkuy")


class Progress:
    """A one-line counter on stderr, redrawn in place."""

    def __init__(self, enabled: bool, stream: IO[str] | None = None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.summary = api.Summary()

    def __call__(self, result: Result) -> None:
        self.summary.add(result)
        if self.enabled:
            s = self.summary
            self.stream.write(f"\r{s.articles} articles, {s.events} events, {s.rejected} rejected")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\n")


def _wanted(flag: bool) -> bool:
    return flag or sys.stderr.isatty()


def print_summary(summary: api.Summary, stream: IO[str] | None = None) -> None:
    lines = [f"articles coded: {summary.articles}"]
    if summary.skipped:
        lines.append(f"already stored, skipped: {summary.skipped}")
    lines.append(f"events found: {summary.events}")
    lines.append(f"rejected: {summary.rejected}")
    lines += [f"  {reason}: {count}" for reason, count in summary.rejections.most_common()]
    lines += [f"    {r.origin}: {r.detail}" for r in summary.examples]
    (stream or sys.stderr).write("\n".join(lines) + "\n")


def _exit_status(summary: api.Summary) -> int:
    return EXIT_REJECTED if summary.rejected else EXIT_OK


def cmd_code(options: argparse.Namespace) -> int:
    progress = Progress(_wanted(options.progress))
    with contextlib.ExitStack() as stack:
        stream = (
            stack.enter_context(open(options.output, "w", encoding="utf-8", newline=""))
            if options.output and options.format != "parquet"
            else None
        )
        writer = open_writer(options.format, stream or sys.stdout, options.output)
        stack.callback(progress.done)
        stack.callback(writer.close)
        pipeline = api.make_pipeline(options.actors, options.date, _limits(options))
        results = api.code_paths(options.paths, pipeline=pipeline, processes=options.processes, near_duplicates=_near(options))
        for result in results:
            progress(result)
            if isinstance(result, CodedArticle):
                writer.write(event_to_dict(e) for e in result.events)
            else:
                log.warning("rejected %s (%s): %s", result.origin, result.reason, result.detail)
    if _wanted(options.summary):
        print_summary(progress.summary)
    return _exit_status(progress.summary)


def cmd_ingest(options: argparse.Namespace) -> int:
    progress = Progress(_wanted(options.progress))
    try:
        pipeline = api.make_pipeline(options.actors, options.date, _limits(options))
        summary = api.ingest(
            options.paths,
            options.db,
            pipeline=pipeline,
            commit_every=options.commit_every,
            on_result=progress,
            processes=options.processes,
            near_duplicates=_near(options),
            runner=options.runner,
            scheduler=options.scheduler,
            partitions=options.partitions,
            work=options.work,
        )
    finally:
        progress.done()
    if _wanted(options.summary):
        print_summary(summary)
    return _exit_status(summary)


def _limits(options: argparse.Namespace) -> Limits:
    return Limits(max_bytes=options.max_bytes, max_chars=options.max_chars, max_seconds=options.max_seconds)


def _positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    """An argparse type: a number of ``kind`` above zero."""

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text} must be above zero")
        return value

    return parse


def _near(options: argparse.Namespace) -> NearDuplicates | None:
    return None if options.no_near_duplicates else NearDuplicates(threshold=options.similarity)


def cmd_export(options: argparse.Namespace) -> int:
    count = api.export(options.db, options.format, path=options.output)
    log.info("exported %d events", count)
    return EXIT_OK


def cmd_eval(options: argparse.Namespace) -> int:
    evaluation = api.evaluate_gold(options.gold, pipeline=api.make_pipeline(options.actors))
    if options.json:
        print(json.dumps(evaluation.as_dict(with_errors=options.errors), indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"records scored: {evaluation.records}")
    print(f"{'level':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'found':>6} {'gold':>6}")
    for name, counts in evaluation.levels.items():
        found = counts.true_positives + counts.false_positives
        gold = counts.true_positives + counts.false_negatives
        print(f"{name:<10} {counts.precision:>9.3f} {counts.recall:>7.3f} {counts.f1:>6.3f} {found:>6} {gold:>6}")
    print("root  missed  spurious   (root code with dyad)")
    for root in sorted(set(evaluation.missed) | set(evaluation.spurious)):
        print(f"{root:<5} {evaluation.missed[root]:>6} {evaluation.spurious[root]:>9}")
    if options.errors:
        for error in evaluation.errors:
            rule = f"  rule: {error.rule}" if error.rule else ""
            print(f"\n{error.kind} [{error.record}] {error.source} -{error.code}-> {error.target}{rule}\n  {error.sentence}")
    return EXIT_OK


def cmd_dictionary_import(options: argparse.Namespace) -> int:
    count = api.import_people(options.dictionaries, options.output, until=options.until)
    print(f"{count} rows written to {options.output}", file=sys.stderr)
    return EXIT_OK


def cmd_info(options: argparse.Namespace) -> int:
    details = api.info()
    if options.json:
        print(json.dumps(details, indent=2))
        return EXIT_OK
    model = details["model"]
    print(f"tinkuy {details['tinkuy']} (Python {details['python']}, DuckDB {details['duckdb']}, spaCy {model['spacy']})")
    print(f"model: {model['model']} {model['version']}, pipes: {', '.join(model['pipes'])}")
    print("dictionaries:")
    for name, size in details["dictionaries"].items():
        print(f"  {name}: {size}")
    return EXIT_OK


def cmd_demo(options: argparse.Namespace) -> int:
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    db = out / "tinkuy-demo.duckdb"
    corpus = data_path("demo")
    print(f"coding the demo corpus in {corpus} into {db}", file=sys.stderr)
    summary = api.ingest([corpus], db, on_result=Progress(False))
    events_file = out / "events.jsonl"
    count = api.export(db, "jsonl", path=str(events_file))
    print_summary(summary)
    print(f"{count} events in the store, written to {events_file}", file=sys.stderr)
    report = api.report(db, out / "report.html", title="tinkuy demo")
    print(f"open the report in a browser, or explore the events with: tinkuy serve --db {db}", file=sys.stderr)
    print(report)
    return EXIT_OK


def _filters(options: argparse.Namespace) -> Filters:
    return Filters(
        start=api.parse_day(options.start),
        end=api.parse_day(options.end),
        modality=None if options.modality == "any" else options.modality,
    )


def _print_rows(rows: Sequence[dict[str, Any]], format: str) -> None:
    """Rows on stdout, as an aligned table or as CSV."""
    if format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows({k: "|".join(v) if isinstance(v, list) else v for k, v in row.items()} for row in rows)
        return
    cells = [[_cell(v) for v in row.values()] for row in rows]
    header = list(rows[0]) if rows else []
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header)]
    for line in [header, *cells]:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths, strict=True))))


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def cmd_dedup(options: argparse.Namespace) -> int:
    done = api.dedup(options.db, options.window)
    print(f"{done.mentions} mentions merged into {done.events} events", file=sys.stderr)
    return EXIT_OK


def cmd_dyad(options: argparse.Namespace) -> int:
    a, b, filters = options.a, options.b, _filters(options)
    if options.timeline:
        _print_timeline(api.dyad_timeline(options.db, a, b, filters, options.limit), options.format)
        return EXIT_OK
    series = api.dyad_series(options.db, a, b, options.by, options.unit, filters, options.directed)
    if options.format == "json":
        print(json.dumps(jsonable(series), indent=2))
    else:
        _print_rows([jsonable(p) for p in series.points], options.format)
    return EXIT_OK


def _print_timeline(events: Sequence[EventSummary], format: str) -> None:
    """Key events: each with its sentence as a table, or as JSON, or as CSV rows with the lead sentence."""
    if format == "json":
        print(json.dumps(jsonable(events), indent=2, ensure_ascii=False))
        return
    if format == "csv":
        _print_rows([jsonable(e) | {"lead": e.lead.sentence} for e in events], format)
        return
    for e in events:
        level = e.corroboration.replace("_", " ")
        print(f"{e.date}  {e.source_code} -> {e.target_code or '-'}  {e.cameo} {e.cameo_name}", end="  ")
        print(f"(Goldstein {e.goldstein:+.1f}; {level}: {e.n_mentions} mentions in {e.n_articles} articles)")
        print(f"    {e.lead.sentence}\n    {e.lead.outlet or e.lead.title or e.lead.article_id}; rule: {e.lead.rule}")


def cmd_actors(options: argparse.Namespace) -> int:
    network = api.actors(options.db, options.top, options.level, options.unit, _filters(options))
    if options.format == "json":
        print(json.dumps(jsonable(network), indent=2))
    else:
        _print_rows([jsonable(x) for x in (network.edges if options.edges else network.nodes)], options.format)
    return EXIT_OK


def cmd_report(options: argparse.Namespace) -> int:
    dyads = [(a, b) for a, b in options.dyad or ()]
    path = api.report(
        options.db, options.output, dyads, options.by, options.unit, _filters(options), options.title, options.events
    )
    print(f"report written to {path}", file=sys.stderr)
    return EXIT_OK


def cmd_serve(options: argparse.Namespace) -> int:
    api.serve(options.db, options.host, options.port)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tinkuy", description="Turn news articles into explained CAMEO event data.")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log messages on stderr")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, handler: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(handler=handler)
        return sub

    def dictionaries(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--actors",
            nargs="+",
            default=[],
            metavar="DICT",
            help="PETRARCH/TABARI actor, agent and verb dictionaries to use instead of the bundled actors, role words and verb patterns",
        )

    def reporting(sub: argparse.ArgumentParser) -> None:
        dictionaries(sub)
        sub.add_argument("--date", help="publication date (YYYY-MM-DD) to assume for articles that state none")
        sub.add_argument("--progress", action="store_true", help="show progress on stderr even when it is not a terminal")
        sub.add_argument("--summary", action="store_true", help="print the summary on stderr even when it is not a terminal")
        sub.add_argument("--processes", type=int, default=1, metavar="N", help="worker processes coding in parallel (default 1)")
        sub.add_argument(
            "--no-near-duplicates", action="store_true", help="code every article, even a near-copy of one already coded"
        )
        sub.add_argument(
            "--similarity",
            type=float,
            default=NearDuplicates.threshold,
            metavar="J",
            help=f"estimated Jaccard similarity from which an article is a near-duplicate (default {NearDuplicates.threshold})",
        )

        limits = sub.add_argument_group("limits on one article (an article over them is rejected)")
        for name, kind, unit in (
            ("bytes", int, "bytes as read"),
            ("chars", int, "characters of text"),
            ("seconds", float, "seconds coding"),
        ):
            default = getattr(DEFAULT_LIMITS, f"max_{name}")
            limits.add_argument(
                f"--max-{name}", type=_positive(kind), default=default, metavar="N", help=f"{unit} (default {default:,})"
            )

    code = command("code", cmd_code, "code files, folders and globs; events to stdout")
    code.add_argument("paths", nargs="+", help=".txt, .html, .jsonl, .csv files, folders (recursive) or globs")
    code.add_argument("--format", choices=FORMATS, default="jsonl")
    code.add_argument("-o", "--output", help="write events to this file instead of stdout")
    reporting(code)

    ingest = command("ingest", cmd_ingest, "code files into a DuckDB store (idempotent, resumable)")
    ingest.add_argument("paths", nargs="+")
    ingest.add_argument("--db", required=True, help="the DuckDB database file")
    ingest.add_argument("--commit-every", type=int, default=64, metavar="N", help="articles per transaction (default 64)")
    ingest.add_argument("--runner", choices=("local", "dask"), default="local", help="where to code (default local)")
    ingest.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: start a local cluster)")
    ingest.add_argument(
        "--partitions", type=int, metavar="N", help="Dask: split the input files into N parts (default one per file)"
    )
    ingest.add_argument("--work", metavar="DIR", help="Dask: folder for the partitions' Parquet output (default DB.parts)")
    reporting(ingest)

    export = command("export", cmd_export, "write the stored events")
    export.add_argument("--db", required=True)
    export.add_argument("--format", choices=FORMATS, default="jsonl")
    export.add_argument("-o", "--output", help="output file (required for parquet); default stdout")

    evaluation = command("eval", cmd_eval, "precision, recall and F1 against gold event records")
    evaluation.add_argument("gold", help="JSON Lines of {id, date, text, events: [{source, target, code}]}")
    dictionaries(evaluation)
    evaluation.add_argument("--json", action="store_true", help="the figures as JSON")
    evaluation.add_argument(
        "--errors", action="store_true", help="list each missed and spurious event with its sentence and rule"
    )

    convert = command(
        "dictionary-import", cmd_dictionary_import, "convert the people of PETRARCH actor dictionaries into a tinkuy people table"
    )
    convert.add_argument("dictionaries", nargs="+", metavar="DICT")
    convert.add_argument("-o", "--output", required=True, help="the people table to write (.tsv)")
    convert.add_argument("--until", help="close codes the dictionaries leave open at this date (YYYY-MM-DD)")

    info = command("info", cmd_info, "versions, the spaCy model and its pipes, dictionary sizes")
    info.add_argument("--json", action="store_true")

    demo = command("demo", cmd_demo, "code the demo corpus shipped with tinkuy, and write its report")
    demo.add_argument("--out", default="tinkuy-demo", help="folder for the demo database and outputs")

    def analysing(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--db", required=True, help="the DuckDB database file")
        sub.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first event date")
        sub.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last event date")
        sub.add_argument(
            "--modality", choices=(*get_args(Modality), "any"), default="asserted", help="events to count (default asserted)"
        )
        sub.add_argument("--unit", choices=UNITS, default="event", help="count merged events or their mentions (default event)")

    deduplication = command("dedup", cmd_dedup, "merge the stored mentions into events again (ingest does it)")
    deduplication.add_argument("--db", required=True, help="the DuckDB database file")
    deduplication.add_argument(
        "--window", type=int, default=WINDOW_DAYS, metavar="DAYS", help=f"days one event may span (default {WINDOW_DAYS})"
    )

    dyad = command("dyad", cmd_dyad, "how relations between two actors moved: counts per QuadClass, Goldstein, net cooperation")
    dyad.add_argument("a", help="actor code or prefix: USA, USAGOV, IGOUNO")
    dyad.add_argument("b", help="the other actor")
    analysing(dyad)
    dyad.add_argument("--by", choices=PERIODS, default="month", help="period (default month)")
    dyad.add_argument("--directed", action="store_true", help="only events from A to B")
    dyad.add_argument("--timeline", action="store_true", help="the key events with their evidence instead of the series")
    dyad.add_argument("--limit", type=int, default=20, metavar="N", help="key events on the timeline (default 20)")
    dyad.add_argument("--format", choices=("table", "csv", "json"), default="table")

    actors = command("actors", cmd_actors, "the actor network: the most active actors and the events between them")
    analysing(actors)
    actors.add_argument("--top", type=int, default=20, metavar="N", help="actors, most active first (default 20)")
    actors.add_argument(
        "--level", choices=LEVELS, default="country", help="actors as countries or as full codes (default country)"
    )
    actors.add_argument("--edges", action="store_true", help="list the pairs of actors instead of the actors (table, csv)")
    actors.add_argument("--format", choices=("table", "csv", "json"), default="table")

    report = command("report", cmd_report, "write one self-contained HTML report: charts, network, timeline, events")
    analysing(report)
    report.add_argument("-o", "--output", required=True, help="the HTML file to write")
    report.add_argument(
        "--dyad", nargs=2, action="append", metavar=("A", "B"), help="a dyad to chart (repeat; default the top five)"
    )
    report.add_argument("--by", choices=PERIODS, default="month", help="period (default month)")
    report.add_argument("--title", default="tinkuy report")
    report.add_argument(
        "--events", type=int, default=MAX_EVENTS, metavar="N", help=f"events listed, most reported first (default {MAX_EVENTS})"
    )

    serve = command("serve", cmd_serve, "explore a store in the browser: a local web app with a JSON API")
    serve.add_argument("--db", required=True, help="the DuckDB database file (opened read-only)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8000)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING - 10 * options.verbose, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(options.handler(options))
    except UsageError as error:
        print(f"tinkuy: {error}", file=sys.stderr)
        return EXIT_USAGE
    except TinkuyError as error:
        print(f"tinkuy: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK


def run() -> None:
    sys.exit(main())

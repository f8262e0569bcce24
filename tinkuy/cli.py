"""The ``tinkuy`` command: thin commands over the library.

Data (events) goes to stdout; progress and summaries go to stderr, and only
when stderr is a terminal unless asked for with ``--progress``/``--summary``.

Exit status: 0 all went well; 1 the run failed (a bug, a database error);
2 a usage error; 3 the run completed but some inputs were rejected.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from . import api
from .datafiles import data_path
from .errors import TinkuyError, UsageError
from .model import CodedArticle
from .pipeline import Result
from .records import event_to_dict
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
        for result in api.code_paths(options.paths, pipeline=api.make_pipeline(options.actors, options.date)):
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
        pipeline = api.make_pipeline(options.actors, options.date)
        summary = api.ingest(options.paths, options.db, pipeline=pipeline, commit_every=options.commit_every, on_result=progress)
    finally:
        progress.done()
    if _wanted(options.summary):
        print_summary(summary)
    return _exit_status(summary)


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
            help="PETRARCH/TABARI actor and agent dictionaries to use instead of the bundled actors and role words",
        )

    def reporting(sub: argparse.ArgumentParser) -> None:
        dictionaries(sub)
        sub.add_argument("--date", help="publication date (YYYY-MM-DD) to assume for articles that state none")
        sub.add_argument("--progress", action="store_true", help="show progress on stderr even when it is not a terminal")
        sub.add_argument("--summary", action="store_true", help="print the summary on stderr even when it is not a terminal")

    code = command("code", cmd_code, "code files, folders and globs; events to stdout")
    code.add_argument("paths", nargs="+", help=".txt, .html, .jsonl, .csv files, folders (recursive) or globs")
    code.add_argument("--format", choices=FORMATS, default="jsonl")
    code.add_argument("-o", "--output", help="write events to this file instead of stdout")
    reporting(code)

    ingest = command("ingest", cmd_ingest, "code files into a DuckDB store (idempotent, resumable)")
    ingest.add_argument("paths", nargs="+")
    ingest.add_argument("--db", required=True, help="the DuckDB database file")
    ingest.add_argument("--commit-every", type=int, default=64, metavar="N", help="articles per transaction (default 64)")
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

    demo = command("demo", cmd_demo, "code the demo corpus shipped with tinkuy")
    demo.add_argument("--out", default="tinkuy-demo", help="folder for the demo database and outputs")
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

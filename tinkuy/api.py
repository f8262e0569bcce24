"""The Python API: what the command line does, as functions.

>>> import tinkuy
>>> events = tinkuy.code_texts(["Mexico broke off diplomatic relations with Ecuador on Saturday."],
...                            date="2024-04-06")
>>> events[0]["cameo"], events[0]["source"]["code"], events[0]["target"]["code"]
('161', 'MEX', 'ECU')

- ``code_texts``: code strings, get event records (dicts following the record schema).
- ``code_paths``: code files, folders and globs; get coded articles and rejections.
- ``ingest``: code into a DuckDB store, idempotently and resumably.
- ``LocalRunner`` (here), ``tinkuy.runners.dask.DaskRunner``: where ``code_paths`` and ``ingest`` code
  (``tinkuy.runners``).
- ``export``: write what the filters select of a store, as merged events, mentions or articles, in JSONL, CSV or Parquet.
- ``info``: versions, the model and its pipes, the size of each dictionary.
- ``evaluate_gold``: precision, recall and F1 against a gold file.
- ``evaluate_annotated``: the same, with dates and sourcing, against annotated articles.
- ``make_pipeline``: a pipeline with PETRARCH dictionaries in place of the bundled actors and patterns.
- ``import_people``: the people of PETRARCH actor dictionaries as a tinkuy people table.
- ``dedup``: merge a store's mentions into events again (``ingest`` does it).
- ``dyad_series``, ``dyad_timeline``, ``actors``: a dyad's relations over time, its key
  events, the actor network (``tinkuy.analysis`` has more).
- ``report``: one self-contained HTML file of it all; ``serve``: the same, interactive.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import ipaddress
import logging
import os
import platform
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import IO, Any

import duckdb

from . import analysis, exports
from .actors.convert import people_rows, write_people
from .actors.gazetteer import load_gazetteer
from .analysis import DEFAULT_FILTERS, EventSummary, Filters, Level, Network, Period, Series, Unit
from .coding.extract import Knowledge
from .dedup import WINDOW_DAYS, Deduplicated, deduplicate, require_window
from .dictionaries import Dictionaries
from .errors import InputError, UsageError
from .evaluate import AnnotationScore, Evaluation, evaluate, evaluate_annotations, read_gold, scorable
from .event_records import event_to_dict
from .exports import FORMATS, TABLES, UNFILTERED, Table
from .language import SUPPORTED
from .limits import DEFAULT_LIMITS, Limits
from .model import Article, CodedArticle, Rejection
from .neardup import DEFAULT, NearDuplicates
from .pipeline import Item, Pipeline, Result
from .report import MAX_EVENTS, render_report, report_data
from .runners import Runner, Summary
from .runners.local import LocalRunner
from .store import Store
from .store_swap import writing

__all__ = [
    "LocalRunner",
    "Runner",
    "Summary",
    "actors",
    "code_paths",
    "code_texts",
    "dedup",
    "dyad_series",
    "dyad_timeline",
    "evaluate_annotated",
    "evaluate_gold",
    "export",
    "import_people",
    "info",
    "ingest",
    "make_pipeline",
    "parse_day",
    "report",
    "serve",
]

PathLike = str | os.PathLike[str]
log = logging.getLogger(__name__)


def parse_day(value: str | dt.date | None) -> dt.date | None:
    """A date given as ``YYYY-MM-DD`` (or a ``date``), or None."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{value!r} is not a date as YYYY-MM-DD") from None


def make_pipeline(
    dictionaries: Sequence[PathLike] | Dictionaries = (),
    date: str | dt.date | None = None,
    limits: Limits = DEFAULT_LIMITS,
    language: str = "auto",
) -> Pipeline:
    """A pipeline with the bundled data, or with PETRARCH actor, agent and verb dictionaries in its place
    for English: files of any kinds, each kind decided by ``tinkuy.dictionaries.kind_of``, or ``Dictionaries``
    naming their kinds. ``language`` "auto" codes each article in its own language; "en" or "es" codes only
    articles in that language and rejects the others."""
    if not isinstance(dictionaries, Dictionaries):
        dictionaries = Dictionaries.by_content(Path(p) for p in dictionaries)
    knowledge = Knowledge.bundled(dictionaries)
    pipeline = Pipeline(knowledge=knowledge, limits=limits).assuming(parse_day(date))
    if language == "auto":
        return pipeline
    if language not in SUPPORTED:
        raise UsageError(f"{language!r} is not a language tinkuy codes ({', '.join(SUPPORTED)}) nor auto")
    return pipeline.accepting((language,))


def evaluate_gold(path: PathLike, pipeline: Pipeline | None = None) -> Evaluation:
    """Score coding on a gold file (see ``tinkuy.evaluate``), on the records that can be scored."""
    pipeline = pipeline or Pipeline()
    records = [r for r in read_gold(Path(path)) if scorable(r, pipeline.knowledge.codebook)]
    return evaluate(records, pipeline)


def evaluate_annotated(
    annotations: Sequence[PathLike], articles: Sequence[PathLike], pipeline: Pipeline | None = None, exhaustive: bool = False
) -> AnnotationScore:
    """Score coding on annotated articles (see ``tinkuy.evaluate.annotations``): the annotation files, and the
    articles (files or folders in any input format) they annotate. ``exhaustive`` when the annotation lists every
    event of every sentence, so events coded anywhere count for precision."""
    pipeline = pipeline or Pipeline()
    return evaluate_annotations([Path(p) for p in annotations], [Path(p) for p in articles], pipeline, exhaustive)


def code_paths(
    paths: Iterable[PathLike],
    date: str | dt.date | None = None,
    pipeline: Pipeline | None = None,
    runner: Runner | None = None,
    near_duplicates: NearDuplicates | None = DEFAULT,
) -> Iterator[Result]:
    """Code files, folders (recursively) and globs: coded articles and rejections, in input order.

    ``date`` is the publication date to assume for articles that state none.
    ``runner`` says where to code: ``LocalRunner(processes=2)`` in two worker
    processes, ``DaskRunner(...)`` on a Dask cluster; the results do not change
    (this process by default). Near-duplicate articles are coded once and their
    copies carry the original's events (``tinkuy.neardup``);
    ``near_duplicates=None`` codes every article.
    """
    pipeline = (pipeline or Pipeline()).assuming(parse_day(date))
    return (runner or LocalRunner()).code(list(paths), pipeline, near_duplicates)


def code_texts(texts: Iterable[str], date: str | dt.date | None = None, pipeline: Pipeline | None = None) -> list[dict[str, Any]]:
    """Code article texts; returns the event records of all of them.

    Texts that cannot be coded (empty, not English...) yield no events; use
    ``code_paths`` or ``Pipeline.run`` to see why.
    """
    pipeline = (pipeline or Pipeline()).assuming(parse_day(date))
    articles: list[Item] = []
    for number, text in enumerate(texts):
        try:
            articles.append(Article.from_text(text, doc_id=f"text-{number}", origin=f"text-{number}"))
        except InputError as error:
            articles.append(Rejection(f"text-{number}", error.reason, str(error)))
    return [event_to_dict(e) for r in pipeline.run(articles) if isinstance(r, CodedArticle) for e in r.events]


def ingest(
    paths: Iterable[PathLike],
    db: PathLike,
    pipeline: Pipeline | None = None,
    runner: Runner | None = None,
    near_duplicates: NearDuplicates | None = DEFAULT,
    progress: Callable[[Summary], None] | None = None,
) -> Summary:
    """Code articles into a DuckDB store; what the run did.

    The run fills a working copy of the store, which replaces the store in one
    step when the run ends well (``tinkuy.store_swap``): until then readers see
    the store as it was, and a run that fails leaves it as it was. ``runner``
    (``LocalRunner()`` by default, or a ``DaskRunner``) writes the results a
    unit of work at a time, each unit in one transaction, and codes no article
    the copy holds already: a run killed half way loses only the units in
    flight, and the same call made again resumes from the copy and ends with
    the store of a run never interrupted (the resume rule, ``tinkuy.runners``).
    ``progress`` is called with the summary so far after each unit is written.
    The stored mentions are then merged into events (``tinkuy.dedup``).
    ``near_duplicates`` is as for ``code_paths``.
    """
    pipeline = pipeline or Pipeline()
    runner = runner or LocalRunner()
    summary = Summary()
    with writing(db) as copy, Store(copy) as store:
        for added in runner.fill(store, list(paths), pipeline, near_duplicates):
            summary.update(added)
            if progress is not None:
                progress(summary)
        deduplicate(store)
    return summary


def export(
    db: PathLike,
    format: str = "jsonl",
    stream: IO[str] | None = None,
    path: str | None = None,
    table: Table = "mentions",
    filters: Filters = UNFILTERED,
) -> int:
    """Write the rows of a store's ``table`` the filters select to ``path`` or ``stream`` (stdout by default);
    returns how many (``tinkuy.exports``: ``merged`` events, ``mentions``, ``articles``; every mention by default)."""
    if not Path(db).exists():
        raise UsageError(f"no database at {db}")
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if table not in TABLES:
        raise UsageError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if format == "parquet" and path is None:
        raise UsageError("parquet is binary: give an output file with -o")
    with Store(db, read_only=True) as store:
        if table == "merged" or filters != UNFILTERED:
            analysis.require_merged(store.connection)
        reader = exports.select(store.connection, table, filters, located=format in exports.LOCATED_FORMATS)
        if path is not None:
            with open(path, "wb") as sink:
                return exports.write(reader, format, sink)
        return exports.write(reader, format, _TextSink(stream or sys.stdout))


class _TextSink:
    """A sink writing the bytes as UTF-8 text to a text stream (stdout, a ``StringIO``)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, data: bytes, /) -> int:
        return self.stream.write(data.decode("utf-8"))


def dedup(db: PathLike, window_days: int = WINDOW_DAYS) -> Deduplicated:
    """Merge the stored mentions into events again, for instance with another window (``tinkuy.dedup``)."""
    if not Path(db).exists():
        raise UsageError(f"no database at {db}")
    require_window(window_days)
    with writing(db) as copy, Store(copy) as store:
        return deduplicate(store, window_days)


@contextlib.contextmanager
def _analysing(db: PathLike) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to a store whose mentions have been merged."""
    if not Path(db).exists():
        raise UsageError(f"no database at {db}")
    with Store(db, read_only=True) as store:
        analysis.require_merged(store.connection)
        yield store.connection


def dyad_series(
    db: PathLike,
    a: str,
    b: str,
    by: Period = "month",
    unit: Unit = "event",
    filters: Filters = DEFAULT_FILTERS,
    directed: bool = False,
) -> Series:
    """The events between two actors (code prefixes), period by period (``tinkuy.analysis.dyad_series``);
    a ``UsageError`` when no stored actor's code starts with one of them."""
    with _analysing(db) as con:
        analysis.require_actors(con, (a, b))
        return analysis.dyad_series(con, a, b, by, unit, filters, directed)


def dyad_timeline(db: PathLike, a: str, b: str, filters: Filters = DEFAULT_FILTERS, limit: int = 20) -> list[EventSummary]:
    """The key events between two actors, in date order, each with its evidence; a ``UsageError`` as for ``dyad_series``."""
    with _analysing(db) as con:
        analysis.require_actors(con, (a, b))
        return analysis.timeline(con, dataclasses.replace(filters, dyad=(a, b)), limit)


def actors(
    db: PathLike, top: int | None = 20, level: Level = "country", unit: Unit = "event", filters: Filters = DEFAULT_FILTERS
) -> Network:
    """The ``top`` actors by events and the edges among them (``tinkuy.analysis.network``)."""
    with _analysing(db) as con:
        return analysis.network(con, filters, level, unit, top)


def report(
    db: PathLike,
    path: PathLike,
    dyads: Sequence[tuple[str, str]] = (),
    by: Period = "month",
    unit: Unit = "event",
    filters: Filters = DEFAULT_FILTERS,
    title: str = "tinkuy report",
    max_events: int = MAX_EVENTS,
) -> Path:
    """Write the self-contained HTML report of a store (``tinkuy.report``); the top dyads unless ``dyads`` are named."""
    with _analysing(db) as con:
        analysis.require_actors(con, sorted({code for dyad in dyads for code in dyad}))
        data = report_data(con, dyads, by, unit, filters, max_events)
    target = Path(path)
    target.write_text(render_report(data, title), encoding="utf-8")
    return target


def serve(db: PathLike, host: str = "127.0.0.1", port: int = 8000, allow_hosts: Sequence[str] = ()) -> None:
    """Serve the web app over a store until interrupted, on this machine only unless ``host`` says otherwise.

    It answers requests addressed to ``host``, to this machine (localhost) and to the names in ``allow_hosts``.
    """
    import uvicorn  # imported here, as the web app is: other commands need not load a web server

    from .web.app import create_app

    if not Path(db).exists():
        raise UsageError(f"no database at {db}")
    app = create_app(db, hosts=[host, *allow_hosts])
    if not _loopback(host):
        log.warning("serving on %s: anyone who can reach this machine can read the store; the app has no authentication", host)
    uvicorn.run(app, host=host, port=port, log_level="info")


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def import_people(dictionaries: Sequence[PathLike], out: PathLike, until: str | dt.date | None = None) -> int:
    """Convert the people in PETRARCH actor dictionaries into a tinkuy people table.

    People tinkuy already knows are left out; codes left open are closed at
    ``until`` (the dictionaries' last date). Returns the number of rows written.
    """
    paths = [Path(p) for p in dictionaries]
    rows = people_rows(paths, load_gazetteer(), parse_day(until))
    provenance = (
        "People with dated codes, converted from PETRARCH actor dictionaries by `tinkuy dictionary-import`:\n"
        + "\n".join(f"  {p.name}" for p in paths)
        + (f"\nCodes left open in the dictionaries are closed at {until}." if until else "")
        + "\nColumns as in the other people tables; `source` names the dictionary file."
    )
    with open(out, "w", encoding="utf-8", newline="") as stream:
        return write_people(rows, stream, provenance)


def info(pipeline: Pipeline | None = None) -> dict[str, Any]:
    """Versions, the spaCy models and their pipes, what spaCy warned when loading them (the Spanish
    model was built for an older spaCy), and the size of every dictionary of both languages."""
    pipeline = pipeline or Pipeline()
    return {
        "tinkuy": metadata.version("tinkuy"),
        "python": platform.python_version(),
        "duckdb": metadata.version("duckdb"),
        "model": pipeline.parser.describe(),
        "dictionaries": pipeline.knowledge.sizes,
        "spanish_model": pipeline.parser_of("es").describe(),
        "spanish_dictionaries": pipeline.knowledge_of("es").sizes,
    }

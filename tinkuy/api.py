"""The Python API: what the command line does, as functions.

>>> import tinkuy
>>> events = tinkuy.code_texts(["Mexico broke off diplomatic relations with Ecuador on Saturday."],
...                            date="2024-04-06")
>>> events[0]["cameo"], events[0]["source"]["code"], events[0]["target"]["code"]
('161', 'MEX', 'ECU')

- ``code_texts``: code strings, get event records (dicts following the record schema).
- ``code_paths``: code files, folders and globs; get coded articles and rejections.
- ``ingest``: code into a DuckDB store, idempotently and resumably.
- ``export``: write a store's events as JSONL, CSV or Parquet.
- ``info``: versions, the model and its pipes, the size of each dictionary.
- ``evaluate_gold``: precision, recall and F1 against a gold file.
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
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, Any

import duckdb

from . import analysis
from .actors.convert import people_rows, write_people
from .actors.gazetteer import load_gazetteer
from .analysis import DEFAULT_FILTERS, EventSummary, Filters, Level, Network, Period, Series, Unit
from .coding.extract import Knowledge
from .dedup import WINDOW_DAYS, Deduplicated, deduplicate
from .dictionaries import Dictionaries
from .errors import InputError, UsageError
from .evaluate import Evaluation, evaluate, read_gold, scorable
from .event_records import event_to_dict, to_json_ready
from .ingest import read_paths
from .limits import DEFAULT_LIMITS, Limits
from .model import Article, CodedArticle, Rejection
from .neardup import DEFAULT, NearDuplicates, result_article_id
from .pipeline import Item, Pipeline, Result
from .publishing import writing
from .report import MAX_EVENTS, render_report, report_data
from .runners.local import code_items
from .store import Store
from .writers import open_writer

PathLike = str | os.PathLike[str]
log = logging.getLogger(__name__)
REJECTION_EXAMPLES = 20


def parse_day(value: str | dt.date | None) -> dt.date | None:
    """A date given as ``YYYY-MM-DD`` (or a ``date``), or None."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{value!r} is not a date as YYYY-MM-DD") from None


@dataclass
class Summary:
    """What a run did: articles read, coded, skipped as already stored, events, rejections."""

    articles: int = 0
    skipped: int = 0
    events: int = 0
    rejections: Counter[str] = field(default_factory=Counter)
    examples: list[Rejection] = field(default_factory=list)

    def add(self, result: Result) -> None:
        if isinstance(result, Rejection):
            self.rejections[result.reason] += 1
            if len(self.examples) < REJECTION_EXAMPLES:
                self.examples.append(result)
        else:
            self.articles += 1
            self.events += len(result.events)

    @property
    def rejected(self) -> int:
        return sum(self.rejections.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "skipped": self.skipped,
            "events": self.events,
            "rejected": self.rejected,
            "rejections": dict(self.rejections),
            "examples": [{"origin": r.origin, "reason": r.reason, "detail": r.detail} for r in self.examples],
        }


def make_pipeline(
    dictionaries: Sequence[PathLike] | Dictionaries = (), date: str | dt.date | None = None, limits: Limits = DEFAULT_LIMITS
) -> Pipeline:
    """A pipeline with the bundled data, or with PETRARCH actor, agent and verb dictionaries in its place:
    files of any kinds, each kind decided by ``tinkuy.dictionaries.kind_of``, or ``Dictionaries`` naming their kinds."""
    if not isinstance(dictionaries, Dictionaries):
        dictionaries = Dictionaries.by_content(Path(p) for p in dictionaries)
    knowledge = Knowledge.bundled(dictionaries)
    return Pipeline(knowledge=knowledge, limits=limits).assuming(parse_day(date))


def evaluate_gold(path: PathLike, pipeline: Pipeline | None = None) -> Evaluation:
    """Score coding on a gold file (see ``tinkuy.evaluate``), on the records that can be scored."""
    pipeline = pipeline or Pipeline()
    records = [r for r in read_gold(Path(path)) if scorable(r, pipeline.knowledge.codebook)]
    return evaluate(records, pipeline)


def code_paths(
    paths: Iterable[PathLike],
    date: str | dt.date | None = None,
    pipeline: Pipeline | None = None,
    processes: int = 1,
    near_duplicates: NearDuplicates | None = DEFAULT,
) -> Iterator[Result]:
    """Code files, folders (recursively) and globs: coded articles and rejections, in input order.

    ``date`` is the publication date to assume for articles that state none.
    ``processes`` worker processes code in parallel (the results do not
    change). Near-duplicate articles are coded once and their copies carry
    the original's events (``tinkuy.neardup``); ``near_duplicates=None``
    codes every article.
    """
    pipeline = (pipeline or Pipeline()).assuming(parse_day(date))
    return code_items(read_paths(paths, pipeline.limits.max_bytes), pipeline, processes, near_duplicates)


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


def _write_new(store: Store, results: list[Result], summary: Summary) -> None:
    """Store and count the results of articles not stored yet; those stored before are counted as skipped."""
    known = store.known_articles(result_article_id(r) for r in results)
    new = [r for r in results if result_article_id(r) not in known]
    store.write(new)
    summary.skipped += len(results) - len(new)
    for result in new:
        summary.add(result)


def ingest(
    paths: Iterable[PathLike],
    db: PathLike,
    date: str | dt.date | None = None,
    pipeline: Pipeline | None = None,
    commit_every: int = 64,
    on_result: Callable[[Result], None] | None = None,
    processes: int = 1,
    near_duplicates: NearDuplicates | None = DEFAULT,
    runner: str = "local",
    scheduler: str | None = None,
    partitions: int | None = None,
    work: PathLike | None = None,
) -> Summary:
    """Code articles into a DuckDB store.

    The run writes to a working copy of the store, which replaces the store
    in one step when the run ends well (``tinkuy.publishing``): until then
    readers see the store as it was, and a run that fails leaves it as it was.
    Articles already stored are skipped before parsing; results are committed
    to the copy every ``commit_every`` articles, so a run killed half way loses
    only the batch in flight and the next run resumes from the copy, without
    duplicates. The stored mentions are then merged into events (``tinkuy.dedup``).
    ``processes`` and ``near_duplicates`` are as for ``code_paths``.

    ``runner="dask"`` codes on a Dask cluster instead (``tinkuy.runners.dask``):
    the cluster at ``scheduler``, or a local one of ``processes`` workers;
    the input in ``partitions`` parts (one per file by default), written as
    Parquet under ``work`` (``DB.parts`` by default) and imported into the store.
    """
    pipeline = (pipeline or Pipeline()).assuming(parse_day(date))
    if runner not in ("local", "dask"):
        raise UsageError(f"unknown runner {runner!r}; choose local or dask")
    with writing(db) as copy:
        if runner == "dask":
            work = work or f"{os.fspath(db)}.parts"
            return _ingest_with_dask(paths, copy, work, pipeline, scheduler, processes, partitions, near_duplicates)
        summary = Summary()
        with Store(copy) as store:
            batch: list[Result] = []
            items = read_paths(paths, pipeline.limits.max_bytes)
            for result in code_items(items, pipeline, processes, near_duplicates, stored=store.results):
                batch.append(result)
                if on_result is not None:
                    on_result(result)
                if len(batch) >= commit_every:
                    _write_new(store, batch, summary)
                    batch = []
            _write_new(store, batch, summary)
            deduplicate(store)
        return summary


def _ingest_with_dask(
    paths: Iterable[PathLike],
    db: PathLike,
    work: PathLike,
    pipeline: Pipeline,
    scheduler: str | None,
    workers: int,
    partitions: int | None,
    near_duplicates: NearDuplicates | None,
) -> Summary:
    from .runners.dask import code_with_dask  # imported here: loading Dask costs a second that other runs need not pay

    reports = code_with_dask(paths, db, work, pipeline, scheduler, workers, partitions, near_duplicates)
    with Store(db) as store:
        deduplicate(store)
    summary = Summary()
    for report in reports:
        summary.articles += report.articles
        summary.events += report.events
        summary.rejections.update(report.rejections)
        room = REJECTION_EXAMPLES - len(summary.examples)
        summary.examples += [Rejection(*example) for example in report.examples[: max(room, 0)]]
    return summary


def export(db: PathLike, format: str = "jsonl", stream: IO[str] | None = None, path: str | None = None) -> int:
    """Write every stored event to ``path`` or ``stream``; returns how many."""
    if not Path(db).exists():
        raise UsageError(f"no database at {db}")
    with Store(db, read_only=True) as store, contextlib.ExitStack() as stack:
        own = stack.enter_context(open(path, "w", encoding="utf-8", newline="")) if path and format != "parquet" else None
        writer = open_writer(format, own or stream or sys.stdout, path)
        stack.callback(writer.close)
        return sum(writer.write(to_json_ready(row) for row in batch.to_pylist()) for batch in store.event_batches())


def dedup(db: PathLike, window_days: int = WINDOW_DAYS) -> Deduplicated:
    """Merge the stored mentions into events again, for instance with another window (``tinkuy.dedup``)."""
    if not Path(db).exists():
        raise UsageError(f"no database at {db}")
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
    """The events between two actors (code prefixes), period by period (``tinkuy.analysis.dyad_series``)."""
    with _analysing(db) as con:
        return analysis.dyad_series(con, a, b, by, unit, filters, directed)


def dyad_timeline(db: PathLike, a: str, b: str, filters: Filters = DEFAULT_FILTERS, limit: int = 20) -> list[EventSummary]:
    """The key events between two actors, in date order, each with its evidence."""
    with _analysing(db) as con:
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
        data = report_data(con, dyads, by, unit, filters, max_events)
    target = Path(path)
    target.write_text(render_report(data, title), encoding="utf-8")
    return target


def serve(db: PathLike, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the web app over a store until interrupted, on this machine only unless ``host`` says otherwise."""
    import uvicorn  # imported here, as the web app is: other commands need not load a web server

    from .web.app import create_app

    if not Path(db).exists():
        raise UsageError(f"no database at {db}")
    app = create_app(db)
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
    """Versions, the spaCy model and its pipes, and the size of every loaded dictionary."""
    pipeline = pipeline or Pipeline()
    return {
        "tinkuy": metadata.version("tinkuy"),
        "python": platform.python_version(),
        "duckdb": metadata.version("duckdb"),
        "model": pipeline.parser.describe(),
        "dictionaries": pipeline.knowledge.sizes,
    }

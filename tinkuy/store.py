"""The event store: an embedded DuckDB database of articles, sentences, events and rejections.

- The schema is built by named migrations (``tinkuy/migrations/NNNN_name.sql``),
  applied in order, each once, each in its own transaction, when the store is
  opened for writing; the ``schema_migrations`` table records which ran. A
  migration may call the Python functions of ``MIGRATION_FUNCTIONS``.
- The tables written from records have the Arrow schemas of their dataclasses
  (``tinkuy.shapes``); ``tests/test_shapes.py`` checks the migrations agree.
- Every key is a content hash and every write is ``INSERT OR IGNORE``, so
  writing the same results twice changes nothing.
- ``write`` stores a batch of results in one transaction: a run killed half
  way loses at most the batch in flight, and running it again completes the
  store without duplicates. Writes go in bulk from Arrow tables.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import duckdb.func
import pyarrow as pa

from .clean import outlet_from_url
from .errors import StoreError
from .event_records import EVENT_SCHEMA, events_table
from .ids import content_hash
from .model import Article, CodedArticle, Event, Rejection, Sentence
from .shapes import arrow_fields, arrow_schema, from_row, to_row

log = logging.getLogger(__name__)

ARTICLES = pa.schema([*arrow_fields(Article, exclude={"text"}), ("n_sentences", pa.int32()), ("n_events", pa.int32())])
"""An article as stored: its fields but its text, and how many sentences and events coding found."""
SENTENCES = arrow_schema(Sentence)
REJECTIONS = pa.schema([("rejection_id", pa.string()), *arrow_fields(Rejection)])
TABLE_SCHEMAS = {"articles": ARTICLES, "sentences": SENTENCES, "events": EVENT_SCHEMA, "rejections": REJECTIONS}
"""The tables results are written to, and their Arrow schemas."""
MIGRATION_FUNCTIONS: dict[str, Callable[[str], str | None]] = {"outlet_from_url": outlet_from_url}
"""Python functions from text to text that migrations call by these names; a migration once shipped
never changes, so neither may the name it calls."""


def query_rows(con: duckdb.DuckDBPyConnection, sql: str, parameters: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows a read query with named parameters gives, as dictionaries (what the analyses answer with)."""
    relation = con.sql(sql, params=dict(parameters) or None)
    rows: list[dict[str, Any]] = relation.to_arrow_table().to_pylist() if relation is not None else []
    return rows


def migrations() -> list[tuple[str, str]]:
    """(name, SQL) of every migration shipped, in order."""
    folder = resources.files("tinkuy").joinpath("migrations")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]


def rejection_id(rejection: Rejection) -> str:
    return content_hash(rejection.origin, rejection.reason, rejection.detail)


@dataclasses.dataclass(frozen=True)
class Written:
    articles: int
    events: int
    rejections: int


class Store:
    """One open DuckDB database; use as a context manager."""

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        try:
            self.connection = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as error:
            raise StoreError(f"cannot open {self.path}: {error}") from None
        if not read_only:
            self.migrate()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        try:
            if kind is None and not self.read_only:
                self.save()
        finally:
            self.close()

    def save(self) -> None:
        """Write everything committed into the database file itself (DuckDB's checkpoint)."""
        try:
            self.connection.execute("CHECKPOINT")
        except duckdb.Error as error:
            raise StoreError(f"cannot save {self.path}: {error}") from None

    def close(self) -> None:
        self.connection.close()

    def migrate(self) -> list[str]:
        """Apply the migrations this database lacks; the names applied."""
        con = self.connection
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
        )
        done = {row[0] for row in con.execute("SELECT name FROM schema_migrations").fetchall()}
        pending = [(name, sql) for name, sql in migrations() if name not in done]
        if pending:
            with self._migration_functions():
                for name, sql in pending:
                    with self._transaction(f"migration {name}"):
                        con.execute(sql)
                        con.execute("INSERT INTO schema_migrations (name) VALUES (?)", [name])
                    log.info("applied migration %s to %s", name, self.path)
        return [name for name, _ in pending]

    @contextlib.contextmanager
    def _migration_functions(self) -> Iterator[None]:
        """``MIGRATION_FUNCTIONS`` callable from SQL during the block."""
        for name, function in MIGRATION_FUNCTIONS.items():
            self.connection.create_function(name, function, ["VARCHAR"], "VARCHAR", null_handling=duckdb.func.SPECIAL)
        try:
            yield
        finally:
            for name in MIGRATION_FUNCTIONS:
                self.connection.remove_function(name)

    def _transaction(self, what: str) -> _Transaction:
        return _Transaction(self.connection, what)

    def transaction(self, what: str) -> _Transaction:
        """BEGIN ... COMMIT around a block of statements on ``connection``; a ``StoreError`` naming ``what`` if it fails."""
        return self._transaction(what)

    def known_articles(self, article_ids: Iterable[str]) -> set[str]:
        """Which of these articles are already stored, coded or rejected."""
        with self._candidates(article_ids):
            rows = self.connection.execute(
                "SELECT article_id FROM candidate_ids WHERE article_id IN (SELECT article_id FROM articles)"
                " OR article_id IN (SELECT article_id FROM rejections)"
            ).fetchall()
        return {row[0] for row in rows}

    def results(self, article_ids: Iterable[str]) -> dict[str, CodedArticle | Rejection]:
        """The stored results of these articles, as coding gave them, by article id; those not stored are left out.

        A coded article comes back without its text, which the store does not keep.
        Its events come in the order of their ids.
        """
        known = self.known_articles(article_ids)  # cheap, and in a run not resumed there is nothing more to read
        if not known:
            return {}
        with self._candidates(known):
            articles = self._rows("SELECT a.* FROM articles a JOIN candidate_ids USING (article_id)")
            sentences = self._rows("SELECT s.* FROM sentences s JOIN candidate_ids USING (article_id) ORDER BY sentence_index")
            events = self._rows("SELECT e.* FROM events e JOIN candidate_ids USING (article_id) ORDER BY event_id")
            rejections = self._rows("SELECT r.* FROM rejections r JOIN candidate_ids USING (article_id)")
        found: dict[str, CodedArticle | Rejection] = {r["article_id"]: from_row(Rejection, r) for r in rejections}
        sentences_of, events_of = defaultdict(list), defaultdict(list)
        for s in sentences:
            sentences_of[s["article_id"]].append(from_row(Sentence, s))
        for e in events:
            events_of[e["article_id"]].append(from_row(Event, e))
        for row in articles:
            article = from_row(Article, row | {"text": ""})
            found[article.article_id] = CodedArticle(
                article, tuple(sentences_of[article.article_id]), tuple(events_of[article.article_id])
            )
        return found

    @contextlib.contextmanager
    def _candidates(self, article_ids: Iterable[str]) -> Iterator[None]:
        """The ids as the table ``candidate_ids``, for the queries of the block."""
        self.connection.register("candidate_ids", pa.table({"article_id": pa.array(list(article_ids), pa.string())}))
        try:
            yield
        finally:
            self.connection.unregister("candidate_ids")

    def _rows(self, sql: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self.query(sql).to_pylist()
        return rows

    def write(self, results: Sequence[CodedArticle | Rejection], then: Sequence[tuple[str, Sequence[Any]]] = ()) -> Written:
        """Store a batch of results in one transaction, with the statements ``then`` (SQL and parameters)
        that record what the results came from, so that both are stored or neither."""
        tables = result_tables(results)
        with self._transaction("write"):
            for name, table in tables.items():
                self._insert(name, table)
            for sql, parameters in then:
                self.connection.execute(sql, list(parameters))
        return Written(tables["articles"].num_rows, tables["events"].num_rows, tables["rejections"].num_rows)

    def import_parquet(self, files: Mapping[str, str | os.PathLike[str]]) -> None:
        """Add the rows of Parquet files written from ``result_tables`` (table name -> file), in one transaction.

        Writes are ``INSERT OR IGNORE`` as for ``write``, so importing the same files again changes nothing.
        """
        with self._transaction("import"):
            for name, path in files.items():
                columns = ", ".join(TABLE_SCHEMAS[name].names)
                self.connection.execute(
                    f"INSERT OR IGNORE INTO {name} ({columns}) SELECT {columns} FROM read_parquet(?)", [str(path)]
                )

    def _insert(self, name: str, table: pa.Table) -> None:
        if table.num_rows:
            self.connection.register("batch", table)
            columns = ", ".join(table.schema.names)
            self.connection.execute(f"INSERT OR IGNORE INTO {name} ({columns}) SELECT {columns} FROM batch")
            self.connection.unregister("batch")

    def replace(
        self, deletions: Sequence[str], batches: Iterable[dict[str, pa.Table]], then: Sequence[tuple[str, Sequence[Any]]] = ()
    ) -> None:
        """Delete rows of derived tables, insert their new rows from Arrow batches, and run the statements ``then``
        (SQL and parameters) that complete them, in one transaction.

        For tables computed from the others, such as the merged events: a reader
        sees the old rows or the new ones, never a mix. ``deletions`` are DELETE
        statements; ``batches`` may be a stream (read it from a ``cursor()``, not
        from this connection).
        """
        with self._transaction("replace"):
            for statement in deletions:
                self.connection.execute(statement)
            for batch in batches:
                for name, table in batch.items():
                    self._insert(name, table)
            for sql, parameters in then:
                self.connection.execute(sql, list(parameters))

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> pa.Table:
        """Run a read query and return its rows as Arrow."""
        relation = self.connection.sql(sql, params=list(parameters) or None)
        return relation.to_arrow_table() if relation is not None else pa.table({})

    def event_batches(self, batch_size: int = 10_000) -> Iterator[pa.RecordBatch]:
        """Every stored event, its fields in the record's order, in a stable order, in batches (flat memory for any size).

        A store opened read-only as an older version left it may lack fields
        the record now has: that is a ``StoreError`` saying how to upgrade it.
        """
        require_event_fields(self.connection, self.path)
        columns = ", ".join(EVENT_SCHEMA.names)
        relation = self.connection.sql(f"SELECT {columns} FROM events ORDER BY article_id, sentence_index, event_id")
        yield from relation.to_arrow_reader(batch_size)

    def counts(self, tables: Sequence[str] = ("articles", "sentences", "events", "rejections")) -> dict[str, int]:
        return {t: self.connection.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables}


def require_event_fields(connection: duckdb.DuckDBPyConnection, path: str | os.PathLike[str] = "FILE") -> None:
    """A ``StoreError`` saying how to upgrade a store an older version wrote, whose events lack fields the record now has."""
    stored = {row[0] for row in connection.execute("DESCRIBE events").fetchall()}
    missing = [name for name in EVENT_SCHEMA.names if name not in stored]
    if missing:
        raise StoreError(
            f"{path} was written by an older version of tinkuy (its events have no {', '.join(missing)});"
            f" run `tinkuy dedup --db {path}` to upgrade it"
        )


class _Transaction:
    """BEGIN ... COMMIT, or ROLLBACK and a ``StoreError`` when the database refuses."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, what: str) -> None:
        self.connection = connection
        self.what = what

    def __enter__(self) -> None:
        self.connection.begin()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        if error is None:
            try:
                self.connection.commit()
                return
            except duckdb.Error as commit_error:
                error = commit_error
        try:
            self.connection.rollback()
        except duckdb.Error:
            log.debug("rollback after a failed %s: no transaction left", self.what)
        if isinstance(error, duckdb.Error):
            raise StoreError(f"{self.what} failed and was rolled back: {error}") from error


def result_tables(results: Sequence[CodedArticle | Rejection]) -> dict[str, pa.Table]:
    """A batch of results as one Arrow table per store table (the schemas of ``TABLE_SCHEMAS``)."""
    coded = [r for r in results if isinstance(r, CodedArticle)]
    rejected = [r for r in results if isinstance(r, Rejection)]
    return {
        "articles": pa.Table.from_pylist([_article_row(c) for c in coded], schema=ARTICLES),
        "sentences": pa.Table.from_pylist([to_row(s) for c in coded for s in c.sentences], schema=SENTENCES),
        "events": events_table(to_row(e) for c in coded for e in c.events),
        "rejections": pa.Table.from_pylist([to_row(r) | {"rejection_id": rejection_id(r)} for r in rejected], schema=REJECTIONS),
    }


def _article_row(coded: CodedArticle) -> dict[str, Any]:
    return to_row(coded.article) | {"n_sentences": len(coded.sentences), "n_events": len(coded.events)}

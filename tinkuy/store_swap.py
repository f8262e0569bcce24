"""Swapping store versions: a run writes a new version of the store beside it and swaps it in whole.

DuckDB lets one process write a database file, and while it does no other
process may even read it. So no run writes the store in place, and no reader
ever sees it half done:

- ``writing(db)`` takes ``DB.lock`` (one writer at a time), copies the store
  to ``DB.next`` and hands that working copy to the run; ``DB`` is the file
  the given path leads to, links followed, whatever name the run was given. When the run ends
  well, the copy is synced to disk and renamed over ``DB`` in one atomic step.
- A run that fails (a full disk, a kill) leaves ``DB`` exactly as it was. Its
  working copy stays, with ``DB.next.base`` recording which version of ``DB``
  it grew from; the next run resumes from it, or starts over from ``DB`` when
  ``DB`` has changed since.
- ``Published`` is how a reader (the web app) follows a store: it opens the
  file read-only and, when a run has renamed a new version into place, opens
  that one for the next request; requests under way finish on the old one.

``docs/reliability.md`` describes the design and what was done to break it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb

from .errors import StoreError

log = logging.getLogger(__name__)

ATTACHED = "store"
"""The name a reader's store is attached under."""


def working_paths(db: Path) -> tuple[Path, Path, Path]:
    """The lock, the working copy and its record of the version it grew from."""
    return db.with_name(db.name + ".lock"), db.with_name(db.name + ".next"), db.with_name(db.name + ".next.base")


@contextlib.contextmanager
def writing(db: str | os.PathLike[str]) -> Iterator[Path]:
    """A working copy of the store ``db`` to write to, published over ``db`` when the block ends well.

    Raises ``StoreError`` when another run holds the store or it cannot be
    written. The caller must have closed its connections to the copy when
    the block ends. A ``db`` that is a link stands for the file it leads to:
    that file is locked, copied and replaced, so two runs through two names of
    one store are one writer after the other, and the link stays a link.
    """
    target = _resolved(Path(db))
    lock_path, work, base_path = working_paths(target)
    _require_writable(target)
    with _locked(lock_path):
        _prepare(target, work, base_path)
        try:
            yield work
        except StoreError as error:
            raise StoreError(f"{error}; {target} is unchanged, and the next run resumes from {work}") from error
        _publish(work, target)
        base_path.unlink(missing_ok=True)


def _resolved(db: Path) -> Path:
    """The file a store's path leads to, links followed (the file itself need not exist yet)."""
    try:
        return db.resolve()
    except (RuntimeError, OSError) as error:  # a loop of links
        raise StoreError(f"cannot follow the links of {db}: {error}") from None


def _require_writable(db: Path) -> None:
    folder = db.parent if str(db.parent) else Path(".")
    if db.is_dir():
        raise StoreError(f"cannot write {db}: it is a folder")
    if db.exists() and not (os.access(db, os.W_OK) and db.stat().st_mode & stat.S_IWUSR):
        raise StoreError(f"cannot write {db}: it is read-only")
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise StoreError(f"cannot write {db}: its folder {folder} does not exist or is not writable")


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    try:
        handle = open(lock_path, "a+b")  # noqa: SIM115 - held open for the whole block
    except OSError as error:
        raise StoreError(f"cannot create {lock_path}: {error.strerror}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"another tinkuy run is writing to this store (it holds {lock_path})") from None
        yield  # the lock goes with the file handle


def _version(path: Path) -> list[int] | None:
    """What identifies one version of a file: it changes whenever the file is replaced or written."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return [found.st_ino, found.st_size, found.st_mtime_ns]


def _prepare(db: Path, work: Path, base_path: Path) -> None:
    """Make ``work`` a working copy of ``db``, resuming the one an unfinished run left if it grew from this ``db``."""
    base = _version(db)
    with contextlib.suppress(FileNotFoundError, ValueError):
        if work.exists() and json.loads(base_path.read_text(encoding="utf-8")) == {"base": base}:
            log.info("resuming the unfinished run kept in %s", work)
            return
    if work.exists():
        log.warning("%s grew from another version of %s and is discarded", work, db)
    base_path.unlink(missing_ok=True)
    for stale in (work, _wal(work)):
        stale.unlink(missing_ok=True)
    if base is not None:
        _checkpoint_if_logged(db)
        base = _version(db)
        try:
            shutil.copyfile(db, work)
        except OSError as error:
            work.unlink(missing_ok=True)
            raise StoreError(f"cannot copy {db} to {work}: {error.strerror}; {db} is unchanged") from None
    base_path.write_text(json.dumps({"base": base}), encoding="utf-8")


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _checkpoint_if_logged(db: Path) -> None:
    """Fold a write-ahead log left beside ``db`` (by a crash or an older tinkuy) into the file, so a copy is whole."""
    if _wal(db).exists():
        try:
            duckdb.connect(str(db)).close()  # opening replays the log, closing checkpoints it
        except duckdb.Error as error:
            raise StoreError(f"cannot open {db} to apply its write-ahead log: {error}") from None


def _publish(work: Path, db: Path) -> None:
    """Make the working copy the store, in one atomic step once it is safely on disk."""
    if not work.exists():
        return  # a new store that nothing was written to
    if _wal(work).exists():
        raise StoreError(f"{work} holds changes not yet saved to the file; it is not published")
    try:
        with open(work, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(work, db)
        folder = os.open(db.parent if str(db.parent) else ".", os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except OSError as error:
        raise StoreError(f"cannot publish {work} as {db}: {error.strerror}; {db} is unchanged") from None
    log.info("published %s", db)


class Published:
    """The last version of a store written by ``writing``, for readers; thread-safe.

    Each ``cursor()`` reads the version in place when it is called. A version
    is opened read-only, attached to an in-memory database (DuckDB would hand
    back the old version's instance for the same path while it is open).
    """

    def __init__(self, db: str | os.PathLike[str], memory_limit: str = "2GB") -> None:
        self.path = Path(db)
        self.memory_limit = memory_limit
        self._guard = threading.Lock()
        self._version: list[int] | None = None
        self._database: duckdb.DuckDBPyConnection | None = None
        self.cursor().close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new read-only cursor on the latest version; close it when done."""
        with self._guard:
            version = _version(self.path)
            if self._database is None or (version is not None and version != self._version):
                self._database = self._latest(version, self._database)
            cursor = self._database.cursor()
        cursor.execute(f"USE {ATTACHED}")
        return cursor

    def _latest(self, version: list[int] | None, current: duckdb.DuckDBPyConnection | None) -> duckdb.DuckDBPyConnection:
        """The version in place, opened; if it cannot be opened, the one already open."""
        self._version = version
        try:
            latest = self._open()
        except StoreError:
            if current is None:
                raise
            log.warning("cannot open the new version of %s; still reading the previous one", self.path, exc_info=True)
            return current
        log.info("reading %s (version %s)", self.path, version)
        return latest

    def _open(self) -> duckdb.DuckDBPyConnection:
        database = duckdb.connect(config={"memory_limit": self.memory_limit})
        try:
            database.execute(f"ATTACH {_quoted(self.path)} AS {ATTACHED} (READ_ONLY)")
        except duckdb.Error as error:
            database.close()
            raise StoreError(f"cannot open {self.path}: {error}") from None
        return database

    def close(self) -> None:
        with self._guard:
            if self._database is not None:
                self._database.close()
                self._database = None


def _quoted(path: Path) -> str:
    """A SQL string literal of a path (ATTACH takes no parameters)."""
    return "'" + str(path).replace("'", "''") + "'"

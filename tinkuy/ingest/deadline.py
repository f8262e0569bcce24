"""Stopping a call that runs past its time: the HTML extractor on a pathological page.

Extracting the article of a page takes milliseconds, but some pages make it take
minutes (a page of many flat tables: trafilatura falls back on jusText, whose
paragraph classification is quadratic in the paragraphs). trafilatura's own time
limit uses ``SIGALRM``, which works in the main thread only, and readers also run
in the threads of Dask workers. So ``within`` starts a timer and, if the call is
still running when it fires, raises an exception in the calling thread
(CPython's ``PyThreadState_SetAsyncExc``), which stops Python code at its next
instruction. The extractor spends its time in Python, so it stops within a
moment; one long call into C (lxml parsing a page) ends first, and the size
limit bounds it. The exception derives from ``BaseException``, so that the
extractor's own ``except Exception`` cannot swallow it, and it is turned into
``TooSlow`` here.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from typing import TypeVar

from ..errors import TooSlow

T = TypeVar("T")


class _Expired(BaseException):
    """Raised in a thread whose call ran past its time."""


class _Watch:
    """Whether a call is still running, and whether its time ran out; its lock makes the two agree."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()
        self.lock = threading.Lock()
        self.running = True
        self.expired = False

    def expire(self) -> None:
        with self.lock:
            if self.running:
                self.expired = True
                _raise_in(self.thread, _Expired)

    def stop(self) -> None:
        """The call is over: it can no longer expire, and an exception raised too late is withdrawn."""
        with self.lock:
            self.running = False
            if self.expired:
                _raise_in(self.thread, None)


def within(seconds: float, call: Callable[[], T], what: str) -> T:
    """What ``call`` returns, or ``TooSlow`` (naming ``what``) when it runs longer than ``seconds``."""
    watch = _Watch()
    timer = threading.Timer(seconds, watch.expire)
    timer.daemon = True
    try:
        try:
            timer.start()
            return call()
        finally:
            timer.cancel()
            watch.stop()
    except _Expired:
        raise TooSlow(f"{what} took more than {seconds:g} s, the limit for one article") from None


def _raise_in(thread: int, error: type[BaseException] | None) -> None:
    """Raise ``error`` in ``thread`` at its next Python instruction; with None, withdraw one not raised yet."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(error) if error else None)

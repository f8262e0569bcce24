"""A call stopped when it runs past its time, in any thread, and never after it has ended."""

from __future__ import annotations

import contextlib
import threading
import time

import pytest
import trafilatura

from tinkuy.errors import TooSlow
from tinkuy.ingest import read_paths
from tinkuy.ingest.deadline import within
from tinkuy.limits import Limits


def spin(seconds: float) -> str:
    """Python work for ``seconds``, swallowing every ``Exception`` as some extractors do."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with contextlib.suppress(Exception):  # what an extractor may do; the deadline must get through
            sum(range(1000))
    return "done"


def test_a_call_within_its_time_returns_and_nothing_is_raised_later():
    assert within(5, lambda: spin(0.05), "spinning") == "done"
    assert spin(0.2) == "done"


def test_a_call_past_its_time_is_stopped_even_through_except_exception():
    started = time.monotonic()
    with pytest.raises(TooSlow, match="spinning took more than 0.2 s"):
        within(0.2, lambda: spin(30), "spinning")
    assert time.monotonic() - started < 2
    assert spin(0.2) == "done"


def test_a_call_is_stopped_in_a_thread_that_is_not_the_main_one():
    outcome: list[str] = []

    def worker() -> None:
        try:
            within(0.2, lambda: spin(30), "spinning")
        except TooSlow as error:
            outcome.append(str(error))

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(5)
    assert not thread.is_alive() and outcome and "0.2 s" in outcome[0]


def test_calls_ending_about_when_their_time_runs_out_never_leave_an_exception_behind():
    for _ in range(200):
        with contextlib.suppress(TooSlow):
            within(0.002, lambda: spin(0.002), "spinning")
    assert spin(0.1) == "done"


def test_a_page_whose_extraction_runs_past_the_limit_is_rejected_as_timeout(tmp_path, monkeypatch):
    # an extractor that runs for 30 s, whatever the machine (bench/hostile.py times a real page of tables)
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: spin(30))
    (tmp_path / "tables.html").write_text("<html><body><p>The minister met police in Quito.</p></body></html>")
    started = time.monotonic()
    (rejection,) = read_paths([tmp_path / "tables.html"], Limits(max_seconds=1))
    assert (rejection.reason, rejection.detail) == (
        "timeout",
        "extracting the article of the page took more than 1 s, the limit for one article",
    )
    assert time.monotonic() - started < 5

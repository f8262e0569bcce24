"""``tinkuy`` that stops at a chosen point of an ingest and waits there to be killed (``tests/test_store.py``).

    python -m tests.killable POINT ARGUMENTS...     # ARGUMENTS as for ``tinkuy``

The points of an ingest, in the order a run reaches them:

- ``start``: before anything is read or written;
- ``commit-N``: inside the run's N-th transaction (results written, or the
  merged events replaced), its rows written and not yet committed;
- ``written-N``: after the N-th unit of work is written (its progress report);
- ``merge``: before the mentions are merged into events;
- ``swap``: before the new version of the store replaces the old one;
- ``swapped``: after it has.

Each point is printed on stdout when it is reached. At ``POINT`` the process
stops and sleeps until it is killed; with ``none`` it runs to the end. The
kill points are thus the same in every trial, however busy the machine.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import Any

from tinkuy import api, cli, store, store_swap

WAIT = 600
"""Seconds to wait at the point: far longer than a test takes to kill the process."""


def main(stop_at: str, arguments: list[str]) -> int:
    counts: Counter[str] = Counter()

    def reached(point: str) -> None:
        print(point, flush=True)
        if point == stop_at:
            time.sleep(WAIT)

    def numbered(kind: str) -> None:
        counts[kind] += 1
        reached(f"{kind}-{counts[kind]}")

    ingest, deduplicate, publish, commit = api.ingest, api.deduplicate, store_swap._publish, store._Transaction.__exit__

    def stopping_ingest(*args: Any, progress: Any = None, **kwargs: Any) -> api.Summary:
        reached("start")

        def report(summary: api.Summary) -> None:
            if progress is not None:
                progress(summary)
            numbered("written")

        return ingest(*args, progress=report, **kwargs)

    def stopping_deduplicate(*args: Any, **kwargs: Any) -> Any:
        reached("merge")
        return deduplicate(*args, **kwargs)

    def stopping_publish(*args: Any) -> None:
        reached("swap")
        publish(*args)
        reached("swapped")

    def stopping_commit(self: Any, kind: Any, error: Any, trace: Any) -> None:
        if error is None and not self.what.startswith("migration"):
            numbered("commit")
        commit(self, kind, error, trace)

    api.ingest = stopping_ingest
    api.deduplicate = stopping_deduplicate
    store_swap._publish = stopping_publish
    store._Transaction.__exit__ = stopping_commit
    return cli.main(arguments)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))

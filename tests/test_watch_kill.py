"""A watcher killed (SIGKILL) anywhere in a round loses nothing and duplicates nothing when it is started again."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.test_store import contents, run_until
from tests.watch_site import Response, read_stories, rss, serving
from tinkuy.store import Store

pytestmark = [pytest.mark.model, pytest.mark.slow]

TRIALS = 10


def watch_arguments(feeds, db) -> list[str]:
    return ["watch", str(feeds), "--db", str(db), "--once", "--allow-private", "--delay", "0", "--commit-every", "1"]


def pages(db) -> list[tuple]:
    """Each page the watcher followed, its state and its article: what a restart must neither lose nor repeat."""
    with Store(db, read_only=True) as store:
        return sorted(store.connection.execute("SELECT url, status, article_id FROM watch_pages").fetchall())


def test_a_round_killed_anywhere_resumes_without_loss_or_duplicates(tmp_path):
    """The store holds a published round; a second round, with new pages, is killed at one of ten points spread
    over it (its transactions, the swap) and the watcher started again: the published events are all there while
    the round is dead, and the store then ends as an uninterrupted round leaves it, each page stored once."""
    log = tmp_path / "stderr.log"
    stories = read_stories()
    with serving() as (site, base):
        site.demo(base)
        site.responses["/world.rss"] = Response(rss(base, stories[:2]))
        first, second = tmp_path / "first.txt", tmp_path / "second.txt"
        first.write_text(f"{base}/world.rss\n")
        second.write_text(f"{base}/world.rss\n{base}/americas.atom\n{base}/sitemap.xml\n")
        published = tmp_path / "published.duckdb"
        assert run_until("none", watch_arguments(first, published), log)
        before = contents(published)
        through = tmp_path / "through.duckdb"
        through.write_bytes(published.read_bytes())
        points = run_until("none", watch_arguments(second, through), log)
        expected, expected_pages = contents(through), pages(through)
        assert len(expected_pages) == len(stories) and len(set(expected["articles"])) == len(stories)
        resumed_after_pages: list[str] = []
        chosen = [points[round(i * (len(points) - 1) / (TRIALS - 1))] for i in range(TRIALS)]
        for trial, point in enumerate(chosen):
            db = tmp_path / f"killed-{trial}.duckdb"
            db.write_bytes(published.read_bytes())
            assert run_until(point, watch_arguments(second, db), log)[-1] == point
            assert contents(db) == (expected if point == "swapped" else before), f"killed at {point}: what was published changed"
            working = db.with_name(db.name + ".next")
            stored = (
                {url for url, status, _ in pages(working) if status == "done"}
                if working.exists() and point != "swapped"
                else set()
            )
            if stored:
                resumed_after_pages.append(point)
            hits = site.hits.copy()
            resumed = subprocess.run([sys.executable, "-m", "tinkuy", *watch_arguments(second, db)], capture_output=True)
            assert resumed.returncode == 0, resumed.stderr
            assert contents(db) == expected and pages(db) == expected_pages, f"killed at {point}, then started again"
            refetched = [url for url in stored if site.hits[url.removeprefix(base)] > hits[url.removeprefix(base)]]
            assert not refetched, f"killed at {point}: pages stored before the kill were fetched again"
            assert not list(tmp_path.glob(f"{db.name}.next*"))
        assert resumed_after_pages, f"no kill fell after a page was stored: {chosen}"

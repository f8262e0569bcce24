"""Event identity: B-cubed precision and recall of dedup on the annotated news articles.

    python bench/identity.py                 # the development half: codes it into a temporary store, scores, writes docs/benchmarks.md
    python bench/identity.py --heldout       # the held-out half (the final figure), printed only
    python bench/identity.py --db STORE      # a store already coded from the half's articles (and deduplicated)

Two measures (``tinkuy.evaluate.identity``), each against the annotated act split by the
countries on each side (one row per directed dyad, as in any event dataset) and against the
bare act keys:

- end to end: the mentions the coder finds that match an annotated event (at the ``dyad``
  level), clustered by the store's merged events;
- the merge rule alone: the annotated events themselves, dated as annotated, merged by
  ``tinkuy.dedup.merge``.

With ``--series A B`` it also prints the merged events between A and B per day, the series the
merging changes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import table, write_section  # noqa: E402
from tinkuy import api  # noqa: E402
from tinkuy.evaluate import read_annotations  # noqa: E402
from tinkuy.evaluate.identity import BCubed, score_merge, score_store  # noqa: E402
from tinkuy.store import Store  # noqa: E402

NEWS = Path(__file__).resolve().parent.parent / "tests" / "golden" / "news"


@contextlib.contextmanager
def coded_store(articles: Path, db: str | None) -> Iterator[Path]:
    """The store given, or the articles coded into a temporary one."""
    if db:
        yield Path(db)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "identity.duckdb"
        api.ingest([articles], path)
        yield path


def row(label: str, score: BCubed) -> list[object]:
    return [label, f"{score.precision:.3f}", f"{score.recall:.3f}", f"**{score.f1:.3f}**", score.items, score.gold_clusters]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--heldout", action="store_true", help="score the held-out half (printed, not written)")
    parser.add_argument("--db", help="a store coded from the half's articles, deduplicated")
    parser.add_argument("--series", nargs=2, metavar=("A", "B"), help="print the merged events between two actors per day")
    options = parser.parse_args()
    half = "heldout" if options.heldout else "dev"
    annotations = read_annotations(NEWS / f"{half}_events.jsonl")
    articles = NEWS / f"{half}.jsonl"
    outlets = {r["id"]: r.get("source") for r in map(json.loads, articles.read_text(encoding="utf-8").splitlines()) if r}
    with coded_store(articles, options.db) as db:
        with Store(db, read_only=True) as store:
            end_to_end = {dyadic: score_store(store.connection, annotations, dyadic) for dyadic in (True, False)}
        if options.series:
            for point in api.dyad_series(db, *options.series, by="day").points:
                if point.events:
                    print(point.period, point.events, point.net_cooperation)
    alone = {dyadic: score_merge(annotations, outlets, dyadic=dyadic) for dyadic in (True, False)}
    rows = [
        row("end to end, act by directed dyad", end_to_end[True]),
        row("end to end, act", end_to_end[False]),
        row("merge rule alone, act by directed dyad", alone[True]),
        row("merge rule alone, act", alone[False]),
    ]
    markdown = (
        f"The {half} half of the annotated news set (`tests/golden/news/{half}_events.jsonl`). *End to end*: the "
        "mentions the coder finds that match an annotated event (same sentence, root and countries), clustered as "
        "dedup merged them; *merge rule alone*: the annotated events themselves, dated as annotated, merged by "
        "`tinkuy.dedup.merge`. *Act by directed dyad*: the annotated act split by the countries on each side, as a "
        "dataset of directed dyads must; *act*: the bare act keys.\n\n"
        + table(["measure", "B-cubed precision", "recall", "F1", "mentions", "acts"], rows)
    )
    print(markdown)
    if not options.heldout and not options.db:
        write_section("identity", f"## Event identity (`python bench/identity.py`)\n\n{markdown}")


if __name__ == "__main__":
    main()

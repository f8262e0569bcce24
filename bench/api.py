"""How long the web API takes, and how much memory, on a store of a million mentions.

    python bench/api.py                       # 1,000,000 mentions, 300 requests; writes docs/benchmarks.md
    python bench/api.py --mentions 20000 --requests 50 --no-write

The store is synthetic but shaped like a real one: articles of ten mentions
each, from 40 outlets, between 150 countries (and their governments and
militaries) over 25 years, with the CAMEO codes, modalities and attributions
spread as the coder gives them, and three mentions in five placed (at one of
5,000 towns in 20 countries, or one in seven at a country alone); ingest's
dedup merges the mentions. The
requests are drawn by Hypothesis from every parameter of every endpoint
(``request_strategy``), the extremes included: the most dyads, the longest
pages, the deepest offsets, series by day over the whole range. Each is sent
to the app in this process, one at a time; its time is measured, and the
process's peak memory before and after all of them gives the most any one
request added. The target: every answer within 2 s and 500 MB, or a 422.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import statistics
import sys
import tempfile
import time
import warnings
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyarrow as pa  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from bench.report import machine, table, write_section  # noqa: E402
from tinkuy.analysis import PERIODS, UNITS  # noqa: E402
from tinkuy.coding.codebook import load_codebook  # noqa: E402
from tinkuy.datafiles import data_path, read_table  # noqa: E402
from tinkuy.dedup import CORROBORATION_LEVELS, deduplicate  # noqa: E402
from tinkuy.event_records import events_table  # noqa: E402
from tinkuy.ids import content_hash  # noqa: E402
from tinkuy.store import ARTICLES, Store  # noqa: E402
from tinkuy.web.params import MAX_DYADS, MAX_PAGE, MAX_PLACES, MAX_TOP  # noqa: E402

SECONDS, MEGABYTES = 2.0, 500
"""The target for one request."""
MENTIONS_PER_ARTICLE = 10
FIRST, LAST = dt.date(2000, 1, 1), dt.date(2024, 12, 31)
SECTORS = ("", "GOV", "MIL")
PLACED_COUNTRIES = (
    "EC",
    "US",
    "MX",
    "CO",
    "PE",
    "BR",
    "AR",
    "VE",
    "CL",
    "BO",
    "UA",
    "RU",
    "CN",
    "FR",
    "DE",
    "GB",
    "NG",
    "KE",
    "IN",
    "FJ",
)
TOWNS = 5_000


def build_store(path: Path, mentions: int, seed: int = 1) -> Path:
    """A deduplicated store of ``mentions`` synthetic mentions (see the module's docstring)."""
    rng = random.Random(seed)
    countries = [row["code"] for row in read_table(data_path("actors", "countries.tsv"), ("code",))][:150]
    codes = [(code, event.quad_class, event.goldstein) for code, event in load_codebook().codes.items() if len(code) >= 3]
    outlets = [f"Outlet {n}" for n in range(40)]
    days = (LAST - FIRST).days
    with Store(path) as store:
        for start in range(0, mentions, 50_000):
            articles, events = [], []
            for number in range(start // MENTIONS_PER_ARTICLE, min(start + 50_000, mentions) // MENTIONS_PER_ARTICLE):
                article_id = content_hash("article", number)
                published = FIRST + dt.timedelta(days=rng.randrange(days))
                outlet = rng.choice(outlets)
                articles.append(_article(article_id, number, published, outlet))
                events += [_event(rng, article_id, index, published, countries, codes) for index in range(MENTIONS_PER_ARTICLE)]
            _insert(store, "articles", pa.Table.from_pylist(articles, schema=ARTICLES))
            _insert(store, "events", events_table(events))
        deduplicate(store)
    return path


def _insert(store: Store, name: str, rows: pa.Table) -> None:
    store.connection.register("rows", rows)
    store.connection.execute(f"INSERT INTO {name} ({', '.join(rows.schema.names)}) SELECT * FROM rows")
    store.connection.unregister("rows")


def _article(article_id: str, number: int, published: dt.date, outlet: str) -> dict[str, Any]:
    return {
        "article_id": article_id, "doc_id": f"doc-{number}", "title": f"Article {number}", "published": published,
        "date_source": "input", "url": f"https://news.example/{number}", "outlet": outlet, "origin": f"feed.jsonl:{number}",
        "genre": "news", "language": "en", "n_sentences": MENTIONS_PER_ARTICLE, "n_events": MENTIONS_PER_ARTICLE,
    }  # fmt: skip


def _event(
    rng: random.Random, article_id: str, index: int, published: dt.date, countries: list[str], codes: list
) -> dict[str, Any]:
    source, target = (rng.choice(countries) + rng.choice(SECTORS) for _ in range(2))
    cameo, quad_class, goldstein = rng.choice(codes)
    day = published - dt.timedelta(days=rng.randrange(4))
    sentence = f"{source} acted on {target} in sentence {index}."
    attribution = rng.choice(("author", "author", "named", "anonymous"))
    town = rng.randrange(TOWNS)

    def actor(code: str) -> dict[str, Any]:
        return {"text": code, "code": code, "country": code[:3], "sector": code[3:] or None, "name": None}

    return {
        "event_id": content_hash(article_id, index), "article_id": article_id, "doc_id": article_id, "sentence_index": index,
        "sentence": sentence, "date": day, "date_precision": "day", "source": actor(source), "target": actor(target),
        "cameo": cameo, "root": cameo[:2], "plover": None, "quad_class": quad_class, "goldstein": goldstein,
        "modality": rng.choice(("asserted", "asserted", "asserted", "negated", "future", "hypothetical")),
        "attribution": {"type": attribution, "text": None if attribution == "author" else "a source"},
        "hedged": rng.random() < 0.1, "genre": "news", "language": "en",
        "location": _location(town, rng.random() < 1 / 7) if rng.random() < 0.6 else None,
        "evidence": {
            "source_span": [0, len(source)], "target_span": [len(source) + 9, len(source) + 9 + len(target)],
            "event_spans": [[len(source) + 1, len(source) + 6]], "rule": "bench", "source_entry": None,
            "target_entry": None, "date_text": None, "date_source": "publication", "notes": [],
        },
    }  # fmt: skip


def _location(town: int, country_only: bool) -> dict[str, Any]:
    """A synthetic town (or, ``country_only``, its country): its own id, country and position."""
    return {
        "text": f"Town {town}", "name": f"Town {town}", "country_code": PLACED_COUNTRIES[town % len(PLACED_COUNTRIES)],
        "admin1": None, "latitude": town % 140 - 60.0, "longitude": town % 359 - 179.0,
        "geonames_id": TOWNS + 1 + town % len(PLACED_COUNTRIES) if country_only else town + 1,
        "precision": "country" if country_only else "place", "sentence_index": 0, "span": [0, 4],
        "rule": "clause", "resolution": "bench",
    }  # fmt: skip


def request_strategy(countries: list[str], outlets: list[str]) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """An API request: an endpoint and its query, any valid value of each parameter, extremes included."""
    code = st.one_of(st.sampled_from(countries), st.sampled_from(["USA", "USAGOV", "ECUMIL", "IGO", "XYZ", "---"]))
    day = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)) | st.dates(FIRST, LAST)
    filters = {
        "start": day, "end": day, "actor": code, "source": code, "target": code,
        "dyad": st.tuples(code, code).map(":".join), "cameo": st.sampled_from(["01", "04", "19", "190", "0431", "20"]),
        "quad_class": st.integers(1, 4), "outlet": st.sampled_from(outlets), "attribution": st.sampled_from(["author", "named", "anonymous"]),
        "corroboration": st.sampled_from(CORROBORATION_LEVELS), "hedged": st.booleans(),
        "modality": st.sampled_from(["asserted", "negated", "future", "hypothetical", "any"]),
        "country": st.sampled_from([*PLACED_COUNTRIES[:5], "ZZ"]), "place": st.integers(1, TOWNS + 30),
        "bbox": st.tuples(st.integers(-180, 179), st.integers(-90, 0), st.integers(-180, 179), st.integers(0, 90)).map(
            lambda box: ",".join(map(str, box))
        ),
    }  # fmt: skip
    own = {
        "/api/series": {"top": st.integers(1, MAX_DYADS), "by": st.sampled_from(PERIODS), "unit": st.sampled_from(UNITS)},
        "/api/dyads": {"top": st.integers(1, MAX_TOP), "level": st.sampled_from(["country", "sector"]), "unit": st.sampled_from(UNITS)},
        "/api/network": {"top": st.integers(1, MAX_TOP), "level": st.sampled_from(["country", "sector"]), "unit": st.sampled_from(UNITS)},
        "/api/timeline": {"top": st.integers(1, MAX_DYADS), "limit": st.integers(1, MAX_TOP)},
        "/api/events": {"order": st.sampled_from(["date", "key"]), "limit": st.integers(1, MAX_PAGE), "offset": st.integers(0, 1_000_000)},
        "/api/overview": {},
        "/api/places": {"limit": st.integers(1, MAX_PLACES)},
    }  # fmt: skip

    def query(path: str) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
        chosen = own[path] | (filters if path != "/api/overview" else {})
        return st.fixed_dictionaries({}, optional=chosen).map(
            lambda q: (path, {k: str(v).lower() if isinstance(v, bool) else v for k, v in q.items()})
        )

    return st.sampled_from(sorted(own)).flatmap(query)


def measure(db: Path, requests: int, seed: int = 1) -> dict[str, Any]:
    """Send ``requests`` drawn requests; per endpoint the statuses and times, and the peak memory added."""
    from tinkuy.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    countries = [row["code"] for row in read_table(data_path("actors", "countries.tsv"), ("code",))][:150]
    strategy = request_strategy(countries, [f"Outlet {n}" for n in range(40)])
    drawn = _draw(strategy, requests, seed)
    times: defaultdict[str, list[float]] = defaultdict(list)
    statuses: Counter[tuple[str, int]] = Counter()
    slowest: tuple[float, str, dict[str, Any]] = (0.0, "", {})
    with TestClient(create_app(db), base_url="http://localhost") as client:
        client.get("/api/overview")
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for path, query in drawn:
            started = time.perf_counter()
            response = client.get(path, params=query)
            took = time.perf_counter() - started
            statuses[(path, response.status_code)] += 1
            times[path].append(took)
            slowest = max(slowest, (took, path, query), key=lambda s: s[0])
        added = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    return {"times": dict(times), "statuses": statuses, "slowest": slowest, "added_mb": added}


def _draw(strategy: st.SearchStrategy[Any], count: int, seed: int) -> list[Any]:
    """``count`` examples of ``strategy``, the same for the same seed."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as fixed

    found: list[Any] = []

    @fixed(seed)
    @settings(max_examples=count, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(example: Any) -> None:
        found.append(example)

    collect()
    return found[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--store", type=Path, help="the store to build, or to reuse when it exists")
    parser.add_argument("--no-write", action="store_true", help="print the figures without writing docs/benchmarks.md")
    options = parser.parse_args()
    db = options.store or Path(tempfile.mkdtemp()) / "api.duckdb"
    if not db.exists():
        started = time.perf_counter()
        build_store(db, options.mentions)
        print(f"built {db} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with Store(db, read_only=True) as store:
        counts = store.counts(("articles", "events", "merged_events"))
    found = measure(db, options.requests)
    rows = []
    for path, seconds in sorted(found["times"].items()):
        answers = ", ".join(f"{n} × {status}" for (p, status), n in sorted(found["statuses"].items()) if p == path)
        rows.append([f"`{path}`", answers, f"{statistics.median(seconds):.3f} s", f"{max(seconds):.3f} s"])
    took, path, query = found["slowest"]
    markdown = "\n\n".join(
        [
            "## The web API on a million mentions (`python bench/api.py`)",
            f"A synthetic store of {counts['events']:,} mentions ({counts['merged_events']:,} merged events, {counts['articles']:,} articles);"
            f" {sum(found['statuses'].values())} requests drawn by Hypothesis over every parameter of every endpoint, sent one at a"
            f" time to the app in the benchmark's process, on {machine()}. Target: each within {SECONDS:g} s and {MEGABYTES} MB, or a 422.",
            table(["endpoint", "answers", "median", "slowest"], rows),
            f"Slowest request: `{path}` with `{query}`, {took:.2f} s. Peak memory added by all the requests: {found['added_mb']:.0f} MB.",
        ]
    )
    print(markdown)
    if not options.no_write:
        write_section("api", markdown)


if __name__ == "__main__":
    main()

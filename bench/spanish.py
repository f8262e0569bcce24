"""Accuracy and speed of the Spanish pipeline; ``bench/accuracy.py`` runs it as its Spanish section.

    python bench/accuracy.py --spanish            # only this section, written to docs/benchmarks.md
    python bench/accuracy.py --spanish --heldout  # with the held-out half of the Spanish news set

- UniversalPetrarch's Spanish validation (universalpetrarch_validation_es.jsonl), at the level
  root + dyad, as ``tinkuy eval`` scores it: with tinkuy's Spanish knowledge alone, and with
  UniversalPetrarch's own Spanish actor and agent dictionaries in place of tinkuy's actors (the
  gold codes actors in their vocabulary: "COLELI", "~REB", "IGOREL").
- UniversalPetrarch's PLOVER-labelled Spanish protest set (plover_examples_es.jsonl): the share of
  annotated events whose type tinkuy finds in the sentence. The set uses the 2018 labels; DEMAND is
  today's REQUEST, DISAPPROVE and INVESTIGATE are ACCUSE, "SACTION" is a typo for SANCTION; CRIME
  has no type today and is never found.
- The Spanish news set (tests/golden/news_es): the development half, and with ``--heldout``
  the held-out half, scored as ``tinkuy eval ... --exhaustive`` does.
- Speed: coding the Spanish news articles end to end against parsing them alone with the Spanish
  model, in the same process, as a ratio.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from bench.report import SHARED, machine, table
from tinkuy.coding.extract import Knowledge
from tinkuy.dictionaries import Dictionaries
from tinkuy.evaluate import Counts, evaluate, evaluate_annotations, read_gold, scorable
from tinkuy.ingest import read_paths
from tinkuy.model import Article, CodedArticle
from tinkuy.pipeline import Pipeline

DATA = SHARED / "data"
UP = DATA / "universalpetrarch_spanish"
NEWS = Path(__file__).resolve().parent.parent / "tests" / "golden" / "news_es"
TODAY = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "SACTION": "SANCTION"}
"""The 2018 PLOVER labels of the Spanish protest set, as today's types."""


def spanish_pipeline(dictionaries: Dictionaries | None = None) -> Pipeline:
    """A pipeline coding Spanish only, with tinkuy's Spanish knowledge or with PETRARCH actor and agent
    dictionaries in place of its actors and role words."""
    knowledge = Knowledge.bundled(dictionaries, language="es") if dictionaries else Knowledge.bundled(language="es")
    return Pipeline(knowledges={"es": knowledge}).accepting(("es",))


def _rate(counts: Counts) -> list[str]:
    return [
        f"{counts.recall:.3f}",
        f"{counts.precision:.3f}",
        f"{counts.false_positives / max(counts.true_positives + counts.false_negatives, 1):.0%}",
    ]


def validation(bundled: Pipeline) -> str:
    """UniversalPetrarch's Spanish validation at root + dyad, with each actor vocabulary."""
    with_up = spanish_pipeline(
        Dictionaries(actors=(UP / "actors_unified_181220.txt", UP / "actors_COL.txt"), agents=(UP / "agents_181220.txt",))
    )
    gold = [r for r in read_gold(DATA / "universalpetrarch_validation_es.jsonl") if scorable(r, bundled.knowledge.codebook)]
    rows = []
    for name, pipeline in (("tinkuy's Spanish knowledge", bundled), ("UniversalPetrarch's actors and agents", with_up)):
        evaluation = evaluate(gold, pipeline)
        rows.append([name, *_rate(evaluation.levels["root_dyad"]), *_rate(evaluation.levels["root"])[:2]])
    events = sum(len(r.events) for r in gold)
    return (
        f"{len(gold)} records, {events} gold events; UniversalPetrarch on its own gold: 44% found, spurious events 315% "
        "of the gold count. Spurious is the count of coded events matching no gold event, over the gold count.\n\n"
        + table(["actors", "root+dyad recall", "root+dyad precision", "spurious", "root recall", "root precision"], rows)
    )


def plover(pipeline: Pipeline) -> str:
    """The share of the protest set's annotated events whose type tinkuy finds in their sentence."""
    rows = [json.loads(line) for line in (DATA / "plover_examples_es.jsonl").read_text().splitlines() if line.strip()]
    by_text: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        by_text[row["text"]].add(TODAY.get(row["event_type"], row["event_type"]))
    texts = list(by_text)
    articles = [Article(f"p{i}", f"p{i}", text) for i, text in enumerate(texts)]
    found = {
        text: {e.plover for e in result.events if e.plover} if isinstance(result, CodedArticle) else set()
        for text, result in zip(texts, pipeline.run(articles), strict=True)
    }
    recalled = sum(TODAY.get(row["event_type"], row["event_type"]) in found[row["text"]] for row in rows)
    coded = sum(len(v) for v in found.values())
    correct = sum(len(types & by_text[text]) for text, types in found.items())
    return (
        f"{len(rows)} annotated events in {len(texts)} sentences: type found for **{recalled / len(rows):.1%}** ({recalled}); "
        f"of the {coded} types tinkuy codes there, {correct / max(coded, 1):.1%} are among the sentence's gold types."
    )


def news(pipeline: Pipeline, half: str) -> str:
    """A half of the Spanish news set, scored exhaustively."""
    score = evaluate_annotations(
        [NEWS / f"{half}_events.jsonl", NEWS / f"{half}_absent.jsonl"], [NEWS / f"{half}.jsonl"], pipeline, exhaustive=True
    )
    for line in score.lines(with_errors=True)[len(score.lines()) :]:
        print(line)
    rows = [[level, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"] for level, c in score.levels.items()]
    return (
        f"{score.events} annotated events in {score.articles} articles; {score.absences_kept} of {score.absences} traps kept. "
        "Precision counts every asserted event that matches no annotation as wrong.\n\n"
        + table(["level", "precision", "recall", "F1"], rows)
    )


def speed(pipeline: Pipeline, rounds: int = 5) -> str:
    """Coding Spanish articles end to end against parsing them alone, best of three, same process."""
    articles = [a for a in read_paths([NEWS / "dev.jsonl"]) if isinstance(a, Article)] * rounds
    texts = [pipeline.prepare(a).text for a in articles]
    parser = pipeline.parser_of("es")
    list(pipeline.run(articles[:2]))  # loads the model and the knowledge
    parse, code = [], []
    for _ in range(3):
        start = time.perf_counter()
        for _doc in parser.pipe(texts):
            pass
        parse.append(time.perf_counter() - start)
        start = time.perf_counter()
        for _result in pipeline.run(articles):
            pass
        code.append(time.perf_counter() - start)
    words = sum(len(t.split()) for t in texts)
    return (
        f"{len(texts)} articles ({words:,} words), best of 3, one process, on {machine()}: parsing alone {min(parse):.2f} s "
        f"({words / min(parse):,.0f} words/s); the whole pipeline {min(code):.2f} s ({words / min(code):,.0f} words/s): "
        f"throughput **{min(parse) / min(code):.2f}** of the raw Spanish parse."
    )


def sections() -> dict[str, str]:
    bundled = spanish_pipeline()
    return {
        "Spanish: UniversalPetrarch validation": validation(bundled),
        "Spanish: PLOVER protest examples": plover(bundled),
        "Spanish news articles, development half": news(bundled, "dev"),
        **({"Spanish news articles, held-out half": news(bundled, "heldout")} if "--heldout" in sys.argv else {}),
        "Spanish speed: coding against parsing alone": speed(bundled),
    }

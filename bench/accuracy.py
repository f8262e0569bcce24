"""Accuracy on every gold set in ../shared/data, English and Spanish, and the cost of coding over parsing.

    python bench/accuracy.py            # prints the tables and writes them to docs/benchmarks.md
    python bench/accuracy.py --heldout  # the same with the held-out half of the news set

- PETRARCH2 unit tests (petrarch2_validation.jsonl), on the records ``tinkuy.evaluate``
  can score: with all three of the suite's test dictionaries (actors, agents, verbs), and
  with its actors and agents but tinkuy's own verb patterns.
- CAMEO example sentences (cameo_code_examples.jsonl): the share of examples for which
  tinkuy finds an event with the example's root, and with its exact code.
- PLOVER gold examples (plover_examples.jsonl): the share of annotated events whose
  PLOVER type tinkuy finds in the sentence, and the share of tinkuy's events there whose
  type is among the sentence's gold types.
- Seed articles (tests/golden/seed_events.jsonl): the annotated events found, and the
  expectations of absence kept.
- Demo corpus (tests/golden/demo_events.jsonl): precision and recall on the annotated events
  of the articles tinkuy codes (``tinkuy.evaluate.score_annotations``); the test suite holds
  them to floors.
- News articles (tests/golden/news): the development half, and with ``--heldout`` the held-out
  half, scored as ``tinkuy eval ... --exhaustive`` does; the misses are printed by class.
- Speed: coding the seeds and the demo corpus end to end against parsing alone with the
  same model and pipes, in the same process, as a ratio.
- Spanish: the Spanish gold sets and speed (``bench/spanish.py``); ``--spanish`` runs only them.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import spanish  # noqa: E402
from bench.report import SHARED, machine, table, write_section  # noqa: E402
from tinkuy import api  # noqa: E402
from tinkuy.datafiles import data_path  # noqa: E402
from tinkuy.errors import InputError  # noqa: E402
from tinkuy.evaluate import AnnotationScore, Counts, check_expectation, evaluate, evaluate_annotations, read_gold, scorable  # noqa: E402
from tinkuy.event_records import event_to_dict  # noqa: E402
from tinkuy.ingest import read_paths  # noqa: E402
from tinkuy.model import Article, CodedArticle  # noqa: E402
from tinkuy.pipeline import Pipeline  # noqa: E402

DATA = SHARED / "data"
GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"


def petrarch(pipeline_with_verbs: Pipeline, pipeline_own_verbs: Pipeline) -> str:
    gold = [r for r in read_gold(DATA / "petrarch2_validation.jsonl") if scorable(r, pipeline_with_verbs.knowledge.codebook)]
    rows = []
    for label, pipeline in (
        ("test actors, agents and verbs", pipeline_with_verbs),
        ("test actors and agents, tinkuy's verbs", pipeline_own_verbs),
    ):
        evaluation = evaluate(gold, pipeline)
        for level, counts in evaluation.levels.items():
            rows.append([label, level, f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}"])
    return f"{len(gold)} records scored, {sum(len(r.events) for r in gold)} gold events.\n\n" + table(
        ["dictionaries", "level", "precision", "recall", "F1"], rows
    )


def cameo_examples(pipeline: Pipeline) -> str:
    examples = [json.loads(line) for line in (DATA / "cameo_code_examples.jsonl").read_text().splitlines()]
    examples = [e for e in examples if e.get("example")]
    articles = [Article(f"x{i}", e["code"], e["example"]) for i, e in enumerate(examples)]
    root = exact = 0
    by_root: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for example, result in zip(examples, pipeline.run(articles), strict=True):
        codes = {e.cameo for e in result.events} if isinstance(result, CodedArticle) else set()
        hit_root = any(c[:2] == example["code"][:2] for c in codes)
        root += hit_root
        exact += example["code"] in codes
        by_root[example["code"][:2]][0] += 1
        by_root[example["code"][:2]][1] += hit_root
    n = len(examples)
    rows = [[r, total, f"{hits / total:.0%}"] for r, (total, hits) in sorted(by_root.items())]
    return (
        f"{n} example sentences: right root **{root / n:.1%}** ({root}), exact code **{exact / n:.1%}** ({exact}).\n\n"
        + table(["root", "examples", "right root"], rows)
    )


def plover_examples(pipeline: Pipeline) -> str:
    rows = [json.loads(line) for line in (DATA / "plover_examples.jsonl").read_text().splitlines()]
    by_text: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        by_text[row["text"]].add(row["event_type_plover_current"])
    texts = list(by_text)
    found_types: dict[str, list[str]] = {}
    articles = [Article(f"p{i}", f"p{i}", text) for i, text in enumerate(texts)]
    for text, result in zip(texts, pipeline.run(articles), strict=True):
        found_types[text] = [e.plover for e in result.events if e.plover] if isinstance(result, CodedArticle) else []
    recalled = sum(row["event_type_plover_current"] in found_types[row["text"]] for row in rows)
    found = sum(len(v) for v in found_types.values())
    correct = sum(t in by_text[text] for text, types in found_types.items() for t in types)
    return (
        f"{len(rows)} annotated events in {len(texts)} sentences: type found for **{recalled / len(rows):.1%}** "
        f"({recalled}); of the {found} events tinkuy codes there, **{correct / max(found, 1):.1%}** have a gold type of their sentence."
    )


def seeds(pipeline: Pipeline) -> str:
    results = list(pipeline.run(read_paths([SHARED / "seeds"])))
    events = [event_to_dict(e) for r in results if isinstance(r, CodedArticle) for e in r.events]
    golden = [json.loads(line) for line in (GOLDEN / "seed_events.jsonl").read_text().splitlines() if line.strip()]
    outcomes = [check_expectation(g, events) for g in golden]
    groups = {
        "plainly stated events": [o for o in outcomes if o.expectation.get("plain") is True],
        "harder events (coreference, nominal, metaphor)": [o for o in outcomes if o.expectation.get("plain") is False],
        "expected absences and non-assertions": [o for o in outcomes if "expect" in o.expectation],
    }
    rows = [[name, len(group), sum(o.met for o in group)] for name, group in groups.items()]
    missed = [
        f'- {o.expectation["doc_id"][:3]} "{o.expectation["sentence_contains"]}": {o.expectation["note"]}'
        for o in outcomes
        if not o.met
    ]
    return table(["annotation", "annotated", "met"], rows) + ("\n\nNot met:\n" + "\n".join(missed) if missed else "")


def _levels(score: AnnotationScore) -> str:
    rows = [[level, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"] for level, c in score.levels.items()]
    return table(["level", "precision", "recall", "F1"], rows)


def _rate(counts: Counts) -> str:
    scored = counts.true_positives + counts.false_negatives
    return f"{counts.true_positives} of {scored} ({counts.true_positives / max(scored, 1):.0%})"


def demo(pipeline: Pipeline) -> str:
    score = evaluate_annotations([GOLDEN / "demo_events.jsonl"], [data_path("demo")], pipeline)
    rejected = ", ".join(f"`{doc_id}` ({reason})" for doc_id, reason in score.rejected.items()) or "none"
    return (
        f"{score.events} annotated events in the {score.articles} articles tinkuy codes; annotated articles it rejects, "
        f"not scored: {rejected}. Attribution right on {_rate(score.attributions)} found events; "
        f"{score.absences_kept} of the {score.absences} annotated absences are kept. Levels as in "
        "`tinkuy.evaluate.annotations`; precision is over the events coded in annotated sentences.\n\n" + _levels(score)
    )


def news(pipeline: Pipeline, half: str) -> str:
    """A half of the hand-annotated news set, scored; its misses, by class, go to stdout."""
    folder = GOLDEN / "news"
    score = evaluate_annotations(
        [folder / f"{half}_events.jsonl", folder / f"{half}_absent.jsonl"], [folder / f"{half}.jsonl"], pipeline, exhaustive=True
    )
    for line in score.lines(with_errors=True)[len(score.lines()) :]:
        print(line)
    classes = [
        [c, n, score.found_by_class[c], f"{score.found_by_class[c] / n:.0%}"] for c, n in sorted(score.annotated_by_class.items())
    ]
    return (
        f"{score.events} annotated events in {score.articles} articles. Dates right on {_rate(score.dates)} found events "
        f"with an annotated date; attribution right on {_rate(score.attributions)}; {score.absences_kept} of "
        f"{score.absences} traps kept (no asserted event). Precision here counts every asserted event that matches "
        "no annotation as wrong; the hand-judged precision is reported apart.\n\n"
        + _levels(score)
        + "\n\nFound at the `dyad` level, by class (an event may be in several):\n\n"
        + table(["class", "annotated", "found", "recall"], classes)
    )


def speed(pipeline: Pipeline, rounds: int = 5) -> str:
    articles = [a for a in read_paths([SHARED / "seeds", data_path("demo")]) if isinstance(a, Article)]
    codable = [a for a in articles if _codable(pipeline, a)] * rounds
    texts = [pipeline.prepare(a).text for a in codable]
    nlp = pipeline.parser
    list(nlp.pipe(texts[:5]))  # warm up
    timings = {"parse": [], "code": []}
    for _ in range(3):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts):
            pass
        timings["parse"].append(time.perf_counter() - start)
        start = time.perf_counter()
        for _result in pipeline.run(codable):
            pass
        timings["code"].append(time.perf_counter() - start)
    parse, code = min(timings["parse"]), min(timings["code"])
    words = sum(len(t.split()) for t in texts)
    return (
        f"{len(texts)} articles ({words:,} words), best of 3, one process, on {machine()}: parsing alone {parse:.2f} s "
        f"({words / parse:,.0f} words/s); the whole pipeline (cleaning, parsing, actors, coding) {code:.2f} s "
        f"({words / code:,.0f} words/s). Coding adds **{code / parse - 1:.0%}** to the parse."
    )


def _codable(pipeline: Pipeline, article: Article) -> bool:
    try:
        pipeline.prepare(article)
        return True
    except InputError:  # a rejected article is simply not timed
        return False


def main() -> None:
    if not DATA.is_dir():
        sys.exit(f"the gold data is not at {DATA}")
    spanish_markdown = "\n\n".join(f"### {title}\n\n{body}" for title, body in spanish.sections().items())
    print(spanish_markdown)
    write_section("spanish", f"## Spanish (`python bench/accuracy.py --spanish`)\n\n{spanish_markdown}")
    if "--spanish" in sys.argv:
        return
    test_dictionaries = DATA / "petrarch2_validation_dictionaries"
    with_verbs = api.make_pipeline([test_dictionaries / f"PETR.Validate.{kind}.txt" for kind in ("actors", "agents", "verbs")])
    own_verbs = api.make_pipeline([test_dictionaries / f"PETR.Validate.{kind}.txt" for kind in ("actors", "agents")])
    bundled = Pipeline()
    sections = {
        "PETRARCH2 unit tests": petrarch(with_verbs, own_verbs),
        "CAMEO example sentences": cameo_examples(bundled),
        "PLOVER gold examples": plover_examples(bundled),
        "Seed articles": seeds(bundled),
        "Demo corpus": demo(bundled),
        "News articles, development half": news(bundled, "dev"),
        **({"News articles, held-out half": news(bundled, "heldout")} if "--heldout" in sys.argv else {}),
        "Speed: coding against parsing alone": speed(bundled),
    }
    markdown = "\n\n".join(f"### {title}\n\n{body}" for title, body in sections.items())
    print(markdown)
    write_section("accuracy", f"## Accuracy (`python bench/accuracy.py`)\n\n{markdown}")


if __name__ == "__main__":
    main()

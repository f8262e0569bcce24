"""Date resolution on annotated articles, apart from whether the events themselves are found.

    python bench/dates.py                       # the development half of the news set
    python bench/dates.py ANNOTATIONS.jsonl... --articles PATH... [--errors]

``tinkuy eval`` scores dates only on the events it finds at the dyad level, so its
date figure moves with recall. Here each annotated event that has a date is paired
with the event coded in its sentence that is closest to it (the same root first,
then the same source and target countries, then the same modality), and their dates
are compared at the annotated precision. An annotated event whose sentence yields no
event at all is counted apart, as unscored. ``--errors`` lists every wrong date with
the annotation's note and where the coded date came from (``date_source``).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tinkuy.evaluate.annotations import PRECISION_WIDTH, Annotation, country, read_annotations  # noqa: E402
from tinkuy.ingest import read_paths  # noqa: E402
from tinkuy.model import CodedArticle, Event  # noqa: E402
from tinkuy.pipeline import Pipeline  # noqa: E402

NEWS = Path(__file__).resolve().parent.parent / "tests" / "golden" / "news"


def closeness(annotation: Annotation, event: Event) -> tuple[bool, bool, bool, bool]:
    """How alike an annotated event and a coded one are, the most telling first."""
    source = event.source.code if event.source else ""
    target = event.target.code if event.target else ""
    return (
        event.root in annotation.roots,
        country(source) == country(annotation.source),
        country(target) == country(annotation.target),
        (event.modality == "asserted") == (annotation.modality == "asserted"),
    )


def spaced(text: str) -> str:
    return " ".join(text.split())


def check(annotations: list[Annotation], coded: Iterable[CodedArticle]) -> tuple[Counter[str], list[str]]:
    """Right, wrong and unscored dates of the annotated events, and a line per wrong one."""
    events = {article.article.doc_id: article.events for article in coded}
    counts: Counter[str] = Counter()
    errors: list[str] = []
    for annotation in annotations:
        if annotation.absent or annotation.date is None or annotation.doc_id not in events:
            continue
        mine = [e for e in events[annotation.doc_id] if annotation.part in spaced(e.sentence)]
        if not mine:
            counts["unscored"] += 1
            continue
        event = max(mine, key=lambda e: closeness(annotation, e))
        width = PRECISION_WIDTH.get(annotation.precision, PRECISION_WIDTH["day"])
        right = event.date is not None and event.date.isoformat()[:width] == annotation.date[:width]
        counts["right" if right else "wrong"] += 1
        if not right:
            errors.append(
                f"[{annotation.doc_id}] want {annotation.date[:width]} got {event.date} "
                f"({event.evidence.date_source}: {event.evidence.date_text!r}) {event.cameo} | {annotation.part} ({annotation.note})"
            )
    return counts, errors


def main(argv: list[str]) -> None:
    errors_wanted = "--errors" in argv
    argv = [a for a in argv if a != "--errors"]
    if "--articles" in argv:
        split = argv.index("--articles")
        gold_paths, inputs = [Path(a) for a in argv[:split]], [Path(a) for a in argv[split + 1 :]]
    else:
        gold_paths, inputs = [NEWS / "dev_events.jsonl"], [NEWS / "dev.jsonl"]
    annotations = [a for path in gold_paths for a in read_annotations(path)]
    coded = [r for r in Pipeline().run(read_paths(inputs)) if isinstance(r, CodedArticle)]
    counts, errors = check(annotations, coded)
    scored = counts["right"] + counts["wrong"]
    print(f"dates right: {counts['right']} of {scored} ({counts['right'] / max(scored, 1):.3f}); unscored: {counts['unscored']}")
    if errors_wanted:
        print("\n".join(errors))


if __name__ == "__main__":
    main(sys.argv[1:])

"""Expectations about an article's events: an event that must be there, or none that may.

The seed articles' annotation (``tests/golden/seed_events.jsonl``) states what a
reader must get from real, messy pages: an event by its actors' code prefixes
and acceptable roots, or the absence of any (asserted, news) event in a
sentence of page furniture, a condition or an opinion.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Outcome:
    """Whether one expectation about an article's events holds, and what was found."""

    expectation: dict[str, Any]
    met: bool
    found: tuple[str, ...]


def check_expectation(expectation: dict[str, Any], events: list[dict[str, Any]]) -> Outcome:
    """Check one annotated expectation against event records.

    An expectation names a document and a sentence (by a part of its text) and
    either an event that must be there (``source`` and ``target`` code
    prefixes, acceptable ``roots``, and optionally ``date``, ``attribution``,
    ``modality``), or ``"expect": "absent"`` (no event from that sentence),
    ``"not_asserted"`` (no asserted event), ``"not_asserted_news"`` (no
    asserted event marked as news) or ``"genre"`` (every event of the document
    has the given genre).
    """
    in_doc = [e for e in events if e["doc_id"] == expectation["doc_id"]]
    part = expectation.get("sentence_contains")
    in_sentence = [e for e in in_doc if part is None or part in e["sentence"]]
    kind = expectation.get("expect", "event")
    if kind == "absent":
        bad = in_sentence
    elif kind == "not_asserted":
        bad = [e for e in in_sentence if e["modality"] == "asserted"]
    elif kind == "not_asserted_news":
        bad = [e for e in in_sentence if e["modality"] == "asserted" and e["genre"] == "news"]
    elif kind == "genre":
        bad = [e for e in in_doc if e["genre"] != expectation["genre"]]
    else:
        good = [e for e in in_sentence if _meets(expectation, e)]
        return Outcome(expectation, bool(good), tuple(map(_describe, good or in_sentence)))
    return Outcome(expectation, not bad, tuple(map(_describe, bad)))


def _meets(expectation: dict[str, Any], event: dict[str, Any]) -> bool:
    return (
        event["source"]["code"].startswith(expectation["source"])
        and (event["target"] or {"code": ""})["code"].startswith(expectation["target"])
        and event["root"] in expectation["roots"]
        and str(event["date"] or "").startswith(expectation.get("date", ""))
        and event["attribution"]["type"] == expectation.get("attribution", event["attribution"]["type"])
        and event["modality"] == expectation.get("modality", event["modality"])
    )


def _describe(event: dict[str, Any]) -> str:
    target = event["target"]["code"] if event["target"] else "-"
    return f"{event['source']['code']} -{event['cameo']}-> {target} {event['modality']} {event['attribution']['type']} ({event['evidence']['rule']})"

"""Genre: does an article report (news) or argue (opinion)?

Opinion writing speaks in the first person, exhorts, asks rhetorical
questions and rarely attributes; news attributes ("said", "according to")
and dates its events. Signs of both are counted outside quotations (a quoted
"I think" is someone else's voice) with the weights in
``data/coding/genre.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..datafiles import data_path, read_table
from ..model import Genre

OPINION_THRESHOLD = 1.0
"""Opinion signs per 100 words above which, and above the news signs, a text is opinion."""
_QUOTED = re.compile(r"[\"“][^\"”]{0,600}[\"”]")


@dataclass(frozen=True, slots=True)
class GenreSign:
    pattern: re.Pattern[str]
    side: str
    weight: float


def load_signs(path: Path | None = None) -> tuple[GenreSign, ...]:
    rows = read_table(path or data_path("coding", "genre.tsv"), ("pattern", "side", "weight"))
    return tuple(GenreSign(re.compile(r["pattern"], re.IGNORECASE), r["side"], float(r["weight"])) for r in rows)


def _unquoted(text: str) -> str:
    """The text without quotations: quoted spans, and block quotes, the paragraphs
    introduced by a paragraph ending in a colon ("he has said:")."""
    paragraphs = text.split("\n\n")
    kept = [p for i, p in enumerate(paragraphs) if i == 0 or not paragraphs[i - 1].rstrip().endswith(":")]
    return _QUOTED.sub(" ", "\n\n".join(kept))


def genre_scores(text: str, signs: tuple[GenreSign, ...]) -> dict[str, float]:
    """Weighted signs of each genre per 100 words, quotations left out."""
    unquoted = _unquoted(text)
    words = max(len(unquoted.split()), 1)
    scores = {"opinion": 0.0, "news": 0.0}
    for sign in signs:
        scores[sign.side] += sign.weight * len(sign.pattern.findall(unquoted))
    return {side: 100 * score / words for side, score in scores.items()}


def judge_genre(text: str, signs: tuple[GenreSign, ...]) -> Genre:
    scores = genre_scores(text, signs)
    return "opinion" if scores["opinion"] >= OPINION_THRESHOLD and scores["opinion"] > scores["news"] else "news"

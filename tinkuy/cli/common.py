"""What the command groups share: exit statuses, a command's handler, options more than one group takes.

Imported to build every parser, so it imports nothing heavy.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from ..language import SUPPORTED
from ..limits import FIRST_DAY, last_day, sane_date

N = TypeVar("N", int, float)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3


@dataclass(frozen=True)
class Handler:
    """A command: what adds its options to its parser, and what runs it (returning its exit status)."""

    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def wanted(flag: bool) -> bool:
    """Whether to write progress or a summary on stderr: when asked, or when stderr is a terminal."""
    return flag or sys.stderr.isatty()


def positive(kind: Callable[[str], N], most: N | None = None) -> Callable[[str], N]:
    """An argparse type: a finite number of ``kind`` above zero, and at most ``most`` when given."""

    def parse(text: str) -> N:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {'a whole number' if kind is int else 'a number'}") from None
        if not math.isfinite(value) or value <= 0:
            raise argparse.ArgumentTypeError(f"{text} must be a number above zero")
        if most is not None and value > most:
            raise argparse.ArgumentTypeError(f"{text} is more than the most allowed, {most:,}")
        return value

    return parse


def day(text: str) -> dt.date:
    """An argparse type: a date written YYYY-MM-DD."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(text)
    raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD")


def publication_day(text: str) -> dt.date:
    """An argparse type: a publication date, YYYY-MM-DD, between 1900 and ten years from now."""
    found = day(text)
    if not sane_date(found):
        raise argparse.ArgumentTypeError(f"{text} is not between {FIRST_DAY} and {last_day()}")
    return found


def dictionaries(sub: argparse.ArgumentParser) -> None:
    """The ``--actors`` option of the commands that code."""
    sub.add_argument(
        "--actors",
        nargs="+",
        default=[],
        metavar="DICT",
        help="PETRARCH/TABARI actor, agent and verb dictionaries to use instead of the bundled actors, role words and verb patterns",
    )


def languages(sub: argparse.ArgumentParser) -> None:
    """The ``--language`` option of the commands that code."""
    sub.add_argument(
        "--language",
        choices=("auto", *SUPPORTED),
        default="auto",
        help="code articles in this language only, rejecting the others (default auto: each in its own language)",
    )

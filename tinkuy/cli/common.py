"""What the command groups share: exit statuses, a command's handler, options more than one group takes.

Imported to build every parser, so it imports nothing heavy.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass

from ..language import SUPPORTED

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3


@dataclass(frozen=True)
class Handler:
    """A command: what adds its options to its parser, and what runs it (returning its exit status)."""

    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def wanted(flag: bool) -> bool:
    """Whether to write progress or a summary on stderr: when asked, or when stderr is a terminal."""
    return flag or sys.stderr.isatty()


def positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    """An argparse type: a number of ``kind`` above zero."""

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text} must be above zero")
        return value

    return parse


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

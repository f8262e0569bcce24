"""The ``tinkuy`` command: thin commands over ``tinkuy.api``, one module per group of commands.

Data (events) goes to stdout; progress and summaries go to stderr, and only
when stderr is a terminal unless asked for with ``--progress``/``--summary``.

Exit status: 0 all went well; 1 the run failed (a bug, a database error);
2 a usage error; 3 the run completed but some inputs were rejected.

Every command is registered in ``COMMANDS``, with its help and the module of
its group (``coding``, ``analysis``, ``tools``), whose ``HANDLERS`` add its
options and run it. Only the module of the command given is imported: the
library, spaCy and DuckDB load for the commands that use them, and
``tinkuy --help`` answers without them.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import TinkuyError, UsageError
from .common import EXIT_FAILED, EXIT_OK, EXIT_REJECTED, EXIT_USAGE, Handler

__all__ = ["COMMANDS", "EXIT_FAILED", "EXIT_OK", "EXIT_REJECTED", "EXIT_USAGE", "build_parser", "main", "run"]


@dataclass(frozen=True)
class Command:
    group: str
    """The module of ``tinkuy.cli`` whose ``HANDLERS`` hold the command."""
    help: str


COMMANDS = {
    "code": Command("coding", "code files, folders and globs; events to stdout"),
    "ingest": Command("coding", "code files into a DuckDB store (idempotent, resumable)"),
    "export": Command("coding", "write the stored events"),
    "eval": Command("tools", "precision, recall and F1 against gold event records"),
    "dictionary-import": Command("tools", "convert the people of PETRARCH actor dictionaries into a tinkuy people table"),
    "info": Command("tools", "versions, the spaCy model and its pipes, dictionary sizes"),
    "demo": Command("coding", "code the demo corpus shipped with tinkuy, and write its report"),
    "dedup": Command("coding", "merge the stored mentions into events again (ingest does it)"),
    "dyad": Command("analysis", "how relations between two actors moved: counts per QuadClass, Goldstein, net cooperation"),
    "actors": Command("analysis", "the actor network: the most active actors and the events between them"),
    "report": Command("analysis", "write one self-contained HTML report: charts, network, timeline, events"),
    "serve": Command("analysis", "explore a store in the browser: a local web app with a JSON API"),
}
"""Every command, in the order ``tinkuy --help`` lists them."""


def handler(name: str) -> Handler:
    """The options and the function of the command ``name``, from its group's module."""
    module = importlib.import_module(f"{__name__}.{COMMANDS[name].group}")
    found: Handler = module.HANDLERS[name]
    return found


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The command line's parser, with the options of the command named in ``argv``.

    The other commands are listed with their help but without their options,
    which parsing ``argv`` does not need.
    """
    parser = argparse.ArgumentParser(prog="tinkuy", description="Turn news articles into explained CAMEO event data.")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log messages on stderr")
    commands = parser.add_subparsers(dest="command", required=True)
    named = next((word for word in argv if not word.startswith("-")), None)  # the options before it take no values
    for name, command in COMMANDS.items():
        sub = commands.add_parser(name, help=command.help, description=command.help)
        if name == named:
            chosen = handler(name)
            chosen.arguments(sub)
            sub.set_defaults(handler=chosen.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        options = build_parser(arguments).parse_args(arguments)
    except SystemExit as exit:  # argparse has printed the help, or a usage error with its message
        return int(exit.code or 0)
    logging.basicConfig(level=logging.WARNING - 10 * options.verbose, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(options.handler(options))
    except UsageError as error:
        print(f"tinkuy: {error}", file=sys.stderr)
        return EXIT_USAGE
    except TinkuyError as error:
        print(f"tinkuy: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK


def run() -> None:
    sys.exit(main())

"""``python -m tinkuy``: the command line."""

from .cli import run

run()

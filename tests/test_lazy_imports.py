"""``import tinkuy`` and ``tinkuy --help`` load no heavy library; every public name and command is still there."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import tinkuy
from tinkuy.cli import COMMANDS, build_parser

HEAVY = ("spacy", "duckdb", "pyarrow", "numpy", "uvicorn", "fastapi", "dask", "distributed", "trafilatura")


def loaded_after(code: str) -> set[str]:
    """The heavy libraries a fresh interpreter has imported after running ``code``."""
    report = "import json, sys; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    done = subprocess.run([sys.executable, "-c", f"{code}\n{report}"], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.splitlines()[-1])) & set(HEAVY)


def test_importing_tinkuy_loads_no_heavy_library():
    assert loaded_after("import tinkuy") == set()


def test_the_command_line_help_loads_no_heavy_library():
    code = "import contextlib, io, tinkuy.cli\nwith contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n    tinkuy.cli.main(['--help'])"
    assert loaded_after(code) == set()


def test_the_help_lists_every_command():
    shown = subprocess.run([sys.executable, "-m", "tinkuy", "--help"], capture_output=True, text=True, check=True).stdout
    assert all(name in shown and command.help[:40] in " ".join(shown.split()) for name, command in COMMANDS.items())


def test_every_public_name_is_found_where_it_is_declared():
    for name in tinkuy.__all__:
        assert getattr(tinkuy, name) is getattr(importlib.import_module(f"tinkuy.{tinkuy._HOMES[name]}"), name)
    assert set(tinkuy.__all__) <= set(dir(tinkuy))


def test_every_command_is_registered_with_the_group_that_runs_it():
    groups = {command.group: importlib.import_module(f"tinkuy.cli.{command.group}") for command in COMMANDS.values()}
    assert sorted(name for module in groups.values() for name in module.HANDLERS) == sorted(COMMANDS)
    for name, command in COMMANDS.items():
        options = build_parser([name]).parse_args([name, *_required(name)])
        assert options.handler is groups[command.group].HANDLERS[name].run


def _required(name: str) -> list[str]:
    """Arguments enough for the command ``name`` to parse."""
    needed = {
        "code": ["x"],
        "ingest": ["x", "--db", "d"],
        "export": ["--db", "d"],
        "eval": ["g"],
        "dictionary-import": ["x", "-o", "o"],
        "dedup": ["--db", "d"],
        "dyad": ["USA", "ECU", "--db", "d"],
        "actors": ["--db", "d"],
        "report": ["--db", "d", "-o", "o"],
        "serve": ["--db", "d"],
    }
    return needed.get(name, [])


def test_the_readers_package_does_not_hide_the_function_ingest():
    for first in ("import tinkuy.ingest", "from tinkuy.ingest import read_paths", "import tinkuy.api"):
        code = f"{first}\nimport tinkuy, tinkuy.api\nassert tinkuy.ingest is tinkuy.api.ingest, tinkuy.ingest\nprint('ok')"
        assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout == "ok\n"

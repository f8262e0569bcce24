"""The coder's whole output on the demo corpus and the seed articles, kept as a snapshot.

A refactoring must leave every event record identical. A change meant to alter
coding updates the snapshot on purpose, and the diff of
``tests/golden/snapshot/`` shows in review exactly which events it changed::

    TINKUY_UPDATE_SNAPSHOT=1 python -m pytest tests/test_snapshot.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tinkuy import api
from tinkuy.datafiles import data_path
from tinkuy.event_records import event_to_dict
from tinkuy.model import CodedArticle

from .conftest import GOLDEN, SHARED

pytestmark = [pytest.mark.model, pytest.mark.slow]

SNAPSHOTS = GOLDEN / "snapshot"


def _coded(paths: list[Path], pipeline) -> list[str]:
    results = api.code_paths(paths, pipeline=pipeline)
    events = [event_to_dict(e) for r in results if isinstance(r, CodedArticle) for e in r.events]
    return [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in events]


def _check(name: str, lines: list[str]) -> None:
    path = SNAPSHOTS / f"{name}.jsonl"
    if os.environ.get("TINKUY_UPDATE_SNAPSHOT"):
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    expected = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(expected), f"{name}: {len(lines)} events now, {len(expected)} in the snapshot"
    changed = [(old, new) for old, new in zip(expected, lines, strict=True) if old != new]
    assert not changed, f"{name}: {len(changed)} events differ; the first now reads {changed[0][1]}"


def test_demo_output_is_the_snapshot(pipeline):
    _check("demo", _coded([data_path("demo")], pipeline))


def test_seed_output_is_the_snapshot(pipeline):
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not present")
    _check("seeds", _coded([SHARED / "seeds"], pipeline))

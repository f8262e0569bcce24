"""Shared fixtures: the real pipeline (loaded once), and the gold data in ../shared when present.

A test that parses with the spaCy model must be marked ``model``, and one that takes more than a
few seconds ``slow``, so that ``pytest -m "not model and not slow"`` stays fast; a test not marked
``model`` that asks for the model fails, saying so.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("tinkuy", max_examples=150)
settings.register_profile("fuzz", max_examples=5000)  # a longer search: pytest --hypothesis-profile fuzz
settings.load_profile("tinkuy")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared gold data and seeds; tests that need them skip without them."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(autouse=True)
def model_only_where_marked(request, monkeypatch):
    """Refuse the spaCy model to a test not marked ``model``."""
    if request.node.get_closest_marker("model") is not None:
        return
    from tinkuy import nlp

    def refuse(*args: object) -> None:
        raise AssertionError(f"{request.node.nodeid} parses with the spaCy model: mark it @pytest.mark.model")

    monkeypatch.setattr(nlp, "load_model", refuse)
    monkeypatch.setattr(nlp.SpacyParser, "nlp", property(refuse))


@pytest.fixture(scope="session")
def parser():
    from tinkuy.nlp import SpacyParser

    return SpacyParser()


@pytest.fixture(scope="session")
def gazetteer():
    from tinkuy.actors.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def pipeline(parser, gazetteer):
    from tinkuy.coding.codebook import load_codebook
    from tinkuy.coding.cues import load_cues
    from tinkuy.coding.extract import Knowledge
    from tinkuy.coding.patterns import load_patterns
    from tinkuy.pipeline import Pipeline
    from tinkuy.places import Places

    codebook = load_codebook()
    knowledge = Knowledge(gazetteer, load_patterns(codebook), load_cues(codebook), codebook, places=Places())
    return Pipeline(parser=parser, knowledge=knowledge)


@pytest.fixture(scope="session")
def knowledge(pipeline):
    return pipeline.knowledge


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

"""tinkuy: political event data from news, every event explained.

See ``tinkuy.api`` for the functions below and ``docs/`` for the record, the
command line and the data files.

The names below are imported when first used (PEP 562), so ``import tinkuy``
and the command line's help load neither spaCy nor DuckDB nor pyarrow.
"""

from __future__ import annotations

import importlib
import logging
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names as a type checker sees them, re-exported
    from .api import Summary as Summary
    from .api import code_paths as code_paths
    from .api import code_texts as code_texts
    from .api import export as export
    from .api import info as info
    from .api import ingest as ingest
    from .limits import Limits as Limits
    from .model import Actor as Actor
    from .model import Article as Article
    from .model import Attribution as Attribution
    from .model import CodedArticle as CodedArticle
    from .model import Event as Event
    from .model import Evidence as Evidence
    from .model import Rejection as Rejection
    from .pipeline import Pipeline as Pipeline
    from .runners.dask import DaskRunner as DaskRunner
    from .runners.local import LocalRunner as LocalRunner

logging.getLogger(__name__).addHandler(logging.NullHandler())

_HOMES = {
    "Actor": "model",
    "Article": "model",
    "Attribution": "model",
    "CodedArticle": "model",
    "DaskRunner": "runners.dask",
    "Event": "model",
    "Evidence": "model",
    "Limits": "limits",
    "LocalRunner": "runners.local",
    "Pipeline": "pipeline",
    "Rejection": "model",
    "Summary": "api",
    "code_paths": "api",
    "code_texts": "api",
    "export": "api",
    "info": "api",
    "ingest": "api",
}
"""Each public name, and the module of ``tinkuy`` it comes from."""

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value  # found once; later uses do not come back here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


class _Package(types.ModuleType):
    """The ``tinkuy`` module, whose public names a subpackage of the same name does not hide.

    Importing ``tinkuy.ingest`` (the readers) sets the attribute ``ingest`` of
    this module to that package; the function ``tinkuy.ingest`` must stay,
    whichever is imported first. The package is still ``sys.modules["tinkuy.ingest"]``.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if not (name in _HOMES and isinstance(value, types.ModuleType)):
            super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

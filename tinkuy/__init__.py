"""tinkuy: political event data from news, every event explained.

See ``tinkuy.api`` for the functions below and ``docs/`` for the record, the
command line and the data files.
"""

from __future__ import annotations

import logging

from .api import Summary, code_paths, code_texts, export, info, ingest
from .limits import Limits
from .model import Actor, Article, Attribution, CodedArticle, Event, Evidence, Rejection
from .pipeline import Pipeline

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Actor",
    "Article",
    "Attribution",
    "CodedArticle",
    "Event",
    "Evidence",
    "Limits",
    "Pipeline",
    "Rejection",
    "Summary",
    "code_paths",
    "code_texts",
    "export",
    "info",
    "ingest",
]

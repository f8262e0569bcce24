"""What every PETRARCH/TABARI dictionary shares: comments, code blocks and null codes.

``#`` starts a comment and ``<!-- -->`` encloses one, over lines if need be;
a code is written in square brackets, and ``---`` (or ``+++``, ``###``) means
"do not code".
"""

from __future__ import annotations

import re
from pathlib import Path

HTML_COMMENT = re.compile(r"<!\s*--.*?-->", re.DOTALL)
CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
NULL_CODES = ("---", "+++", "###")


def read_dictionary(path: Path) -> str:
    """A dictionary file's text; a byte that is not UTF-8 is replaced, not refused: one odd
    character in a name should not make a dictionary of thousands of entries unusable."""
    return path.read_text(encoding="utf-8", errors="replace")


def strip_comments(text: str) -> list[str]:
    """The lines of a dictionary without their comments."""
    text = HTML_COMMENT.sub("", text)
    return [line.split("#", 1)[0].rstrip() for line in text.splitlines()]

"""PETRARCH/TABARI dictionaries: the text format, one reader per kind, and how a file's kind is known.

A team that keeps its own PETRARCH dictionaries codes with them as they are
(``tinkuy code --actors DICT...``), and ``tinkuy dictionary-import`` turns the
people of actor dictionaries into one of tinkuy's people tables. This package
only reads the files; ``tinkuy.actors`` (names and role words) and
``tinkuy.coding`` (verb patterns) turn what it reads into their own terms.

- ``syntax``: what every kind shares (comments, code blocks, null codes);
- ``actors``, ``agents``, ``verbs``: one reader per kind;
- ``kinds``: ``Dictionaries`` (files by kind) and ``kind_of``, the one rule that
  decides a file's kind when the caller does not name it.
"""

from __future__ import annotations

from .kinds import NO_DICTIONARIES, Dictionaries, Kind, kind_of

__all__ = ["NO_DICTIONARIES", "Dictionaries", "Kind", "kind_of"]

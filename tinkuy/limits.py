"""Bounds on what one article may cost; an article over them is rejected and the run goes on.

Every bound has a default that no news article comes near, and each can be
set from the command line (``--max-bytes``, ``--max-chars``, ``--max-seconds``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 10_000_000
    """One article as read (a text or HTML file, a JSONL line, a CSV record, a WARC
    record) larger than this is refused unread, so a dump cannot exhaust memory."""
    max_chars: int = 300_000
    """Cleaned text longer than this (some 50,000 words, far beyond any news article) is
    refused as a dump; it also bounds the time the parser can spend on one article."""
    max_seconds: float = 10.0
    """Coding one article (after parsing) may take this long; it is checked between sentences."""
    max_sentence_tokens: int = 200
    """Longer "sentences" are tables or lists flattened into text, not prose: they are not coded,
    and an article made mostly of them, or of lines without a verb, is refused."""


DEFAULT_LIMITS = Limits()

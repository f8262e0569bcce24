"""The exceptions tinkuy raises.

::

    TinkuyError
     +-- InputError              one input item cannot be coded: it becomes a Rejection
     |    +-- UnreadableInput    binary, undecodable or cut-short input
     |    +-- NotAFile           a device, a pipe, a socket or a loop of links, not a regular file
     |    +-- MalformedRecord    a JSONL/CSV record without usable text
     |    +-- EmptyArticle       nothing left once boilerplate is removed
     |    +-- TooLarge           over the configured size limit
     |    +-- TooSlow            over the configured time per article
     |    +-- UnsupportedLanguage  neither English nor Spanish
     |    +-- NotProse           a table, a list or markup rather than sentences
     +-- UsageError              a bad argument or option from the caller
     +-- DataError               a dictionary or data file is malformed
     +-- StoreError              the database cannot be opened, migrated or written
     |    +-- StoreBusy          another run is writing to it
     +-- FetchFailed             a feed or page cannot be fetched: the watcher keeps it as a failure

Only ``InputError`` is caught per item by the pipeline; anything else is a bug
or a condition that must stop the run, and surfaces.
"""

from __future__ import annotations


class TinkuyError(Exception):
    """Base of every error tinkuy raises on purpose."""


class InputError(TinkuyError):
    """An input item that cannot be coded. ``reason`` is a stable keyword."""

    reason = "invalid_input"


class UnreadableInput(InputError):
    reason = "unreadable"


class NotAFile(InputError):
    reason = "not_a_file"


class MalformedRecord(InputError):
    reason = "malformed_record"


class EmptyArticle(InputError):
    reason = "empty"


class TooLarge(InputError):
    reason = "too_large"


class TooSlow(InputError):
    reason = "timeout"


class UnsupportedLanguage(InputError):
    reason = "unsupported_language"


class NotProse(InputError):
    reason = "not_prose"


class UsageError(TinkuyError):
    """The caller asked for something that cannot be done as asked."""


class DataError(TinkuyError):
    """A dictionary, pattern or codebook file is malformed."""


class StoreError(TinkuyError):
    """The event store cannot be opened, migrated or written."""


class StoreBusy(StoreError):
    """Another run holds the store; a later attempt may succeed."""


class FetchFailed(TinkuyError):
    """A URL that could not be fetched or read as a feed; ``reason`` is a stable keyword, the message says more."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason

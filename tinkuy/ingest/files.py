"""What an input is, checked before it is read, and how much of it is read.

A path may name anything: a link to ``/dev/zero``, a named pipe that blocks
whoever opens it, a socket, a loop of links. ``open_input`` opens only a
regular file (links followed): it opens without blocking, then asks the open
file what it is, so nothing can be swapped in between; anything else is
refused as ``not_a_file`` with what it is. ``read_at_most`` reads no more than
a limit and one byte, whatever the file's size claims to be (a device says 0).

Names are bytes on Linux and need not be UTF-8: ``shown`` is the text of a
path for origins and ids, with the bytes that are not UTF-8 written as
``\\xNN``, so one such name never stops a run that writes or prints it.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import NotAFile, TooLarge

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def open_input(path: Path) -> io.BufferedReader:
    """The regular file at ``path`` (links followed), open for reading; ``NotAFile`` for anything else."""
    try:
        what = os.stat(path).st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotAFile("a loop of symbolic links") from None
        raise
    if not stat.S_ISREG(what):
        raise NotAFile(f"{_kind(what)}, not a regular file")
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    what = os.fstat(descriptor).st_mode  # what was opened, which may differ from what was looked at
    if not stat.S_ISREG(what):
        os.close(descriptor)
        raise NotAFile(f"{_kind(what)}, not a regular file")
    os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "rb")


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a file")


def read_at_most(stream: BinaryIO, limit: int, what: str) -> bytes:
    """All of ``stream`` when it holds at most ``limit`` bytes; ``TooLarge`` (naming ``what``) as soon as it holds more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"{what} of more than {limit:,} bytes; the limit for one article is {limit:,}")
    return data


def shown(path: Path) -> str:
    """The path as text, each byte of its name that is not UTF-8 written ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")

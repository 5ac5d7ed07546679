"""Read a regular file of at most a given size: never wait on a FIFO or read a device forever."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class ReadRefused(Exception):
    """A file that cannot or may not be read; the message says why, never what it holds."""


class TooBig(ReadRefused):
    """A regular file over the size limit; `size` is its size in bytes if known."""

    def __init__(self, size: int | None, limit: int):
        self.size, self.limit = size, limit
        shown = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
        super().__init__(f"it is {shown}")


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """'a folder', 'a FIFO (named pipe)', ... for a file that is not a regular one."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular(path: Path, limit: int, *, follow_last_link: bool = True) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes; else ReadRefused.

    Opened without blocking (a FIFO's open would wait for a writer) and checked on the open
    descriptor, so a file swapped after a look cannot slip through; at most limit + 1 bytes
    are read, so a file that grows while read is still caught.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow_last_link:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise ReadRefused("it is a folder, not a regular file") from None
    except OSError as exc:
        raise ReadRefused(exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefused(f"it is {file_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise TooBig(info.st_size, limit)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(limit + 1 - total, 1 << 20) or 1)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise TooBig(None, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise ReadRefused(exc.strerror or str(exc)) from None
    finally:
        os.close(fd)

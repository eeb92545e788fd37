"""Opening input files safely: regular files only, read through a bounded reader.

Why: ``st_size`` is 0 for ``/dev/zero``, a FIFO or ``/proc`` files, so a size check
before ``read_bytes()`` does not bound anything — ``detente ingest /dev/zero`` used to
read until the kernel killed it, and a FIFO blocked with no message.  Here the type is
checked before opening (opening some devices has side effects) and again on the open
descriptor (the path may have been swapped in between), the open never waits for a
FIFO's writer, and at most ``max_bytes + 1`` bytes are ever read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from detente.errors import InputError

_CHUNK = 1 << 20



def _describe(mode: int) -> str:
    """What a non-regular file is, in words ("a character device")."""
    checks = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
    )
    for test, what in checks:
        if test(mode):
            return what
    return "a special file"


def _refuse(origin: str, mode: int) -> InputError:
    return InputError(
        origin,
        f"is not a regular file ({_describe(mode)}); save the content to a file and ingest that file",
    )


def open_regular(path: str | Path, origin: str) -> BinaryIO:
    """Open ``path`` for reading if it is a regular file; raise InputError naming ``origin`` otherwise."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise _refuse(origin, mode)
    # O_NONBLOCK: a FIFO swapped in after the check must not block the open waiting for a writer
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _refuse(origin, mode)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(handle: BinaryIO, origin: str, max_bytes: int) -> bytes:
    """All of ``handle``, refusing (InputError) anything longer than ``max_bytes``."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = handle.read(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise InputError(origin, f"is more than the limit of {max_bytes} bytes (max_bytes)")
    return b"".join(chunks)


def read_file(path: str | Path, origin: str, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``: bounded, never empty (InputError naming ``origin``)."""
    with open_regular(path, origin) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            raise InputError(origin, f"is {size} bytes, more than the limit of {max_bytes} (max_bytes)")
        data = read_limited(handle, origin, max_bytes)
    if not data:
        raise InputError(origin, "is empty")
    return data

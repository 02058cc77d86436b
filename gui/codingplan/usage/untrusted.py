"""Files in a folder that other computers and sync software write to.

Everything in such a folder is input from outside: a name may be a link planted to lead a
write into the person's own files, a pipe that blocks whoever opens it, a folder, a device
or a file of gigabytes. So nothing here follows a link at the end of a path, opens anything
but a regular file, waits on a file, or reads without a bound; and a file is written only
as a new file made beside the old one (never opened through an existing name), written
with every byte checked, then renamed over it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
# Where the system names files relative to an open folder, a folder swapped for a link
# between the check and the write cannot redirect it.
_AT = _DIRECTORY != 0 and os.open in os.supports_dir_fd and os.replace in os.supports_dir_fd
CHUNK = 1 << 20


class Unsafe(Exception):
    """A path is not what it must be; ``kind`` says what it is instead: ``link``,
    ``folder``, ``file``, ``pipe``, ``device``, ``socket``, ``owner`` (another user's) or
    ``large`` (over the size allowed)."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path}: {kind}")
        self.path = path
        self.kind = kind


def kind_of(st: os.stat_result) -> str:
    mode = st.st_mode
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device"


def owned(st: os.stat_result) -> bool:
    """Whether the person running this owns it (Windows keeps no owner in a stat)."""
    return os.name == "nt" or st.st_uid == os.geteuid()


def check_folder(folder: Path) -> os.stat_result:
    """The folder's stat, if it is a real folder (not a link to one) of the person's own.

    Raises FileNotFoundError when it is not there, ``Unsafe`` when it is something else."""
    st = os.lstat(folder)
    kind = kind_of(st)
    if kind != "folder":
        raise Unsafe(folder, kind)
    if not owned(st):
        raise Unsafe(folder, "owner")
    return st


def open_regular(path: Path, limit: int) -> tuple[int, os.stat_result]:
    """An open descriptor of the regular file at ``path`` (not through a link) of at most
    ``limit`` bytes, and its stat. Never blocks: a pipe or device is refused before it is
    opened, and opened without waiting in case it was swapped in since."""
    before = os.lstat(path)
    kind = kind_of(before)
    if kind != "file":
        raise Unsafe(path, kind)
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC | _BINARY)
    try:
        st = os.fstat(fd)
        if kind_of(st) != "file" or (st.st_dev, st.st_ino) != (before.st_dev, before.st_ino):
            raise Unsafe(path, kind_of(st) if kind_of(st) != "file" else "link")
        if st.st_size > limit:
            raise Unsafe(path, "large")
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def read_bounded(fd: int, limit: int) -> bytes:
    """What the open file holds, up to ``limit`` bytes; ``Unsafe("large")`` if it holds
    more (it may have grown since it was opened)."""
    pieces = []
    size = 0
    while chunk := os.read(fd, min(CHUNK, limit + 1 - size)):
        pieces.append(chunk)
        size += len(chunk)
        if size > limit:
            raise Unsafe(Path(), "large")
    return b"".join(pieces)


def read_first_line(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """The first line of the regular file at ``path`` (without its newline; all of it when
    it has none), read no further than ``limit`` bytes, and the file's stat."""
    fd, st = open_regular(path, 1 << 62)
    try:
        data = b""
        while len(data) <= limit and (chunk := os.read(fd, 4096)):
            data += chunk
            if b"\n" in chunk:
                break
    finally:
        os.close(fd)
    line, newline, _ = data.partition(b"\n")
    if not newline and len(line) > limit:
        raise Unsafe(path, "large")
    return line[:limit], st


def replace(folder: Path, name: str, data: bytes, mode: int = 0o644) -> None:
    """Put ``data`` in ``folder/name``: a new file made in the folder, written whole and
    flushed, then renamed over ``name``, whatever ``name`` was (a link is replaced, never
    followed). Raises OSError (a full disk: ENOSPC) with nothing changed, no file left."""
    check_folder(folder)
    dir_fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC) if _AT else None
    try:
        if dir_fd is not None:
            st = os.fstat(dir_fd)  # the folder opened is the one checked, owned by the person
            if not stat.S_ISDIR(st.st_mode) or not owned(st):
                raise Unsafe(folder, "owner")
        _remove_leftovers(folder, name, dir_fd)
        temporary = f".{name}.{os.urandom(6).hex()}.tmp"
        where = temporary if dir_fd is not None else str(folder / temporary)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY
        fd = os.open(where, flags, mode, dir_fd=dir_fd)
        try:
            try:
                write_all(fd, data)
                if hasattr(os, "fchmod"):
                    os.fchmod(fd, mode)  # what the umask took away
                os.fsync(fd)
            finally:
                os.close(fd)
            if dir_fd is not None:
                os.replace(temporary, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            else:
                os.replace(where, folder / name)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(where, dir_fd=dir_fd)
            raise
        if dir_fd is not None:
            with contextlib.suppress(OSError):  # some file systems cannot flush a folder
                os.fsync(dir_fd)
    finally:
        if dir_fd is not None:
            os.close(dir_fd)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte, or raise: a write that takes only part (a disk filling up) is
    carried on, and one that takes nothing is an error."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def _remove_leftovers(folder: Path, name: str, dir_fd: int | None) -> None:
    """Temporary files of an earlier write of ``name`` that was cut short (the app killed,
    the computer off): regular files of the person's only."""
    prefix = f".{name}."
    try:
        names = os.listdir(dir_fd if dir_fd is not None else folder)
    except OSError:
        return
    for found in names:
        if not (found.startswith(prefix) and found.endswith(".tmp")):
            continue
        where = found if dir_fd is not None else str(folder / found)
        with contextlib.suppress(OSError):
            st = os.lstat(where, dir_fd=dir_fd)
            if kind_of(st) == "file" and owned(st):
                os.unlink(where, dir_fd=dir_fd)

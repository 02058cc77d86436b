"""Crash-safe file writes shared by settings, tool configs and the usage ledger."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import stat
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ctypes
    import io


class NotRegularFile(OSError):
    """A path that names something other than a regular file (a named pipe, a device, a
    socket, a folder): never read (it may never end, or never answer) nor replaced."""


class FileTooLarge(OSError):
    """A file larger than its reader takes."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _not_regular(path: Path | str, mode: int) -> NotRegularFile:
    kind = _kind(mode)
    reason = kind if kind == "not a regular file" else f"it is {kind}, not a regular file"
    return NotRegularFile(errno.EINVAL, reason, str(path))


def _too_large(path: Path | str, limit: int) -> FileTooLarge:
    return FileTooLarge(errno.EFBIG, f"it is larger than {limit >> 20} MB", str(path))


# Opened without waiting: a named pipe with no writer would otherwise block the open itself.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_OPEN_FLAGS |= getattr(os, "O_BINARY", 0)


def open_regular(path: Path | str) -> io.BufferedReader:
    """``path`` opened for reading (through a symlink), if it is a regular file; raises
    ``NotRegularFile`` otherwise, having read nothing, and never blocks on the open."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(path, mode)
        if _OPEN_FLAGS & getattr(os, "O_NONBLOCK", 0) and hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them: anything else
    (a named pipe, ``/dev/zero``, a file past ``limit``) raises an ``OSError`` saying what it
    is, having read no more than ``limit`` bytes."""
    return read_regular_stat(path, limit)[0]


def read_regular_stat(path: Path | str, limit: int) -> tuple[bytes, os.stat_result]:
    """``read_regular``, with the status of the very file read, taken before reading it."""
    with open_regular(path) as handle:
        status = os.fstat(handle.fileno())
        if status.st_size > limit:
            raise _too_large(path, limit)
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while read
        raise _too_large(path, limit)
    return data, status


def check_replaceable(path: Path) -> None:
    """Raise ``NotRegularFile`` if ``path`` exists and is not a regular file: a device, a
    pipe or a socket is never replaced by a file (as root, a settings file linked to
    ``/dev/null`` would otherwise take the device's place)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise _not_regular(path, mode)


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> Path:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file.

    The temporary file lives in the same folder (a rename across file systems is not
    atomic), is flushed to disk before the rename, and takes ``mode`` or else the
    existing file's mode. A symlink is written through to its target, so the link
    survives. Returns the path actually written.
    """
    target = Path(os.path.realpath(path))
    check_replaceable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_UMASK
    import tempfile  # here, not at the top: reading settings (each prompt's line) writes nothing

    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(target.parent)
    return target


class ChangedOnDisk(Exception):
    """The file did not hold what the caller expected; it was left holding ``found``."""

    def __init__(self, path: Path, found: bytes | None) -> None:
        super().__init__(f"{path} changed on disk")
        self.path, self.found = path, found


# The staged copy of ``name`` is ``.<name>.codingplan-<random>.tmp`` beside it: a name of
# its own, so that one left by a run that was killed (it may hold the key) is found and
# removed by the next (``remove_staged``) without touching other programs' files.
_STAGE_MARK = ".codingplan-"
_STAGE_END = ".tmp"


def _stage_prefix(target: Path) -> str:
    return f".{target.name}{_STAGE_MARK}"


def remove_staged(path: Path) -> list[Path]:
    """Remove the staged copies of ``path`` (through a symlink) that an earlier run left
    behind when it was killed; the ones removed. Call it only while no other change to
    the file can be under way (under the tool's lock)."""
    target = Path(os.path.realpath(path))
    prefix = _stage_prefix(target)
    removed = []
    try:
        with os.scandir(target.parent) as entries:
            found = [e.path for e in entries if e.name.startswith(prefix)]
    except OSError:
        return []
    for name in found:
        if not name.endswith(_STAGE_END):
            continue
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
            removed.append(Path(name))
    return removed


class Staged:
    """New bytes for ``path``, written and flushed next to it, not yet in its place.

    Staging every file of a change first makes the change all or nothing: whatever keeps a
    file from being written (a full disk, a folder that takes no new file, a name too long)
    fails here, before any file changed. ``commit`` then puts the bytes in place only if the
    file still holds what the caller based them on. The staged copy is private (0600) from
    its first byte, and a copy left by a killed run is removed first.
    """

    def __init__(
        self, path: Path, data: bytes, mode: int | None = None, *, keep_links: bool = True
    ) -> None:
        self.path = path
        # A file with other names is written in place so they all see the change; not a
        # file holding the key (``keep_links=False``): its new bytes take the name alone.
        self.keep_links = keep_links
        self.target = Path(os.path.realpath(path))
        check_replaceable(self.target)
        self.data = data
        if mode is None:
            try:
                mode = self.target.stat().st_mode & 0o7777
            except FileNotFoundError:
                mode = 0o666 & ~_UMASK
        self.mode = mode
        import tempfile

        remove_staged(self.target)
        # mkstemp makes the file 0600: the key it may hold is never readable by others.
        fd, name = tempfile.mkstemp(
            prefix=_stage_prefix(self.target), suffix=_STAGE_END, dir=self.target.parent
        )
        self.tmp = Path(name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(self.tmp, mode)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.tmp)

    def commit(self, expected: bytes | None) -> None:
        """Put the new bytes in place if the file holds ``expected`` (None: no file there).

        Otherwise raises ``ChangedOnDisk`` with what the file holds, and leaves it so. Where
        the system can swap two names atomically (Linux, macOS) the check is made on the
        very bytes the swap displaced, so a write by someone else just before it is never
        lost; elsewhere the file is read again right before the rename. A file with other
        hard links is written in place, so that every name keeps seeing the same file.
        """
        try:
            if expected is None:
                self._create()
            elif self.keep_links and link_count(self.target) > 1:
                self._in_place(expected)
            else:
                self._exchange(expected)
        finally:
            self.discard()
        _fsync_dir(self.target.parent)

    def _create(self) -> None:
        try:
            os.link(self.tmp, self.target)  # fails if someone created the file meanwhile
        except FileExistsError:
            raise ChangedOnDisk(self.path, _read(self.target)) from None
        except OSError:  # a file system without hard links
            found = _read(self.target)
            if found is not None:
                raise ChangedOnDisk(self.path, found) from None
            os.replace(self.tmp, self.target)

    def _exchange(self, expected: bytes) -> None:
        # Read first: most writes by others are found here, before anyone could see ours.
        try:
            found, seen = read_regular_stat(self.target, READ_LIMIT)
        except FileNotFoundError:
            raise ChangedOnDisk(self.path, None) from None
        if found != expected:
            raise ChangedOnDisk(self.path, found)
        if not _swap(self.tmp, self.target):
            os.replace(self.tmp, self.target)
            return
        try:
            displaced = _displaced(self.tmp, seen, expected)
        except OSError:
            _swap(self.tmp, self.target)
            raise
        if not displaced:
            return
        # Written by someone else in the instant before the swap: their file goes back in
        # place. If yet another write replaced ours meanwhile, that one is the newest and stays.
        _swap(self.tmp, self.target)
        between = _read(self.tmp)
        if between != self.data:
            _swap(self.tmp, self.target)
        raise ChangedOnDisk(self.path, _read(self.target))

    def _in_place(self, expected: bytes) -> None:
        # The staged copy stays until the file is flushed: a crash halfway through leaves the
        # whole new text next to the file (and the backup holds the old one).
        with open(self.target, "r+b") as handle:
            found = handle.read()
            if found != expected:
                raise ChangedOnDisk(self.path, found)
            handle.seek(0)
            handle.write(self.data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(self.target, self.mode)


def remove_checked(path: Path, expected: bytes) -> None:
    """Remove the file (through a symlink) if it holds ``expected``; otherwise raise
    ``ChangedOnDisk`` with what it holds, and leave it."""
    target = Path(os.path.realpath(path))
    aside = target.with_name(f".{target.name}.{os.getpid()}-{id(target)}.removed")
    try:
        os.rename(target, aside)  # takes exactly the file that is there now
    except FileNotFoundError:
        raise ChangedOnDisk(path, None) from None
    found = _read(aside)
    if found == expected:
        os.unlink(aside)
        _fsync_dir(target.parent)
        return
    # Written by someone else just now: it goes back, unless a newer one is already there.
    try:
        os.link(aside, target)
    except FileExistsError:
        found = _read(target)
    except OSError:
        if not target.exists():
            os.rename(aside, target)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(aside)
    raise ChangedOnDisk(path, found)


def _displaced(path: Path, seen: os.stat_result, expected: bytes) -> bool:
    """Whether the file a swap took out (now at ``path``) is not the one read before it and
    found holding ``expected``.

    A tool that writes its file by replacing it (the usual way) made a new file: one stat
    tells, and the tool's file goes back before the tool, which reads again right after it
    writes, could see ours in its place. Only the very file read is read again, for a tool
    that rewrites it in place within one tick of the file clock."""
    now = os.stat(path)
    if (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) != (
        seen.st_dev,
        seen.st_ino,
        seen.st_size,
        seen.st_mtime_ns,
    ):
        return True
    return read_regular(path, len(expected)) != expected


# The most this module reads back of a file it writes (a tool's settings, the app's own).
READ_LIMIT = 64 << 20


def _read(path: Path) -> bytes | None:
    try:
        return read_regular(path, READ_LIMIT)
    except FileNotFoundError:
        return None


def link_count(path: Path) -> int:
    """How many names the file has (hard links); 0 when there is no file."""
    try:
        return os.stat(path).st_nlink
    except FileNotFoundError:
        return 0


_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}
_RENAME_EXCHANGE, _AT_FDCWD, _RENAME_SWAP = 2, -100, 2


@functools.cache
def _libc() -> ctypes.CDLL | None:
    # Loaded on the first swap, not on import: commands that write nothing do not pay.
    import ctypes

    if sys.platform not in ("linux", "darwin"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _swap(a: Path, b: Path) -> bool:
    """Swap two names in one step; False where the system or file system cannot."""
    libc = _libc()
    if libc is None:
        return False
    if sys.platform == "linux":
        call = getattr(libc, "renameat2", None)
        if call is None:  # glibc before 2.28
            return False
        result = call(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    else:
        call = getattr(libc, "renamex_np", None)
        if call is None:
            return False
        result = call(os.fsencode(a), os.fsencode(b), _RENAME_SWAP)
    if result == 0:
        return True
    import ctypes

    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(b))


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible (nor needed) on Windows.
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import: changing the umask later, even briefly, would race with other threads.
_UMASK = _read_umask()


def set_aside(path: Path, *, move: bool = True, companions: tuple[str, ...] = ()) -> Path:
    """Keep a damaged file as ``<name>.damaged-<time>`` (moved, or copied with ``move=False``).

    ``companions`` are suffixes of files that belong with it (SQLite's ``-wal``, ``-shm``)
    and move along. Returns where the file went; an earlier one is never overwritten.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    import shutil

    (shutil.move if move else shutil.copy2)(path, aside)
    for suffix in companions:
        with contextlib.suppress(FileNotFoundError):
            os.replace(f"{path}{suffix}", f"{aside}{suffix}")
    return aside

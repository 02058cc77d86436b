"""Crash-safe file writes shared by settings, tool configs and the usage ledger."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> Path:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file.

    The temporary file lives in the same folder (a rename across file systems is not
    atomic), is flushed to disk before the rename, and takes ``mode`` or else the
    existing file's mode. A symlink is written through to its target, so the link
    survives. Returns the path actually written.
    """
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_UMASK
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
    (shutil.move if move else shutil.copy2)(path, aside)
    for suffix in companions:
        with contextlib.suppress(FileNotFoundError):
            os.replace(f"{path}{suffix}", f"{aside}{suffix}")
    return aside

"""What this app set in each tool's files, and the backups taken before it first did.

Kept in the app's data folder: ``tools/<tool-id>.json`` (the record) and
``backups/<tool-id>/<time>/<file name>`` (the bytes of a person's file before this app first
changed it; a file this app created has none). Backups hold what the person's files held
(their own keys included), so they are private (0600 files in 0700 folders). The record
names every value that holds a key, the plan key or an earlier one, by hash only.

``locked`` serialises the changes to one tool's files across threads and processes: a
lock file per tool in ``locks/``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from codingplan import paths
from codingplan.errors import CodingPlanError, os_reason
from codingplan.fileio import atomic_write
from codingplan.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # loaded with a record's files: ``saved_options`` needs no edits
    from codingplan.tools.edits import Owned

RECORD_VERSION = 1
PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700


@dataclass
class FileRecord:
    path: str
    role: str
    format: str
    existed: bool  # False: this app created the file
    original_mode: int | None
    backup: str | None  # the bytes before our first change
    written_hash: str | None  # sha256 of what we last wrote
    pristine: bool  # nobody else changed the file between our writes
    created_dirs: list[str] = field(default_factory=list)
    owned: list[Owned] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "role": self.role,
            "format": self.format,
            "existed": self.existed,
            "original_mode": self.original_mode,
            "backup": self.backup,
            "written_hash": self.written_hash,
            "pristine": self.pristine,
            "created_dirs": self.created_dirs,
            "owned": [o.to_dict() for o in self.owned],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FileRecord:
        from codingplan.tools.edits import Owned

        return cls(
            path=data["path"],
            role=data["role"],
            format=data["format"],
            existed=data["existed"],
            original_mode=data.get("original_mode"),
            backup=data.get("backup"),
            written_hash=data.get("written_hash"),
            pristine=data.get("pristine", False),
            created_dirs=list(data.get("created_dirs", [])),
            owned=[Owned.from_dict(o) for o in data.get("owned", [])],
        )


@dataclass
class ToolRecord:
    tool_id: str
    options: dict[str, Any] = field(default_factory=dict)  # model, key_mode, origin
    updated_at: str = ""
    files: list[FileRecord] = field(default_factory=list)
    # A new key was stored while a copy of the old one stayed in the tool's files (its
    # update failed, or was declined); the next configure or key update ends it.
    key_outdated: bool = False

    def file(self, path: Path | str) -> FileRecord | None:
        return next((f for f in self.files if f.path == str(path)), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": RECORD_VERSION,
            "tool": self.tool_id,
            "options": self.options,
            "updated_at": self.updated_at,
            "files": [f.to_dict() for f in self.files],
            "key_outdated": self.key_outdated,
        }


def record_file(tool_id: str) -> Path:
    return paths.data_dir() / "tools" / f"{tool_id}.json"


def backup_root(tool_id: str) -> Path:
    return paths.data_dir() / "backups" / tool_id


def load(tool_id: str) -> ToolRecord | None:
    with _readable(tool_id) as data:
        if data is None:
            return None
        return ToolRecord(
            tool_id=data["tool"],
            options=data.get("options", {}),
            updated_at=data.get("updated_at", ""),
            files=[FileRecord.from_dict(f) for f in data["files"]],
            key_outdated=data.get("key_outdated") is True,
        )


def saved_options(tool_id: str) -> dict[str, Any]:
    """The options a tool was last set up with (none if it never was), read without the
    rest of its record: ``usage`` asks this of every tool, and needs no file's details."""
    with _readable(tool_id) as data:
        options = data.get("options", {}) if data is not None else {}
        if not isinstance(options, dict):
            raise TypeError("its options are not an object")
        return options


@contextlib.contextmanager
def _readable(tool_id: str) -> Iterator[dict[str, Any] | None]:
    """The record's data (None when there is none); what goes wrong reading or using it
    is one clear error."""
    path = record_file(tool_id)
    try:
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            data = None
        if data is not None and not isinstance(data, dict):
            raise TypeError("it is not an object")
        yield data
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CodingPlanError(
            "record_damaged",
            QT_TRANSLATE_NOOP(
                "tools", "The record of what was set for {tool} ({file}) cannot be read: {reason}."
            ),
            QT_TRANSLATE_NOOP(
                "tools", "The backups in {backups} hold the files as they were before."
            ),
            tool=tool_id,
            file=str(path),
            reason=str(exc),
            backups=str(backup_root(tool_id)),
        ) from None


def _private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    os.chmod(path, PRIVATE_DIR)
    # mkdir makes the missing parents with the default mode: those between the app's data
    # folder and this one (backups/, backups/TOOL/) are made private as well.
    root = paths.data_dir()
    for folder in path.parents:
        if root not in folder.parents:
            break
        paths.private_dir(folder)


def save(record: ToolRecord) -> None:
    record.updated_at = datetime.now(UTC).isoformat(timespec="seconds")
    path = record_file(record.tool_id)
    _private_dir(path.parent)
    text = json.dumps(record.to_dict(), indent=2, ensure_ascii=False) + "\n"
    atomic_write(path, text.encode("utf-8"), mode=PRIVATE_FILE)


def mark_key_outdated(tool_id: str) -> None:
    """Note that the tool's files may still hold a key older than the one stored (nothing
    to note for a tool this app never changed)."""
    with locked(tool_id):
        record = load(tool_id)
        if record is not None and not record.key_outdated:
            record.key_outdated = True
            save(record)


def delete(tool_id: str) -> None:
    record_file(tool_id).unlink(missing_ok=True)


def snapshot(tool_id: str) -> bytes | None:
    """The record's bytes as they are, to put back if a change is rolled back."""
    try:
        return record_file(tool_id).read_bytes()
    except FileNotFoundError:
        return None


def restore(tool_id: str, data: bytes | None) -> None:
    if data is None:
        delete(tool_id)
    else:
        atomic_write(record_file(tool_id), data, mode=PRIVATE_FILE)


def discard_backup(path: Path | str) -> None:
    """Remove one backup, and its folder once empty."""
    backup_file = Path(path)
    backup_file.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        backup_file.parent.rmdir()


def backup(tool_id: str, source: Path, data: bytes) -> Path:
    """Keep ``data`` (the file's bytes before our first change) under a timestamped folder."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = backup_root(tool_id) / stamp
    _private_dir(folder)
    target = folder / source.name
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{source.name}.{n}"
    atomic_write(target, data, mode=PRIVATE_FILE)
    return target


def list_backups(tool_id: str) -> list[Path]:
    """The backup files kept for a tool, oldest first (for display: names, never contents)."""
    root = backup_root(tool_id)
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob("*/*") if p.is_file())


# --- one change to a tool's files at a time ----------------------------------------------------

LOCK_TIMEOUT = 60.0
_guard = threading.Lock()
_held: dict[str, tuple[threading.RLock, list[int]]] = {}  # tool -> (lock, [depth, fd])


def _busy(tool_id: str) -> CodingPlanError:
    return CodingPlanError(
        "tool_busy",
        QT_TRANSLATE_NOOP(
            "tools", "Another run of this app is still changing the files of {tool}."
        ),
        QT_TRANSLATE_NOOP("tools", "Wait for it to finish, then try again."),
        tool=tool_id,
    )


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _open_lock(tool_id: str) -> int:
    folder = paths.data_dir() / "locks"
    try:
        _private_dir(folder)
        return os.open(folder / f"{tool_id}.lock", os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    except OSError as exc:
        raise CodingPlanError(
            "write_failed",
            QT_TRANSLATE_NOOP(
                "tools", "{file} could not be written: {reason}. Nothing was changed."
            ),
            QT_TRANSLATE_NOOP("tools", "Check the folder's permissions and free space."),
            file=str(folder / f"{tool_id}.lock"),
            reason=os_reason(exc),
        ) from None


@contextlib.contextmanager
def locked(tool_id: str, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock on ``tool_id``'s files: one preview-apply-record at a time, in this
    process and any other run of the app. Re-entrant in the thread that holds it."""
    with _guard:
        lock, state = _held.setdefault(tool_id, (threading.RLock(), [0, -1]))
    if not lock.acquire(timeout=timeout):
        raise _busy(tool_id)
    try:
        if state[0] == 0:
            fd = _open_lock(tool_id)
            deadline = time.monotonic() + timeout
            while not _try_lock(fd):
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise _busy(tool_id)
                time.sleep(0.02)
            state[1] = fd
        state[0] += 1
        try:
            yield
        finally:
            state[0] -= 1
            if state[0] == 0:
                fd, state[1] = state[1], -1
                try:
                    _unlock(fd)
                finally:
                    os.close(fd)
    finally:
        lock.release()

"""Previewing, applying and reverting a tool's file changes, the same way for every tool.

A preview reads each file, edits it in memory and returns a ``ChangeSet`` (bytes before and
after, a masked diff). Applying refuses if any file changed since the plan, backs each file
up before this app first changes it, records what it set, then replaces each file
atomically. Revert gives back the exact earlier bytes when a file is as this app left it,
and otherwise undoes only the values this app set.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from codingplan.errors import CodingPlanError
from codingplan.fileio import atomic_write
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.tools import records
from codingplan.tools.edits import (
    KEY_FILE_MODE,
    FileSpec,
    Owned,
    apply_ops,
    bytes_hash,
    guard_edit,
    holds,
    is_read_only,
    load_document,
    read_file,
    undo,
    unified_diff,
)
from codingplan.tools.types import (
    ApplyResult,
    ChangeSet,
    ConfigureOptions,
    FileChange,
    Notice,
)

log = logging.getLogger(__name__)


def _text(data: bytes | None) -> str | None:
    return None if data is None else data.decode("utf-8")


def _missing_dirs(path: Path) -> tuple[Path, ...]:
    """The folders that writing ``path`` would create, outermost first."""
    missing = []
    folder = Path(os.path.realpath(path)).parent
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    return tuple(reversed(missing))


def _shown_path(owned: Owned) -> str:
    return ".".join(str(p) for p in owned.path)


def _kept_notice(path: Path, owned: Owned) -> Notice:
    return Notice(
        "kept_changed",
        QT_TRANSLATE_NOOP(
            "tools", "{file}: {setting} was changed after this app set it, so it stays as it is."
        ),
        {"file": str(path), "setting": _shown_path(owned)},
    )


def _read_only(path: Path) -> CodingPlanError:
    return CodingPlanError(
        "config_read_only",
        QT_TRANSLATE_NOOP("tools", "{file} is read-only; it was left untouched."),
        QT_TRANSLATE_NOOP(
            "tools", "Make it writable if you want this app to change it, then try again."
        ),
        file=str(path),
    )


def preview_files(
    tool_id: str,
    specs: list[FileSpec],
    options: ConfigureOptions | None,
    key: str | None,
    *,
    action: str = "configure",
    notes: tuple[Notice, ...] = (),
) -> ChangeSet:
    """The change that gives each file what ``specs`` ask for, kept in memory."""
    record = records.load(tool_id)
    files, all_notes = [], list(notes)
    for spec in specs:
        before = read_file(spec.path)
        doc = load_document(spec.path, spec.format, before)
        earlier = record.file(spec.path) if record else None
        previous = earlier.owned if earlier else []
        owned, kept = guard_edit(
            spec.path,
            spec.ops,
            key,
            lambda doc=doc, spec=spec, previous=previous: apply_ops(
                doc, spec.ops, previous, key=key, partial=action == "rotate"
            ),
        )
        all_notes += [_kept_notice(spec.path, o) for o in kept]
        after_text = doc.text
        after = None if before is None and not after_text else after_text.encode("utf-8")
        if after != before and is_read_only(spec.path):
            raise _read_only(spec.path)
        holds_key = bool(key and key in after_text)
        files.append(
            FileChange(
                path=spec.path,
                role=spec.role,
                before=before,
                after=after,
                diff=unified_diff(spec.path, _text(before), after_text, key),
                mode=KEY_FILE_MODE if holds_key else None,
                holds_key=holds_key,
                owned=tuple(owned),
                created_dirs=_missing_dirs(spec.path) if before is None else (),
                format=spec.format,
            )
        )
    return ChangeSet(tool_id, action, tuple(files), options, tuple(all_notes))


def preview_revert(tool_id: str) -> ChangeSet:
    """The change that undoes what this app set for ``tool_id``."""
    record = records.load(tool_id)
    if record is None:
        return ChangeSet(tool_id, "revert", ())
    files, notes = [], []
    for entry in record.files:
        path = Path(entry.path)
        before = read_file(path)
        if before is None:
            notes.append(
                Notice(
                    "file_gone",
                    QT_TRANSLATE_NOOP("tools", "{file} no longer exists; nothing to undo there."),
                    {"file": str(path)},
                )
            )
            continue
        after, kept = _reverted(entry, path, before)
        notes += [_kept_notice(path, o) for o in kept]
        if bytes_hash(before) != entry.written_hash and after != before:
            notes.append(
                Notice(
                    "reverted_ours_only",
                    QT_TRANSLATE_NOOP(
                        "tools",
                        "{file} was changed after this app wrote it: only what this app set was "
                        "undone, and the later changes stay.",
                    ),
                    {"file": str(path)},
                )
            )
        files.append(
            FileChange(
                path=path,
                role=entry.role,
                before=before,
                after=after,
                diff=unified_diff(path, _text(before), _text(after), None),
                mode=entry.original_mode if after is not None else None,
                created_dirs=tuple(Path(d) for d in entry.created_dirs),
                format=entry.format,
            )
        )
    return ChangeSet(tool_id, "revert", tuple(files), None, tuple(notes))


def _reverted(
    entry: records.FileRecord, path: Path, before: bytes
) -> tuple[bytes | None, list[Owned]]:
    """The file's bytes with what we set undone, and the values left because they changed."""
    if entry.pristine and bytes_hash(before) == entry.written_hash:
        if not entry.existed:
            return None, []
        if entry.backup is None:  # we recorded the file but never changed it
            return before, []
        saved = read_file(Path(entry.backup))
        if saved is not None:
            return saved, []
        log.warning("backup %s is missing; undoing value by value", entry.backup)
    doc = load_document(path, entry.format, before)
    kept = [
        o for o in reversed(entry.owned) if not guard_edit(path, (), None, lambda o=o: undo(doc, o))
    ]
    text = doc.text
    if not entry.existed and not text.strip():
        return None, kept
    return text.encode("utf-8"), kept


def recorded_holds(tool_id: str) -> tuple[records.ToolRecord | None, bool]:
    """The tool's record, and whether every value this app set is still in place.

    Raises when one of the files cannot be read or understood (the tool's state is then
    unknown, and the person is told why).
    """
    record = records.load(tool_id)
    if record is None:
        return None, False
    for entry in record.files:
        path = Path(entry.path)
        doc = load_document(path, entry.format, read_file(path))
        if not guard_edit(path, (), None, lambda doc=doc, entry=entry: _all_hold(entry, doc)):
            return record, False
    return record, True


def _all_hold(entry: records.FileRecord, doc: Any) -> bool:
    return all(holds(o, doc) for o in entry.owned)


# --- applying --------------------------------------------------------------------------------


def _changed_since(path: Path) -> CodingPlanError:
    return CodingPlanError(
        "changed_since_preview",
        QT_TRANSLATE_NOOP("tools", "{file} changed since the preview; nothing was written."),
        QT_TRANSLATE_NOOP("tools", "Preview the change again, then apply it."),
        file=str(path),
    )


def _write_failed(path: Path, exc: OSError) -> CodingPlanError:
    return CodingPlanError(
        "write_failed",
        QT_TRANSLATE_NOOP("tools", "{file} could not be written: {reason}."),
        QT_TRANSLATE_NOOP("tools", "Check the folder's permissions and free space."),
        file=str(path),
        reason=exc.strerror or str(exc),
    )


def apply(changes: ChangeSet) -> ApplyResult:
    """Carry out a previewed change exactly as previewed, or refuse if a file moved on."""
    for change in changes.files:
        if read_file(change.path) != change.before:
            raise _changed_since(change.path)
    if changes.action == "revert":
        return _apply_revert(changes)
    return _apply_configure(changes)


def _apply_configure(changes: ChangeSet) -> ApplyResult:
    record = records.load(changes.tool_id) or records.ToolRecord(changes.tool_id)
    backups = []
    for change in changes.files:
        entry = record.file(change.path)
        if entry is None:
            if not change.changed:
                continue
            saved = None
            if change.before is not None:
                saved = records.backup(changes.tool_id, change.path, change.before)
                backups.append(saved)
            entry = records.FileRecord(
                path=str(change.path),
                role=change.role,
                format=change.format,
                existed=change.before is not None,
                original_mode=_mode(change.path) if change.before is not None else None,
                backup=str(saved) if saved else None,
                written_hash=None,
                pristine=True,
                created_dirs=[str(d) for d in change.created_dirs],
            )
            record.files.append(entry)
        else:
            entry.pristine = entry.pristine and bytes_hash(change.before) == entry.written_hash
            if entry.backup is None and change.changed and change.before is not None:
                saved = records.backup(changes.tool_id, change.path, change.before)
                entry.backup = str(saved)
                backups.append(saved)
        entry.owned = list(change.owned)
        entry.written_hash = bytes_hash(change.after)
    if changes.options is not None:
        record.options = changes.options.to_dict()
    # The record first: a crash before the files are written leaves a record whose values
    # are simply not found, which revert treats as "changed since" and leaves alone.
    records.save(record)
    written = []
    for change in changes.files:
        if not change.changed or change.after is None:
            continue
        for folder in change.created_dirs:
            folder.mkdir(mode=0o700 if change.holds_key else 0o777, exist_ok=True)
        try:
            atomic_write(change.path, change.after, change.mode)
        except OSError as exc:
            raise _write_failed(change.path, exc) from None
        written.append(change.path)
    return ApplyResult(
        changes.tool_id, changes.action, tuple(written), (), tuple(backups), changes.notes
    )


def _mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o7777


def _apply_revert(changes: ChangeSet) -> ApplyResult:
    written, removed = [], []
    for change in changes.files:
        try:
            if change.after is None:
                Path(os.path.realpath(change.path)).unlink(missing_ok=True)
                removed.append(change.path)
            elif change.changed or (change.mode is not None and _mode(change.path) != change.mode):
                atomic_write(change.path, change.after, change.mode)
                written.append(change.path)
        except OSError as exc:
            raise _write_failed(change.path, exc) from None
        for folder in reversed(change.created_dirs):
            try:
                folder.rmdir()  # only when empty: anything the tool added there stays
            except OSError:
                break
    records.delete(changes.tool_id)
    return ApplyResult(
        changes.tool_id, changes.action, tuple(written), tuple(removed), (), changes.notes
    )

"""Previewing, applying and reverting a tool's file changes, the same way for every tool.

A preview reads each file, edits it in memory and returns a ``ChangeSet`` (bytes before and
after, a masked diff). Applying, under the tool's lock, refuses if any file changed since
the plan, stages every file's new bytes (so that a file that cannot be written fails
before any file changed), backs up each of the person's files before this app first
changes it, records what it set, then puts each file in place only if it still holds what
the change was previewed from: a file the tool wrote meanwhile is previewed again from its fresh
bytes. If a file still cannot be written, those already written are put back. Revert
gives back the exact earlier bytes when a file is as this app left it, and otherwise
undoes only the values this app set.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from codingplan.errors import CodingPlanError, os_reason
from codingplan.fileio import ChangedOnDisk, Staged, link_count, remove_checked
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.jsonc import MISSING, EditRefused
from codingplan.redact import redact
from codingplan.tools import records
from codingplan.tools.edits import (
    KEY_FILE_MODE,
    FileSpec,
    Hidden,
    Owned,
    Recall,
    apply_ops,
    bytes_hash,
    guard_edit,
    holds,
    is_read_only,
    load_document,
    read_file,
    undo_all,
    unified_diff,
    value_hash,
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


def _hard_link_notice(path: Path) -> Notice:
    return Notice(
        "hard_link",
        QT_TRANSLATE_NOOP(
            "tools",
            "{file} has other names (hard links): it is changed in place, so that they all "
            "keep showing the same file.",
        ),
        {"file": str(path)},
    )


def check_key_file(path: Path) -> None:
    """Raise unless ``path`` (if it exists) is a file the person owns with no other name:
    the key is never written where another user, or another name of the file in a folder
    others can write, would reach it."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    if st.st_nlink > 1:
        raise CodingPlanError(
            "key_file_linked",
            QT_TRANSLATE_NOOP(
                "tools",
                "{file} has {links} names (hard links), and others may reach it through them: "
                "the key is not written into it.",
            ),
            QT_TRANSLATE_NOOP(
                "tools",
                "Give the tool a file of its own (copy it, remove the original, put the copy "
                "in its place), then try again.",
            ),
            file=str(path),
            links=st.st_nlink,
        )
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        raise CodingPlanError(
            "key_file_not_yours",
            QT_TRANSLATE_NOOP(
                "tools",
                "{file} belongs to another user: the key is not written into a file you do "
                "not own.",
            ),
            QT_TRANSLATE_NOOP(
                "tools", "Make the file yours, or point the tool at a file of your own."
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
        earlier = record.file(spec.path) if record else None
        change, kept = _plan(spec, earlier, key, action, read_file(spec.path))
        all_notes += [_kept_notice(spec.path, o) for o in kept]
        if change.changed and link_count(spec.path) > 1:
            all_notes.append(_hard_link_notice(spec.path))
        files.append(change)
    return ChangeSet(tool_id, action, tuple(files), options, tuple(all_notes))


def _plan(
    spec: FileSpec,
    earlier: records.FileRecord | None,
    key: str | None,
    action: str,
    before: bytes | None,
) -> tuple[FileChange, list[Owned]]:
    """One file's change from its bytes ``before``, and the earlier values kept."""
    doc = load_document(spec.path, spec.format, before)
    previous = earlier.owned if earlier else []
    recall = _recall(earlier, spec.path, spec.format)
    owned, kept = guard_edit(
        spec.path,
        spec.ops,
        key,
        lambda: apply_ops(
            doc, spec.ops, previous, key=key, partial=action == "rotate", recall=recall
        ),
    )
    after_text = doc.text
    after = None if before is None and not after_text else after_text.encode("utf-8")
    if after != before and is_read_only(spec.path):
        raise _read_only(spec.path)
    holds_key = bool(key and key in after_text)
    if holds_key and after != before:
        check_key_file(spec.path)
    change = FileChange(
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
        again=lambda fresh: _plan(spec, earlier, key, action, fresh)[0],
    )
    return change, kept


def _recall(entry: records.FileRecord | None, path: Path, fmt: str) -> Recall:
    """Finds an earlier value known by its hash only in the backup of the person's file.

    A file this app created has no backup: such a value was written by this app (an
    earlier key, say) or by the tool after it, and is not put back."""
    loaded: list[Any] = []

    def recall(owned: Owned) -> Any:
        if entry is None or not entry.existed or entry.backup is None:
            return MISSING
        if not loaded:
            try:
                data = read_file(Path(entry.backup))
                loaded.append(None if data is None else load_document(path, fmt, data))
            except CodingPlanError:
                loaded.append(None)
        if loaded[0] is None:
            log.warning("backup %s cannot be read; an earlier value is not put back", entry.backup)
            return MISSING
        return _find(loaded[0], owned)

    return recall


def _find(doc: Any, owned: Owned) -> Any:
    assert isinstance(owned.prior, Hidden)
    path = tuple(owned.path)
    try:
        found = (
            [v for _i, v in doc.entries(path, owned.match or {})]
            if owned.kind == "entry"
            else [doc.get(path)]
        )
    except EditRefused:
        return MISSING
    wanted = owned.prior.hash
    return next((v for v in found if v is not MISSING and value_hash(v) == wanted), MISSING)


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
        change, kept = _revert_file(entry, before)
        notes += [_kept_notice(path, o) for o in kept]
        if bytes_hash(before) != entry.written_hash and change.after != before:
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
        files.append(change)
    return ChangeSet(tool_id, "revert", tuple(files), None, tuple(notes))


def _revert_file(entry: records.FileRecord, before: bytes | None) -> tuple[FileChange, list[Owned]]:
    path = Path(entry.path)
    kept: list[Owned] = []
    if before is None:  # gone meanwhile: nothing to undo
        after = None
    else:
        after, kept = _reverted(entry, path, before)
    change = FileChange(
        path=path,
        role=entry.role,
        before=before,
        after=after,
        diff=unified_diff(path, _text(before), _text(after), None),
        mode=_restored_mode(entry.original_mode, after),
        created_dirs=tuple(Path(d) for d in entry.created_dirs),
        format=entry.format,
        again=lambda fresh: _revert_file(entry, fresh)[0],
    )
    return change, kept


def _restored_mode(original: int | None, after: bytes | None) -> int | None:
    """The mode a reverted file gets: its own from before, unless what is put back holds a
    key (the person's own copy, say): that is readable by the person alone."""
    if after is None or original is None:
        return original
    text = after.decode("utf-8", "replace")
    if redact(text) != text:  # a key-shaped value
        return original & ~0o077
    return original


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
    recall = _recall(entry, path, entry.format)
    kept: list[Owned] = guard_edit(path, (), None, lambda: undo_all(doc, entry.owned, recall))
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

# How often a file the tool keeps writing is previewed again from its fresh bytes before this
# app gives up.
MAX_ATTEMPTS = 5


def _changed_since(path: Path) -> CodingPlanError:
    return CodingPlanError(
        "changed_since_preview",
        QT_TRANSLATE_NOOP("tools", "{file} changed since the preview; nothing was written."),
        QT_TRANSLATE_NOOP("tools", "Preview the change again, then apply it."),
        file=str(path),
    )


def _write_failed(path: Path, exc: OSError, restored: list[Path]) -> CodingPlanError:
    reason = os_reason(exc)
    if not restored:
        return CodingPlanError(
            "write_failed",
            QT_TRANSLATE_NOOP(
                "tools", "{file} could not be written: {reason}. Nothing was changed."
            ),
            QT_TRANSLATE_NOOP("tools", "Check the folder's permissions and free space."),
            file=str(path),
            reason=reason,
        )
    return CodingPlanError(
        "write_failed",
        QT_TRANSLATE_NOOP(
            "tools",
            "{file} could not be written: {reason}. Nothing was changed: the files already "
            "written ({restored}) were put back as they were.",
        ),
        QT_TRANSLATE_NOOP("tools", "Check the folder's permissions and free space."),
        file=str(path),
        reason=reason,
        restored=", ".join(str(p) for p in restored),
    )


def _changed_while_writing(path: Path) -> CodingPlanError:
    return CodingPlanError(
        "changed_while_writing",
        QT_TRANSLATE_NOOP(
            "tools",
            "{file} kept changing while this app was writing it (the tool itself is probably "
            "running); nothing was changed.",
        ),
        QT_TRANSLATE_NOOP("tools", "Close the tool, then try again."),
        file=str(path),
    )


def _not_put_back(tool_id: str, cause: CodingPlanError, left: list[Path]) -> CodingPlanError:
    return CodingPlanError(
        "partly_written",
        QT_TRANSLATE_NOOP(
            "tools",
            "{cause} Besides, {files} could not be put back as it was and holds this app's change.",
        ),
        QT_TRANSLATE_NOOP("tools", "Revert {tool} once the cause is fixed, to undo it."),
        cause=cause.message,
        files=", ".join(str(p) for p in left),
        tool=tool_id,
    )


def apply(changes: ChangeSet) -> ApplyResult:
    """Carry out a previewed change exactly as previewed, or refuse if a file moved on.

    Every file of the change is written, or none is: they are all staged first, and if one
    cannot take its new bytes the ones already written are put back. A file the tool
    writes while this app writes it is previewed again from its fresh bytes."""
    with records.locked(changes.tool_id):
        for change in changes.files:
            if read_file(change.path) != change.before:
                raise _changed_since(change.path)
            if change.changed and change.after is not None and is_read_only(change.path):
                raise _read_only(change.path)
            if change.changed and change.holds_key:
                check_key_file(change.path)  # again: a link may have been made since
        if changes.action == "revert":
            return _apply_revert(changes)
        return _apply_configure(changes)


class _Transaction:
    """The writes of one apply: all of them land, or the files are put back as they were."""

    def __init__(self, tool_id: str) -> None:
        self.tool_id = tool_id
        self.record_before: bytes | None = None
        self.staged: dict[Path, Staged] = {}
        self.dirs: list[Path] = []
        self.backups: list[Path] = []
        # What was done, in order: ("written" or "removed", the change, the file's mode before)
        self.done: list[tuple[str, FileChange, int | None]] = []
        self.current: Path | None = None  # the file being staged or written

    def _done(self, kind: str) -> tuple[Path, ...]:
        return tuple(c.path for k, c, _m in self.done if k == kind)

    @property
    def written(self) -> tuple[Path, ...]:
        return self._done("written")

    @property
    def removed(self) -> tuple[Path, ...]:
        return self._done("removed")

    def stage(self, change: FileChange) -> None:
        assert change.after is not None
        self.current = change.path
        for folder in change.created_dirs:
            if not folder.exists():
                folder.mkdir(mode=0o700 if change.holds_key else 0o777)
                self.dirs.append(folder)
        self.staged[change.path] = Staged(
            change.path, change.after, change.mode, keep_links=not change.holds_key
        )

    def backup(self, change: FileChange) -> Path:
        assert change.before is not None
        self.current = None
        saved = records.backup(self.tool_id, change.path, change.before)
        self.backups.append(saved)
        return saved

    def commit(self, change: FileChange, repreviewed: Callable[[FileChange], None]) -> None:
        """Write one staged file; if the tool wrote it meanwhile, plan it again from what
        the tool wrote (``repreviewed`` is told) and try again, a few times."""
        self.current = change.path
        for _attempt in range(MAX_ATTEMPTS):
            staged = self.staged.pop(change.path)
            mode = _mode_of(change.path)
            try:
                staged.commit(change.before)
            except ChangedOnDisk as moved:
                if change.again is None:
                    raise _changed_while_writing(change.path) from None
                change = change.again(moved.found)
                repreviewed(change)
                if change.after is None:  # a revert that now removes the file
                    if change.before is not None:
                        self.remove(change)
                    return
                if not change.changed:  # the tool's bytes already hold it all
                    return
                self.stage(change)
                continue
            finally:
                staged.discard()
            self.done.append(("written", change, mode))
            return
        raise _changed_while_writing(change.path)

    def remove(self, change: FileChange) -> None:
        """Remove a file this app created, if it is still as this app left it."""
        self.current = change.path
        for _attempt in range(MAX_ATTEMPTS):
            assert change.before is not None
            mode = _mode_of(change.path)
            try:
                remove_checked(change.path, change.before)
            except ChangedOnDisk as moved:
                if change.again is None:
                    raise _changed_while_writing(change.path) from None
                change = change.again(moved.found)
                if change.after is not None:  # the tool wrote in it: only our values go
                    if change.changed:
                        self.stage(change)
                        self.commit(change, lambda _again: None)
                    return
                if change.before is None:
                    return  # removed by someone else meanwhile
                continue
            self.done.append(("removed", change, mode))
            return
        raise _changed_while_writing(change.path)

    def roll_back(self) -> list[Path]:
        """Put every file written so far back as it was; returns those that could not be."""
        left = []
        for kind, change, mode in reversed(self.done):
            try:
                if kind == "removed":
                    Staged(change.path, change.before or b"", mode).commit(None)
                elif change.before is None:
                    assert change.after is not None
                    remove_checked(change.path, change.after)
                else:
                    Staged(change.path, change.before, mode).commit(change.after)
            except (OSError, ChangedOnDisk) as exc:
                log.warning("%s could not be put back: %s", change.path, exc)
                left.append(change.path)
        for staged in self.staged.values():
            staged.discard()
        self.staged.clear()
        for folder in reversed(self.dirs):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if not left:  # otherwise the record and the backups are what a revert needs
            for saved in self.backups:
                records.discard_backup(saved)
            self._restore_record()
        return left

    def _restore_record(self) -> None:
        """The record back as it was, if this change wrote it. On a full disk that may fail
        too: the record then names values no file holds, which a revert leaves alone."""
        try:
            if records.snapshot(self.tool_id) != self.record_before:
                records.restore(self.tool_id, self.record_before)
        except OSError as exc:
            log.warning("the record of %s could not be put back: %s", self.tool_id, exc)

    def fail(self, cause: CodingPlanError | OSError) -> CodingPlanError:
        """Roll back; the error that says what happened."""
        done = [c.path for _k, c, _m in self.done]
        left = self.roll_back()
        if isinstance(cause, CodingPlanError):
            err = cause
        else:
            where = self.current or Path(cause.filename or "?")
            err = _write_failed(where, cause, [p for p in done if p not in left])
        return _not_put_back(self.tool_id, err, left) if left else err

    def run(self, steps: Callable[[], None]) -> None:
        """Carry out ``steps``; on any failure put everything back and raise what happened."""
        try:
            self.record_before = records.snapshot(self.tool_id)
            steps()
        except OSError as exc:
            raise self.fail(exc) from None
        except CodingPlanError as err:
            raise self.fail(err) from None
        except BaseException:
            self.roll_back()
            raise


def _mode_of(path: Path) -> int | None:
    try:
        return _mode(path)
    except FileNotFoundError:
        return None


def _apply_configure(changes: ChangeSet) -> ApplyResult:
    record = records.load(changes.tool_id) or records.ToolRecord(changes.tool_id)
    txn = _Transaction(changes.tool_id)
    # A file that already holds the key (the person's own copy) is made private too.
    writes = [c for c in changes.files if c.after is not None and _needs_write(c)]

    def steps() -> None:
        for change in writes:  # anything that keeps a file from being written fails here
            txn.stage(change)
        for change in changes.files:
            _enter(record, change, txn)
        if changes.options is not None:
            record.options = changes.options.to_dict()
        record.key_outdated = False  # the key in its files is now the stored one, or none
        # The record first: a crash before the files are written leaves a record whose
        # values are simply not found, which revert treats as "changed since" and leaves.
        records.save(record)
        for change in writes:
            txn.commit(change, lambda again: _repreviewed(record, again))

    txn.run(steps)
    return ApplyResult(
        changes.tool_id, changes.action, txn.written, (), tuple(txn.backups), changes.notes
    )


def _enter(record: records.ToolRecord, change: FileChange, txn: _Transaction) -> None:
    """What the record says of one file after this change."""
    entry = record.file(change.path)
    if entry is None:
        if not change.changed:
            return
        existed = change.before is not None
        # Only the person's own file is backed up: one this app created holds nothing of
        # theirs, and its backup would keep a copy of the key after revert.
        saved = txn.backup(change) if existed else None
        entry = records.FileRecord(
            path=str(change.path),
            role=change.role,
            format=change.format,
            existed=existed,
            original_mode=_mode(change.path) if existed else None,
            backup=str(saved) if saved else None,
            written_hash=None,
            pristine=True,
            created_dirs=[str(d) for d in change.created_dirs],
        )
        record.files.append(entry)
    else:
        entry.pristine = entry.pristine and bytes_hash(change.before) == entry.written_hash
    entry.owned = list(change.owned)
    entry.written_hash = bytes_hash(change.after)


def _repreviewed(record: records.ToolRecord, change: FileChange) -> None:
    """The tool wrote the file while this app did: the record follows the new plan, and the
    file is no longer as this app alone left it (revert goes value by value)."""
    entry = record.file(change.path)
    if entry is None:
        return
    entry.owned = list(change.owned)
    entry.written_hash = bytes_hash(change.after)
    entry.pristine = False
    if not entry.existed and change.before is not None:
        entry.existed = True  # the tool created it too: not this app's alone to remove
        entry.original_mode = _mode(change.path)
    records.save(record)


def _mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o7777


def _apply_revert(changes: ChangeSet) -> ApplyResult:
    record = records.load(changes.tool_id)
    txn = _Transaction(changes.tool_id)

    def steps() -> None:
        writes = [c for c in changes.files if c.after is not None and _needs_write(c)]
        for change in writes:
            txn.stage(change)
        for change in writes:
            txn.commit(change, lambda _again: None)
        for change in changes.files:
            if change.after is None and change.before is not None:
                txn.remove(change)

    txn.run(steps)
    for change in changes.files:
        for folder in reversed(change.created_dirs):
            try:
                folder.rmdir()  # only when empty: anything the tool added there stays
            except OSError:
                break
    for entry in record.files if record else []:
        if not entry.existed and entry.backup:  # taken by earlier versions: holds our key
            records.discard_backup(entry.backup)
    records.delete(changes.tool_id)
    return ApplyResult(changes.tool_id, changes.action, txn.written, txn.removed, (), changes.notes)


def _needs_write(change: FileChange) -> bool:
    if change.changed:
        return True
    return (
        change.mode is not None and change.before is not None and _mode(change.path) != change.mode
    )

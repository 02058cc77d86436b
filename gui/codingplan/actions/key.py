"""The actions on the key: store it (and carry it into the tools holding a copy of the old
one), update those tools, clear it (first offering to take the copies out)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from codingplan import integrations
from codingplan.actions.tools import apply_each, revert, tools_holding_key
from codingplan.changed import Changed
from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.plan import check_key
from codingplan.tools import records, verified
from codingplan.tools.types import ChangeSet

# keystore is imported by the steps that touch the key: keyring takes longer to load than
# a whole `codingplan usage`, which needs no key.
if TYPE_CHECKING:
    from codingplan.keystore import KeyStatus as KeyStatus  # what key_status() gives


def key_status() -> KeyStatus:
    """Whether the keyring can be used and holds a key (masked), never the key itself."""
    from codingplan import keystore

    return keystore.status()


def key_place() -> tuple[str, str]:
    """The keyring entry the key is kept under, to tell the person: (service, account)."""
    from codingplan import keystore

    return keystore.SERVICE, keystore.ACCOUNT


@dataclass
class StoredKey:
    """What storing a key gives back: never the key, only its masked form; the change sets
    that would carry it into the tools holding a copy of an older one; and the tools whose
    change set cannot be made (a read-only file, say), each with why. Every tool in either
    is reported by ``codingplan tools`` as holding an older key until it is updated."""

    masked: str
    rotations: list[ChangeSet] = field(default_factory=list)
    failed: dict[str, CodingPlanError] = field(default_factory=dict)  # tool -> why not

    @property
    def changed(self) -> Changed:
        """The key; and the tools: marked as holding an older key, if any do, and no longer
        verified with the key they now get."""
        return Changed.KEY | Changed.TOOLS

    @property
    def outdated(self) -> list[str]:
        """Every tool that still holds an older key, the ones to update first."""
        return [c.tool_id for c in self.rotations] + list(self.failed)


def store_key(raw: str) -> StoredKey:
    """Store the key, then preview putting it in the tools that hold a copy of an older one.
    The key is stored even when that preview fails for a tool (its error is handed back)."""
    from codingplan import keystore

    key = check_key(raw)  # a malformed key is told as such, whatever the keyring's state
    previous = keystore.get_key()
    masked = keystore.set_key(raw)
    _stamp_key_change()
    if previous != key:  # no earlier Verify run was made with this key
        verified.forget_all()
    if previous == key and not _outdated_tools():
        return StoredKey(masked)
    rotations, failed = preview_each_rotation(key)
    stored = StoredKey(masked, rotations, failed)
    for tool_id in stored.outdated:
        _mark_outdated(tool_id)
    return stored


def _stamp_key_change() -> None:
    """Tell a running app that the key changed (``paths.key_stamp_file``): the time alone."""
    from datetime import UTC, datetime

    from codingplan import paths
    from codingplan.fileio import atomic_write

    stamp = paths.key_stamp_file()
    with contextlib.suppress(OSError):  # only a hint: the app also looks when it starts
        stamp.parent.mkdir(parents=True, exist_ok=True)
        paths.private_dir(stamp.parent)
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        atomic_write(stamp, now.encode("ascii"), mode=0o600)


def _outdated_tools() -> list[str]:
    """The tools marked as holding an older key (an earlier update failed or was declined)."""
    found = []
    for tool_id in integrations.AUTOMATIC_IDS:
        try:
            record = records.load(tool_id)
        except CodingPlanError:
            continue
        if record is not None and record.key_outdated:
            found.append(tool_id)
    return found


def _mark_outdated(tool_id: str) -> None:
    # A damaged record shows as unreadable already.
    with contextlib.suppress(CodingPlanError, OSError):
        records.mark_key_outdated(tool_id)


def preview_rotations(new_key: str, env: Env | None = None) -> list[ChangeSet]:
    """One change set per tool that holds a copy of the key this app wrote; raises the
    first tool's error."""
    rotations, failed = preview_each_rotation(new_key, env)
    if failed:
        raise next(iter(failed.values()))
    return rotations


def preview_each_rotation(
    new_key: str, env: Env | None = None
) -> tuple[list[ChangeSet], dict[str, CodingPlanError]]:
    """One change set per tool that holds a copy of the key this app wrote, and the tools
    whose change cannot be made (a read-only file, say), with why: one does not stop the
    others."""
    found, failed = [], {}
    for adapter in integrations.adapters():
        try:
            change = adapter.preview_rotation(new_key, env)
        except CodingPlanError as err:
            failed[adapter.id] = err
            continue
        if change is not None and not change.empty:
            found.append(change)
    return found, failed


@dataclass
class KeyUpdate:
    """The tools that got the stored key, and those that did not, each with why."""

    updated: list[str] = field(default_factory=list)
    failed: dict[str, CodingPlanError] = field(default_factory=dict)
    changed: Changed = Changed.TOOLS


def update_key_copies(rotations: Iterable[ChangeSet]) -> KeyUpdate:
    """Put the stored key in each tool of ``rotations``; one that fails does not stop the
    others, and stays marked as holding an older key."""
    done, failed = apply_each(rotations)
    return KeyUpdate([r.tool_id for r in done], failed)


@dataclass
class ClearedKey:
    removed: bool  # False: no key was stored
    reverted: list[str] = field(default_factory=list)
    # Tools still holding a copy: why (None when the person chose to keep them).
    still_holding: dict[str, CodingPlanError | None] = field(default_factory=dict)
    # Tool files holding the key that this app did not put there (the person's own copy).
    files_holding_key: list[Path] = field(default_factory=list)

    @property
    def changed(self) -> Changed:
        """The key; and the tools (reverted, or no longer verified without a key)."""
        return Changed.KEY | Changed.TOOLS


def clear_key(revert_copies: bool) -> ClearedKey:
    """Remove the key from the keyring; with ``revert_copies``, first revert every tool that
    holds a copy of it, so that no file this app wrote keeps it. (The app and the command
    line both ask first: ``tools_holding_key`` says whom to name.)"""
    from codingplan import keystore

    state = keystore.status()
    if state.error is not None:  # a locked keyring: say so before changing any file
        raise state.error
    for adapter in integrations.adapters():  # copies a killed configure left staged
        adapter.remove_staged()
    holding = tools_holding_key()
    reverted: list[str] = []
    left: dict[str, CodingPlanError | None] = {}
    for tool_id in holding:
        if not revert_copies:
            left[tool_id] = None
            continue
        try:
            revert(tool_id)
            reverted.append(tool_id)
        except CodingPlanError as err:
            left[tool_id] = err
    key = keystore.get_key()
    tools = [a for a in integrations.adapters() if key and a.id not in left]
    kept = [p for a in tools for p in a.files_holding(key or "")]
    removed = keystore.delete_key()
    if removed:
        _stamp_key_change()
    verified.forget_all()
    return ClearedKey(removed, reverted, left, kept)

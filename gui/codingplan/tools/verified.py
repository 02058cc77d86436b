"""The last Verify run of each tool, remembered for as long as it speaks for the tool's setup.

A Verify run proves that the tool, set up as it was then, reaches the plan. The app and the
command line both show it afterwards ("set up and verified"), and a wizard run again starts
from it. It is kept in the app's data folder, ``verified/<tool-id>.json``: whether it
worked, the outcome's category, when, and a fingerprint of the setup it ran with (a hash of
where the tool's files send it and what this app set there: the adapter's ``verify_basis``).
Not of the files' bytes: the tools rewrite their own files as they run (Claude Code its
``~/.claude.json`` at every start), and a run would be forgotten by the next session. A
setup that changes (an Apply with another model, a Revert, an edit that points the tool
elsewhere) makes the fingerprint differ, and the run is no longer recalled; so does a new
key (``forget_all``, from storing or removing one).

Nothing here reads the key or keeps any part of a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

from codingplan import paths
from codingplan.fileio import atomic_write
from codingplan.tools.types import Verified

PRIVATE_FILE = 0o600


def _folder() -> Path:
    return paths.data_dir() / "verified"


def _file(tool_id: str) -> Path:
    return _folder() / f"{tool_id}.json"


def fingerprint(basis: str) -> str:
    return hashlib.sha256(basis.encode("utf-8", "surrogateescape")).hexdigest()


def note(tool_id: str, basis: str, ok: bool, category: str) -> Verified:
    """Remember a Verify run that just ended, against the setup it ran with (``basis``)."""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    data = {"ok": ok, "category": category, "at": at, "setup": fingerprint(basis)}
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    paths.private_dir(folder)
    text = json.dumps(data, indent=2) + "\n"
    atomic_write(_file(tool_id), text.encode("utf-8"), mode=PRIVATE_FILE)
    return Verified(ok, category, at)


def recalled(tool_id: str, basis: str) -> Verified | None:
    """The last run, if the tool is still set up as it was then (None otherwise, or when
    what is kept cannot be read: it is only a memory, never worth an error)."""
    try:
        data = json.loads(_file(tool_id).read_text("utf-8"))
        if data["setup"] != fingerprint(basis):
            return None
        ok, category, at = data["ok"], data["category"], data["at"]
        datetime.fromisoformat(at)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(ok, bool) or not isinstance(category, str):
        return None
    return Verified(ok, category, at)


def forget(tool_id: str) -> None:
    with contextlib.suppress(OSError):
        _file(tool_id).unlink(missing_ok=True)


def forget_all() -> None:
    """A new key (or none): no earlier run speaks for the key the tools now get."""
    with contextlib.suppress(OSError):
        for path in _folder().glob("*.json"):
            path.unlink(missing_ok=True)

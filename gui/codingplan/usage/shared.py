"""Quota across several computers, through a folder the person already syncs.

The plan's quota belongs to the key, and a key is often used from a laptop and a desktop;
each computer sees only its own tools' records. So each writes the requests it counted to
its own file in a shared folder (Syncthing, Dropbox, OneDrive, iCloud Drive, Nextcloud) and
reads the others' files, and the windows cover every computer.

One file per computer, ``<machine id>.codingplan-usage.jsonl``, only ever written by it:

    {"codingplan_share": 1, "machine": "<id>", "label": "<host name>", "written": "<time>"}
    [<request id>, "<tool>", <time ms>, "<model>", "<outcome>"]
    ...

A request's id is the one this computer's ledger gives it, so a request both computers saw
(tool records that are themselves synced) is counted once. New requests are appended (and a
changed outcome appended again: the last line wins); once the file holds more than the month
window needs, it is rewritten whole, atomically. No prompt, path, project name or key is in
it. Readers take every file whose name holds ``codingplan-usage`` (a sync tool's "conflicted
copy" too), skip their own, ignore a half-written last line, and ignore with a notice a file
of a newer format.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from codingplan.endings import Outcome
from codingplan.errors import CodingPlanError
from codingplan.fileio import atomic_write
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.usage.events import Item, OutcomeUpdate, RequestEvent
from codingplan.usage.ledger import Ledger
from codingplan.usage.reading import loads
from codingplan.usage.source import AppendParser, Target, UsageSource
from codingplan.usage.traffic import PlanTraffic

FORMAT = 1
MARK = "codingplan-usage"
SOURCE = "shared"  # the scan state's source; the requests keep their tools' ids
KEEP_MS = 40 * 86_400_000  # more than a month window: what a file holds, at most
MACHINE_PREFIX = "@"  # in a shared request's session: the computer it came from
SILENT_MS = 3 * 86_400_000  # a computer that wrote nothing for this long is shown as such


def machine_id(folder: Path) -> str:
    """This computer's id, made once and kept in the app's data folder."""
    path = folder / "machine-id"
    try:
        found = path.read_text("ascii").strip()
        if found:
            return found
    except (OSError, UnicodeDecodeError):
        pass
    import uuid  # made once per computer: not worth importing on every run

    made = uuid.uuid4().hex[:16]
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, made.encode("ascii"), mode=0o600)
    return made


class Machine(NamedTuple):
    """Another computer, as its file describes it."""

    id: str
    label: str
    written_ms: int | None
    newer: bool = False  # written by a newer version of this app: not read


@dataclass(frozen=True)
class ShareParser(AppendParser):
    """Another computer's file: its header, then one request per line."""

    me: str  # this computer's id: a copy of its own file is not read back
    name = "shared"
    needles = (b"[", b"codingplan_share")

    def parse_line(self, line: bytes, context: dict[str, Any], traffic: PlanTraffic) -> list[Item]:
        value = loads(line)
        if isinstance(value, dict):
            return self._header(value, context)
        machine = context.get("machine")
        if not machine or context.get("newer") or context.get("own"):
            return []
        request_id, source, time_ms, model, outcome = value
        kind = Outcome(outcome)
        if not (isinstance(request_id, int) and isinstance(time_ms, int)):
            raise ValueError("not a request line")
        session = f"{MACHINE_PREFIX}{machine}"
        event = RequestEvent(str(source), "", time_ms, str(model), kind, session, row_id=request_id)
        # An outcome that changed there is written again: the last line wins.
        return [event, OutcomeUpdate(str(source), "", kind, row_id=request_id)]

    def _header(self, value: dict[str, Any], context: dict[str, Any]) -> list[Item]:
        version = value.get("codingplan_share")
        if not isinstance(version, int):
            raise ValueError("not a share header")
        context.update(
            machine=str(value.get("machine") or ""),
            label=str(value.get("label") or ""),
            written=str(value.get("written") or ""),
            newer=version > FORMAT,
            own=str(value.get("machine") or "") == self.me,
        )
        return []


class ShareSource(UsageSource):
    """The other computers' files in the shared folder."""

    def __init__(self, folder: Path, me: str) -> None:
        self.folder = folder
        self.me = me
        self.parser = ShareParser(me)
        super().__init__(SOURCE, [folder])

    def targets(self) -> Iterator[Target]:
        try:
            names = sorted(os.listdir(self.folder))
        except OSError:
            return
        own = own_file_name(self.me)
        for name in names:
            if MARK in name and name.endswith(".jsonl") and name != own:
                yield Target(SOURCE, self.parser, str(self.folder / name))


def own_file_name(machine: str) -> str:
    return f"{machine}.{MARK}.jsonl"


class ShareFolder:
    """This computer's side of sharing: what it reads, and what it writes for the others."""

    def __init__(self, folder: Path, machine: str, label: str | None = None) -> None:
        self.folder = folder
        self.machine = machine
        if not label:
            import socket  # only where a shared folder is set

            label = socket.gethostname()
        self.label = label

    @property
    def file(self) -> Path:
        return self.folder / own_file_name(self.machine)

    def source(self) -> ShareSource:
        return ShareSource(self.folder, self.machine)

    def problem(self) -> CodingPlanError | None:
        """Why the folder cannot be used now, if it cannot."""
        if not self.folder.is_dir():
            return CodingPlanError(
                "share_folder_missing",
                QT_TRANSLATE_NOOP("usage", "The shared folder {folder} is not there."),
                QT_TRANSLATE_NOOP(
                    "usage",
                    "This computer's count goes on alone. Check that the folder exists and is "
                    "synced, or change it in Settings ('codingplan settings set share-folder').",
                ),
                folder=str(self.folder),
            )
        return None

    def export(self, ledger: Ledger, now_ms: int) -> int:
        """Write what this computer counted and the others have not been given yet.

        Returns how many requests were written; raises OSError when the folder refuses.
        """
        since = now_ms - KEEP_MS
        rows = ledger.unshared(since)
        oldest = ledger.oldest_shared()
        if (oldest is not None and oldest < since) or not self.file.exists():
            return self._rewrite(ledger, since, now_ms)
        if not rows:
            return 0
        data = b"".join(_line(row) for row in rows)
        fd = os.open(self.file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, data)  # one write: a reader sees whole lines, or a partial last one
        finally:
            os.close(fd)
        ledger.mark_shared(rows)
        return len(rows)

    def _rewrite(self, ledger: Ledger, since: int, now_ms: int) -> int:
        """The whole file again: the header, and this computer's requests of the last 40 days."""
        rows = ledger.local_requests(since)
        header = {
            "codingplan_share": FORMAT,
            "machine": self.machine,
            "label": self.label,
            "written": datetime.fromtimestamp(now_ms / 1000, UTC).isoformat(timespec="seconds"),
        }
        text = json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n"
        atomic_write(self.file, text + b"".join(_line(row) for row in rows), mode=0o644)
        ledger.reset_shared(rows)
        return len(rows)


def _line(row: tuple[int, str, int, str, str]) -> bytes:
    return json.dumps(list(row), ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def machines(ledger: Ledger) -> list[Machine]:
    """The other computers whose files were read, from what their headers said."""
    found = []
    for context in ledger.contexts(SOURCE):
        machine = context.get("machine")
        if not machine or context.get("own"):
            continue
        written = context.get("written")
        try:
            written_ms = int(datetime.fromisoformat(str(written)).timestamp() * 1000)
        except (TypeError, ValueError):
            written_ms = None
        label = str(context.get("label") or machine)
        found.append(Machine(str(machine), label, written_ms, bool(context.get("newer"))))
    unique = {m.id: m for m in sorted(found, key=lambda m: m.written_ms or 0)}
    return list(unique.values())

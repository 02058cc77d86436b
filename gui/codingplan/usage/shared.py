"""Quota across several computers, through a folder the person already syncs.

The plan's quota belongs to the key, and a key is often used from a laptop and a desktop;
each computer sees only its own tools' records. So each writes the requests it counted to
its own file in a shared folder (Syncthing, Dropbox, OneDrive, iCloud Drive, Nextcloud) and
reads the others' files, and the windows cover every computer.

One file per computer, ``<machine id>.codingplan-usage.jsonl``, only ever written by it:

    {"codingplan_share": 1, "machine": "<id>", "label": "<host name>", "written": "<time>",
     "write": "<random, new each write>", "seen": {"<other id>": [<its written>, <read at>]}}
    [<request id>, "<tool>", <time ms>, "<model>", "<outcome>"]
    [<request id>, "<tool>", <time ms>, "<model>", "ok", 1]
    ...

A request's id is the one this computer's ledger gives it, so a request both computers saw
(tool records that are themselves synced) is counted once. A call a tool records twice
(Qwen Code, Cline) is two rows here, and the one not counted is marked with a final ``1``:
the others count each call once too. The file is written whole each time (a new file in
the folder, renamed over the old one), with the requests of the last 40 days; no prompt,
path, project name or key is in it.

Everything in the folder is input from outside, written by other computers and by sync
software: it is trusted with nothing. Links, pipes, folders and oversized files named like
a count are not opened; a line that is not a request is skipped and counted; a computer
speaks only for its own requests (a file cannot change what this computer, or another,
counted); times are bounded and corrected for a clock proven off (``seen`` tells each
computer when its own file was read, by the reader's clock); a file of a newer format is
left unread with a notice.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple, TypeGuard

from codingplan.endings import Outcome
from codingplan.errors import CodingPlanError
from codingplan.fileio import atomic_write
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.usage import untrusted
from codingplan.usage.events import EARLIEST_MS, Item, RequestEvent
from codingplan.usage.ledger import Ledger
from codingplan.usage.reading import loads
from codingplan.usage.scanner import FileResult, Row
from codingplan.usage.source import MALFORMED, Target, UsageSource, WholeFileParser
from codingplan.usage.traffic import PlanTraffic

FORMAT = 1
MARK = "codingplan-usage"
SOURCE = "shared"  # the scan state's source; the requests keep their tools' ids
DAY_MS = 86_400_000
KEEP_MS = 40 * DAY_MS  # more than a month window: what a file holds, at most
MACHINE_PREFIX = "@"  # in a shared request's session: the computer it came from
SILENT_MS = 3 * DAY_MS  # a computer that wrote nothing for this long is shown as such
HEARTBEAT_MS = 12 * 3_600_000  # a computer that counts nothing new still says it is there
SKEW_MS = 60_000  # clocks further apart than this are said to be, and corrected
MAX_SKEW_MS = 2 * DAY_MS  # a clock further off is not believed at all
# Bounds on what a file is believed to hold: a computer writes at most MAX_ROWS requests
# (40 days of a Pro plan's every call, counted or not, fit), MAX_BYTES in all.
MAX_ROWS = 300_000
MAX_BYTES = 32 << 20
MAX_FILES = 64  # count files read, the most recently changed first
MAX_LINE = 4096
MAX_HEADER = 64 << 10
MAX_SEEN = 64
MAX_LABEL = 64
MAX_MODEL = 128
MACHINE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
TOOL_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,39}")
WRITE_ID = re.compile(r"[0-9a-f]{1,64}")
KEPT_WRITES = 8  # this computer's latest writes it recognises as its own


def machine_id(folder: Path) -> str:
    """This computer's id, made once and kept in the app's data folder."""
    path = folder / "machine-id"
    try:
        found = path.read_text("ascii").strip()
        if MACHINE_ID.fullmatch(found):
            return found
    except (OSError, UnicodeDecodeError):
        pass
    return new_machine_id(path)


def new_machine_id(path: Path | None) -> str:
    """A new id for this computer, kept in ``path`` when one is given."""
    made = os.urandom(8).hex()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, made.encode("ascii"), mode=0o600)
    return made


def clean_text(value: object, limit: int) -> str:
    """Text from another computer, fit to show: no control or format characters (terminal
    escapes, direction overrides), no lone surrogates, spaces plain, at most ``limit``."""
    if not isinstance(value, str):
        return ""
    import unicodedata  # only where a shared folder is read

    kept = []
    for char in value[: limit * 4]:
        kind = unicodedata.category(char)
        if kind[0] == "Z":
            kept.append(" ")
        elif kind[0] != "C":
            kept.append(char)
    return " ".join("".join(kept).split())[:limit]


def own_file_name(machine: str) -> str:
    return f"{machine}.{MARK}.jsonl"


class Machine(NamedTuple):
    """Another computer, as its file describes it."""

    id: str
    label: str
    written_ms: int | None  # when it last wrote, by this computer's clock
    newer: bool = False  # written by a newer version of this app: not read
    offset_ms: int = 0  # how far its clock is proven off this one's (ahead > 0)
    skipped: int = 0  # records of its files not used


# --- reading ---------------------------------------------------------------------------------


def _is_int(value: object) -> TypeGuard[int]:
    return type(value) is int  # not a bool, not a float


def _iso_ms(text: object) -> int | None:
    if not isinstance(text, str) or len(text) > 64:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00", 1))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return int(moment.timestamp() * 1000)
    except (ValueError, OverflowError):
        return None


def _moment(ms: object, read_ms: int) -> int | None:
    """``ms`` if it is a time a computer can have written (2020 to two days from now)."""
    if _is_int(ms) and EARLIEST_MS <= ms <= read_ms + MAX_SKEW_MS:
        return ms
    return None


def parse_header(line: bytes, me: str, read_ms: int) -> dict[str, Any]:
    """What a file's first line says of the computer that wrote it, checked and cleaned:
    the context kept with the file's scan state. Raises ValueError for a line that is not
    a header."""
    value = loads(line)
    if not isinstance(value, dict):
        raise ValueError("not a share header")
    version = value.get("codingplan_share")
    machine = value.get("machine")
    if not (_is_int(version) and version >= 1):
        raise ValueError("not a share header")
    if not (isinstance(machine, str) and MACHINE_ID.fullmatch(machine)):
        raise ValueError("no machine id")
    context: dict[str, Any] = {
        "machine": machine,
        "label": clean_text(value.get("label"), MAX_LABEL),
        "read_ms": read_ms,
    }
    if version > FORMAT:
        context["newer"] = True
        return context
    if machine == me:
        context["own"] = True
    written = _moment(_iso_ms(value.get("written")), read_ms)
    if written is not None:
        context["written_ms"] = written
    write = value.get("write")
    if isinstance(write, str) and WRITE_ID.fullmatch(write):
        context["write"] = write
    seen = value.get("seen")
    echo = seen.get(me) if isinstance(seen, dict) else None
    if isinstance(echo, list) and len(echo) == 2:
        # When that computer read this one's file: (this one's "written", its own clock).
        ours, theirs = _moment(echo[0], read_ms), _moment(echo[1], read_ms)
        if ours is not None and theirs is not None:
            context["echo"] = [ours, theirs]
    return context


def parse_request(value: Any) -> tuple[int, str, int, str, Outcome, bool]:
    """(id, tool, time as written, model, outcome, whether it is a second record not
    counted) of a request line; ValueError for anything else."""
    if not isinstance(value, list) or len(value) not in (5, 6):
        raise ValueError("not a request")
    request_id, tool, time_ms, model, outcome = value[:5]
    if not (_is_int(request_id) and -(2**63) <= request_id < 2**63):
        raise ValueError("not a request id")
    if not (isinstance(tool, str) and TOOL_ID.fullmatch(tool)):
        raise ValueError("not a tool id")
    if not (_is_int(time_ms) and EARLIEST_MS <= time_ms < 2**53):
        raise ValueError("not a time")
    if not (isinstance(model, str) and len(model) <= 4 * MAX_MODEL):
        raise ValueError("not a model")
    if not isinstance(outcome, str):
        raise ValueError("not an outcome")
    kind = Outcome(outcome)
    second = len(value) == 6
    if second and not (_is_int(value[5]) and value[5] == 1 and kind is Outcome.OK):
        raise ValueError("not a mark")
    return request_id, tool, time_ms, clean_text(model, MAX_MODEL), kind, second


def _lines(data: bytes, start: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each whole line from ``start`` on; a last line without its newline
    is still being written (a sync in progress) and is left out."""
    while (end := data.find(b"\n", start)) >= 0:
        yield start, end
        start = end + 1


def parse_count(data: bytes, me: str, read_ms: int) -> tuple[list[Item], int, dict[str, Any]]:
    """The requests of a count file's bytes, the lines skipped, and its header's context."""
    context: dict[str, Any] = {"read_ms": read_ms}
    first = data.find(b"\n")
    if first < 0:
        if len(data) > MAX_HEADER:
            context["refused"] = "content"
            return [], 1, context
        return [], 0, context  # not even a whole header yet
    try:
        if first > MAX_HEADER:
            raise ValueError("too long")
        context = parse_header(data[:first], me, read_ms)
    except MALFORMED:
        context["refused"] = "content"
        return [], 1, context
    if context.get("newer") or context.get("own"):
        return [], 0, context
    rows: dict[int, tuple[int, str, int, str, Outcome, bool]] = {}
    skipped = 0
    for start, end in _lines(data, first + 1):
        if end - start > MAX_LINE:
            skipped += 1
            continue
        line = data[start:end]
        if not line.strip():
            continue
        try:
            request = parse_request(loads(line))
        except MALFORMED:
            skipped += 1
            continue
        if request[0] not in rows and len(rows) >= MAX_ROWS:
            skipped += 1 + data.count(b"\n", end + 1)  # more than any computer writes
            break
        rows[request[0]] = request  # an outcome told again: the last line wins
    session = MACHINE_PREFIX + context["machine"]
    items: list[Item] = [
        RequestEvent(tool, "", t, model, kind, session, secondary=second, row_id=i)
        for i, tool, t, model, kind, second in rows.values()
    ]
    context["rows"] = len(items)
    return items, skipped, context


class ShareParser(WholeFileParser):
    """Another computer's file: its header, then one request per line."""

    name = "shared"

    def __init__(self, me: str) -> None:
        self.me = me  # this computer's id: a copy of its own file is not read back

    def parse_file(self, path: str, traffic: PlanTraffic) -> tuple[list[Item], int]:
        items, skipped, _ = self.parse_with_context(path, traffic)
        return items, skipped

    def parse_with_context(
        self, path: str, traffic: PlanTraffic
    ) -> tuple[list[Item], int, dict[str, Any]]:
        read_ms = int(time.time() * 1000)
        name = os.path.basename(path)
        try:
            fd, _ = untrusted.open_regular(Path(path), MAX_BYTES)
            try:
                data = untrusted.read_bounded(fd, MAX_BYTES)
            finally:
                os.close(fd)
        except untrusted.Unsafe as exc:
            return [], 1, {"read_ms": read_ms, "file": name, "refused": exc.kind}
        except FileNotFoundError:
            return [], 0, {"read_ms": read_ms, "file": name}  # gone since it was listed
        except OSError as exc:  # a link swapped in at the last moment, no permission
            kind = "link" if exc.errno == getattr(os, "ELOOP", 40) else "unreadable"
            return [], 1, {"read_ms": read_ms, "file": name, "refused": kind}
        items, skipped, context = parse_count(data, self.me, read_ms)
        context["file"] = name
        return items, skipped, context


class ShareSource(UsageSource):
    """The other computers' files in the shared folder."""

    def __init__(self, share: ShareFolder) -> None:
        self.share = share
        self.folder = share.folder
        self.me = share.machine
        self.parser = ShareParser(share.machine)
        super().__init__(SOURCE, [share.folder])

    def targets(self) -> Iterator[Target]:
        try:
            untrusted.check_folder(self.folder)
            own = own_file_name(self.me)
            with os.scandir(self.folder) as entries:
                found = [
                    entry
                    for entry in entries
                    if MARK in entry.name
                    and entry.name.endswith(".jsonl")
                    and not entry.name.startswith(".")  # a sync tool's (or this app's) temporary
                    and entry.name != own
                ]
        except (OSError, untrusted.Unsafe):
            self.share.left_out = 0
            return
        self.share.left_out = max(0, len(found) - MAX_FILES)
        if self.share.left_out:
            found.sort(key=_changed_at, reverse=True)
        for entry in sorted(found[:MAX_FILES], key=lambda e: e.name):
            yield Target(SOURCE, self.parser, entry.path)


def _changed_at(entry: os.DirEntry[str]) -> int:
    try:
        return entry.stat(follow_symlinks=False).st_mtime_ns
    except OSError:
        return 0


# --- what another computer's file may change here --------------------------------------------


def admit(ledger: Ledger, result: FileResult) -> FileResult:
    """What of another computer's file goes into the ledger (run in this process, before
    the file's rows are committed): its times corrected for a clock proven off and bounded;
    a request another computer (this one included) counted left as it was counted; a
    request the ledger holds from this computer stated again from its newest file; the
    rest new. The file's context keeps the correction and what was left out."""
    state = result.state
    if state is None:
        return result
    context = json.loads(state.context)
    machine = context.get("machine")
    if not machine or context.get("refused") or context.get("newer") or context.get("own"):
        return result
    session = MACHINE_PREFIX + machine
    known = [c for c in ledger.contexts(SOURCE) if c.get("machine") == machine]
    # The correction this computer's files had so far (this file's last reading included),
    # and whether this file is its newest (a stale "conflicted copy" restates nothing).
    before = max(known, key=_written, default={})
    offset = _offset(context, int(before.get("offset_ms") or 0))
    others = [c for c in known if c.get("file") != context.get("file")]
    newest = _written(context) >= max(map(_written, others), default=-1)
    read_ms = context["read_ms"]
    oldest, latest = read_ms - KEEP_MS - DAY_MS, read_ms + SKEW_MS
    rows: list[Row] = []
    skipped = 0
    for row in result.rows:
        moment = row[2] - offset
        if moment > latest or moment < EARLIEST_MS:
            skipped += 1  # a request cannot have been made in the future (or before 2020)
        elif moment >= oldest:  # older ones no window needs
            rows.append((row[0], row[1], moment, row[3], row[4], session, row[6]))
    held = ledger.holders([row[0] for row in rows])
    fresh: list[Row] = []
    again: list[Row] = []
    claims = 0
    for row in rows:
        stored = held.get(row[0])
        if stored is None:
            fresh.append(row)
        elif stored[5] == session:
            if newest and (*stored[1:5], bool(stored[6])) != (*row[1:5], row[6]):
                again.append(row)
        elif stored[4] != row[4]:
            claims += 1  # told otherwise of a request counted elsewhere: not believed
    ledger.restate(again)
    context.update(offset_ms=offset, claims=claims, skipped=state.skipped + skipped + claims)
    new_state = state._replace(
        skipped=context["skipped"], context=json.dumps(context, separators=(",", ":"))
    )
    # A computer's second records of a call never count: covered from the start of time.
    covers = {(row[1], session): 0 for row in fresh if row[6]}
    return FileResult(
        result.target,
        new_state,
        fresh,
        covers,
        skipped=result.skipped + skipped + claims,
        bytes_read=result.bytes_read,
    )


def _written(context: dict[str, Any]) -> int:
    """When the file was written, by its writer's clock; -1 if it does not say. (A file
    last read by an older version of this app has its header's text instead.)"""
    written = context.get("written_ms", _iso_ms(context.get("written")))
    return written if _is_int(written) else -1


def _offset(context: dict[str, Any], before: int) -> int:
    """How far the writer's clock is proven ahead of this computer's (negative: behind).

    Its file was written before it was read here: a "written" later than this clock's
    reading proves it ahead by at least the difference. It says when it read this
    computer's file by its own clock: earlier than this one's "written" proves it behind.
    Within ``SKEW_MS`` nothing is proven. Of two proofs in the same direction the larger
    holds (each is a least difference)."""
    found = 0
    written = context.get("written_ms")
    echo = context.get("echo")
    if isinstance(written, int) and written - context["read_ms"] > SKEW_MS:
        found = written - context["read_ms"]
    elif echo and echo[0] - echo[1] > SKEW_MS:
        found = echo[1] - echo[0]
    if found and before and (found > 0) == (before > 0):
        return found if abs(found) > abs(before) else int(before)
    return found


# --- this computer's side --------------------------------------------------------------------


class ShareFolder:
    """This computer's side of sharing: what it reads, and what it writes for the others."""

    def __init__(
        self, folder: Path, machine: str, label: str | None = None, id_file: Path | None = None
    ) -> None:
        self.folder = folder
        self.machine = machine
        self.id_file = id_file  # where this computer's id is kept: a new one goes there
        if not label:
            import socket  # only where a shared folder is set

            label = socket.gethostname()
        self.label = clean_text(label, MAX_LABEL) or machine
        self.left_out = 0  # count files beyond MAX_FILES at the last listing

    @property
    def file(self) -> Path:
        return self.folder / own_file_name(self.machine)

    def source(self) -> ShareSource:
        return ShareSource(self)

    def problem(self) -> CodingPlanError | None:
        """Why the folder cannot be used now, if it cannot."""
        try:
            untrusted.check_folder(self.folder)
        except FileNotFoundError:
            return _folder_missing(self.folder)
        except OSError as exc:
            return _unwritable(self.folder, exc)
        except untrusted.Unsafe as exc:
            return _folder_unsafe(self.folder, exc.kind)
        return None

    def export(self, ledger: Ledger, now_ms: int) -> int:
        """Write what this computer counted, if the others have not been given it yet (or
        for half a day nothing was written: the others see this one is still there).

        Returns how many requests were written; raises ``CodingPlanError`` when the folder
        or the file there cannot be written (nothing is then marked as given)."""
        problem = self.problem()
        if problem is not None:
            raise problem
        own = self._own_header(ledger, now_ms)
        seen = self._seen(ledger)
        state = ledger.share_state()
        since = max(now_ms - KEEP_MS, int(state.get("since") or 0))
        if own is not None and not self._due(ledger, own, since, now_ms, seen):
            return 0
        try:
            return self._rewrite(ledger, now_ms - KEEP_MS, now_ms, seen)
        except OSError as exc:
            raise _unwritable(self.folder, exc) from None

    def _own_header(self, ledger: Ledger, now_ms: int) -> dict[str, Any] | None:
        """The header of this computer's file as it is now, if it is one this computer
        wrote; None when there is none (or another computer wrote it under this one's id:
        this one then takes a new id). Refuses anything else, changing nothing."""
        try:
            line, st = untrusted.read_first_line(self.file, MAX_HEADER)
            if not untrusted.owned(st):
                raise untrusted.Unsafe(self.file, "owner")
            header = loads(line)
            if not isinstance(header, dict) or header.get("machine") != self.machine:
                raise ValueError("not this computer's count")
        except FileNotFoundError:
            return None
        except untrusted.Unsafe as exc:
            raise _own_refused(self.folder, self.file.name, exc.kind) from None
        except OSError as exc:
            if exc.errno == getattr(os, "ELOOP", 40):
                raise _own_refused(self.folder, self.file.name, "link") from None
            raise _unwritable(self.folder, exc) from None
        except MALFORMED:
            raise _own_refused(self.folder, self.file.name, "content") from None
        writes = _writes(ledger.share_state(), self.folder)
        if writes and header.get("write") not in writes:
            self._take_new_id(ledger, now_ms)
            return None
        return header

    def _take_new_id(self, ledger: Ledger, now_ms: int) -> None:
        """Another computer writes this one's file: the same id in two places (a copy of
        this app's data folder). This one goes on under a new id; the other keeps the old."""
        old = self.machine
        try:
            self.machine = new_machine_id(self.id_file)
        except OSError as exc:
            raise _unwritable(self.id_file.parent if self.id_file else self.folder, exc) from None
        switched = {"from": old, "to": self.machine, "at": now_ms}
        ledger.change_share_state(lambda s: s.update(writes={}, since=0, switched=switched))

    def _seen(self, ledger: Ledger) -> dict[str, list[int]]:
        """When this computer read each other computer's newest file: ([its written], this
        clock then), so that each can tell whether its clock is behind this one's."""
        newest: dict[str, dict[str, Any]] = {}
        for context in ledger.contexts(SOURCE):
            machine = context.get("machine")
            if not machine or machine == self.machine or _written(context) < 0:
                continue
            if not _is_int(context.get("read_ms")):
                continue
            if _written(context) > _written(newest.get(machine, {})):
                newest[machine] = context
        chosen = sorted(newest.items(), key=lambda item: -_written(item[1]))[:MAX_SEEN]
        return {m: [_written(c), c["read_ms"]] for m, c in chosen}

    def _due(
        self,
        ledger: Ledger,
        own: dict[str, Any],
        since: int,
        now_ms: int,
        seen: dict[str, list[int]],
    ) -> bool:
        """Whether the file must be written again: new or changed requests, requests too
        old to keep, half a day since the last write, or clocks that now tell otherwise."""
        if ledger.unshared(since):
            return True
        oldest = ledger.oldest_shared()
        if oldest is not None and oldest < now_ms - KEEP_MS:
            return True
        written = _iso_ms(own.get("written"))
        if written is None or not 0 <= now_ms - written < HEARTBEAT_MS:
            return True
        told = own.get("seen")
        told = told if isinstance(told, dict) else {}
        for machine, (theirs, mine) in seen.items():
            before = told.get(machine)
            was = before[0] - before[1] if _pair(before) else 0
            now = theirs - mine
            if (now > SKEW_MS) != (was > SKEW_MS) or (now > SKEW_MS and abs(now - was) > SKEW_MS):
                return True
        return False

    def _rewrite(self, ledger: Ledger, since: int, now_ms: int, seen: dict[str, Any]) -> int:
        """The whole file again, as a new file renamed over the old one: the header, and
        this computer's requests of the last 40 days (the newest, as many as fit)."""
        rows = ledger.local_requests(since)
        lines = [_line(row) for row in rows]
        keep, size = 0, 0  # the newest that fit
        while keep < min(len(lines), MAX_ROWS) and size + len(lines[-1 - keep]) <= MAX_BYTES // 2:
            size += len(lines[-1 - keep])
            keep += 1
        # When not all fit, the file is whole only from its oldest request on.
        complete_since = rows[-keep][2] if 0 < keep < len(rows) else 0
        rows, lines = rows[len(rows) - keep :], lines[len(lines) - keep :]
        write = os.urandom(8).hex()

        def remember(state: dict[str, Any]) -> None:
            kept = _writes(state, self.folder)[-(KEPT_WRITES - 1) :]
            writes = state["writes"] if isinstance(state.get("writes"), dict) else {}
            state["writes"] = {**writes, str(self.folder): [*kept, write]}
            state["since"] = complete_since

        ledger.change_share_state(remember)
        header = {
            "codingplan_share": FORMAT,
            "machine": self.machine,
            "label": self.label,
            "written": datetime.fromtimestamp(now_ms / 1000, UTC).isoformat(
                timespec="milliseconds"
            ),
            "write": write,
            "seen": seen,
        }
        data = json.dumps(header).encode("ascii") + b"\n" + b"".join(lines)
        untrusted.replace(self.folder, own_file_name(self.machine), data)
        ledger.reset_shared(rows)
        return len(rows)

    def notices(self, ledger: Ledger, now_ms: int) -> list[CodingPlanError]:
        """What the person should know of the folder's files: those not read, records
        skipped or not believed, clocks off, a newer version's file, a new id taken."""
        found: list[CodingPlanError] = []
        switched = ledger.share_state().get("switched")
        if isinstance(switched, dict) and now_ms - int(switched.get("at") or 0) < SILENT_MS:
            found.append(_new_id_notice(str(switched.get("from")), str(switched.get("to"))))
        labels = {m.id: m.label for m in machines(ledger)}
        for context in ledger.contexts(SOURCE):
            file = clean_text(context.get("file"), 120) or "?"
            machine = str(context.get("machine") or "")
            label = labels.get(machine, "") or clean_text(machine, MAX_LABEL) or file
            if context.get("refused"):
                found.append(_not_read_notice(file))
            elif context.get("newer") and not context.get("own"):
                found.append(newer_notice(label))
            elif machine and not context.get("own"):
                found += _file_notices(context, label, file)
        if self.left_out:
            found.append(_too_many_notice(MAX_FILES))
        return found


def _file_notices(context: dict[str, Any], label: str, file: str) -> list[CodingPlanError]:
    found = []
    claims = int(context.get("claims") or 0)
    skipped = int(context.get("skipped") or 0) - claims
    if skipped > 0:
        found.append(_skipped_notice(label, skipped, file))
    if claims:
        found.append(_claims_notice(label, claims, file))
    offset = int(context.get("offset_ms") or 0)
    if offset:
        found.append(_clock_notice(label, offset))
    return found


def _writes(state: dict[str, Any], folder: Path) -> list[str]:
    """This computer's latest writes of its file in ``folder`` (a person may change folders
    and come back)."""
    writes = state.get("writes")
    found = writes.get(str(folder)) if isinstance(writes, dict) else None
    return [w for w in found if isinstance(w, str)] if isinstance(found, list) else []


def _pair(value: object) -> TypeGuard[list[int]]:
    return isinstance(value, list) and len(value) == 2 and all(_is_int(v) for v in value)


def _line(row: tuple[int, str, int, str, str, int]) -> bytes:
    fields: list[Any] = list(row[:5])
    if row[5]:
        fields.append(1)  # a second record of a call counted from another: not counted
    return json.dumps(fields, separators=(",", ":")).encode("ascii") + b"\n"


def machines(ledger: Ledger) -> list[Machine]:
    """The other computers whose files were read, from what their newest file said."""
    newest: dict[str, dict[str, Any]] = {}
    skipped: dict[str, int] = {}
    for context in ledger.contexts(SOURCE):
        machine = context.get("machine")
        if not isinstance(machine, str) or not machine or context.get("own"):
            continue
        skipped[machine] = skipped.get(machine, 0) + int(context.get("skipped") or 0)
        if machine not in newest or _written(context) > _written(newest[machine]):
            newest[machine] = context
    found = []
    for machine, context in newest.items():
        offset = int(context.get("offset_ms") or 0)
        written = _written(context)
        found.append(
            Machine(
                machine,
                clean_text(context.get("label"), MAX_LABEL) or machine,
                written - offset if written >= 0 else None,
                bool(context.get("newer")),
                offset,
                skipped[machine],
            )
        )
    return sorted(found, key=lambda m: (m.written_ms or 0, m.id))


# --- what the person is told -----------------------------------------------------------------


def _folder_missing(folder: Path) -> CodingPlanError:
    return CodingPlanError(
        "share_folder_missing",
        QT_TRANSLATE_NOOP("usage", "The shared folder {folder} is not there."),
        QT_TRANSLATE_NOOP(
            "usage",
            "This computer's count goes on alone. Check that the folder exists and is "
            "synced, or change it in Settings ('codingplan settings set share-folder').",
        ),
        folder=str(folder),
    )


def _folder_unsafe(folder: Path, kind: str) -> CodingPlanError:
    if kind == "link":
        message = QT_TRANSLATE_NOOP(
            "usage", "The shared folder {folder} is a link, so nothing in it is read or written."
        )
        remedy = QT_TRANSLATE_NOOP(
            "usage",
            "This computer's count goes on alone. Set the folder the link points to instead "
            "('codingplan settings set share-folder').",
        )
    else:
        message = QT_TRANSLATE_NOOP(
            "usage",
            "The shared folder {folder} is not a folder of yours, so nothing in it is read "
            "or written.",
        )
        remedy = QT_TRANSLATE_NOOP(
            "usage",
            "This computer's count goes on alone. Choose a folder you own in Settings "
            "('codingplan settings set share-folder').",
        )
    return CodingPlanError("share_folder_unsafe", message, remedy, folder=str(folder))


def _unwritable(folder: Path, exc: OSError) -> CodingPlanError:
    return CodingPlanError(
        "share_folder_unwritable",
        QT_TRANSLATE_NOOP(
            "usage", "This computer's count cannot be written to {folder}: {reason}."
        ),
        QT_TRANSLATE_NOOP(
            "usage",
            "The other computers do not see this one's requests until it can; check "
            "the folder's permissions and free space.",
        ),
        folder=str(folder),
        reason=exc.strerror or str(exc),
    )


def _own_refused(folder: Path, name: str, kind: str) -> CodingPlanError:
    return CodingPlanError(
        "share_file_refused",
        QT_TRANSLATE_NOOP(
            "usage",
            "This computer's count cannot be written to {folder}: {file} there is not a file "
            "this app wrote (a link, a folder, a pipe, another's file or other content), so "
            "it is left as it is.",
        ),
        QT_TRANSLATE_NOOP(
            "usage",
            "The other computers do not see this one's requests until {file} is moved out of "
            "the shared folder.",
        ),
        folder=str(folder),
        file=name,
        kind=kind,
    )


def _not_read_notice(file: str) -> CodingPlanError:
    return CodingPlanError(
        "share_file_not_read",
        QT_TRANSLATE_NOOP(
            "usage",
            "{file} in the shared folder is not a count this app can read (a link, a folder, "
            "a pipe, over 32 MB or other content): it is left alone and counts nothing.",
        ),
        QT_TRANSLATE_NOOP("usage", "If no computer of yours wrote it, remove it."),
        file=file,
    )


def newer_notice(label: str) -> CodingPlanError:
    return CodingPlanError(
        "share_newer_format",
        QT_TRANSLATE_NOOP(
            "usage",
            "The shared folder holds the count of {machine}, written by a newer version of "
            "this app: it is not read.",
        ),
        QT_TRANSLATE_NOOP("usage", "Update this app to include that computer's requests."),
        machine=label,
    )


def _skipped_notice(label: str, count: int, file: str) -> CodingPlanError:
    return CodingPlanError(
        "share_records_skipped",
        QT_TRANSLATE_NOOP(
            "usage",
            "{count} lines of the count of {machine} in the shared folder are not requests "
            "this app can believe (damaged, or out of bounds): they are skipped.",
        ),
        QT_TRANSLATE_NOOP(
            "usage", "The rest of it is counted. If no computer of yours wrote it, remove {file}."
        ),
        machine=label,
        count=count,
        file=file,
    )


def _claims_notice(label: str, count: int, file: str) -> CodingPlanError:
    return CodingPlanError(
        "share_claims_ignored",
        QT_TRANSLATE_NOOP(
            "usage",
            "The count of {machine} in the shared folder tells of {count} requests another "
            "computer counted, and tells them otherwise: each computer speaks only for its "
            "own requests, so they are left as that computer counted them.",
        ),
        QT_TRANSLATE_NOOP("usage", "If no computer of yours wrote it, remove {file}."),
        machine=label,
        count=count,
        file=file,
    )


def _clock_notice(label: str, offset_ms: int) -> CodingPlanError:
    minutes = max(1, abs(offset_ms) // 60_000)
    if offset_ms > 0:
        message = QT_TRANSLATE_NOOP(
            "usage",
            "The clock of {machine} is at least {minutes} minutes ahead of this computer's: "
            "its requests are counted at this computer's time.",
        )
    else:
        message = QT_TRANSLATE_NOOP(
            "usage",
            "The clock of {machine} is at least {minutes} minutes behind this computer's: "
            "its requests are counted at this computer's time.",
        )
    remedy = QT_TRANSLATE_NOOP(
        "usage", "Let both computers set their clocks from the network (automatic time)."
    )
    return CodingPlanError("share_clock_skew", message, remedy, machine=label, minutes=minutes)


def _new_id_notice(old: str, new: str) -> CodingPlanError:
    return CodingPlanError(
        "share_same_id",
        QT_TRANSLATE_NOOP(
            "usage",
            "Another computer wrote this computer's count in the shared folder under the same "
            "id, {old} (a copy of this app's data folder: a restored backup, a cloned system, "
            "a synced folder). This computer now writes as {new}.",
        ),
        QT_TRANSLATE_NOOP(
            "usage",
            "Both are counted. If no other computer should write as {old}, remove "
            "{old}.codingplan-usage.jsonl from the shared folder.",
        ),
        old=old,
        new=new,
    )


def _too_many_notice(count: int) -> CodingPlanError:
    return CodingPlanError(
        "share_too_many_files",
        QT_TRANSLATE_NOOP(
            "usage",
            "The shared folder holds more count files than any set of computers writes: only "
            "the {count} changed last are read.",
        ),
        QT_TRANSLATE_NOOP("usage", "Remove the count files of computers no longer in use."),
        count=count,
    )

"""Reading one file (or database) from where the last scan stopped.

Runs in worker processes as well as in the caller's: everything here is picklable and
touches only the file it is given, never the ledger.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from codingplan.fileio import open_regular
from codingplan.usage.events import Item, OutcomeUpdate, RequestEvent
from codingplan.usage.reading import HEAD_BYTES, AppendedBlocks, Stat, same_head
from codingplan.usage.source import (
    MALFORMED,
    AppendParser,
    DatabaseParser,
    Target,
    WholeFileParser,
)
from codingplan.usage.traffic import PlanTraffic


class FileState(NamedTuple):
    """How far a file was read, and how to tell whether it is still the same file."""

    path: str
    source: str
    parser: str
    stat: Stat
    offset: int = 0  # bytes read (append) or the database cursor (database)
    head: bytes = b""
    skipped: int = 0  # malformed, truncated or over-long records seen so far
    context: str = "{}"  # the parser's carried state, JSON


Row = tuple[int, str, int, str, str, str, bool]  # a requests row of the ledger


@dataclass
class FileResult:
    """What one read found, already in the ledger's terms (cheap to send between processes)."""

    target: Target
    state: FileState | None  # None: keep the old state (nothing read, or an error)
    rows: list[Row] = field(default_factory=list)
    covers: dict[tuple[str, str], int] = field(default_factory=dict)  # (source, session) -> ms
    updates: list[tuple[str, int]] = field(default_factory=list)  # (outcome, request id)
    resets: list[tuple[int, int]] = field(default_factory=list)  # (request id, reset ms)
    origins: list[tuple[int, str]] = field(default_factory=list)  # (request id, address)
    skipped: int = 0  # newly skipped in this read
    bytes_read: int = 0
    error: str | None = None

    @classmethod
    def of(
        cls, target: Target, state: FileState | None, items: list[Item], **extra: Any
    ) -> FileResult:
        result = cls(target, state, **extra)
        last: tuple[str, str, int | None] | None = None  # the last call's source, key, row id
        last_id = 0
        unstorable = 0
        for item in items:
            if not storable(item):
                unstorable += 1
                continue
            if isinstance(item, OutcomeUpdate):
                # An ending told with its call (OpenCode's every message) has its call's id:
                # no second hash of the same key.
                same = (item.source, item.key, item.row_id) == last
                i = last_id if same else item.id
                result.updates.append((item.outcome.value, i))
                if item.reset_ms is not None:
                    result.resets.append((i, item.reset_ms))
                continue
            e: RequestEvent = item
            i = last_id = e.id
            last = (e.source, e.key, e.row_id)
            if e.reset_ms is not None:
                result.resets.append((i, e.reset_ms))
            if e.origin:
                result.origins.append((i, e.origin))
            result.rows.append(
                (i, e.source, e.time_ms, e.model, e.outcome.value, e.session, e.secondary)
            )
            if e.covers and e.session:
                k = (e.source, e.session)
                result.covers[k] = min(result.covers.get(k, e.time_ms), e.time_ms)
        if unstorable:
            result.skipped += unstorable
            if result.state is not None:
                result.state = result.state._replace(skipped=result.state.skipped + unstorable)
        return result


_INT64 = (-(1 << 63), 1 << 63)


def _text(value: object) -> bool:
    """Text the ledger can hold: a JSON record may carry a lone surrogate ("\\ud800"), which
    no UTF-8 store takes."""
    if not isinstance(value, str):
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _int64(value: object) -> bool:
    return type(value) is int and _INT64[0] <= value < _INT64[1]


def storable(item: Item) -> bool:
    """Whether the ledger can keep ``item``: whatever a parser made of a hostile record, one
    that cannot be stored is skipped (and counted), never left to stop the whole commit."""
    if not (_text(item.source) and _text(item.key)):
        return False
    if item.row_id is not None and not _int64(item.row_id):
        return False
    if item.reset_ms is not None and not _int64(item.reset_ms):
        return False
    if isinstance(item, OutcomeUpdate):
        return True
    return _int64(item.time_ms) and _text(item.model) and _text(item.session)


def current_stat(target: Target) -> Stat | None:
    """The file's identity now; for a database, its write-ahead log counts too."""
    try:
        st = os.stat(target.path)
    except OSError:
        return None
    stat = Stat(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    if not isinstance(target.parser, DatabaseParser):
        return stat
    try:
        wal = os.stat(target.path + "-wal")
    except OSError:
        return stat
    return Stat(stat.dev, stat.ino, stat.size + wal.st_size, max(stat.mtime_ns, wal.st_mtime_ns))


def scan(target: Target, state: FileState | None, stat: Stat, traffic: PlanTraffic) -> FileResult:
    """Read what is new in ``target`` since ``state``."""
    parser = target.parser
    try:
        if isinstance(parser, AppendParser):
            return _scan_append(target, parser, state, stat, traffic)
        if isinstance(parser, WholeFileParser):
            return _scan_whole(target, parser, stat, traffic)
        assert isinstance(parser, DatabaseParser)
        return _scan_database(target, parser, state, stat, traffic)
    except (OSError, sqlite3.Error) as exc:
        return FileResult(target, None, error=f"{type(exc).__name__}: {exc}")


def _scan_append(
    target: Target,
    parser: AppendParser,
    state: FileState | None,
    stat: Stat,
    traffic: PlanTraffic,
) -> FileResult:
    with open_regular(target.path) as handle:
        head = handle.read(HEAD_BYTES)
        same_file = (
            state is not None
            and (state.stat.dev, state.stat.ino) == (stat.dev, stat.ino)
            and stat.size >= state.offset
            and same_head(state.head, head)
        )
        # A replaced, rotated or shrunk file is read again from its start: the ledger's keys
        # make sure a request read twice is still counted once.
        kept = state if same_file else None  # what the last scan left, if it still holds
        offset = kept.offset if kept is not None else 0
        context = json.loads(kept.context) if kept is not None else {}
        skipped_before = kept.skipped if kept is not None else 0
        blocks = AppendedBlocks(handle, offset)
        items, skipped = parser.read(blocks, context, traffic)
    skipped += blocks.huge
    new_state = FileState(
        target.path,
        target.source,
        parser.name,
        stat,
        blocks.offset,
        head,
        skipped_before + skipped,
        json.dumps(context, separators=(",", ":")),
    )
    return FileResult.of(target, new_state, items, skipped=skipped, bytes_read=blocks.bytes_read)


def _scan_whole(
    target: Target, parser: WholeFileParser, stat: Stat, traffic: PlanTraffic
) -> FileResult:
    try:
        items, skipped, context = parser.parse_with_context(target.path, traffic)
    except MALFORMED:
        # Half-written or damaged: nothing from it this time; read again once it changes.
        items, skipped, context = [], 1, {}
    state = FileState(
        target.path,
        target.source,
        parser.name,
        stat,
        stat.size,
        b"",
        skipped,
        json.dumps(context, separators=(",", ":")),
    )
    return FileResult.of(target, state, items, skipped=skipped, bytes_read=stat.size)


def _scan_database(
    target: Target,
    parser: DatabaseParser,
    state: FileState | None,
    stat: Stat,
    traffic: PlanTraffic,
) -> FileResult:
    cursor = state.offset if state else 0
    # A parser that replaced another (its records keyed differently) starts where the other
    # stopped, without looking back: what came before is counted already.
    since = (
        max(0, cursor - parser.lookback_ms) if not state or state.parser == parser.name else cursor
    )
    items, newest, skipped = parser.scan_database(target.path, since, traffic)
    base = state or FileState(target.path, target.source, parser.name, stat)
    new_state = base._replace(
        parser=parser.name, stat=stat, offset=newest, skipped=base.skipped + skipped
    )
    return FileResult.of(target, new_state, items, skipped=skipped, bytes_read=stat.size)


Job = tuple[Target, FileState | None, Stat, PlanTraffic]


# Files asked of the disk ahead of the one being read: from a cold cache the reading then
# waits for the disk less (the kernel reads them while this process parses).
READ_AHEAD_FILES = 4


def scan_jobs(jobs: list[Job]) -> list[FileResult]:
    """Entry point for worker processes: a share of the files, read one after the other."""
    return list(scan_each(jobs))


def scan_each(jobs: list[Job]) -> Iterator[FileResult]:
    """Each job's result in order, the next files' new bytes asked for in advance."""
    for ahead in jobs[:READ_AHEAD_FILES]:
        _read_ahead(ahead)
    for n, job in enumerate(jobs):
        if n + READ_AHEAD_FILES < len(jobs):
            _read_ahead(jobs[n + READ_AHEAD_FILES])
        yield scan(*job)


def _read_ahead(job: Job) -> None:
    """Ask the kernel to start reading what is new in the job's file (where it can)."""
    target, state, _, _ = job
    if not hasattr(os, "posix_fadvise") or not isinstance(target.parser, AppendParser):
        return
    try:  # without waiting: a named pipe put in a file's place has no writer
        fd = os.open(target.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return
    try:
        os.posix_fadvise(fd, state.offset if state else 0, 0, os.POSIX_FADV_WILLNEED)
    except OSError:
        pass
    finally:
        os.close(fd)

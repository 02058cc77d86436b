"""The request ledger: one SQLite file in the app's data folder.

One row per model request, keyed by a hash of (source, stable key) so a request read
twice is stored once; the scan state of every source file; manual calibrations. WAL
mode lets the desktop app and a ``codingplan`` command use it at the same time. Each
batch of files is written in one transaction together with those files' scan state, so
a crash mid-scan loses nothing and counts nothing twice.

A window's count must not cost more as the history grows, so the counted requests are
also kept as tallies per 10-minute slot and source (``tallies``), with each source's
latest request (``latest``) and the "quota exceeded" answers (``refusals``). ``commit``
(the one writer of requests) keeps them exact in the same transaction; an older ledger
has them built from its rows when it is upgraded.
A count sums the slots inside its span and counts the rows of the two partial slots at
its ends: at most 20 minutes of requests, however long the history.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from codingplan.endings import COUNTED, QUOTA_OUTCOMES, Outcome
from codingplan.usage.reading import Stat

if TYPE_CHECKING:  # the scanner is not needed to read the ledger (``usage --line``)
    from codingplan.usage.scanner import FileResult, FileState, Row

# 2: resets; 3: shared_out; 4: Cline's messages read again; 5: tallies; 6: the plan's own
# readings, the addresses test requests went to, answers set aside
SCHEMA_VERSION = 6
LEDGER_NAME = "usage.sqlite3"
# How long a statement waits for another process's write to finish before giving up.
BUSY_TIMEOUT_S = 15.0
# A secondary record this close before its session's first covering record is covered too.
COVER_SLACK_MS = 60_000
SLOT_MS = 600_000  # the tallies' slot: 10 minutes
# The start of a request's slot, in SQL (floored also before 1970, as Python's // is).
_SLOT = f"(time_ms - ((time_ms % {SLOT_MS}) + {SLOT_MS}) % {SLOT_MS})"
_COUNTED_SQL = ", ".join(f"'{o.value}'" for o in sorted(COUNTED))
_QUOTA_SQL = ", ".join(f"'{o.value}'" for o in QUOTA_OUTCOMES)
_OK = Outcome.OK.value  # a secondary row counts unless it is ok and its session covered
_REFUSED_ROWS = f"SELECT id, time_ms, outcome FROM requests WHERE outcome IN ({_QUOTA_SQL})"

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS requests (
    id INTEGER PRIMARY KEY,      -- events.event_id(source, key)
    source TEXT NOT NULL,
    time_ms INTEGER NOT NULL,    -- UTC milliseconds
    model TEXT NOT NULL,
    outcome TEXT NOT NULL,
    session TEXT NOT NULL DEFAULT '',
    secondary INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS requests_by_time ON requests (time_ms);
-- The rows whose counting depends on their session's coverage.
CREATE INDEX IF NOT EXISTS requests_secondary ON requests (source, session) WHERE secondary = 1;
CREATE TABLE IF NOT EXISTS refusals (
    id INTEGER PRIMARY KEY,      -- a request the plan answered "quota exceeded"
    time_ms INTEGER NOT NULL,
    outcome TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS refusals_by_time ON refusals (time_ms);
CREATE TABLE IF NOT EXISTS tallies (
    slot_ms INTEGER NOT NULL,    -- a 10-minute slot's start, UTC milliseconds
    source TEXT NOT NULL,
    n INTEGER NOT NULL,          -- rows of the counted view made in it
    PRIMARY KEY (slot_ms, source)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS latest (
    source TEXT PRIMARY KEY, time_ms INTEGER NOT NULL  -- the source's latest request
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS coverage (
    source TEXT NOT NULL, session TEXT NOT NULL, first_ms INTEGER NOT NULL,
    PRIMARY KEY (source, session)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, source TEXT NOT NULL, parser TEXT NOT NULL,
    dev INTEGER NOT NULL, ino INTEGER NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    offset INTEGER NOT NULL, head BLOB NOT NULL, skipped INTEGER NOT NULL, context TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS shared_out (
    id INTEGER PRIMARY KEY,      -- a request this computer wrote to the shared folder
    outcome TEXT NOT NULL,       -- with this outcome
    time_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS resets (
    id INTEGER PRIMARY KEY,      -- the request whose answer said when the quota comes back
    reset_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS listings (
    folder TEXT NOT NULL, suffix TEXT NOT NULL, mtime_ns INTEGER NOT NULL,
    files TEXT NOT NULL, folders TEXT NOT NULL,  -- full paths, joined by NUL
    PRIMARY KEY (folder, suffix)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS calibrations (
    id INTEGER PRIMARY KEY, window TEXT NOT NULL, time_ms INTEGER NOT NULL,
    used INTEGER NOT NULL, total INTEGER
);
CREATE TABLE IF NOT EXISTS plan_readings (
    time_ms INTEGER PRIMARY KEY, -- when this computer got the console's answer
    tier TEXT NOT NULL, ends_ms INTEGER NOT NULL,
    five_used INTEGER NOT NULL, five_total INTEGER NOT NULL, five_next INTEGER,
    week_used INTEGER NOT NULL, week_total INTEGER NOT NULL, week_next INTEGER,
    month_used INTEGER NOT NULL, month_total INTEGER NOT NULL, month_next INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS origins (
    id INTEGER PRIMARY KEY,      -- a request whose record says which address it went to
    origin TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dismissed (
    id INTEGER PRIMARY KEY       -- a "quota exceeded" answer the person set aside
);
CREATE VIEW IF NOT EXISTS counted AS
SELECT r.id, r.source, r.time_ms FROM requests r
WHERE r.outcome IN ({_COUNTED_SQL})
  AND NOT (r.secondary = 1 AND r.outcome = '{_OK}' AND EXISTS (
      SELECT 1 FROM coverage c
      WHERE c.source = r.source AND c.session = r.session
        AND r.time_ms >= c.first_ms - {COVER_SLACK_MS}));
"""


# What an older ledger needs besides the new tables, by the version that needs it.
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    # Cline's session messages became secondary to its log and hub records: read them
    # again, so the rows an older version stored as primary are marked so (see commit).
    4: ("DELETE FROM files WHERE parser = 'cline-session'",),
    5: (
        "DELETE FROM tallies",
        f"INSERT INTO tallies SELECT {_SLOT}, source, count(*) FROM counted GROUP BY 1, 2",
        "DELETE FROM latest",
        "INSERT INTO latest SELECT source, max(time_ms) FROM requests GROUP BY source",
        "DELETE FROM refusals",
        f"INSERT INTO refusals {_REFUSED_ROWS}",
    ),
    # The app's own test requests read again, for the address each went to.
    6: ("DELETE FROM files WHERE parser = 'app'",),
}

# The tables and columns this version reads: a database without them is not its ledger.
_COLUMNS = {
    "meta": "key, value",
    "requests": "id, source, time_ms, model, outcome, session, secondary",
    "coverage": "source, session, first_ms",
    "files": "path, source, parser, dev, ino, size, mtime_ns, offset, head, skipped, context",
    "calibrations": "id, window, time_ms, used, total",
    "counted": "id, source, time_ms",
    "shared_out": "id, outcome, time_ms",
    "resets": "id, reset_ms",
    "tallies": "slot_ms, source, n",
    "latest": "source, time_ms",
    "refusals": "id, time_ms, outcome",
    "listings": "folder, suffix, mtime_ns, files, folders",
    "plan_readings": "time_ms, tier, ends_ms, five_used, five_total, five_next, week_used,"
    " week_total, week_next, month_used, month_total, month_next",
    "origins": "id, origin",
    "dismissed": "id",
}


class LedgerDamaged(Exception):
    """The ledger file is not a usable database: it is moved aside and a new one started."""


class LedgerForeign(LedgerDamaged):
    """The file is a database, but not a ledger of this app (or one no version wrote)."""


class LedgerUnusable(Exception):
    """The ledger cannot be opened where it is (a folder, a device, no permission, held by
    another program, a newer version's): it is left alone."""

    def __init__(self, reason: str, *, busy: bool = False, newer: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.busy = busy
        self.newer = newer


def _error_name(exc: BaseException) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def is_damage(exc: BaseException) -> bool:
    """Whether an sqlite3 error means the file is damaged (not merely busy)."""
    name = _error_name(exc)
    text = str(exc).lower()
    return (
        name.startswith("SQLITE_CORRUPT")
        or name == "SQLITE_NOTADB"
        or "malformed" in text
        or "not a database" in text
        or "could not decode to utf-8" in text  # text this app never writes
        or "no such table" in text  # a table or view of ours removed
    )


def is_busy(exc: BaseException) -> bool:
    """Whether an sqlite3 error means another connection holds a lock it needs."""
    name = _error_name(exc)
    text = str(exc).lower()
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text


def is_unusable(exc: BaseException) -> bool:
    """Whether an sqlite3 error means the file cannot be used where it is (not damage)."""
    return _error_name(exc).startswith(
        ("SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_FULL")
    ) or "unable to open" in str(exc)


class Calibration(NamedTuple):
    """What the plan's console showed for a window at ``time_ms``."""

    window: str
    time_ms: int
    used: int
    total: int | None


class PlanRecord(NamedTuple):
    """A reading of the plan's console as the ledger keeps it: when it was read, the plan's
    tier and end, and per window (``plan.WINDOWS`` order) used, total and when it next
    gives quota back (None for a window not used yet). Times in UTC milliseconds."""

    time_ms: int
    tier: str
    ends_ms: int
    windows: tuple[tuple[int, int, int | None], ...]


class Refusal(NamedTuple):
    """A "quota exceeded" answer: when, for which window, the address it came through (when
    its record says), and when it said the quota comes back (if it said)."""

    id: int
    time_ms: int
    window: str
    origin: str | None
    reset_ms: int | None


def set_aside(path: Path) -> Path:
    """Move a damaged ledger (and its WAL files) out of the way; return where it went."""
    from codingplan import fileio

    return fileio.set_aside(path, companions=("-wal", "-shm"))


class Ledger:
    """The ledger in ``path``; with None, one in memory (for a run whose file is unusable).

    Opening raises ``LedgerDamaged`` (``LedgerForeign``) or ``LedgerUnusable``, never a
    bare sqlite3 or OS error."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        # The ids this connection wrote to a ledger it found empty (see _known_ids), and the
        # data version after its last commit.
        self._fresh: set[int] | None = None
        self._version = -1
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                if path.is_dir():  # SQLite would only say "unable to open database file"
                    raise LedgerUnusable("it is a folder")
                if not path.exists():  # private from the start; SQLite gives -wal, -shm its mode
                    path.touch(mode=0o600)
            self.db = self._connect()
        except OSError as exc:
            raise LedgerUnusable(exc.strerror or str(exc)) from exc
        except sqlite3.DatabaseError as exc:
            if is_damage(exc):
                raise LedgerDamaged(str(exc)) from exc
            if is_busy(exc):
                raise LedgerUnusable(str(exc), busy=True) from exc
            raise LedgerUnusable(str(exc)) from exc

    def _connect(self) -> sqlite3.Connection:
        where = ":memory:" if self.path is None else self.path
        db = sqlite3.connect(
            where, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        try:
            _use_wal(db)
            db.execute("PRAGMA synchronous=NORMAL")
            # Request ids are hashes, so inserts land all over the table: a larger page
            # cache keeps a first scan of a long history from thrashing.
            db.execute("PRAGMA cache_size=-16384")
            # An older ledger of ours gets what it lacks (every statement creates only what
            # is missing) and its migrations; nothing is added to another program's
            # database, or to a newer version's.
            names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
            if not names or _check_schema(db, names) < SCHEMA_VERSION:
                self._upgrade(db)
                _check_schema(db, set(_COLUMNS))
            self._check_objects(db)
        except BaseException:
            db.close()
            raise
        return db

    def _check_objects(self, db: sqlite3.Connection) -> None:
        """Refuse a ledger whose tables are missing or are not tables, or that holds a
        trigger (this app makes none): what it would run is not this app's. The view of
        counted requests holds no data: one that is not this version's (missing, or a
        query that never ends) is made again."""
        found = {
            n: (k, sql) for k, n, sql in db.execute("SELECT type, name, sql FROM sqlite_master")
        }
        if any(kind == "trigger" for kind, _sql in found.values()):
            raise LedgerDamaged("it holds a trigger")
        for name in _COLUMNS.keys() - {"counted"}:
            if found.get(name, ("",))[0] != "table":
                raise LedgerDamaged(f"{name} is missing or not a table")
        kind, sql = found.get("counted", ("", ""))
        if kind == "view" and _same_sql(sql, _COUNTED_VIEW):
            return
        if kind not in ("view", ""):
            raise LedgerDamaged("counted is not a view")
        with self._transaction(db):
            db.execute("DROP VIEW IF EXISTS counted")
            db.execute(_COUNTED_VIEW)

    def _upgrade(self, db: sqlite3.Connection) -> None:
        with self._transaction(db):
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            # Read under the write lock: another process may have upgraded it since.
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            version = int(row[0]) if row else 0
            if version:
                for step in range(version + 1, SCHEMA_VERSION + 1):
                    for statement in _MIGRATIONS.get(step, ()):
                        db.execute(statement)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))

    @staticmethod
    @contextlib.contextmanager
    def _transaction(db: sqlite3.Connection) -> Iterator[None]:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    # --- scan state -------------------------------------------------------------------

    def data_version(self) -> int:
        """Changes when another connection (another process) committed to the ledger."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def file_stats(self) -> dict[str, Stat]:
        """Each file read before, with its identity then: what an idle refresh compares."""
        rows = self.db.execute("SELECT path, dev, ino, size, mtime_ns FROM files")
        return {r[0]: Stat(r[1], r[2], r[3], r[4]) for r in rows}

    def file_states(self, paths: Iterable[str] | None = None) -> dict[str, FileState]:
        """The scan state of the files at ``paths`` (default: of every file)."""
        from codingplan.usage.scanner import FileState

        columns = "path, source, parser, dev, ino, size, mtime_ns, offset, head, skipped, context"
        if paths is None:
            rows = self.db.execute(f"SELECT {columns} FROM files").fetchall()
        else:
            wanted, rows = list(paths), []
            for i in range(0, len(wanted), 500):
                part = wanted[i : i + 500]
                marks = ", ".join("?" * len(part))
                query = f"SELECT {columns} FROM files WHERE path IN ({marks})"
                rows += self.db.execute(query, part).fetchall()
        return {
            r[0]: FileState(r[0], r[1], r[2], Stat(r[3], r[4], r[5], r[6]), r[7], r[8], r[9], r[10])
            for r in rows
        }

    def listings(self) -> list[tuple[str, str, int, list[str], list[str]]]:
        """The folder listings kept (``source.walk_files``), for a new process to reuse."""
        return [
            (folder, suffix, mtime, _split(files), _split(folders))
            for folder, suffix, mtime, files, folders in self.db.execute(
                "SELECT folder, suffix, mtime_ns, files, folders FROM listings"
            )
        ]

    def save_listings(self, found: list[tuple[str, str, int, list[str], list[str]]]) -> None:
        if not found:
            return
        with self._transaction(self.db):
            self.db.executemany(
                "INSERT OR REPLACE INTO listings VALUES (?, ?, ?, ?, ?)",
                [(f, s, m, "\0".join(files), "\0".join(dirs)) for f, s, m, files, dirs in found],
            )

    def commit(self, results: Iterable[FileResult]) -> int:
        """Store a batch of files' requests and new scan states in one transaction, with
        the tallies and latest times they change.

        Returns how many requests were new to the ledger.
        """
        results = list(results)
        # Inserted in key order: neighbouring rows share pages, so fewer pages are written.
        # A request read twice (a resumed session repeats its history) is stored once.
        rows = _first_of_each(
            sorted((row for result in results for row in result.rows), key=itemgetter(0))
        )
        covers: dict[tuple[str, str], int] = {}
        for result in results:
            for k, first in result.covers.items():
                covers[k] = min(covers.get(k, first), first)
        updates = [u for result in results for u in result.updates]
        states = [r.state for r in results if r.state is not None]
        db = self.db
        with self._transaction(db):
            known = self._known_ids(rows)
            new = [row for row in rows if row[0] not in known] if known else rows
            # Slots whose count another change may have moved: counted again from the rows.
            db.execute("CREATE TEMP TABLE IF NOT EXISTS touched (slot_ms INTEGER PRIMARY KEY)")
            touch_id = (
                f"INSERT OR IGNORE INTO temp.touched SELECT {_SLOT} FROM requests WHERE id = ?"
            )
            # A session newly covered, or covered from earlier on, changes whether its
            # secondary rows stored before count (the new ones are counted in _tally).
            db.executemany(
                f"INSERT OR IGNORE INTO temp.touched SELECT {_SLOT} FROM requests"
                " WHERE secondary = 1 AND source = ? AND session = ?",
                self._newly_covered(covers),
            )
            before = db.total_changes
            db.executemany("INSERT OR IGNORE INTO requests VALUES (?, ?, ?, ?, ?, ?, ?)", new)
            as_known = db.total_changes - before == len(new)
            if not as_known:  # count them from the rows
                db.executemany(touch_id, [(row[0],) for row in new])
            # A record read as secondary that an older version stored as primary is
            # secondary now (the newer reading knows better).
            remarked = [(row[4], row[0]) for row in rows if row[6] and row[0] in known]
            db.executemany(
                "UPDATE requests SET secondary = 1, outcome = ? WHERE id = ? AND secondary = 0",
                remarked,
            )
            db.executemany(touch_id, [(i,) for _, i in remarked])
            db.executemany(
                "INSERT INTO coverage VALUES (?, ?, ?) ON CONFLICT (source, session)"
                " DO UPDATE SET first_ms = excluded.first_ms WHERE excluded.first_ms < first_ms",
                [(source, session, t) for (source, session), t in covers.items()],
            )
            changed = self._changed(updates, new if as_known else [])
            db.executemany("UPDATE requests SET outcome = ? WHERE id = ?", changed)
            db.executemany(touch_id, [(i,) for _, i in changed])
            db.executemany(
                "INSERT OR REPLACE INTO resets VALUES (?, ?)",
                [r for result in results for r in result.resets],
            )
            db.executemany(
                "INSERT OR REPLACE INTO origins VALUES (?, ?)",
                [o for result in results for o in result.origins],
            )
            db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_state_row(s) for s in states],
            )
            self._tally(new)
            self._refusals(new, [i for _, i in remarked] + [i for _, i in changed])
            if new and self._fresh is not None:
                self._fresh.update(row[0] for row in new)
            self._version = self.data_version()
        return len(new)

    def _known_ids(self, rows: list[Row]) -> set[int]:
        """Which of ``rows`` the ledger holds already. A ledger this connection found empty
        and alone has written to knows without asking (a first scan's later batches)."""
        if self._fresh is not None and self.data_version() != self._version:
            self._fresh = None  # another process wrote to it meanwhile
        if self._fresh is None and self.db.execute("SELECT 1 FROM requests LIMIT 1").fetchone():
            return set(self._outcomes([row[0] for row in rows]))
        if self._fresh is None:
            self._fresh = set()
        return self._fresh.intersection(row[0] for row in rows)

    def _outcomes(self, ids: list[int]) -> dict[int, str]:
        """The stored outcome of each of ``ids`` the ledger holds."""
        found: dict[int, str] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            marks = ", ".join("?" * len(part))
            query = f"SELECT id, outcome FROM requests WHERE id IN ({marks})"
            found.update(self.db.execute(query, part))
        return found

    def _changed(self, updates: list[tuple[str, int]], new: list[Row]) -> list[tuple[str, int]]:
        """The outcome updates that change a stored row: the last one of each id, unless its
        row ends that way already. A tool that tells every call's ending again on each read
        (OpenCode's messages, a first scan included) would otherwise have each row rewritten
        and its slot counted again. ``new``: rows inserted by this commit, as they were."""
        last = {i: outcome for outcome, i in updates}  # applied in order: the last one stays
        held = {row[0]: row[4] for row in new if row[0] in last}
        held.update(self._outcomes([i for i in last if i not in held]))
        return [(outcome, i) for i, outcome in last.items() if held.get(i, outcome) != outcome]

    def _newly_covered(self, covers: dict[tuple[str, str], int]) -> list[tuple[str, str]]:
        """The sessions of ``covers`` whose coverage starts earlier than the ledger has it
        (or that it has none of)."""
        held = self._coverage(covers)
        return [k for k, first in covers.items() if first < held.get(k, first + 1)]

    def _coverage(self, sessions: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """When the coverage of each of these (source, session) starts, for those it has."""
        held: dict[tuple[str, str], int] = {}
        keys = list(sessions)
        for i in range(0, len(keys), 250):
            part = keys[i : i + 250]
            marks = " OR ".join(["(source = ? AND session = ?)"] * len(part))
            query = f"SELECT source, session, first_ms FROM coverage WHERE {marks}"
            params = [value for key in part for value in key]
            held.update(((a, b), first) for a, b, first in self.db.execute(query, params))
        return held

    def _refusals(self, new: list[Row], changed: list[int]) -> None:
        """Keep the "quota exceeded" answers apart (few, and read for every window)."""
        quota = {o.value for o in QUOTA_OUTCOMES}
        self.db.executemany(
            "INSERT OR REPLACE INTO refusals VALUES (?, ?, ?)",
            [(row[0], row[2], row[4]) for row in new if row[4] in quota],
        )
        self.db.executemany("DELETE FROM refusals WHERE id = ?", [(i,) for i in changed])
        self.db.executemany(
            f"INSERT OR REPLACE INTO refusals {_REFUSED_ROWS} AND id = ?", [(i,) for i in changed]
        )

    def _tally(self, new: list[Row]) -> None:
        """Bring the tallies up to date: the new primary rows add to their slots; every
        slot another change touched (a secondary row, whose counting depends on coverage;
        an outcome changed; a session newly covered) is counted again from the rows."""
        db = self.db
        counted = {o.value for o in COUNTED}
        adds: dict[tuple[int, str], int] = defaultdict(int)
        # Whether a secondary row counts depends on its session's coverage as it stands now
        # (a later change of coverage counts its slot again): the counted view's rule.
        first = self._coverage({(row[1], row[5]) for row in new if row[6] and row[4] == _OK})
        for row in new:
            if row[4] not in counted:
                continue
            if row[6] and row[4] == _OK:
                start = first.get((row[1], row[5]))
                if start is not None and row[2] >= start - COVER_SLACK_MS:
                    continue
            adds[(row[2] - row[2] % SLOT_MS, row[1])] += 1
        again = {slot for (slot,) in db.execute("SELECT slot_ms FROM temp.touched")}
        db.executemany(
            "INSERT INTO tallies VALUES (?, ?, ?) ON CONFLICT (slot_ms, source)"
            " DO UPDATE SET n = n + excluded.n",
            [(slot, source, n) for (slot, source), n in adds.items() if slot not in again],
        )
        if again:
            db.execute("DELETE FROM tallies WHERE slot_ms IN (SELECT slot_ms FROM temp.touched)")
            db.execute(
                "INSERT INTO tallies SELECT t.slot_ms, c.source, count(*) FROM temp.touched t"
                f" JOIN counted c ON c.time_ms >= t.slot_ms AND c.time_ms < t.slot_ms + {SLOT_MS}"
                " GROUP BY t.slot_ms, c.source"
            )
            db.execute("DELETE FROM temp.touched")
        latest: dict[str, int] = {}
        for row in new:
            if row[2] > latest.get(row[1], row[2] - 1):
                latest[row[1]] = row[2]
        db.executemany(
            "INSERT INTO latest VALUES (?, ?) ON CONFLICT (source)"
            " DO UPDATE SET time_ms = excluded.time_ms WHERE excluded.time_ms > time_ms",
            list(latest.items()),
        )

    def forget_files(self, paths: Iterable[str]) -> None:
        """Drop the scan state of files that are gone; their requests stay in the ledger."""
        paths = list(paths)
        if not paths:
            return
        with self._transaction(self.db):
            self.db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in paths])

    # --- queries ----------------------------------------------------------------------

    def counted_in(self, after_ms: int, until_ms: int) -> list[tuple[int, str]]:
        """(time, source) of each counted request with ``after < time <= until``."""
        return self.db.execute(
            "SELECT time_ms, source FROM counted WHERE time_ms > ? AND time_ms <= ?"
            " ORDER BY time_ms",
            (after_ms, until_ms),
        ).fetchall()

    def count_by_source(self, from_ms: int, until_ms: int) -> dict[str, int]:
        """Counted requests with ``from <= time <= until``, per source: the tallies of the
        slots inside the span, and the rows of the slots it cuts at its ends."""
        counts: dict[str, int] = defaultdict(int)
        first = -(-from_ms // SLOT_MS) * SLOT_MS  # the first slot that starts inside
        after = (until_ms + 1) // SLOT_MS * SLOT_MS  # where the last whole slot inside ends
        if first < after:
            rows = self.db.execute(
                "SELECT source, sum(n) FROM tallies WHERE slot_ms >= ? AND slot_ms < ?"
                " GROUP BY source",
                (first, after),
            )
            for source, n in rows:
                counts[source] += n
            edges = [(from_ms, first - 1), (after, until_ms)]
        else:
            edges = [(from_ms, until_ms)]
        for low, high in edges:
            if low > high:
                continue
            for source, n in self.db.execute(
                "SELECT source, count(*) FROM counted WHERE time_ms >= ? AND time_ms <= ?"
                " GROUP BY source",
                (low, high),
            ):
                counts[source] += n
        return {source: n for source, n in counts.items() if n}

    def count(self, from_ms: int, until_ms: int) -> int:
        return sum(self.count_by_source(from_ms, until_ms).values())

    def quota_errors(self, since_ms: int, until_ms: int) -> dict[str, int]:
        """Window -> time of the latest "quota exceeded" answer seen in the span."""
        rows = self.db.execute(
            "SELECT outcome, max(time_ms) FROM refusals WHERE time_ms >= ? AND time_ms <= ?"
            " AND id NOT IN (SELECT id FROM dismissed) GROUP BY outcome",
            (since_ms, until_ms),
        )
        windows = {o.value: w for o, w in QUOTA_OUTCOMES.items()}
        return {windows[outcome]: t for outcome, t in rows}

    def plan_reset(self, window: str, since_ms: int, until_ms: int) -> int | None:
        """When the latest "quota exceeded" answer for ``window`` in the span said the quota
        comes back, if one said."""
        outcome = next(o.value for o, w in QUOTA_OUTCOMES.items() if w == window)
        row = self.db.execute(
            "SELECT x.reset_ms FROM resets x JOIN refusals r ON r.id = x.id"
            " WHERE r.outcome = ? AND r.time_ms >= ? AND r.time_ms <= ?"
            " ORDER BY r.time_ms DESC LIMIT 1",
            (outcome, since_ms, until_ms),
        ).fetchone()
        return int(row[0]) if row else None

    # Enough "quota exceeded" answers for the floors they prove: a tool that retries a
    # refused call leaves several a minute, of which the latest says as much.
    REFUSALS_READ = 500

    def refusals(self, since_ms: int, until_ms: int) -> list[Refusal]:
        """The "quota exceeded" answers in the span not set aside, newest first: the latest
        of each window in each minute (at most ``REFUSALS_READ``), each with its address
        and reset when known."""
        windows = {o.value: w for o, w in QUOTA_OUTCOMES.items()}
        # SQLite takes the other columns of a max() group from the row that has the max.
        rows = self.db.execute(
            "SELECT r.id, max(r.time_ms), r.outcome, o.origin, x.reset_ms FROM refusals r"
            " LEFT JOIN origins o ON o.id = r.id LEFT JOIN resets x ON x.id = r.id"
            " WHERE r.time_ms >= ? AND r.time_ms <= ? AND r.id NOT IN (SELECT id FROM dismissed)"
            " GROUP BY r.outcome, r.time_ms / 60000 ORDER BY 2 DESC LIMIT ?",
            (since_ms, until_ms, self.REFUSALS_READ),
        )
        return [Refusal(i, t, windows[outcome], o, x) for i, t, outcome, o, x in rows]

    def refusals_through(self) -> list[tuple[int, str]]:
        """Every "quota exceeded" answer not set aside whose record names its address:
        (id, address)."""
        return self.db.execute(
            "SELECT r.id, o.origin FROM refusals r JOIN origins o ON o.id = r.id"
            " WHERE r.id NOT IN (SELECT id FROM dismissed)"
        ).fetchall()

    def dismiss(self, ids: Iterable[int]) -> None:
        """Set these "quota exceeded" answers aside: they no longer correct any window."""
        with self._transaction(self.db):
            self.db.executemany("INSERT OR IGNORE INTO dismissed VALUES (?)", [(i,) for i in ids])

    # --- the plan's own readings (its console) ------------------------------------------

    def add_plan_reading(self, record: PlanRecord) -> bool:
        """Keep a console reading; False when one of the same time is kept already."""
        values = [v for window in record.windows for v in window]
        with self._transaction(self.db):
            before = self.db.total_changes
            self.db.execute(
                "INSERT OR IGNORE INTO plan_readings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (record.time_ms, record.tier, record.ends_ms, *values),
            )
            return self.db.total_changes > before

    def latest_plan_reading(self, until_ms: int) -> PlanRecord | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS['plan_readings']} FROM plan_readings WHERE time_ms <= ?"
            " ORDER BY time_ms DESC LIMIT 1",
            (until_ms,),
        ).fetchone()
        if row is None:
            return None
        windows = (tuple(row[3:6]), tuple(row[6:9]), tuple(row[9:12]))
        return PlanRecord(row[0], row[1], row[2], windows)

    def console_state(self) -> dict[str, Any]:
        """When this computer last tried to read the console, and the row that answered."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'console'").fetchone()
        try:
            value = json.loads(row[0]) if row else {}
        except ValueError:
            value = {}
        return value if isinstance(value, dict) else {}

    def set_console_state(self, **changes: Any) -> None:
        with self._transaction(self.db):
            state = self.console_state()
            state.update(changes)
            self.db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('console', ?)",
                (json.dumps(state, separators=(",", ":")),),
            )

    # --- the shared folder (usage.shared) ----------------------------------------------

    _LOCAL = "session NOT LIKE '@%'"  # requests this computer counted, not another's

    def unshared(self, since_ms: int) -> list[tuple[int, str, int, str, str]]:
        """This computer's requests since ``since_ms`` not yet written to the shared folder,
        or written with another outcome than they have now."""
        return self.db.execute(
            "SELECT r.id, r.source, r.time_ms, r.model, r.outcome FROM requests r"
            " LEFT JOIN shared_out s ON s.id = r.id"
            f" WHERE r.time_ms >= ? AND r.{self._LOCAL}"
            " AND (s.id IS NULL OR s.outcome != r.outcome) ORDER BY r.time_ms",
            (since_ms,),
        ).fetchall()

    def local_requests(self, since_ms: int) -> list[tuple[int, str, int, str, str, int]]:
        """This computer's requests since ``since_ms``, oldest first, each with whether it is
        the second record of a call counted from another (1: not counted here)."""
        return self.db.execute(
            "SELECT r.id, r.source, r.time_ms, r.model, r.outcome,"
            f" r.secondary = 1 AND r.outcome = '{_OK}'"
            " AND NOT EXISTS (SELECT 1 FROM counted c WHERE c.id = r.id) FROM requests r"
            f" WHERE r.time_ms >= ? AND r.{self._LOCAL} ORDER BY r.time_ms",
            (since_ms,),
        ).fetchall()

    def oldest_shared(self) -> int | None:
        row = self.db.execute("SELECT min(time_ms) FROM shared_out").fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def reset_shared(self, rows: list[tuple[int, str, int, str, str, int]]) -> None:
        """The shared file was written whole: it holds exactly ``rows``."""
        with self._transaction(self.db):
            self.db.execute("DELETE FROM shared_out")
            self.db.executemany(
                "INSERT INTO shared_out VALUES (?, ?, ?)", [(r[0], r[4], r[2]) for r in rows]
            )

    def contexts(self, source: str) -> list[dict[str, Any]]:
        """The carried state of every file read for ``source`` (the shared files' headers)."""
        found = []
        for (text,) in self.db.execute("SELECT context FROM files WHERE source = ?", (source,)):
            try:
                value = json.loads(text)
            except ValueError:
                continue
            if isinstance(value, dict):
                found.append(value)
        return found

    def by_machine(self, from_ms: int, until_ms: int) -> dict[str, tuple[int, int]]:
        """Counted requests other computers shared: per computer, (count, latest time)."""
        outcomes = ", ".join(f"'{o.value}'" for o in sorted(COUNTED))
        # Another computer's second record of a call is covered from the start (restate,
        # shared.admit): never counted, as in the counted view.
        rows = self.db.execute(
            "SELECT substr(session, 2), count(*), max(time_ms) FROM requests"
            f" WHERE session LIKE '@%' AND outcome IN ({outcomes})"
            f" AND NOT (secondary = 1 AND outcome = '{_OK}')"
            " AND time_ms >= ? AND time_ms <= ? GROUP BY session",
            (from_ms, until_ms),
        )
        return {machine: (int(n), int(last)) for machine, n, last in rows}

    def holders(self, ids: list[int]) -> dict[int, Row]:
        """The stored row of each of ``ids`` the ledger holds."""
        found: dict[int, Row] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            marks = ", ".join("?" * len(part))
            query = f"SELECT {_COLUMNS['requests']} FROM requests WHERE id IN ({marks})"
            found.update((row[0], row) for row in self.db.execute(query, part))
        return found

    def restate(self, rows: list[Row]) -> None:
        """Rows another computer's file tells again, each replacing the stored row of its id
        if that was stored from the same computer (``session``): a time corrected for the
        clocks' difference, an ending, a record it no longer counts. A row stored from
        anywhere else is left as it is; the tallies follow."""
        if not rows:
            return
        db = self.db
        with self._transaction(db):
            stored = self.holders([row[0] for row in rows])
            # The sources whose latest request may have moved earlier: found again below.
            moved = {
                held[1]
                for row in rows
                if (held := stored.get(row[0])) and held[5] == row[5] and held[1:3] != row[1:3]
            }
            db.execute("CREATE TEMP TABLE IF NOT EXISTS touched (slot_ms INTEGER PRIMARY KEY)")
            touch = (
                f"INSERT OR IGNORE INTO temp.touched SELECT {_SLOT} FROM requests"
                " WHERE id = ? AND session = ?"
            )
            keys = [(row[0], row[5]) for row in rows]
            db.executemany(touch, keys)  # the slots the rows leave, then those they reach
            db.executemany(
                "UPDATE requests SET source = ?, time_ms = ?, model = ?, outcome = ?,"
                " secondary = ? WHERE id = ? AND session = ?",
                [(r[1], r[2], r[3], r[4], int(r[6]), r[0], r[5]) for r in rows],
            )
            db.executemany(touch, keys)
            # Such a computer's second records never count: covered from the start.
            db.executemany(
                "INSERT INTO coverage VALUES (?, ?, 0) ON CONFLICT (source, session)"
                " DO UPDATE SET first_ms = 0",
                list({(row[1], row[5]) for row in rows if row[6]}),
            )
            self._tally([])
            self._refusals([], [row[0] for row in rows])
            for source in moved:
                latest = db.execute(
                    "SELECT time_ms FROM requests WHERE source = ? ORDER BY time_ms DESC LIMIT 1",
                    (source,),
                ).fetchone()
                db.execute("DELETE FROM latest WHERE source = ?", (source,))
                if latest:
                    db.execute("INSERT INTO latest VALUES (?, ?)", (source, latest[0]))
            db.executemany(
                "INSERT INTO latest VALUES (?, ?) ON CONFLICT (source)"
                " DO UPDATE SET time_ms = excluded.time_ms WHERE excluded.time_ms > time_ms",
                [
                    (row[1], row[2])
                    for row in rows
                    if (held := stored.get(row[0])) and held[5] == row[5]
                ],
            )

    def share_state(self) -> dict[str, Any]:
        """What this computer keeps about its own file in the shared folder."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'share'").fetchone()
        try:
            value = json.loads(row[0]) if row else {}
        except ValueError:
            value = {}
        return value if isinstance(value, dict) else {}

    def change_share_state(self, change: Callable[[dict[str, Any]], None]) -> None:
        """``change`` the state above, read and written back in one transaction (another
        process may change it at the same time)."""
        with self._transaction(self.db):
            state = self.share_state()
            change(state)
            self.db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('share', ?)",
                (json.dumps(state, separators=(",", ":")),),
            )

    def last_served(self, after_ms: int, until_ms: int) -> int | None:
        """When the latest call the plan answered in full, made after ``after_ms``, began."""
        # Newest first through the time index: it stops at the first call served.
        row = self.db.execute(
            "SELECT time_ms FROM requests WHERE outcome = 'ok' AND time_ms > ? AND time_ms <= ?"
            " ORDER BY time_ms DESC LIMIT 1",
            (after_ms, until_ms),
        ).fetchone()
        return int(row[0]) if row else None

    def source_summary(self) -> dict[str, dict[str, int]]:
        """Per source: files read, records skipped."""
        summary: dict[str, dict[str, int]] = defaultdict(lambda: {"files": 0, "skipped": 0})
        for source, files, skipped in self.db.execute(
            "SELECT source, count(*), sum(skipped) FROM files GROUP BY source"
        ):
            summary[source] = {"files": files, "skipped": skipped or 0}
        return dict(summary)

    def last_request(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT source, time_ms FROM latest").fetchall())

    def total(self) -> int:
        """Every request row, whatever its outcome (what the tools sent)."""
        return int(self.db.execute("SELECT count(*) FROM requests").fetchone()[0])

    # --- calibrations -----------------------------------------------------------------

    def add_calibration(self, calibration: Calibration) -> None:
        with self._transaction(self.db):
            self.db.execute(
                "INSERT INTO calibrations (window, time_ms, used, total) VALUES (?, ?, ?, ?)",
                (calibration.window, calibration.time_ms, calibration.used, calibration.total),
            )

    def latest_calibration(self, window: str, until_ms: int) -> Calibration | None:
        row = self.db.execute(
            "SELECT window, time_ms, used, total FROM calibrations WHERE window = ?"
            " AND time_ms <= ? ORDER BY time_ms DESC, id DESC LIMIT 1",
            (window, until_ms),
        ).fetchone()
        return Calibration(*row) if row else None

    def calibrations(self, since_ms: int, until_ms: int) -> list[Calibration]:
        """Every reading entered for a time in the span, oldest first."""
        rows = self.db.execute(
            "SELECT window, time_ms, used, total FROM calibrations WHERE time_ms >= ?"
            " AND time_ms <= ? ORDER BY time_ms, id",
            (since_ms, until_ms),
        )
        return [Calibration(*row) for row in rows]

    # --- rates ------------------------------------------------------------------------

    def counts_by_age(self, now_ms: int, span_ms: int, bucket_ms: int) -> list[tuple[int, int]]:
        """Counted requests of the last ``span_ms`` (``now - span < time <= now``) by age:
        (k, count) for each bucket ``k`` that holds any, bucket ``k`` holding the requests
        made at least ``k`` and less than ``k + 1`` buckets before ``now``.

        Buckets at least a slot long read the tallies for the slots the span holds whole,
        each slot's requests taken as made at its middle (half a slot off at most, which a
        rate over hours does not feel), and the rows only at the span's two ends: what is
        read stays the same however many requests the span holds."""
        low = now_ms - span_ms
        first = (low // SLOT_MS + 1) * SLOT_MS  # the first slot that starts inside
        after = (now_ms + 1) // SLOT_MS * SLOT_MS  # where the last whole slot inside ends
        if bucket_ms < SLOT_MS or first >= after:
            return self._ages_of_rows(now_ms, bucket_ms, [(low, now_ms)])
        ages: dict[int, int] = defaultdict(int)
        for k, n in self._ages_of_rows(now_ms, bucket_ms, [(low, first - 1), (after - 1, now_ms)]):
            ages[k] += n
        rows = self.db.execute(
            "SELECT slot_ms, sum(n) FROM tallies WHERE slot_ms >= ? AND slot_ms < ? GROUP BY 1",
            (first, after),
        )
        for slot, n in rows:
            ages[(now_ms - slot - SLOT_MS // 2) // bucket_ms] += n
        return sorted((k, n) for k, n in ages.items() if n)

    def _ages_of_rows(
        self, now_ms: int, bucket_ms: int, spans: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """(k, count) by bucket of age of the counted rows with ``after < time <= until``
        in each of ``spans`` (after, until)."""
        ages: dict[int, int] = defaultdict(int)
        for after, until in spans:
            for k, n in self.db.execute(
                "SELECT (? - time_ms) / ?, count(*) FROM counted"
                " WHERE time_ms > ? AND time_ms <= ? GROUP BY 1",
                (now_ms, bucket_ms, after, until),
            ):
                ages[int(k)] += int(n)
        return sorted(ages.items())


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch a new ledger to WAL. The switch needs a lock that SQLite does not wait for
    (it answers "database is locked" at once while another process creates the same
    file), so it is retried here, as long as any other statement would wait."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    pause = 0.005
    while db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            if db.execute("PRAGMA journal_mode=WAL").fetchone()[0] != "wal":
                return  # a database that cannot have WAL (in memory): its own mode is fine
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.1)


# The view of counted requests, as _SCHEMA makes it and as SQLite keeps its text.
_COUNTED_VIEW = next(st.strip() for st in _SCHEMA.split(";") if "CREATE VIEW" in st).replace(
    " IF NOT EXISTS", ""
)


def _same_sql(found: object, expected: str) -> bool:
    return isinstance(found, str) and found.split() == expected.split()


def _check_schema(db: sqlite3.Connection, tables: set[str]) -> int:
    """Refuse a database that is not this app's ledger, or is a newer version's: its
    schema version, and the columns of those of ``tables`` that are ours. Returns the
    version."""
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            raise
        raise LedgerForeign(str(exc)) from exc
    try:
        version = int(row[0]) if row else 0
    except (TypeError, ValueError):
        version = 0
    if version > SCHEMA_VERSION:
        raise LedgerUnusable(f"schema {version}", newer=True)
    if version < 1:
        raise LedgerForeign("no schema version")
    for table in tables & _COLUMNS.keys():
        try:
            db.execute(f"SELECT {_COLUMNS[table]} FROM {table} LIMIT 0")
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise
            raise LedgerForeign(str(exc)) from exc
    return version


def _state_row(s: FileState) -> tuple[str, str, str, int, int, int, int, int, bytes, int, str]:
    st = s.stat
    return (
        s.path,
        s.source,
        s.parser,
        st.dev,
        st.ino,
        st.size,
        st.mtime_ns,
        s.offset,
        s.head,
        s.skipped,
        s.context,
    )


def _split(joined: str) -> list[str]:
    return joined.split("\0") if joined else []


def _first_of_each(rows: list[Row]) -> list[Row]:
    """``rows`` (sorted by id) with each id once: the first, as an insert would keep it."""
    kept: list[Row] = []
    last = None
    for row in rows:
        if row[0] != last:
            kept.append(row)
            last = row[0]
    return kept

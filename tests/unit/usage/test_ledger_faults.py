"""A ledger that cannot be used as it is: a folder, a link to /dev/null, another program's
database, a newer version's, one held by another program. Each gets a sentence; counting
goes on, and nothing of the person's is deleted."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from codingplan import cli
from codingplan.errors import CodingPlanError
from codingplan.plan import Tier
from codingplan.quota import usage_sources
from codingplan.settings import Settings
from codingplan.usage import Tracker
from codingplan.usage import ledger as ledger_mod
from codingplan.usage.ledger import Ledger
from tests.unit.usage.test_ledger import request


@pytest.fixture
def transcript(home: Path) -> Path:
    path = home / ".claude/projects/p/s.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text(request(1) + request(2))
    return path


def tracker_at(path: Path) -> Tracker:
    return Tracker(path, workers=1, sources=usage_sources)


def counts_anyway(tracker: Tracker) -> None:
    tracker.refresh()
    assert tracker.ledger.total() == 2
    assert tracker.snapshot(Settings(tier=Tier.PRO)).to_dict()["windows"]["5h"]["limit"] == 6000


def test_a_folder_where_the_ledger_belongs(transcript, ledger_file):
    ledger_file.mkdir(parents=True)
    (ledger_file / "keep.txt").write_text("mine")
    with tracker_at(ledger_file) as tracker:
        (notice,) = tracker.notices
        assert notice.code == "ledger_unusable"
        assert str(ledger_file) in notice.message and "folder" in notice.message
        counts_anyway(tracker)
    assert (ledger_file / "keep.txt").read_text() == "mine"


def test_a_link_to_dev_null(transcript, ledger_file):
    ledger_file.parent.mkdir(parents=True)
    ledger_file.symlink_to(os.devnull)
    with tracker_at(ledger_file) as tracker:
        assert [n.code for n in tracker.notices] == ["ledger_unusable"]
        counts_anyway(tracker)
    assert ledger_file.is_symlink() and os.readlink(ledger_file) == os.devnull


def test_a_file_in_the_folder_s_place(transcript, ledger_file):
    ledger_file.parent.parent.mkdir(parents=True, exist_ok=True)
    ledger_file.parent.write_text("not a folder")
    with tracker_at(ledger_file) as tracker:
        assert [n.code for n in tracker.notices] == ["ledger_unusable"]
        counts_anyway(tracker)


@pytest.mark.parametrize(
    "schema",
    [
        "CREATE TABLE requests (id INTEGER PRIMARY KEY, url TEXT)",
        "CREATE TABLE files (name TEXT); CREATE VIEW counted AS SELECT 1 AS id",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); "
        "INSERT INTO meta VALUES ('schema', 'banana')",
    ],
)
def test_another_program_s_database_is_moved_aside_and_a_ledger_started(
    transcript, ledger_file, schema
):
    ledger_file.parent.mkdir(parents=True)
    with sqlite3.connect(ledger_file) as db:
        db.executescript(schema)
    with tracker_at(ledger_file) as tracker:
        (notice,) = tracker.notices
        assert notice.code == "ledger_foreign"
        assert "not a usage ledger" in notice.message
        counts_anyway(tracker)
    (aside,) = ledger_file.parent.glob("usage.sqlite3.damaged-*")
    with sqlite3.connect(aside) as db:  # kept whole
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    assert names & {"requests", "files", "meta"}
    with tracker_at(ledger_file) as tracker:
        assert tracker.notices == []  # the new one is a ledger


def test_a_newer_version_s_ledger_is_left_alone(transcript, ledger_file):
    with tracker_at(ledger_file) as tracker:
        tracker.refresh()
        tracker.ledger.db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    before = ledger_file.read_bytes()
    with tracker_at(ledger_file) as tracker:
        (notice,) = tracker.notices
        assert notice.code == "ledger_unusable" and "newer version" in notice.message
        counts_anyway(tracker)
    assert ledger_file.read_bytes() == before


@pytest.fixture
def short_wait(monkeypatch):
    monkeypatch.setattr(ledger_mod, "BUSY_TIMEOUT_S", 0.5)


@pytest.fixture
def held(ledger_file, short_wait):
    """Another program holds the ledger's write lock (like an open sqlite3 shell)."""
    with tracker_at(ledger_file) as tracker:
        tracker.refresh()  # the ledger exists, its two requests in it
    other = sqlite3.connect(ledger_file, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    yield other
    other.execute("ROLLBACK")
    other.close()


def test_a_ledger_held_by_another_program(transcript, ledger_file, held):
    transcript.write_text(request(1) + request(2) + request(3))
    with tracker_at(ledger_file) as tracker:
        with pytest.raises(CodingPlanError) as info:
            tracker.refresh()
        assert info.value.code == "ledger_busy"
        assert "another program" in info.value.message
        # Reading still works: the last estimate can be shown.
        assert tracker.ledger.total() == 2
        assert (
            tracker.snapshot(Settings(tier=Tier.PRO)).to_dict()["windows"]["week"]["limit"] == 45000
        )
        with pytest.raises(CodingPlanError):
            tracker.calibrate("week", 10)
    held.execute("ROLLBACK")
    held.execute("BEGIN")
    with tracker_at(ledger_file) as tracker:  # released: all is as before, then counted
        counts = tracker.refresh()
        assert counts.new_requests == 1


def test_the_command_says_so_and_shows_what_it_has(
    transcript, ledger_file, held, monkeypatch, capsys
):
    monkeypatch.setattr("codingplan.usage.tracker.ledger_path", lambda: ledger_file)
    transcript.write_text(request(1) + request(2) + request(3))
    monkeypatch.setenv("CODINGPLAN_ORIGIN", "http://127.0.0.1:9")
    assert cli.main(["usage", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["ok"] is True
    assert "held by another program" in err and "Traceback" not in err
    assert cli.main(["usage", "calibrate", "week", "10", "--json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["error"]["code"] == "ledger_busy"
    assert len(err.splitlines()) == 1


def test_trackers_opening_a_new_ledger_at_once_all_succeed(tmp_path):
    """Switching a new file to WAL takes a lock SQLite does not wait for by itself: three
    trackers opening a new ledger together failed about once in 40 tries."""
    memory = Path("/dev/shm")  # no disk flushes: many more tries in the same time
    folder = Path(tempfile.mkdtemp(dir=memory)) if memory.is_dir() else tmp_path
    failures = []
    try:
        for round_ in range(400):
            path = folder / f"r{round_}" / "usage.sqlite3"
            start = threading.Barrier(3)

            def open_one(p: Path = path, b: threading.Barrier = start) -> None:
                b.wait()
                try:
                    Ledger(p).close()
                except Exception as exc:  # reported below
                    failures.append(repr(exc))

            threads = [threading.Thread(target=open_one) for _ in range(3)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert failures == []


def made_then(ledger_file: Path, *statements: str) -> None:
    """A ledger of this version with two requests counted, then ``statements`` run on it
    by another program."""
    with tracker_at(ledger_file) as tracker:
        tracker.refresh()
    db = sqlite3.connect(ledger_file)
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


NEVER_ENDS = (
    "CREATE VIEW counted AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
    " SELECT x AS id, 'claude-code' AS source, x AS time_ms FROM c"
)


@pytest.mark.parametrize(
    "statements",
    [("DROP VIEW counted",), ("DROP VIEW counted", NEVER_ENDS)],
    ids=["missing", "never-ends"],
)
def test_a_view_that_is_not_this_versions_is_made_again(transcript, ledger_file, statements):
    made_then(ledger_file, *statements)
    result: list[Any] = []
    # A thread of its own: a view that never ends must not stop the test run either.
    reader = threading.Thread(target=lambda: result.append(Ledger(ledger_file).count(0, 2**62)))
    reader.daemon = True
    reader.start()
    reader.join(20)
    assert result == [2]
    with tracker_at(ledger_file) as tracker:
        assert tracker.notices == []
        counts_anyway(tracker)


@pytest.mark.parametrize(
    "statements",
    [
        (
            "INSERT INTO requests VALUES (7, CAST(x'80ff' AS TEXT),"
            f" {int(time.time() * 1000) - 60_000}, 'qwen3-coder-plus', 'ok', '', 0)",
        ),
        ("CREATE TRIGGER t AFTER INSERT ON requests BEGIN SELECT 1; END",),
        ("DROP TABLE tallies", "CREATE VIEW tallies AS SELECT 1 AS slot_ms, 2 AS source, 3 AS n"),
    ],
    ids=["not-utf8", "trigger", "table-made-a-view"],
)
def test_a_ledger_holding_what_this_app_never_writes_is_rebuilt(
    transcript, ledger_file, statements
):
    made_then(ledger_file, *statements)
    with tracker_at(ledger_file) as tracker:
        tracker.refresh()
        tracker.snapshot(Settings(tier=Tier.PRO))  # reads every text the ledger holds
        assert [n.code for n in tracker.notices] == ["ledger_damaged"]
        counts_anyway(tracker)
    assert list(ledger_file.parent.glob(f"{ledger_file.name}.damaged-*"))

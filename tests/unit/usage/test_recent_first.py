"""The files written last are read first: one window from the files written since it
began, and on a long first scan each window as soon as it is complete."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from codingplan.plan import Window
from codingplan.quota import usage_sources
from codingplan.usage import Tracker
from codingplan.usage.traffic import PlanTraffic
from tests.fakes.history import dated_transcript
from tests.unit.usage.conftest import ORIGIN

HOUR = 3600


@pytest.fixture
def history(home: Path) -> dict[str, Path]:
    now = time.time()
    return {
        "recent": dated_transcript(home, "recent", [30, 4, 1, 0.5], now),  # 3 in the 5 hours
        "days": dated_transcript(home, "days", [80, 50], now),
        "weeks": dated_transcript(home, "weeks", [500, 400], now),
    }


def open_tracker(ledger_file: Path, workers: int = 1) -> Tracker:
    traffic = PlanTraffic.with_origins(ORIGIN)
    return Tracker(ledger_file, traffic=traffic, sources=usage_sources, workers=workers)


def test_one_window_reads_only_the_files_written_since_it_began(history, ledger_file):
    with open_tracker(ledger_file) as tracker:
        since = int((time.time() - 5 * HOUR) * 1000)
        report = tracker.refresh(since_ms=since)
        assert report.files_scanned == 1
        assert tracker.ledger.total() == 4  # the whole file, its older call too
        assert tracker.ledger.count(since, int(time.time() * 1000)) == 3
        # The files left out are not taken for gone; a full refresh reads them, once.
        report = tracker.refresh()
        assert report.files_scanned == 2
        assert tracker.ledger.total() == 8
        assert not tracker.refresh().changed
        assert not tracker.refresh(since_ms=since).changed


def test_each_window_is_told_once_its_files_are_in_the_ledger(history, ledger_file):
    now = time.time()
    starts = {
        Window.FIVE_HOURS: int((now - 5 * HOUR) * 1000),
        Window.WEEK: int((now - 100 * HOUR) * 1000),
        Window.MONTH: int((now - 600 * HOUR) * 1000),
    }
    seen: list[tuple[tuple[str, ...], int]] = []
    with open_tracker(ledger_file) as tracker:

        def exact(windows: tuple[str, ...]) -> None:
            seen.append((windows, tracker.ledger.total()))

        tracker.refresh(stages=starts, on_exact=exact)
        assert tracker.ledger.total() == 8
    # Told only while older files are left: the month's figure is the refresh's own.
    assert seen == [((Window.FIVE_HOURS,), 4), ((Window.FIVE_HOURS, Window.WEEK), 6)]


def test_windows_begun_together_are_told_together(history, ledger_file):
    now = time.time()
    week = int((now - 100 * HOUR) * 1000)
    starts = {Window.FIVE_HOURS: int((now - 5 * HOUR) * 1000), Window.WEEK: week}
    seen: list[tuple[str, ...]] = []
    with open_tracker(ledger_file) as tracker:
        # Nothing older than the last window's start: everything is read in one go.
        tracker.refresh(since_ms=week, stages=starts, on_exact=seen.append)
        assert tracker.ledger.total() == 6
    assert seen == [(Window.FIVE_HOURS,)]


def test_stages_hold_in_worker_processes(history, ledger_file, monkeypatch):
    monkeypatch.setattr("codingplan.usage.tracker.PARALLEL_MIN_BYTES", 0)
    now = time.time()
    starts = {
        Window.FIVE_HOURS: int((now - 5 * HOUR) * 1000),
        Window.WEEK: int((now - 100 * HOUR) * 1000),
        Window.MONTH: int((now - 600 * HOUR) * 1000),
    }
    seen: list[tuple[tuple[str, ...], int]] = []
    progress = []
    with open_tracker(ledger_file, workers=2) as tracker:
        tracker.refresh(
            progress.append,
            stages=starts,
            on_exact=lambda w: seen.append((w, tracker.ledger.total())),
        )
        assert tracker.ledger.total() == 8
    assert [s[1] for s in seen] == [4, 6]
    assert [p.files_done for p in progress] == [1, 2, 3]
    assert progress[-1].bytes_done == progress[-1].bytes_total


def test_a_file_written_a_moment_before_the_window_is_still_read(home, ledger_file):
    now = time.time()
    path = dated_transcript(home, "edge", [5.0], now)
    # Written one second before the window began, by a clock kept to the second or two.
    os.utime(path, (now - 5 * HOUR - 1, now - 5 * HOUR - 1))
    with open_tracker(ledger_file) as tracker:
        report = tracker.refresh(since_ms=int((now - 5 * HOUR) * 1000))
    assert report.files_scanned == 1


def test_usage_window_prints_that_window_alone(home, history, cli):
    assert cli("settings", "set", "tier", "pro").returncode == 0
    result = cli("usage", "--window", "5h", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data["windows"]) == ["5h"]
    assert data["windows"]["5h"]["used"] == 3
    assert data["windows"]["5h"]["remaining"] == data["windows"]["5h"]["limit"] - 3
    text = cli("usage", "--window", "week").stdout
    assert "week" in text and "5 hours" not in text and "month" not in text
    assert "This month" not in text
    # The week's files are in the ledger now; the month's oldest only after a full read.
    full = json.loads(cli("usage", "--json").stdout)
    assert full["windows"]["5h"]["used"] == 3
    assert full["windows"]["month"]["used"] >= full["windows"]["week"]["used"] >= 3

"""Change notifications: debounced, and only for files that can hold new requests."""

from __future__ import annotations

import itertools
import threading
import time

from codingplan.usage.watcher import Debouncer, Watcher, relevant


def test_debouncer_coalesces_a_burst_and_follows_a_steady_stream_once_an_interval():
    calls = []
    debouncer = Debouncer(lambda: calls.append(time.monotonic()), delay=0.1, interval=0.5)
    poked = time.monotonic()
    for _ in range(5):  # a burst of changes
        debouncer.poke()
    time.sleep(0.3)
    assert len(calls) == 1 and calls[0] - poked < 0.3  # soon after the burst, once
    calls.clear()
    start = time.monotonic()
    while time.monotonic() - start < 2.0:  # a steady stream of changes
        debouncer.poke()
        time.sleep(0.05)
    debouncer.cancel()
    # Followed all along, never more often than once an interval.
    assert 3 <= len(calls) <= 5
    assert all(b - a >= 0.5 - 0.02 for a, b in itertools.pairwise(calls))


def test_watcher_reports_a_new_transcript_line(tmp_path):
    root = tmp_path / "projects"
    (root / "p").mkdir(parents=True)
    changed = threading.Event()
    with Watcher(lambda: [root], changed.set, debounce=0.1, interval=1.0) as watcher:
        assert watcher.using_notifications
        (root / "p" / "cache.lock").write_text("x")  # irrelevant: ignored
        assert not changed.wait(0.5)
        with open(root / "p" / "s.jsonl", "a") as handle:
            handle.write('{"type":"api-request"}\n')
        assert changed.wait(5)


def test_watcher_picks_up_folders_created_later(tmp_path):
    root = tmp_path / "later"
    changed = threading.Event()
    with Watcher(lambda: [root], changed.set, debounce=0.05, poll_interval=0.2):
        root.mkdir()
        time.sleep(0.6)  # the slow timer pokes (and starts watching the new folder)
        changed.clear()
        time.sleep(0.3)
        (root / "new.jsonl").write_text("{}\n")
        assert changed.wait(5)


def test_relevant_files():
    assert relevant("/h/.claude/projects/p/s.jsonl")
    assert relevant("/h/.local/share/opencode/opencode.db-wal")
    assert not relevant("/h/.cline/data/locks/hub/production.json.lock")
    assert not relevant("/h/.cline/data/db/tasks.db-shm")


def test_a_root_created_after_start_is_read_within_seconds_not_at_the_slow_tick(tmp_path):
    root = tmp_path / ".claude" / "projects"
    changed = threading.Event()
    with Watcher(lambda: [root], changed.set, debounce=0.05, missing_interval=0.2):
        assert not changed.wait(0.5)  # nothing there: nothing to read
        (root / "p").mkdir(parents=True)
        (root / "p" / "s.jsonl").write_text("{}\n")  # written before any watch could see it
        assert changed.wait(3)  # found by the quick look for missing roots, not the 300 s tick
        changed.clear()
        with open(root / "p" / "s.jsonl", "a") as handle:  # and watched from then on
            handle.write("{}\n")
        assert changed.wait(3)


def test_once_every_root_exists_the_quick_look_stops(tmp_path):
    looked = []
    root = tmp_path / "there"
    root.mkdir()

    def roots():
        looked.append(time.monotonic())
        return [root]

    with Watcher(roots, lambda: None, missing_interval=0.05):
        time.sleep(0.5)
    assert len(looked) == 1  # looked at start only: nothing missing, no polling


def test_the_watcher_names_the_files_written_to_and_says_when_more_may_have_changed(tmp_path):
    root = tmp_path / "projects"
    (root / "p").mkdir(parents=True)
    existing = root / "p" / "s.jsonl"
    existing.write_text("{}\n")
    changed = threading.Event()
    with Watcher(lambda: [root], changed.set, debounce=0.05, interval=0.1) as watcher:
        assert watcher.take_changes() is None  # nothing known yet: the owner reads it all
        assert watcher.take_changes() == set()
        with open(existing, "a") as handle:
            handle.write("{}\n")
        assert changed.wait(5)
        time.sleep(0.2)
        assert watcher.take_changes() == {str(existing)}
        changed.clear()
        (root / "p" / "new.jsonl").write_text("{}\n")  # a file made: others may be too
        assert changed.wait(5)
        time.sleep(0.2)
        assert watcher.take_changes() is None

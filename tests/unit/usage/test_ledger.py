"""Reading incrementally and safely: bad lines, growing, rotated, shrinking, replaced files,
no writes when nothing changed, crashes mid-scan, a damaged ledger, two users at once."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from codingplan.quota import usage_sources
from codingplan.usage import Tracker
from codingplan.usage.ledger import Ledger
from codingplan.usage.reading import AppendedLines
from codingplan.usage.traffic import PlanTraffic
from tests.unit.usage.conftest import ORIGIN, claude_line

TS = "2026-11-28T03:00:00.000Z"


def request(n: int, session: str = "s") -> str:
    return claude_line(
        "api-request",
        id=f"r{n}",
        sessionId=session,
        timestamp=TS,
        params={"model": "qwen3-coder-plus"},
    )


@pytest.fixture
def transcript(home: Path) -> Path:
    path = home / ".claude/projects/p/s.jsonl"
    path.parent.mkdir(parents=True)
    return path


def append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


def test_malformed_and_partial_lines_are_skipped_and_counted(transcript, tracker):
    transcript.write_text(
        request(1)
        + '{"type":"api-request","id":"broken",\n'  # malformed: skipped, counted
        + "\x00\xff garbage\n"
        + request(2)
        + request(3)[:40]  # still being written: left for the next scan
    )
    report = tracker.refresh()
    assert tracker.ledger.total() == 2
    assert report.skipped == 1  # the garbage line holds no needle: never parsed
    append(transcript, request(3)[40:])
    tracker.refresh()
    assert tracker.ledger.total() == 3
    assert tracker.ledger.source_summary()["claude-code"]["skipped"] == 1


def test_huge_lines_are_skipped_without_holding_them(tmp_path):
    path = tmp_path / "big.jsonl"
    filler = '{"type":"user","content":"' + "x" * 5000 + '"}\n'
    huge = '{"type":"assistant","blob":"' + "y" * 3000 + '"}\n'
    path.write_text(request(1) + filler + huge + request(2))
    lines = AppendedLines(
        str(path), 0, (b'"type":"api-request"', b'"type":"assistant"'), max_line=2000, chunk=1024
    )
    found = list(lines)
    assert [b'"id":"r1"' in found[0], b'"id":"r2"' in found[1]] == [True, True]
    # Every over-long line is skipped and counted, whether or not it held a needle.
    assert len(found) == 2 and lines.huge == 2
    assert lines.offset == path.stat().st_size


def test_reads_only_what_was_appended(transcript, tracker):
    transcript.write_text(request(1))
    first = tracker.refresh()
    append(transcript, request(2))
    second = tracker.refresh()
    assert second.bytes_read == len(request(2))
    assert first.new_requests == 1 and second.new_requests == 1


def test_rotated_file_is_read_from_its_start(transcript, tracker):
    transcript.write_text(request(1) + request(2))
    tracker.refresh()
    os.rename(transcript, transcript.with_suffix(".old"))  # rotated away
    transcript.write_text(request(3))  # a new file (new inode) under the old name
    tracker.refresh()
    assert tracker.ledger.total() == 3


def test_shrinking_and_replaced_files_never_count_twice(transcript, tracker):
    transcript.write_text(request(1) + request(2) + request(3))
    tracker.refresh()
    transcript.write_text(request(2))  # truncated and rewritten in place: shorter
    tracker.refresh()
    assert tracker.ledger.total() == 3
    # Same size, same inode, different content: noticed by the file's start.
    replacement = request(4).replace("r4", "r5")
    with open(transcript, "r+b") as handle:
        handle.write(replacement.encode())
    append(transcript, request(6))
    tracker.refresh()
    assert tracker.ledger.total() == 5


def _ledger_files(path: Path) -> dict[str, tuple[int, int, bytes]]:
    result = {}
    for suffix in ("", "-wal"):
        f = Path(f"{path}{suffix}")
        if f.exists():
            st = f.stat()
            result[suffix] = (st.st_size, st.st_mtime_ns, f.read_bytes())
    return result


def test_nothing_changed_means_nothing_parsed_and_nothing_written(
    home, transcript, tracker, ledger_file, monkeypatch
):
    transcript.write_text(request(1))
    (home / ".qwen/usage").mkdir(parents=True)
    (home / ".qwen/usage/token-usage-2026-11.jsonl").write_text("")
    tracker.refresh()
    before = _ledger_files(ledger_file)

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed although nothing changed")

    monkeypatch.setattr("codingplan.usage.scanner.scan", no_parsing)
    for _ in range(3):
        report = tracker.refresh()
        assert not report.changed and report.files_scanned == 0
    assert _ledger_files(ledger_file) == before
    # A fresh tracker (a new process) reads the state from the ledger: still no writes.
    with Tracker(
        ledger_file,
        traffic=PlanTraffic.with_origins(ORIGIN),
        sources=usage_sources,
        workers=1,
    ) as other:
        assert not other.refresh().changed
    assert _ledger_files(ledger_file) == before


def test_a_crash_mid_batch_loses_nothing_and_counts_nothing_twice(transcript, tracker, monkeypatch):
    transcript.write_text(request(1))
    tracker.refresh()
    append(transcript, request(2) + request(3))
    from codingplan.usage import ledger as ledger_mod

    def crash(state):
        # The process dies after the requests were written, before the commit.
        raise KeyboardInterrupt

    real_row = ledger_mod._state_row
    monkeypatch.setattr(ledger_mod, "_state_row", crash)
    with pytest.raises(KeyboardInterrupt):
        tracker.refresh()
    monkeypatch.setattr(ledger_mod, "_state_row", real_row)
    assert tracker.ledger.total() == 1  # rolled back: events and scan state together
    tracker._states = None  # as a restarted process would
    tracker.refresh()
    assert tracker.ledger.total() == 3


def test_a_damaged_ledger_is_moved_aside_and_rebuilt(transcript, ledger_file):
    transcript.write_text(request(1) + request(2))
    with Tracker(ledger_file, workers=1, sources=usage_sources) as tracker:
        tracker.refresh()
    ledger_file.write_bytes(b"this is no database" * 100)
    Path(f"{ledger_file}-wal").unlink(missing_ok=True)
    with Tracker(ledger_file, workers=1, sources=usage_sources) as tracker:
        assert [n.code for n in tracker.notices] == ["ledger_damaged"]
        report = tracker.refresh()
        assert tracker.ledger.total() == 2
        assert report.notices and "moved to" in report.notices[0].message
    assert list(ledger_file.parent.glob("usage.sqlite3.damaged-*"))


def test_damage_found_while_running_is_repaired(transcript, ledger_file, monkeypatch):
    transcript.write_text(request(1))
    tracker = Tracker(ledger_file, workers=1, sources=usage_sources)
    tracker.refresh()
    calls = {"n": 0}
    real = Ledger.counted_in

    def corrupt_once(self, *args):
        calls["n"] += 1
        if calls["n"] == 1:
            raise sqlite3.DatabaseError("database disk image is malformed")
        return real(self, *args)

    monkeypatch.setattr(Ledger, "counted_in", corrupt_once)
    from codingplan.settings import Settings

    data = tracker.snapshot(Settings()).to_dict()
    assert data["windows"]["week"]["used"] >= 0
    assert tracker.ledger.total() == 1 and tracker.notices[0].code == "ledger_damaged"
    tracker.close()


def test_two_trackers_at_once_count_each_request_once(transcript, ledger_file):
    transcript.write_text("".join(request(i) for i in range(300)))
    errors = []

    def run():
        try:
            with Tracker(ledger_file, workers=1, sources=usage_sources) as t:
                for _ in range(3):
                    t.refresh()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for _ in range(50):
        append(transcript, request(1000 + _))
    for thread in threads:
        thread.join()
    assert not errors
    with Tracker(ledger_file, workers=1, sources=usage_sources) as t:
        t.refresh()
        assert t.ledger.total() == 350


def test_deleted_files_keep_their_requests(transcript, tracker):
    transcript.write_text(request(1))
    tracker.refresh()
    transcript.unlink()  # Claude Code deletes transcripts after 30 days
    assert tracker.refresh().changed
    assert tracker.ledger.total() == 1
    assert "claude-code" not in tracker.ledger.source_summary()


def test_first_scan_in_worker_processes(home, ledger_file, monkeypatch):
    monkeypatch.setattr("codingplan.usage.tracker.PARALLEL_MIN_BYTES", 0)
    for n in range(4):
        path = home / f".claude/projects/p{n}/s.jsonl"
        path.parent.mkdir(parents=True)
        path.write_text("".join(request(i, f"s{n}") for i in range(n * 10, n * 10 + 10)))
    seen = []
    with Tracker(ledger_file, workers=2, sources=usage_sources) as tracker:
        report = tracker.refresh(progress=seen.append)
        assert tracker.ledger.total() == 40
    assert report.files_scanned == 4
    assert [p.files_done for p in seen] == [1, 2, 3, 4]
    assert seen[-1].bytes_done == seen[-1].bytes_total == report.bytes_read


def test_a_new_file_in_a_folder_listed_before_is_found(home, tracker):
    folder = home / ".claude/projects/p"
    folder.mkdir(parents=True)
    (folder / "a.jsonl").write_text(request(1))
    old = time.time() - 3600
    os.utime(folder, (old, old))  # an old folder: its listing is kept between refreshes
    tracker.refresh()
    assert not tracker.refresh().changed
    (folder / "b.jsonl").write_text(request(2))  # adding a file changes the folder's time
    tracker.refresh()
    assert tracker.ledger.total() == 2


@pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="read-ahead is asked for on Linux")
def test_the_scan_asks_for_the_next_files_ahead_and_a_vanished_one_is_its_own_error(
    tmp_path, monkeypatch
):
    from codingplan.integrations.claude_code.usage import PARSER, SOURCE
    from codingplan.usage import scanner
    from codingplan.usage.source import Target

    paths = []
    for n in range(8):
        path = tmp_path / f"s{n}.jsonl"
        path.write_text(request(n, session=f"s{n}"))
        paths.append(path)
    traffic = PlanTraffic.with_origins(ORIGIN)
    targets = [Target(SOURCE, PARSER, str(p)) for p in paths]
    jobs = [(t, None, scanner.current_stat(t), traffic) for t in targets]
    paths[5].unlink()  # gone between the listing and its reading
    asked: list[str] = []
    real = os.posix_fadvise
    monkeypatch.setattr(
        os,
        "posix_fadvise",
        lambda fd, *a: (asked.append(os.readlink(f"/proc/self/fd/{fd}")), real(fd, *a))[1],
    )
    read: list[tuple[int, list[str]]] = []
    for n, result in enumerate(scanner.scan_each(jobs)):
        read.append((n, list(asked)))
        assert (result.error is not None) == (n == 5)
        assert len(result.rows) == (0 if n == 5 else 1)
    vanished = str(paths[5])
    for n, asked_before in read:  # each file asked for before it is read, and 4 beyond it
        ahead = {str(p) for p in paths[: n + scanner.READ_AHEAD_FILES + 1]} - {vanished}
        assert ahead <= set(asked_before), n

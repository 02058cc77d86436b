"""A refresh told which files were written to looks at those alone; anything it does not
know sends it to look at every file again."""

from __future__ import annotations

import time
from pathlib import Path

from codingplan.quota import usage_sources
from codingplan.usage import Tracker
from codingplan.usage.traffic import PlanTraffic
from tests.fakes.history import dated_transcript
from tests.unit.usage.conftest import ORIGIN, claude_line


def one_more(path: Path, n: int) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(
            claude_line(
                "api-request",
                id=f"more-{n}",
                sessionId="more",
                timestamp="2026-11-28T03:00:00.000Z",
                params={"model": "qwen3-coder-plus"},
            )
        )


def test_a_refresh_told_the_files_written_looks_at_those_alone(home, ledger_file):
    now = time.time()
    a = dated_transcript(home, "a", [1], now)
    dated_transcript(home, "b", [2], now)
    looks = []

    def sources():
        looks.append(1)
        return usage_sources()

    traffic = PlanTraffic.with_origins(ORIGIN)
    with Tracker(ledger_file, traffic=traffic, sources=sources, workers=1) as tracker:
        tracker.refresh()
        assert len(looks) == 1 and tracker.ledger.total() == 2
        one_more(a, 1)
        report = tracker.refresh(paths={str(a)})
        assert report.files_scanned == 1 and tracker.ledger.total() == 3
        assert len(looks) == 1  # no folder walked, no other file looked at
        assert not tracker.refresh(paths={str(a)}).changed
        # A file it has not seen: every file is looked at, the unnamed new one too.
        c = dated_transcript(home, "c", [1], now)
        d = dated_transcript(home, "d", [1], now)
        report = tracker.refresh(paths={str(c)})
        assert len(looks) == 2
        assert report.files_scanned == 2 and tracker.ledger.total() == 5
        # A file removed is noticed by a full look only (the watcher asks for one).
        d.unlink()
        assert tracker.refresh().changed
        assert "d" not in {Path(p).stem for p in tracker.ledger.file_stats()}

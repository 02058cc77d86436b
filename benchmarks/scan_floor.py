"""What a faster reader could still buy on a first scan of Claude Code transcripts.

    .venv/bin/python benchmarks/scan_floor.py [--work /tmp/codingplan-bench] [--runs 3]

On the 300 MB history ``run.py`` writes (written here when missing), each a median:

- **Reading, in one process** (CPU time): the scan as it is, against the same scan handed
  every line it wants for free. Those lines are found beforehand by the scan's own walk;
  what is left is reading the files and each call's and each file's own work. The
  difference is the most a compiled line finder could save.
- **The ledger alone** (CPU time): the same results committed into an empty ledger in
  three batches, as a first scan does.
- **A whole first scan** (``codingplan usage --json`` into an empty ledger), as a timeline:
  start-up and finding the files, the workers' reading with the ledger written meanwhile,
  then the snapshot and exit. Beside it, ccusage 20's native program on the same files.

Start-up, finding the files and the ledger do not depend on how lines are found: their sum
is the floor of a first scan with a reader that costs nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from run import (
    PYTHON,
    REPO,
    SIZES,
    app_env,
    ensure_ccusage,
    fresh_home,
    history,
    manifest,
    measure,
)

sys.path.insert(0, str(REPO / "gui"))

from codingplan.integrations.claude_code import usage as claude
from codingplan.usage.events import Stamps
from codingplan.usage.ledger import Ledger
from codingplan.usage.scanner import FileResult, Job, current_stat, scan_each
from codingplan.usage.source import Target, walk_files
from codingplan.usage.traffic import PlanTraffic

# --- reading in one process -------------------------------------------------------------


class Recording(claude.ClaudeParser):
    """The scan as it is, keeping each line its walk hands on (by path)."""

    def __init__(self) -> None:
        self.lines: dict[str, list[bytes]] = {}
        self.current: list[bytes] = []
        self.parsing = False  # inside parse_line, whose line is kept already

    def read(self, blocks: Any, context: dict[str, Any], traffic: PlanTraffic) -> Any:
        self.current = self.lines.setdefault(blocks.handle.name, [])
        # The walk reads an api-request line's fields itself, without parse_line: its
        # lines are kept where those fields are read.
        fields = claude._api_request_fields

        def noted(data: bytes | bytearray, pos: int, stop: int) -> list[bytes] | None:
            found = fields(data, pos, stop)
            if found and not self.parsing:
                self.current.append(bytes(data[pos:stop]))
            return found

        claude._api_request_fields = noted
        try:
            return super().read(blocks, context, traffic)
        finally:
            claude._api_request_fields = fields

    def parse_line(self, line: bytes, context: dict[str, Any], traffic: PlanTraffic) -> Any:
        self.current.append(line)
        self.parsing = True
        try:
            return super().parse_line(line, context, traffic)
        finally:
            self.parsing = False


class Given(claude.ClaudeParser):
    """The scan handed the lines it wants: the files are still read, no line is looked for."""

    def __init__(self, lines: dict[str, list[bytes]]) -> None:
        self.lines = lines

    def read(self, blocks: Any, context: dict[str, Any], traffic: PlanTraffic) -> Any:
        for _ in blocks:
            pass
        items: list[Any] = []
        stamps = Stamps()
        for line in self.lines.get(blocks.handle.name, []):
            fields = claude._api_request_fields(line, 0, len(line))
            if fields:
                context["modern"] = True
                items.extend(self._fast_api_request(fields, context, traffic, stamps))
            else:
                items.extend(self.parse_line(line, context, traffic))
        return items, 0


def jobs_for(projects: Path, parser: claude.ClaudeParser) -> list[Job]:
    jobs: list[Job] = []
    for path in walk_files(projects, ".jsonl"):
        target = Target(claude.SOURCE, parser, path)
        stat = current_stat(target)
        if stat is not None:
            jobs.append((target, None, stat, PlanTraffic()))
    return jobs


def cpu_of(jobs: list[Job]) -> tuple[float, list[FileResult]]:
    start = time.process_time()
    results = list(scan_each(jobs))
    return time.process_time() - start, results


def ledger_cpu(results: list[FileResult]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        ledger = Ledger(Path(folder) / "usage.sqlite3")
        third = len(results) // 3 + 1
        start = time.process_time()
        for n in range(0, len(results), third):
            ledger.commit(results[n : n + third])
        spent = time.process_time() - start
        ledger.close()
    return spent


def in_one_process(projects: Path, runs: int) -> dict[str, Any]:
    recording = Recording()
    _, found = cpu_of(jobs_for(projects, recording))
    calls = sum(len(r.rows) for r in found)
    as_is, given, ledger = [], [], []
    for _ in range(runs):
        spent, _ = cpu_of(jobs_for(projects, claude.ClaudeParser()))
        as_is.append(spent)
        spent, results = cpu_of(jobs_for(projects, Given(recording.lines)))
        if [r.rows for r in results] != [r.rows for r in found]:
            raise SystemExit("handed its lines, the scan found other calls: not comparable")
        given.append(spent)
        ledger.append(ledger_cpu(results))
    return {
        "files": len(found),
        "calls": calls,
        "lines_handed": sum(map(len, recording.lines.values())),
        "as_is_cpu_s": statistics.median(as_is),
        "given_cpu_s": statistics.median(given),
        "ledger_cpu_s": statistics.median(ledger),
    }


# --- a whole first scan, as a timeline ------------------------------------------------------

# Run in the scanning process: marks the tracker's steps with wall times since START.
TIMELINE = """
import atexit, json, os, sys, time
start = float(os.environ["SCAN_FLOOR_START"])
marks = []
def mark(what): marks.append((what, time.time() - start))
atexit.register(lambda: print(json.dumps(marks + [["exit", time.time() - start]]), file=sys.stderr))
from codingplan.usage import tracker
def wrap(name, before, after):
    original = getattr(tracker.Tracker, name)
    def wrapped(*a, **k):
        mark(before)
        try:
            return original(*a, **k)
        finally:
            mark(after)
    setattr(tracker.Tracker, name, wrapped)
parallel = tracker.Tracker._parallel
def marked(self, *a):
    mark("reading")
    yield from parallel(self, *a)
    mark("read")
tracker.Tracker._parallel = marked
wrap("_commit", "commit", "committed")
wrap("_snapshot", "snapshot", "snapshot done")
sys.argv = ["codingplan", "usage", "--json"]
import runpy
runpy.run_module("codingplan", run_name="__main__")
"""


def timeline(work: Path, claude_dir: Path) -> dict[str, float]:
    home = fresh_home(work, {".claude": claude_dir})
    env = {**app_env(home, work), "SCAN_FLOOR_START": repr(time.time())}
    done = subprocess.run(
        [PYTHON, "-c", TIMELINE], env=env, capture_output=True, text=True, check=True
    )
    marks = json.loads(done.stderr.strip().splitlines()[-1])
    at = {what: t for what, t in marks}
    commits = sum(t for what, t in marks if what == "committed") - sum(
        t for what, t in marks if what == "commit"
    )
    return {
        "start_s": at["reading"],
        "reading_s": at["read"] - at["reading"],
        "commits_s": commits,
        "after_s": at["exit"] - at["read"],
        "total_s": at["exit"],
    }


def whole_scans(work: Path, claude_dir: Path, runs: int) -> dict[str, float]:
    subprocess.run(["cat", *map(str, claude_dir.rglob("*.jsonl"))], stdout=subprocess.DEVNULL)
    scans = [timeline(work, claude_dir) for _ in range(runs + 1)][1:]  # the first compiles
    summary = {key: statistics.median(s[key] for s in scans) for key in scans[0]}
    native = ensure_ccusage(work).native
    if native:
        empty = work / "empty-home"
        empty.mkdir(exist_ok=True)
        env = {**os.environ, "HOME": str(empty), "CLAUDE_CONFIG_DIR": str(claude_dir)}
        cmd = [str(native), "daily", "--json", "--offline"]
        summary["ccusage_native_s"] = statistics.median(measure(cmd, env).wall for _ in range(runs))
    return summary


# --- the report ------------------------------------------------------------------------------


def report(reading: dict[str, Any], whole: dict[str, float]) -> str:
    def row(label: str, seconds: float, aside: str = "") -> str:
        return f"  {label:<40}{seconds:5.2f} s{aside}"

    as_is, given, ledger = reading["as_is_cpu_s"], reading["given_cpu_s"], reading["ledger_cpu_s"]
    floor = whole["start_s"] + ledger + whole["after_s"]
    lines = [
        f"Reading {reading['files']:,} files ({reading['calls']:,} calls) in one process, CPU:",
        row("as it is", as_is),
        row(
            f"handed its {reading['lines_handed']:,} lines for free",
            given,
            f"  ({given / as_is:.2f}x)",
        ),
        row("the ledger alone, three commits", ledger),
        "A whole first scan (usage --json), wall:",
        row("start-up and finding the files", whole["start_s"]),
        row(
            "workers reading, ledger written",
            whole["reading_s"],
            f"  (commits {whole['commits_s']:.2f} s)",
        ),
        row("snapshot, output and exit", whole["after_s"]),
        row("total", whole["total_s"]),
        "With a reader that costs nothing (start-up, finding the files, the ledger, exit):",
        row("at least", floor),
    ]
    if "ccusage_native_s" in whole:
        native = whole["ccusage_native_s"]
        lines += [
            "ccusage 20 native on the same files, wall:",
            row(
                "its time",
                native,
                f"  (ours {whole['total_s'] / native:.2f}x, the floor {floor / native:.2f}x)",
            ),
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/codingplan-bench"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    size = SIZES["300 MB"]
    hist = history(args.work, f"claude-{size}", "--size-mb", str(size), "--modern", "0.7")
    claude_dir = hist / "home" / ".claude"
    reading = in_one_process(claude_dir / "projects", args.runs)
    if reading["calls"] != manifest(hist)["claude-code"]:
        raise SystemExit(f"read {reading['calls']} calls, the history holds more or fewer")
    whole = whole_scans(args.work, claude_dir, args.runs)
    print(report(reading, whole))
    shutil.rmtree(args.work / "run-home", ignore_errors=True)


if __name__ == "__main__":
    main()

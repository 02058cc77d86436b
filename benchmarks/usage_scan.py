"""How fast and how lean the quota tracker reads a long history, against ccusage.

Measures, on a history written by ``usage_history.py``:
- the first scan into an empty ledger (worker processes allowed, as the app does);
- a rescan with nothing new, in the same process (the tray app's idle case, median of
  10) and in a fresh process (a ``codingplan usage`` run);
- a rescan after 1 MB of new requests was appended to ten transcripts;
- peak memory (RSS) of the scanning process and of its worker processes;
- ccusage 18 (JavaScript; ``ccusage daily --json --offline``) reading the same Claude
  Code files in the same run, for time and memory ratios.

    python benchmarks/usage_history.py /tmp/usage-bench
    python benchmarks/usage_scan.py /tmp/usage-bench --ccusage /tmp/ccusage-bench

``--ccusage`` is a folder where ``npm install ccusage@18.0.11`` was run (it is installed
there when missing). Targets on a 2-core machine: first scan of 1 GiB <= 5 s and >= 6x
faster than ccusage; no-change rescan <= 50 ms; peak RSS <= 150 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
CCUSAGE_VERSION = "18.0.11"


def _rss_mb(who: int) -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(who).ru_maxrss / 1024


def phase_scan(data: Path, ledger: Path) -> dict:
    """Runs in a child process: first scan, idle rescans, append, rescan."""
    os.environ["HOME"] = str(data / "home")
    for name in (
        "CLAUDE_CONFIG_DIR",
        "QWEN_HOME",
        "QWEN_RUNTIME_DIR",
        "XDG_DATA_HOME",
        "XDG_CONFIG_HOME",
        "CLINE_DATA_DIR",
        "CLINE_DIR",
    ):
        os.environ.pop(name, None)
    from codingplan.quota import usage_sources
    from codingplan.usage import Tracker
    from codingplan.usage.traffic import PlanTraffic

    for suffix in ("", "-wal", "-shm"):
        Path(f"{ledger}{suffix}").unlink(missing_ok=True)
    result: dict = {}
    with Tracker(ledger, PlanTraffic(), sources=usage_sources) as tracker:
        start = time.perf_counter()
        report = tracker.refresh()
        result["first_s"] = time.perf_counter() - start
        result["files"] = report.files_scanned
        result["bytes"] = report.bytes_read
        result["requests"] = tracker.ledger.count_by_source(0, 2**62)
        result["rss_after_first_mb"] = _rss_mb(resource.RUSAGE_SELF)
        idle = []
        for _ in range(10):
            start = time.perf_counter()
            assert not tracker.refresh().changed
            idle.append(time.perf_counter() - start)
        result["idle_ms"] = statistics.median(idle) * 1000
        result["idle_best_ms"] = min(idle) * 1000
        projects = data / "home" / ".claude" / "projects"
        files = sorted(projects.glob("*/*.jsonl"))[:10]
        sizes = {path: path.stat().st_size for path in files}
        appended = append_requests(files, 1 << 20)
        start = time.perf_counter()
        report = tracker.refresh()
        result["append_s"] = time.perf_counter() - start
        for path, size in sizes.items():  # leave the history as it was, for the next run
            os.truncate(path, size)
        result["append_bytes"] = report.bytes_read
        result["append_new"] = report.new_requests
        result["append_expected"] = appended
    result["rss_self_mb"] = _rss_mb(resource.RUSAGE_SELF)
    result["rss_workers_mb"] = _rss_mb(resource.RUSAGE_CHILDREN)
    return result


def phase_fresh(data: Path, ledger: Path) -> dict:
    """Runs in a child process: a new process's refresh when nothing changed."""
    os.environ["HOME"] = str(data / "home")
    from codingplan.quota import usage_sources
    from codingplan.usage import Tracker

    start = time.perf_counter()
    with Tracker(ledger, sources=usage_sources) as tracker:
        changed = tracker.refresh().changed
    return {"fresh_idle_ms": (time.perf_counter() - start) * 1000, "changed": changed}


def append_requests(files: list[Path], size: int) -> int:
    """Append about ``size`` bytes of new model calls to ``files``; return how many."""
    sys.path.insert(0, str(HERE))
    from usage_history import ClaudeSession, Text

    rng = random.Random()  # new ids on every run
    text = Text(rng)
    calls = 0
    for path in files:
        session = ClaudeSession(rng, text, modern=True, request_ids=False)
        lines: list[str] = []
        while sum(map(len, lines)) < size // len(files):
            lines += session.call(datetime.now(UTC))
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        calls += session.calls
    return calls


def ensure_ccusage(folder: Path) -> Path:
    script = folder / "node_modules" / "ccusage" / "dist" / "index.js"
    if not script.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", f"ccusage@{CCUSAGE_VERSION}"],
            cwd=folder,
            check=True,
        )
    return script


def run_ccusage(script: Path, data: Path) -> dict:
    """ccusage's wall time and peak RSS, read from the exited child's own rusage."""
    env = {
        **os.environ,
        "CLAUDE_CONFIG_DIR": str(data / "home" / ".claude"),
        "NODE_OPTIONS": "--max-old-space-size=16384",
    }
    node = shutil.which("node") or "node"
    start = time.perf_counter()
    process = subprocess.Popen(
        [node, str(script), "daily", "--json", "--offline"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    stdout, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    # communicate() reaped the child; its rusage is in RUSAGE_CHILDREN of this process,
    # which ran nothing else.
    rss = _rss_mb(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"ccusage failed: {stderr.decode()[-2000:]}")
    days = json.loads(stdout).get("daily", [])
    return {"ccusage_s": elapsed, "ccusage_rss_mb": rss, "ccusage_days": len(days)}


def child(phase: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", phase, *args], capture_output=True, text=True
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a folder written by usage_history.py")
    parser.add_argument("--ccusage", type=Path, default=Path("/tmp/ccusage-bench"))
    parser.add_argument("--ledger", type=Path, help="default: DATA/ledger.sqlite3")
    parser.add_argument("--skip-ccusage", action="store_true")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args = parser.parse_args()
    ledger = args.ledger or args.data / "ledger.sqlite3"
    if args.phase:
        phase = {"scan": phase_scan, "fresh": phase_fresh}[args.phase]
        print(json.dumps(phase(args.data, ledger)))
        return
    manifest = json.loads((args.data / "manifest.json").read_text())
    claude_bytes = sum(p.stat().st_size for p in (args.data / "home/.claude").rglob("*.jsonl"))
    scan = child("scan", str(args.data), "--ledger", str(ledger))
    fresh = child("fresh", str(args.data), "--ledger", str(ledger))
    cc = {} if args.skip_ccusage else run_ccusage(ensure_ccusage(args.ccusage), args.data)
    counted = scan["requests"]
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load "
        f"{os.getloadavg()[0]:.2f}"
    )
    print(
        f"history: Claude Code {claude_bytes / 2**20:,.0f} MiB in "
        f"{sum(1 for _ in (args.data / 'home/.claude').rglob('*.jsonl')):,} files; "
        f"all sources {scan['bytes'] / 2**20:,.0f} MiB in {scan['files']:,} files"
    )
    for source in ("claude-code", "qwen-code", "cline"):
        ok = "ok" if counted.get(source) == manifest[source] else "MISMATCH"
        print(f"  {source:<12} counted {counted.get(source, 0):>7,} of {manifest[source]:>7,} {ok}")
    print(f"first scan:               {scan['first_s']:7.2f} s   (target <= 5 s)")
    print(
        f"no-change rescan:         {scan['idle_ms']:7.1f} ms  median of 10, best "
        f"{scan['idle_best_ms']:.1f} ms (target <= 50 ms)"
    )
    print(f"  in a fresh process:     {fresh['fresh_idle_ms']:7.1f} ms  (opens the ledger too)")
    print(
        f"rescan after +1 MB:       {scan['append_s'] * 1000:7.1f} ms  "
        f"({scan['append_new']} new of {scan['append_expected']} appended)"
    )
    print(
        f"peak RSS:                 {scan['rss_self_mb']:7.1f} MB  main; workers "
        f"{scan['rss_workers_mb']:.1f} MB each at most (target <= 150 MB)"
    )
    if cc:
        print(
            f"ccusage {CCUSAGE_VERSION} daily:     {cc['ccusage_s']:7.2f} s, "
            f"{cc['ccusage_rss_mb']:,.0f} MB RSS ({cc['ccusage_days']} days)"
        )
        print(
            f"ratio ccusage / first scan: {cc['ccusage_s'] / scan['first_s']:5.1f}x time, "
            f"{cc['ccusage_rss_mb'] / scan['rss_self_mb']:.1f}x memory (target >= 6x time)"
        )


if __name__ == "__main__":
    main()

"""Fixtures for the quota tracker: tool records placed where each tool writes them.

The files under data/ were written by the real tools (versions in their names) run
against tests/fakes/plan_server.py; only very long prompt lines were dropped.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from codingplan.quota import usage_sources
from codingplan.usage import Tracker
from codingplan.usage.traffic import PlanTraffic

DATA = Path(__file__).parent / "data"
# The captured records were made on 2026-11-28 around 03:07-03:14 UTC.
CAPTURE_NOW = datetime(2026, 11, 28, 3, 30, tzinfo=UTC)
ORIGIN = "http://127.0.0.1:46625"  # the stand-in server the captures were made against


def place(home: Path, relative: str, data_name: str) -> Path:
    """Copy a captured file into the tool's place under ``home``."""
    target = home / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / data_name, target)
    return target


def run_loading(*argv: str) -> tuple[str, set[str]]:
    """``codingplan *argv`` run in a fresh interpreter (in this test's home): its output, and
    every module it loaded."""
    code = (
        "import sys\n"
        "from codingplan.launch import main\n"
        f"main({list(argv)!r})\n"
        "print('\\n'.join(sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True
    )
    return result.stdout, set(result.stderr.split())


def claude_line(kind: str, **fields) -> str:
    """One transcript line in Claude Code's compact JSON."""
    return json.dumps({"type": kind, **fields}, separators=(",", ":")) + "\n"


def make_opencode_db(path: Path, rows: dict | None = None) -> Path:
    """An OpenCode 1.18 store holding the measured rows (tables trimmed to what is read)."""
    rows = rows or json.loads((DATA / "opencode-1.18.33-rows.json").read_text())
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.executescript(
        """
        PRAGMA journal_mode=WAL;
        CREATE TABLE session (id TEXT PRIMARY KEY, parent_id TEXT, title TEXT NOT NULL,
            time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL);
        CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL,
            time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
        CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL,
            session_id TEXT NOT NULL, time_created INTEGER NOT NULL,
            time_updated INTEGER NOT NULL, data TEXT NOT NULL);
        """
    )
    for table, entries in rows.items():
        for entry in entries:
            names = ", ".join(entry)
            marks = ", ".join("?" for _ in entry)
            db.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(entry.values()))
    db.commit()
    db.close()
    return path


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    return tmp_path / "ledger" / "usage.sqlite3"


@pytest.fixture
def tracker(ledger_file: Path):
    with Tracker(
        ledger_file,
        traffic=PlanTraffic.with_origins(ORIGIN),
        sources=usage_sources,
        workers=1,
    ) as t:
        yield t

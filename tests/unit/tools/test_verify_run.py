"""Running a tool once for Verify: real processes. A process the tool leaves behind in a
session of its own, still holding the tool's output, does not keep Verify waiting past its
deadline; a tool that prints without end costs a bounded amount of memory."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from codingplan.tools import verify


def leaves_a_holder(pid_file: Path, then: str) -> list[str]:
    """A tool that starts a process in a session of its own (as Cline's hub daemon is),
    which inherits its output and keeps it open for a minute; then runs ``then``."""
    code = (
        "import subprocess, sys\n"
        "holder = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'],"
        " start_new_session=True)\n"
        f"open({str(pid_file)!r}, 'w').write(str(holder.pid))\n"
        "print('pong', flush=True)\n" + then
    )
    return [sys.executable, "-c", code]


@pytest.fixture
def pid_file(tmp_path):
    path = tmp_path / "holder.pid"
    yield path
    if path.exists():
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(path.read_text()), signal.SIGKILL)


def test_a_tool_that_ends_is_not_waited_for_past_its_output(tmp_path, pid_file):
    start = time.monotonic()
    code, stdout, _stderr = verify.run_once(
        leaves_a_holder(pid_file, ""), str(tmp_path), dict(os.environ), timeout=5
    )
    took = time.monotonic() - start
    assert (code, stdout.strip()) == (0, "pong")
    assert took < 5, took  # the tool ended at once; its output got DRAIN_S more


def test_the_deadline_covers_reading_the_output(tmp_path, pid_file):
    start = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired) as info:
        verify.run_once(
            leaves_a_holder(pid_file, "import time; time.sleep(60)"),
            str(tmp_path),
            dict(os.environ),
            timeout=2,
        )
    took = time.monotonic() - start
    assert "pong" in info.value.stdout
    assert took < 2 + verify.DRAIN_S + 3, took  # the deadline, stopping, and the drain


def test_a_tool_that_prints_without_end_keeps_its_start_and_end(tmp_path):
    code = (
        "import sys\n"
        "sys.stdout.write('start\\n')\n"
        "for _ in range(64): sys.stdout.write('x' * (1 << 20))\n"
        "sys.stdout.write('\\nHTTP 429 the end\\n')\n"
    )
    status, stdout, _stderr = verify.run_once(
        [sys.executable, "-c", code], str(tmp_path), dict(os.environ), timeout=60
    )
    assert status == 0
    assert len(stdout) < 2 * verify.OUTPUT_KEEP + 200
    assert stdout.startswith("start\n") and stdout.endswith("HTTP 429 the end\n")
    assert "bytes left out" in stdout

"""A configure killed while it stages the file that holds the key (``kill -9``, a power cut)
leaves that staged copy behind, key and all. It is private from its first byte, and the
next configure, a revert or ``key clear`` removes it. Real keyring, real files, real kill."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import codingplan_command
from tests.fakes.plan_server import TEST_KEY

ORIGIN = "http://127.0.0.1:9"
KEY_FILES = {"qwen-code": ".qwen/.env", "cline": ".cline/data/settings/providers.json"}

# A configure in inline mode, killed (SIGKILL: no clean-up runs) as the staged copy of the
# key file is flushed to disk.
KILLED_CONFIGURE = """
import os, signal, sys
from codingplan import actions, quota
from codingplan.settings import Settings

tool, key_file = sys.argv[1], sys.argv[2]
flush = os.fsync

def fsync(fd):
    name = os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))
    if name.startswith("." + key_file + ".") and name.endswith(".tmp"):
        os.kill(os.getpid(), signal.SIGKILL)
    flush(fd)

os.fsync = fsync
endpoints = quota.resolve_endpoints(Settings(), sys.argv[3])
options = actions.configure_options(tool, Settings(), endpoints, "qwen3-coder-plus", "inline")
actions.apply(actions.preview_configure(tool, options))
"""


def staged_copies(home: Path, tool: str) -> list[Path]:
    key_file = home / KEY_FILES[tool]
    return sorted(key_file.parent.glob(f".{key_file.name}.*.tmp"))


def kill_a_configure(home: Path, tool: str) -> Path:
    key_file = home / KEY_FILES[tool]
    result = subprocess.run(
        [sys.executable, "-c", KILLED_CONFIGURE, tool, key_file.name, ORIGIN],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    [left] = staged_copies(home, tool)
    assert TEST_KEY.encode() in left.read_bytes()
    assert stat.S_IMODE(os.stat(left).st_mode) == 0o600  # private from its first byte
    return left


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*codingplan_command(), *args],
        capture_output=True,
        text=True,
        input="",
        timeout=60,
        env={**os.environ, "CODINGPLAN_ORIGIN": ORIGIN},
    )


@pytest.mark.parametrize("tool", sorted(KEY_FILES))
@pytest.mark.parametrize(
    "then",
    [
        ["configure", "{tool}", "--yes", "--key-mode", "inline"],
        ["revert", "{tool}", "--yes"],
        ["key", "clear", "--yes"],
    ],
    ids=["configure", "revert", "key-clear"],
)
def test_a_key_left_staged_by_a_killed_configure_is_removed(home, stored_key, tool, then):
    left = kill_a_configure(home, tool)
    result = run(*(arg.format(tool=tool) for arg in then))
    assert "Traceback" not in result.stderr, result.stderr
    assert not left.exists()
    assert staged_copies(home, tool) == []

"""One instance per person, with real processes: a second launch raises the first and exits;
a first instance that died (kill -9) does not block the next one."""

import os
import signal
import subprocess
import time

import pytest

from codingplan import paths
from tests.conftest import codingplan_command


@pytest.fixture
def app_env(home):
    subprocess.run(
        [*codingplan_command(), "settings", "set", "setup-complete", "true"],
        check=True,
        capture_output=True,
    )
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CODINGPLAN_NO_ERROR_DIALOGS": "1"}


def _log() -> str:
    path = paths.log_dir() / "codingplan.log"
    return path.read_text() if path.exists() else ""


def _wait_for(predicate, timeout=30.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_a_second_launch_raises_the_first(app_env):
    first = subprocess.Popen(
        codingplan_command(), env={**app_env, "CODINGPLAN_QUIT_AFTER_MS": "20000"}
    )
    try:
        assert _wait_for(lambda: "started" in _log()), _log()
        second = subprocess.run(
            codingplan_command(), env=app_env, capture_output=True, text=True, timeout=30
        )
        assert second.returncode == 0, second.stderr
        assert _wait_for(lambda: "asked by another launch to show" in _log())
        assert _log().count(" started") == 1  # the second never started a window of its own
    finally:
        first.terminate()
        first.wait(timeout=30)


def test_a_dead_first_instance_does_not_block(app_env):
    first = subprocess.Popen(
        codingplan_command(), env={**app_env, "CODINGPLAN_QUIT_AFTER_MS": "60000"}
    )
    assert _wait_for(lambda: "started" in _log()), _log()
    os.kill(first.pid, signal.SIGKILL)  # leaves its lock file and socket behind
    first.wait(timeout=30)
    second = subprocess.run(
        codingplan_command(),
        env={**app_env, "CODINGPLAN_QUIT_AFTER_MS": "500"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 0, second.stderr
    assert _log().count(" started") == 2  # the second became the instance

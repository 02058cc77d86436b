"""The tray in a real X server with a real tray host (Xvfb + trayer), and without one."""

import os
import subprocess

import pytest

from codingplan import paths
from tests.conftest import codingplan_command
from tests.fakes.xserver import xvfb


@pytest.fixture
def app_env(home):
    subprocess.run(
        [*codingplan_command(), "settings", "set", "setup-complete", "true"],
        check=True,
        capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    return {
        **env,
        "QT_QPA_PLATFORM": "xcb",
        "CODINGPLAN_NO_ERROR_DIALOGS": "1",
        "CODINGPLAN_QUIT_AFTER_MS": "3000",
    }


def _run(env, *args):
    result = subprocess.run(
        [*codingplan_command(), *args], env=env, capture_output=True, text=True, timeout=60
    )
    # A start that failed before it could log says why in its own output, not as a missing file.
    log_file = paths.log_dir() / "codingplan.log"
    assert log_file.exists(), (result.returncode, result.stdout[-2000:], result.stderr[-2000:])
    return result, log_file.read_text()


def test_with_a_tray_the_app_lives_in_it(app_env):
    with xvfb(tray=True) as display:
        result, log = _run({**app_env, "DISPLAY": display}, "--tray")
    assert result.returncode == 0, result.stderr
    assert "tray icon shown" in log
    assert "showing the dashboard" not in log  # started at login: no window


def test_without_a_tray_the_app_is_a_normal_window(app_env):
    with xvfb(tray=False) as display:
        result, log = _run({**app_env, "DISPLAY": display}, "--tray")
    assert result.returncode == 0, result.stderr
    assert "no system tray: running as a normal window" in log
    assert "showing the dashboard" in log

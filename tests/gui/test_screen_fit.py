"""Every window and dialog fits a small screen: a 1366x768 laptop at 125 % (1093x614 points)
and a 1440x900 one at 200 % (720x450), in English and in Chinese. Each runs in a process of
its own, since Qt fixes the scale at start; the offscreen screen is given its size in a file."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.secret_service

SCREENS = {"1366x768 at 125 %": (1366, 768, 1.25), "1440x900 at 200 %": (1440, 900, 2.0)}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_window_fits_a_small_screen(screen, language, home, tmp_path):
    width, height, scale = SCREENS[screen]
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "laptop",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                    }
                ]
            }
        )
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": str(scale),
        "CODINGPLAN_NO_ERROR_DIALOGS": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.gui.fit_check", language],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    problems = json.loads(result.stdout.strip().splitlines()[-1])
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


def test_the_screen_is_really_that_small_and_that_dense(tmp_path):
    """The offscreen screen takes the size and the scale: what the check above relies on."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "s", "width": 1366, "height": 768}]}))
    code = (
        "from PySide6.QtWidgets import QApplication; app = QApplication([]); "
        "s = app.primaryScreen(); g = s.availableGeometry(); "
        "print(g.width(), g.height(), s.devicePixelRatio())"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": "1.25",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["1093", "614", "1.25"]

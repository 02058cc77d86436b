"""Without a screen the desktop app says so in one sentence, instead of Qt aborting the
process (exit 134) with a message that blames a library."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.fakes.xserver import xvfb

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="X11 and Wayland are Linux's")

NO_SCREEN = {"DISPLAY": None, "WAYLAND_DISPLAY": None, "QT_QPA_PLATFORM": None}


def test_no_display_at_all(cli):
    result = cli(env=NO_SCREEN, timeout=30)
    assert result.returncode == 1, result.stderr
    (line,) = result.stderr.splitlines()
    assert "There is no display" in line and "codingplan --help" in line


def test_a_display_where_no_x_server_answers(cli):
    free = next(n for n in range(180, 400) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    result = cli(env={**NO_SCREEN, "DISPLAY": f":{free}"}, timeout=30)
    assert result.returncode == 1, result.stderr
    (line,) = result.stderr.splitlines()
    assert f"no X server answers at DISPLAY=:{free}" in line


def test_a_platform_plugin_that_does_not_load_is_named(tmp_path):
    from codingplan.ui import display

    broken = tmp_path / "libqxcb.so"
    broken.write_bytes(b"not a library")
    said = display.problem({"DISPLAY": ":0"}, "linux", plugin=broken)
    assert said is not None and "Qt's X11 plugin does not load" in said
    assert str(broken) in said and "libxcb-cursor0" in said


def test_a_real_x_server_is_enough():
    from codingplan.ui import display

    with xvfb(tray=False) as screen:
        assert display.problem({"DISPLAY": screen}, "linux") is None
    assert display.problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display.problem({}, "darwin") is None

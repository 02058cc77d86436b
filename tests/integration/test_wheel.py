"""The Python package stands on its own: a wheel built from this checkout, installed into a
new virtual environment outside it, shows the desktop app in Chinese with its icon (in a
real X server), as `pip install` or `pipx install` gives it to a person."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.fakes.xserver import xvfb

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Xvfb")

# Started the way the console script starts the app (codingplan.ui.app.run), reporting what
# it shows once the first window is up.
REPORT = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
import codingplan
from codingplan.ui import app as desktop, resources
def report():
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle()]
    print(json.dumps({
        "titles": [w.windowTitle() for w in shown],
        "icon": not app.windowIcon().pixmap(64, 64).isNull(),
        "package": codingplan.__file__,
        "resources": str(resources.resource_root()),
    }), flush=True)
    app.quit()
QTimer.singleShot(3000, report)
sys.exit(desktop.run())
"""


def run(*cmd: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, timeout=240, **kwargs
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def copy_of_the_checkout(target: Path) -> Path:
    """The files of this checkout that git knows or would (ignored ones left out)."""
    listed = run("git", "-C", REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.stdout.split("\0")):
        source = REPO / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_a_wheel_installed_elsewhere_has_its_icon_and_chinese(tmp_path, home):
    # Nothing of this checkout on the new environment's path (no PYTHONPATH).
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "LC_", "LANG"))}
    source = copy_of_the_checkout(tmp_path / "source")  # no earlier build/ to reuse
    wheels = tmp_path / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, source, env=env)
    (wheel,) = wheels.glob("codingplan_configurator-*.whl")
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, env=env)
    pip = ("-m", "pip", "install", "-q", "--disable-pip-version-check")
    run(venv / "bin" / "python", *pip, "-c", REPO / "constraints.txt", wheel, env=env, cwd=tmp_path)

    env.update(HOME=str(home), LANG="zh_CN.UTF-8", QT_QPA_PLATFORM="xcb")
    env["CODINGPLAN_NO_ERROR_DIALOGS"] = "1"
    with xvfb(tray=False) as display:
        env["DISPLAY"] = display
        shown = run(venv / "bin" / "python", "-c", REPORT, env=env, cwd=tmp_path)
        started = run(venv / "bin" / "codingplan", env={**env, "CODINGPLAN_QUIT_AFTER_MS": "1500"})
    report = json.loads(shown.stdout.splitlines()[-1])
    assert Path(report["package"]).is_relative_to(venv)
    assert Path(report["resources"]).is_relative_to(venv)  # not the checkout's resources/
    assert report["icon"] is True
    assert report["titles"] and all(re.search("[\u4e00-\u9fff]", t) for t in report["titles"])
    assert "Traceback" not in started.stderr

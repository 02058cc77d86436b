"""packaging/build.py --smoke on a checkout where scripts/test.sh has not run says what to
run first, before a build of minutes, instead of a traceback after it."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO


@pytest.mark.skipif(sys.platform != "linux", reason="the full smoke test is Linux's")
def test_smoke_without_the_test_tools_says_what_to_run_first(tmp_path):
    checkout = tmp_path / "checkout"
    for folder in ("packaging", "gui"):
        shutil.copytree(REPO / folder, checkout / folder)
    result = subprocess.run(
        [sys.executable, str(checkout / "packaging" / "build.py"), "--smoke"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": str(tmp_path / "empty"), "HOME": str(tmp_path)},
    )
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert "the real Claude Code (tests/realtools)" in line and "Xvfb" in line
    assert "run scripts/test.sh first" in line
    assert not (checkout / "build").exists()  # nothing was built

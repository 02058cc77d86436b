"""The macOS disk image's layout script, on Linux: lint-clean, and the layout it makes (the
app and a link to /Applications); hdiutil itself runs on the release runners."""

from __future__ import annotations

import shutil
import subprocess

from codingplan import APP_NAME
from tests.conftest import REPO

MACOS = REPO / "packaging" / "macos"


def test_the_disk_image_script_is_lint_clean():
    assert shutil.which("shellcheck"), "shellcheck is missing: scripts/test.sh installs it"
    done = subprocess.run(
        ["shellcheck", str(MACOS / "make_dmg.sh")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout


def test_the_disk_image_holds_the_app_and_a_link_to_applications(tmp_path):
    app = tmp_path / f"{APP_NAME}.app"
    (app / "Contents" / "MacOS").mkdir(parents=True)
    (app / "Contents" / "MacOS" / "codingplan").write_text("app")
    (app / "Contents" / "Frameworks").symlink_to("MacOS")
    stage = tmp_path / "stage"
    done = subprocess.run(
        [str(MACOS / "make_dmg.sh"), "--stage-only", str(app), str(stage)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in stage.iterdir()) == ["Applications", f"{APP_NAME}.app"]
    assert (stage / "Applications").readlink().as_posix() == "/Applications"
    copied = stage / f"{APP_NAME}.app" / "Contents"
    assert (copied / "Frameworks").is_symlink()  # a bundle's links stay links
    assert (copied / "MacOS" / "codingplan").read_text() == "app"
    usage = subprocess.run([str(MACOS / "make_dmg.sh"), str(app)], capture_output=True, text=True)
    assert usage.returncode == 2 and "make_dmg.sh APP.app STAGE OUT.dmg" in usage.stderr

"""The Linux tarball's install.sh and uninstall.sh, run in the test's HOME with a stand-in app
that runs this checkout's `codingplan` (the real commands, the real private keyring)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from codingplan import keystore
from tests.conftest import REPO, codingplan_command

pytestmark = pytest.mark.secret_service


@pytest.fixture
def tarball(tmp_path: Path) -> Path:
    stage = tmp_path / "codingplan-linux"
    app = stage / "codingplan" / "codingplan"
    app.parent.mkdir(parents=True)
    app.write_text(
        "#!/bin/sh\nexec " + " ".join(f"'{a}'" for a in codingplan_command()) + ' "$@"\n'
    )
    app.chmod(0o755)
    shutil.copy2(REPO / "resources" / "linux" / "codingplan.desktop", stage)
    (stage / "codingplan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(REPO / "packaging" / "linux" / script, stage)
    return stage


def sh(script: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(script), *args],
        env={**os.environ, **env},
        cwd=script.parent,  # a relative path the scripts wrongly took lands in the test's folder
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_uninstall_all_after_a_plain_uninstall_removes_the_key(tarball, home, stored_key):
    assert sh(tarball / "install.sh").returncode == 0
    keystore.set_secret("console-access-key", "LTAI-made-up")  # another secret of the app's
    (home / ".config" / "codingplan").mkdir(parents=True)
    (home / ".config" / "codingplan" / "settings.json").write_text("{}")
    plain = sh(tarball / "uninstall.sh")
    assert plain.returncode == 0, plain.stderr
    assert keystore.get_key() == stored_key  # a plain uninstall keeps the key
    everything = sh(tarball / "uninstall.sh", "--all")  # the app is gone now
    assert everything.returncode == 0, everything.stderr
    assert everything.stdout.strip().splitlines()[-1] == "Uninstalled."
    assert keystore.get_key() is None
    assert keystore.get_secret("console-access-key") is None
    assert not (home / ".config" / "codingplan").exists()


def test_uninstall_all_that_cannot_remove_the_key_does_not_say_uninstalled(
    tarball, home, stored_key, tmp_path
):
    """Without the app and without secret-tool, the key stays: the script says how to remove
    it and exits 1."""
    assert sh(tarball / "install.sh").returncode == 0
    assert sh(tarball / "uninstall.sh").returncode == 0
    tools = tmp_path / "bin"  # what the script needs, and no secret-tool
    tools.mkdir()
    for name in ("sh", "rm", "find", "ls", "sed", "cat"):
        found = shutil.which(name)
        assert found
        (tools / name).symlink_to(found)
    everything = sh(tarball / "uninstall.sh", "--all", PATH=str(tools))
    assert everything.returncode == 1
    assert "Uninstalled." not in everything.stdout
    assert "secret-tool clear service codingplan" in everything.stderr
    assert keystore.get_key() == stored_key


def test_uninstall_all_with_the_keyring_out_of_reach_does_not_say_uninstalled(tarball, stored_key):
    assert sh(tarball / "install.sh").returncode == 0
    assert sh(tarball / "uninstall.sh").returncode == 0
    everything = sh(
        tarball / "uninstall.sh", "--all", DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent"
    )
    assert everything.returncode == 1
    assert "Uninstalled." not in everything.stdout
    assert "the key may still be in the keyring" in everything.stderr
    assert keystore.get_key() == stored_key


def test_uninstall_help(tarball):
    shown = sh(tarball / "uninstall.sh", "--help")
    assert shown.returncode == 0
    assert "./uninstall.sh [--all] [--yes | --keep-tools]" in shown.stdout
    assert "--all removes" in shown.stdout and "#" not in shown.stdout
    assert sh(tarball / "uninstall.sh", "--bogus").returncode == 2


@pytest.mark.parametrize("variable", ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"])
def test_a_relative_xdg_folder_is_ignored_as_the_app_ignores_it(tarball, home, variable):
    """A relative XDG_DATA_HOME once made uninstall.sh remove a folder under the current
    directory and say "Uninstalled." while the app's own folders stayed."""
    assert sh(tarball / "install.sh", **{variable: "rel"}).returncode == 0
    for folder in (".config", ".local/share", ".local/state"):
        (home / folder / "codingplan").mkdir(parents=True, exist_ok=True)
        (home / folder / "codingplan" / "kept-by-the-app").write_text("x")
    elsewhere = tarball / "rel" / "codingplan"  # the script runs from here
    elsewhere.mkdir(parents=True)
    (elsewhere / "not-the-apps").write_text("someone else's")
    removed = subprocess.run(
        [str(tarball / "uninstall.sh"), "--all"],
        env={**os.environ, variable: "rel"},
        cwd=tarball,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert removed.returncode == 0, removed.stderr
    assert f"ignoring the relative path 'rel' in {variable}" in removed.stderr
    assert (elsewhere / "not-the-apps").exists()
    for folder in (".config", ".local/share", ".local/state"):
        assert not (home / folder / "codingplan").exists()
    assert not (home / ".local" / "share" / "applications" / "codingplan.desktop").exists()


def test_install_warns_when_local_bin_is_not_on_path(tarball, home):
    elsewhere = sh(tarball / "install.sh", PATH="/usr/bin:/bin")
    assert elsewhere.returncode == 0
    assert f"{home}/.local/bin is not on your PATH" in elsewhere.stderr
    on_path = sh(tarball / "install.sh", PATH=f"/usr/bin:{home}/.local/bin:/bin")
    assert on_path.returncode == 0
    assert "PATH" not in on_path.stderr

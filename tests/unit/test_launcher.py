"""The launcher the coding tools run (Claude Code's apiKeyHelper): a script at a fixed place in
the app's data folder that finds the app wherever it is installed now. The POSIX launcher is
run for real with /bin/sh; the Windows one cannot run here, so its text is what is checked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from codingplan import __version__, paths
from codingplan import launcher as app_launcher

posix = pytest.mark.skipif(sys.platform == "win32", reason="runs the POSIX launcher")


def stand_in(path: Path, says: str) -> Path:
    """A stand-in for an installed app: prints what it is and its arguments."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'#!/bin/sh\necho "{says} $*"\n')
    path.chmod(0o755)
    return path


def old_launcher(home: Path, app: Path) -> Path:
    """A launcher written by an install at ``app`` (which may be gone since)."""
    launcher = app_launcher.launcher_path()
    launcher.parent.mkdir(parents=True)
    launcher.write_text(app_launcher.launcher_text([str(app)], "linux"))
    launcher.chmod(0o700)
    return launcher


def run(launcher: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(launcher), *args], capture_output=True, text=True, timeout=60, env=os.environ
    )


def test_the_key_helper_is_the_launcher_in_the_data_folder_shell_quoted(home, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "my data"))
    command = app_launcher.key_print_command()
    launcher = home / "my data" / "codingplan" / "bin" / "codingplan"
    assert command == f"'{launcher}' key print"
    assert app_launcher.app_command("usage", "--line") == f"'{launcher}' usage --line"
    assert not launcher.exists()  # computing the command writes nothing


@posix
def test_the_launcher_runs_this_install(home):
    launcher = app_launcher.install_launcher()
    assert launcher == app_launcher.launcher_path()
    assert launcher.stat().st_mode & 0o777 == 0o700
    result = run(launcher, "--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"codingplan {__version__}")


@posix
def test_after_a_move_the_launcher_finds_the_app_where_the_installer_put_it(home):
    launcher = old_launcher(home, home / "gone" / "codingplan")
    stand_in(home / ".local" / "opt" / "codingplan" / "codingplan", "installed")
    result = run(launcher, "key", "print")
    assert (result.returncode, result.stdout) == (0, "installed key print\n")


@posix
def test_with_no_install_left_the_launcher_says_so(home):
    launcher = old_launcher(home, home / "gone" / "codingplan")
    result = run(launcher, "key", "print")
    assert result.returncode == 127 and result.stdout == ""
    assert "not installed any more" in result.stderr and "revert" in result.stderr


@posix
def test_the_install_that_wrote_it_comes_first(home):
    mine = stand_in(home / "checkout" / ".venv" / "bin" / "codingplan", "checkout")
    stand_in(home / ".local" / "opt" / "codingplan" / "codingplan", "installed")
    launcher = old_launcher(home, mine)
    assert run(launcher, "usage", "--line").stdout == "checkout usage --line\n"


def test_a_run_of_the_app_points_an_existing_launcher_at_itself(home):
    app_launcher.refresh_launcher()
    assert not app_launcher.launcher_path().exists()  # nothing uses one: none is made
    launcher = app_launcher.launcher_path()
    launcher.parent.mkdir(parents=True)
    launcher.write_text(app_launcher.launcher_text(["/old/place/codingplan"]))
    app_launcher.refresh_launcher()
    assert launcher.read_text() == app_launcher.launcher_text(app_launcher.installed_argv())
    assert "/old/place" not in launcher.read_text()


def test_the_launcher_lives_in_a_private_folder(home):
    app_launcher.install_launcher()
    if sys.platform != "win32":
        assert app_launcher.launcher_path().parent.stat().st_mode & 0o077 == 0
    assert app_launcher.launcher_path().is_relative_to(paths.data_dir())


def test_the_windows_launcher_tries_this_install_then_the_installers_place(monkeypatch):
    """Simulated: the batch file's text is checked, since cmd cannot run here."""
    app = r"C:\Users\Ann 100%\AppData\Local\Programs\Coding Plan Configurator\codingplan.exe"
    text = app_launcher.launcher_text([app], "win32")
    lines = text.split("\r\n")
    assert lines[0] == "@echo off" and text.endswith("\r\n")
    literal = app.replace("%", "%%")  # a literal % in a batch file is doubled
    assert lines.index(f'if exist "{literal}" goto app0') < lines.index(
        r'if exist "%LOCALAPPDATA%\Programs\Coding Plan Configurator\codingplan.exe" goto app1'
    )
    assert lines[lines.index(":app0") + 1] == f'"{literal}" %*'
    assert "exit /b 127" in lines


def test_the_key_helper_on_windows_uses_forward_slashes(monkeypatch, tmp_path):
    """Claude Code runs the helper through Git Bash on Windows: forward slashes and double
    quotes read the same there and in cmd. The platform is simulated."""
    folder = tmp_path / "App Data" / "codingplan"
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setattr(paths, "data_dir", lambda: folder)
    command = app_launcher.key_print_command()
    assert command == f'"{(folder / "bin" / "codingplan.cmd").as_posix()}" key print'
    assert "\\" not in command


def test_on_windows_login_starts_the_windowed_program(monkeypatch, tmp_path):
    """The platform and a frozen build are simulated: the choice of program is checked."""
    from codingplan.autostart import launch_command

    folder = tmp_path / "Coding Plan Configurator"
    folder.mkdir()
    for name in ("codingplan.exe", "Coding Plan Configurator.exe"):
        (folder / name).write_text("")
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys.executable", str(folder / "codingplan.exe"))
    assert launch_command() == [str(folder / "Coding Plan Configurator.exe"), "--tray"]
    assert app_launcher.installed_argv() == [str(folder / "codingplan.exe")]


def test_an_appimage_is_started_from_its_file_not_its_mount(monkeypatch, tmp_path):
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys.executable", "/tmp/.mount_CodingXyz/usr/lib/codingplan/codingplan")
    monkeypatch.setenv("APPIMAGE", str(tmp_path / "CodingPlanConfigurator.AppImage"))
    assert app_launcher.installed_argv() == [str(tmp_path / "CodingPlanConfigurator.AppImage")]

"""How other programs run this app: Claude Code's ``apiKeyHelper`` (``key print``) and any
other command of the app a tool is set up to run.

They run a launcher, not the app itself: a small script at a fixed place in the app's data
folder (``bin/codingplan``; ``bin\\codingplan.cmd`` on Windows) that starts the app from
wherever it is installed now. It tries the install that last wrote it first, then the places
the installers use, so an upgrade, a move of the app or a new checkout leaves the tools'
settings working. Each run of the app points an existing launcher at itself; configuring a
tool writes it.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import sys
from pathlib import Path, PureWindowsPath

from codingplan import paths
from codingplan.fileio import atomic_write

MACOS_APP = "Coding Plan Configurator.app/Contents/MacOS/codingplan"
# Where the installers put the command-line app, for the launcher to look when the install
# that wrote it is gone; ``$HOME``/``%LOCALAPPDATA%`` are read when the launcher runs.
INSTALL_PLACES = {
    "linux": ("$HOME/.local/opt/codingplan/codingplan", "$HOME/.local/bin/codingplan"),
    "darwin": (f"/Applications/{MACOS_APP}", f"$HOME/Applications/{MACOS_APP}"),
    "win32": (r"%LOCALAPPDATA%\Programs\Coding Plan Configurator\codingplan.exe",),
}
NOT_INSTALLED = (
    "codingplan: Coding Plan Configurator is not installed any more. Install it again (its "
    "'revert' command then undoes what it set), or remove its entries from the tool's settings."
)


def installed_argv(gui: bool = False) -> list[str]:
    """This app as installed where it runs now: the AppImage file (not its mount, which goes
    away), the ``codingplan`` program next to the interpreter (the windowed one with ``gui``
    on Windows), else the interpreter running the package."""
    appimage = os.environ.get("APPIMAGE")
    if getattr(sys, "frozen", False) and appimage:
        return [appimage]
    name = "codingplan"
    if sys.platform == "win32":
        frozen = getattr(sys, "frozen", False)
        name = ("Coding Plan Configurator" if frozen else "codingplan-gui") if gui else name
        name += ".exe"
    script = Path(sys.executable).with_name(name)
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "codingplan"]


def launcher_path() -> Path:
    name = "codingplan.cmd" if sys.platform == "win32" else "codingplan"
    return paths.data_dir() / "bin" / name


def launcher_text(app: list[str], platform: str = sys.platform) -> str:
    """The launcher: ``app`` (this install) if it is still there, else the first install
    found in ``INSTALL_PLACES``, else a sentence on stderr and exit code 127."""
    places = INSTALL_PLACES.get(platform, INSTALL_PLACES["linux"])
    if platform == "win32":
        return _cmd_launcher(app, places)
    lines = [
        "#!/bin/sh",
        "# Coding Plan Configurator: the coding tools it set up run this (Claude Code's",
        "# apiKeyHelper), so that they keep working when the app is upgraded or moved.",
        "# The app rewrites this file; the first install found below is started.",
        _sh_try(shlex.quote(app[0]), " ".join(shlex.quote(a) for a in app)),
    ]
    lines += [_sh_try(f'"{place}"', f'"{place}"') for place in places]
    lines += [f"echo {shlex.quote(NOT_INSTALLED)} >&2", "exit 127", ""]
    return "\n".join(lines)


def _sh_try(test: str, command: str) -> str:
    return f'if [ -x {test} ]; then exec {command} "$@"; fi'


def _cmd_launcher(app: list[str], places: tuple[str, ...]) -> str:
    import subprocess  # for Windows' quoting only: every command passes through here

    # In a batch file a literal % is written %%; the places keep theirs, to be expanded.
    literal = [a.replace("%", "%%") for a in app]
    found = [(literal[0], subprocess.list2cmdline(literal)), *[(p, f'"{p}"') for p in places]]
    lines = [
        "@echo off",
        "rem Coding Plan Configurator: the coding tools it set up run this (Claude Code's",
        "rem apiKeyHelper), so that they keep working when the app is upgraded or moved.",
        "rem The app rewrites this file; the first install found below is started.",
    ]
    lines += [f'if exist "{test}" goto app{n}' for n, (test, _run) in enumerate(found)]
    lines += [f"echo {NOT_INSTALLED} 1>&2", "exit /b 127"]
    for n, (_test, run) in enumerate(found):
        lines += [f":app{n}", f"{run} %*", "exit /b"]
    return "\r\n".join([*lines, ""])


def install_launcher() -> Path:
    """Write the launcher for this install (or leave it, if it already is); its path."""
    path = launcher_path()
    text = launcher_text(installed_argv()).encode("utf-8")
    try:
        if path.read_bytes() == text:
            return path
    except OSError:
        pass
    paths.private_dir(path.parent)
    atomic_write(path, text, mode=0o700)
    return path


def refresh_launcher() -> None:
    """Point an existing launcher at this install: the app may have moved since. If it
    cannot be read or written, the old one still finds an install where installers put it."""
    with contextlib.suppress(OSError):
        if launcher_path().exists():
            install_launcher()


def app_argv(*args: str) -> list[str]:
    """A command of this app another program runs (``key print``, ``usage --line``): the
    launcher, which finds the app wherever it is installed."""
    return [str(launcher_path()), *args]


def app_command(*args: str) -> str:
    """``app_argv`` as one command line for a tool that runs it through a POSIX shell
    (Claude Code does, on Windows through Git Bash): forward slashes and double quotes read
    the same there and in cmd."""
    argv = app_argv(*args)
    if sys.platform == "win32":
        import subprocess

        return subprocess.list2cmdline([PureWindowsPath(argv[0]).as_posix(), *argv[1:]])
    return shlex.join(argv)


def key_print_argv() -> list[str]:
    """The command that prints the key."""
    return app_argv("key", "print")


def key_print_command() -> str:
    """The command line for Claude Code's ``apiKeyHelper``."""
    return app_command("key", "print")

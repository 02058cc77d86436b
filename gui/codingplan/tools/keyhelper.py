"""How a tool gets the key from this app instead of from a file.

Claude Code runs its ``apiKeyHelper`` through ``/bin/sh`` each time it needs the key; the
command is this app's ``key print``, by absolute path, quoted for the shell. In a frozen build
the ``codingplan`` executable (the console one, on Windows) sits next to ``sys.executable``,
so the same lookup finds it.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path, PureWindowsPath

# The GUI clears the clipboard this long after a "copy key" action.
CLIPBOARD_CLEAR_SECONDS = 45


def app_argv(*args: str) -> list[str]:
    """A command of this app another program runs (``key print``, ``usage --line``): the
    ``codingplan`` script next to the interpreter when installed, else the interpreter
    running the package."""
    suffix = ".exe" if sys.platform == "win32" else ""
    script = Path(sys.executable).with_name(f"codingplan{suffix}")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "codingplan", *args]


def app_command(*args: str) -> str:
    """``app_argv`` as one command line for a tool that runs it through a POSIX shell
    (Claude Code does, on Windows through Git Bash): forward slashes and double quotes read
    the same there and in cmd."""
    argv = app_argv(*args)
    if sys.platform == "win32":
        return subprocess.list2cmdline([PureWindowsPath(argv[0]).as_posix(), *argv[1:]])
    return shlex.join(argv)


def key_print_argv() -> list[str]:
    """The command that prints the key."""
    return app_argv("key", "print")


def key_print_command() -> str:
    """The command line for Claude Code's ``apiKeyHelper``."""
    return app_command("key", "print")


def key_for_clipboard() -> str:
    """The key, for a "copy" action on a guided page. The caller clears the clipboard
    after ``CLIPBOARD_CLEAR_SECONDS``; nothing else may show or log the value."""
    from codingplan import keystore

    return keystore.require_key()

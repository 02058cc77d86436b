"""Start at login, per OS: an XDG autostart entry, a LaunchAgent, or the registry Run key.

Everything is per person and needs no administrator rights. The command started is the
app's own launcher with ``--tray``, so login does not open a window.
"""

from __future__ import annotations

import os
import plistlib
import shlex
import sys
from pathlib import Path
from typing import Any

from codingplan import APP_NAME
from codingplan.fileio import atomic_write
from codingplan.launcher import installed_argv

LABEL = "io.github.codingplan.configurator"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "CodingPlanConfigurator"


def launch_command() -> list[str]:
    """How to start this app in the tray, from wherever it is installed (on Windows the
    windowed program, so that no console opens at login)."""
    return [*installed_argv(gui=True), "--tray"]


class Autostart:
    def __init__(
        self, platform: str = sys.platform, home: Path | None = None, winreg: Any = None
    ) -> None:
        self.platform = platform
        self.home = home or Path.home()
        # A stand-in for tests; the real module only exists on Windows, and typeshed types it
        # only there, hence Any.
        self._winreg: Any = winreg

    # --- where

    def desktop_file(self) -> Path:
        config = os.environ.get("XDG_CONFIG_HOME") or str(self.home / ".config")
        return Path(config) / "autostart" / "codingplan.desktop"

    def launch_agent(self) -> Path:
        return self.home / "Library" / "LaunchAgents" / f"{LABEL}.plist"

    def location(self) -> str:
        """Where the login entry lives, for telling the person."""
        if self.platform == "win32":
            return rf"HKCU\{RUN_KEY}\{RUN_VALUE}"
        return str(self.launch_agent() if self.platform == "darwin" else self.desktop_file())

    # --- what

    def is_enabled(self) -> bool:
        if self.platform == "win32":
            return self._read_run_value() is not None
        return (self.launch_agent() if self.platform == "darwin" else self.desktop_file()).exists()

    def enable(self, command: list[str] | None = None) -> None:
        command = command or launch_command()
        if self.platform == "win32":
            self._write_run_value(_windows_command_line(command))
        elif self.platform == "darwin":
            plist = {"Label": LABEL, "ProgramArguments": command, "RunAtLoad": True}
            atomic_write(self.launch_agent(), plistlib.dumps(plist), mode=0o644)
        else:
            entry = (
                "[Desktop Entry]\n"
                "Type=Application\n"
                f"Name={APP_NAME}\n"
                f"Exec={shlex.join(command)}\n"
                "Icon=codingplan\n"
                "Terminal=false\n"
                "X-GNOME-Autostart-enabled=true\n"
                # Give the panel time to come up, so the tray icon has a home.
                "X-GNOME-Autostart-Delay=10\n"
            )
            atomic_write(self.desktop_file(), entry.encode("utf-8"), mode=0o644)

    def disable(self) -> None:
        if self.platform == "win32":
            self._delete_run_value()
            return
        path = self.launch_agent() if self.platform == "darwin" else self.desktop_file()
        path.unlink(missing_ok=True)

    # --- the registry (Windows)

    def _registry(self) -> Any:
        if self._winreg is None:
            import winreg  # only exists on Windows

            self._winreg = winreg
        return self._winreg

    def _read_run_value(self) -> str | None:
        reg = self._registry()
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value: str = reg.QueryValueEx(key, RUN_VALUE)[0]  # a REG_SZ
                return value
        except OSError:
            return None

    def _write_run_value(self, value: str) -> None:
        reg = self._registry()
        with reg.CreateKey(reg.HKEY_CURRENT_USER, RUN_KEY) as key:
            reg.SetValueEx(key, RUN_VALUE, 0, reg.REG_SZ, value)

    def _delete_run_value(self) -> None:
        reg = self._registry()
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
                reg.DeleteValue(key, RUN_VALUE)
        except OSError:
            pass


def _windows_command_line(command: list[str]) -> str:
    import subprocess

    return subprocess.list2cmdline(command)

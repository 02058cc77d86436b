"""Where to look: the platform, the home folder and the environment variables.

Passed around explicitly, never read from ``os.environ`` deep inside the code, so that every
place a tool keeps its files is decided in one place (its integration's ``locations``) and
the macOS and Windows layouts can be checked on any machine.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple


class Env(NamedTuple):
    platform: str  # as sys.platform: "linux", "darwin", "win32"
    home: Path
    environ: Mapping[str, str]

    @classmethod
    def current(cls) -> Env:
        return cls(sys.platform, Path.home(), dict(os.environ))

    def var(self, name: str) -> str | None:
        """The variable's value, or None when it is unset or blank."""
        value = self.environ.get(name, "").strip()
        return value or None

    def expand(self, value: str) -> Path:
        """A path as a person writes it in a variable: ``~`` is their home folder."""
        if value == "~":
            return self.home
        if value.startswith(("~/", "~\\")):
            return self.home / value[2:]
        return Path(value)

    def path_var(self, name: str) -> Path | None:
        value = self.var(name)
        return None if value is None else self.expand(value)

    def path_list(self, name: str, separator: str = os.pathsep) -> list[Path]:
        """Every path in a list-valued variable (empty when it is unset)."""
        value = self.var(name) or ""
        return [self.expand(p.strip()) for p in value.split(separator) if p.strip()]

    def config_home(self) -> Path:
        """XDG_CONFIG_HOME, else ``~/.config`` (the tools use it on every OS)."""
        return self.path_var("XDG_CONFIG_HOME") or self.home / ".config"

    def data_home(self) -> Path:
        """XDG_DATA_HOME, else ``~/.local/share`` (the tools use it on every OS)."""
        return self.path_var("XDG_DATA_HOME") or self.home / ".local" / "share"

    def app_data(self) -> Path:
        """Windows' roaming application data (APPDATA)."""
        return self.path_var("APPDATA") or self.home / "AppData" / "Roaming"

    def which(self, name: str) -> Path | None:
        found = shutil.which(name, path=self.environ.get("PATH", ""))
        return Path(found) if found else None

"""Where OpenCode, and the tools forked from it, keep their files.

A ``Layout`` names a fork's folders and variables; everything else (the config format, the
SQLite store) is the same, so the OpenCode integration serves every fork given its layout.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from codingplan.env import Env


class Layout(NamedTuple):
    folder: str  # under the XDG config and data homes
    config_names: tuple[str, ...]  # global config files, in the order the tool merges them
    edit_names: tuple[str, ...]  # the ones this app edits: the last existing, else the first
    config_var: str  # a variable naming one more config file, merged last
    content_var: str  # a variable holding config text, applied after every file
    database: str  # the SQLite store's file name in the data folder
    dir_var: str | None = None  # a variable that replaces the config folder
    database_var: str | None = None  # a variable naming the SQLite store

    @property
    def variables(self) -> tuple[str, ...]:
        """Every variable of the layout, in the order declared."""
        found = (self.config_var, self.content_var, self.dir_var, self.database_var)
        return tuple(v for v in found if v)

    def config_dir(self, env: Env) -> Path:
        explicit = env.path_var(self.dir_var) if self.dir_var else None
        return explicit or env.config_home() / self.folder

    def config_file(self, env: Env) -> Path:
        """The file a configure writes: the variable's, else the tool's own choice."""
        explicit = env.path_var(self.config_var)
        if explicit:
            return explicit
        folder = self.config_dir(env)
        existing = [folder / n for n in self.edit_names if (folder / n).exists()]
        return existing[-1] if existing else folder / self.edit_names[0]

    def config_files(self, env: Env) -> list[Path]:
        """Every config file the tool reads, in the order it merges them (later wins)."""
        files = [self.config_dir(env) / n for n in self.config_names]
        explicit = env.path_var(self.config_var)
        return [*files, explicit] if explicit else files

    def data_dir(self, env: Env) -> Path:
        return env.data_home() / self.folder

    def database_file(self, env: Env) -> Path:
        """The store: the variable's (absolute, or relative to the data folder), else the usual."""
        explicit = env.var(self.database_var) if self.database_var else None
        if explicit and explicit != ":memory:":
            return self.data_dir(env) / env.expand(explicit)  # an absolute path stays as it is
        return self.data_dir(env) / self.database

    def install_locations(self, env: Env) -> tuple[Path, ...]:
        return (env.home / f".{self.folder}" / "bin" / self.folder,)


OPENCODE = Layout(
    folder="opencode",
    config_names=("config.json", "opencode.json", "opencode.jsonc"),
    edit_names=("opencode.json", "opencode.jsonc"),
    config_var="OPENCODE_CONFIG",
    content_var="OPENCODE_CONFIG_CONTENT",
    database="opencode.db",
)

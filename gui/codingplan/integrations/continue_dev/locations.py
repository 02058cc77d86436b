"""Where Continue keeps its files: ``CONTINUE_GLOBAL_DIR``, else ``~/.continue``, shared by the
``cn`` CLI and the Continue extensions for VS Code and JetBrains."""

from __future__ import annotations

from pathlib import Path

from codingplan.env import Env


def home_dir(env: Env) -> Path:
    return env.path_var("CONTINUE_GLOBAL_DIR") or env.home / ".continue"


def config_file(env: Env) -> Path:
    return home_dir(env) / "config.yaml"


def secrets_file(env: Env) -> Path:
    """The ``.env`` that ``${{ secrets.NAME }}`` in the config is read from."""
    return home_dir(env) / ".env"


def sessions_dir(env: Env) -> Path:
    return home_dir(env) / "sessions"

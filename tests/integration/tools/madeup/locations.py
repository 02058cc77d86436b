"""Where Madeup Code keeps its files: ``$MADEUP_HOME``, else ``~/.madeup``."""

from __future__ import annotations

from pathlib import Path

from codingplan.env import Env


def folder(env: Env) -> Path:
    return env.path_var("MADEUP_HOME") or env.home / ".madeup"


def settings_file(env: Env) -> Path:
    return folder(env) / "settings.json"


def key_file(env: Env) -> Path:
    return folder(env) / ".env"


def log_file(env: Env) -> Path:
    return folder(env) / "calls.jsonl"

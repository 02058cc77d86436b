"""Where Qwen Code keeps its files: ``QWEN_HOME`` (default ``~/.qwen``) for its settings,
key file and usage log; ``QWEN_RUNTIME_DIR``, when set, for its runtime records too."""

from __future__ import annotations

from pathlib import Path

from codingplan.env import Env


def home_dir(env: Env) -> Path:
    return env.path_var("QWEN_HOME") or env.home / ".qwen"


def settings_file(env: Env) -> Path:
    return home_dir(env) / "settings.json"


def env_file(env: Env) -> Path:
    return home_dir(env) / ".env"


def usage_record_file(env: Env) -> Path:
    """One summary line per process run (requests per model), written when Qwen Code exits."""
    return home_dir(env) / "usage_record.jsonl"


def record_dirs(env: Env) -> list[Path]:
    """Every folder Qwen Code may write its usage log and chat recordings in."""
    runtime = env.path_var("QWEN_RUNTIME_DIR")
    return [runtime, home_dir(env)] if runtime else [home_dir(env)]

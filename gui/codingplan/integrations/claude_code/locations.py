"""Where Claude Code keeps its files, for its configuration and for its transcripts alike.

``CLAUDE_CONFIG_DIR`` is one folder, as Claude Code reads it: its settings, its state file
(``.claude.json``, which otherwise sits in the home folder) and its transcripts. Without it
the settings are in ``~/.claude``, and transcripts are read from there and from
``$XDG_CONFIG_HOME/claude``, where versions 1.0.30 to 1.0.x kept them.
"""

from __future__ import annotations

from pathlib import Path

from codingplan.env import Env


def config_dir(env: Env) -> Path:
    return env.path_var("CLAUDE_CONFIG_DIR") or env.home / ".claude"


def settings_file(env: Env) -> Path:
    return config_dir(env) / "settings.json"


def state_file(env: Env) -> Path:
    """``.claude.json``: in the home folder, or in CLAUDE_CONFIG_DIR when that is set."""
    folder = env.path_var("CLAUDE_CONFIG_DIR") or env.home
    main = folder / ".claude.json"
    legacy = config_dir(env) / ".config.json"  # older versions' name for it
    return legacy if legacy.is_file() and not main.exists() else main


def transcript_dirs(env: Env) -> list[Path]:
    """Every folder of session transcripts (``projects``) Claude Code may have written."""
    if env.var("CLAUDE_CONFIG_DIR"):
        return [config_dir(env) / "projects"]
    return [env.home / ".claude" / "projects", env.config_home() / "claude" / "projects"]


def install_locations(env: Env) -> tuple[Path, ...]:
    """Where the native installer puts ``claude`` outside PATH."""
    return (env.home / ".local" / "bin" / "claude", env.home / ".claude" / "local" / "claude")

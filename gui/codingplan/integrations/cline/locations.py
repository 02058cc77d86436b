"""Where Cline keeps its files: the CLI 3 / extension 4 data folder (``CLINE_DATA_DIR``, else
``$CLINE_DIR/data``, else ``~/.cline/data``), and each VS Code-like editor's storage for the
older extension."""

from __future__ import annotations

from pathlib import Path

from codingplan.env import Env

EXTENSION_ID = "saoudrizwan.claude-dev"
EDITORS = ("Code", "Code - Insiders", "Cursor", "Windsurf", "VSCodium")


def data_dir(env: Env) -> Path:
    explicit = env.path_var("CLINE_DATA_DIR")
    return explicit or (env.path_var("CLINE_DIR") or env.home / ".cline") / "data"


def providers_file(env: Env) -> Path:
    return (
        env.path_var("CLINE_PROVIDER_SETTINGS_PATH")
        or data_dir(env) / "settings" / "providers.json"
    )


def log_file(env: Env) -> Path:
    """The CLI's log, pino JSON lines: ``CLINE_LOG_PATH``, else ``<data>/logs/cline.log``.

    Cline writes every telemetry event to it, whatever the remote telemetry settings (unless
    ``CLINE_LOG_ENABLED`` is ``0``/``false``), and empties it when it is 48 hours old.
    """
    return env.path_var("CLINE_LOG_PATH") or data_dir(env) / "logs" / "cline.log"


def db_dir(env: Env) -> Path:
    """Cline's SQLite stores, among them the hub daemon's event log ``hub-events-*.db``."""
    return env.path_var("CLINE_DB_DATA_DIR") or data_dir(env) / "db"


def session_dirs(env: Env) -> list[Path]:
    explicit = env.path_var("CLINE_SESSION_DATA_DIR")
    return [explicit, data_dir(env) / "sessions"] if explicit else [data_dir(env) / "sessions"]


def editor_user_dir(env: Env, editor: str = "Code") -> Path:
    """An editor's ``User`` folder on this OS."""
    if env.platform == "darwin":
        return env.home / "Library" / "Application Support" / editor / "User"
    if env.platform == "win32":
        return env.app_data() / editor / "User"
    return env.config_home() / editor / "User"


def task_dirs(env: Env) -> list[Path]:
    """The older extension's (and CLI 1.x/2.x's) task folders."""
    users = [editor_user_dir(env, e) for e in EDITORS]
    users.append(env.home / ".vscode-server" / "data" / "User")
    return [data_dir(env) / "tasks", *(u / "globalStorage" / EXTENSION_ID / "tasks" for u in users)]


def vscode_extensions(env: Env) -> Path:
    return env.home / ".vscode" / "extensions"

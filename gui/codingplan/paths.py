"""Where the app keeps its files, per OS conventions (platformdirs).

On Linux, with an absolute ``HOME``, the folders are worked out here by platformdirs' own
XDG rule, so that ``usage --line`` (run at every shell prompt) need not load platformdirs,
which costs about a tenth of that command's time. A test holds the two to the same answers.

The app's folders hold the usage history, the backups of a person's tool files (their own
keys included) and the records of what was changed: ``make_private`` (run as the app or a
command starts) creates each one private to the person (0700), and closes one that an older
version left open.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from codingplan import APP_ID

PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600


def private_dir(folder: Path) -> Path:
    """``folder``, created if missing, open to the person alone (POSIX; Windows keeps a
    per-user folder private by its own permissions). A folder that cannot be made or changed
    is left as it is: whatever writes into it then reports the real problem."""
    if os.name == "nt":
        return folder
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
        mode = stat.S_IMODE(folder.stat().st_mode)
        if mode & 0o077:  # only taken away: a folder made read-only on purpose stays so
            os.chmod(folder, mode & ~0o077)
    return folder


def make_private() -> None:
    """Create the app's folders, each open to the person alone."""
    for folder in (config_dir(), data_dir(), log_dir()):
        private_dir(folder)


def config_dir() -> Path:
    return _xdg("XDG_CONFIG_HOME", "~/.config") or _platformdirs("user_config_dir")


def data_dir() -> Path:
    return _xdg("XDG_DATA_HOME", "~/.local/share") or _platformdirs("user_data_dir")


def log_dir() -> Path:
    return _xdg("XDG_STATE_HOME", "~/.local/state", "log") or _platformdirs("user_log_dir")


def _xdg(variable: str, default: str, *under: str) -> Path | None:
    """The folder as platformdirs names it on Linux: in ``$variable`` when that is an
    absolute path, else in ``default`` under ``HOME``. None elsewhere, or when ``HOME`` is
    not an absolute path (platformdirs then asks the password database)."""
    if not sys.platform.startswith("linux") or "ANDROID_DATA" in os.environ:
        return None
    base = os.environ.get(variable, "")
    if not os.path.isabs(base):
        if not os.path.isabs(os.environ.get("HOME", "")):
            return None
        base = os.path.expanduser(default)
    return Path(os.path.join(base, APP_ID, *under))


def _platformdirs(kind: str) -> Path:
    import platformdirs

    return Path(getattr(platformdirs, kind)(APP_ID, appauthor=False))


def settings_file() -> Path:
    return config_dir() / "settings.json"


def console_login_marker() -> Path:
    """An empty file that says console credentials are stored in the keyring on this
    computer: ``codingplan usage`` looks at it before it would load the keyring."""
    return data_dir() / "console-login"


def test_requests_file() -> Path:
    """The app's own record of the test requests it sent (each costs quota)."""
    return data_dir() / "test-requests.jsonl"

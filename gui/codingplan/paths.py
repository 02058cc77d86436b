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
    """Create the app's folders, each open to the person alone; raise ``CodingPlanError``
    if the data folder is there but cannot be used (its permissions taken
    away): every command but ``key print`` needs it, and would fail somewhere deep inside.
    A settings folder that cannot be used is told by the settings it keeps."""
    for folder in (config_dir(), data_dir(), log_dir()):
        private_dir(folder)
    check_usable()


def check_usable() -> None:
    """Raise ``CodingPlanError`` naming the app's data folder if it cannot be searched, read
    or written, with what it holds (the backups revert needs among it) and how to give it
    back."""
    from codingplan.errors import CodingPlanError
    from codingplan.i18n import QT_TRANSLATE_NOOP

    data = data_dir()
    reason = _unusable(data)
    if reason:
        raise CodingPlanError(
            "data_folder_unusable",
            QT_TRANSLATE_NOOP(
                "errors",
                "The app's data folder {folder} cannot be used ({reason}): it holds your usage "
                "history, and the backups of your tool files ({backups}) that revert needs.",
            ),
            QT_TRANSLATE_NOOP(
                "errors", "Give the folder back to yourself ({command}), then try again."
            ),
            folder=str(data),
            reason=reason,
            backups=str(data / "backups"),
            command=_fix_command(data),
        )


def _unusable(folder: Path) -> str | None:
    """Why ``folder`` cannot be used, or None (also when it is missing: it is made when
    first written, and a failure then says why)."""
    try:
        mode = folder.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return exc.strerror or str(exc)
    if not stat.S_ISDIR(mode):
        return "it is not a folder"
    if os.name != "nt" and not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
        return "permission denied"
    return None


def _fix_command(folder: Path) -> str:
    if os.name == "nt":
        return f'icacls "{folder}" /grant "%USERNAME%":F'
    import shlex

    quoted = shlex.quote(str(folder))
    try:
        theirs = folder.stat().st_uid != os.geteuid()
    except OSError:
        theirs = False
    return f'sudo chown "$USER" {quoted}' if theirs else f"chmod u+rwx {quoted}"


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


def key_stamp_file() -> Path:
    """Touched each time the key is stored or removed (it holds only the time): a running
    app notices a change made by the command line without asking the keyring."""
    return config_dir() / "key-changed"


def test_requests_file() -> Path:
    """The app's own record of the test requests it sent (each costs quota)."""
    return data_dir() / "test-requests.jsonl"

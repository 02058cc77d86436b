"""The app's folders 0700 and its files 0600, as the README says: every backup folder (not
only the last one made) and the settings' lock file too."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from codingplan import paths, settings
from codingplan.tools import records

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_backup_folder_is_private():
    old = os.umask(0o022)  # the usual one, under which mkdir's parents came out 0755
    try:
        saved = records.backup("claude-code", Path("settings.json"), b"{}")
    finally:
        os.umask(old)
    assert mode(saved) == 0o600
    folder = saved.parent
    while folder != paths.data_dir():
        assert mode(folder) == 0o700, folder
        folder = folder.parent


def test_a_backup_folder_an_older_version_left_open_is_closed():
    root = records.backup_root("qwen-code")
    root.mkdir(parents=True, mode=0o755)
    os.chmod(root.parent, 0o755)
    records.backup("qwen-code", Path(".env"), b"A=1\n")
    assert mode(root) == mode(root.parent) == 0o700


def test_the_settings_lock_file_is_private(tmp_path):
    path = tmp_path / "config" / "settings.json"
    settings.update({"language": "en"}, path)
    lock = path.with_name("settings.json.lock")
    assert mode(lock) == 0o600
    os.chmod(lock, 0o644)  # as an older version made it
    settings.update({"language": "zh_CN"}, path)
    assert mode(lock) == 0o600

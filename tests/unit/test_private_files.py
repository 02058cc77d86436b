"""The app's folders and files are the person's alone: the usage history, the settings and
the backups of tool files (which may hold the person's own keys) are not for other users."""

import os
import stat
import sys

import pytest

from codingplan import paths
from codingplan.usage.tracker import ledger_path

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


@pytest.fixture(autouse=True)
def open_umask():
    """The usual umask, which leaves new files readable by others unless the app says not."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_app_folders_settings_and_ledger_are_private(cli):
    assert cli("settings", "set", "tier", "pro").returncode == 0
    assert cli("usage", "--json").returncode == 0
    for folder in (paths.config_dir(), paths.data_dir(), paths.log_dir()):
        assert mode(folder) == 0o700, folder
    assert mode(paths.settings_file()) == 0o600
    assert mode(ledger_path()) == 0o600


def test_the_ledger_journal_is_private(home):
    from codingplan.usage.ledger import Ledger

    paths.make_private()
    ledger = Ledger(ledger_path())  # opening creates the schema: the WAL files exist now
    try:
        journals = list(ledger_path().parent.glob(ledger_path().name + "-*"))
        assert journals
        assert {mode(j) for j in journals} == {0o600}
    finally:
        ledger.close()


def test_folders_an_older_version_left_open_are_closed(cli, home):
    folder = home / ".local" / "share" / "codingplan"
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    (folder / "usage.sqlite3").touch()
    assert cli("settings", "show").returncode == 0
    assert mode(folder) == 0o700


def test_a_folder_made_read_only_on_purpose_stays_so(home):
    folder = home / ".config" / "codingplan"
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        paths.make_private()
        assert mode(folder) == 0o500
    finally:
        folder.chmod(0o700)

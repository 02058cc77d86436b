"""Start at login on each OS. Linux and macOS write real files in the test's HOME; the Windows
registry cannot exist here, so a small in-memory stand-in plays it (and says so)."""

import json
import plistlib
import shlex

from codingplan.autostart import LABEL, RUN_KEY, RUN_VALUE, Autostart

COMMAND = ["/opt/Coding Plan/codingplan", "--tray"]


def test_linux_xdg_entry(home, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "cfg"))
    auto = Autostart("linux", home)
    assert not auto.is_enabled()
    auto.enable(COMMAND)
    entry = (home / "cfg" / "autostart" / "codingplan.desktop").read_text()
    assert "Type=Application" in entry and "X-GNOME-Autostart-enabled=true" in entry
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    assert shlex.split(exec_line[5:]) == COMMAND  # a path with a space survives
    assert auto.is_enabled()
    auto.disable()
    assert not auto.is_enabled()
    auto.disable()  # twice is fine


def test_macos_launch_agent(home):
    auto = Autostart("darwin", home)
    auto.enable(COMMAND)
    path = home / "Library" / "LaunchAgents" / f"{LABEL}.plist"
    plist = plistlib.loads(path.read_bytes())
    assert plist == {"Label": LABEL, "ProgramArguments": COMMAND, "RunAtLoad": True}
    assert auto.is_enabled()
    auto.disable()
    assert not path.exists()


class FakeWinreg:
    """A stand-in for Windows' winreg module (only the calls the app makes)."""

    HKEY_CURRENT_USER = "HKCU"
    REG_SZ = 1
    KEY_SET_VALUE = 2

    def __init__(self):
        self.keys: dict[str, dict[str, str]] = {}

    class _Key:
        def __init__(self, store, name):
            self.store, self.name = store, name

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def OpenKey(self, root, name, reserved=0, access=0):
        if name not in self.keys:
            raise FileNotFoundError(name)
        return self._Key(self.keys, name)

    def CreateKey(self, root, name):
        self.keys.setdefault(name, {})
        return self._Key(self.keys, name)

    def QueryValueEx(self, key, value):
        try:
            return self.keys[key.name][value], self.REG_SZ
        except KeyError:
            raise FileNotFoundError(value) from None

    def SetValueEx(self, key, value, reserved, kind, data):
        self.keys[key.name][value] = data

    def DeleteValue(self, key, value):
        if value not in self.keys[key.name]:
            raise FileNotFoundError(value)
        del self.keys[key.name][value]


def test_windows_run_key():
    reg = FakeWinreg()
    auto = Autostart("win32", winreg=reg)
    assert not auto.is_enabled()
    auto.enable([r"C:\Users\me\AppData\Local\Programs\Coding Plan\codingplan.exe", "--tray"])
    assert (
        reg.keys[RUN_KEY][RUN_VALUE]
        == r'"C:\Users\me\AppData\Local\Programs\Coding Plan\codingplan.exe" --tray'
    )
    assert auto.is_enabled()
    auto.disable()
    assert not auto.is_enabled()
    auto.disable()


def test_the_command_line_installs_and_removes_the_login_entry(cli, home):
    """As the Settings tab does: the setting says "on" only with the entry in place."""
    entry = home / ".config" / "autostart" / "codingplan.desktop"
    on = cli("settings", "set", "start-at-login", "true", "--json")
    assert on.returncode == 0, on.stderr
    data = json.loads(on.stdout)
    assert data["login_entry"] == str(entry) and data["settings"]["start_at_login"] is True
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    assert shlex.split(exec_line[5:])[-1] == "--tray"
    off = cli("settings", "set", "start-at-login", "false")
    assert off.returncode == 0 and f"login entry removed: {entry}" in off.stdout
    assert not entry.exists()


def test_a_login_entry_that_cannot_be_written_leaves_the_setting_off(cli, home):
    (home / ".config" / "autostart").mkdir(parents=True)
    (home / ".config" / "autostart" / "codingplan.desktop").mkdir()  # in the way, even for root
    failed = cli("settings", "set", "start-at-login", "true")
    assert failed.returncode == 1
    (line,) = failed.stderr.splitlines()
    assert "login entry" in line and "could not be changed" in line
    assert (
        json.loads(cli("settings", "show", "--json").stdout)["settings"]["start_at_login"] is False
    )

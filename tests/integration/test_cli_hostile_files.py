"""Files that are not files where settings should be: a named pipe (which never ends when no
one writes to it), ``/dev/zero`` (which never ends at all) and a device node. Every command
answers in one sentence, in seconds, and leaves them as they were."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from codingplan import paths
from tests.unit.usage.conftest import ORIGIN

FAST = 20  # seconds: a command that reads a pipe or /dev/zero to its end never answers


def plant(path: Path, kind: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")


def still(path: Path, kind: str) -> bool:
    if kind == "fifo":
        return stat.S_ISFIFO(os.lstat(path).st_mode)
    return os.readlink(path) == "/dev/zero" and stat.S_ISCHR(os.stat(path).st_mode)


def one_sentence(result) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_tool_settings_file_that_never_ends(cli, home, kind, stored_key):
    settings = home / ".claude/settings.json"
    plant(settings, kind)
    listed = cli("tools", "--json", "--origin", ORIGIN, timeout=FAST)
    assert listed.returncode == 0, listed.stderr
    rows = {t["id"]: t for t in json.loads(listed.stdout)["tools"]}
    assert rows["claude-code"]["state"] == "unreadable"
    result = cli("configure", "claude-code", "--yes", "--origin", ORIGIN, timeout=FAST)
    assert result.returncode == 1
    assert "is not a settings file" in one_sentence(result)
    assert still(settings, kind)


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_the_apps_own_settings_file_that_never_ends(cli, home, kind):
    settings = paths.settings_file()
    plant(settings, kind)
    for args in (["settings", "show"], ["usage"], ["settings", "set", "tier", "pro"]):
        result = cli(*args, timeout=FAST)
        assert result.returncode == 1, args
        assert "settings file" in one_sentence(result) and "not a regular file" in result.stderr
    line = cli("usage", "--line", timeout=FAST)
    assert line.returncode == 1 and line.stdout.startswith("codingplan:")
    assert still(settings, kind)


def device_node(path: Path) -> Path:
    """A character device like /dev/null, made here (only root may)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("only root can make a device node, and only root could replace one")
    return path


def test_a_settings_file_linked_to_a_device_is_never_replaced(cli, home, tmp_path, stored_key):
    node = device_node(tmp_path / "dev" / "null")
    (home / ".claude").mkdir()
    (home / ".claude/settings.json").symlink_to(node)
    paths.settings_file().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file().symlink_to(node)
    for args in (
        ["configure", "claude-code", "--yes", "--origin", ORIGIN],
        ["settings", "set", "tier", "pro"],
    ):
        result = cli(*args, timeout=FAST)
        assert result.returncode == 1, args
        assert "not a regular file" in one_sentence(result)
        assert stat.S_ISCHR(os.lstat(node).st_mode), args


def as_the_person(cli, *args: str, timeout: float = FAST):
    """``cli`` run without root's power to ignore permissions (the tests may run as root):
    what a person meets when a folder of theirs is closed to them."""
    if os.geteuid() != 0:
        return cli(*args, timeout=timeout)
    import shutil
    import subprocess

    from tests.conftest import codingplan_command

    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be made to count")
    caps = "-dac_override,-dac_read_search"
    return subprocess.run(
        ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", *codingplan_command(), *args],
        input="",
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def claude_configured(cli, home, stored_key) -> Path:
    settings = home / ".claude/settings.json"
    settings.parent.mkdir()
    settings.write_text('{"theme": "dark"}\n')
    result = cli("configure", "claude-code", "--yes", "--origin", ORIGIN)
    assert result.returncode == 0, result.stderr
    assert settings.read_text() != '{"theme": "dark"}\n'
    return settings


def test_a_closed_data_folder_is_named_with_its_backups_and_the_fix(cli, claude_configured):
    data = paths.data_dir()
    data.chmod(0)
    try:
        for args in (
            ["revert", "claude-code", "--yes"],
            ["revert", "--all", "--yes"],
            ["usage"],
            ["settings", "show"],
            ["key", "status"],
            ["tools"],
            ["configured"],
        ):
            result = as_the_person(cli, *args)
            assert result.returncode == 1, args
            said = one_sentence(result)
            assert f"data folder {data} cannot be used (permission denied)" in said, said
            assert str(data / "backups") in said and f"chmod u+rwx {data}" in said
        line = as_the_person(cli, "usage", "--line")
        assert line.returncode == 1 and line.stdout.startswith("codingplan:")
        assert as_the_person(cli, "key", "print").returncode == 0  # needs no folder of the app
    finally:
        data.chmod(0o700)
    assert claude_configured.read_text() != '{"theme": "dark"}\n'  # nothing was changed


def test_revert_works_while_the_apps_other_files_are_closed(cli, home, claude_configured):
    closed = [
        paths.data_dir() / "bin",  # the launcher
        paths.data_dir() / "usage.sqlite3",
        paths.config_dir(),  # the settings
        paths.log_dir(),
    ]
    assert usage_runs(cli)
    for path in closed:
        path.chmod(0)
    try:
        result = as_the_person(cli, "revert", "claude-code", "--yes")
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    finally:
        for path in closed:
            path.chmod(0o700)
    assert claude_configured.read_text() == '{"theme": "dark"}\n'


def usage_runs(cli) -> bool:
    """A ``usage`` (it makes the ledger)."""
    return cli("usage", "--origin", ORIGIN).returncode == 0


def in_a_small_file_system(script: str, size: str = "512k") -> str:
    """``script`` (sh) run with HOME on a tmpfs of ``size`` of its own, in a mount namespace;
    its output. ``$C`` is the command, ``$HOME`` the home on the tmpfs."""
    import subprocess

    from tests.conftest import codingplan_command

    mnt = Path(os.environ.get("TMPDIR", "/tmp")) / f"codingplan-full-{os.getpid()}"
    mnt.mkdir(exist_ok=True)
    full = f"""
        mount -t tmpfs -o size={size} tmpfs {mnt} || exit 90
        export HOME={mnt}/home C="{" ".join(codingplan_command())}"
        mkdir -p $HOME
        {script}
    """
    try:
        result = subprocess.run(
            ["unshare", "--mount", "--map-root-user", "sh", "-c", full],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        mnt.rmdir()
    if result.returncode == 90:
        pytest.skip("no tmpfs can be mounted here (unshare --mount --map-root-user)")
    return result.stdout + result.stderr


def test_revert_on_a_full_disk_says_so_in_one_line(stored_key):
    out = in_a_small_file_system(
        """
        mkdir -p $HOME/.claude
        printf '{"theme": "dark", "pad": "%s"}\\n' "$(head -c 3000 /dev/zero | tr '\\0' x)" \\
            > $HOME/.claude/settings.json
        $C configure claude-code --yes --origin http://127.0.0.1:46625 >/dev/null || exit 91
        dd if=/dev/zero of=$HOME/../filler bs=1k count=4096 2>/dev/null
        $C revert claude-code --yes 2>&1 >/dev/null; echo "rc=$?"
        rm $HOME/../filler
        $C revert claude-code --yes 2>&1 >/dev/null; echo "rc=$?"
        head -c 20 $HOME/.claude/settings.json
        """
    )
    assert "Traceback" not in out, out
    first, second = out.split("rc=")[0], out.split("rc=")[1]
    assert first.startswith("codingplan: ") and len(first.strip().splitlines()) == 1, out
    assert "No space left on device" in first
    assert second.startswith("1\n")  # refused, then done once there is room
    assert out.split("rc=")[2].startswith("0\n")
    assert out.rstrip().endswith('{"theme": "dark", "p'), out


def test_a_share_folder_whose_name_is_not_utf8_gets_a_sentence(cli, tmp_path):
    latin1 = os.fsdecode(bytes(tmp_path) + b"/caf\xe9")  # "café" from an old drive
    os.mkdir(latin1)
    result = cli("settings", "set", "share-folder", latin1)
    assert result.returncode != 0
    assert "valid UTF-8" in one_sentence(result)
    assert not paths.settings_file().exists() or "caf" not in paths.settings_file().read_text()


def test_a_settings_file_holding_text_that_is_not_utf8_still_works(cli, tmp_path):
    settings = paths.settings_file()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(
        '{"share_folder": "' + str(tmp_path) + '/caf\\udce9", "from_a_newer_app\\ud800": "x"}'
    )
    for args in (
        ["usage", "--json"],
        ["settings", "show"],
        ["settings", "show", "--json"],
        ["settings", "set", "tier", "pro"],
        ["settings", "set", "share-folder", str(tmp_path)],
    ):
        result = cli(*args)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    saved = json.loads(settings.read_text())
    assert saved["share_folder"] == str(tmp_path) and saved["tier"] == "pro"
    assert saved["from_a_newer_app\ud800"] == "x"  # another version's key, kept as it was

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

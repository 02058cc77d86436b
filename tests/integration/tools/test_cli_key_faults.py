"""What `configure` and `key set` say when the keyring or a tool's file is in the way."""

from __future__ import annotations

import json
import os

import pytest

from codingplan import keystore
from codingplan.tools import records
from tests.fakes.plan_server import TEST_KEY

pytestmark = pytest.mark.secret_service
NEW_KEY = "sk-sp-faults0rotated0key0for0tests0zzzz"
THIRD_KEY = "sk-sp-faults0third0key0for0the0tests0yy"
ORIGIN = {"CODINGPLAN_ORIGIN": "http://127.0.0.1:9"}
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def run(cli, *args, **kw):
    result = cli(*args, env={**ORIGIN, **kw.pop("env", {})}, **kw)
    for key in (TEST_KEY, NEW_KEY, THIRD_KEY):
        assert key not in result.stdout + result.stderr
    return result


@pytest.mark.parametrize("extra", [["--yes"], ["--dry-run"]])
def test_keyring_mode_without_a_usable_keyring_is_refused(cli, home, extra):
    result = run(cli, "configure", "claude-code", *extra, env=NO_KEYRING)
    assert result.returncode == 1, result.stdout
    assert result.stderr.count("\n") == 1  # one line
    assert "Claude Code" in result.stderr and "--key-mode inline" in result.stderr
    assert not (home / ".claude").exists() and not (home / ".claude.json").exists()
    data = json.loads(run(cli, "configure", "claude-code", *extra, "--json", env=NO_KEYRING).stdout)
    assert data["error"]["code"] == "keyring_unusable"
    assert records.load("claude-code") is None


def test_keyring_mode_with_no_key_stored_yet_says_so(cli, home):
    result = run(cli, "configure", "claude-code", "--yes")
    assert result.returncode == 0, result.stderr
    assert "No key is stored yet" in result.stdout
    assert "codingplan key set" in result.stdout


def test_key_set_with_a_read_only_tool_file_says_exactly_what_happened(cli, home, stored_key):
    for tool in ("qwen-code", "cline"):
        assert run(cli, "configure", tool, "--yes").returncode == 0
    providers = home / ".cline" / "data" / "settings" / "providers.json"
    before = providers.read_bytes()
    providers.chmod(0o444)
    result = run(cli, "key", "set", "--yes", "--json", input=NEW_KEY)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert (data["stored"], data["masked"]) == (True, f"sk-sp-…{NEW_KEY[-4:]}")
    assert data["tools_updated"] == ["qwen-code"]
    assert data["tools_to_update"] == []
    [failed] = data["tools_not_updated"]
    assert (failed["tool"], failed["code"]) == ("cline", "config_read_only")
    assert str(providers) in failed["message"]
    assert data["next"] == ["codingplan configure cline --yes"]
    assert keystore.get_key() == NEW_KEY
    assert NEW_KEY in (home / ".qwen" / ".env").read_text()
    assert providers.read_bytes() == before

    text = run(cli, "key", "set", "--yes", input=THIRD_KEY)
    assert text.returncode == 1
    assert "Stored sk-sp-" in text.stdout
    assert "Cline still holds the old key" in text.stderr
    assert "codingplan configure cline --yes" in text.stderr
    providers.chmod(0o644)
    assert run(cli, "configure", "cline", "--yes").returncode == 0
    assert THIRD_KEY in providers.read_text() and TEST_KEY not in providers.read_text()


def plant_link(home, tool: str, tmp_path):
    """A file in a folder anyone can write, and a second name for it where ``tool`` keeps
    the file the key would go in (Qwen Code's ``.env``; OpenCode's config, named by
    ``OPENCODE_CONFIG`` as a person may)."""
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o1777)
    planted = shared / "planted"
    if tool == "qwen-code":
        planted.write_text("OTHER=1\n")
        name, env = home / ".qwen" / ".env", {}
    else:
        planted.write_text("{}\n")
        name = home / "work" / "opencode.json"
        env = {"OPENCODE_CONFIG": str(name)}
    name.parent.mkdir(parents=True, exist_ok=True)
    os.link(planted, name)
    return planted, name, env


@pytest.mark.parametrize("tool", ["qwen-code", "opencode"])
def test_the_key_is_never_written_into_a_file_with_other_names(
    cli, home, tmp_path, stored_key, tool
):
    planted, name, env = plant_link(home, tool, tmp_path)
    before = planted.read_bytes()
    for extra in (["--dry-run"], ["--yes"]):
        result = run(cli, "configure", tool, *extra, "--key-mode", "inline", env=env)
        assert result.returncode == 1, result.stdout
        assert result.stderr.count("\n") == 1, result.stderr
        assert f"{name} has 2 names (hard links)" in result.stderr
    assert planted.read_bytes() == before and name.read_bytes() == before
    assert records.load(tool) is None


def test_the_key_is_never_written_into_a_file_of_another_user(cli, home, stored_key):
    dotenv = home / ".qwen" / ".env"
    dotenv.parent.mkdir()
    dotenv.write_text("OTHER=1\n")
    try:
        os.chown(dotenv, 65534, 65534)
    except PermissionError:
        pytest.skip("only root can give a file to another user")
    result = run(cli, "configure", "qwen-code", "--yes", "--key-mode", "inline")
    assert result.returncode == 1, result.stdout
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"{dotenv} belongs to another user" in result.stderr
    assert dotenv.read_text() == "OTHER=1\n"


def test_a_link_made_after_the_check_does_not_reach_the_key(home, tmp_path, stored_key):
    """Between the last check and the write, a second name appears: the key's file is
    replaced, never written in place, so the other name keeps the old bytes."""
    from codingplan.fileio import Staged

    dotenv = home / ".qwen" / ".env"
    dotenv.parent.mkdir()
    dotenv.write_text("OTHER=1\n")
    staged = Staged(dotenv, f"OTHER=1\nKEY={TEST_KEY}\n".encode(), 0o600, keep_links=False)
    os.link(dotenv, tmp_path / "planted")
    staged.commit(b"OTHER=1\n")
    assert (tmp_path / "planted").read_text() == "OTHER=1\n"
    assert TEST_KEY in dotenv.read_text() and os.stat(dotenv).st_nlink == 1


def persons_own_copy(home):
    dotenv = home / ".qwen" / ".env"
    dotenv.parent.mkdir()
    dotenv.write_text(f"BAILIAN_CODING_PLAN_API_KEY={TEST_KEY}\n")
    dotenv.chmod(0o644)
    return dotenv


def test_key_clear_tells_of_the_persons_own_copy_that_revert_put_back(cli, home, stored_key):
    dotenv = persons_own_copy(home)
    assert run(cli, "configure", "qwen-code", "--yes", "--key-mode", "inline").returncode == 0
    result = run(cli, "key", "clear", "--yes", "--json")
    data = json.loads(result.stdout)
    assert data["reverted"] == ["qwen-code"] and data["removed"] is True
    assert data["files_holding_key"] == [str(dotenv)]
    assert dotenv.read_text() == f"BAILIAN_CODING_PLAN_API_KEY={TEST_KEY}\n"
    assert oct(os.stat(dotenv).st_mode & 0o777) == oct(0o600)


def test_key_clear_in_words_names_the_file_still_holding_the_key(cli, home, stored_key):
    dotenv = persons_own_copy(home)
    assert run(cli, "configure", "qwen-code", "--yes", "--key-mode", "inline").returncode == 0
    result = run(cli, "key", "clear", "--yes")
    assert f"{dotenv} still holds the key" in result.stdout


def test_revert_gives_back_a_file_holding_a_key_readable_by_the_person_alone(cli, home, stored_key):
    dotenv = persons_own_copy(home)
    assert run(cli, "configure", "qwen-code", "--yes", "--key-mode", "inline").returncode == 0
    assert run(cli, "revert", "qwen-code", "--yes").returncode == 0
    assert dotenv.read_text() == f"BAILIAN_CODING_PLAN_API_KEY={TEST_KEY}\n"
    assert oct(os.stat(dotenv).st_mode & 0o777) == oct(0o600)


def test_revert_gives_back_the_persons_other_key_readable_by_them_alone(cli, home, stored_key):
    dotenv = home / ".qwen" / ".env"
    dotenv.parent.mkdir()
    own = "BAILIAN_CODING_PLAN_API_KEY=sk-sp-person0own0older0key0000abcd\nOTHER=1\n"
    dotenv.write_text(own)
    dotenv.chmod(0o644)
    assert run(cli, "configure", "qwen-code", "--yes", "--key-mode", "inline").returncode == 0
    assert TEST_KEY in dotenv.read_text()
    assert run(cli, "revert", "qwen-code", "--yes").returncode == 0
    assert dotenv.read_text() == own
    assert oct(os.stat(dotenv).st_mode & 0o777) == oct(0o600)

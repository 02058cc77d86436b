"""What `configure` and `key set` say when the keyring or a tool's file is in the way."""

from __future__ import annotations

import json

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

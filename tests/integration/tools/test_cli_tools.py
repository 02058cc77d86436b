"""The tool commands of ``codingplan`` as people and scripts use them (no real tool runs)."""

from __future__ import annotations

import json
import os
import pty
import select
import time
from pathlib import Path

import pytest

from tests.conftest import codingplan_command
from tests.fakes.plan_server import TEST_KEY

pytestmark = pytest.mark.secret_service
NEW_KEY = "sk-sp-cli0rotated0key0for0tests0zzzz"
ORIGIN = {"CODINGPLAN_ORIGIN": "http://127.0.0.1:9"}


def run(cli, *args, **kw):
    result = cli(*args, env={**ORIGIN, **kw.pop("env", {})}, **kw)
    assert TEST_KEY not in result.stdout + result.stderr
    assert NEW_KEY not in result.stdout + result.stderr
    return result


def test_dry_run_shows_the_masked_diff_and_writes_nothing(cli, stored_key, home):
    result = run(cli, "configure", "qwen-code", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert f"+BAILIAN_CODING_PLAN_API_KEY=sk-sp-…{TEST_KEY[-4:]}" in result.stdout
    assert "http://127.0.0.1:9/v1" in result.stdout
    assert "readable only by you (mode 0600)" in result.stdout
    assert not (home / ".qwen").exists()


def test_without_a_terminal_configure_needs_yes(cli, stored_key, home):
    result = run(cli, "configure", "cline")
    assert result.returncode == 2
    assert "--yes" in result.stderr
    data = json.loads(run(cli, "configure", "cline", "--json").stdout)
    assert data["error"]["code"] == "confirmation_required"
    assert not (home / ".cline").exists()


def test_configure_tools_revert_json(cli, stored_key, home):
    data = json.loads(
        run(cli, "configure", "opencode", "--yes", "--json", "--model", "glm-5").stdout
    )
    assert data["applied"] is True and data["change_set"]["options"]["model"] == "glm-5"
    config = home / ".config" / "opencode" / "opencode.json"
    assert data["result"]["written"] == [str(config)]
    assert data["change_set"]["files"][0]["holds_key"] is True
    assert set(data["change_set"]["files"][0]) == {
        "path", "role", "changed", "creates", "removes", "holds_key", "mode", "diff"
    }  # fmt: skip
    listed = json.loads(run(cli, "tools", "--json").stdout)["tools"]
    row = next(t for t in listed if t["id"] == "opencode")
    assert row["state"] in ("configured", "overridden")
    assert row["configured"] == {
        "model": "glm-5",
        "key_mode": "inline",
        "origin": ORIGIN["CODINGPLAN_ORIGIN"],
    }
    assert row["config_files"] == [{"role": "settings", "path": str(config), "exists": True}]
    assert next(t for t in listed if t["id"] == "cursor")["state"] == "guided"
    settings = json.loads(run(cli, "settings", "show", "--json").stdout)["settings"]
    assert settings["tools"]["opencode"] == {"model": "glm-5", "key_mode": "inline"}

    again = json.loads(run(cli, "configure", "opencode", "--yes", "--json").stdout)
    assert again["applied"] is False  # the same choice again: nothing to change

    reverted = json.loads(run(cli, "revert", "opencode", "--yes", "--json").stdout)
    assert reverted["result"]["removed"] == [str(config)]
    assert not config.exists()
    nothing = run(cli, "revert", "opencode")
    assert nothing.returncode == 0 and "nothing to revert" in nothing.stdout


def test_bad_tool_and_key_mode_are_usage_errors(cli, stored_key):
    for args, code in (
        (("configure", "cursor"), "guided_tool"),
        (("configure", "vim"), "unknown_tool"),
        (("configure", "cline", "--key-mode", "keyring", "--yes"), "key_mode_unsupported"),
        (("configure", "cline", "--model", "Qwen3-Coder-Plus", "--yes"), "unknown_model"),
    ):
        result = run(cli, *args, "--json")
        assert result.returncode == 2, (args, result.stderr)
        assert json.loads(result.stdout)["error"]["code"] == code


def test_a_new_key_goes_to_every_copy(cli, stored_key, home):
    for tool in ("qwen-code", "cline"):
        assert run(cli, "configure", tool, "--yes").returncode == 0
    piped = run(cli, "key", "set", "--json", input=NEW_KEY)
    assert piped.returncode == 0
    data = json.loads(piped.stdout)
    assert (data["tools_updated"], data["tools_to_update"]) == ([], ["qwen-code", "cline"])
    assert TEST_KEY in (home / ".qwen" / ".env").read_text()

    # Back to the first key: the copies already hold it, nothing to update.
    data = json.loads(run(cli, "key", "set", "--yes", "--json", input=TEST_KEY).stdout)
    assert (data["tools_updated"], data["tools_to_update"]) == ([], [])
    # A real change with --yes updates every copy at once.
    data = json.loads(run(cli, "key", "set", "--yes", "--json", input=NEW_KEY).stdout)
    assert data["tools_updated"] == ["qwen-code", "cline"]
    assert (home / ".qwen" / ".env").read_text() == f"BAILIAN_CODING_PLAN_API_KEY={NEW_KEY}\n"
    providers = home / ".cline" / "data" / "settings" / "providers.json"
    assert NEW_KEY in providers.read_text() and TEST_KEY not in providers.read_text()


def test_guide_masks_the_key(cli, stored_key):
    result = run(cli, "guide", "cursor", "--model", "kimi-k2.5")
    assert result.returncode == 0
    assert "kimi-k2-5" in result.stdout and "http://127.0.0.1:9/v1" in result.stdout
    data = json.loads(run(cli, "guide", "codex", "--json").stdout)
    assert data["tool"] == "codex" and "Responses API" in data["notes"][0]["message"]


def test_verify_a_tool_that_is_not_installed(cli, stored_key):
    run(cli, "configure", "opencode", "--yes")  # set up for the plan, but not installed
    result = run(cli, "verify", "opencode", "--json", env={"PATH": os.environ["PATH"]})
    if json.loads(result.stdout)["category"] != "not_installed":
        pytest.fail("opencode was found on the system PATH; this test needs it absent")
    assert result.returncode == 1


def test_configure_asks_on_a_terminal(stored_key, home):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(ORIGIN)
        os.execvp(codingplan_command()[0], [*codingplan_command(), "configure", "cline"])
    output = b""
    deadline = time.time() + 60
    while b"[y/N]" not in output and time.time() < deadline:
        if select.select([fd], [], [], 1)[0]:
            output += os.read(fd, 4096)
    os.write(fd, b"y\n")
    while time.time() < deadline:
        if not select.select([fd], [], [], 1)[0]:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, output
    text = output.decode()
    assert "Apply these changes to Cline?" in text and "Configured Cline." in text
    assert TEST_KEY not in text
    assert Path(home / ".cline" / "data" / "settings" / "providers.json").exists()


def test_verify_refuses_a_tool_not_set_up_for_the_plan(cli, stored_key, home, plan_server):
    """Before Apply, verify would run the tool on whatever account it has: refused, with
    why and what to do, and nothing is run or spent."""
    env = {"CODINGPLAN_ORIGIN": plan_server.origin}
    result = cli("verify", "qwen-code", "--json", env=env)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["error"]["code"] == "not_set_up"
    assert "Qwen Code is not set up for the plan yet" in data["error"]["message"]
    assert "codingplan configure qwen-code" in data["error"]["remedy"]
    assert len(result.stderr.splitlines()) == 1 and "uses about" not in result.stderr
    settings = home / ".claude" / "settings.json"
    settings.parent.mkdir()
    settings.write_text('{"env": {"ANTHROPIC_BASE_URL": "https://api.anthropic.com"}}')
    refused = cli("verify", "claude-code", env=env)
    assert refused.returncode == 1
    assert "another provider (https://api.anthropic.com)" in refused.stderr
    assert plan_server.model_requests() == []

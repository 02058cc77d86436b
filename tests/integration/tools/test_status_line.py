"""Claude Code's status line shows the plan's usage: offered by ``configure claude-code`` only
where the person has none, declinable, and taken out again by revert, byte for byte."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.secret_service
ORIGIN = {"CODINGPLAN_ORIGIN": "http://127.0.0.1:9"}


def run(cli, *args):
    result = cli(*args, env=ORIGIN)
    assert result.returncode == 0, result.stderr
    return result


def settings_file(home):
    return home / ".claude" / "settings.json"


def ours(value) -> bool:
    """This app's line: a command Claude Code runs, this app's ``usage --line``."""
    return value["type"] == "command" and value["command"].endswith("codingplan usage --line")


def state(cli):
    tools = json.loads(run(cli, "tools", "--json").stdout)["tools"]
    return next(t for t in tools if t["id"] == "claude-code")["state"]


def test_where_there_is_none_it_is_put_shown_and_reverted(cli, stored_key, home):
    original = b'{\n  "theme": "dark"\n}\n'
    settings_file(home).parent.mkdir()
    settings_file(home).write_bytes(original)
    preview = run(cli, "configure", "claude-code", "--dry-run").stdout
    assert '+  "statusLine": {' in preview and "usage --line" in preview
    run(cli, "configure", "claude-code", "--yes")
    assert ours(json.loads(settings_file(home).read_text())["statusLine"])
    assert state(cli) == "configured"
    run(cli, "revert", "claude-code", "--yes")
    assert settings_file(home).read_bytes() == original


def test_a_status_line_of_the_persons_own_is_left_alone(cli, stored_key, home):
    original = b'{"statusLine": {"type": "command", "command": "~/bin/my-line"}, "theme": "dark"}'
    settings_file(home).parent.mkdir()
    settings_file(home).write_bytes(original)
    preview = run(cli, "configure", "claude-code", "--dry-run").stdout
    assert "usage --line" not in preview
    run(cli, "configure", "claude-code", "--yes")
    written = json.loads(settings_file(home).read_text())
    assert written["statusLine"]["command"] == "~/bin/my-line"
    run(cli, "revert", "claude-code", "--yes")
    assert settings_file(home).read_bytes() == original


def test_declined_it_is_not_put_and_not_offered_again_unasked(cli, stored_key, home):
    run(cli, "configure", "claude-code", "--yes", "--no-status-line")
    assert "statusLine" not in json.loads(settings_file(home).read_text())
    run(cli, "configure", "claude-code", "--yes", "--model", "glm-5")  # a later change
    assert "statusLine" not in json.loads(settings_file(home).read_text())
    run(cli, "configure", "claude-code", "--yes", "--status-line")  # asked for after all
    assert ours(json.loads(settings_file(home).read_text())["statusLine"])


def test_replaced_by_the_persons_own_it_is_theirs(cli, stored_key, home):
    run(cli, "configure", "claude-code", "--yes")
    data = json.loads(settings_file(home).read_text())
    data["statusLine"] = {"type": "command", "command": "~/bin/my-line"}
    settings_file(home).write_text(json.dumps(data))
    assert state(cli) == "configured"  # the plan's setup is whole: not a change to it
    run(cli, "configure", "claude-code", "--yes", "--model", "glm-5")
    run(cli, "revert", "claude-code", "--yes")
    assert json.loads(settings_file(home).read_text()) == {
        "statusLine": {"type": "command", "command": "~/bin/my-line"}
    }

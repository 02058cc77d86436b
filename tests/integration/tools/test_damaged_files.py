"""A tool's file that this app cannot read safely (a key given twice, values nested a thousand
levels deep) gets one clear refusal in ``tools``, ``configure`` and ``revert``, never a
traceback, and the other tools are shown as usual."""

from __future__ import annotations

import json

import pytest

from tests.fakes.plan_server import TEST_KEY

pytestmark = pytest.mark.secret_service
ORIGIN = {"CODINGPLAN_ORIGIN": "http://127.0.0.1:9"}
DEEP = "[" * 1000 + "]" * 1000  # Node's JSON.parse takes it; no settings file needs it


def run(cli, *args):
    result = cli(*args, env=ORIGIN)
    assert "Traceback" not in result.stderr, result.stderr
    assert TEST_KEY not in result.stdout + result.stderr
    return result


def rows(cli) -> dict[str, dict]:
    result = run(cli, "tools", "--json")
    assert result.returncode == 0, result.stderr
    return {row["id"]: row for row in json.loads(result.stdout)["tools"]}


def test_a_key_given_twice_after_configure(cli, stored_key, home):
    assert run(cli, "configure", "claude-code", "--yes").returncode == 0
    settings = home / ".claude" / "settings.json"
    text = settings.read_text()
    # The person adds a second "env" object by hand.
    settings.write_text(text.replace("{", '{\n  "env": {"MY_VAR": "1"},', 1))
    before = settings.read_bytes()

    listed = rows(cli)
    claude = listed["claude-code"]
    assert claude["state"] == "unreadable"
    assert any("more than once" in note and str(settings) in note for note in claude["notes"])
    assert {listed[t]["state"] for t in ("qwen-code", "cline", "opencode")} <= {
        "not_installed",
        "not_configured",
    }

    again = run(cli, "configure", "claude-code", "--yes", "--json")
    assert again.returncode == 1
    error = json.loads(again.stdout)["error"]
    assert error["code"] == "edit_refused" and "more than once" in error["message"]
    reverted = run(cli, "revert", "claude-code", "--json")
    assert reverted.returncode == 1
    assert json.loads(reverted.stdout)["error"]["code"] in ("edit_refused", "config_ambiguous")
    assert settings.read_bytes() == before  # refused edits leave the file untouched


@pytest.mark.parametrize("tool, relative", [
    ("claude-code", ".claude/settings.json"),
    ("qwen-code", ".qwen/settings.json"),
    ("opencode", ".config/opencode/opencode.json"),
    ("cline", ".cline/data/settings/providers.json"),
])  # fmt: skip
def test_values_nested_too_deeply(cli, stored_key, home, tool, relative):
    path = home / relative
    path.parent.mkdir(parents=True)
    path.write_text('{"deep": ' + DEEP + "}\n")
    before = path.read_bytes()

    listed = rows(cli)
    assert listed[tool]["state"] == "unreadable"
    assert any("nested more than" in note for note in listed[tool]["notes"])
    others = [row for tid, row in listed.items() if tid != tool and row["automatic"]]
    assert all(row["state"] != "unreadable" for row in others)

    refused = run(cli, "configure", tool, "--yes", "--json")
    assert refused.returncode == 1
    error = json.loads(refused.stdout)["error"]
    assert error["code"] == "config_unparsable" and str(path) in error["message"]
    assert path.read_bytes() == before

"""Each real tool, configured by ``codingplan configure`` over a person's existing settings,
run headless against the fake plan, verified, then reverted byte for byte."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from codingplan import paths
from codingplan.jsonc import JsoncDocument
from tests.fakes.plan_server import CODING_AGENTS, TEST_KEY
from tests.integration.tools.conftest import assert_clean, assert_no_key

pytestmark = [pytest.mark.realtools, pytest.mark.secret_service]


def configure(cli, tools_env, tool, *extra):
    result = cli("configure", tool, "--yes", "--json", *extra, env=tools_env)
    assert result.returncode == 0, result.stderr
    assert_no_key(result.stdout, result.stderr)
    data = json.loads(result.stdout)
    assert data["applied"] is True
    return data


def verify(cli, tools_env, tool):
    result = cli("verify", tool, "--json", env=tools_env, timeout=240)
    assert_no_key(result.stdout, result.stderr)
    data = json.loads(result.stdout)
    assert (result.returncode, data["ok"], data["category"]) == (0, True, "ok"), data
    assert data["warnings"] == []
    # The tool logs its own requests; verify adds nothing to the app's test-request record.
    assert not paths.test_requests_file().exists()
    # Remembered: the app's tool card and `codingplan tools` say "verified" from now on.
    assert state(cli, tools_env, tool)["verified"]["ok"] is True
    return data


def revert(cli, tools_env, tool):
    result = cli("revert", tool, "--yes", "--json", env=tools_env)
    assert result.returncode == 0, result.stderr
    assert_no_key(result.stdout, result.stderr)
    return json.loads(result.stdout)


def state(cli, tools_env, tool):
    data = json.loads(cli("tools", "--json", env=tools_env).stdout)
    return next(t for t in data["tools"] if t["id"] == tool)


def write(path: Path, text: str, mode: int = 0o644) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    path.chmod(mode)
    return path.read_bytes()


def test_claude_code(cli, tools_env, run_tool, plan_server, stored_key, home):
    settings = home / ".claude" / "settings.json"
    original = write(
        settings,
        '{\n    "permissions": {"allow": ["Bash(ls)"]},\n'
        '    "env": {"MY_VAR": "1"},\n    "statusLine": {"type": "command", "command": "echo hi"}\n}',
    )
    state_file = home / ".claude.json"
    write(state_file, '{\n  "myOwnSetting": "keep me"\n}\n')

    data = configure(cli, tools_env, "claude-code", "--model", "qwen3-coder-plus")
    assert data["change_set"]["key_files"] == []  # keyring mode: no copy of the key in any file
    written = settings.read_text()
    assert TEST_KEY not in written and "codingplan" in json.loads(_plain(written))["apiKeyHelper"]
    assert state(cli, tools_env, "claude-code")["state"] == "configured"

    result = run_tool("claude", "-p", "Reply with the single word: pong")
    assert_clean(result)
    assert "pong" in result.stdout
    requests = plan_server.model_requests()
    assert requests and {r.path for r in requests} == {"/apps/anthropic/v1/messages"}
    # The key came from the keyring through apiKeyHelper: as Bearer and as X-Api-Key.
    assert {(r.key, r.headers.get("x-api-key"), r.model) for r in requests} == {
        (TEST_KEY, TEST_KEY, "qwen3-coder-plus")
    }
    verify(cli, tools_env, "claude-code")

    reverted = revert(cli, tools_env, "claude-code")
    assert settings.read_bytes() == original
    left = json.loads(state_file.read_text())
    assert left["myOwnSetting"] == "keep me" and "hasCompletedOnboarding" not in left
    assert len(left) > 1  # what Claude Code added to its own file stays
    assert any(n["code"] == "reverted_ours_only" for n in reverted["result"]["notes"])


def test_claude_code_inline_key(cli, tools_env, run_tool, plan_server, stored_key, home):
    data = configure(cli, tools_env, "claude-code", "--key-mode", "inline", "--model", "glm-5")
    settings = home / ".claude" / "settings.json"
    assert data["change_set"]["key_files"] == [str(settings)]
    assert stat.S_IMODE(os.stat(settings).st_mode) == 0o600
    assert TEST_KEY not in json.dumps(data)
    result = run_tool("claude", "-p", "Reply with the single word: pong")
    assert_clean(result)
    assert {(r.key, r.model) for r in plan_server.model_requests()} == {(TEST_KEY, "glm-5")}
    revert(cli, tools_env, "claude-code")
    assert not settings.exists()


def test_qwen_code(cli, tools_env, run_tool, plan_server, stored_key, home):
    settings = home / ".qwen" / "settings.json"
    original = write(
        settings,
        "{\n"
        "  // theme and my own provider\n"
        '  "ui": {"theme": "GitHub"},\n'
        '  "modelProviders": {\n'
        '    "openai": [\n'
        '      {"id": "my-model", "baseUrl": "https://example.invalid/v1", "envKey": "MY_KEY"}\n'
        "    ]\n"
        "  }\n"
        "}\n",
    )
    dotenv = home / ".qwen" / ".env"
    dotenv_original = write(dotenv, "# my variables\nOTHER=1\n", 0o640)

    data = configure(cli, tools_env, "qwen-code", "--model", "qwen3-coder-next")
    assert data["change_set"]["key_files"] == [str(dotenv)]
    assert any(n["code"] == "key_in_file" for n in data["change_set"]["notes"])
    assert stat.S_IMODE(os.stat(dotenv).st_mode) == 0o600
    assert TEST_KEY not in settings.read_text()
    providers = json.loads(_plain(settings.read_text()))["modelProviders"]["openai"]
    assert providers[0]["id"] == "qwen3-coder-next" and providers[-1]["id"] == "my-model"

    result = run_tool("qwen", "-p", "Reply with the single word: pong")
    assert_clean(result)
    assert "pong" in result.stdout
    requests = plan_server.model_requests()
    assert requests and {(r.path, r.key, r.model) for r in requests} == {
        ("/v1/chat/completions", TEST_KEY, "qwen3-coder-next")
    }
    verify(cli, tools_env, "qwen-code")
    after_run = settings.read_text()

    reverted = revert(cli, tools_env, "qwen-code")
    assert dotenv.read_bytes() == dotenv_original
    assert stat.S_IMODE(os.stat(dotenv).st_mode) == 0o640
    if after_run == settings.read_text():  # Qwen Code did not touch its file
        pytest.fail("expected Qwen Code to rewrite settings.json")
    left = settings.read_text()
    assert "// theme and my own provider" in left
    value = json.loads(_plain(left))
    expected = json.loads(_plain(original.decode()))
    # Only what Qwen Code itself added (its "$version") remains beyond the original.
    extra = {k: v for k, v in value.items() if k not in expected}
    assert set(extra) <= {"$version"}
    assert {k: v for k, v in value.items() if k in expected} == expected
    assert reverted["applied"] is True


def test_cline(cli, tools_env, run_tool, plan_server, stored_key, home):
    providers = home / ".cline" / "data" / "settings" / "providers.json"
    original = write(
        providers,
        json.dumps(
            {
                "version": 1,
                "lastUsedProvider": "anthropic",
                "modes": {},
                "providers": {
                    "anthropic": {
                        "settings": {
                            "provider": "anthropic",
                            "apiKey": "person-own-anthropic-key",
                            "model": "claude-sonnet-4-6",
                        },
                        "updatedAt": "2026-01-01T00:00:00.000Z",
                        "tokenSource": "manual",
                    }
                },
            },
            indent=2,
        ),
        0o600,
    )
    configure(cli, tools_env, "cline", "--model", "qwen3-coder-plus")
    value = json.loads(providers.read_text())
    assert value["lastUsedProvider"] == "openai-compatible"
    assert value["providers"]["anthropic"]["settings"]["apiKey"] == "person-own-anthropic-key"

    result = run_tool("cline", "--json", "Reply with the single word: pong")
    assert_clean(result)
    assert '"finishReason":"completed"' in result.stdout.replace(" ", "")
    requests = plan_server.model_requests()
    assert requests and {(r.path, r.key, r.model) for r in requests} == {
        ("/v1/chat/completions", TEST_KEY, "qwen3-coder-plus")
    }
    verify(cli, tools_env, "cline")
    assert state(cli, tools_env, "cline")["state"] == "configured"  # Cline's own updatedAt
    revert(cli, tools_env, "cline")
    # Cline rewrote the file (its own layout, a new updatedAt); revert took out only ours.
    assert json.loads(providers.read_text()) == json.loads(original)


def test_opencode(cli, tools_env, run_tool, plan_server, stored_key, home):
    config = home / ".config" / "opencode" / "opencode.jsonc"
    original = write(
        config,
        "{\n"
        "  // my OpenCode setup\n"
        '  "theme": "tokyonight",\n'
        '  "autoupdate": false, /* no surprises */\n'
        "}\n",
    )
    data = configure(cli, tools_env, "opencode", "--model", "qwen3-coder-plus")
    assert data["change_set"]["key_files"] == [str(config)]
    assert stat.S_IMODE(os.stat(config).st_mode) == 0o600

    result = run_tool("opencode", "run", "Reply with the single word: pong")
    assert_clean(result)
    assert "pong" in result.stdout
    requests = plan_server.model_requests()
    assert requests and {(r.path, r.key, r.model) for r in requests} == {
        ("/v1/chat/completions", TEST_KEY, "qwen3-coder-plus")
    }
    verify(cli, tools_env, "opencode")

    revert(cli, tools_env, "opencode")
    left = config.read_text()
    assert "// my OpenCode setup" in left and "/* no surprises */" in left
    value = json.loads(_plain(left))
    assert set(value) - {"$schema"} == {"theme", "autoupdate"}
    assert stat.S_IMODE(os.stat(config).st_mode) == 0o644
    if "$schema" not in value:
        assert config.read_bytes() == original


def test_kilo_cli_for_someone_who_used_it_before(
    cli, tools_env, run_tool, plan_server, stored_key, home
):
    """Kilo has run here before: its config has its "$schema" and its one-time migration is
    done. Configure, run, verify, revert: the file comes back byte for byte."""
    folder = home / ".config" / "kilo"
    config = folder / "kilo.jsonc"
    original = write(
        config,
        "{\n"
        '  "$schema": "https://app.kilo.ai/config.json",\n'
        "  // my Kilo setup\n"
        '  "theme": "kilo",\n'
        '  "permission": {"bash": "allow"}\n'
        "}\n",
    )
    write(folder / ".bash-permission-migrated", "")
    data = configure(cli, tools_env, "kilo-cli", "--model", "glm-5")
    assert data["change_set"]["key_files"] == [str(config)]
    assert stat.S_IMODE(os.stat(config).st_mode) == 0o600
    assert state(cli, tools_env, "kilo-cli")["state"] == "configured"

    result = run_tool("kilo", "run", "Reply with the single word: pong")
    assert_clean(result)
    assert result.stdout.strip() == "pong"
    requests = plan_server.model_requests()
    assert requests and {(r.path, r.key, r.model) for r in requests} == {
        ("/v1/chat/completions", TEST_KEY, "glm-5")
    }
    assert all(r.headers["user-agent"].startswith("Kilo-Code/") for r in requests)
    verify(cli, tools_env, "kilo-cli")
    revert(cli, tools_env, "kilo-cli")
    assert config.read_bytes() == original
    assert stat.S_IMODE(os.stat(config).st_mode) == 0o644


def test_kilo_cli_on_a_first_run(cli, tools_env, run_tool, plan_server, stored_key, home):
    """No Kilo config yet: this app creates kilo.json, Kilo adds its own keys when it runs;
    revert takes out only what this app set."""
    configure(cli, tools_env, "kilo-cli")
    config = home / ".config" / "kilo" / "kilo.json"
    assert json.loads(config.read_text())["model"] == "codingplan/qwen3-coder-plus"
    assert_clean(run_tool("kilo", "run", "Reply with the single word: pong"))
    assert "$schema" in json.loads(config.read_text())  # Kilo's own rewrite
    revert(cli, tools_env, "kilo-cli")
    left = json.loads(config.read_text()) if config.exists() else {}
    assert not {"provider", "model", "small_model"} & set(left)
    assert set(left) <= {"$schema", "permission"}
    assert state(cli, tools_env, "kilo-cli")["state"] == "not_configured"


def test_continue(cli, tools_env, run_tool, plan_server, stored_key, home):
    """Continue's config.yaml is shared with its editor extensions: the person's own model and
    comments stay, the plan's model goes first, the key only into ~/.continue/.env.

    Continue sends the OpenAI library's User-Agent (``ls/JS …``): this is the case where the
    plan's gate lets it through (see test_agent_identity for the other)."""
    plan_server.agents = (*CODING_AGENTS, "ls/JS ")
    folder = home / ".continue"
    config = folder / "config.yaml"
    original = write(
        config,
        "# my Continue setup\n"
        "name: My setup\n"
        "version: 0.0.1\n"
        "schema: v1\n"
        "models:\n"
        "  - name: Local Llama   # runs on my laptop\n"
        "    provider: ollama\n"
        "    model: 'llama3.1:8b'\n"
        "    roles:\n"
        "      - chat\n",
    )
    data = configure(cli, tools_env, "continue", "--model", "qwen3-coder-plus")
    secrets = folder / ".env"
    assert data["change_set"]["key_files"] == [str(secrets)]
    assert stat.S_IMODE(os.stat(secrets).st_mode) == 0o600
    written = config.read_text()
    assert TEST_KEY not in written and "${{ secrets.CODING_PLAN_API_KEY }}" in written
    assert written.index("Qwen3 Coder Plus") < written.index("Local Llama")
    assert "# runs on my laptop" in written and "'llama3.1:8b'" in written
    assert state(cli, tools_env, "continue")["state"] == "configured"

    result = run_tool("cn", "-p", "Reply with the single word: pong")
    assert_clean(result)
    assert result.stdout.strip() == "pong"
    requests = plan_server.model_requests()
    assert requests and {(r.path, r.key, r.model) for r in requests} == {
        ("/v1/chat/completions", TEST_KEY, "qwen3-coder-plus")
    }
    verify(cli, tools_env, "continue")
    revert(cli, tools_env, "continue")
    assert config.read_bytes() == original
    assert not secrets.exists()


def _plain(text: str):
    """JSON text of a JSONC document, for json.loads."""
    return json.dumps(JsoncDocument(text).value())

"""The plan's coding-agent gate, against the real tools: every tool this app configures gets
through the stand-in's gate, the connection test goes out with the same User-Agent family as
the tool whose protocol it uses, and a tool the gate refuses is diagnosed plainly."""

from __future__ import annotations

import json
import re

import pytest

from tests.fakes.plan_server import CODING_AGENTS

pytestmark = [pytest.mark.realtools, pytest.mark.secret_service]

# A User-Agent's family: its product name and version scheme, the version itself aside.
FAMILY = re.compile(r"\d+\.\d+\.\d+")


def family(agent: str) -> str:
    return FAMILY.sub("<version>", agent)


def test_the_test_request_looks_like_the_tools_that_speak_its_protocol(
    cli, tools_env, run_tool, plan_server, stored_key
):
    for tool in ("claude-code", "qwen-code"):
        assert cli("configure", tool, "--yes", env=tools_env).returncode == 0
    assert run_tool("claude", "-p", "Reply with the single word: pong").returncode == 0
    assert run_tool("qwen", "-p", "Reply with the single word: pong").returncode == 0
    by_path = {r.path: r.headers for r in plan_server.model_requests()}
    claude = by_path["/apps/anthropic/v1/messages"]
    qwen = by_path["/v1/chat/completions"]
    plan_server.reset()

    result = cli("test", "--json", env=tools_env)
    assert result.returncode == 0, result.stderr
    openai, anthropic = plan_server.model_requests()
    # Claude Code run headless says "sdk-cli" where it says "cli" interactively.
    assert family(anthropic.headers["user-agent"]) == family(claude["user-agent"]).replace(
        "sdk-cli", "cli"
    )
    assert anthropic.headers["x-app"] == claude["x-app"] == "cli"
    assert openai.headers["user-agent"] == qwen["user-agent"]  # same version: the installed one
    identities = [r["identity"] for r in json.loads(result.stdout)["results"]]
    assert identities[0].startswith("Qwen Code ") and identities[1].startswith("Claude Code ")


def test_continue_through_a_gate_that_refuses_its_user_agent(
    cli, tools_env, run_tool, plan_server, stored_key
):
    """Continue sends the OpenAI library's User-Agent, not its own name. Whether the real
    gate accepts it is not known; if it does not, verify says what happened."""
    assert plan_server.agents == CODING_AGENTS
    assert cli("configure", "continue", "--yes", env=tools_env).returncode == 0
    result = cli("verify", "continue", "--json", env=tools_env, timeout=240)
    data = json.loads(result.stdout)
    assert (result.returncode, data["ok"], data["category"]) == (1, False, "agent_only"), data
    assert "only coding tools" in data["message"]
    assert all(r.status == 405 for r in plan_server.model_requests())

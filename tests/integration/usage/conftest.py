"""The real coding tools, configured by hand-written files in the test's HOME to use the
fake plan server (the minimal configurations measured to work; see the tools' notes).

The server here can answer chosen requests with tool calls (``plan_server.rules``), to
drive the paths only a model's tool call opens."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from tests.conftest import realtool
from tests.fakes.plan_server import CODING_AGENTS, TEST_KEY
from tests.fakes.scripted_plan_server import ScriptedPlanServer

MODEL = "qwen3-coder-plus"


def _write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2))


def configure_tools(home: Path, origin: str) -> None:
    _write(
        home / ".claude/settings.json",
        {
            "env": {
                "ANTHROPIC_BASE_URL": f"{origin}/apps/anthropic",
                "ANTHROPIC_AUTH_TOKEN": TEST_KEY,
                "ANTHROPIC_MODEL": MODEL,
                "ANTHROPIC_DEFAULT_HAIKU_MODEL": MODEL,
                "ANTHROPIC_DEFAULT_SONNET_MODEL": MODEL,
                "ANTHROPIC_DEFAULT_OPUS_MODEL": MODEL,
                "CLAUDE_CODE_SUBAGENT_MODEL": MODEL,
                "CLAUDE_CODE_MAX_CONTEXT_TOKENS": "131072",
            }
        },
    )
    _write(home / ".claude.json", {"hasCompletedOnboarding": True})
    _write(
        home / ".qwen/.env",
        f"OPENAI_API_KEY={TEST_KEY}\nOPENAI_BASE_URL={origin}/v1\nOPENAI_MODEL={MODEL}\n",
    )
    _write(home / ".qwen/settings.json", {"security": {"auth": {"selectedType": "openai"}}})
    provider = {
        "npm": "@ai-sdk/openai-compatible",
        "name": "Coding Plan",
        "options": {"baseURL": f"{origin}/v1", "apiKey": TEST_KEY},
        "models": {MODEL: {"name": MODEL}},
    }
    opencode_config = {
        "provider": {"codingplan": provider},
        "model": f"codingplan/{MODEL}",
        "small_model": f"codingplan/{MODEL}",
    }
    _write(home / ".config/opencode/opencode.json", opencode_config)
    _write(home / ".config/kilo/kilo.json", opencode_config)
    _write(
        home / ".continue/config.yaml",
        "name: Test\nversion: 1.0.0\nmodels:\n"
        f"  - name: plan\n    provider: openai\n    model: {MODEL}\n"
        f"    apiBase: {origin}/v1\n    apiKey: {TEST_KEY}\n",
    )


@pytest.fixture
def plan_server() -> Iterator[ScriptedPlanServer]:
    with ScriptedPlanServer() as server:
        yield server


@pytest.fixture
def run_tool(home: Path, realtool_env: dict[str, str], plan_server: ScriptedPlanServer) -> Callable:
    """Runs one real tool headless in a work folder inside HOME; returns its result."""
    work = home / "work"
    work.mkdir(exist_ok=True)
    env = {**realtool_env, "PWD": str(work)}
    configure_tools(home, plan_server.origin)
    # Continue's User-Agent (the OpenAI library's) through the gate: the case where the real
    # plan accepts it, so its requests can be counted here.
    plan_server.agents = (*CODING_AGENTS, "ls/JS ")
    commands = {
        "claude": ["claude", "-p", "say pong"],
        "qwen": ["qwen", "-p", "say pong"],
        "cline": ["cline", "--json", "say pong"],
        "opencode": ["opencode", "run", "say pong"],
        "kilo": ["kilo", "run", "say pong"],
        "cn": ["cn", "-p", "say pong"],
    }
    auth = [
        str(realtool("cline")),
        "auth",
        "-p",
        "openai-compatible",
        "-k",
        TEST_KEY,
        "-m",
        MODEL,
        "-b",
        f"{plan_server.origin}/v1",
    ]
    subprocess.run(
        auth,
        cwd=work,
        env=env,
        capture_output=True,
        check=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )

    def argv(name: str, args: Sequence[str] | None) -> list[str]:
        tool, *default = commands[name]
        return [str(realtool(tool)), *(default if args is None else args)]

    def run(name: str, args: Sequence[str] | None = None) -> subprocess.CompletedProcess[str]:
        """Run the tool (with ``args`` instead of its usual ones, if given) to its end."""
        return subprocess.run(
            argv(name, args),
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
            stdin=subprocess.DEVNULL,
        )

    def cancel(name: str, args: Sequence[str] | None = None, after: int = 1) -> int:
        """Start the tool, and stop it with Ctrl+C once its ``after``-th request reached
        the server (which takes its time to answer); returns its exit status."""
        process = subprocess.Popen(
            argv(name, args),
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # the tool and its wrappers get the signal together
        )
        deadline = time.monotonic() + 120
        while len(plan_server.model_requests()) < after:
            assert time.monotonic() < deadline and process.poll() is None, "no request came"
            time.sleep(0.1)
        time.sleep(1.0)
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            try:
                return process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                continue
        return process.wait()

    run.cancel = cancel  # type: ignore[attr-defined]
    assert os.environ["HOME"] == str(home)
    return run

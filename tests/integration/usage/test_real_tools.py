"""The ledger counts exactly what the real tools sent: the fake server is the judge."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from codingplan.quota import usage_sources
from codingplan.usage import Tracker
from codingplan.usage.traffic import PlanTraffic
from tests.fakes.scripted_plan_server import Rule, ToolCall, system_text, tool_names

TOOLS = ("claude", "qwen", "cline", "opencode", "kilo", "cn")
SOURCE_OF = {
    "claude": "claude-code",
    "qwen": "qwen-code",
    "cline": "cline",
    "opencode": "opencode",
    "kilo": "kilo-cli",
    "cn": "continue",
}


@pytest.mark.realtools
def test_ledger_count_equals_requests_the_server_received(
    home, cli, plan_server, stored_key, run_tool, tmp_path
):
    tracker = Tracker(
        tmp_path / "check.sqlite3",
        PlanTraffic.with_origins(plan_server.origin),
        sources=usage_sources,
    )
    for round_ in range(2):
        # Two tools at a time: the machine has two cores.
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = dict(zip(TOOLS, pool.map(run_tool, TOOLS), strict=True))
        for name, result in results.items():
            assert result.returncode == 0, f"{name}: {result.stderr[-2000:]}"
            assert "pong" in result.stdout, name
        tracker.refresh()  # incremental: the second round reads only what was added
        by_source = tracker.ledger.count_by_source(0, 2**62)
        sent = len(plan_server.model_requests())
        assert sum(by_source.values()) == sent, (round_, by_source, sent)
        assert set(by_source) == set(SOURCE_OF.values())
    tracker.close()

    # The app's own test requests count too, and the CLI reports the same total.
    result = cli("test", "--json", "--origin", plan_server.origin)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["requests_used"] == 2
    usage = cli("usage", "--json", "--origin", plan_server.origin)
    assert usage.returncode == 0, usage.stderr
    data = json.loads(usage.stdout)
    sent = len(plan_server.model_requests())
    assert data["windows"]["5h"]["used"] == sent
    assert data["windows"]["month"]["used"] == sent
    assert data["windows"]["5h"]["sources"]["app"] == 2
    assert sum(data["windows"]["5h"]["sources"].values()) == sent


def _ledger(tmp_path, plan_server) -> tuple[dict[str, int], list[str]]:
    """What the tracker counts per source, and the outcome of every request it stored."""
    with Tracker(
        tmp_path / "check.sqlite3",
        PlanTraffic.with_origins(plan_server.origin),
        sources=usage_sources,
    ) as tracker:
        tracker.refresh()
        outcomes = [o for (o,) in tracker.ledger.db.execute("SELECT outcome FROM requests")]
        return tracker.ledger.count_by_source(0, 2**62), outcomes


def _counted(tmp_path, plan_server) -> dict[str, int]:
    return _ledger(tmp_path, plan_server)[0]


def _charged(plan_server) -> int:
    """What the plan counts: requests it served, or started to serve (cut off), but not the
    ones it refused (a 429 used no quota)."""
    return sum(r.status in (200, None) for r in plan_server.model_requests())


def _cut_title_calls(plan_server) -> int:
    """OpenCode's (and Kilo's) call for a session title, cut off: it leaves no record."""
    return sum(
        r.status is None and "title generator" in json.dumps(r.body)
        for r in plan_server.model_requests()
    )


@pytest.mark.realtools
@pytest.mark.parametrize("tool", TOOLS)
def test_a_refused_request_the_tool_retried(
    tool, home, plan_server, stored_key, run_tool, tmp_path
):
    plan_server.next_scenarios = ["rate_limited"]
    result = run_tool(tool)
    assert result.returncode == 0 and "pong" in result.stdout, result.stderr[-2000:]
    statuses = [r.status for r in plan_server.model_requests()]
    assert statuses.count(429) == 1 and 200 in statuses, statuses
    assert _counted(tmp_path, plan_server).get(SOURCE_OF[tool], 0) == _charged(plan_server)


@pytest.mark.realtools
@pytest.mark.parametrize("tool", TOOLS)
def test_a_run_stopped_mid_request(tool, home, plan_server, stored_key, run_tool, tmp_path):
    plan_server.scenario = "slow"
    # Answers held long past the stop, so that even on a loaded machine, where a tool's
    # second call can leave seconds after its first, no call is answered before it.
    plan_server.delay = 60.0
    # OpenCode asks for the session's title beside the answer, in either order: it is stopped
    # once both went out (its message is written just before the answer's request leaves:
    # stopped in between, a call would be counted that the plan never saw).
    run_tool.cancel(tool, after=2 if tool == "opencode" else 1)
    received = plan_server.model_requests()
    assert received and all(r.status is None for r in received), received
    counted, outcomes = _ledger(tmp_path, plan_server)
    # What no record of the tool holds (measured): Continue records nothing of a call it did
    # not finish, nor does Qwen Code (its only call was cut, so it did not even write its
    # usage_record line); OpenCode and Kilo nothing of a title call cut off.
    missing = {"cn": 1, "qwen": 1}.get(tool, 0) + _cut_title_calls(plan_server)
    assert counted.get(SOURCE_OF[tool], 0) == _charged(plan_server) - missing
    if tool in ("claude", "cline", "opencode", "kilo"):
        assert set(outcomes) == {"error"}  # it reached the plan and got no answer


@pytest.mark.realtools
def test_qwen_codes_security_classifier_call(home, plan_server, stored_key, run_tool, tmp_path):
    """Auto mode asks a model whether a tool call is safe: a call no log of Qwen Code's
    holds but its usage_record.jsonl (measured: 3 POSTs, usage log 2)."""
    shell = {"command": "touch hello.txt", "description": "create a file"}
    main = {"system": "You are Qwen Code", "last_role": "user", "times": 1}
    plan_server.rules = [
        # The shell tool is offered directly, or through the bridge for deferred tools.
        Rule(ToolCall("run_shell_command", shell), offers="run_shell_command", **main),
        Rule(
            ToolCall("tool_call", {"name": "run_shell_command", "arguments": shell}),
            offers="tool_call",
            **main,
        ),
        Rule(ToolCall("respond_in_schema", {"shouldBlock": False}), offers="respond_in_schema"),
    ]
    prompt = "run the shell command touch hello.txt and tell me the output"
    # Text input in -p mode denies writing tools outright; stream-json input asks.
    args = ["-p", prompt, "--approval-mode", "auto", "--input-format", "stream-json"]
    result = run_tool("qwen", [*args, "--output-format", "stream-json"])
    assert result.returncode == 0, result.stderr[-2000:]
    received = plan_server.model_requests()
    assert any("respond_in_schema" in tool_names(r.body) for r in received)  # the classifier
    assert (home / "work/hello.txt").exists()  # allowed, and run
    assert _counted(tmp_path, plan_server).get("qwen-code", 0) == _charged(plan_server)


def _sub_agent_rules() -> list[Rule]:
    """The lead spawns a sub-agent, which runs a command, then waits long for its answer."""
    task = {"systemPrompt": "SUBMARKER: you are a helper sub-agent.", "task": "run echo hi"}
    return [
        Rule(ToolCall("spawn_agent", task), lacks="SUBMARKER", times=1),
        Rule(ToolCall("run_commands", {"commands": ["echo hi"]}), system="SUBMARKER", times=1),
        Rule(hold=30, system="SUBMARKER"),
    ]


@pytest.mark.realtools
def test_cline_stopped_while_a_sub_agent_calls(home, plan_server, stored_key, run_tool, tmp_path):
    """Cline writes a sub-agent's file only when it ends; Ctrl+C during the sub-agent's
    second call: its first is counted from the log, the cut one from its aborted loop."""
    plan_server.rules = _sub_agent_rules()
    run_tool.cancel("cline", ["--json", "use a sub-agent to run echo hi"], after=3)
    received = plan_server.model_requests()
    assert [system_text(r.body).startswith("SUBMARKER") for r in received] == [False, True, True]
    assert [r.status for r in received] == [200, 200, None]
    assert _counted(tmp_path, plan_server).get("cline", 0) == _charged(plan_server) == 3


@pytest.mark.realtools
def test_cline_run_through_its_hub_stopped_during_a_sub_agents_call(
    home, plan_server, stored_key, run_tool, tmp_path
):
    """Cline's first run leaves a hub daemon that runs the later ones, which write nothing
    to cline.log: the hub's event store has their calls, the sub-agent's too."""
    first = run_tool("cline")
    assert first.returncode == 0 and "pong" in first.stdout, first.stderr[-2000:]
    store = home / ".cline/data/db"
    deadline = time.monotonic() + 20
    while not list(store.glob("hub-events*.db")) and time.monotonic() < deadline:
        time.sleep(0.2)  # the daemon is up once it has opened its store
    plan_server.rules = _sub_agent_rules()
    run_tool.cancel("cline", ["--json", "use a sub-agent to run echo hi"], after=4)
    assert [r.status for r in plan_server.model_requests()] == [200, 200, 200, None]
    log = (home / ".cline/data/logs/cline.log").read_text()
    assert log.count('"task.provider_request_started"') == 1  # the 2nd run was the hub's
    assert _counted(tmp_path, plan_server).get("cline", 0) == _charged(plan_server) == 4

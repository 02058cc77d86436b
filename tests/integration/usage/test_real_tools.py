"""The ledger counts exactly what the real tools sent: the fake server is the judge."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from codingplan.actions import usage_sources
from codingplan.usage import Tracker
from codingplan.usage.traffic import PlanTraffic

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


def _counted(tmp_path, plan_server) -> dict[str, int]:
    with Tracker(
        tmp_path / "check.sqlite3",
        PlanTraffic.with_origins(plan_server.origin),
        sources=usage_sources,
    ) as tracker:
        tracker.refresh()
        return tracker.ledger.count_by_source(0, 2**62)


def _charged(plan_server) -> int:
    """What the plan counts: requests it served, or started to serve (cut off), but not the
    ones it refused (a 429 used no quota)."""
    return sum(r.status in (200, None) for r in plan_server.model_requests())


@pytest.mark.realtools
@pytest.mark.parametrize("tool", ["kilo", "cn"])
def test_a_refused_request_the_tool_retried(
    tool, home, plan_server, stored_key, run_tool, tmp_path
):
    plan_server.next_scenarios = ["rate_limited"]
    result = run_tool(tool)
    assert result.returncode == 0 and "pong" in result.stdout, result.stderr[-2000:]
    assert [r.status for r in plan_server.model_requests()][:2] == [429, 200]
    assert _counted(tmp_path, plan_server).get(SOURCE_OF[tool], 0) == _charged(plan_server)


@pytest.mark.realtools
@pytest.mark.parametrize("tool", ["kilo", "cn"])
def test_a_run_stopped_mid_request(tool, home, plan_server, stored_key, run_tool, tmp_path):
    plan_server.scenario = "slow"
    run_tool.cancel(tool)
    assert [r.status for r in plan_server.model_requests()] == [None]
    counted = _counted(tmp_path, plan_server).get(SOURCE_OF[tool], 0)
    if tool == "cn":
        # Continue records nothing of a call it did not finish: the one measured shortfall.
        assert counted == _charged(plan_server) - 1
    else:
        assert counted == _charged(plan_server)

"""The real plan serves only coding agents: the connection test goes out as one, a refusal by
the gate is its own diagnosis, only a real completion counts as success, and ``--timeout``
ends the whole test whatever the server does."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

from codingplan import paths
from tests.fakes.plan_server import CODING_AGENTS, PlanServer

CLAUDE_FAMILY = re.compile(r"^claude-cli/\d+\.\d+\.\d+ \(external, [a-z-]+\)$")
QWEN_FAMILY = re.compile(r"^QwenCode/\d+\.\d+\.\d+ \((linux|darwin|win32); (x64|arm64|ia32)\)$")


def run_test(cli, origin, *extra, env=None):
    result = cli("test", "--json", "--origin", origin, *extra, env=env)
    assert "Traceback" not in result.stderr
    return result, json.loads(result.stdout)


def test_the_test_goes_out_as_the_coding_tool_of_each_protocol(cli, plan_server, stored_key):
    assert plan_server.agents == CODING_AGENTS  # the stand-in has the plan's gate on
    result, data = run_test(cli, plan_server.origin)
    assert result.returncode == 0, result.stderr
    openai, anthropic = plan_server.model_requests()
    assert QWEN_FAMILY.match(openai.headers["user-agent"])
    assert CLAUDE_FAMILY.match(anthropic.headers["user-agent"])
    assert anthropic.headers["x-app"] == "cli"
    # Neither tool is installed in this HOME's PATH: the pinned versions are used.
    identities = [r["identity"] for r in data["results"]]
    assert identities == ["Qwen Code 0.24.4", "Claude Code 2.1.332"]
    records = [json.loads(line) for line in paths.test_requests_file().read_text().splitlines()]
    assert [r["identity"] for r in records] == [
        openai.headers["user-agent"],
        anthropic.headers["user-agent"],
    ]
    text = cli("test", "--origin", plan_server.origin).stdout
    assert "sent as Claude Code 2.1.332" in text


def test_a_client_the_gate_refuses_is_told_plainly(plan_server):
    """What other clients met: 405 and the gate's own words."""
    import httpx

    answer = httpx.post(
        f"{plan_server.origin}/v1/chat/completions",
        headers={"User-Agent": "codingplan/0.1.0", "Authorization": "Bearer x"},
        json={"model": "qwen3-coder-plus", "messages": []},
    )
    assert answer.status_code == 405
    assert answer.json() == {"error": "Coding Plan is currently only available for Coding Agents"}


def test_the_gates_refusal_is_its_own_diagnosis(cli, plan_server, stored_key):
    plan_server.agents = ("nobody/",)  # a gate that refuses even the tools' names
    result, data = run_test(cli, plan_server.origin)
    assert result.returncode == 1
    assert [r["category"] for r in data["results"]] == ["agent_only", "agent_only"]
    assert "only coding tools" in data["results"][0]["message"]
    assert "verify" in data["results"][0]["remedy"]


@pytest.mark.parametrize("scenario", ["unrelated_json", "html_no_type", "junk_stream"])
def test_a_200_that_is_no_completion_is_not_success(cli, plan_server, stored_key, scenario):
    plan_server.scenario = scenario
    started = time.monotonic()
    result, data = run_test(cli, plan_server.origin, "--protocol", "openai")
    assert result.returncode == 1
    assert time.monotonic() - started < 30
    (only,) = data["results"]
    assert (only["ok"], only["category"], only["status"]) == (False, "unexpected", 200)
    assert "not with the plan's answer" in only["message"]


@pytest.mark.parametrize("scenario", ["empty_completion", "empty_stream"])
@pytest.mark.parametrize("protocol", ["openai", "anthropic"])
def test_a_completion_with_nothing_in_it_is_not_success(
    cli, plan_server, stored_key, scenario, protocol
):
    """``{"choices": []}``, or a message whose content is empty: no model answered."""
    plan_server.scenario = scenario
    result, data = run_test(cli, plan_server.origin, "--protocol", protocol)
    assert result.returncode == 1
    (only,) = data["results"]
    assert (only["ok"], only["category"], only["status"]) == (False, "unexpected", 200)


@pytest.fixture
def trickle_proxy() -> Iterator[str]:
    """A proxy that accepts, then sends one byte every 2 s and never finishes."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    def drip(conn: socket.socket) -> None:
        with conn:
            for byte in b"HTTP/1.1 200 Connection established\r\nX: " + b"y" * 1000:
                if stop.wait(2):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    listener.close()


def test_timeout_ends_a_test_against_a_trickling_server(cli, plan_server, stored_key):
    plan_server.scenario = "trickle"
    started = time.monotonic()
    result, data = run_test(cli, plan_server.origin, "--timeout", "5")
    elapsed = time.monotonic() - started
    assert elapsed < 15, elapsed
    assert result.returncode == 1
    assert {r["category"] for r in data["results"]} == {"timeout"}
    assert data["requests_used"] == 1  # the first was sent; the second had no time left


def test_timeout_ends_a_free_check_through_a_trickling_proxy(cli, stored_key, trickle_proxy):
    started = time.monotonic()
    env = {"HTTPS_PROXY": trickle_proxy, "HTTP_PROXY": trickle_proxy, "NO_PROXY": ""}
    result, data = run_test(cli, "https://coding-intl.dashscope.aliyuncs.com", "--free",
                            "--timeout", "5", env=env)  # fmt: skip
    assert time.monotonic() - started < 15
    assert result.returncode == 1
    assert data["reachability"]["category"] == "timeout"


def test_a_proxy_answering_for_the_plan_still_meets_the_deadline(cli, stored_key, trickle_proxy):
    env = {"HTTPS_PROXY": trickle_proxy, "HTTP_PROXY": trickle_proxy, "NO_PROXY": ""}
    started = time.monotonic()
    result, data = run_test(cli, "http://127.0.0.1:9", "--timeout", "4", env=env)
    assert time.monotonic() - started < 15
    assert result.returncode == 1
    assert data["reachability"]["category"] in ("timeout", "proxy")


def test_the_deadline_object_shuts_what_it_watches():
    from codingplan.probe import Deadline

    left, right = socket.socketpair()
    with Deadline(0.5) as deadline:
        deadline.watch(left)
        left.settimeout(10)
        started = time.monotonic()
        assert left.recv(10) == b""  # shut down at the deadline, not after 10 s
        assert time.monotonic() - started < 3
    assert deadline.expired
    with pytest.raises(TimeoutError):
        deadline.left(5)
    left.close()
    right.close()


def test_plan_server_can_switch_the_gate_off():
    with PlanServer() as server:
        server.agents = None
        import httpx

        answer = httpx.post(
            f"{server.origin}/v1/chat/completions",
            headers={"User-Agent": "curl/8"},
            json={"model": "qwen3-coder-plus", "messages": [], "stream": False},
        )
        assert answer.status_code == 401  # past the gate: the key is checked next


def test_a_quota_answer_that_says_when_it_resets_is_believed(cli, plan_server, stored_key):
    assert cli("settings", "set", "tier", "pro").returncode == 0
    plan_server.scenario = "quota_5h"
    plan_server.retry_after = "5400"  # an hour and a half
    started = time.time()
    _result, data = run_test(cli, plan_server.origin, "--protocol", "openai")
    assert data["results"][0]["category"] == "quota_5h"
    record = json.loads(paths.test_requests_file().read_text().splitlines()[0])
    assert record["reset_at"]
    usage = json.loads(cli("usage", "--json", "--origin", plan_server.origin).stdout)
    five = usage["windows"]["5h"]
    assert five["resume_from_plan"] is True and five["remaining"] == 0
    resume = datetime.fromisoformat(five["resume_at"]).timestamp()
    assert abs(resume - (started + 5400)) < 60
    assert any("plan's answer said" in n for n in five["notes"])


def test_words_in_the_answer_say_when_the_week_resets(cli, plan_server, stored_key):
    plan_server.scenario = "quota_week"
    beijing = timezone(timedelta(hours=8))
    reset = (datetime.now(beijing) + timedelta(days=3)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    plan_server.reset_words = f" The quota will reset at {reset:%Y-%m-%d %H:%M:%S}"
    run_test(cli, plan_server.origin, "--protocol", "anthropic")
    week = json.loads(cli("usage", "--json", "--origin", plan_server.origin).stdout)["windows"][
        "week"
    ]
    assert week["resets_from_plan"] is True
    assert datetime.fromisoformat(week["resets_at"]) == reset


def test_reset_hints_are_read_in_every_shape():
    from codingplan.outcomes import reset_hint

    now = int(datetime(2026, 12, 1, tzinfo=UTC).timestamp() * 1000)
    assert reset_hint("", {"Retry-After": "120"}, now) == now + 120_000
    assert reset_hint("", {"retry-after": "Thu, 03 Dec 2026 07:28:00 GMT"}, now) == int(
        datetime(2026, 12, 3, 7, 28, tzinfo=UTC).timestamp() * 1000
    )
    beijing = datetime(2026, 12, 7, tzinfo=timezone(timedelta(hours=8)))
    assert reset_hint("quota will reset at 2026-12-07 00:00:00", None, now) == int(
        beijing.timestamp() * 1000
    )
    assert reset_hint("resets at 2026-12-07T00:00:00Z", {}, now) == int(
        datetime(2026, 12, 7, tzinfo=UTC).timestamp() * 1000
    )
    assert reset_hint("hour allocated quota exceeded", {"Retry-After": "soon"}, now) is None
    # Already past, or further off than any window: not a reset time.
    assert reset_hint("quota will reset at 2026-11-30 00:00:00", None, now) is None
    assert reset_hint("quota will reset at 2030-01-07 00:00:00", None, now) is None
    assert reset_hint("", {"Retry-After": "99999999999999999999"}, now) is None

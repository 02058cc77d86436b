"""Every diagnosis category, end to end: the CLI, real HTTP, the fake plan on 127.0.0.1."""

import json
import socket
import subprocess
import threading
from pathlib import Path

import keyring
import pytest

from codingplan import paths
from tests.conftest import codingplan_command
from tests.fakes.certs import make_pki
from tests.fakes.plan_server import TEST_KEY, PlanServer


def run_test(cli, origin, *extra, env=None):
    result = cli("test", "--json", "--origin", origin, *extra, env=env)
    data = json.loads(result.stdout)
    return result, data


def recorded_requests() -> list[dict]:
    path = paths.test_requests_file()
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_ok_on_both_protocols(cli, plan_server, stored_key):
    result, data = run_test(cli, plan_server.origin)
    assert result.returncode == 0, result.stderr
    assert data["ok"] is True
    assert [(r["protocol"], r["ok"], r["category"], r["status"]) for r in data["results"]] == [
        ("openai", True, "ok", 200),
        ("anthropic", True, "ok", 200),
    ]
    for r in data["results"]:
        assert set(r) >= {"protocol", "ok", "category", "status", "message", "remedy"}
    seen = plan_server.model_requests()
    assert [(r.path, r.key, r.model) for r in seen] == [
        ("/v1/chat/completions", TEST_KEY, "qwen3-coder-plus"),
        ("/apps/anthropic/v1/messages", TEST_KEY, "qwen3-coder-plus"),
    ]
    assert all(r.body["max_tokens"] == 1 for r in seen)
    assert seen[1].headers["anthropic-version"] == "2023-06-01"
    # Each request sent is recorded for the quota tracker.
    assert data["requests_used"] == 2
    assert [(e["protocol"], e["category"]) for e in recorded_requests()] == [
        ("openai", "ok"),
        ("anthropic", "ok"),
    ]


def test_free_check_sends_no_model_request(cli, plan_server, stored_key):
    result, data = run_test(cli, plan_server.origin, "--free")
    assert result.returncode == 0
    assert data["reachability"]["ok"] and [s["name"] for s in data["reachability"]["steps"]] == [
        "dns",
        "tcp",
    ]
    assert data["results"] == [] and data["requests_used"] == 0
    assert plan_server.model_requests() == [] and recorded_requests() == []


@pytest.mark.parametrize(
    "scenario, category, status, words",
    [
        ("invalid_key", "invalid_key", 401, "rejected the key"),
        ("wrong_endpoint", "wrong_endpoint", 403, "invalid api-key"),
        ("quota_5h", "quota_5h", 429, "5-hour quota"),
        ("quota_week", "quota_week", 429, "weekly quota"),
        ("quota_month", "quota_month", 429, "monthly quota"),
        ("rate_limited", "rate_limited", 429, "Too many requests"),
        ("concurrency", "rate_limited", 429, "Too many requests"),
        ("server_error", "server_error", 500, "server had a problem"),
        ("unavailable_html", "server_error", 503, "server had a problem"),
        ("captive_portal", "unexpected", 200, "A web page came back"),
        ("plain_text_error", "unexpected", 418, "I'm a teapot"),
        ("empty_400", "unexpected", 400, "empty body"),
    ],
)
def test_each_server_answer_gets_its_category(
    cli, plan_server, stored_key, scenario, category, status, words
):
    plan_server.scenario = scenario
    result, data = run_test(cli, plan_server.origin)
    assert result.returncode == 1
    assert data["ok"] is False
    for r in data["results"]:
        assert (r["category"], r["status"]) == (category, status), r
        assert words in r["message"]
        assert r["remedy"]
    assert len(recorded_requests()) == 2  # sent, so counted
    assert result.stderr.count("\n") <= 1  # nothing but at most one line on stderr


def test_a_wrong_key_is_invalid_key(cli, plan_server, stored_key):
    plan_server.valid_keys = {"sk-sp-another0key"}
    _, data = run_test(cli, plan_server.origin, "--protocol", "anthropic")
    assert [r["category"] for r in data["results"]] == ["invalid_key"]
    assert "region" in data["results"][0]["remedy"]
    # The plan refused it before any work: it reached the plan but used none of the quota.
    assert data["requests_used"] == 0


def test_bad_path(cli, plan_server, stored_key):
    # A path prefix the server does not serve: 404 with no body.
    _, data = run_test(cli, plan_server.origin + "/wrong")
    assert [r["category"] for r in data["results"]] == ["bad_path", "bad_path"]
    assert "/v1" in data["results"][0]["remedy"]


def test_model_in_the_wrong_case_names_the_right_spelling(cli, plan_server, stored_key):
    _, data = run_test(
        cli, plan_server.origin, "--model", "Qwen3-Coder-Plus", "--protocol", "openai"
    )
    (r,) = data["results"]
    assert r["category"] == "model_unsupported" and r["status"] == 400
    assert "'qwen3-coder-plus'" in r["remedy"]


def test_unknown_model(cli, plan_server, stored_key):
    _, data = run_test(cli, plan_server.origin, "--model", "gpt-5", "--protocol", "anthropic")
    (r,) = data["results"]
    assert r["category"] == "model_unsupported"
    assert "qwen3-coder-plus" in r["remedy"]


def test_a_malformed_stored_key_is_caught_before_sending(cli, plan_server):
    keyring.set_password("codingplan", "plan-key", "sk-general0key0from0elsewhere")
    try:
        _, data = run_test(cli, plan_server.origin)
    finally:
        keyring.delete_password("codingplan", "plan-key")
    assert [r["category"] for r in data["results"]] == ["key_format", "key_format"]
    assert "general Model Studio key" in data["results"][0]["message"]
    assert plan_server.model_requests() == [] and data["requests_used"] == 0


def test_missing_key(cli, plan_server):
    result = cli("test", "--json", "--origin", plan_server.origin)
    assert result.returncode == 1
    assert json.loads(result.stdout)["error"]["code"] == "key_missing"
    assert plan_server.received == []


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_refused(cli, stored_key):
    result, data = run_test(cli, f"http://127.0.0.1:{_closed_port()}")
    assert result.returncode == 1
    assert data["reachability"]["category"] == "network"
    assert "refused the connection" in data["reachability"]["message"]
    assert [r["category"] for r in data["results"]] == ["network", "network"]
    assert data["requests_used"] == 0


def test_dns_failure(home):
    # In a network namespace of its own nothing resolves, and nothing leaves the machine.
    result = subprocess.run(
        ["unshare", "--net", "--map-root-user", *codingplan_command(), "test", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    data = json.loads(result.stdout)
    assert result.returncode == 1
    assert data["reachability"]["category"] == "network"
    # The real default region host, which cannot be found here.
    assert (
        data["reachability"]["message"]
        == "The address coding-intl.dashscope.aliyuncs.com could not be found (DNS)."
    )
    assert [r["category"] for r in data["results"]] == ["network", "network"]


def test_dropped_connection(cli, plan_server, stored_key):
    plan_server.scenario = "drop"
    _, data = run_test(cli, plan_server.origin, "--protocol", "openai")
    (r,) = data["results"]
    assert r["category"] == "network" and r["status"] is None
    assert "cut before an answer" in r["message"]
    assert r["sent"] is True  # the server got it, so it may have counted it
    assert len(recorded_requests()) == 1


def test_timeout(cli, plan_server, stored_key):
    plan_server.delay = 3
    _, data = run_test(cli, plan_server.origin, "--protocol", "openai", "--timeout", "0.5")
    assert [r["category"] for r in data["results"]] == ["timeout"]


@pytest.fixture
def pki(tmp_path):
    return make_pki(tmp_path / "pki")


def test_tls_with_an_untrusted_certificate(cli, pki, stored_key):
    with PlanServer(tls=pki.server_context()) as server:
        _result, data = run_test(cli, server.origin)
    assert data["reachability"]["category"] == "tls"
    assert [s["name"] for s in data["reachability"]["steps"]] == ["dns", "tcp", "tls"]
    assert not data["reachability"]["steps"][-1]["ok"]
    assert "CERTIFICATE_VERIFY_FAILED" in data["reachability"]["message"]
    assert data["requests_used"] == 0


def test_tls_with_a_trusted_certificate_passes(cli, pki, stored_key):
    with PlanServer(tls=pki.server_context()) as server:
        result, data = run_test(cli, server.origin, env={"SSL_CERT_FILE": str(pki.ca_file)})
        assert len(server.model_requests()) == 2
    assert result.returncode == 0, data
    assert (
        data["reachability"]["steps"][-1]["name"] == "tls"
        and data["reachability"]["steps"][-1]["ok"]
    )


def test_proxy_that_is_down(cli, plan_server, stored_key):
    proxy = f"http://127.0.0.1:{_closed_port()}"
    _result, data = run_test(cli, plan_server.origin, env={"HTTP_PROXY": proxy})
    assert data["reachability"]["category"] == "proxy"
    assert proxy in data["reachability"]["message"]
    assert plan_server.received == []


class _AuthProxy(threading.Thread):
    """A proxy that wants a password it is never given: answers 407 to everything."""

    def __init__(self):
        super().__init__(daemon=True)
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]

    def run(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                conn.sendall(
                    b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )


def test_proxy_that_wants_a_password(cli, plan_server, stored_key):
    proxy = _AuthProxy()
    proxy.start()
    try:
        _, data = run_test(
            cli, plan_server.origin, env={"HTTP_PROXY": f"http://127.0.0.1:{proxy.port}"}
        )
    finally:
        proxy.sock.close()
    assert data["reachability"]["category"] == "proxy"
    assert "407" in data["reachability"]["message"]


def test_no_proxy_is_honoured(cli, plan_server, stored_key):
    env = {"HTTP_PROXY": f"http://127.0.0.1:{_closed_port()}", "NO_PROXY": "127.0.0.1"}
    result, data = run_test(cli, plan_server.origin, env=env)
    assert result.returncode == 0, data


def test_human_output(cli, plan_server, stored_key):
    plan_server.scenario = "quota_week"
    result = cli("test", "--origin", plan_server.origin, "--protocol", "openai")
    assert result.returncode == 1
    assert "quota_week" in result.stdout and "Monday" in result.stdout
    assert "each uses 1 request" in result.stderr
    assert TEST_KEY not in result.stdout + result.stderr


def test_the_recorded_requests_file_is_private(cli, plan_server, stored_key):
    run_test(cli, plan_server.origin, "--protocol", "openai")
    mode = Path(paths.test_requests_file()).stat().st_mode & 0o777
    assert mode == 0o600
    assert TEST_KEY not in paths.test_requests_file().read_text()

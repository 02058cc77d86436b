"""The diagnosis from status and body, for every body shape the plan or a proxy sends."""

import httpx
import pytest

from codingplan.outcomes import Category, classify, error_text
from codingplan.probe import diagnose_exception
from tests.fakes.plan_server import SCENARIOS

OPENAI = '{"error":{"message":"%s","type":"x","param":null,"code":"y"}}'
ANTHROPIC = '{"type":"error","error":{"type":"x","message":"%s"}}'


@pytest.mark.parametrize("shape", [OPENAI, ANTHROPIC, "%s", "data: " + OPENAI + "\n\n"])
@pytest.mark.parametrize(
    "status, text, expected",
    [
        (401, "invalid access token or token expired", Category.INVALID_KEY),
        (403, "invalid api-key", Category.WRONG_ENDPOINT),
        (400, "model 'Qwen3-Coder-Plus' is not supported", Category.MODEL_UNSUPPORTED),
        (400, "Model not exist.", Category.MODEL_UNSUPPORTED),
        (429, "hour allocated quota exceeded", Category.QUOTA_5H),
        (429, "week allocated quota exceeded", Category.QUOTA_WEEK),
        (429, "month allocated quota exceeded", Category.QUOTA_MONTH),
        (429, "concurrency allocated quota exceeded", Category.RATE_LIMITED),
        (429, "Requests rate limit exceeded", Category.RATE_LIMITED),
        (500, "Internal error", Category.SERVER_ERROR),
        (502, "Bad gateway", Category.SERVER_ERROR),
        (418, "I'm a teapot", Category.UNEXPECTED),
    ],
)
def test_status_and_body_decide_together(shape, status, text, expected):
    assert classify(status, shape % text)[0] is expected


def test_quota_text_wins_over_the_status():
    # Whatever status carries it, the quota message names the window.
    assert classify(403, OPENAI % "month allocated quota exceeded")[0] is Category.QUOTA_MONTH


@pytest.mark.parametrize(
    "status, body, ctype, expected",
    [
        (404, "", "", (Category.BAD_PATH, "")),
        (
            403,
            '{"error":{"code":"AccessDenied","message":"denied"}}',
            "application/json",
            (Category.UNEXPECTED, ""),
        ),
        (400, "", "", (Category.UNEXPECTED, "empty")),
        (
            200,
            "<!DOCTYPE html><html><title>Log in</title></html>",
            "text/html",
            (Category.UNEXPECTED, "html"),
        ),
        (200, 'data: {"choices":[]}\n\ndata: [DONE]\n\n', "text/event-stream", (Category.OK, "")),
        (
            200,
            'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"x"}}\n\n',
            "text/event-stream",
            (Category.UNEXPECTED, ""),
        ),
        (
            200,
            'event: error\ndata: {"type":"error","error":{"message":"hour allocated quota exceeded"}}\n\n',
            "text/event-stream",
            (Category.QUOTA_5H, ""),
        ),
        (407, "", "", (Category.PROXY, "")),
        (
            503,
            "<html><head><title>503</title></head></html>",
            "text/html",
            (Category.SERVER_ERROR, ""),
        ),
    ],
)
def test_other_shapes(status, body, ctype, expected):
    assert classify(status, body, ctype) == expected


def test_every_fake_scenario_is_classified_as_its_name_says():
    names = {
        "invalid_key": Category.INVALID_KEY,
        "wrong_endpoint": Category.WRONG_ENDPOINT,
        "bad_path": Category.BAD_PATH,
        "quota_5h": Category.QUOTA_5H,
        "quota_week": Category.QUOTA_WEEK,
        "quota_month": Category.QUOTA_MONTH,
        "rate_limited": Category.RATE_LIMITED,
        "concurrency": Category.RATE_LIMITED,
        "server_error": Category.SERVER_ERROR,
        "unavailable_html": Category.SERVER_ERROR,
        "captive_portal": Category.UNEXPECTED,
        "plain_text_error": Category.UNEXPECTED,
        "empty_400": Category.UNEXPECTED,
        # A 200 whose words say nothing wrong: only the probe's look at the body itself
        # (is it a completion?) finds these out; see tests/integration/test_probe_gate.py.
        "unrelated_json": Category.OK,
        "html_no_type": Category.OK,
        "empty_completion": Category.OK,
        "empty_stream": Category.OK,
    }
    assert set(names) == set(SCENARIOS)
    for name, (status, openai_body, anthropic_body, ctype) in SCENARIOS.items():
        assert classify(status, openai_body, ctype)[0] is names[name], name
        assert classify(status, anthropic_body, ctype)[0] is names[name], name


def test_error_text_reads_html_titles_and_plain_text():
    assert error_text("<html><head><title>Proxy says no</title></head></html>") == "Proxy says no"
    assert error_text("just words") == "just words"


@pytest.mark.parametrize(
    "exc, expected",
    [
        (httpx.ConnectTimeout("t"), (Category.TIMEOUT, "")),
        (httpx.ReadTimeout("t"), (Category.TIMEOUT, "")),
        (httpx.ProxyError("407"), (Category.PROXY, "")),
        (
            httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
            (Category.TLS, ""),
        ),
        (httpx.ConnectError("[Errno -2] Name or service not known"), (Category.NETWORK, "dns")),
        (httpx.ConnectError("[Errno 111] Connection refused"), (Category.NETWORK, "refused")),
        (
            httpx.RemoteProtocolError("Server disconnected without sending a response."),
            (Category.NETWORK, ""),
        ),
        (httpx.ReadError("[Errno 104] Connection reset by peer"), (Category.NETWORK, "")),
    ],
)
def test_transport_failures(exc, expected):
    diagnosis = diagnose_exception(exc, "https://coding-intl.dashscope.aliyuncs.com")
    assert (diagnosis.category, diagnosis.variant) == expected
    assert diagnosis.params["host"] == "coding-intl.dashscope.aliyuncs.com"


def test_a_proxy_that_cannot_be_reached_is_blamed(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    diagnosis = diagnose_exception(
        httpx.ConnectError("[Errno 111] Connection refused"), "https://example.com"
    )
    assert diagnosis.category is Category.PROXY
    assert diagnosis.params["proxy"] == "http://127.0.0.1:9"

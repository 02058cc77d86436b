"""A stand-in for the plan's two endpoints, over real HTTP on 127.0.0.1.

It answers like the plan: OpenAI-compatible ``/v1/chat/completions`` and
Anthropic-compatible ``/apps/anthropic/v1/messages``, streaming or not, and reproduces
every documented error, plus slow answers and dropped connections. It records each
request (path, headers, key, model) so tests can assert what a tool really sent.

Run it by hand with ``python -m tests.fakes.plan_server`` (prints its origin).
"""

from __future__ import annotations

import argparse
import json
import socket
import ssl
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from codingplan.plan import CATALOG

TEST_KEY = "sk-sp-fake0test0key0for0the0plan0server"
MODEL_PATHS = ("/v1/chat/completions", "/apps/anthropic/v1/messages")

# The real plan's coding-agent gate (since spring 2026): what it checks is not published, so
# the stand-in lets through the User-Agent families the real tools were measured to send
# (Claude Code, Qwen Code, OpenCode, Kilo Code, and the AI SDK that Cline and OpenCode's title
# calls use) and answers anything else as the plan answered other clients.
CODING_AGENTS = ("claude-cli/", "QwenCode/", "opencode/", "Kilo-Code/", "ai-sdk/")
GATE_ANSWER = '{"error": "Coding Plan is currently only available for Coding Agents"}'

# name -> (status, OpenAI-shaped body, Anthropic-shaped body, content type)
_OPENAI_ERR = '{{"error":{{"message":"{m}","type":"{t}","param":null,"code":"{c}"}}}}'
_ANTHROPIC_ERR = '{{"type":"error","error":{{"type":"{t}","message":"{m}"}}}}'


def _err(status: int, message: str, etype: str, code: str) -> tuple[int, str, str, str]:
    return (
        status,
        _OPENAI_ERR.format(m=message, t=etype, c=code),
        _ANTHROPIC_ERR.format(m=message, t=etype),
        "application/json",
    )


SCENARIOS: dict[str, tuple[int, str, str, str]] = {
    "invalid_key": _err(
        401, "invalid access token or token expired", "invalid_request_error", "invalid_api_key"
    ),
    "wrong_endpoint": _err(403, "invalid api-key", "invalid_request_error", "InvalidApiKey"),
    "bad_path": (404, "", "", ""),
    "quota_5h": _err(
        429, "hour allocated quota exceeded", "insufficient_quota", "Throttling.AllocationQuota"
    ),
    "quota_week": _err(
        429, "week allocated quota exceeded", "insufficient_quota", "Throttling.AllocationQuota"
    ),
    "quota_month": _err(
        429, "month allocated quota exceeded", "insufficient_quota", "Throttling.AllocationQuota"
    ),
    "rate_limited": _err(
        429,
        "Requests rate limit exceeded, please try again later.",
        "rate_limit_error",
        "Throttling.RateQuota",
    ),
    "concurrency": _err(
        429, "concurrency allocated quota exceeded", "rate_limit_error", "Throttling"
    ),
    "server_error": _err(500, "Internal server error", "api_error", "InternalError"),
    "unavailable_html": (
        503,
        "<html><head><title>503 Service Unavailable</title></head><body>busy</body></html>",
        "<html><head><title>503 Service Unavailable</title></head><body>busy</body></html>",
        "text/html",
    ),
    "captive_portal": (
        200,
        "<!DOCTYPE html><html><head><title>Sign in to Wi-Fi</title></head><body>login</body></html>",
        "<!DOCTYPE html><html><head><title>Sign in to Wi-Fi</title></head><body>login</body></html>",
        "text/html",
    ),
    "plain_text_error": (418, "I'm a teapot", "I'm a teapot", "text/plain"),
    "empty_400": (400, "", "", ""),
    # A 200 that is not a completion: another service, or a page without a content type.
    "unrelated_json": (
        200,
        '{"totally":"unrelated"}',
        '{"totally":"unrelated"}',
        "application/json",
    ),
    "html_no_type": (200, "<div>Welcome</div>", "<div>Welcome</div>", "-"),
    # The protocol's shape with nothing in it: no choice, no content.
    "empty_completion": (
        200,
        '{"id":"c1","object":"chat.completion","model":"qwen3-coder-plus","choices":[]}',
        '{"id":"m1","type":"message","role":"assistant","model":"qwen3-coder-plus",'
        '"content":[],"stop_reason":"end_turn"}',
        "application/json",
    ),
    "empty_stream": (
        200,
        'data: {"id":"c1","object":"chat.completion.chunk","choices":[]}\n\ndata: [DONE]\n\n',
        'event: message_start\ndata: {"type":"message_start","message":{"id":"m1",'
        '"type":"message","role":"assistant","content":[]}}\n\n'
        'event: message_stop\ndata: {"type":"message_stop"}\n\n',
        "text/event-stream",
    ),
}


@dataclass
class Received:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: Any
    time: float = field(default_factory=time.time)
    status: int | None = None  # what the server answered; None: no answer was finished

    @property
    def key(self) -> str | None:
        auth = self.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip()
        return self.headers.get("x-api-key")

    @property
    def model(self) -> str | None:
        return self.body.get("model") if isinstance(self.body, dict) else None

    @property
    def is_model_request(self) -> bool:
        return self.method == "POST" and self.path in MODEL_PATHS


class PlanServer:
    """The fake plan. Use as a context manager; ``origin`` is where it listens."""

    def __init__(self, tls: ssl.SSLContext | None = None, host: str = "127.0.0.1") -> None:
        self.valid_keys: set[str] = {TEST_KEY}
        self.models: set[str] = {m.id for m in CATALOG}
        # a SCENARIOS name, "slow", "drop", "trickle", "junk_stream" or None
        self.scenario: str | None = None
        # Scenarios for the next model requests, one each, before ``scenario`` applies again
        # (a 429 that the tool retries, say).
        self.next_scenarios: list[str] = []
        self.delay = 0.0  # seconds before answering ("slow")
        self.reply_text = "pong"
        self.request_id_header = False
        # How a quota answer says when the quota comes back, as other Alibaba plans do (whether
        # the Coding Plan does is not known): a Retry-After header, words in the message.
        self.retry_after: str | None = None
        self.reset_words = ""  # e.g. " The quota will reset at 2026-12-07 00:00:00"
        # The coding-agent gate: User-Agent prefixes let through (None: no gate).
        self.agents: tuple[str, ...] | None = CODING_AGENTS
        self.received: list[Received] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer((host, 0), self._handler_class())
        self._httpd.daemon_threads = True
        if tls:
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
        self.scheme = "https" if tls else "http"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    # --- lifecycle
    def start(self) -> PlanServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> PlanServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def origin(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    # --- what it saw
    def model_requests(self) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.is_model_request]

    def served(self) -> list[Received]:
        """The model requests answered with a completion (what the plan charges for)."""
        return [r for r in self.model_requests() if r.status == 200]

    def _scenario_for_next(self) -> str | None:
        with self._lock:
            return self.next_scenarios.pop(0) if self.next_scenarios else self.scenario

    def reset(self) -> None:
        with self._lock:
            self.received.clear()
            self.next_scenarios.clear()
        self.scenario, self.delay = None, 0.0

    def _record(self, received: Received) -> None:
        with self._lock:
            self.received.append(received)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(_Handler):
            plan = server

        return Handler


class _Handler(BaseHTTPRequestHandler):
    plan: PlanServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    # --- routing
    def do_HEAD(self) -> None:
        self._receive(None)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self._receive(None)
        if self.path.split("?")[0] in ("/v1/models", "/apps/anthropic/v1/models"):
            data = [
                {"id": m, "object": "model", "type": "model", "display_name": m}
                for m in sorted(self.plan.models)
            ]
            return self._send(200, json.dumps({"object": "list", "data": data, "has_more": False}))
        return self._send(404, "")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = raw.decode("utf-8", "replace")
        received = self._receive(body)
        path = received.path
        if path == "/apps/anthropic/v1/messages/count_tokens":
            return self._send(200, '{"input_tokens": 12}')
        if path not in MODEL_PATHS:
            return self._send(404, "")
        anthropic = path.startswith("/apps/anthropic")
        plan = self.plan
        agent = received.headers.get("user-agent", "")
        if plan.agents is not None and not agent.startswith(plan.agents):
            return self._send(405, GATE_ANSWER)
        scenario = plan._scenario_for_next()
        if scenario == "drop":
            # Close without a word: the client sees the connection cut.
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            self.close_connection = True
            self.connection.close()
            return
        if scenario == "slow" or plan.delay:
            time.sleep(plan.delay or 10)
        if scenario in ("trickle", "junk_stream"):
            return self._trickle(scenario)
        if scenario in SCENARIOS:
            status, openai_body, anthropic_body, ctype = SCENARIOS[scenario]
            body = anthropic_body if anthropic else openai_body
            extra = {}
            if scenario.startswith("quota_"):
                body = body.replace("quota exceeded", "quota exceeded." + plan.reset_words, 1)
                if plan.retry_after is not None:
                    extra["Retry-After"] = plan.retry_after
            return self._send(status, body, ctype, extra)
        if received.key not in plan.valid_keys:
            status, openai_body, anthropic_body, ctype = SCENARIOS["invalid_key"]
            return self._send(status, anthropic_body if anthropic else openai_body, ctype)
        model = received.model
        if model not in plan.models:
            message = f"model '{model}' is not supported"
            status, openai_body, anthropic_body, ctype = _err(
                400, message, "invalid_request_error", "model_not_supported"
            )
            return self._send(status, anthropic_body if anthropic else openai_body, ctype)
        stream = isinstance(body, dict) and bool(body.get("stream"))
        if anthropic:
            return self._anthropic(model, stream)
        return self._openai(model, stream)

    def _receive(self, body: Any) -> Received:
        path, _, query = self.path.partition("?")
        headers = {k.lower(): v for k, v in self.headers.items()}
        received = Received(self.command, path, query, headers, body)
        self.plan._record(received)
        self._received = received
        return received

    def _answered(self, status: int) -> None:
        """Mark the request answered once its last byte is written (a cut stream is not)."""
        received = getattr(self, "_received", None)
        if received is not None:
            received.status = status

    # --- answers
    def _send(
        self, status: int, body: str, ctype: str = "application/json", extra: dict | None = None
    ) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        if data and ctype != "-":  # "-": no content type at all
            self.send_header("Content-Type", ctype or "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self._answered(status)

    def _trickle(self, scenario: str) -> None:
        """An answer that never ends: one byte every 2 s (in the headers), or junk as fast as
        the client reads it (a 200 event stream that is no completion)."""
        try:
            if scenario == "trickle":
                for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(2)
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            self.close_connection = True
            while True:
                self.wfile.write(b"data: nothing to see here\n\n" * 64)
        except OSError:  # the client gave up, as it should
            return

    def _ids(self) -> dict[str, str]:
        return {"request-id": f"req_{uuid.uuid4().hex}"} if self.plan.request_id_header else {}

    def _stream(self, events: list[str]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        for name, value in self._ids().items():
            self.send_header(name, value)
        self.end_headers()
        self.close_connection = True
        for event in events:
            self.wfile.write(event.encode("utf-8"))
            self.wfile.flush()
        self._answered(200)

    def _openai(self, model: str, stream: bool) -> None:
        text, cid, now = self.plan.reply_text, f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
        usage = {"prompt_tokens": 12, "completion_tokens": 1, "total_tokens": 13}
        if not stream:
            message = {"role": "assistant", "content": text}
            body = {
                "id": cid,
                "object": "chat.completion",
                "created": now,
                "model": model,
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                "usage": usage,
            }
            return self._send(200, json.dumps(body), extra=self._ids())

        def chunk(delta: dict, finish: str | None, with_usage: bool = False) -> str:
            data = {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": now,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            if with_usage:
                data["usage"] = usage
            return f"data: {json.dumps(data)}\n\n"

        self._stream(
            [
                chunk({"role": "assistant", "content": ""}, None),
                chunk({"content": text}, None),
                chunk({}, "stop", with_usage=True),
                "data: [DONE]\n\n",
            ]
        )

    def _anthropic(self, model: str, stream: bool) -> None:
        text, mid = self.plan.reply_text, f"msg_{uuid.uuid4().hex[:24]}"
        usage = {"input_tokens": 12, "output_tokens": 1}
        if not stream:
            body = {
                "id": mid,
                "type": "message",
                "role": "assistant",
                "model": model,
                "content": [{"type": "text", "text": text}],
                "stop_reason": "end_turn",
                "stop_sequence": None,
                "usage": usage,
            }
            return self._send(200, json.dumps(body), extra=self._ids())

        def event(name: str, data: dict) -> str:
            return f"event: {name}\ndata: {json.dumps({'type': name, **data})}\n\n"

        start = {
            "id": mid,
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": 12, "output_tokens": 0},
        }
        self._stream(
            [
                event("message_start", {"message": start}),
                event(
                    "content_block_start",
                    {"index": 0, "content_block": {"type": "text", "text": ""}},
                ),
                event(
                    "content_block_delta",
                    {"index": 0, "delta": {"type": "text_delta", "text": text}},
                ),
                event("content_block_stop", {"index": 0}),
                event(
                    "message_delta",
                    {
                        "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                        "usage": {"output_tokens": 1},
                    },
                ),
                event("message_stop", {}),
            ]
        )


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the fake plan server on 127.0.0.1.")
    parser.add_argument(
        "--scenario", choices=[*SCENARIOS, "slow", "drop", "trickle", "junk_stream"]
    )
    parser.add_argument("--no-gate", action="store_true", help="serve any User-Agent")
    parser.add_argument("--key", action="append", default=[], help="accept this key too")
    args = parser.parse_args()
    server = PlanServer()
    server.scenario = args.scenario
    server.valid_keys.update(args.key)
    if args.no_gate:
        server.agents = None
    server.start()
    print(server.origin, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()

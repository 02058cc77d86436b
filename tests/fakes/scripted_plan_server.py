"""The stand-in of the plan, able to answer chosen requests with a tool call or late.

A coding tool's paths that only a model's tool call opens (Qwen Code's security classifier
in auto mode, a Cline sub-agent) need an answer that asks for a tool. ``ScriptedPlanServer``
is ``PlanServer`` with a list of ``Rule``: the first rule that matches a model request (and
has answers left) decides the answer; a request no rule matches is answered as usual.
Only the OpenAI-compatible endpoint is scripted (the tools driven this way use it).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.fakes.plan_server import PlanServer


@dataclass
class ToolCall:
    name: str
    arguments: dict[str, Any] = field(default_factory=dict)


@dataclass
class Rule:
    """Which requests (every condition given must hold) and how to answer them."""

    call: ToolCall | None = None  # answer with this tool call; None: the usual answer
    hold: float = 0.0  # seconds to wait before answering (a slow call, to be cut)
    offers: str | None = None  # the request offers a tool of this name
    system: str | None = None  # its system prompt starts with this
    last_role: str | None = None  # the role of its last message
    lacks: str | None = None  # this text is nowhere in its body
    times: int | None = None  # how many requests it answers; None: all

    def matches(self, body: Any) -> bool:
        if not isinstance(body, dict) or self.times == 0:
            return False
        if self.offers is not None and self.offers not in tool_names(body):
            return False
        if self.system is not None and not system_text(body).startswith(self.system):
            return False
        messages = body.get("messages") or [{}]
        last = messages[-1] if isinstance(messages[-1], dict) else {}
        if self.last_role is not None and last.get("role") != self.last_role:
            return False
        return self.lacks is None or self.lacks not in json.dumps(body)


def tool_names(body: Any) -> list[str]:
    tools = body.get("tools") if isinstance(body, dict) else None
    names = []
    for tool in tools if isinstance(tools, list) else []:
        if isinstance(tool, dict):
            function = tool.get("function")
            names.append((function if isinstance(function, dict) else tool).get("name"))
    return [n for n in names if isinstance(n, str)]


def system_text(body: Any) -> str:
    for message in body.get("messages") or [] if isinstance(body, dict) else []:
        if isinstance(message, dict) and message.get("role") == "system":
            content = message.get("content")
            if isinstance(content, list):
                return " ".join(str(c.get("text", "")) for c in content if isinstance(c, dict))
            return str(content or "")
    return ""


class ScriptedPlanServer(PlanServer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.rules: list[Rule] = []
        self._rules_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def rule_for(self, body: Any) -> Rule | None:
        with self._rules_lock:
            for rule in self.rules:
                if rule.matches(body):
                    if rule.times is not None:
                        rule.times -= 1
                    return rule
        return None

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        base: Any = super()._handler_class()
        server = self

        class Handler(base):  # type: ignore[misc,valid-type]
            def _openai(self, model: str, stream: bool) -> None:
                rule = server.rule_for(self._received.body)
                if rule is not None and rule.hold:
                    time.sleep(rule.hold)
                if rule is None or rule.call is None:
                    return super()._openai(model, stream)
                return self._tool_call(model, stream, rule.call)

            def _tool_call(self, model: str, stream: bool, call: ToolCall) -> None:
                cid, now = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
                usage = {"prompt_tokens": 12, "completion_tokens": 5, "total_tokens": 17}
                arguments = json.dumps(call.arguments)
                tool = {
                    "id": f"call_{uuid.uuid4().hex[:20]}",
                    "type": "function",
                    "function": {"name": call.name, "arguments": arguments},
                }
                if not stream:
                    message = {"role": "assistant", "content": None, "tool_calls": [tool]}
                    choice = {"index": 0, "message": message, "finish_reason": "tool_calls"}
                    body = {
                        "id": cid,
                        "object": "chat.completion",
                        "created": now,
                        "model": model,
                        "choices": [choice],
                        "usage": usage,
                    }
                    return self._send(200, json.dumps(body))

                def chunk(delta: dict[str, Any], finish: str | None, last: bool = False) -> str:
                    data: dict[str, Any] = {
                        "id": cid,
                        "object": "chat.completion.chunk",
                        "created": now,
                        "model": model,
                        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                    }
                    if last:
                        data["usage"] = usage
                    return f"data: {json.dumps(data)}\n\n"

                opening = {**tool, "index": 0, "function": {"name": call.name, "arguments": ""}}
                self._stream(
                    [
                        chunk(
                            {"role": "assistant", "content": None, "tool_calls": [opening]}, None
                        ),
                        chunk(
                            {"tool_calls": [{"index": 0, "function": {"arguments": arguments}}]},
                            None,
                        ),
                        chunk({}, "tool_calls", last=True),
                        "data: [DONE]\n\n",
                    ]
                )

        return Handler

"""Claude Code: session transcripts, ``<config>/projects/**/*.jsonl`` (subagents included).

Measured on Claude Code 2.1.332 against a loopback stand-in of the plan:
- every attempt sent to the model API is written first as an ``api-request`` line with
  its own ``id``, the model in ``params.model`` and a ``timestamp``;
- the answer comes as one or more ``assistant`` lines (several while streaming) that
  point back with ``requestRef``;
- a failed attempt that is retried leaves a ``system`` line with ``subtype: api_error``
  and the server's error (``error.message``, ``error.status``) right after its
  ``api-request``; the final failure is an ``assistant`` line with ``isApiErrorMessage``;
- with an ``apiKeyHelper``, a refused key (401) is asked of the helper again and the call
  retried at once, twice, with no error line: an attempt followed by the next with neither
  an answer nor an error between them failed as the next error says.
Older versions write only ``assistant`` lines: each API call then is counted once by its
``requestId`` and ``message.id`` or, when the endpoint sent no request id (third-party
endpoints, the plan included), by ``message.id`` within its session.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from codingplan.endings import Outcome
from codingplan.env import Env
from codingplan.integrations.claude_code import locations
from codingplan.usage.events import Item, OutcomeUpdate, RequestEvent, Stamps, parse_iso_ms
from codingplan.usage.reading import AppendedBlocks, loads
from codingplan.usage.source import (
    MALFORMED,
    AppendParser,
    Target,
    UsageSource,
    failure,
    text_of,
    unique_dirs,
    walk_files,
)
from codingplan.usage.traffic import PlanTraffic

SOURCE = "claude-code"


class ClaudeSource(UsageSource):
    def __init__(self, env: Env) -> None:
        super().__init__(SOURCE, locations.transcript_dirs(env))

    def targets(self) -> Iterator[Target]:
        for root in unique_dirs(self.roots):
            for path in walk_files(root, ".jsonl"):
                yield Target(SOURCE, PARSER, path)


# The head of an api-request line as Claude Code writes it: read without parsing the
# whole line. A line that does not match (another version's field order) is parsed.
_API_REQUEST = re.compile(
    rb'\{"type":"api-request","sessionId":"([^"\\]*)","id":"([^"\\]*)","timestamp":"([^"\\]*)"'
)
_MODEL = b',"params":{"model":"'
_API_REQUEST_TYPE = b'"type":"api-request"'
_API_REQUEST_HEAD = b"{" + _API_REQUEST_TYPE
_ASSISTANT_TYPE = b'"type":"assistant"'
_TYPE = b'"type":"'
_RETRIED = b'"subtype":"api_error"'
_MESSAGE_ID = b'"message":{"id":"'
_SESSION = b'"sessionId":"'
_ERROR = b'"isApiErrorMessage":true'
_REQUEST_REF = b'"requestRef":"'
_BASE = b'"base":"'
# Attempts kept waiting for the error that tells how they ended (a retry burst is short).
PENDING = 16
# Written after a call cut off mid-answer (Claude Code's own words; "... for tool use" is
# written instead when a tool, not a call, was stopped).
INTERRUPTED = "[Request interrupted by user]"
_INTERRUPTED = INTERRUPTED.encode()
# Empty lines: a transcript of nothing else is passed by the run, not line by line (a
# pattern of one repeated byte is searched at memory speed).
_BLANK_LINES = re.compile(rb"\n+")
# How far into a line its kind is told: Claude Code writes a record's "type" (and a system
# record's "subtype", and a person's message) before the rest; an answer's "type" comes
# after its message, so an answer is known by what it holds.
HEAD = 1024
# How far from its end an answer's own fields are: they follow its message (which can be
# long), and "isApiErrorMessage" is one of them.
TAIL = 2048


def _holds(data: bytes | bytearray, field: bytes, pos: int, stop: int) -> bool:
    """Whether the answer line ``data[pos:stop]`` has ``field`` among its own fields: in its
    head or its tail, never inside the message between them."""
    if stop - pos <= HEAD + TAIL:
        return data.find(field, pos, stop) >= 0
    return data.find(field, pos, pos + HEAD) >= 0 or data.find(field, stop - TAIL, stop) >= 0


def _api_request_fields(data: bytes | bytearray, pos: int, stop: int) -> list[bytes] | None:
    """Session, id, time, model and base (the attempt it is sent again after, or b"") of
    the api-request line ``data[pos:stop]`` as Claude Code writes it; None for any other
    shape (that line is parsed instead)."""
    match = _API_REQUEST.match(data, pos, stop)
    if match is None:
        return None
    at = data.find(_MODEL, match.end(), stop)
    end = data.find(b'"', at + len(_MODEL), stop) if at >= 0 else -1
    model = bytes(data[at + len(_MODEL) : end])
    if end < 0 or b"\\" in model:
        return None
    # "base" follows "params" (whose strings escape their quotes): only a key matches.
    at = data.find(_BASE, end, stop)
    close = data.find(b'"', at + len(_BASE), stop) if at > 0 else -1
    base = bytes(data[at + len(_BASE) : close]) if close > 0 else b""
    return [*match.groups(), model, base]


def _value_after(line: bytes, marker: bytes, last: bool = False) -> bytes | None:
    """The string value following ``marker`` (a key and its opening quote), unparsed.

    Safe without a JSON parser: inside a JSON string every quote is escaped, so an
    unescaped ``"key":"`` can only be a key.
    """
    at = line.rfind(marker) if last else line.find(marker)
    if at < 0:
        return None
    start = at + len(marker)
    end = line.find(b'"', start)
    return line[start:end] if end > 0 else None


class ClaudeParser(AppendParser):
    name = "claude"

    def read(
        self, blocks: AppendedBlocks, context: dict[str, Any], traffic: PlanTraffic
    ) -> tuple[list[Item], int]:
        """Walk the lines, telling each one's kind from its head, and look in it only for
        what that kind can hold (every marker below is a key with its value: JSON escapes
        the quotes of any text that merely mentions it):

        - an ``api-request`` line (current versions) is a call; its head is read with one
          pattern, any other shape of it is parsed;
        - a person's line (``"type":"user"``) can only say a call was interrupted, in its
          head; the tool results these lines carry are never searched;
        - a ``system`` line can tell that an attempt failed and is retried;
        - any other line is an answer: once a file has api-request lines, an answer adds
          nothing but a final error (``isApiErrorMessage``); before that (older versions, or
          a session resumed after an update) each answer line is read, once per call. An
          answer's own fields (its "type" too) come before or after its message, so the
          message between them is not searched.
        """
        items: list[Item] = []
        malformed = 0
        stamps = Stamps()
        modern = bool(context.get("modern"))
        max_line = blocks.max_line
        for data, pos, end in blocks:
            find, starts, blanks = data.find, data.startswith, _BLANK_LINES.match
            while pos < end:
                if data[pos] == 10:  # a run of empty lines, passed in one step
                    pos = blanks(data, pos, end).end()  # type: ignore[union-attr]
                    continue
                stop = find(b"\n", pos, end)
                head = min(stop, pos + HEAD)
                # The first "type" of a line is the record's, unless the record puts its
                # message first (an answer: then it is the message's, "message").
                kind = find(_TYPE, pos, head) + len(_TYPE)
                if kind < len(_TYPE):
                    wanted = _holds(data, _ERROR if modern else _ASSISTANT_TYPE, pos, stop)
                    if modern and not wanted:
                        _note_answer(data, pos, stop, context)
                elif starts(b'api-request"', kind):
                    modern = context["modern"] = True
                    fields = _api_request_fields(data, pos, stop)
                    if fields:
                        items.extend(self._fast_api_request(fields, context, traffic, stamps))
                        pos = stop + 1
                        continue
                    wanted = True
                elif starts(b'user"', kind):
                    wanted = find(_INTERRUPTED, kind, head) >= 0
                elif starts(b'system"', kind):
                    wanted = find(_RETRIED, kind, stop) >= 0
                else:
                    wanted = _holds(data, _ERROR if modern else _ASSISTANT_TYPE, pos, stop)
                    if modern and not wanted:
                        _note_answer(data, pos, stop, context)
                if wanted:
                    if stop - pos > max_line:
                        blocks.huge += 1
                    else:
                        try:
                            line = bytes(memoryview(data)[pos:stop])
                            items.extend(self.parse_line(line, context, traffic))
                        except MALFORMED:
                            malformed += 1
                pos = stop + 1
        return items, malformed

    def parse_line(self, line: bytes, context: dict[str, Any], traffic: PlanTraffic) -> list[Item]:
        if self._repeat(line, context):
            return []
        fields = _api_request_fields(line, 0, len(line))
        if fields:
            return self._fast_api_request(fields, context, traffic, Stamps())
        record = loads(line)
        if not isinstance(record, dict):
            raise ValueError("not an object")
        kind = record.get("type")
        if kind == "api-request":
            return self._api_request(record, context, traffic)
        if kind == "system" and record.get("subtype") == "api_error":
            return self._retried_error(record, context)
        if kind == "assistant":
            return self._assistant(record, context, traffic)
        if kind == "user":
            return self._interrupted(record, context)
        return []

    @staticmethod
    def _repeat(line: bytes, context: dict[str, Any]) -> bool:
        """A streamed answer line of an older version whose call is already recorded:
        nothing to parse.

        Claude Code writes an answer over several lines; older versions repeat its
        ``message.id`` on each. The cheap tests come first: most lines fail one of them.
        (Current versions name the call by ``requestRef``; their answer lines are not read.)
        """
        last = context.get("message")
        if context.get("modern") or not last:
            return False
        message_id = _value_after(line, _MESSAGE_ID)
        if message_id is None or message_id.decode("utf-8", "replace") != last[1]:
            return False
        session = _value_after(line, _SESSION, last=True) or b""
        if session.decode("utf-8", "replace") != last[0]:
            return False
        return _ERROR not in line

    def _fast_api_request(
        self,
        fields: list[bytes],
        context: dict[str, Any],
        traffic: PlanTraffic,
        stamps: Stamps,
    ) -> list[Item]:
        session, request, stamp, model, base = (f.decode("utf-8", "replace") for f in fields)
        time_ms = stamps.ms(stamp)
        if not (traffic.model(model) and request and time_ms is not None):
            context.pop("last", None)
            return []
        return [self._request(request, session, time_ms, model, context, base)]

    def _request(
        self,
        request: str,
        session: str,
        time_ms: int,
        model: str,
        context: dict[str, Any],
        base: str = "",
    ) -> RequestEvent:
        key = f"req:{request}"
        before = context.get("last")
        unanswered = before not in (context.get("settled"), context.get("answered"))
        if before and unanswered and f"req:{base}" == before:
            # Sent again after the attempt before (its "base"), which got no answer and no
            # error of its own: that one failed as the error told for this chain says (an
            # apiKeyHelper's quick retries). A call made meanwhile, not after it, is not one.
            pending = context.setdefault("pending", [])
            pending.append(before)
            del pending[:-PENDING]
        context["last"], context["model"] = key, model
        return RequestEvent(SOURCE, key, time_ms, model, Outcome.OK, session)

    def _api_request(
        self, record: dict[str, Any], context: dict[str, Any], traffic: PlanTraffic
    ) -> list[Item]:
        params = record.get("params") or {}
        model = params.get("model") if isinstance(params, dict) else None
        time_ms = parse_iso_ms(record.get("timestamp"))
        if not (traffic.model(model) and record.get("id") and time_ms is not None):
            context.pop("last", None)
            return []
        session = str(record.get("sessionId") or "")
        base = record.get("base")
        base = base if isinstance(base, str) else ""
        return [self._request(str(record["id"]), session, time_ms, model, context, base)]

    def _retried_error(self, record: dict[str, Any], context: dict[str, Any]) -> list[Item]:
        # A retried attempt: its error belongs to the api-request written just before it.
        last = context.get("last")
        if not last:
            return []
        error = record.get("error") or {}
        if not isinstance(error, dict):
            return []
        text = str(error.get("message") or error.get("formatted") or "")
        status = error.get("status") if isinstance(error.get("status"), int) else None
        context["settled"] = last
        ended = failure(text, status, parse_iso_ms(record.get("timestamp")))
        return _settle(context, last, ended.outcome, ended.reset_ms)

    @staticmethod
    def _interrupted(record: dict[str, Any], context: dict[str, Any]) -> list[Item]:
        """The person stopped the call in flight: the last api-request got no answer."""
        message = record.get("message")
        content = message.get("content") if isinstance(message, dict) else None
        if text_of(content).strip() != INTERRUPTED:
            return []  # a person's own words that merely quote it, or another interruption
        last = context.get("last")
        # Stopped while waiting to retry a refused attempt: that attempt keeps its refusal.
        if not last or context.get("settled") == last:
            return []
        context["settled"] = last
        context.pop("pending", None)  # what the attempts before it got is not known
        return [OutcomeUpdate(SOURCE, last, Outcome.ERROR)]

    def _assistant(
        self, record: dict[str, Any], context: dict[str, Any], traffic: PlanTraffic
    ) -> list[Item]:
        message = record.get("message") or {}
        if not isinstance(message, dict):
            return []
        ref = record.get("requestRef")
        if record.get("isApiErrorMessage"):
            return self._final_error(record, message, ref, context, traffic)
        model = message.get("model")
        time_ms = parse_iso_ms(record.get("timestamp"))
        if not traffic.model(model) or time_ms is None:
            return []
        session = str(record.get("sessionId") or "")
        key = self._call_key(record, message, ref, session)
        if key is None:
            return []
        context["model"] = model
        if isinstance(message.get("id"), str):
            context["message"] = [session, message["id"]]
        return [RequestEvent(SOURCE, key, time_ms, model, Outcome.OK, session)]

    @staticmethod
    def _call_key(
        record: dict[str, Any], message: dict[str, Any], ref: Any, session: str
    ) -> str | None:
        if ref:
            return f"req:{ref}"  # the same key as its api-request line: counted once
        message_id = message.get("id")
        if not message_id:
            return None
        request_id = record.get("requestId")
        if request_id:
            return f"rid:{request_id}:{message_id}"
        # No request id: message ids are unique per call, but some gateways reuse them
        # across sessions, so the fallback is scoped by session.
        return f"msg:{session}:{message_id}"

    def _final_error(
        self,
        record: dict[str, Any],
        message: dict[str, Any],
        ref: Any,
        context: dict[str, Any],
        traffic: PlanTraffic,
    ) -> list[Item]:
        time_ms = parse_iso_ms(record.get("timestamp"))
        outcome, reset = failure(text_of(message.get("content")), None, time_ms)
        if ref:
            return _settle(context, f"req:{ref}", outcome, reset)
        if context.get("last"):
            return _settle(context, context["last"], outcome, reset)
        # Older versions: the error line is the only record of the failed call.
        model = record.get("requestedModel") or context.get("model")
        if not traffic.model(model) or time_ms is None or not record.get("uuid"):
            return []
        session = str(record.get("sessionId") or "")
        key = f"err:{record['uuid']}"
        return [RequestEvent(SOURCE, key, time_ms, model, outcome, session, reset_ms=reset)]


def _settle(
    context: dict[str, Any], key: str, outcome: Outcome, reset_ms: int | None
) -> list[Item]:
    """``key`` ended as ``outcome``, and so did the attempts sent before it that got neither
    an answer nor an error of their own."""
    keys = [k for k in context.pop("pending", []) if k != key] + [key]
    return [OutcomeUpdate(SOURCE, k, outcome, reset_ms) for k in keys]


def _note_answer(data: bytes | bytearray, pos: int, stop: int, context: dict[str, Any]) -> None:
    """An answer line: if it answers the last attempt, that attempt was served (the ones
    before it without an answer stay as they were). Looked at once per call, only while
    the last attempt has no answer yet, and only in the line's own fields."""
    last = context.get("last")
    if not last or last in (context.get("answered"), context.get("settled")):
        return
    if not _holds(data, _REQUEST_REF, pos, stop):
        return
    line = bytes(memoryview(data)[pos:stop])
    ref = _value_after(line, _REQUEST_REF, last=True)
    if ref is not None and f"req:{ref.decode('utf-8', 'replace')}" == last:
        context["answered"] = last
        context.pop("pending", None)


PARSER = ClaudeParser()

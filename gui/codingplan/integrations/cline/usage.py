"""Cline: the CLI 3 / extension 4 session files, log and hub events; the older extension's tasks.

Measured on Cline CLI 3.0.65 against a stand-in of the plan.

- ``<cline data>/sessions/<id>/<id>.messages.json``: the whole conversation, rewritten on
  every save. Each assistant message with ``ts`` (epoch ms, the *end* of the call) and
  ``metrics`` is one model call; ``modelInfo`` names model and provider. A call that failed
  (after the SDK's own retries) is an assistant message with ``metadata.displayRole:
  "error"`` and the server's error text. A sub-agent has its own
  ``<agentId>.messages.json`` (``"agent": "subagent"``), written only when it ends.
- Where a session ran, its calls are recorded as they go out, and those records are the
  primary ones: the messages of the lead and its sub-agents are secondary to them (they
  count for a session nothing else covers).
  - A session the CLI ran itself: ``<cline data>/logs/cline.log`` (``locations.log_file``),
    pino JSON lines. Each call of the lead agent has a ``task.provider_request_started``
    line (``sessionId``, ``runId``, ``iteration``, ``modelId``), then
    ``agent.usage-updated`` once it finished, or ``task.cancelled`` / an ``Agent loop
    caught error`` line (``status`` ``aborted`` or ``failed``, with the error) if it did
    not. A sub-agent's calls have no request line: each that finishes leaves a
    ``task.tokens`` line, under the *lead's* agent id, between ``task.subagent_started``
    and ``task.subagent_completed``. A sub-agent call cut by Ctrl+C is in no record; it is
    inferred when the sub-agent's loop was aborted in an iteration whose call never
    finished.
  - A session run by Cline's hub daemon (which stays up after a first run, and then runs
    the later ones; they log nothing to cline.log): the hub's event store
    ``<cline db>/hub-events-*.db``, one ``iteration.started`` row per call of the lead or
    a sub-agent, ``usage.updated`` when it finished, ``run.failed`` with the error.
- ``.../globalStorage/saoudrizwan.claude-dev/tasks/<id>/ui_messages.json`` (VS Code and
  its forks) and ``<cline data>/tasks/<id>/ui_messages.json``: one
  ``say: "api_req_started"`` message per call, whose ``text`` is JSON with the details.

Retries inside the SDK (a 429 retried) are in no record. Files are re-read whole when their
size or time changes; every call has a key of its own, so reading one again never counts
it twice.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from codingplan.endings import COUNTED, Outcome
from codingplan.env import Env
from codingplan.fileio import FileTooLarge, read_regular
from codingplan.integrations.cline import locations
from codingplan.usage.events import Item, OutcomeUpdate, RequestEvent, parse_iso_ms, sane_ms
from codingplan.usage.reading import loads
from codingplan.usage.source import (
    MALFORMED,
    AppendParser,
    DatabaseParser,
    Failure,
    Target,
    UsageSource,
    WholeFileParser,
    failure,
    glob_files,
    open_store,
    text_of,
    unique_dirs,
)
from codingplan.usage.traffic import PlanTraffic

SOURCE = "cline"
MAX_FILE = 256 << 20  # a conversation file larger than this is skipped, not loaded


class ClineSource(UsageSource):
    def __init__(self, env: Env) -> None:
        self.session_dirs = unique_dirs(locations.session_dirs(env))
        self.task_dirs = unique_dirs(locations.task_dirs(env))
        providers = str(locations.providers_file(env))
        self.sessions = ClineSessionParser(providers)
        self.log_file = locations.log_file(env)
        self.log = ClineLogParser(providers)
        self.db_dir = locations.db_dir(env)
        self.hub = ClineHubParser(providers, tuple(str(d) for d in self.session_dirs))
        more = unique_dirs([self.log_file.parent, self.db_dir])
        super().__init__(SOURCE, [*self.session_dirs, *self.task_dirs, *more])

    def targets(self) -> Iterator[Target]:
        if self.log_file.is_file():
            yield Target(SOURCE, self.log, str(self.log_file))
        for path in glob_files(self.db_dir, "hub-events*.db"):
            yield Target(SOURCE, self.hub, path)
        for root in self.session_dirs:
            for path in glob_files(root, "*/*.messages.json"):
                yield Target(SOURCE, self.sessions, path)
        for root in self.task_dirs:
            for path in glob_files(root, "*/ui_messages.json"):
                yield Target(SOURCE, TASK_PARSER, path)


def _load(path: str) -> Any:
    try:
        data = read_regular(path, MAX_FILE)
    except FileTooLarge:
        raise ValueError("too large") from None
    return json.loads(data)


def _provider_urls(providers_file: str) -> dict[str, str]:
    """Base URL per provider, from Cline's ``providers.json``."""
    try:
        document = _load(providers_file)
    except (OSError, ValueError, RecursionError):
        return {}
    providers = document.get("providers") if isinstance(document, dict) else None
    urls = {}
    for name, entry in (providers if isinstance(providers, dict) else {}).items():
        settings = entry.get("settings") if isinstance(entry, dict) else None
        if isinstance(settings, dict) and isinstance(settings.get("baseUrl"), str):
            urls[name] = settings["baseUrl"]
    return urls


# providers.json per path: (its mtime and size, its base URLs). The log parser asks for
# every request line; the file is read again only when it changed.
_URLS: dict[str, tuple[tuple[int, int], dict[str, str]]] = {}


def _current_provider_urls(providers_file: str) -> dict[str, str]:
    try:
        st = os.stat(providers_file)
    except OSError:
        return {}
    version = (st.st_mtime_ns, st.st_size)
    cached = _URLS.get(providers_file)
    if cached is None or cached[0] != version:
        cached = (version, _provider_urls(providers_file))
        _URLS[providers_file] = cached
    return cached[1]


@dataclass(frozen=True)
class ClineSessionParser(WholeFileParser):
    providers_file: str  # where the session's provider ids get their base URLs
    name = "cline-session"

    def parse_file(self, path: str, traffic: PlanTraffic) -> tuple[list[Item], int]:
        document = _load(path)
        if not isinstance(document, dict) or not isinstance(document.get("messages"), list):
            raise ValueError("not a Cline messages file")
        session = str(document.get("sessionId") or Path(path).parent.name)
        # The lead's and its sub-agents' calls are secondary to the log's or the hub's
        # records of their session, the root one (a sub-agent's is "<root>__<agent id>").
        secondary = document.get("agent", "lead") in ("lead", "subagent")
        if secondary:
            session = session.split("__", 1)[0]
        urls = _provider_urls(self.providers_file)
        events: list[Item] = []
        bad = 0
        for message in document["messages"]:
            if not isinstance(message, dict) or message.get("role") != "assistant":
                continue
            try:
                event = self._call(document, session, secondary, message, traffic, urls)
            except MALFORMED:
                bad += 1
                continue
            if event is not None:
                events.append(event)
        return events, bad

    @staticmethod
    def _call(
        document: dict[str, Any],
        session: str,
        secondary: bool,
        message: dict[str, Any],
        traffic: PlanTraffic,
        urls: dict[str, str],
    ) -> RequestEvent | None:
        """The call an assistant message records; None if it records none that counts.
        Raises ValueError for one that cannot be used."""
        ts = sane_ms(message.get("ts"))
        info = message.get("modelInfo") or {}
        if ts is None or not isinstance(info, dict):
            raise ValueError("no usable time or model")
        ended = _outcome(message, ts)
        if ended is None:
            return None  # not a model call (e.g. a message the tool added)
        outcome, reset = ended
        model = info.get("id")
        if not traffic.provider(model, info.get("provider"), urls):
            return None
        if secondary and outcome in COUNTED:
            # A covered secondary record is left out only when "ok": a failure the plan
            # charged is filed as a plain call, its ending told by the primary.
            outcome = Outcome.OK
        key = f"session:{document.get('sessionId') or session}:{message.get('id') or ''}:{ts}"
        return RequestEvent(
            SOURCE, key, ts, str(model), outcome, session, secondary=secondary, reset_ms=reset
        )


def _outcome(message: dict[str, Any], ts: int) -> Failure | None:
    """A finished call has ``metrics``; a failed one is shown as an error message."""
    if "metrics" in message:
        return Failure(Outcome.OK)
    metadata = message.get("metadata")
    if isinstance(metadata, dict) and metadata.get("displayRole") == "error":
        return failure(text_of(message.get("content")), None, ts)
    return None


MAX_RUNS = 64  # agent runs remembered in a log's context: the recent ones still matter
LOOP_ERROR = "Agent loop caught error"


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class ClineLogParser(AppendParser):
    """``cline.log``: a line per lead call as it goes out, and what became of it.

    The context carries ``runs`` (run id -> [session, iteration, ended, model]: the call
    each recent run made last), ``pending`` (session -> lead calls that ended and whose
    ``task.tokens`` line is still to come) and ``subs`` (session -> its running sub-agents,
    each [agent id, calls finished, model, cut]).
    """

    providers_file: str
    name = "cline-log"
    needles = (
        b'"task.provider_request_started"',
        b'"agent.usage-updated"',
        b'"task.tokens"',
        b'"task.cancelled"',
        b'"task.subagent_started"',
        b'"task.subagent_completed"',
        b'"Agent loop caught error"',
    )

    def parse_line(self, line: bytes, context: dict[str, Any], traffic: PlanTraffic) -> list[Item]:
        record = loads(line)
        if not isinstance(record, dict):
            raise ValueError("not an object")
        time_ms = parse_iso_ms(record.get("time"))
        if time_ms is None:
            return []
        if record.get("msg") == LOOP_ERROR:
            return _loop_error(record, time_ms, context)
        props = record.get("properties")
        if record.get("msg") != "telemetry.event" or not isinstance(props, dict):
            return []
        event = record.get("event")
        session = _text(props.get("sessionId") or props.get("ulid"))
        if event == "task.provider_request_started":
            return self._request(props, session, time_ms, context, traffic)
        if event == "task.tokens":
            return self._tokens(props, session, time_ms, context, traffic)
        _track(event, props, session, context)
        if event == "task.cancelled":
            return _ended(
                context, props.get("runId"), props.get("iteration"), Failure(Outcome.ERROR)
            )
        return []

    def _request(
        self,
        props: dict[str, Any],
        session: str,
        time_ms: int,
        context: dict[str, Any],
        traffic: PlanTraffic,
    ) -> list[Item]:
        run, iteration = _text(props.get("runId")), props.get("iteration")
        model = props.get("modelId") or props.get("model")
        provider = props.get("providerId") or props.get("provider")
        if not (session and run and _is_int(iteration)):
            return []
        if not traffic.provider(model, provider, _current_provider_urls(self.providers_file)):
            return []
        runs = context.setdefault("runs", {})
        runs.pop(run, None)  # re-inserted last: the dict keeps the most recent runs at its end
        runs[run] = [session, iteration, 0, str(model)]
        _forget_old_runs(context)
        key = _call_key(session, run, iteration)
        return [RequestEvent(SOURCE, key, time_ms, str(model), Outcome.OK, session, covers=True)]

    def _tokens(
        self,
        props: dict[str, Any],
        session: str,
        time_ms: int,
        context: dict[str, Any],
        traffic: PlanTraffic,
    ) -> list[Item]:
        """A finished call: the lead's (told already) or a running sub-agent's."""
        pending = context.get("pending", {})
        if pending.get(session):
            pending[session] -= 1
            return []
        windows = context.get("subs", {}).get(session)
        if not windows:
            return []
        window = windows[0]  # sub-agents run one at a time under the lead's spawn_agent
        model, provider = props.get("model") or window[2], props.get("provider")
        if not traffic.provider(model, provider, _current_provider_urls(self.providers_file)):
            return []
        window[1] += 1
        key = f"log:{session}__{window[0]}:{window[1]}"
        return [RequestEvent(SOURCE, key, time_ms, str(model), Outcome.OK, session, covers=True)]


def _call_key(session: str, run: str, iteration: int) -> str:
    return f"log:{session}:{run}:{iteration}"


def _track(event: object, props: dict[str, Any], session: str, context: dict[str, Any]) -> None:
    """Follow a lead call's end and the sub-agents' lives."""
    runs = context.get("runs", {})
    if event == "agent.usage-updated":
        entry = runs.get(props.get("runId"))
        if entry and entry[1] == props.get("iteration") and not entry[2]:
            entry[2] = 1
            pending = context.setdefault("pending", {})
            pending[entry[0]] = pending.get(entry[0], 0) + 1
        return
    agent = _text(props.get("agentId"))
    if not (session and agent):
        return
    subs = context.setdefault("subs", {})
    if event == "task.subagent_started":
        models = [entry[3] for entry in runs.values() if entry[0] == session]
        if models:  # a session whose calls go to the plan
            subs.setdefault(session, []).append([agent, 0, models[-1], 0])
    elif event == "task.subagent_completed" and session in subs:
        subs[session] = [w for w in subs[session] if w[0] != agent]
        if not subs[session]:
            del subs[session]


def _ended(context: dict[str, Any], run: object, iteration: object, ended: Failure) -> list[Item]:
    """The lead call a run was making ended without an answer."""
    entry = context.get("runs", {}).get(run)
    if not entry or entry[1] != iteration or entry[2]:
        return []  # not a plan call, or that iteration's call had finished
    entry[2] = 1
    key = _call_key(entry[0], str(run), entry[1])
    return [OutcomeUpdate(SOURCE, key, ended.outcome, ended.reset_ms)]


def _loop_error(record: dict[str, Any], time_ms: int, context: dict[str, Any]) -> list[Item]:
    """An agent's loop stopped: failed (the error says why) or aborted (Ctrl+C)."""
    run, iteration, status = record.get("runId"), record.get("iteration"), record.get("status")
    if run in context.get("runs", {}):
        ended = Failure(Outcome.ERROR)
        if status == "failed":
            ended = failure(str(record.get("errorMessage") or ""), None, time_ms)
        return _ended(context, run, iteration, ended)
    agent = record.get("agentId")
    for session, windows in context.get("subs", {}).items():
        for window in windows:
            if window[0] != agent:
                continue
            # A sub-agent aborted in its n-th iteration after n - 1 finished calls: its
            # n-th call had gone out and was cut. Told apart only while it runs alone.
            if (
                status == "aborted"
                and len(windows) == 1
                and _is_int(iteration)
                and window[1] == iteration - 1
                and not window[3]
            ):
                window[3] = 1
                key = f"log:{session}__{agent}:cut:{iteration}"
                return [
                    RequestEvent(
                        SOURCE, key, time_ms, window[2], Outcome.ERROR, session, covers=True
                    )
                ]
            return []
    return []


def _forget_old_runs(context: dict[str, Any]) -> None:
    runs = context["runs"]
    while len(runs) > MAX_RUNS:
        del runs[next(iter(runs))]
    live = {entry[0] for entry in runs.values()}
    for name in ("pending", "subs"):
        kept = context.get(name, {})
        for session in [s for s in kept if s not in live]:
            del kept[session]


# Each call the hub ran, with the model its session was created with. A row whose JSON is
# damaged gives NULLs (json_extract would stop the whole query): skipped and counted.
_ITERATIONS = """
SELECT e.session_id, e.created_at,
       CASE WHEN json_valid(e.envelope_json) THEN json_extract(e.envelope_json, '$.eventId') END
FROM hub_events e WHERE e.event = 'iteration.started' AND e.created_at >= ?
"""
_SESSION_MODEL = """
SELECT json_extract(envelope_json, '$.payload.session.metadata.model'),
       json_extract(envelope_json, '$.payload.session.metadata.provider')
FROM hub_events WHERE session_id = ? AND event = 'session.created' AND json_valid(envelope_json)
ORDER BY sequence LIMIT 1
"""
# A failed run, and the call it was making: its session's last one, if that one had not
# finished (no usage.updated after it).
_FAILURES = """
SELECT f.created_at,
       CASE WHEN json_valid(f.envelope_json) THEN json_extract(f.envelope_json, '$.payload.error')
       END, (
    SELECT json_extract(i.envelope_json, '$.eventId') FROM hub_events i
    WHERE i.session_id = f.session_id AND i.event = 'iteration.started'
      AND json_valid(i.envelope_json) AND i.sequence < f.sequence
      AND NOT EXISTS (
          SELECT 1 FROM hub_events u
          WHERE u.session_id = f.session_id AND u.event = 'usage.updated'
            AND u.sequence > i.sequence AND u.sequence < f.sequence)
    ORDER BY i.sequence DESC LIMIT 1)
FROM hub_events f WHERE f.event = 'run.failed' AND f.created_at >= ?
"""


@dataclass(frozen=True)
class ClineHubParser(DatabaseParser):
    """The hub daemon's event store: a row per call it ran, and the runs that failed.

    The cursor is the time rows were written (the store may be deleted and made again,
    its sequence starting over); rows are only appended, and each read looks back a
    little in case two were not written in the order of their times.
    """

    providers_file: str
    session_dirs: tuple[str, ...]  # where a session's manifest names its model
    name = "cline-hub-events"
    lookback_ms = 10_000

    def scan_database(
        self, path: str, since: int, traffic: PlanTraffic
    ) -> tuple[list[Item], int, int]:
        db = open_store(path)
        try:
            urls = _current_provider_urls(self.providers_file)
            models: dict[str, tuple[Any, Any]] = {}
            events: list[Item] = []
            newest, bad = since, 0
            for session, created, event_id in db.execute(_ITERATIONS, (since,)):
                if not (isinstance(session, str) and session and event_id and _is_int(created)):
                    bad += 1
                    continue
                newest = max(newest, created)
                try:
                    if session not in models:
                        models[session] = self._model(db, session)
                    model, provider = models[session]
                    if not traffic.provider(model, provider, urls):
                        continue
                except MALFORMED:
                    bad += 1
                    continue
                key = f"hub:{event_id}"
                events.append(
                    RequestEvent(SOURCE, key, created, str(model), Outcome.OK, session, covers=True)
                )
            for created, error, event_id in db.execute(_FAILURES, (since,)):
                if _is_int(created):
                    newest = max(newest, created)
                if event_id:
                    at = created if _is_int(created) else None
                    ended = failure(str(error or ""), None, at)
                    key = f"hub:{event_id}"
                    events.append(OutcomeUpdate(SOURCE, key, ended.outcome, ended.reset_ms))
            return events, newest, bad
        finally:
            db.close()

    def _model(self, db: sqlite3.Connection, session: str) -> tuple[Any, Any]:
        row = db.execute(_SESSION_MODEL, (session,)).fetchone()
        if row and row[0]:
            return row[0], row[1]
        # Pruned from the store: the session's manifest names them too.
        for folder in self.session_dirs:
            try:
                manifest = _load(str(Path(folder) / session / f"{session}.json"))
            except (OSError, ValueError, RecursionError):
                continue
            if isinstance(manifest, dict):
                return manifest.get("model"), manifest.get("provider")
        return None, None


class ClineTaskParser(WholeFileParser):
    name = "cline-task"

    def parse_file(self, path: str, traffic: PlanTraffic) -> tuple[list[Item], int]:
        messages = _load(path)
        if not isinstance(messages, list):
            raise ValueError("not a Cline ui_messages file")
        task = Path(path).parent.name
        usage = _model_usage(Path(path).parent / "task_metadata.json")
        events: list[Item] = []
        bad = 0
        for message in messages:
            if not isinstance(message, dict) or message.get("say") != "api_req_started":
                continue
            try:
                event = _task_call(task, message, usage, traffic)
            except MALFORMED:
                bad += 1
                continue
            if event is not None:
                events.append(event)
        return events, bad


def _task_call(
    task: str, message: dict[str, Any], usage: list[dict[str, Any]], traffic: PlanTraffic
) -> RequestEvent | None:
    """The call an ``api_req_started`` message records; None if it does not count. Raises
    ValueError for one that cannot be used."""
    ts = sane_ms(message.get("ts"))
    info = json.loads(message.get("text") or "{}")
    if ts is None or not isinstance(info, dict):
        raise ValueError("no usable time or details")
    model, provider = _attribution(info, usage, ts)
    if not traffic.provider(model, provider, {}):
        return None
    ended = Failure(Outcome.OK)
    if info.get("streamingFailedMessage"):
        ended = failure(str(info["streamingFailedMessage"]), None, ts)
    key = f"task:{task}:{ts}"
    return RequestEvent(SOURCE, key, ts, model, ended.outcome, task, reset_ms=ended.reset_ms)


def _model_usage(path: Path) -> list[dict[str, Any]]:
    """Older tasks name their model only in task_metadata.json's ``model_usage``."""
    try:
        document = _load(str(path))
    except (OSError, ValueError):
        return []
    entries = document.get("model_usage") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        return []
    return [e for e in entries if isinstance(e, dict) and isinstance(e.get("ts"), int)]


def _attribution(info: dict[str, Any], usage: list[dict[str, Any]], ts: int) -> tuple[Any, Any]:
    if info.get("modelId"):
        return info.get("modelId"), info.get("providerId")
    before = [e for e in usage if e["ts"] <= ts]
    if not before:
        return None, None
    last = max(before, key=lambda e: e["ts"])
    return last.get("model_id"), last.get("model_provider_id")


TASK_PARSER = ClineTaskParser()

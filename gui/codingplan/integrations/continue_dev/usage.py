"""Continue: its session files, ``<continue home>/sessions/<id>.json``, rewritten whole.

Measured with ``cn`` 1.5.47: each model call that answered is an assistant item of
``history`` with ``message.usage`` (``usage.model`` names the model). Nothing records when:
``sessions/sessions.json`` gives each session's ``dateCreated`` (epoch ms, about its first
answer) and the file's own time its last. A call is stamped between the two by its place,
so the one just added (the usual case: the watcher reads the file as it is written) gets
the file's time, and calls already counted keep the time they got then. A call that failed,
was refused or cut off is not recorded at all, so it is not counted.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codingplan.endings import Outcome
from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.fileio import FileTooLarge, read_regular
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.continue_dev import locations
from codingplan.usage.events import Item, RequestEvent, sane_ms
from codingplan.usage.source import Target, UsageSource, WholeFileParser
from codingplan.usage.traffic import PlanTraffic

SOURCE = "continue"
INDEX = "sessions.json"
MAX_FILE = 64 << 20


class ContinueSource(UsageSource):
    unseen = QT_TRANSLATE_NOOP("usage", "failed calls, and calls cut off with Ctrl+C")

    def __init__(self, env: Env) -> None:
        self.folder = locations.sessions_dir(env)
        self.parser = ContinueSessionParser(str(locations.config_file(env)))
        super().__init__(SOURCE, [self.folder])

    def targets(self) -> Iterator[Target]:
        try:
            with os.scandir(self.folder) as entries:
                names = [e.name for e in entries if e.name.endswith(".json") and _is_file(e)]
        except OSError:
            return
        for name in sorted(names):
            if name != INDEX:
                yield Target(SOURCE, self.parser, str(self.folder / name))


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _load(path: Path) -> Any:
    try:
        data = read_regular(path, MAX_FILE)
    except FileTooLarge:
        raise ValueError("too large") from None
    return json.loads(data)


def _created_ms(session_file: Path, session: str) -> int | None:
    """When the session began, from the index beside it."""
    try:
        index = _load(session_file.parent / INDEX)
    except (OSError, ValueError, RecursionError):
        return None
    for entry in index if isinstance(index, list) else []:
        if isinstance(entry, dict) and entry.get("sessionId") == session:
            try:
                return sane_ms(int(str(entry.get("dateCreated"))))
            except ValueError:
                return None
    return None


def _model_bases(config_file: str) -> dict[str, str]:
    """The base URL of each model id in Continue's config."""
    from codingplan.tools.adapter import read_config  # the adapters' modules, only if needed

    try:
        config = read_config(Path(config_file), "yaml")
    except CodingPlanError:
        return {}
    models = config.get("models") if isinstance(config, dict) else None
    found = models if isinstance(models, list) else []
    return {
        str(m["model"]): m["apiBase"]
        for m in found
        if isinstance(m, dict) and m.get("model") and isinstance(m.get("apiBase"), str)
    }


@dataclass(frozen=True)
class ContinueSessionParser(WholeFileParser):
    config_file: str  # where a model id gets its base URL
    name = "continue-session"

    def parse_file(self, path: str, traffic: PlanTraffic) -> tuple[list[Item], int]:
        file = Path(path)
        document = _load(file)
        if not isinstance(document, dict) or not isinstance(document.get("history"), list):
            raise ValueError("not a Continue session file")
        session = str(document.get("sessionId") or file.stem)
        calls = [
            (index, item["message"]["usage"])
            for index, item in enumerate(document["history"])
            if isinstance(item, dict)
            and isinstance(item.get("message"), dict)
            and item["message"].get("role") == "assistant"
            and isinstance(item["message"].get("usage"), dict)
        ]
        if not calls:
            return [], 0
        last = sane_ms(file.stat().st_mtime_ns // 1_000_000)
        if last is None:
            raise ValueError("the file's time is out of range")
        first = min(_created_ms(file, session) or last, last)
        bases = _model_bases(self.config_file)
        events: list[Item] = []
        for n, (index, usage) in enumerate(calls):
            model = usage.get("model")
            if not traffic.request(model, bases.get(str(model))):
                continue
            share = (n + 1) / len(calls)
            time_ms = first + round((last - first) * share) if len(calls) > 1 else last
            key = f"session:{session}:{index}"
            events.append(RequestEvent(SOURCE, key, time_ms, model, Outcome.OK, session))
        return events, 0

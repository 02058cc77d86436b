"""What a source is: where its files are, and how one file's records become events.

A parser has one of three modes:
- ``append``: a log that only grows (JSONL). Only lines containing one of its needles
  reach ``parse_line``; a small ``context`` dict carries state from line to line and is
  kept with the file's scan state, so an incremental read can go on where it stopped.
- ``whole``: a JSON file rewritten whole on every save; read again when it changes.
- ``database``: an SQLite store of the tool's, read from a cursor kept in ``offset``.

Parsers are plain module-level objects so that worker processes can find them by name.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from codingplan.usage.events import Outcome, RequestEvent
from codingplan.usage.traffic import PlanTraffic


@dataclass(frozen=True, slots=True)
class OutcomeUpdate:
    """A later record telling how an already recorded request ended."""

    source: str
    key: str
    outcome: Outcome


Item = RequestEvent | OutcomeUpdate


@dataclass(frozen=True)
class Target:
    """One file (or database) to read, and which parser reads it."""

    source: str
    parser: str
    path: str


class Parser(Protocol):
    mode: str  # "append", "whole" or "database"
    needles: tuple[bytes, ...]

    def parse_line(self, line: bytes, context: dict[str, Any], traffic: PlanTraffic) -> list[Item]:
        """Events of one JSONL line; raises ValueError for a malformed one."""
        ...

    def parse_file(self, path: str, traffic: PlanTraffic) -> tuple[list[Item], int]:
        """Events of a whole file, and how many of its records were malformed."""
        ...

    def scan_database(
        self, path: str, cursor: int, traffic: PlanTraffic
    ) -> tuple[list[Item], int, int]:
        """Events recorded since ``cursor``, the new cursor, and malformed records."""
        ...


@dataclass
class SourceInfo:
    """A tool whose records are read: id, the folders to watch, how to list its files."""

    id: str
    roots: list[Path] = field(default_factory=list)

    def targets(self) -> Iterator[Target]:  # pragma: no cover - overridden
        raise NotImplementedError


def home() -> Path:
    return Path(os.environ.get("HOME") or os.path.expanduser("~"))


def env_paths(name: str, separator: str = ",") -> list[Path]:
    """Paths in an environment variable (``~`` expanded); empty when it is unset."""
    raw = os.environ.get(name, "").strip()
    return [Path(os.path.expanduser(p.strip())) for p in raw.split(separator) if p.strip()]


def unique_dirs(paths: Iterable[Path]) -> list[Path]:
    """Existing folders, each once even when reached by two names."""
    seen: set[str] = set()
    result = []
    for path in paths:
        try:
            real = os.path.realpath(path)
        except OSError:
            continue
        if real not in seen and os.path.isdir(real):
            seen.add(real)
            result.append(path)
    return result


def walk_files(root: Path, suffix: str) -> Iterator[str]:
    """Every file under ``root`` whose name ends with ``suffix`` (os.scandir: cheap)."""
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(entry.path)
                        elif entry.name.endswith(suffix) and entry.is_file():
                            yield entry.path
                    except OSError:
                        continue
        except OSError:
            continue


def glob_files(pattern_root: Path, pattern: str) -> Iterator[str]:
    try:
        for path in pattern_root.glob(pattern):
            yield str(path)
    except OSError:
        return


def text_of(value: Any) -> str:
    """Readable text from a message's content, whatever shape the tool used."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return " ".join(text_of(v) for v in value)
    if isinstance(value, dict):
        return " ".join(text_of(value.get(k)) for k in ("text", "message", "content") if k in value)
    return ""

"""What a usage source is: where a tool's records are, and how one file becomes events.

Each integration that counts requests gives one or more ``UsageSource`` (the folders to
watch and the files in them, each with the ``Parser`` that reads it). A parser is one of:

- ``AppendParser``: a log that only grows (JSONL). Only lines containing one of its
  needles reach ``parse_line`` (a parser that knows its format better may look at the
  blocks itself: ``read``); a small ``context`` dict carries state from line to line and
  is kept with the file's scan state, so an incremental read goes on where it stopped.
- ``WholeFileParser``: a JSON file rewritten whole on every save; read again when it changes.
- ``DatabaseParser``: an SQLite store of the tool's, read from a cursor kept with the file.

Parsers are module-level instances of module-level classes so that worker processes can
unpickle them; they hold no state of their own.
"""

from __future__ import annotations

import os
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from codingplan.usage.events import Item
from codingplan.usage.reading import AppendedBlocks
from codingplan.usage.traffic import PlanTraffic

if TYPE_CHECKING:
    import sqlite3

    from codingplan.endings import Outcome

# What a malformed record may raise inside a parser: skipped and counted, never fatal.
MALFORMED = (
    ValueError,
    TypeError,
    KeyError,
    AttributeError,
    UnicodeDecodeError,
    RecursionError,  # a record nested deeper than the parser can follow
    OverflowError,  # a number or time no calendar holds
)


class Parser(ABC):
    """Reads one kind of file. ``name`` is stored with each file's scan state."""

    name: str


class AppendParser(Parser):
    needles: tuple[bytes, ...] = ()

    def read(
        self, blocks: AppendedBlocks, context: dict[str, Any], traffic: PlanTraffic
    ) -> tuple[list[Item], int]:
        """Events of the lines appended, and how many lines were malformed: each line
        holding a needle goes to ``parse_line``."""
        items: list[Item] = []
        malformed = 0
        for block in blocks:
            for line in blocks.matching_lines(block, self.needles):
                try:
                    items.extend(self.parse_line(line, context, traffic))
                except MALFORMED:
                    malformed += 1
        return items, malformed

    @abstractmethod
    def parse_line(self, line: bytes, context: dict[str, Any], traffic: PlanTraffic) -> list[Item]:
        """Events of one JSONL line; raises ValueError for a malformed one."""


class WholeFileParser(Parser):
    @abstractmethod
    def parse_file(self, path: str, traffic: PlanTraffic) -> tuple[list[Item], int]:
        """Events of a whole file, and how many of its records were malformed."""

    def parse_with_context(
        self, path: str, traffic: PlanTraffic
    ) -> tuple[list[Item], int, dict[str, Any]]:
        """``parse_file``, and what the file says of itself, kept with its scan state."""
        items, skipped = self.parse_file(path, traffic)
        return items, skipped, {}


class DatabaseParser(Parser):
    # How far before the last read's cursor the next read starts: records the tool rewrites
    # after writing them first (a call that ends) are seen again.
    lookback_ms: int = 0

    @abstractmethod
    def scan_database(
        self, path: str, since: int, traffic: PlanTraffic
    ) -> tuple[list[Item], int, int]:
        """Events of records written since ``since``, the new cursor, and malformed records."""


def open_store(path: str) -> sqlite3.Connection:
    """A tool's SQLite store, read-only. Its text is decoded leniently: a row holding bytes
    that are not UTF-8 (a lone surrogate escape turned to bytes by ``json_extract``, say)
    would otherwise stop the whole read, every time."""
    import sqlite3

    uri = Path(path).resolve().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True, timeout=2.0)
    db.text_factory = _lenient_text
    return db


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


class Target(NamedTuple):
    """One file (or database) to read, and the parser that reads it."""

    source: str
    parser: Parser
    path: str


class UsageSource(ABC):
    """A tool whose records are read: its id, the folders to watch, its files now."""

    # The calls the tool's records cannot show, as a translatable phrase ("calls cut off
    # with Ctrl+C"), or "" when none is known: the count says it cannot see them.
    unseen: str = ""

    def __init__(self, source_id: str, roots: list[Path]) -> None:
        self.id = source_id
        self.roots = roots

    @abstractmethod
    def targets(self) -> Iterator[Target]:
        """Every file to read now, with its parser."""


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


# (folder, suffix) -> (its mtime, the files in it ending with the suffix, its subfolders).
# A folder's time changes whenever an entry is added, removed or renamed in it, so while it
# stays the same its listing can be reused: one stat instead of reading the folder again.
# Only listings taken well after that time are reused, in case the file system keeps
# coarse times (a file added in the same second would not change it).
_listings: dict[tuple[str, str], tuple[int, list[str], list[str]]] = {}
_COARSE_NS = 2_000_000_000
# Listings taken since ``new_listings`` was last asked: the tracker keeps them in the
# ledger, so that a new process (a ``codingplan usage``) stats a folder instead of reading it.
_new: set[tuple[str, str]] = set()


def remember_listings(found: Iterable[tuple[str, str, int, list[str], list[str]]]) -> None:
    """Listings kept from an earlier process; those taken in this one win."""
    for folder, suffix, mtime, files, folders in found:
        _listings.setdefault((folder, suffix), (mtime, files, folders))


def new_listings() -> list[tuple[str, str, int, list[str], list[str]]]:
    taken = [(*key, *_listings[key]) for key in _new if key in _listings]
    _new.clear()
    return taken


def _listing(folder: str, suffix: str) -> tuple[list[str], list[str]]:
    try:
        mtime = os.stat(folder).st_mtime_ns
    except OSError:
        return [], []
    cached = _listings.get((folder, suffix))
    if cached is not None and cached[0] == mtime:
        return cached[1], cached[2]
    listed_at = time.time_ns()
    files, folders = [], []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    # Files outnumber folders: test the name first, it costs nothing.
                    if entry.name.endswith(suffix) and entry.is_file():
                        files.append(entry.path)
                    elif entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                except OSError:
                    continue
    except OSError:
        return [], []
    if listed_at - mtime > _COARSE_NS:
        _listings[(folder, suffix)] = (mtime, files, folders)
        _new.add((folder, suffix))
    return files, folders


def walk_files(root: Path, suffix: str) -> Iterator[str]:
    """Every file under ``root`` whose name ends with ``suffix``."""
    stack = [str(root)]
    while stack:
        files, folders = _listing(stack.pop(), suffix)
        yield from files
        stack.extend(folders)


def glob_files(root: Path, pattern: str) -> Iterator[str]:
    """Files matching ``pattern`` (``*`` wildcards per path part) under ``root``.

    Like ``Path.glob`` but on ``os.scandir``: this runs for every refresh, so it must stay
    cheap when thousands of session folders exist.
    """
    parts = pattern.split("/")
    folders = [str(root)]
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        found = []
        for folder in folders:
            try:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        if not fnmatchcase(entry.name, part):
                            continue
                        try:
                            wanted = entry.is_file() if last else entry.is_dir()
                        except OSError:
                            continue
                        if wanted:
                            found.append(entry.path)
            except OSError:
                continue
        folders = found
    yield from folders


def text_of(value: Any) -> str:
    """Readable text from a message's content, whatever shape the tool used."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return " ".join(text_of(v) for v in value)
    if isinstance(value, dict):
        return " ".join(text_of(value.get(k)) for k in ("text", "message", "content") if k in value)
    return ""


# The plan's error texts, loaded by the first record of a failure: a scan that meets none,
# and every refresh that finds nothing new, does without them.


def classify_error(text: str, status: int | None = None) -> Outcome:
    """``outcomes.classify_error``: how a failed call ended, from the tool's record of it."""
    from codingplan import outcomes

    return outcomes.classify_error(text, status)


def reset_hint(text: str, headers: Mapping[str, str] | None, answered_ms: int) -> int | None:
    """``outcomes.reset_hint``: when a quota answer says the quota comes back."""
    from codingplan import outcomes

    return outcomes.reset_hint(text, headers, answered_ms)


class Failure(NamedTuple):
    """How a failed call ended, and, for a "quota exceeded" answer that said so, when the
    quota comes back (UTC ms)."""

    outcome: Outcome
    reset_ms: int | None = None


def failure(text: str, status: int | None, answered_ms: int | None) -> Failure:
    """``classify_error`` with the reset time a quota answer's words give ("… will reset at
    2026-12-07 00:00:00"): every tool's record of a refusal is read the one way. A reset is
    bounded by the time of the answer (``answered_ms``; without one, none is read)."""
    from codingplan import outcomes
    from codingplan.endings import QUOTA_OUTCOMES

    outcome = outcomes.classify_error(text, status)
    if outcome not in QUOTA_OUTCOMES or answered_ms is None:
        return Failure(outcome)
    return Failure(outcome, outcomes.reset_hint(text, None, answered_ms))

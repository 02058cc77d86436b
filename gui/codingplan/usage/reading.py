"""Reading the tools' files cheaply: only what was appended, only the lines that matter.

Append-only logs (JSONL) are read from the offset reached last time, in chunks, so a
huge file never sits in memory whole. Lines are found by searching each chunk for a few
byte strings (``needles``) first; only lines containing one are handed on for JSON
parsing. A line longer than ``MAX_LINE`` is skipped and counted, never held.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, NamedTuple

CHUNK = 1 << 20
MAX_LINE = 32 << 20
HEAD_BYTES = 64  # enough of a file's start to notice it was replaced by another file
Searches = list[tuple[bytes, int, int]]  # (needle, from, to) within a block


_DECODER = json.JSONDecoder()


def loads(line: bytes) -> Any:
    """``json.loads`` for one UTF-8 line, without its encoding sniffing (run per line)."""
    return _DECODER.decode(line.decode("utf-8"))


class Stat(NamedTuple):
    """A file's identity and version: a plain tuple, cheap to make and compare, because a
    refresh that finds nothing new does little else than compare thousands of these."""

    dev: int
    ino: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> Stat:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def read_head(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(HEAD_BYTES)


def same_head(old: bytes, new: bytes) -> bool:
    """Whether the file still starts as it did (a shorter old head must be a prefix)."""
    n = min(len(old), len(new))
    return old[:n] == new[:n]


class AppendedLines:
    """Iterate over the complete lines after ``offset`` that contain one of ``needles``.

    After iteration, ``offset`` is the end of the last complete line read (a partial last
    line is left for the next scan), ``huge`` the number of over-long lines skipped and
    ``bytes_read`` what was read.
    """

    def __init__(
        self,
        path: str,
        offset: int,
        needles: tuple[bytes, ...],
        searches: Callable[[bytes], Searches | None] | None = None,
        max_line: int = MAX_LINE,
        chunk: int = CHUNK,
    ) -> None:
        self.path = path
        self.offset = offset
        self.needles = needles
        self.searches = searches
        self.max_line = max_line
        self.chunk = chunk
        self.huge = 0
        self.bytes_read = 0

    def __iter__(self) -> Iterator[bytes]:
        with open(self.path, "rb") as handle:
            handle.seek(self.offset)
            yield from self._lines(handle)

    def _lines(self, handle: BinaryIO) -> Iterator[bytes]:
        pieces: list[bytes] = []  # an unfinished line, kept as pieces to avoid re-copying
        pending = 0
        skipping = False  # inside a line that is too long: drop bytes up to its end
        position = self.offset  # file offset of the first byte not yet consumed
        while chunk := handle.read(self.chunk):
            self.bytes_read += len(chunk)
            start = 0
            if skipping:
                newline = chunk.find(b"\n")
                if newline < 0:
                    position += len(chunk)
                    continue
                skipping, start = False, newline + 1
                position += start
                self.offset = position
            last = chunk.rfind(b"\n", start)
            if last < 0:
                pieces.append(chunk[start:] if start else chunk)
                pending += len(chunk) - start
                if pending > self.max_line:
                    self.huge += 1
                    position += pending
                    pieces, pending, skipping = [], 0, True
                continue
            block = chunk[start : last + 1]
            if pieces:
                block = b"".join([*pieces, block])
                pieces, pending = [], 0
            yield from self._matching(block)
            position += len(block)
            self.offset = position
            tail = chunk[last + 1 :]
            if tail:
                pieces, pending = [tail], len(tail)

    def _matching(self, block: bytes) -> Iterator[bytes]:
        """The lines of ``block`` (whole lines, each ending in a newline) holding a needle.

        ``searches``, if given, is asked for each block which needle to look for in which
        part of it: what a parser needs to see can depend on what the file holds.
        """
        starts: dict[int, int] = {}
        searches = self.searches(block) if self.searches else None
        if searches is None:
            searches = [(needle, 0, len(block)) for needle in self.needles]
        for needle, first, stop in searches:
            at = block.find(needle, first, stop)
            while at >= 0:
                begin = block.rfind(b"\n", 0, at) + 1
                end = block.find(b"\n", at)
                starts[begin] = end
                at = block.find(needle, end, stop)
        for begin in sorted(starts):
            end = starts[begin]
            if end - begin > self.max_line:
                self.huge += 1
                continue
            yield block[begin:end]

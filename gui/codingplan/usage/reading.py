"""Reading the tools' files cheaply: only what was appended, only the lines that matter.

Append-only logs (JSONL) are read from the offset reached last time, in chunks, so a
huge file never sits in memory whole. Each chunk is handed on as a window of whole lines
(``Block``), not copied; a parser looks in it for what it needs. The plain way, for most
parsers, is a few byte strings (``needles``): only lines containing one are parsed as JSON
(``matching_lines``). A line longer than ``MAX_LINE`` is skipped and counted, never held.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from io import BufferedIOBase
from typing import Any, NamedTuple

CHUNK = 1 << 20
MAX_LINE = 32 << 20
HEAD_BYTES = 64  # enough of a file's start to notice it was replaced by another file


class Block(NamedTuple):
    """Whole lines ``data[start:end]`` (the last one ends with its newline). ``data`` may
    be the reader's buffer, overwritten by the next block: take copies (slices) of it."""

    data: bytes | bytearray
    start: int
    end: int


_BUFFERS: list[bytearray] = []  # read buffers of CHUNK bytes, free for the next file


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


def same_head(old: bytes, new: bytes) -> bool:
    """Whether the file still starts as it did (a shorter old head must be a prefix)."""
    n = min(len(old), len(new))
    return old[:n] == new[:n]


class AppendedBlocks:
    """Iterate over the complete lines after ``offset`` of an open file, a block at a time.

    After iteration, ``offset`` is the end of the last complete line read (a partial last
    line is left for the next scan), ``huge`` the number of over-long lines skipped and
    ``bytes_read`` what was read. A parser that finds a line longer than ``max_line`` in a
    block skips it and adds it to ``huge`` too.
    """

    def __init__(
        self, handle: BufferedIOBase, offset: int, max_line: int = MAX_LINE, chunk: int = CHUNK
    ) -> None:
        self.handle = handle
        self.offset = offset
        self.max_line = max_line
        self.chunk = chunk
        self.huge = 0
        self.bytes_read = 0

    def __iter__(self) -> Iterator[Block]:
        handle = self.handle
        handle.seek(self.offset)
        # Read into one buffer, over and over: a new megabyte for each read costs the
        # system more than reading it. A block is valid only until the next one.
        buffer = _BUFFERS.pop() if _BUFFERS else bytearray(CHUNK)
        if len(buffer) != self.chunk:
            buffer = bytearray(self.chunk)
        try:
            yield from self._blocks(handle, buffer)
        finally:
            if len(buffer) == CHUNK:
                _BUFFERS.append(buffer)

    def _blocks(self, handle: BufferedIOBase, buffer: bytearray) -> Iterator[Block]:
        pieces: list[bytes] = []  # an unfinished line, kept as pieces to avoid re-copying
        pending = 0
        skipping = False  # inside a line that is too long: drop bytes up to its end
        position = self.offset  # file offset of the first byte not yet consumed
        while size := handle.readinto(buffer):
            self.bytes_read += size
            start = 0
            if skipping:
                newline = buffer.find(b"\n", 0, size)
                if newline < 0:
                    position += size
                    continue
                skipping, start = False, newline + 1
                position += start
                self.offset = position
            last = buffer.rfind(b"\n", start, size)
            if last < 0:
                pieces.append(bytes(buffer[start:size]))
                pending += size - start
                if pending > self.max_line:
                    self.huge += 1
                    position += pending
                    pieces, pending, skipping = [], 0, True
                continue
            if pieces:  # the line begun in earlier chunks ends here: one copy, then on
                joined = b"".join([*pieces, buffer[start : last + 1]])
                pieces, pending = [], 0
                yield Block(joined, 0, len(joined))
                position += len(joined)
            else:
                yield Block(buffer, start, last + 1)
                position += last + 1 - start
            self.offset = position
            if last + 1 < size:
                pieces, pending = [bytes(buffer[last + 1 : size])], size - last - 1

    def matching_lines(self, block: Block, needles: tuple[bytes, ...]) -> Iterator[bytes]:
        """The lines of ``block`` holding one of ``needles``, in order, each once."""
        data, first, stop = block
        find, rfind, view = data.find, data.rfind, memoryview(data)
        starts: dict[int, int] = {}
        for needle in needles:
            at = find(needle, first, stop)
            while at >= 0:
                begin = rfind(b"\n", first, at) + 1 or first
                end = find(b"\n", at, stop)
                starts[begin] = end
                at = find(needle, end, stop)
        for begin in sorted(starts):
            end = starts[begin]
            if end - begin > self.max_line:
                self.huge += 1
                continue
            yield bytes(view[begin:end])


class AppendedLines:
    """The complete lines after ``offset`` of the file at ``path`` that contain one of
    ``needles`` (``AppendedBlocks`` opened on the file; ``offset``, ``huge`` and
    ``bytes_read`` as there)."""

    def __init__(
        self,
        path: str,
        offset: int,
        needles: tuple[bytes, ...],
        max_line: int = MAX_LINE,
        chunk: int = CHUNK,
    ) -> None:
        self.path = path
        self.needles = needles
        self._blocks: AppendedBlocks | None = None
        self._start = (offset, max_line, chunk)

    @property
    def offset(self) -> int:
        return self._blocks.offset if self._blocks else self._start[0]

    @property
    def huge(self) -> int:
        return self._blocks.huge if self._blocks else 0

    @property
    def bytes_read(self) -> int:
        return self._blocks.bytes_read if self._blocks else 0

    def __iter__(self) -> Iterator[bytes]:
        from codingplan.fileio import open_regular

        with open_regular(self.path) as handle:
            self._blocks = blocks = AppendedBlocks(handle, *self._start)
            for block in blocks:
                yield from blocks.matching_lines(block, self.needles)

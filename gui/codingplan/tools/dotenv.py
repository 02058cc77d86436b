"""Editing a ``.env`` file one ``NAME=value`` line at a time, keeping every other line.

Only simple lines are read: ``NAME=value``, ``export NAME=value``, values in single or
double quotes, ``#`` comments. That is all this app writes and all it needs to find.
"""

from __future__ import annotations

import re
from typing import Any

from codingplan.tools.jsonc import MISSING, EditRefused, KeyPath

_ASSIGNMENT = re.compile(
    r"^[ \t]*(?:export[ \t]+)?(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)[ \t]*=[ \t]*(?P<value>.*?)[ \t]*$"
)
_SAFE_VALUE = re.compile(r"[A-Za-z0-9_\-.:/+@%]*")


def _unquote(raw: str) -> str:
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        return raw[1:-1]
    return raw.split(" #", 1)[0].rstrip()


class DotenvDocument:
    """A ``.env`` text; ``text`` is the current result. Paths are one name long."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.eol = "\r\n" if "\r\n" in text else "\n"

    @property
    def empty(self) -> bool:
        return not self.text.strip()

    def _lines(self) -> list[str]:
        return self.text.splitlines(keepends=True)

    def _where(self, name: str) -> list[int]:
        found = []
        for i, line in enumerate(self._lines()):
            match = _ASSIGNMENT.match(line.rstrip("\r\n"))
            if match and match.group("name") == name:
                found.append(i)
        return found

    def _line_of(self, path: KeyPath) -> int | None:
        if len(path) != 1:
            raise EditRefused("a .env file holds only NAME=value lines")
        found = self._where(str(path[0]))
        if len(found) > 1:
            raise EditRefused(f"{path[0]} is set more than once")
        return found[0] if found else None

    def value(self) -> dict[str, str]:
        values = {}
        for line in self._lines():
            match = _ASSIGNMENT.match(line.rstrip("\r\n"))
            if match:
                values[match.group("name")] = _unquote(match.group("value"))
        return values

    def get(self, path: KeyPath) -> Any:
        index = self._line_of(path)
        if index is None:
            return MISSING
        match = _ASSIGNMENT.match(self._lines()[index].rstrip("\r\n"))
        assert match is not None
        return _unquote(match.group("value"))

    def put(self, path: KeyPath, value: Any) -> KeyPath | None:
        if not isinstance(value, str) or not _SAFE_VALUE.fullmatch(value):
            raise EditRefused("only plain values are written to a .env file")
        index = self._line_of(path)
        lines = self._lines()
        if index is None:
            if lines and not lines[-1].endswith("\n"):
                lines[-1] += self.eol
            lines.append(f"{path[0]}={value}{self.eol}")
        else:
            line = lines[index]
            ending = line[len(line.rstrip("\r\n")) :]
            body = line.rstrip("\r\n")
            match = _ASSIGNMENT.match(body)
            assert match is not None
            if _unquote(match.group("value")) == value:
                return None
            lines[index] = (
                body[: match.start("value")] + value + body[match.end("value") :] + ending
            )
        self.text = "".join(lines)
        return None

    def remove(self, path: KeyPath) -> None:
        index = self._line_of(path)
        if index is None:
            return
        lines = self._lines()
        del lines[index]
        self.text = "".join(lines)

    def entries(self, path: KeyPath, match: dict[str, Any]) -> list[tuple[int, Any]]:
        raise EditRefused("a .env file has no lists")

    def prepend(self, path: KeyPath, value: Any) -> KeyPath | None:
        raise EditRefused("a .env file has no lists")

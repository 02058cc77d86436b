"""Editing a ``.env`` file one ``NAME=value`` assignment at a time, keeping everything else.

The file is read the way the tools read it: Qwen Code and Continue bundle the npm ``dotenv``
parser (16.x), whose grammar is ported here unchanged. So ``export NAME=value`` and
``NAME: value`` assign; an unquoted value ends at ``#`` (the rest is a comment, kept when
the value is replaced); a value in single, double or back quotes may span lines, and the
lines inside it are part of the value, never assignments of their own; a later assignment
of a name wins.
"""

from __future__ import annotations

import re
from typing import Any

from codingplan.jsonc import MISSING, EditRefused, KeyPath

# dotenv's LINE expression, with names for its parts (what it matches is the same).
# JavaScript's \w is ASCII, and its \s also takes a byte order mark.
_S = r"[\s\ufeff]"
_LINE = re.compile(
    rf"(?:^|^){_S}*(?:export{_S}+)?(?P<name>[A-Za-z0-9_.-]+)(?P<sep>{_S}*={_S}*?|:{_S}+?)"
    rf"(?P<value>{_S}*'(?:\\'|[^'])*'|{_S}*\"(?:\\\"|[^\"])*\"|{_S}*`(?:\\`|[^`])*`|[^#\r\n]+)?"
    rf"{_S}*(?:#.*)?(?:$|$)",
    re.MULTILINE,
)
_QUOTED = re.compile(r"^(['\"`])([\s\S]*)\1$", re.MULTILINE)
_BLANKS = " \t\n\r\f\v\ufeff"
_SAFE_VALUE = re.compile(r"[A-Za-z0-9_\-.:/+@%]*")


def _decoded(raw: str) -> str:
    """A value as dotenv gives it: trimmed, unquoted, ``\\n`` expanded in double quotes."""
    value = raw.replace("\r\n", "\n").strip()
    quote = value[:1]
    value = _QUOTED.sub(r"\2", value)
    if quote == '"':
        value = value.replace("\\n", "\n").replace("\\r", "\r")
    return value


def _encoded(value: str) -> str:
    """``value`` as text that dotenv reads back as exactly ``value``."""
    if _SAFE_VALUE.fullmatch(value):
        return value
    if not value.endswith("\\"):  # a backslash before the closing quote escapes it
        for quote in ("'", "`"):  # taken literally by dotenv, newlines included
            if quote not in value:
                return f"{quote}{value}{quote}"
        if '"' not in value and "\\n" not in value and "\\r" not in value:
            return f'"{value}"'
    raise EditRefused("the value cannot be written to a .env file as it is")


class _Assignment:
    """Where one assignment sits in the text."""

    def __init__(self, text: str, match: re.Match[str]) -> None:
        self.name = match.group("name")
        raw = match.group("value") or ""
        # The value's own characters: without dotenv's leading blanks and an unquoted
        # value's trailing ones (those belong to the line, before its comment).
        start = match.end("sep") + (len(raw) - len(raw.lstrip(_BLANKS)))
        self.value_start = start
        self.value_end = start + len(raw.strip(_BLANKS))
        self.raw = text[self.value_start : self.value_end]
        name_start = match.start("name")
        self.line_start = text.rfind("\n", 0, name_start) + 1
        newline = text.find("\n", max(self.value_end, match.end("sep")))
        self.line_end = len(text) if newline < 0 else newline + 1

    @property
    def value(self) -> str:
        return _decoded(self.raw)


class DotenvDocument:
    """A ``.env`` text; ``text`` is the current result. Paths are one name long."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.eol = "\r\n" if "\r\n" in text else "\n"

    @property
    def empty(self) -> bool:
        return not self.text.strip()

    def _assignments(self) -> list[_Assignment]:
        return [_Assignment(self.text, m) for m in _LINE.finditer(self.text)]

    def _find(self, path: KeyPath) -> _Assignment | None:
        if len(path) != 1:
            raise EditRefused("a .env file holds only NAME=value lines")
        found = [a for a in self._assignments() if a.name == str(path[0])]
        if len(found) > 1:
            raise EditRefused(f"{path[0]} is set more than once")
        return found[0] if found else None

    def value(self) -> dict[str, str]:
        return {a.name: a.value for a in self._assignments()}

    def get(self, path: KeyPath) -> Any:
        found = self._find(path)
        return MISSING if found is None else found.value

    def put(self, path: KeyPath, value: Any) -> KeyPath | None:
        if not isinstance(value, str):
            raise EditRefused("only text values are written to a .env file")
        found = self._find(path)
        if found is None:
            text = self.text
            if text and not text.endswith("\n"):
                text += self.eol
            self.text = f"{text}{path[0]}={_encoded(value)}{self.eol}"
        elif found.value != value:
            # Only the value's own characters change: a comment after it stays.
            self.text = (
                self.text[: found.value_start] + _encoded(value) + self.text[found.value_end :]
            )
        return None

    def remove(self, path: KeyPath) -> None:
        found = self._find(path)
        if found is not None:
            self.text = self.text[: found.line_start] + self.text[found.line_end :]

    def entries(self, path: KeyPath, match: dict[str, Any]) -> list[tuple[int, Any]]:
        raise EditRefused("a .env file has no lists")

    def prepend(self, path: KeyPath, value: Any) -> KeyPath | None:
        raise EditRefused("a .env file has no lists")

"""Editing JSON-with-comments text while keeping every byte we do not change.

Coding tools accept ``//`` and ``/* */`` comments and trailing commas in their settings,
and people lay their files out by hand. An edit here replaces the text span of one value,
inserts one member with the container's own indentation and line endings, or removes one
member with its comma, the way an editor would; everything else stays byte for byte.

No library on PyPI fits: json-five keeps comments but parses about 30 s per MB (a 20 MB
file would take minutes), json5kit fails on block comments and ``\\u`` escapes,
jsonc-document needs Python 3.12, the jsonc/jsoncgx packages drop comments, and
jsonc-edit needs Node.js at run time. So this module keeps two shadow copies of the text
of the same length, one with comments blanked and one with trailing commas blanked too,
and lets the C parts of the standard ``json`` module do the heavy lifting on them: full
validation, and skipping over values while it walks to the few places it edits.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from json.decoder import scanstring as _scanstring  # type: ignore[attr-defined]  # see below
from typing import Any

# The C string scanner that json itself uses: there at run time, but left out of typeshed's
# json.decoder stubs, so it is typed here.
scanstring: Callable[[str, int], tuple[str, int]] = _scanstring

KeyPath = tuple[str | int, ...]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


class ParseError(ValueError):
    """The text is not JSON (with comments); ``line`` and ``column`` count from 1."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"{message} (line {line}, column {column})")
        self.reason = message
        self.line = line
        self.column = column


class EditRefused(ValueError):
    """The edit cannot be made without changing something that is not ours."""


# Code and strings in one run, so a callback runs per comment rather than per string.
_COMMENTS = re.compile(
    r"""
    (?:[^"/]++|"(?:[^"\\\n]|\\.)*+"|/(?![/*]))++   # code, strings, a lone slash
  | (?P<comment>//[^\r\n]*+|/\*[\s\S]*?\*/)
  | (?P<open>/\*)                                # a comment that never ends
  | "                                             # a string that never ends
    """,
    re.VERBOSE,
)
_STRINGS = re.compile(r'"(?:[^"\\\n]|\\.)*+"')
_TRAILING_COMMA = re.compile(r",(?=[ \t\r\n]*+[\]}])")
_NON_FINITE = re.compile(r"(?<![\w\"])(?:-?Infinity|NaN)(?![\w\"])")
_WS = re.compile(r"[ \t\r\n]*+")
_BLANKS = re.compile(r"[ \t]*+")
_BRACKETS = re.compile(r"[\[\]{}]")
_NOT_BRACKET_BYTES = bytes(b for b in range(256) if b not in b"[]{}")
_DECODER = json.JSONDecoder()
MAX_DEPTH = 200


def _skip(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where ``pattern`` (_WS or _BLANKS, which also match nothing) stops matching at ``pos``."""
    match = pattern.match(text, pos)
    assert match is not None  # an empty match still is a match
    return match.end()


def _blank(text: str) -> str:
    """Spaces for every character but line breaks, so positions and lines stay put."""
    return re.sub(r"[^\r\n]", " ", text)


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _strip_comments(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        if match.group("comment") is not None:
            return _blank(match.group(0))
        if match.group("open") is not None:
            raise ParseError("a /* comment is never closed", *_line_col(text, match.start()))
        return match.group(0)

    plain = _COMMENTS.sub(repl, text)
    if plain.startswith("\ufeff"):  # a byte order mark: keep it, but let json ignore it
        plain = " " + plain[1:]
    return plain


def _strip_trailing_commas(plain: str) -> str:
    candidates = [m.start() for m in _TRAILING_COMMA.finditer(plain)]
    if not candidates:
        return plain
    strings = [(m.start(), m.end()) for m in _STRINGS.finditer(plain)]
    starts = [start for start, _end in strings]
    chars = list(plain)
    for pos in candidates:
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0 or pos >= strings[i][1]:  # not inside a string
            chars[pos] = " "
    return "".join(chars)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


def _check_depth(plain: str) -> None:
    """Refuse values nested deeper than ``MAX_DEPTH``: no settings file needs that, and
    reading deeper would exhaust Python's stack (the tools' own parsers take them)."""
    if plain.count("[") + plain.count("{") <= MAX_DEPTH:
        return
    # The quick look: the brackets alone, each pass taking out the innermost pairs. It
    # counts brackets inside strings too, so when it does not end in nothing, look closely.
    brackets = plain.encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKET_BYTES)
    for _ in range(MAX_DEPTH):
        if not brackets:
            return
        brackets = brackets.replace(b"[]", b"").replace(b"{}", b"")
    blanked = _STRINGS.sub(lambda m: " " * len(m.group(0)), plain)  # positions kept
    depth = 0
    for match in _BRACKETS.finditer(blanked):
        depth += 1 if match.group(0) in "[{" else -1
        if depth > MAX_DEPTH:
            raise ParseError(
                f"values are nested more than {MAX_DEPTH} levels deep",
                *_line_col(plain, match.start()),
            )
    # Not too deep, only unbalanced: the parser says where.


def _parse(parse_text: str) -> Any:
    try:
        return json.loads(parse_text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ParseError(exc.msg, exc.lineno, exc.colno) from None
    except RecursionError:
        raise ParseError(f"values are nested more than {MAX_DEPTH} levels deep", 1, 1) from None
    except ValueError as exc:  # NaN or Infinity
        found = _NON_FINITE.search(parse_text)
        pos = found.start() if found else 0
        raise ParseError(str(exc), *_line_col(parse_text, pos)) from None


@dataclass
class _Item:
    """One member of an object (``key`` set) or element of an array, by position."""

    key: str | None
    start: int  # where the key (or the element) begins
    value_start: int
    value_end: int
    comma: int | None  # the comma after the value, if any


@dataclass
class _Container:
    open: int
    close: int  # position of the closing bracket
    items: list[_Item]
    is_object: bool


def canonical(value: Any) -> str:
    """One spelling per JSON value, to compare values whatever their layout."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class JsoncDocument:
    """A JSON-with-comments text, edited in place. ``text`` is the current result."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._plain = _strip_comments(text)
        self._parse = _plain = self._plain
        _check_depth(_plain)
        if _plain.strip():
            try:
                _parse(_plain)
            except ParseError:
                self._parse = _strip_trailing_commas(_plain)
                _parse(self._parse)
        self.eol = "\r\n" if "\r\n" in text else "\n"
        self.unit = self._detect_unit()

    # --- reading -------------------------------------------------------------------------

    def first_extension(self) -> tuple[int, int] | None:
        """(line, column) of the first comment, trailing comma or byte order mark, if any:
        what strict JSON readers (JSON.parse) reject."""
        if self._parse == self.text:
            return None
        pos = next(i for i, (a, b) in enumerate(zip(self.text, self._parse, strict=True)) if a != b)
        return _line_col(self.text, pos)

    @property
    def empty(self) -> bool:
        """Whether the text holds no value at all (empty, or only space and comments)."""
        return not self._plain.strip()

    def value(self) -> Any:
        return MISSING if self.empty else _parse(self._parse)

    def get(self, path: KeyPath) -> Any:
        span = self._value_span(path)
        if span is None:
            return MISSING
        return _DECODER.raw_decode(self._parse, span[0])[0]

    def entries(self, path: KeyPath, match: dict[str, Any]) -> list[tuple[int, Any]]:
        """(index, element) of each object in the array at ``path`` with all ``match`` fields."""
        return matching(self.get(path), match)

    # --- editing -------------------------------------------------------------------------

    def put(self, path: KeyPath, value: Any) -> KeyPath | None:
        """Make the value at ``path`` equal ``value``, creating missing objects on the way.

        Returns the path of the outermost container this created, or None.
        """
        if not path:
            raise EditRefused("the whole document cannot be replaced")
        if self.empty:
            self._create_root(_nest(path, value))
            return ()
        container_path: KeyPath = ()
        for depth in range(len(path)):
            container = self._container(container_path)
            key = path[depth]
            item = self._find(container, key, container_path)
            if item is None:
                if not container.is_object:
                    raise EditRefused(f"{_show(container_path)} has no element {key}")
                self._insert_member(container, str(key), _nest(path[depth + 1 :], value))
                return path[: depth + 1] if depth + 1 < len(path) else None
            if depth == len(path) - 1:
                current = _DECODER.raw_decode(self._parse, item.value_start)[0]
                if canonical(current) != canonical(value):
                    self._replace_value(item, value)
                return None
            container_path = path[: depth + 1]
        return None

    def prepend(self, path: KeyPath, value: Any) -> KeyPath | None:
        """Insert ``value`` as the first element of the array at ``path`` (created if missing)."""
        current = self.get(path)
        if current is MISSING:
            created = self.put(path, [value])
            return path if created is None else created
        if not isinstance(current, list):
            raise EditRefused(f"{_show(path)} is not a list")
        self._insert_first(self._container(path), value)
        return None

    def remove(self, path: KeyPath) -> None:
        """Remove the member or element at ``path``; absent is fine. ``()`` removes it all."""
        if not path:
            self._remove_root()
            return
        if self.get(path) is MISSING:
            return
        container = self._container(path[:-1])
        item = self._find(container, path[-1], path[:-1])
        assert item is not None
        self._remove_item(container, container.items.index(item))

    # --- walking -------------------------------------------------------------------------

    def _root_start(self) -> int:
        return _skip(_WS, self._plain, 0)

    def _value_span(self, path: KeyPath) -> tuple[int, int] | None:
        if self.empty:
            return None
        start = self._root_start()
        container_path: KeyPath = ()
        for key in path:
            if self._plain[start] not in "{[":
                return None
            container = self._scan(start)
            item = self._find(container, key, container_path)
            if item is None:
                return None
            start = item.value_start
            container_path = (*container_path, key)
        return start, _DECODER.raw_decode(self._parse, start)[1]

    def _container(self, path: KeyPath) -> _Container:
        span = self._value_span(path)
        if span is None or self._plain[span[0]] not in "{[":
            raise EditRefused(f"{_show(path)} is not an object or a list")
        return self._scan(span[0])

    def _find(self, container: _Container, key: str | int, where: KeyPath) -> _Item | None:
        if container.is_object:
            found = [item for item in container.items if item.key == key]
            if len(found) > 1:
                raise EditRefused(f"{_show((*where, key))} appears more than once")
            return found[0] if found else None
        if isinstance(key, int) and 0 <= key < len(container.items):
            return container.items[key]
        return None

    def _scan(self, open_pos: int) -> _Container:
        """The items of the object or array opening at ``open_pos`` (already validated)."""
        plain, is_object = self._plain, self._plain[open_pos] == "{"
        close_char = "}" if is_object else "]"
        items: list[_Item] = []
        pos = _skip(_WS, plain, open_pos + 1)
        while plain[pos] != close_char:
            start, key = pos, None
            if is_object:
                key, pos = scanstring(plain, pos + 1)
                pos = _skip(_WS, plain, pos) + 1  # past the colon
                pos = _skip(_WS, plain, pos)
            value_start = pos
            value_end = _DECODER.raw_decode(self._parse, pos)[1]
            pos = _skip(_WS, plain, value_end)
            comma = None
            if plain[pos] == ",":
                comma = pos
                pos = _skip(_WS, plain, pos + 1)
            items.append(_Item(key, start, value_start, value_end, comma))
        return _Container(open_pos, pos, items, is_object)

    # --- layout --------------------------------------------------------------------------

    def _detect_unit(self) -> str:
        sizes = []
        for line in self.text.splitlines()[:500]:
            stripped = line.lstrip(" \t")
            if stripped and stripped[0] in '"{[]}' and line != stripped:
                if line[0] == "\t":
                    return "\t"
                sizes.append(len(line) - len(stripped))
        return " " * min(sizes) if sizes else "  "

    def _line_start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    def _indent(self, pos: int) -> str:
        start = self._line_start(pos)
        line = self.text[start:pos]
        return line[: len(line) - len(line.lstrip(" \t"))]

    def _starts_line(self, pos: int) -> bool:
        return not self.text[self._line_start(pos) : pos].strip(" \t")

    def _dump(self, value: Any, indent: str | None) -> str:
        """``value`` laid out like its neighbours; on one line where they share a line."""
        if indent is None:
            return json.dumps(value, ensure_ascii=False)
        text = json.dumps(value, indent=self.unit, ensure_ascii=False)
        return text.replace("\n", self.eol + indent)

    def _member(self, key: str | None, value: Any, indent: str | None) -> str:
        dumped = self._dump(value, indent)
        return dumped if key is None else f"{json.dumps(key, ensure_ascii=False)}: {dumped}"

    # --- the three kinds of edit, each a set of splices applied back to front ----------

    def _splice(self, edits: list[tuple[int, int, str, str | None]]) -> None:
        """Replace spans; the fourth field, if given, is what the parser's copy gets.

        Edits at the same place land in list order.
        """
        ordered = sorted(enumerate(edits), key=lambda e: (e[1][0], e[0]), reverse=True)
        for _order, (start, end, new, parse_new) in ordered:
            self.text = self.text[:start] + new + self.text[end:]
            self._plain = self._plain[:start] + new + self._plain[end:]
            parsed = new if parse_new is None else parse_new
            self._parse = self._parse[:start] + parsed + self._parse[end:]

    def _create_root(self, value: dict[str, Any]) -> None:
        lead = self.eol if self.text and not self.text.endswith("\n") else ""
        end = len(self.text)
        self._splice([(end, end, lead + self._dump(value, "") + self.eol, None)])

    def _remove_root(self) -> None:
        if self.empty:
            return
        start = self._root_start()
        end = _DECODER.raw_decode(self._parse, start)[1]
        if self.text[end : end + len(self.eol)] == self.eol:
            end += len(self.eol)
        self._splice([(start, end, "", None)])

    def _keep_comments(self, start: int, end: int, what: str) -> None:
        if self._plain[start:end] != self.text[start:end]:
            raise EditRefused(f"a comment inside {what} would be lost")

    def _replace_value(self, item: _Item, value: Any) -> None:
        self._keep_comments(item.start, item.value_end, f"the value of {item.key or 'an item'}")
        indent = self._indent(item.start) if self._starts_line(item.start) else None
        self._splice([(item.value_start, item.value_end, self._dump(value, indent), None)])

    def _insert_member(self, container: _Container, key: str, value: Any) -> None:
        if not container.items:
            self._insert_into_empty(container, key, value)
            return
        last = container.items[-1]
        own_line = self._starts_line(last.start)
        indent = self._indent(last.start) if own_line else None
        member = self._member(key, value, indent)
        if last.comma is not None:  # the person ends members with a comma: so do we
            # That comma now separates two members, so the parser's copy gets it back.
            new = "," + (self.eol + indent if indent is not None else " ") + member
            self._splice([(last.comma, last.comma + 1, new + ",", new + " ")])
            return
        if indent is None:  # not on a line of its own
            self._splice([(last.value_end, last.value_end, ", " + member, None)])
            return
        # The comma right after the value; the member on a new line after any comment that
        # ends the line, unless the closing bracket shares that line.
        line_end = self.text.find("\n", last.value_end)
        if line_end != -1 and self.text[line_end - 1 : line_end] == "\r":
            line_end -= 1
        if (
            line_end != -1
            and line_end < container.close
            and not self._plain[last.value_end : line_end].strip()
            and "/*" not in self.text[last.value_end : line_end]  # a block comment may go on
        ):
            self._splice(
                [
                    (last.value_end, last.value_end, ",", None),
                    (line_end, line_end, self.eol + indent + member, None),
                ]
            )
        else:
            self._splice([(last.value_end, last.value_end, "," + self.eol + indent + member, None)])

    def _insert_into_empty(self, container: _Container, key: str | None, value: Any) -> None:
        outer = self._indent(container.open)
        inner = outer + self.unit
        member = self._member(key, value, inner)
        body = self.text[container.open + 1 : container.close]
        if not body.strip():
            new = self.eol + inner + member + self.eol + outer
            self._splice([(container.open + 1, container.close, new, None)])
        else:  # only comments inside: keep them after the new member
            self._splice(
                [(container.open + 1, container.open + 1, self.eol + inner + member, None)]
            )

    def _insert_first(self, container: _Container, value: Any) -> None:
        if not container.items:
            self._insert_into_empty(container, None, value)
            return
        first = container.items[0]
        if self._starts_line(first.start):
            indent = self._indent(first.start)
            at = self._line_start(first.start)
            new = indent + self._member(None, value, indent) + "," + self.eol
        else:
            at, new = first.start, self._member(None, value, None) + ", "
        self._splice([(at, at, new, None)])

    def _remove_item(self, container: _Container, index: int) -> None:
        items = container.items
        item = items[index]
        last = index == len(items) - 1
        own_line = self._starts_line(item.start)
        if own_line:
            start = self._line_start(item.start)
            if start > 0:  # take the line break before it too
                start -= 2 if self.text[start - 2 : start] == "\r\n" else 1
        elif last and item.comma is None:
            start = item.start
            while start > 0 and self.text[start - 1] in " \t":
                start -= 1
        else:
            start = item.start
        edits: list[tuple[int, int, str, str | None]] = []
        if item.comma is not None:
            end = item.comma + 1
            if not last and not own_line:
                end = min(_skip(_BLANKS, self.text, end), items[index + 1].start)
            edits.append((start, end, "", None))
            if last and index > 0:  # the comma before it is now the trailing one
                comma = items[index - 1].comma
                assert comma is not None
                edits.append((comma, comma + 1, ",", " "))
        else:
            edits.append((start, item.value_end, "", None))
            if index > 0:
                comma = items[index - 1].comma
                assert comma is not None
                edits.append((comma, comma + 1, "", None))
        for start, end, _new, _parse_new in edits:
            self._keep_comments(start, end, f"{item.key or 'the item'} and its comma")
        self._splice(edits)
        if len(items) == 1:  # now empty: let the brackets close up
            container = self._scan(container.open)
            body = self.text[container.open + 1 : container.close]
            if body and not body.strip():
                self._splice([(container.open + 1, container.close, "", None)])


def matching(array: Any, match: dict[str, Any]) -> list[tuple[int, Any]]:
    """(index, element) of each object in ``array`` that has all of ``match``'s fields."""
    if not isinstance(array, list):
        return []
    return [
        (i, item)
        for i, item in enumerate(array)
        if isinstance(item, dict) and all(item.get(k, MISSING) == v for k, v in match.items())
    ]


def _nest(path: KeyPath, value: Any) -> Any:
    for key in reversed(path):
        value = {key: value}
    return value


def _show(path: KeyPath) -> str:
    return ".".join(str(p) for p in path) if path else "the top level"


def loads(text: str) -> Any:
    """The value of a JSON-with-comments text (MISSING when it holds none); raises ParseError.

    For reading a tool's file without editing it: the same rules as ``JsoncDocument``.
    """
    return JsoncDocument(text).value()

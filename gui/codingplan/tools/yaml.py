"""Editing a YAML file in place with ruamel.yaml's round trip: comments, order and quoting kept.

ruamel.yaml writes a whole document in one indentation style. So before editing, the layouts
it can write are tried until one gives back the file byte for byte (line endings, a byte
order mark, the document markers and a missing last newline are put back as they were); a
file written in no single style (mixed indentation) is read but never edited: the edit is
refused, and the person is shown what to add by hand.
"""

from __future__ import annotations

import datetime
import functools
import io
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from codingplan.jsonc import MISSING, EditRefused, KeyPath, ParseError, matching

if TYPE_CHECKING:
    from ruamel.yaml import YAML


@functools.cache
def _ruamel() -> Any:
    """ruamel.yaml, imported when a YAML file is first opened: it takes long to import, and
    most commands (``usage``, the key helper) open none."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.util import load_yaml_guess_indent

    return SimpleNamespace(
        YAML=YAML,
        CommentedMap=CommentedMap,
        CommentedSeq=CommentedSeq,
        YAMLError=YAMLError,
        load_yaml_guess_indent=load_yaml_guess_indent,
    )


# (mapping indent, sequence indent, offset of a sequence's dash within it): the layouts
# tried, Continue's own (lists indented under their key) first.
_LAYOUTS = [(2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 4, 0), (2, 4, 0), (4, 2, 0)]


def _plain(value: Any) -> Any:
    """A YAML value as plain JSON-like data (timestamps as ISO text)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, bool):
        return value
    for kind in (int, float, str):  # ruamel's scalar types keep their spelling; drop it
        if isinstance(value, kind):
            return kind(value)
    return str(value)


class YamlDocument:
    """A YAML text; ``text`` is the current result. Paths are keys and list indexes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.eol = "\r\n" if "\r\n" in text else "\n"
        body = text[1:] if text.startswith("\ufeff") else text
        self._bom = "\ufeff" if body is not text else ""
        self._body = body.replace("\r\n", "\n")
        self._yaml: YAML | None = None
        try:
            self._data = self._reader().load(self._body)
        except _ruamel().YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise ParseError(str(getattr(exc, "problem", None) or exc), line, column) from None
        except RecursionError:
            raise ParseError("values are nested too deeply", 1, 1) from None
        except ValueError as exc:  # a number past Python's digit limit, a date no calendar has
            reason = "a number is too long" if "digits" in str(exc) else f"a value: {exc}"
            raise ParseError(reason, 1, 1) from None
        if self._data is not None and not isinstance(self._data, _ruamel().CommentedMap):
            raise ParseError("the file does not hold a mapping of settings", 1, 1)
        _check_aliases(self._data)
        # A file with no values (comments only, or blank) is kept as the head of a new one.
        self._head = self._body if self._data is None else ""

    @staticmethod
    def _reader() -> YAML:
        yaml: YAML = _ruamel().YAML(typ="rt")
        yaml.preserve_quotes = True
        yaml.width = 1 << 16  # never fold a long line
        return yaml

    # --- reading -------------------------------------------------------------------------

    @property
    def empty(self) -> bool:
        return self._data is None

    def value(self) -> Any:
        return MISSING if self._data is None else _plain(self._data)

    def _node(self, path: KeyPath) -> Any:
        node: Any = self._data
        for key in path:
            node = _child(node, key)
            if node is MISSING:
                break
        return node

    def get(self, path: KeyPath) -> Any:
        node = self._node(path)
        return MISSING if node is MISSING else _plain(node)

    def entries(self, path: KeyPath, match: dict[str, Any]) -> list[tuple[int, Any]]:
        return matching(self.get(path), match)

    # --- editing -------------------------------------------------------------------------

    def put(self, path: KeyPath, value: Any) -> KeyPath | None:
        """Make the value at ``path`` equal ``value``, creating mappings on the way.

        Returns the path of the outermost container this created, or None.
        """
        if not path:
            raise EditRefused("the whole document cannot be replaced")
        writer = self._writer()
        created: KeyPath | None = None
        if self._data is None:
            self._data = _ruamel().CommentedMap()
            created = ()
        node: Any = self._data
        for depth, key in enumerate(path[:-1]):
            child = _child(node, key)
            if child is MISSING:
                if not isinstance(node, dict):
                    raise EditRefused(f"{_show(path[:depth])} is not a mapping")
                child = _ruamel().CommentedMap()
                node[key] = child
                created = path[: depth + 1] if created is None else created
            elif not isinstance(child, dict | list):
                raise EditRefused(f"{_show(path[: depth + 1])} is not a mapping or a list")
            node = child
        last = path[-1]
        if isinstance(node, dict):
            if _plain(node.get(last, MISSING)) == value and last in node:
                return created
            node[last] = _fresh(value)
        elif isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node):
            if _plain(node[last]) == value:
                return created
            node[last] = _fresh(value)
        else:
            raise EditRefused(f"{_show(path[:-1])} has no element {last}")
        self._render(writer)
        return created

    def prepend(self, path: KeyPath, value: Any) -> KeyPath | None:
        current = self._node(path)
        if current is MISSING:
            created = self.put(path, [value])
            return path if created is None else created
        if not isinstance(current, list):
            raise EditRefused(f"{_show(path)} is not a list")
        writer = self._writer()
        current.insert(0, _fresh(value))
        self._render(writer)
        return None

    def remove(self, path: KeyPath) -> None:
        if not path:
            if self._data is not None:
                writer = self._writer()
                self._data = None
                self._render(writer)
            return
        parent = self._node(path[:-1])
        if _child(parent, path[-1]) is MISSING:
            return
        writer = self._writer()
        del parent[path[-1]]
        self._render(writer)

    # --- writing -------------------------------------------------------------------------

    def _writer(self) -> YAML:
        """A writer that gives the file back as it is, or the refusal to edit it."""
        if self._yaml is not None:
            return self._yaml
        if self._data is None:  # nothing to keep but comments: the usual layout
            self._yaml = self._make_writer((2, 4, 2))
            return self._yaml
        for layout in self._layouts():
            writer = self._make_writer(layout)
            if self._dump(writer) == self.text:
                self._yaml = writer
                return writer
        raise EditRefused("its layout (mixed indentation) cannot be kept exactly")

    def _layouts(self) -> list[tuple[int, int, int]]:
        """ruamel's guess at this file's layout first, then the common ones."""
        guessed: list[tuple[int, int, int]] = []
        try:
            _data, indent, dash = _ruamel().load_yaml_guess_indent(self._body)
        except _ruamel().YAMLError:
            indent = dash = None
        if indent:
            offset = dash or 0
            guessed = [(m, indent, offset) for m in (2, 4, indent) if offset < indent]
        return list(dict.fromkeys([*guessed, *_LAYOUTS]))

    def _make_writer(self, layout: tuple[int, int, int]) -> YAML:
        writer = self._reader()
        mapping, sequence, offset = layout
        writer.indent(mapping=mapping, sequence=sequence, offset=offset)
        writer.explicit_start = self._body.lstrip().startswith("---")
        writer.explicit_end = self._body.rstrip().endswith("\n...")
        return writer

    def _dump(self, writer: YAML) -> str:
        """The whole file as ``writer`` would write it now."""
        if self._data is None:
            return self._bom + self._head.replace("\n", self.eol)
        out = io.StringIO()
        writer.dump(self._data, out)
        body = out.getvalue()
        if self._head:  # a file that held only comments: they stay above the new values
            body = (self._head if self._head.endswith("\n") else self._head + "\n") + body
        elif not self._body.endswith("\n") and body.endswith("\n"):
            body = body[:-1]
        return self._bom + body.replace("\n", self.eol)

    def _render(self, writer: YAML) -> None:
        self.text = self._dump(writer)


# How many values a document may hold once its aliases are followed. A settings file has a
# few hundred; an alias repeated inside aliases ("billion laughs") multiplies them without
# bound, and every reader of the value would expand them all.
MAX_VALUES = 100_000


def _check_aliases(data: Any) -> None:
    """Refuse a document whose aliases expand past ``MAX_VALUES`` values, or refer to
    themselves. Each node is sized once (aliases share their node), so this costs no more
    than the file is long."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: Any) -> int:
        if isinstance(node, dict):
            children = [*node.keys(), *node.values()]
        elif isinstance(node, list):
            children = list(node)
        else:
            return 1
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise ParseError("a value refers to itself (through an alias)", 1, 1)
        open_nodes.add(key)
        total = 1
        for child in children:
            total += size(child)
            if total > MAX_VALUES:
                raise ParseError(f"its aliases expand to more than {MAX_VALUES:,} values", 1, 1)
        open_nodes.discard(key)
        sizes[key] = total
        return total

    try:
        size(data)
    except RecursionError:
        raise ParseError("values are nested too deeply", 1, 1) from None


def _child(node: Any, key: str | int) -> Any:
    """The value under ``key`` in a mapping, or at index ``key`` in a list; else MISSING."""
    if isinstance(node, dict) and isinstance(key, str) and key in node:
        return node[key]
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return MISSING


def _fresh(value: Any) -> Any:
    """Plain data as ruamel nodes, laid out in block style like the rest of the file."""
    if isinstance(value, dict):
        node = _ruamel().CommentedMap()
        for k, v in value.items():
            node[k] = _fresh(v)
        return node
    if isinstance(value, list):
        seq = _ruamel().CommentedSeq()
        seq.extend(_fresh(v) for v in value)
        return seq
    return value


def _show(path: KeyPath) -> str:
    return ".".join(str(p) for p in path) if path else "the top level"

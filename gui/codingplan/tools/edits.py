"""The one way this app changes a tool's file: a few owned values, merged in place.

An adapter says what it wants in a file as a short list of operations (``Put``, ``Drop``,
``Entry``). Planning applies them to the file's text in memory, remembers the value each
one replaced (so revert can put it back), and yields the new bytes and a diff with the
key masked. Nothing here writes to disk: ``changes`` does, from a previewed plan.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codingplan.errors import CodingPlanError, os_reason
from codingplan.fileio import READ_LIMIT, NotRegularFile, read_regular
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.jsonc import (
    MISSING,
    EditRefused,
    JsoncDocument,
    KeyPath,
    ParseError,
    canonical,
)
from codingplan.redact import mask_key, redact
from codingplan.tools.dotenv import DotenvDocument
from codingplan.tools.yaml import YamlDocument

KEY_FILE_MODE = 0o600


@dataclass(frozen=True)
class Put:
    """The value at ``path`` must be ``value`` (objects on the way are created)."""

    path: KeyPath
    value: Any = field(repr=False)
    secret: bool = False  # the value holds the key
    if_absent: bool = False  # only fill a gap; an existing value is not ours
    volatile: tuple[str, ...] = ()  # fields the tool itself rewrites (ignored when comparing)


@dataclass(frozen=True)
class Drop:
    """Nothing may be at ``path`` (e.g. the other key mode's setting)."""

    path: KeyPath


@dataclass(frozen=True)
class Entry:
    """The list at ``path`` must hold ``value``, found again by the fields in ``match``."""

    path: KeyPath
    match: dict[str, Any]
    value: dict[str, Any] = field(repr=False)
    secret: bool = False


@dataclass(frozen=True)
class Expect:
    """The value at ``path`` must be one of ``allowed`` (MISSING: absent), or the file is left
    alone: a format this app does not know. Sets nothing."""

    path: KeyPath
    allowed: tuple[Any, ...]
    remedy: str  # what to do instead, a template marked for translation


Op = Put | Drop | Entry | Expect


@dataclass(frozen=True)
class FileSpec:
    """What an adapter wants in one file."""

    role: str
    path: Path
    format: str  # "json" (read with JSON.parse), "jsonc", "dotenv" or "yaml"
    ops: tuple[Op, ...]


@dataclass(frozen=True)
class Hidden:
    """An earlier value that holds a key, known by its hash only: the record never keeps a
    key. Revert finds the value itself in the backup of the person's file (where it is
    theirs); an earlier value with no backup was written by this app or the tool, and goes."""

    hash: str


# What to do with a Hidden earlier value: find it (in the backup), or MISSING.
Recall = Callable[["Owned"], Any]


def _holds_a_key(value: Any) -> bool:
    if isinstance(value, str):
        return redact(value) != value
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return any(_holds_a_key(v) for v in items)


@dataclass
class Owned:
    """One value this app set, what was there before, and how to recognise it later."""

    kind: str  # "put", "drop" or "entry"
    path: list[str | int]
    prior: Any  # MISSING when nothing was there; Hidden when it holds a key
    set_hash: str | None = None  # of what we set; None for a drop
    shown: Any = None  # what we set, for display; None when it holds the key
    match: dict[str, Any] | None = None
    created: list[str | int] | None = None  # the outermost container we created
    volatile: list[str] | None = None  # fields of the value the tool rewrites by itself
    key_hash: str | None = None  # sha256 of the key this value holds, if it holds it
    # Put only where nothing was: once the person puts their own value there (or removes
    # ours), it is theirs, not a change to the setup.
    if_absent: bool = False

    def ident(self) -> tuple[str, str]:
        return (self.kind, canonical([self.path, self.match]))

    def stored_prior(self) -> dict[str, Any]:
        """The earlier value as the record keeps it: a key (the plan's, an earlier one, the
        person's own) by hash only."""
        if self.prior is MISSING:
            return {"absent": True}
        if isinstance(self.prior, Hidden):
            return {"hash": self.prior.hash}
        if self.key_hash is not None or _holds_a_key(self.prior):
            return {"hash": value_hash(self.prior)}
        return {"value": self.prior}

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "path": self.path,
            "match": self.match,
            "prior": self.stored_prior(),
            "set_hash": self.set_hash,
            "shown": self.shown,
            "created": self.created,
            "volatile": self.volatile,
            "key_hash": self.key_hash,
            **({"if_absent": True} if self.if_absent else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Owned:
        prior = data["prior"]
        if prior.get("absent"):
            earlier = MISSING
        elif "hash" in prior:
            earlier = Hidden(prior["hash"])
        else:
            earlier = prior["value"]
        return cls(
            kind=data["kind"],
            path=list(data["path"]),
            prior=earlier,
            set_hash=data.get("set_hash"),
            shown=data.get("shown"),
            match=data.get("match"),
            created=data.get("created"),
            volatile=data.get("volatile"),
            key_hash=data.get("key_hash"),
            if_absent=bool(data.get("if_absent")),
        )

    def recognises(self, value: Any) -> bool:
        """Whether ``value`` is what we set (the tool's own volatile fields aside), or still
        holds the key we wrote: either way, it is ours to undo."""
        if value is MISSING:
            return False
        if value_hash(value, self.volatile) == self.set_hash:
            return True
        return self.key_hash is not None and self.key_hash in _string_hashes(value)


def value_hash(value: Any, volatile: list[str] | tuple[str, ...] | None = None) -> str:
    if volatile and isinstance(value, dict):
        value = {k: v for k, v in value.items() if k not in volatile}
    return _sha256(canonical(value).encode("utf-8"))


def text_hash(text: str) -> str:
    return _sha256(text.encode("utf-8"))


def _string_hashes(value: Any) -> set[str]:
    if isinstance(value, str):
        return {text_hash(value)}
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return set().union(*(_string_hashes(v) for v in items)) if items else set()


def bytes_hash(data: bytes | None) -> str | None:
    return None if data is None else _sha256(data)


def _sha256(data: bytes) -> str:
    # hashlib starts OpenSSL when imported: not on the path of commands that edit nothing.
    import hashlib

    return hashlib.sha256(data).hexdigest()


# --- reading a file --------------------------------------------------------------------------


def _error(code: str, message: str, remedy: str, **params: Any) -> CodingPlanError:
    return CodingPlanError(code, message, remedy, **params)


def read_file(path: Path) -> bytes | None:
    """The file's bytes (through a symlink), or None if there is no file. Only a regular
    file of at most ``fileio.READ_LIMIT`` bytes is read: a named pipe or a device in its
    place (``/dev/zero``) would never end."""
    try:
        return read_regular(path, READ_LIMIT)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise _not_a_file(path) from None
    except NotRegularFile as exc:
        if os.path.isdir(path):
            raise _not_a_file(path) from None
        raise _error(
            "config_not_a_file",
            QT_TRANSLATE_NOOP(
                "tools", "{file} is not a settings file ({reason}); it was left untouched."
            ),
            QT_TRANSLATE_NOOP(
                "tools", "Move it away (the tool then starts from no settings), then try again."
            ),
            file=str(path),
            reason=exc.strerror,
        ) from None
    except OSError as exc:
        raise _error(
            "config_unreadable",
            QT_TRANSLATE_NOOP("tools", "{file} cannot be read: {reason}."),
            QT_TRANSLATE_NOOP("tools", "Check the file's permissions."),
            file=str(path),
            reason=os_reason(exc),
        ) from None


def _not_a_file(path: Path) -> CodingPlanError:
    return _error(
        "config_not_a_file",
        QT_TRANSLATE_NOOP("tools", "{file} is a folder, not a settings file."),
        QT_TRANSLATE_NOOP("tools", "Move the folder away, then try again."),
        file=str(path),
    )


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _error(
            "config_unparsable",
            QT_TRANSLATE_NOOP(
                "tools",
                "{file} is not UTF-8 text (line {line}, column {column}); it was left untouched.",
            ),
            QT_TRANSLATE_NOOP("tools", "Save the file as UTF-8, then try again."),
            file=str(path),
            line=line,
            column=column,
            reason="not UTF-8",
        ) from None


def load_document(
    path: Path, fmt: str, data: bytes | None
) -> JsoncDocument | DotenvDocument | YamlDocument:
    """The file's text ready to edit; a file that does not parse raises, naming the line.

    ``fmt`` is "json" (read with JSON.parse), "jsonc", "dotenv" or "yaml".
    """
    text = "" if data is None else _decode(path, data)
    if fmt == "dotenv":
        return DotenvDocument(text)
    try:
        doc = YamlDocument(text) if fmt == "yaml" else JsoncDocument(text)
    except ParseError as exc:
        raise _error(
            "config_unparsable",
            QT_TRANSLATE_NOOP(
                "tools",
                "{file} does not parse (line {line}, column {column}: {reason}); it was left "
                "untouched.",
            ),
            QT_TRANSLATE_NOOP("tools", "Fix the file (or move it away), then try again."),
            file=str(path),
            line=exc.line,
            column=exc.column,
            reason=exc.reason,
        ) from None
    extension = doc.first_extension() if isinstance(doc, JsoncDocument) and fmt == "json" else None
    if extension:
        raise _error(
            "config_unparsable",
            QT_TRANSLATE_NOOP(
                "tools",
                "{file} has a comment, trailing comma or byte order mark (line {line}, column "
                "{column}), which the tool does not accept in this file; it was left untouched.",
            ),
            QT_TRANSLATE_NOOP(
                "tools", "Remove it (the tool ignores the file as it is), then try again."
            ),
            file=str(path),
            line=extension[0],
            column=extension[1],
            reason="not strict JSON",
        )
    return doc


def is_read_only(path: Path) -> bool:
    """A file the person made read-only (mode bits: even root can write, so ask the bits)."""
    try:
        return not os.stat(path).st_mode & 0o222
    except FileNotFoundError:
        return False


# --- applying operations in memory -----------------------------------------------------------


def _apply(doc: Any, op: Op, inherited: Owned | None, key: str | None) -> Owned | None:
    prior_of: Callable[[Any], Any] = (
        (lambda current: inherited.prior) if inherited else (lambda current: current)
    )
    key_hash = text_hash(key) if key and getattr(op, "secret", False) else None
    if isinstance(op, Expect):
        current = doc.get(op.path)
        if not any(current is a if a is MISSING else current == a for a in op.allowed):
            raise _unknown_format(op, current)
        return None
    if isinstance(op, Put):
        current = doc.get(op.path)
        # Ours still, or the gap it fills: set. The person's own value, or ours they took
        # away: left as it is, and no longer ours.
        theirs = inherited is None or not inherited.recognises(current)
        if op.if_absent and (inherited is not None or current is not MISSING) and theirs:
            return None
        same = current is not MISSING and value_hash(current, op.volatile) == value_hash(
            op.value, op.volatile
        )
        # The same but for the tool's own stamps: left as the tool wrote it.
        created = None if op.volatile and same else doc.put(op.path, op.value)
        if inherited and inherited.created is not None:
            created = inherited.created
        return Owned(
            "put",
            list(op.path),
            prior_of(current),
            value_hash(op.value, op.volatile),
            None if op.secret else op.value,
            created=list(created) if created is not None else None,
            volatile=list(op.volatile) or None,
            key_hash=key_hash,
            if_absent=op.if_absent,
        )
    if isinstance(op, Drop):
        current = doc.get(op.path)
        if current is MISSING and inherited is None:
            return None
        doc.remove(op.path)
        return Owned("drop", list(op.path), prior_of(current))
    found = doc.entries(op.path, op.match)
    if found:
        index, current = found[0]
        doc.put((*op.path, index), op.value)
        created = None
    else:
        current = MISSING
        created = doc.prepend(op.path, op.value)
    if inherited and inherited.created is not None:
        created = inherited.created
    return Owned(
        "entry",
        list(op.path),
        prior_of(current),
        value_hash(op.value),
        None if op.secret else op.value,
        match=op.match,
        created=list(created) if created is not None else None,
        key_hash=key_hash,
    )


class UnknownFormat(EditRefused):
    """A file in a format (version) this app does not know: refused with its own words."""

    def __init__(self, op: Expect, found: Any) -> None:
        super().__init__(f"{_shown(op.path)} is {_value_text(found)}")
        self.op, self.found = op, found


def _unknown_format(op: Expect, found: Any) -> UnknownFormat:
    return UnknownFormat(op, found)


def _value_text(value: Any) -> str:
    return "absent" if value is MISSING else canonical(value)


def _shown(path: KeyPath) -> str:
    return ".".join(str(p) for p in path)


def _earlier(owned: Owned, recall: Recall | None) -> Any:
    if not isinstance(owned.prior, Hidden):
        return owned.prior
    return recall(owned) if recall is not None else MISSING


def undo(doc: Any, owned: Owned, recall: Recall | None = None) -> bool:
    """Put back what was there before ``owned``, if the value is still the one we set.

    Returns False when it was changed since (and is then left as it is). ``recall`` finds
    an earlier value known by its hash only (without it, such a value is not put back).
    """
    path = tuple(owned.path)
    if owned.kind == "drop":
        if doc.get(path) is not MISSING:
            return False
        prior = _earlier(owned, recall)
        if prior is not MISSING:
            doc.put(path, prior)
        return True
    if owned.kind == "put":
        if not owned.recognises(doc.get(path)):
            return False
        prior = _earlier(owned, recall)
        if prior is MISSING:
            doc.remove(path)
        else:
            doc.put(path, prior)
    else:
        ours = [
            i for i, v in doc.entries(path, owned.match or {}) if value_hash(v) == owned.set_hash
        ]
        if not ours:
            return False
        prior = _earlier(owned, recall)
        if prior is MISSING:
            doc.remove((*path, ours[0]))
        else:
            doc.put((*path, ours[0]), prior)
    if owned.created is not None:
        _drop_if_empty(doc, tuple(owned.created), _leaf(owned))
    return True


def _leaf(owned: Owned) -> KeyPath:
    path = tuple(owned.path)
    return path if owned.kind == "put" else (*path, 0)


def undo_all(doc: Any, owned: list[Owned], recall: Recall | None = None) -> list[Owned]:
    """Undo every value in ``owned``, the last set first; returns those changed since.

    A container this app created goes once nothing is left in it, whichever of its
    values was undone last."""
    kept: list[Owned] = []
    undone: list[Owned] = []
    for o in reversed(owned):
        (undone if undo(doc, o, recall) else kept).append(o)
    for o in undone:
        if o.created is not None:
            _drop_if_empty(doc, tuple(o.created), _leaf(o))
    return kept


def _hand_over_containers(doc: Any, undone: list[Owned], owned: list[Owned]) -> None:
    """A container an undone value created, still there because values set now are in it,
    is theirs now: it goes when they go."""
    for gone in undone:
        if gone.created is None or doc.get(tuple(gone.created)) is MISSING:
            continue
        created = list(gone.created)
        for o in owned:
            inside = o.path[: len(created)] == created
            if inside and (o.created is None or o.created[: len(created)] == created):
                o.created = created


def _drop_if_empty(doc: Any, created: KeyPath, leaf: KeyPath) -> None:
    """Remove the containers we created on the way to ``leaf``, innermost first, if empty."""
    for depth in range(len(leaf) - 1, len(created) - 1, -1):
        container = leaf[:depth]
        if doc.get(container) in ({}, []):
            doc.remove(container)
        else:
            return


def holds(owned: Owned, doc: Any) -> bool:
    """Whether the file still has what ``owned`` set."""
    path = tuple(owned.path)
    if owned.kind == "drop":
        return doc.get(path) is MISSING
    if owned.kind == "put":
        current = doc.get(path)
        ours = current is not MISSING and value_hash(current, owned.volatile) == owned.set_hash
        return ours or owned.if_absent
    return any(value_hash(v) == owned.set_hash for _i, v in doc.entries(path, owned.match or {}))


def apply_ops(
    doc: Any,
    ops: tuple[Op, ...],
    previous: list[Owned],
    *,
    key: str | None = None,
    partial: bool = False,
    recall: Recall | None = None,
) -> tuple[list[Owned], list[Owned]]:
    """Apply ``ops``; returns (what we now own, earlier values we no longer set but kept).

    A value we set in an earlier run keeps its original ``prior``; one we set before and do
    not set now goes back to what it was, unless it was changed since. With ``partial``
    (a key rotation) the earlier values not in ``ops`` stay ours, as they are.
    """
    earlier = {o.ident(): o for o in previous}
    owned: list[Owned] = []
    for op in ops:
        if isinstance(op, Expect):
            _apply(doc, op, None, key)
            continue
        probe = Owned(
            "drop" if isinstance(op, Drop) else "entry" if isinstance(op, Entry) else "put",
            list(op.path),
            MISSING,
            match=op.match if isinstance(op, Entry) else None,
        )
        inherited = earlier.pop(probe.ident(), None)
        if inherited is None and not isinstance(op, Entry):
            # the same path under the other kind (a put that is now a drop, or back)
            other = "put" if isinstance(op, Drop) else "drop"
            inherited = earlier.pop((other, probe.ident()[1]), None)
        result = _apply(doc, op, inherited, key)
        if result is not None:
            owned.append(result)
    if partial:
        return [*owned, *earlier.values()], []
    leftover = list(earlier.values())
    kept = undo_all(doc, leftover, recall)
    still = {id(o) for o in kept}
    _hand_over_containers(doc, [o for o in leftover if id(o) not in still], owned)
    return owned, kept


# --- showing a change ------------------------------------------------------------------------

_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def masked(text: str, key: str | None) -> str:
    if key:
        text = text.replace(key, mask_key(key))
    return redact(text)


def unified_diff(path: Path, before: str | None, after: str | None, key: str | None) -> str:
    """A unified diff for display, the key masked. Fast on huge files with small changes."""
    if before == after:
        return ""
    old = masked(before or "", key).splitlines()
    new = masked(after or "", key).splitlines()
    # Only the changed middle goes to difflib; the common head and tail are skipped.
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start = max(0, head - 3)
    old_mid = old[start : len(old) - max(0, tail - 3)]
    new_mid = new[start : len(new) - max(0, tail - 3)]
    lines = []
    for line in difflib.unified_diff(
        old_mid,
        new_mid,
        f"{path}" if before is not None else "/dev/null",
        f"{path}" if after is not None else "/dev/null",
        lineterm="",
    ):
        hunk = _HUNK.match(line)
        if hunk:
            a, b = int(hunk.group(1)) + start, int(hunk.group(3)) + start
            line = f"@@ -{a}{hunk.group(2) or ''} +{b}{hunk.group(4) or ''} @@"
        lines.append(line)
    if old_mid == new_mid:  # only line endings differ
        lines = [f"--- {path}", f"+++ {path}", "(line endings only)"]
    return "\n".join(lines) + "\n"


def snippet(ops: tuple[Op, ...], key: str | None) -> str:
    """What the person would paste by hand, as JSON with the key masked."""
    data: dict[str, Any] = {}
    for op in ops:
        if isinstance(op, Drop | Expect):
            continue
        node = data
        for part in op.path[:-1] if isinstance(op, Put) else op.path:
            node = node.setdefault(str(part), {})
        if isinstance(op, Put):
            node[str(op.path[-1])] = op.value
        else:
            node.setdefault("(add to the list)", []).append(op.value)
    return masked(json.dumps(data, indent=2, ensure_ascii=False), key)


def refused(path: Path, reason: str, ops: tuple[Op, ...], key: str | None) -> CodingPlanError:
    if not ops:  # only reading the file, to see what is in it
        return _error(
            "config_ambiguous",
            QT_TRANSLATE_NOOP("tools", "{file} cannot be read safely: {reason}."),
            QT_TRANSLATE_NOOP("tools", "Nothing was changed. Fix the file, then try again."),
            file=str(path),
            reason=reason,
        )
    return _error(
        "edit_refused",
        QT_TRANSLATE_NOOP(
            "tools", "{file} cannot be changed without touching what is not ours: {reason}."
        ),
        QT_TRANSLATE_NOOP("tools", "Nothing was changed. Add this to the file by hand:\n{snippet}"),
        file=str(path),
        reason=reason,
        snippet=snippet(ops, key),
    )


def guard_edit(path: Path, ops: tuple[Op, ...], key: str | None, edit: Any) -> Any:
    """Run ``edit``; an edit the editor refuses becomes the person-facing refusal."""
    try:
        return edit()
    except UnknownFormat as exc:
        raise _error(
            "unknown_format",
            QT_TRANSLATE_NOOP(
                "tools",
                "{file} has {setting} = {value}, a format this app does not know; it was left "
                "untouched.",
            ),
            exc.op.remedy,
            file=str(path),
            setting=_shown(exc.op.path),
            value=_value_text(exc.found),
        ) from None
    except EditRefused as exc:
        raise refused(path, str(exc), ops, key) from None
    except RecursionError:  # a value the depth check let through, yet too deep to handle
        raise refused(path, "values are nested too deeply", ops, key) from None

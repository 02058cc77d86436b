"""The plain values the tool adapters hand to the GUI and the CLI (and ``actions``).

Nothing here reads files or runs programs. Everything a person reads is an English
template (marked for translation) plus the fields that fill it, like ``CodingPlanError``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codingplan.changed import Changed
from codingplan.i18n import QT_TRANSLATE_NOOP, fill
from codingplan.plan import Endpoints
from codingplan.redact import mask_key
from codingplan.tools.declared import KeyMode as KeyMode  # declared there, used here too


class ToolState(enum.StrEnum):
    NOT_INSTALLED = "not_installed"
    NOT_CONFIGURED = "not_configured"
    CONFIGURED = "configured"  # points at the plan, with what this app set
    CONFIGURED_ELSEWHERE = "configured_elsewhere"  # points at another provider
    DRIFTED = "drifted"  # something this app set was changed since
    OVERRIDDEN = "overridden"  # a variable in the environment beats the file
    UNREADABLE = "unreadable"  # one of its files cannot be read or understood (see notes)
    KEY_OUTDATED = "key_outdated"  # set up, but its files may hold a key older than the stored


# Each state's short name (translated by the UI).
STATE_LABELS: dict[ToolState, str] = {
    ToolState.NOT_INSTALLED: QT_TRANSLATE_NOOP("categories", "Not installed"),
    ToolState.NOT_CONFIGURED: QT_TRANSLATE_NOOP("categories", "Not set up yet"),
    ToolState.CONFIGURED: QT_TRANSLATE_NOOP("categories", "Set up for the plan"),
    ToolState.CONFIGURED_ELSEWHERE: QT_TRANSLATE_NOOP("categories", "Set up for another provider"),
    ToolState.DRIFTED: QT_TRANSLATE_NOOP("categories", "Changed since this app set it up"),
    ToolState.OVERRIDDEN: QT_TRANSLATE_NOOP("categories", "Overridden by an environment variable"),
    ToolState.UNREADABLE: QT_TRANSLATE_NOOP("categories", "A settings file cannot be read"),
    ToolState.KEY_OUTDATED: QT_TRANSLATE_NOOP("categories", "Needs attention: holds an older key"),
}


@dataclass(frozen=True)
class Notice:
    """Something the person should read: a stable code, a template and its fields."""

    code: str
    template: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return self.template.format(**self.params)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class ConfigFile:
    role: str  # what the file is to the tool: "settings", "state", "key", "providers"
    path: Path
    exists: bool

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "path": str(self.path), "exists": self.exists}


@dataclass(frozen=True)
class Override:
    """An environment variable that takes precedence over what the file says."""

    variable: str
    notice: Notice

    def to_dict(self) -> dict[str, Any]:
        return {"variable": self.variable, "message": self.notice.message}


@dataclass(frozen=True)
class Detection:
    """Cheap facts about one tool: is it there, which version, where its files are."""

    tool_id: str
    installed: bool
    executable: Path | None
    version: str | None
    config_files: tuple[ConfigFile, ...]


@dataclass(frozen=True)
class ConfigureOptions:
    model: str
    key_mode: KeyMode
    endpoints: Endpoints
    # The tool's own options (``Integration.options``) by name, e.g. Claude Code's
    # ``status_line``; one not given takes its declared default.
    extras: dict[str, bool] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "key_mode": self.key_mode.value,
            "origin": self.endpoints.origin,
        }


@dataclass(frozen=True)
class Verified:
    """The last Verify run, while the tool's files are as they were then."""

    ok: bool
    category: str  # an outcomes.Category value
    at: str  # ISO 8601, UTC

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "category": self.category, "at": self.at}


@dataclass(frozen=True)
class ToolStatus:
    detection: Detection
    state: ToolState
    overrides: tuple[Override, ...] = ()
    configured: ConfigureOptions | None = None  # what this app set, when it did
    notes: tuple[Notice, ...] = ()
    recorded: bool = False  # this app changed its files: a revert has something to undo
    verified: Verified | None = None  # the last Verify run, if it speaks for the files

    @property
    def verified_ok(self) -> bool:
        """Set up for the plan, and a Verify run since proved it reaches the plan."""
        return self.state is ToolState.CONFIGURED and self.verified is not None and self.verified.ok

    @property
    def tool_id(self) -> str:
        return self.detection.tool_id


@dataclass(frozen=True)
class FileChange:
    """One file before and after a change. ``before``/``after`` hold the real bytes (the key
    included) and are kept out of ``repr``; ``diff`` is for display, with the key masked."""

    path: Path  # as the tool names it; may be a symlink
    role: str
    before: bytes | None = field(repr=False)  # None: the file does not exist
    after: bytes | None = field(repr=False)  # None: the file is to be removed
    diff: str
    mode: int | None = None  # None: keep the file's mode
    holds_key: bool = False
    owned: tuple[Any, ...] = field(default=(), repr=False)  # edits.Owned, for the record
    created_dirs: tuple[Path, ...] = ()
    format: str = "jsonc"  # "jsonc" or "dotenv"
    # The same change previewed again from the file's fresh bytes (the tool wrote it while
    # this app was writing it).
    again: Callable[[bytes | None], FileChange] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "role": self.role,
            "changed": self.changed,
            "creates": self.before is None and self.after is not None,
            "removes": self.after is None and self.before is not None,
            "holds_key": self.holds_key,
            "mode": oct(self.mode) if self.mode is not None else None,
            "diff": self.diff,
        }


@dataclass(frozen=True)
class ChangeSet:
    """A previewed change to one tool's files, applied only as previewed."""

    tool_id: str
    action: str  # "configure", "revert" or "rotate"
    files: tuple[FileChange, ...]
    options: ConfigureOptions | None = None
    notes: tuple[Notice, ...] = ()

    @property
    def empty(self) -> bool:
        return not any(f.changed for f in self.files)

    @property
    def diff(self) -> str:
        return "".join(f.diff for f in self.files if f.changed)

    @property
    def key_files(self) -> tuple[Path, ...]:
        """Files that will hold a plain-text copy of the key: the person must agree."""
        return tuple(f.path for f in self.files if f.holds_key and f.after is not None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tool": self.tool_id,
            "action": self.action,
            "changes": not self.empty,
            "options": self.options.to_dict() if self.options else None,
            "key_files": [str(p) for p in self.key_files],
            "files": [f.to_dict() for f in self.files],
            "notes": [n.to_dict() for n in self.notes],
        }


@dataclass(frozen=True)
class ApplyResult:
    """What a configure, revert or key update did to one tool's files."""

    tool_id: str
    action: str
    written: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()
    backups: tuple[Path, ...] = ()
    notes: tuple[Notice, ...] = ()
    # NOTHING: there was nothing to do (a revert of a tool this app never set up).
    changed: Changed = Changed.TOOLS

    def to_dict(self) -> dict[str, Any]:
        return {
            "tool": self.tool_id,
            "action": self.action,
            "written": [str(p) for p in self.written],
            "removed": [str(p) for p in self.removed],
            "backups": [str(p) for p in self.backups],
            "notes": [n.to_dict() for n in self.notes],
        }


@dataclass(frozen=True)
class VerifyResult:
    tool_id: str
    ok: bool
    category: str  # an outcomes.Category value
    message_template: str  # English, marked for translation; filled from ``params``
    remedy_template: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    command: tuple[str, ...] = ()
    exit_code: int | None = None
    elapsed_ms: int = 0
    output: str = ""  # the tool's output, key masked, shortened
    warnings: tuple[str, ...] = ()

    @property
    def changed(self) -> Changed:
        """A run costs the plan requests, which the tool records: the count changes; and
        the tool's state remembers the run."""
        return Changed.USAGE | Changed.TOOLS if self.command else Changed.NOTHING

    @property
    def message(self) -> str:
        return fill(self.message_template, self.params)

    @property
    def remedy(self) -> str:
        return fill(self.remedy_template, self.params)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tool": self.tool_id,
            "ok": self.ok,
            "category": self.category,
            "message": self.message,
            "remedy": self.remedy,
            "command": list(self.command),
            "exit_code": self.exit_code,
            "elapsed_ms": self.elapsed_ms,
            "output": self.output,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class ClientIdentity:
    """How a coding tool introduces itself to the plan: its name and the headers it sends.

    The plan answers only coding tools, so the connection test goes out as one.
    """

    tool: str  # "Claude Code 2.1.332": shown to the person
    headers: dict[str, str]

    @property
    def user_agent(self) -> str:
        return self.headers.get("User-Agent", "")


@dataclass(frozen=True)
class GuideStep:
    text: str  # a template
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return self.text.format(**self.params)


# What a guide shows where the key goes: never the key itself.
KEY_PLACEHOLDER = mask_key("sk-sp-xxxxxxxxxxxx")


def step(text: str, **params: str) -> GuideStep:
    """One step of a guide: a template marked for translation, and its fields."""
    return GuideStep(text, params)


@dataclass(frozen=True)
class Guide:
    """What a person enters by hand in a tool: an integration's manual steps."""

    protocol: str  # "openai", "anthropic" or "both"
    base_urls: dict[str, str]  # protocol -> base URL to enter
    model: str
    steps: tuple[GuideStep, ...]
    notes: tuple[Notice, ...] = ()
    snippet: str = ""  # text to paste, the key masked
    title: str = ""  # when the steps are for another form of the tool (an editor extension)

    @classmethod
    def openai(
        cls,
        endpoints: Endpoints,
        model: str,
        steps: tuple[GuideStep, ...],
        notes: tuple[Notice, ...] = (),
        snippet: str = "",
        title: str = "",
    ) -> Guide:
        """The steps for a tool that speaks the OpenAI-compatible protocol."""
        return cls("openai", {"openai": endpoints.openai_base}, model, steps, notes, snippet, title)


@dataclass(frozen=True)
class GuidedPage:
    """A tool's manual steps, with its id and the name to show."""

    tool_id: str
    name: str
    guide: Guide

    @property
    def protocol(self) -> str:
        return self.guide.protocol

    @property
    def base_urls(self) -> dict[str, str]:
        return self.guide.base_urls

    @property
    def model(self) -> str:
        return self.guide.model

    @property
    def steps(self) -> tuple[GuideStep, ...]:
        return self.guide.steps

    @property
    def notes(self) -> tuple[Notice, ...]:
        return self.guide.notes

    @property
    def snippet(self) -> str:
        return self.guide.snippet

    def to_dict(self) -> dict[str, Any]:
        return {
            "tool": self.tool_id,
            "name": self.name,
            "protocol": self.protocol,
            "base_urls": self.base_urls,
            "model": self.model,
            "steps": [s.message for s in self.steps],
            "notes": [n.to_dict() for n in self.notes],
            "snippet": self.snippet,
        }

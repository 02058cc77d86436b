"""What every automatically configured tool shares: detect, state, preview, apply, revert.

A concrete adapter (in its integration's folder) says where its files are, which values it
wants in them (as ``edits.FileSpec``), what in the environment can override them, and how
to run it once. Everything else, including the safety rules, lives here and in ``changes``.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Protocol

from codingplan import fileio
from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.jsonc import MISSING, EditRefused
from codingplan.plan import Endpoints, Region, endpoints_for, is_plan_url
from codingplan.tools import changes, records, verified
from codingplan.tools.declared import Install, ToolOption, VerifyPatterns
from codingplan.tools.edits import FileSpec, holds, load_document, read_file, refused
from codingplan.tools.types import (
    ApplyResult,
    ChangeSet,
    ConfigFile,
    ConfigureOptions,
    Detection,
    KeyMode,
    Notice,
    Override,
    ToolState,
    ToolStatus,
    VerifyResult,
)

_VERSION = re.compile(r"\d+\.\d+\.\d+(?:[-+.][0-9A-Za-z.-]+)?")


@functools.lru_cache(maxsize=64)
def _version_of(executable: str, mtime: float, packages: tuple[str, ...]) -> str | None:
    """The tool's version from its npm package.json, else from ``--version`` (cached)."""
    real = Path(executable)
    if _VERSION.fullmatch(real.name):  # native installs keep each version under its number
        return real.name
    for folder in list(real.parents)[:4]:
        manifest = folder / "package.json"
        if manifest.is_file():
            try:
                data = json.loads(manifest.read_text("utf-8"))
            except (OSError, ValueError, RecursionError):
                continue
            if isinstance(data, dict) and data.get("name") in packages:
                version = data.get("version")
                if isinstance(version, str):
                    return version
    try:
        out = subprocess.run(
            [executable, "--version"],
            capture_output=True,
            text=True,
            timeout=15,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = _VERSION.search(out.stdout or out.stderr)
    return found.group(0) if found else None


def read_config(path: Path, fmt: str = "jsonc") -> Any:
    """A tool file's value for looking at it (MISSING if absent); raises if it cannot be read.

    JSON is read leniently on purpose: a look, not an edit (editing checks the tool's rules).
    """
    return load_document(path, fmt, read_file(path)).value()


def dig(data: Any, *keys: str | int) -> Any:
    for key in keys:
        if isinstance(data, dict) and isinstance(key, str):
            if key not in data:
                return MISSING
            data = data[key]
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            return MISSING
    return data


class Declaration(Protocol):
    """What a tool's integration declares that its adapter goes by (an ``Integration``)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def install(self) -> Install: ...
    @property
    def key_modes(self) -> tuple[KeyMode, ...]: ...
    @property
    def options(self) -> tuple[ToolOption, ...]: ...
    @property
    def verify(self) -> VerifyPatterns: ...
    @property
    def verify_requests(self) -> int: ...
    def base_url(self, endpoints: Endpoints) -> str: ...


class Adapter(ABC):
    """One coding tool this app configures by writing its files, as its integration
    declares it (``declared``: its name, install, key modes, options, verify patterns)."""

    def __init__(self, declared: Declaration) -> None:
        self.declared = declared

    @property
    def id(self) -> str:
        return self.declared.id

    @property
    def name(self) -> str:
        return self.declared.name

    @property
    def key_modes(self) -> tuple[KeyMode, ...]:
        return self.declared.key_modes

    @property
    def packages(self) -> tuple[str, ...]:
        return self.declared.install.packages

    @property
    def requests_per_verify(self) -> int:
        return self.declared.verify_requests

    def option(self, options: ConfigureOptions, name: str) -> bool:
        """The value of one of the tool's own options in ``options`` (its default if unset)."""
        declared = next((o for o in self.declared.options if o.name == name), None)
        if declared is None:
            raise KeyError(name)  # a tool asks only for options it declares
        return options.extras.get(name, declared.default)

    # --- what each tool says about itself --------------------------------------------------

    @abstractmethod
    def config_files(self, env: Env) -> tuple[ConfigFile, ...]:
        """The files this app may change, with what each is to the tool."""

    @abstractmethod
    def file_specs(self, options: ConfigureOptions, key: str | None, env: Env) -> list[FileSpec]:
        """What the tool needs in each file for ``options``. Reads nothing."""

    @abstractmethod
    def current_target(self, env: Env) -> str | None:
        """Where the tool sends requests now, per its files (a base URL or a provider name)."""

    @abstractmethod
    def verify_command(self, executable: Path, prompt: str) -> list[str]:
        """The command that runs the tool once, headless, with ``prompt``."""

    def verify_failed(self, exit_code: int, stdout: str, stderr: str) -> bool:
        """Whether a verify run failed, from its exit code and output."""
        return exit_code != 0

    def verify_environment(self) -> dict[str, str]:
        """Variables a verify run adds (to keep one run from retrying for minutes, say)."""
        return {}

    def overrides(self, env: Env, key_mode: KeyMode) -> list[Override]:
        return []

    def status_notes(self, env: Env) -> list[Notice]:
        return []

    def install_locations(self, env: Env) -> tuple[Path, ...]:
        """Where the tool installs itself outside PATH."""
        elsewhere = self.declared.install.elsewhere
        return elsewhere(env) if elsewhere else ()

    @property
    def default_key_mode(self) -> KeyMode:
        return self.key_modes[0]

    def base_url(self, endpoints: Endpoints) -> str:
        """The address the tool is given (per the protocol it speaks)."""
        return self.declared.base_url(endpoints)

    # --- detect and state ------------------------------------------------------------------

    def find_executable(self, env: Env) -> Path | None:
        for name in self.declared.install.executables:
            found = env.which(name)
            if found:
                return found
        return next((p for p in self.install_locations(env) if p.is_file()), None)

    def detect(self, env: Env | None = None) -> Detection:
        """Installed? which version? where are the files? Cheap, and safe off the GUI thread."""
        env = env or Env.current()
        executable = self.find_executable(env)
        version = None
        if executable:
            real = os.path.realpath(executable)
            try:
                version = _version_of(real, os.stat(real).st_mtime, self.packages)
            except OSError:
                version = None
        return Detection(
            self.id, executable is not None, executable, version, self.config_files(env)
        )

    def status(self, env: Env | None = None, endpoints: Endpoints | None = None) -> ToolStatus:
        """The tool's state; ``endpoints`` (a custom origin) also counts as the plan.

        A file that cannot be read or understood makes the state ``unreadable`` with a note
        saying why; it never raises.
        """
        env = env or Env.current()
        detection = self.detect(env)
        notes = list(self.status_notes(env))
        try:
            record, holding = changes.recorded_holds(self.id)
            configured = _options(record.options) if record else None
            if record and record.key_outdated:
                state = ToolState.KEY_OUTDATED
                notes.append(_outdated_notice(self.id, self.name))
            elif record and holding:
                state = ToolState.CONFIGURED
            elif record:
                state = ToolState.DRIFTED
            else:
                state = self._state_from_files(env, endpoints)
        except CodingPlanError as err:
            # A damaged record still names files this app changed: revert says what it can.
            recorded = err.code == "record_damaged"
            notes.append(_notice(err))
            return ToolStatus(
                detection, ToolState.UNREADABLE, notes=tuple(notes), recorded=recorded
            )
        if not detection.installed and state is ToolState.NOT_CONFIGURED:
            state = ToolState.NOT_INSTALLED
        key_mode = configured.key_mode if configured else self.default_key_mode
        found = tuple(self.overrides(env, key_mode))
        if found and state not in (ToolState.NOT_INSTALLED, ToolState.KEY_OUTDATED):
            state = ToolState.OVERRIDDEN
        ran = verified.recalled(self.id, self.verify_basis(env))
        return ToolStatus(
            detection, state, found, configured, tuple(notes), record is not None, ran
        )

    def verify_basis(self, env: Env) -> str:
        """What a Verify run proves, as text: where the tool's files send it, and what this
        app set there (model, key mode, address). A run is remembered against it."""
        try:
            options = records.saved_options(self.id)
        except CodingPlanError:
            options = {}
        try:
            target = self.current_target(env)
        except CodingPlanError:  # a file that cannot be read: no setup a run speaks for
            target = None
        return json.dumps({"target": target, "options": options}, sort_keys=True, default=str)

    def _state_from_files(self, env: Env, endpoints: Endpoints | None) -> ToolState:
        """The state of a tool this app has not configured: where its files point."""
        target = self.current_target(env)
        if target is None:
            return ToolState.NOT_CONFIGURED
        origins = (endpoints.origin,) if endpoints else ()
        if is_plan_url(target, origins):
            return ToolState.CONFIGURED
        return ToolState.CONFIGURED_ELSEWHERE

    # --- change ----------------------------------------------------------------------------

    def check_key_mode(self, key_mode: KeyMode) -> None:
        if key_mode not in self.key_modes:
            raise CodingPlanError(
                "key_mode_unsupported",
                QT_TRANSLATE_NOOP("tools", "{tool} cannot read the key from the keyring."),
                QT_TRANSLATE_NOOP(
                    "tools",
                    "Use key mode 'inline': the key is then kept in the tool's own file, which "
                    "only you can read (mode 0600).",
                ),
                tool=self.name,
            )

    def preview(
        self, options: ConfigureOptions, key: str | None, env: Env | None = None
    ) -> ChangeSet:
        """The change that configures the tool for ``options``; nothing is written yet.

        ``key`` is the stored key, needed where the tool keeps a copy (``KeyMode.INLINE``).
        """
        env = env or Env.current()
        self.check_key_mode(options.key_mode)
        change = changes.preview_files(self.id, self.file_specs(options, key, env), options, key)
        if change.key_files:  # the person is asked to agree to this copy before applying
            notes = (_plain_key_notice(self.name, change.key_files), *change.notes)
            change = ChangeSet(change.tool_id, change.action, change.files, options, notes)
        return change

    def preview_revert(self) -> ChangeSet:
        self.remove_staged()
        return changes.preview_revert(self.id)

    def preview_rotation(self, new_key: str, env: Env | None = None) -> ChangeSet | None:
        """The change that puts ``new_key`` wherever this app left a copy of the old one.

        None when the tool holds no copy. Only copies still as this app wrote them change.
        """
        env = env or Env.current()
        record = records.load(self.id)
        if record is None or record.options.get("key_mode") != KeyMode.INLINE.value:
            return None
        options = _options(record.options)
        if options is None:
            return None
        secret_specs = []
        for spec in self.file_specs(options, new_key, env):
            entry = record.file(spec.path)
            if entry is None:
                continue
            doc = load_document(spec.path, spec.format, read_file(spec.path))
            try:
                # Copies of the key that are still as this app wrote them; a hand edit stays.
                ours = {
                    tuple(o.path)
                    for o in entry.owned
                    if o.shown is None and o.set_hash and holds(o, doc)
                }
            except EditRefused as exc:
                raise refused(spec.path, str(exc), spec.ops, new_key) from None
            ops = tuple(op for op in spec.ops if getattr(op, "secret", False) and op.path in ours)
            if ops:
                secret_specs.append(FileSpec(spec.role, spec.path, spec.format, ops))
        if not secret_specs:
            return None
        return changes.preview_files(self.id, secret_specs, options, new_key, action="rotate")

    def apply(self, change: ChangeSet) -> ApplyResult:
        self.remove_staged()
        return changes.apply(change)

    def files_holding(self, secret: str, env: Env | None = None) -> list[Path]:
        """The tool's files that hold ``secret``, whoever put it there (the person's own
        copy, which a revert puts back, included)."""
        env = env or Env.current()
        found = []
        for config in self.config_files(env):
            try:
                if secret.encode() in fileio.read_regular(config.path, fileio.READ_LIMIT):
                    found.append(config.path)
            except OSError:
                continue
        return found

    def remove_staged(self, env: Env | None = None) -> list[Path]:
        """Remove the staged copies of the tool's files that a killed run of this app left
        (they may hold the key); the ones removed."""
        env = env or Env.current()
        with records.locked(self.id):
            return [p for c in self.config_files(env) for p in fileio.remove_staged(c.path)]

    # --- verify ----------------------------------------------------------------------------

    def verify(
        self, *, env: Env | None = None, timeout: float = 180.0, prompt: str | None = None
    ) -> VerifyResult:
        """Run the tool once, headless, with a tiny prompt (costs the plan requests)."""
        from codingplan.tools import verify

        return verify.run(self, env or Env.current(), timeout=timeout, prompt=prompt)


def _outdated_notice(tool_id: str, tool: str) -> Notice:
    return Notice(
        "key_outdated",
        QT_TRANSLATE_NOOP(
            "tools",
            "A new key was stored, but {tool}'s files may still hold the older one: apply its "
            "setup again ('codingplan configure {tool_id} --yes') to put the stored key there.",
        ),
        {"tool": tool, "tool_id": tool_id},
    )


def _notice(err: CodingPlanError) -> Notice:
    return Notice(err.code, err.template, dict(err.params))


def _options(data: dict[str, Any]) -> ConfigureOptions | None:
    try:
        return ConfigureOptions(
            data["model"],
            KeyMode(data["key_mode"]),
            endpoints_for(Region.INTL, data["origin"]),
        )
    except (KeyError, ValueError, TypeError, CodingPlanError):
        return None


def _plain_key_notice(tool: str, files: tuple[Path, ...]) -> Notice:
    return Notice(
        "key_in_file",
        QT_TRANSLATE_NOOP(
            "tools",
            "{tool} cannot read the key from the keyring, so a copy of the key will be kept in "
            "{files}, readable only by you (mode 0600). Revert removes it.",
        ),
        {"tool": tool, "files": ", ".join(str(f) for f in files)},
    )

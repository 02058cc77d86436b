"""What every automatically configured tool shares: detect, state, plan, apply, revert.

A concrete adapter says where its files are, which values it wants in them (as
``edits.FileSpec``), what in the environment can override them, and how to run it once.
Everything else, including the safety rules, lives here and in ``changes``.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import Endpoints, Region, endpoints_for
from codingplan.tools import changes, records
from codingplan.tools.edits import FileSpec, holds, load_document, read_file
from codingplan.tools.jsonc import MISSING
from codingplan.tools.model import (
    ApplyResult,
    ChangeSet,
    ConfigFile,
    ConfigureOptions,
    Detection,
    Env,
    GuidedPage,
    KeyMode,
    Notice,
    Override,
    ToolState,
    ToolStatus,
    VerifyResult,
)

_VERSION = re.compile(r"\d+\.\d+\.\d+(?:[-+.][0-9A-Za-z.-]+)?")
PLAN_HOSTS = frozenset(urlsplit(r.info.origin).hostname for r in Region)


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
            except (OSError, ValueError):
                continue
            if data.get("name") in packages and isinstance(data.get("version"), str):
                return data["version"]
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


def read_json(path: Path) -> Any:
    """A tool file's value for looking at it, or MISSING if absent or unreadable."""
    try:
        # Lenient on purpose: a look, not an edit (editing checks the tool's own rules).
        return load_document(path, "jsonc", read_file(path)).value()
    except CodingPlanError:
        return MISSING


def dig(data: Any, *keys: str | int) -> Any:
    for key in keys:
        if (isinstance(data, dict) and isinstance(key, str) and key in data) or (
            isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data)
        ):
            data = data[key]
        else:
            return MISSING
    return data


def is_plan_url(url: str, endpoints: Endpoints | None = None) -> bool:
    host = urlsplit(url).hostname or ""
    if host in PLAN_HOSTS:
        return True
    return endpoints is not None and url.startswith(endpoints.origin)


class Adapter:
    """One coding tool this app configures by writing its files."""

    id: ClassVar[str]
    name: ClassVar[str]
    automatic: ClassVar[bool] = True
    key_modes: ClassVar[tuple[KeyMode, ...]] = (KeyMode.INLINE,)
    executables: ClassVar[tuple[str, ...]] = ()
    packages: ClassVar[tuple[str, ...]] = ()
    requests_per_verify: ClassVar[int] = 1

    # --- what each tool says about itself --------------------------------------------------

    def config_files(self, env: Env) -> tuple[ConfigFile, ...]:
        raise NotImplementedError

    def file_specs(self, options: ConfigureOptions, key: str | None, env: Env) -> list[FileSpec]:
        raise NotImplementedError

    def current_target(self, env: Env) -> str | None:
        """Where the tool sends requests now, per its files (a base URL or a provider name)."""
        raise NotImplementedError

    def overrides(self, env: Env, key_mode: KeyMode) -> list[Override]:
        return []

    def status_notes(self, env: Env) -> list[Notice]:
        return []

    def verify_command(self, executable: Path, prompt: str) -> list[str]:
        raise NotImplementedError

    def guide(self, endpoints: Endpoints, model: str) -> GuidedPage:
        raise NotImplementedError

    def extra_locations(self, env: Env) -> tuple[Path, ...]:
        """Where the tool installs itself outside PATH."""
        return ()

    @property
    def default_key_mode(self) -> KeyMode:
        return self.key_modes[0]

    # --- detect and state ------------------------------------------------------------------

    def find_executable(self, env: Env) -> Path | None:
        for name in self.executables:
            found = env.which(name)
            if found:
                return found
        return next((p for p in self.extra_locations(env) if p.is_file()), None)

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
        """The tool's state; ``endpoints`` (a custom origin) also counts as the plan."""
        env = env or Env.current()
        detection = self.detect(env)
        notes = list(self.status_notes(env))
        try:
            record, holding = changes.recorded_holds(self.id)
        except CodingPlanError as err:
            record, holding = None, False
            notes.append(Notice(err.code, err.message))
        configured = _options(record.options) if record else None
        if record and holding:
            state = ToolState.CONFIGURED
        elif record:
            state = ToolState.DRIFTED
        else:
            target = self.current_target(env)
            if target is None:
                state = ToolState.NOT_CONFIGURED
            elif is_plan_url(target, endpoints):
                state = ToolState.CONFIGURED
            else:
                state = ToolState.CONFIGURED_ELSEWHERE
        if not detection.installed and state is ToolState.NOT_CONFIGURED:
            state = ToolState.NOT_INSTALLED
        key_mode = configured.key_mode if configured else self.default_key_mode
        found = tuple(self.overrides(env, key_mode))
        if found and state is not ToolState.NOT_INSTALLED:
            state = ToolState.OVERRIDDEN
        return ToolStatus(detection, state, found, configured, tuple(notes))

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

    def plan(
        self, options: ConfigureOptions, *, key: str | None = None, env: Env | None = None
    ) -> ChangeSet:
        """Preview configuring the tool; nothing is written until ``apply``."""
        env = env or Env.current()
        self.check_key_mode(options.key_mode)
        if key is None and options.key_mode is KeyMode.INLINE:
            from codingplan import keystore

            key = keystore.require_key()
        planned = changes.plan_files(self.id, self.file_specs(options, key, env), options, key)
        if planned.key_files:  # the person is asked to agree to this copy before applying
            notes = (_plain_key_notice(self.name, planned.key_files), *planned.notes)
            planned = ChangeSet(planned.tool_id, planned.action, planned.files, options, notes)
        return planned

    def plan_revert(self, env: Env | None = None) -> ChangeSet:
        return changes.plan_revert(self.id)

    def plan_rotation(self, new_key: str, env: Env | None = None) -> ChangeSet | None:
        """Preview putting ``new_key`` wherever this app left a copy of the old one.

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
            # Copies of the key that are still as this app wrote them; a hand edit stays.
            ours = {
                tuple(o.path)
                for o in entry.owned
                if o.shown is None and o.set_hash and holds(o, doc)
            }
            ops = tuple(op for op in spec.ops if getattr(op, "secret", False) and op.path in ours)
            if ops:
                secret_specs.append(FileSpec(spec.role, spec.path, spec.format, ops))
        if not secret_specs:
            return None
        return changes.plan_files(self.id, secret_specs, options, new_key, action="rotate")

    def apply(self, planned: ChangeSet) -> ApplyResult:
        return changes.apply(planned)

    # --- verify ----------------------------------------------------------------------------

    def verify(
        self, *, env: Env | None = None, timeout: float = 180.0, prompt: str | None = None
    ) -> VerifyResult:
        """Run the tool once, headless, with a tiny prompt (costs the plan requests)."""
        from codingplan.tools import verify

        env = env or Env.current()
        return verify.run(self, env, timeout=timeout, prompt=prompt)


def _options(data: dict[str, Any]) -> ConfigureOptions | None:
    try:
        return ConfigureOptions(
            data["model"],
            KeyMode(data["key_mode"]),
            endpoints_for(Region.INTL, data["origin"]),
        )
    except (KeyError, ValueError, CodingPlanError):
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

"""What a person can do, once: the one implementation the CLI and the desktop app both call.

Each function does a whole step the way the person expects it done (configure a tool and
remember the choice, store a key and find the tools holding the old one, send the test
requests), so the two faces of the app can never disagree about it. None imports Qt; the
slow ones are meant for a worker thread in the app.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

# keystore is imported by the steps that touch the key: keyring takes longer to load than
# a whole `codingplan usage`, which needs no key.
from codingplan import integrations
from codingplan import settings as settings_mod
from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import Endpoints, check_key, check_model
from codingplan.settings import LoadResult, Settings
from codingplan.tools import keyhelper, records
from codingplan.tools.types import (
    ApplyResult,
    ChangeSet,
    ClientIdentity,
    ConfigureOptions,
    GuidedPage,
    KeyMode,
    Notice,
    ToolStatus,
    VerifyResult,
)

if TYPE_CHECKING:
    from pathlib import Path

    from codingplan.autostart import Autostart
    from codingplan.probe import Deadline, ProbeResult

log = logging.getLogger(__name__)

# --- the coding tools ------------------------------------------------------------------------


def tool_statuses(endpoints: Endpoints, env: Env | None = None) -> dict[str, ToolStatus]:
    """Every configurable tool's state. A tool whose files cannot be read is reported as
    such; it never hides the others."""
    env = env or Env.current()
    return {a.id: a.status(env, endpoints) for a in integrations.adapters()}


def configure_options(
    tool_id: str,
    settings: Settings,
    endpoints: Endpoints,
    model: str | None = None,
    key_mode: str | None = None,
    status_line: bool | None = None,
) -> ConfigureOptions:
    """The options to configure a tool with: those given, else the tool's last, else settings."""
    adapter = integrations.adapter(tool_id)
    chosen = settings.tools.get(tool_id, {})
    model_id = check_model((model or chosen.get("model") or settings.model).strip()).id
    mode = KeyMode(key_mode or chosen.get("key_mode") or adapter.default_key_mode)
    if status_line is None:  # once declined, not offered again unasked
        status_line = chosen.get("status_line") is not False
    return ConfigureOptions(model_id, mode, endpoints, status_line)


def tool_lock(tool_id: str) -> contextlib.AbstractContextManager[None]:
    """Hold while previewing and applying a change that nobody is asked about in between:
    another run changing the same tool's files waits until it is done."""
    return records.locked(tool_id)


def preview_configure(tool_id: str, options: ConfigureOptions) -> ChangeSet:
    """The change configuring the tool would make (the stored key fetched where it needs one)."""
    from codingplan import keystore

    adapter = integrations.adapter(tool_id)
    adapter.check_key_mode(options.key_mode)
    notes = _keyring_notes(adapter.name) if options.key_mode is KeyMode.KEYRING else ()
    key = keystore.require_key() if options.key_mode is KeyMode.INLINE else None
    planned = adapter.preview(options, key)
    return dataclasses.replace(planned, notes=(*planned.notes, *notes)) if notes else planned


def _keyring_notes(tool: str) -> tuple[Notice, ...]:
    """In keyring mode the tool asks this app for the key each time: refused when the keyring
    cannot be used (the tool would fail to get the key), noted when it holds no key yet."""
    from codingplan import keystore

    state = keystore.status()
    if not state.usable:
        raise CodingPlanError(
            "keyring_unusable",
            QT_TRANSLATE_NOOP(
                "errors",
                "{tool} would get the key from the system keyring, which cannot be used: {reason}",
            ),
            QT_TRANSLATE_NOOP(
                "errors",
                "Fix the keyring, or use key mode 'inline' (--key-mode inline): the key is then "
                "kept in {tool}'s own file, readable only by you.",
            ),
            tool=tool,
            reason=state.error.message if state.error else "",
        )
    if state.stored:
        return ()
    return (
        Notice(
            "key_not_stored",
            QT_TRANSLATE_NOOP(
                "tools",
                "No key is stored yet: {tool} gets it from the keyring once you store it "
                "('codingplan key set', or the Key tab of the app).",
            ),
            {"tool": tool},
        ),
    )


def apply(changes: ChangeSet) -> ApplyResult:
    """Carry out a previewed change; a configure is remembered as the tool's choice.

    A configure may set the tool to run this app (the key helper): the launcher it runs is
    put in place first, so the tool never points at a file that is not there."""
    if changes.action == "configure" and not changes.empty:
        _install_launcher()
    result = integrations.adapter(changes.tool_id).apply(changes)
    if changes.action == "configure" and changes.options is not None:
        remember_choice(changes.tool_id, changes.options)
    return result


def _install_launcher() -> None:
    try:
        keyhelper.install_launcher()
    except OSError as exc:
        raise CodingPlanError(
            "launcher_unwritable",
            QT_TRANSLATE_NOOP(
                "errors",
                "The app's launcher for the coding tools cannot be written to {path}: {reason}.",
            ),
            QT_TRANSLATE_NOOP("errors", "Check the folder's permissions and free disk space."),
            path=str(keyhelper.launcher_path()),
            reason=exc.strerror or str(exc),
        ) from None


def remember_choice(tool_id: str, options: ConfigureOptions) -> Settings:
    loaded = settings_mod.load().settings
    chosen: dict[str, Any] = {"model": options.model, "key_mode": options.key_mode.value}
    if not options.status_line:  # declined: kept, so that it is not offered again unasked
        chosen["status_line"] = False
    return settings_mod.update({"tools": {**loaded.tools, tool_id: chosen}}).settings


def preview_revert(tool_id: str) -> ChangeSet:
    return integrations.adapter(tool_id).preview_revert()


def revert(tool_id: str) -> ApplyResult:
    """Undo what this app set in the tool's files."""
    with tool_lock(tool_id):
        return apply(preview_revert(tool_id))


def verify(tool_id: str, timeout: float = 180.0, env: Env | None = None) -> VerifyResult:
    return integrations.adapter(tool_id).verify(env=env, timeout=timeout)


def guided_page(tool_id: str, endpoints: Endpoints, model: str) -> GuidedPage:
    return integrations.get(tool_id).guided_page(endpoints, check_model(model.strip()).id)


# --- start at login ----------------------------------------------------------------------------


def set_start_at_login(on: bool, entry: Autostart | None = None) -> tuple[LoadResult, str]:
    """Install (or remove) the login entry, then remember the choice; also where the entry is.
    If the entry cannot be written the setting stays as it was: it never says "on" while
    nothing starts."""
    from codingplan.autostart import Autostart

    entry = entry or Autostart()
    try:
        entry.enable() if on else entry.disable()
    except OSError as exc:
        raise CodingPlanError(
            "autostart_failed",
            QT_TRANSLATE_NOOP("errors", "The login entry {where} could not be changed: {reason}."),
            QT_TRANSLATE_NOOP("errors", "Check that folder's permissions, then try again."),
            where=entry.location(),
            reason=exc.strerror or str(exc),
        ) from None
    return settings_mod.update({"start_at_login": on}), entry.location()


# --- the key ---------------------------------------------------------------------------------


@dataclass
class StoredKey:
    """What storing a key gives back: never the key, only its masked form, and the changes
    that would carry it into the tools holding a copy of the old one."""

    masked: str
    rotations: list[ChangeSet] = field(default_factory=list)
    rotation_error: CodingPlanError | None = None  # the first of ``failed``
    failed: dict[str, CodingPlanError] = field(default_factory=dict)  # tool -> why not


def store_key(raw: str) -> StoredKey:
    """Store the key, then preview putting it in the tools that hold a copy of the old one.
    The key is stored even when that preview fails for a tool (its error is handed back)."""
    from codingplan import keystore

    key = check_key(raw)  # a malformed key is told as such, whatever the keyring's state
    previous = keystore.get_key()
    masked = keystore.set_key(raw)
    if previous == key:
        return StoredKey(masked)
    plans, failed = preview_each_rotation(key)
    first = next(iter(failed.values()), None)
    return StoredKey(masked, plans, first, failed)


def preview_rotations(new_key: str, env: Env | None = None) -> list[ChangeSet]:
    """One change per tool that holds a copy of the key this app wrote; raises the first
    tool's error."""
    plans, failed = preview_each_rotation(new_key, env)
    if failed:
        raise next(iter(failed.values()))
    return plans


def preview_each_rotation(
    new_key: str, env: Env | None = None
) -> tuple[list[ChangeSet], dict[str, CodingPlanError]]:
    """One change per tool that holds a copy of the key this app wrote, and the tools whose
    change cannot be made (a read-only file, say), with why: one does not stop the others."""
    found, failed = [], {}
    for adapter in integrations.adapters():
        try:
            planned = adapter.preview_rotation(new_key, env)
        except CodingPlanError as err:
            failed[adapter.id] = err
            continue
        if planned is not None and not planned.empty:
            found.append(planned)
    return found, failed


def apply_all(plans: Iterable[ChangeSet]) -> list[ApplyResult]:
    return [apply(p) for p in plans]


def apply_each(
    plans: Iterable[ChangeSet],
) -> tuple[list[ApplyResult], dict[str, CodingPlanError]]:
    """Apply each change; one tool that fails does not stop the others."""
    done, failed = [], {}
    for planned in plans:
        try:
            done.append(apply(planned))
        except CodingPlanError as err:
            failed[planned.tool_id] = err
    return done, failed


def _recorded() -> Iterator[tuple[str, records.ToolRecord | None]]:
    """Each tool this app changed, with its record (None: the record cannot be read)."""
    for tool_id in integrations.AUTOMATIC_IDS:
        try:
            record = records.load(tool_id)
        except CodingPlanError:
            yield tool_id, None
            continue
        if record is not None:
            yield tool_id, record


def configured_tools() -> list[str]:
    """The tools whose files this app changed, which a revert would undo. A tool whose
    record cannot be read is listed too: its files may hold what this app set."""
    return [tool_id for tool_id, _record in _recorded()]


def revert_all() -> tuple[list[ApplyResult], dict[str, CodingPlanError]]:
    """Revert every tool this app changed; one that fails does not stop the others."""
    done, failed = [], {}
    for tool_id in configured_tools():
        try:
            done.append(revert(tool_id))
        except CodingPlanError as err:
            failed[tool_id] = err
    return done, failed


def tools_holding_key() -> list[str]:
    """The tools in whose files this app keeps a copy of the key (key mode inline). A tool
    whose record cannot be read is listed too: it may hold one."""
    return [
        tool_id
        for tool_id, record in _recorded()
        if record is None or record.options.get("key_mode") == KeyMode.INLINE.value
    ]


@dataclass
class ClearedKey:
    removed: bool  # False: no key was stored
    reverted: list[str] = field(default_factory=list)
    # Tools still holding a copy: why (None when the person chose to keep them).
    still_holding: dict[str, CodingPlanError | None] = field(default_factory=dict)
    # Tool files holding the key that this app did not put there (the person's own copy).
    files_holding_key: list[Path] = field(default_factory=list)


def clear_key(revert_copies: bool) -> ClearedKey:
    """Remove the key from the keyring; with ``revert_copies``, first revert every tool that
    holds a copy of it, so that no file this app wrote keeps it."""
    from codingplan import keystore

    state = keystore.status()
    if state.error is not None:  # a locked keyring: say so before changing any file
        raise state.error
    for adapter in integrations.adapters():  # copies a killed configure left staged
        adapter.remove_staged()
    holding = tools_holding_key()
    reverted: list[str] = []
    left: dict[str, CodingPlanError | None] = {}
    for tool_id in holding:
        if not revert_copies:
            left[tool_id] = None
            continue
        try:
            revert(tool_id)
            reverted.append(tool_id)
        except CodingPlanError as err:
            left[tool_id] = err
    key = keystore.get_key()
    tools = [a for a in integrations.adapters() if key and a.id not in left]
    kept = [p for a in tools for p in a.files_holding(key or "")]
    return ClearedKey(keystore.delete_key(), reverted, left, kept)


# --- the connection test ---------------------------------------------------------------------


def test_identity(protocol: str, env: Env | None = None) -> ClientIdentity:
    """Who a test request over ``protocol`` goes out as: the coding tool that speaks it (the
    plan answers only coding tools), at its installed version if it is installed."""
    env = env or Env.current()
    client = integrations.test_client(protocol)
    version = client.adapter.detect(env).version if client.adapter else None
    assert client.identity is not None
    return client.identity(version, env)


def send_test_requests(
    endpoints: Endpoints,
    protocols: Iterable[str],
    model: str,
    deadline: Deadline | None = None,
) -> list[ProbeResult]:
    """One request per protocol with the stored key; each costs one request of quota.

    ``deadline`` bounds them all (by default each gets ``probe.READ_TIMEOUT``).
    """
    from codingplan import keystore, probe

    key = keystore.require_key()
    return [
        probe.send_test_request(endpoints, key, p, model, test_identity(p), deadline=deadline)
        for p in protocols
    ]

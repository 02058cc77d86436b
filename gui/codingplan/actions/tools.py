"""The actions on the coding tools: look, configure (with the tool's own options), revert,
verify, and the manual steps of a tool set up by hand."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from codingplan import integrations
from codingplan import settings as settings_mod
from codingplan.changed import Changed
from codingplan.env import Env
from codingplan.errors import CodingPlanError, os_reason
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import Endpoints, check_model, is_plan_url
from codingplan.settings import Settings
from codingplan.tools import records
from codingplan.tools.types import (
    ApplyResult,
    ChangeSet,
    ConfigureOptions,
    GuidedPage,
    KeyMode,
    Notice,
    ToolStatus,
    VerifyResult,
)

# --- looking -----------------------------------------------------------------------------------


def tool_statuses(endpoints: Endpoints, env: Env | None = None) -> dict[str, ToolStatus]:
    """Every configurable tool's state. A tool whose files cannot be read is reported as
    such; it never hides the others."""
    env = env or Env.current()
    return {a.id: a.status(env, endpoints) for a in integrations.adapters()}


def tool_status(tool_id: str, endpoints: Endpoints, env: Env | None = None) -> ToolStatus:
    """One tool's state (its page in the app)."""
    return integrations.adapter(tool_id).status(env or Env.current(), endpoints)


# --- configure ---------------------------------------------------------------------------------


def configure_options(
    tool_id: str,
    settings: Settings,
    endpoints: Endpoints,
    model: str | None = None,
    key_mode: str | None = None,
    extras: Mapping[str, bool | None] | None = None,
) -> ConfigureOptions:
    """The options to configure a tool with: those given, else the tool's last, else the
    settings' model and the tool's defaults. ``extras`` are the tool's own options by name
    (None: not given); one the tool does not have is refused."""
    info = integrations.get(tool_id)
    integrations.adapter(tool_id)  # a tool set up by hand has no options: said here
    chosen = settings.tools.get(tool_id, {})
    model_id = check_model((model or chosen.get("model") or settings.model).strip()).id
    mode = KeyMode(key_mode or chosen.get("key_mode") or info.default_key_mode)
    return ConfigureOptions(model_id, mode, endpoints, option_values(tool_id, settings, extras))


def option_values(
    tool_id: str, settings: Settings, given: Mapping[str, bool | None] | None = None
) -> dict[str, bool]:
    """The tool's own options: each as given, else as last chosen (once declined, not
    offered again unasked), else its declared default. One the tool does not have is
    refused."""
    info = integrations.get(tool_id)
    asked = {name: value for name, value in (given or {}).items() if value is not None}
    for name in asked:
        if info.option(name) is None:
            raise _no_such_option(info.name, name)
    chosen = settings.tools.get(tool_id, {})
    values = {}
    for option in info.options:
        remembered = chosen.get(option.name)
        fallback = remembered if isinstance(remembered, bool) else option.default
        values[option.name] = asked.get(option.name, fallback)
    return values


def _no_such_option(tool: str, name: str) -> CodingPlanError:
    flag = "--" + name.replace("_", "-")
    return CodingPlanError(
        "option_unsupported",
        QT_TRANSLATE_NOOP("tools", "{tool} has no option {flag}."),
        QT_TRANSLATE_NOOP("tools", "Leave it out; 'codingplan configure --help' lists them."),
        tool=tool,
        flag=flag,
    )


def tool_lock(tool_id: str) -> contextlib.AbstractContextManager[None]:
    """Hold while previewing and applying a change that nobody is asked about in between:
    another run changing the same tool's files waits until it is done."""
    return records.locked(tool_id)


def preview_configure(tool_id: str, options: ConfigureOptions) -> ChangeSet:
    """The change set configuring the tool would apply (the stored key fetched where the
    tool keeps a copy of it). Nothing is written."""
    from codingplan import keystore

    adapter = integrations.adapter(tool_id)
    adapter.check_key_mode(options.key_mode)
    notes = _keyring_notes(adapter.name) if options.key_mode is KeyMode.KEYRING else ()
    key = keystore.require_key() if options.key_mode is KeyMode.INLINE else None
    change = adapter.preview(options, key)
    return dataclasses.replace(change, notes=(*change.notes, *notes)) if notes else change


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


def apply(change: ChangeSet) -> ApplyResult:
    """Carry out a previewed change set; a configure is remembered as the tool's choice.

    A configure may set the tool to run this app (the key helper): the launcher it runs is
    put in place first, so the tool never points at a file that is not there."""
    if change.action == "configure" and not change.empty:
        _install_launcher()
    result = integrations.adapter(change.tool_id).apply(change)
    if change.action == "configure" and change.options is not None:
        remember_choice(change.tool_id, change.options)
        return dataclasses.replace(result, changed=Changed.TOOLS | Changed.SETTINGS)
    return result


def _install_launcher() -> None:
    from codingplan import launcher

    try:
        launcher.install_launcher()
    except OSError as exc:
        raise CodingPlanError(
            "launcher_unwritable",
            QT_TRANSLATE_NOOP(
                "errors",
                "The app's launcher for the coding tools cannot be written to {path}: {reason}.",
            ),
            QT_TRANSLATE_NOOP("errors", "Check the folder's permissions and free disk space."),
            path=str(launcher.launcher_path()),
            reason=os_reason(exc),
        ) from None


def remember_choice(tool_id: str, options: ConfigureOptions) -> Settings:
    """The tool's model and key mode, and each of its own options that differs from its
    default (a declined status line stays declined)."""
    info = integrations.get(tool_id)
    loaded = settings_mod.load().settings
    chosen: dict[str, Any] = {"model": options.model, "key_mode": options.key_mode.value}
    for option in info.options:
        value = options.extras.get(option.name, option.default)
        if value != option.default:
            chosen[option.name] = value
    return settings_mod.update({"tools": {**loaded.tools, tool_id: chosen}}).settings


# --- revert ------------------------------------------------------------------------------------


def preview_revert(tool_id: str) -> ChangeSet:
    return integrations.adapter(tool_id).preview_revert()


def revert(tool_id: str) -> ApplyResult:
    """Undo what this app set in the tool's files. For a tool it never set up, nothing is
    done, and the result says so (``changed`` is NOTHING)."""
    integrations.adapter(tool_id)  # a tool set up by hand: said as such
    with tool_lock(tool_id):
        if records.load(tool_id) is None:
            return ApplyResult(tool_id, "revert", changed=Changed.NOTHING)
        return apply(preview_revert(tool_id))


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


class Recorded(NamedTuple):
    """A tool this app changed: the files its record names, or why it cannot be read."""

    tool_id: str
    files: tuple[str, ...] = ()
    error: CodingPlanError | None = None


def recorded_tools() -> list[Recorded]:
    """``configured_tools``, each with the files this app changed (what an uninstaller
    offers to revert first)."""
    found = []
    for tool_id in configured_tools():
        try:
            record = records.load(tool_id)
        except CodingPlanError as err:
            found.append(Recorded(tool_id, error=err))
            continue
        found.append(Recorded(tool_id, tuple(f.path for f in record.files) if record else ()))
    return found


def tools_holding_key() -> list[str]:
    """The tools in whose files this app keeps a copy of the key (key mode inline). A tool
    whose record cannot be read is listed too: it may hold one."""
    return [
        tool_id
        for tool_id, record in _recorded()
        if record is None or record.options.get("key_mode") == KeyMode.INLINE.value
    ]


def apply_each(
    changes: Iterable[ChangeSet],
) -> tuple[list[ApplyResult], dict[str, CodingPlanError]]:
    """Apply each change set; one tool that fails does not stop the others."""
    done, failed = [], {}
    for change in changes:
        try:
            done.append(apply(change))
        except CodingPlanError as err:
            failed[change.tool_id] = err
    return done, failed


def revert_all() -> tuple[list[ApplyResult], dict[str, CodingPlanError]]:
    """Revert every tool this app changed; one that fails does not stop the others."""
    done, failed = [], {}
    for tool_id in configured_tools():
        try:
            done.append(revert(tool_id))
        except CodingPlanError as err:
            failed[tool_id] = err
    return done, failed


# --- verify ------------------------------------------------------------------------------------


def verify(
    tool_id: str, endpoints: Endpoints, timeout: float = 180.0, env: Env | None = None
) -> VerifyResult:
    """Run the tool once, headless, with a tiny prompt: it costs the plan a request or two.
    Refused, before anything runs, for a tool whose files do not send it to the plan:
    the run would test another provider, at the person's own account's cost."""
    env = env or Env.current()
    check_verifiable(tool_id, endpoints, env)
    adapter = integrations.adapter(tool_id)
    result = adapter.verify(env=env, timeout=timeout)
    if result.command:  # it ran: remembered against its files as they are now
        from codingplan.tools import verified

        with contextlib.suppress(OSError):  # a memory only: the run's answer stands anyway
            verified.note(tool_id, adapter.verify_basis(env), result.ok, result.category)
    return result


def check_verifiable(tool_id: str, endpoints: Endpoints, env: Env | None = None) -> None:
    """Raise why Verify would not test the plan: the tool's files send it elsewhere, or
    nowhere yet. The plan's hosts count, and the origin in use or the one the tool was set
    up with (a gateway)."""
    adapter = integrations.adapter(tool_id)
    target = adapter.current_target(env or Env.current())
    try:
        recorded = records.saved_options(tool_id).get("origin")
    except CodingPlanError:
        recorded = None
    origins = (endpoints.origin, *([recorded] if isinstance(recorded, str) else []))
    if target is not None and is_plan_url(target, origins):
        return
    remedy = QT_TRANSLATE_NOOP(
        "tools",
        "Apply its setup first (on its page in the app, or 'codingplan configure {tool_id}'), "
        "then verify.",
    )
    if target is None:
        raise CodingPlanError(
            "not_set_up",
            QT_TRANSLATE_NOOP(
                "tools",
                "{tool} is not set up for the plan yet: Verify would run it with whatever "
                "account it has, not the plan.",
            ),
            remedy,
            tool=adapter.name,
            tool_id=tool_id,
        )
    raise CodingPlanError(
        "not_set_up",
        QT_TRANSLATE_NOOP(
            "tools",
            "{tool} is set up for another provider ({target}): Verify would send its request "
            "there, not to the plan.",
        ),
        remedy,
        tool=adapter.name,
        tool_id=tool_id,
        target=target,
    )


def verify_refusal(
    tool_id: str, endpoints: Endpoints, env: Env | None = None
) -> CodingPlanError | None:
    """Why Verify would be refused now (None: it would run), for the app to say so before
    it is pressed."""
    try:
        check_verifiable(tool_id, endpoints, env)
    except CodingPlanError as err:
        return err
    return None


# --- tools set up by hand ------------------------------------------------------------------


def guided_page(tool_id: str, endpoints: Endpoints, model: str) -> GuidedPage:
    return integrations.get(tool_id).guided_page(endpoints, check_model(model.strip()).id)


def key_for_pasting() -> str:
    """The key, for a tool set up by hand: the app puts it on the clipboard for a short
    while (``codingplan key print`` prints it). Nothing else may show or log the value."""
    from codingplan import keystore

    return keystore.require_key()

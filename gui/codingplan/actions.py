"""What a person can do, once: the one implementation the CLI and the desktop app both call.

Each function does a whole step the way the person expects it done (configure a tool and
remember the choice, store a key and find the tools holding the old one, send the test
requests), so the two faces of the app can never disagree about it. None imports Qt; the
slow ones are meant for a worker thread in the app.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from codingplan import integrations, keystore, paths
from codingplan import settings as settings_mod
from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.plan import Endpoints, check_key, check_model, endpoints_for
from codingplan.settings import Settings
from codingplan.tools import records
from codingplan.tools.types import (
    ApplyResult,
    ChangeSet,
    ConfigureOptions,
    GuidedPage,
    KeyMode,
    ToolStatus,
    VerifyResult,
)
from codingplan.usage.source import UsageSource
from codingplan.usage.test_requests import TestRequestSource
from codingplan.usage.traffic import PlanTraffic

if TYPE_CHECKING:
    from codingplan.probe import ProbeResult
    from codingplan.usage.tracker import Tracker

log = logging.getLogger(__name__)

ORIGIN_VARIABLE = "CODINGPLAN_ORIGIN"


# --- where requests go -----------------------------------------------------------------------


def resolve_endpoints(
    settings: Settings, origin: str | None = None, env: Env | None = None
) -> Endpoints:
    """The plan's address: ``origin`` (given for this run, like ``--origin``), else the
    ``CODINGPLAN_ORIGIN`` variable, else the custom origin in settings, else the region's."""
    env = env or Env.current()
    chosen = origin or env.var(ORIGIN_VARIABLE) or settings.origin
    return endpoints_for(settings.region, chosen or None)


def custom_origins(settings: Settings, endpoints: Endpoints | None = None) -> tuple[str, ...]:
    """Every address other than the plan's own that the person sends plan requests to: the
    one in use, the one in settings, and those the tools were configured with."""
    found = [endpoints.origin if endpoints else "", settings.origin]
    for tool_id in integrations.AUTOMATIC_IDS:
        try:
            record = records.load(tool_id)
        except CodingPlanError:
            continue
        origin = record.options.get("origin") if record else None
        found.append(origin if isinstance(origin, str) else "")
    return tuple(dict.fromkeys(o for o in found if o))


def plan_traffic(settings: Settings, endpoints: Endpoints | None = None) -> PlanTraffic:
    return PlanTraffic.with_origins(*custom_origins(settings, endpoints))


# --- the quota tracker -----------------------------------------------------------------------


def usage_sources(env: Env | None = None) -> list[UsageSource]:
    """Every tool's records, and this app's own test requests."""
    found = integrations.usage_sources(env or Env.current())
    return [*found, TestRequestSource(paths.test_requests_file())]


def open_tracker(
    settings: Settings, endpoints: Endpoints | None = None, path: Path | None = None
) -> Tracker:
    from codingplan.usage.tracker import Tracker

    return Tracker(path, plan_traffic(settings, endpoints), sources=usage_sources)


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
) -> ConfigureOptions:
    """The options to configure a tool with: those given, else the tool's last, else settings."""
    adapter = integrations.adapter(tool_id)
    chosen = settings.tools.get(tool_id, {})
    model_id = check_model((model or chosen.get("model") or settings.model).strip()).id
    mode = KeyMode(key_mode or chosen.get("key_mode") or adapter.default_key_mode)
    return ConfigureOptions(model_id, mode, endpoints)


def tool_lock(tool_id: str) -> contextlib.AbstractContextManager[None]:
    """Hold while previewing and applying a change that nobody is asked about in between:
    another run changing the same tool's files waits until it is done."""
    return records.locked(tool_id)


def preview_configure(tool_id: str, options: ConfigureOptions) -> ChangeSet:
    """The change configuring the tool would make (the stored key fetched where it needs one)."""
    adapter = integrations.adapter(tool_id)
    adapter.check_key_mode(options.key_mode)
    key = keystore.require_key() if options.key_mode is KeyMode.INLINE else None
    return adapter.preview(options, key)


def apply(changes: ChangeSet) -> ApplyResult:
    """Carry out a previewed change; a configure is remembered as the tool's choice."""
    result = integrations.adapter(changes.tool_id).apply(changes)
    if changes.action == "configure" and changes.options is not None:
        remember_choice(changes.tool_id, changes.options)
    return result


def remember_choice(tool_id: str, options: ConfigureOptions) -> Settings:
    loaded = settings_mod.load().settings
    chosen = {"model": options.model, "key_mode": options.key_mode.value}
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


# --- the key ---------------------------------------------------------------------------------


@dataclass
class StoredKey:
    """What storing a key gives back: never the key, only its masked form, and the changes
    that would carry it into the tools holding a copy of the old one."""

    masked: str
    rotations: list[ChangeSet] = field(default_factory=list)
    rotation_error: CodingPlanError | None = None


def store_key(raw: str) -> StoredKey:
    """Store the key, then preview putting it in the tools that hold a copy of the old one.
    The key is stored even when that preview fails (the error is handed back)."""
    previous = keystore.get_key()
    masked = keystore.set_key(raw)
    key = check_key(raw)
    if previous == key:
        return StoredKey(masked)
    try:
        return StoredKey(masked, preview_rotations(key))
    except CodingPlanError as err:
        return StoredKey(masked, rotation_error=err)


def preview_rotations(new_key: str, env: Env | None = None) -> list[ChangeSet]:
    """One change per tool that holds a copy of the key this app wrote."""
    found = []
    for adapter in integrations.adapters():
        planned = adapter.preview_rotation(new_key, env)
        if planned is not None and not planned.empty:
            found.append(planned)
    return found


def apply_all(plans: Iterable[ChangeSet]) -> list[ApplyResult]:
    return [apply(p) for p in plans]


# --- the connection test ---------------------------------------------------------------------


def send_test_requests(
    endpoints: Endpoints, protocols: Iterable[str], model: str, timeout: float | None = None
) -> list[ProbeResult]:
    """One request per protocol with the stored key; each costs one request of quota."""
    from codingplan import probe

    key = keystore.require_key()
    read_timeout = probe.READ_TIMEOUT if timeout is None else timeout
    return [
        probe.send_test_request(endpoints, key, p, model, read_timeout=read_timeout)
        for p in protocols
    ]

"""Where the plan's requests go, and the quota tracker over every tool's records.

The part of ``actions`` that ``codingplan usage`` needs, kept apart from it: reading usage
loads the tools' record readers, but none of their adapters, change sets or checks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from codingplan import integrations, paths
from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.plan import Endpoints, endpoints_for
from codingplan.tools import records
from codingplan.usage.test_requests import TestRequestSource
from codingplan.usage.traffic import PlanTraffic

if TYPE_CHECKING:
    from codingplan.settings import Settings
    from codingplan.usage.shared import ShareFolder
    from codingplan.usage.source import UsageSource
    from codingplan.usage.tracker import Tracker

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
            origin = records.saved_options(tool_id).get("origin")
        except CodingPlanError:
            continue
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

    tracker = Tracker(path, plan_traffic(settings, endpoints), sources=usage_sources)
    tracker.share = share_folder(settings)
    return tracker


def share_folder(settings: Settings) -> ShareFolder | None:
    """This computer's side of the shared folder, if the person set one."""
    from codingplan.usage.shared import ShareFolder, machine_id

    if not settings.share_folder:
        return None
    id_file = paths.data_dir() / "machine-id"
    return ShareFolder(Path(settings.share_folder), machine_id(id_file.parent), id_file=id_file)

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
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import Endpoints, endpoints_for, is_plan_url
from codingplan.tools import records
from codingplan.usage.test_requests import TestRequestSource
from codingplan.usage.traffic import PlanTraffic

if TYPE_CHECKING:
    from codingplan.console.answer import PlanReading
    from codingplan.console.bailian import BlLogin
    from codingplan.console.client import ConsoleAnswer
    from codingplan.console.credentials import Credentials
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


def origin_in_use(endpoints: Endpoints) -> str | None:
    """The custom address plan requests go to now (None: the plan's own)."""
    return None if is_plan_url(endpoints.origin) else endpoints.origin


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
    tracker.origin = origin_in_use(endpoints or resolve_endpoints(settings))
    return tracker


def share_folder(settings: Settings) -> ShareFolder | None:
    """This computer's side of the shared folder, if the person set one."""
    from codingplan.usage.shared import ShareFolder, machine_id

    if not settings.share_folder:
        return None
    id_file = paths.data_dir() / "machine-id"
    return ShareFolder(Path(settings.share_folder), machine_id(id_file.parent), id_file=id_file)


# --- the plan's own figures (its console) ----------------------------------------------------

# ``codingplan usage`` reads the console at most this often (a reading, or a try that failed).
CONSOLE_EVERY_MS = 5 * 60_000
CONSOLE_TIMEOUT = 10.0  # seconds for the whole read, within a command people wait for

CONSOLE_FAILED = QT_TRANSLATE_NOOP(
    "usage", "The plan's own figures could not be read, so these are estimated: {reason}"
)


def record_console_reading(reading: PlanReading) -> None:
    """Keep a reading of the plan's console in the usage ledger, as the anchor of each window.

    ``reading`` is ``console.client.read_plan(...).reading``. From then on ``usage``, its
    ``--json`` and ``--line``, the tray and the dashboard show each window as ``official``
    with the reading's age: the console's used count, plus the local calls made after the
    reading; the tier from its ``instanceType``, the month's turn from its month's next
    refresh (else the plan's end), and the 5-hour window's next release from its own.

    Idempotent: a reading of the same ``read_at`` is kept once. Touches neither the network
    nor the keyring. Raises ``CodingPlanError`` (``ledger_unusable``, ``ledger_busy`` or
    ``ledger_failed``) when the ledger cannot keep it.
    """
    from codingplan.usage.tracker import Tracker

    with Tracker(sources=list) as tracker:
        if tracker.ledger.path is None:  # the ledger cannot be used where it is
            raise tracker.notices[-1]
        _keep_reading(tracker, reading)


def _keep_reading(tracker: Tracker, reading: PlanReading, row: str | None = None) -> None:
    """The one place a console reading enters the ledger: as the windows' anchor, and
    whole (with the plan's status and auto-renewal) for ``console status`` to show."""
    from codingplan.usage.estimate import record_of

    tracker.record_reading(record_of(reading))
    state: dict[str, object] = {} if row is None else {"row": row}
    kept = kept_reading(tracker)
    if kept is None or kept.read_at <= reading.read_at:  # an older one given late stays out
        state["reading"] = reading.to_dict()
    if state:
        tracker.ledger.set_console_state(**state)


def kept_reading(tracker: Tracker) -> PlanReading | None:
    """The last console reading kept in the ledger, whole; None if none was (or it no
    longer reads)."""
    from codingplan.console.answer import reading_from_dict

    try:
        return reading_from_dict(tracker.ledger.console_state().get("reading"))
    except CodingPlanError:
        return None


def console_auth(settings: Settings, env: Env | None = None) -> Credentials | BlLogin | None:
    """The way into the console chosen on this computer: the stored AccessKey, else the
    sign-in of Alibaba's ``bl`` when the person chose it and ``bl`` holds one; else None.
    Raises a keyring fault or ``console_credentials_damaged``."""
    from codingplan.console import bailian, credentials

    found = credentials.load()
    if found is not None:
        return found
    return bailian.read_login(env) if settings.use_bl else None


def console_read_due(tracker: Tracker, now_ms: int) -> bool:
    """Whether ``usage`` should read the console now: a way into the console was chosen
    here (a file says so: the keyring is not asked), and nothing was read or tried for
    ``CONSOLE_EVERY_MS``."""
    if not paths.console_login_marker().exists():
        return False
    latest = tracker.ledger.latest_plan_reading(now_ms)
    tried = tracker.ledger.console_state().get("tried_ms")
    last = max(latest.time_ms if latest else 0, tried if isinstance(tried, int) else 0)
    return not 0 <= now_ms - last < CONSOLE_EVERY_MS


def read_and_keep(
    tracker: Tracker,
    settings: Settings,
    auth: Credentials | BlLogin,
    now_ms: int,
    *,
    timeout: float,
    env: Env | None = None,
) -> ConsoleAnswer:
    """Read the plan's console with ``auth`` and keep the reading in the ledger; the try
    is noted first, so a console that fails is not asked again for ``CONSOLE_EVERY_MS``.
    Raises the console's fault (``console.faults``) or a ledger fault."""
    from codingplan.console import client

    ledger = tracker.ledger
    ledger.set_console_state(tried_ms=now_ms)
    remembered = ledger.console_state().get("row")
    answer = client.read_plan(
        auth,
        settings.region,
        remembered=remembered if isinstance(remembered, str) else None,
        timeout=timeout,
        env=env,
    )
    _keep_reading(tracker, answer.reading, answer.row)
    return answer


def read_console(
    tracker: Tracker, settings: Settings, now_ms: int, env: Env | None = None
) -> CodingPlanError | None:
    """Read the plan's console the way chosen here and keep the reading in the ledger. A
    fault is returned, to be told as a notice: the estimate stands without it."""
    tracker.ledger.set_console_state(tried_ms=now_ms)
    try:
        auth = console_auth(settings, env)
        if auth is None:  # logged out elsewhere (or by hand): stop looking until a login
            if not settings.use_bl:  # bl's sign-in may come back: keep looking for it
                paths.console_login_marker().unlink(missing_ok=True)
            return None
        read_and_keep(tracker, settings, auth, now_ms, timeout=CONSOLE_TIMEOUT, env=env)
    except CodingPlanError as fault:
        return CodingPlanError("console_read_failed", CONSOLE_FAILED, reason=fault.one_line())
    return None

"""The actions on the plan's console: log in with an AccessKey (or use the sign-in of
Alibaba's ``bl``), log out, and read the plan's own figures now.

Reading the console spends no plan quota. Every reading made here goes into the usage
ledger through the one door ``codingplan usage`` uses too (``quota.read_and_keep``), so
the tray, the dashboard and ``usage`` show it as the windows' official anchor.
"""

from __future__ import annotations

import contextlib
import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from codingplan import paths, quota
from codingplan import settings as settings_mod
from codingplan.changed import Changed
from codingplan.console import faults
from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from codingplan.console.answer import PlanReading
    from codingplan.console.bailian import BlLogin
    from codingplan.console.credentials import Credentials
    from codingplan.console.facts import PlanFacts
    from codingplan.settings import Settings
    from codingplan.usage.tracker import Tracker

ACCESS_KEY = "access_key"
BL = "bl"
# Seconds for a whole read the person asked for (a command or a button they wait on); one
# deadline covers every step, whatever the network does.
READ_TIMEOUT = 20.0

# Faults that say the credentials themselves cannot work: a login with them is undone.
# The others (the network, the clock, the workspace, the plan) keep them: the same
# AccessKey works once that is fixed.
WRONG_CREDENTIALS = frozenset(
    {faults.UNKNOWN_ACCESS_KEY, faults.SIGNATURE, faults.NO_PERMISSION, faults.STS_TOKEN}
)


@dataclass(frozen=True)
class ConsoleStatus:
    """The console's sign-in on this computer and what it last said about the plan."""

    logged_in: bool
    masked_id: str | None  # the AccessKey ID's last 4 characters ("…wxyz"), or None
    site: str | None  # "international" | "domestic" | None
    way: str | None  # "access_key" | "bl" | None
    reading: PlanReading | None  # the reading just made, or the last one kept (ledger)
    facts: PlanFacts | None  # console.facts.plan_facts(...) of that reading
    read_at: datetime | None
    fault: CodingPlanError | None  # a read that failed (a notice; credentials kept)
    temporary: bool = False  # the AccessKey is an STS pair, which expires
    fresh: bool = False  # ``reading`` was read just now (not the last one kept)
    changed: Changed = Changed.NOTHING

    def to_dict(self) -> dict[str, object]:
        """The ``--json`` form of ``codingplan console status`` (README's CLI section)."""
        facts = self.facts
        return {
            "logged_in": self.logged_in,
            "way": self.way,
            "access_key_id": self.masked_id,
            "temporary": self.temporary,
            "site": self.site,
            "fresh": self.fresh,
            "reading": self.reading.to_dict() if self.reading else None,
            "plan": None
            if facts is None
            else {
                "last_day": facts.last_day.isoformat(),
                "days_left": facts.days_left,
                "auto_renew": facts.auto_renew,
                "renewable": facts.renewable,
            },
            "fault": self.fault.to_dict() | {"detail": self.fault.params.get("detail", "")}
            if self.fault
            else None,
        }


def _settings(settings: Settings | None) -> Settings:
    return settings if settings is not None else settings_mod.load().settings


def _site_of(auth: Credentials | BlLogin | None, settings: Settings) -> str | None:
    from codingplan.console.hosts import default_site

    if auth is None:
        return None
    return (auth.site or default_site(settings.region)).value


def _status(
    auth: Credentials | BlLogin | None,
    settings: Settings,
    *,
    read: bool,
    env: Env | None,
    changed: Changed = Changed.NOTHING,
    timeout: float = READ_TIMEOUT,
) -> ConsoleStatus:
    """The status for ``auth``, after reading the console with it when ``read``."""
    from codingplan.console.credentials import Credentials
    from codingplan.console.facts import plan_facts
    from codingplan.usage.tracker import Tracker

    reading: PlanReading | None = None
    fault: CodingPlanError | None = None
    fresh = False  # ``reading`` was made just now, not the last one kept
    if auth is not None:
        with Tracker(sources=list) as tracker:
            found = _read(tracker, settings, auth, env, timeout) if read else None
            if isinstance(found, CodingPlanError):
                fault = found
            else:
                reading = found
            fresh = reading is not None
            reading = reading or quota.kept_reading(tracker)
    if fresh:
        changed |= Changed.USAGE
    now = datetime.now(UTC)
    is_key = isinstance(auth, Credentials)
    return ConsoleStatus(
        logged_in=auth is not None,
        masked_id=auth.masked_id if isinstance(auth, Credentials) else None,
        site=_site_of(auth, settings),
        way=None if auth is None else (ACCESS_KEY if is_key else BL),
        reading=reading,
        facts=plan_facts(reading, now) if reading else None,
        read_at=reading.read_at if reading else None,
        fault=fault,
        temporary=isinstance(auth, Credentials) and auth.temporary,
        fresh=fresh,
        changed=changed,
    )


def _read(
    tracker: Tracker,
    settings: Settings,
    auth: Credentials | BlLogin,
    env: Env | None,
    timeout: float,
) -> PlanReading | CodingPlanError:
    """The reading just made (and kept), or why there is none."""
    now_ms = int(datetime.now(UTC).timestamp() * 1000)
    try:
        answer = quota.read_and_keep(tracker, settings, auth, now_ms, timeout=timeout, env=env)
    except CodingPlanError as fault:
        return fault
    return answer.reading


def login(
    access_key_id: str,
    secret: str,
    *,
    security_token: str | None = None,
    site: str | None = None,
    settings: Settings | None = None,
    env: Env | None = None,
    timeout: float = READ_TIMEOUT,
) -> ConsoleStatus:
    """Check the AccessKey's form, store it in the keyring, and read the console once.

    When the console says the credentials cannot work (an unknown AccessKey, a wrong
    secret, a missing permission, a refused STS token) they are removed again, the ones
    stored before (if any) come back, and that fault is raised. Any other fault (the
    network, the clock, the workspace, the plan) keeps them: it is in ``fault``."""
    from codingplan.console import credentials

    creds = credentials.check(access_key_id, secret, security_token, site)
    settings = _settings(settings)
    before = _previous()
    credentials.store(creds)
    status = _status(creds, settings, read=True, env=env, changed=Changed.CONSOLE, timeout=timeout)
    if status.fault is not None and status.fault.code in WRONG_CREDENTIALS:
        if before is None:
            credentials.delete()
        else:
            credentials.store(before)
        raise status.fault
    return status


def _previous() -> Credentials | None:
    """The credentials stored now, to put back if new ones turn out wrong; a damaged
    entry is not worth keeping."""
    from codingplan.console import credentials

    try:
        return credentials.load()
    except CodingPlanError as err:
        if err.code != faults.CREDENTIALS_DAMAGED:
            raise
        return None


def logout() -> bool:
    """Remove the stored AccessKey (and its console token) and stop using ``bl``'s sign-in.
    True when something was removed. ``bl``'s own file is never touched."""
    from codingplan.console import credentials

    removed = credentials.delete()
    if settings_mod.load().settings.use_bl:
        settings_mod.update({"use_bl": False})
        removed = True
    return removed


def status(
    *,
    read: bool = True,
    settings: Settings | None = None,
    env: Env | None = None,
    timeout: float = READ_TIMEOUT,
) -> ConsoleStatus:
    """The sign-in in use and the plan's figures: read now when ``read`` (and kept in the
    usage ledger), else the last reading kept. A read that fails is in ``fault``."""
    settings = _settings(settings)
    auth = quota.console_auth(settings, env)
    return _status(auth, settings, read=read, env=env, timeout=timeout)


def read_now(
    *, settings: Settings | None = None, env: Env | None = None, timeout: float = READ_TIMEOUT
) -> ConsoleStatus:
    """Read the console now: what the app's Refresh calls."""
    return status(read=True, settings=settings, env=env, timeout=timeout)


def bl_login(env: Env | None = None) -> BlLogin | None:
    """The sign-in of Alibaba's ``bl`` (``bl auth login --console``), if its file holds a
    usable one: the second way in. Only read, never copied."""
    from codingplan.console import bailian

    return bailian.read_login(env)


def login_bl(
    *, settings: Settings | None = None, env: Env | None = None, timeout: float = READ_TIMEOUT
) -> ConsoleStatus:
    """Read the console with ``bl``'s sign-in from now on, reading it once. Raised: ``bl``
    holds none (``console_no_bl_login``), or the console no longer takes it
    (``console_bl_expired``): the choice is then not kept. Other faults are in ``fault``."""
    found = bl_login(env)
    if found is None:
        from codingplan.console import bailian

        raise CodingPlanError(
            "console_no_bl_login",
            QT_TRANSLATE_NOOP("errors", "Alibaba's bl command holds no console sign-in in {path}."),
            QT_TRANSLATE_NOOP(
                "errors",
                "Run 'bl auth login --console' first, or log in to the console with an AccessKey.",
            ),
            path=str(bailian.config_path(env)),
        )
    use_bl(True)
    result = status(read=True, settings=settings, env=env, timeout=timeout)
    if result.way == BL and result.fault is not None and result.fault.code == faults.BL_EXPIRED:
        use_bl(False)
        raise result.fault
    return dataclasses.replace(result, changed=result.changed | Changed.CONSOLE)


def use_bl(on: bool) -> None:
    """Remember whether to read the console with ``bl``'s sign-in (a setting; the token
    stays in ``bl``'s file). A stored AccessKey, when there is one, is used first."""
    if settings_mod.load().settings.use_bl != on:
        settings_mod.update({"use_bl": on})
    if on:  # ``usage`` looks for this file before it would load the keyring
        marker = paths.console_login_marker()
        with contextlib.suppress(OSError):  # a hint only: without it usage just does not look
            paths.private_dir(marker.parent)
            marker.touch()

"""The console's answers read strictly: the mint's token, the gateway's plan facts, and
every refusal turned into its fault.

Everything here is hostile input. Numbers must be JSON numbers, finite and whole (numbers
written as strings are refused, as Alibaba's own ``bl`` refuses them); times are epoch
milliseconds within reason; a window with no use yet may lack its next refresh time.
Anything else of the wrong shape raises the ``console_bad_answer`` fault, and no input
raises anything but a ``CodingPlanError``.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from codingplan import plan
from codingplan.console import faults
from codingplan.errors import CodingPlanError
from codingplan.plan import Tier
from codingplan.usage.windows import PLAN_TZ

VALID = "VALID"
MAX_TOKEN_LEN = 8192
_LARGEST_COUNT = 10**15
# Times a plan can hold: 2000-01-01 to 2200-01-01 (UTC), in epoch milliseconds.
_FIRST_MS = 946_684_800_000
_LAST_MS = 7_258_118_400_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# The quota fields' prefix for each of the plan's windows (``plan.WINDOWS``).
WINDOW_FIELDS: dict[str, str] = {
    plan.Window.FIVE_HOURS: "per5Hour",
    plan.Window.WEEK: "perWeek",
    plan.Window.MONTH: "perBillMonth",
}


class Window(NamedTuple):
    """One quota window as the console counts it."""

    used: int
    total: int
    # When the window next gives quota back (aware, UTC+8); None for a window not used yet.
    next_refresh: datetime | None

    @property
    def left(self) -> int:
        return max(0, self.total - self.used)

    def to_dict(self) -> dict[str, Any]:
        return {
            "used": self.used,
            "total": self.total,
            "left": self.left,
            "next_refresh": self.next_refresh.isoformat() if self.next_refresh else None,
        }


class PlanReading(NamedTuple):
    """The plan's own figures: the first instance whose status is VALID."""

    five_hours: Window
    week: Window
    month: Window
    tier: Tier  # from ``instanceType``
    status: str
    ends_at: datetime  # ``instanceEndTime``, aware (UTC+8)
    remaining_days: int  # as the console counted them when it answered
    auto_renew: bool
    read_at: datetime  # when this computer got the answer, aware

    def window(self, name: str) -> Window:
        """The window named as in ``plan.WINDOWS``: ``5h``, ``week`` or ``month``."""
        windows: dict[str, Window] = {
            plan.Window.FIVE_HOURS: self.five_hours,
            plan.Window.WEEK: self.week,
            plan.Window.MONTH: self.month,
        }
        return windows[name]

    def to_dict(self) -> dict[str, Any]:
        return {
            "plan": self.tier.value,
            "status": self.status,
            "ends_at": self.ends_at.isoformat(),
            "remaining_days": self.remaining_days,
            "auto_renew": self.auto_renew,
            "read_at": self.read_at.isoformat(),
            "windows": {name: self.window(name).to_dict() for name in WINDOW_FIELDS},
        }


# --- JSON, strictly ---------------------------------------------------------------------------


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def load_json(data: bytes) -> Any:
    """The JSON value of ``data``; NaN, Infinity, deep nesting or bad UTF-8 are faults."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise faults.bad_answer("the answer is not UTF-8 text") from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise faults.bad_answer("the answer is nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, and an integer too long to read
        start = text.lstrip()[:1]
        what = "an HTML page" if start == "<" else "not JSON"
        raise faults.bad_answer(f"the answer is {what} ({exc})") from None


def _field(obj: dict[str, Any], name: str, where: str) -> Any:
    if name not in obj:
        raise faults.bad_answer(f"{where}.{name} is missing")
    return obj[name]


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise faults.bad_answer(f"{where} is not an object")
    return value


def _whole(value: Any, where: str) -> int:
    """A finite, whole, non-negative JSON number (``true`` and ``"12"`` are not numbers)."""
    if type(value) is float and math.isfinite(value) and value.is_integer():
        value = int(value)
    if type(value) is not int:
        if isinstance(value, float):
            raise faults.bad_answer(f"{where} is not a whole finite number")
        raise faults.bad_answer(f"{where} is not a number ({type(value).__name__})")
    if not 0 <= value <= _LARGEST_COUNT:
        raise faults.bad_answer(f"{where} is out of range")
    return value


def _time(value: Any, where: str) -> datetime:
    ms = _whole(value, where)
    if not _FIRST_MS <= ms <= _LAST_MS:
        raise faults.bad_answer(f"{where} is not a time in epoch milliseconds")
    return (_EPOCH + timedelta(milliseconds=ms)).astimezone(PLAN_TZ)


# --- the mint -----------------------------------------------------------------------------------


def parse_token(data: bytes) -> str:
    """The console token in the mint's answer (HTTP 200)."""
    answer = _object(load_json(data), "the answer")
    token = _field(answer, "cliAccessToken", "answer")
    if not isinstance(token, str) or not token:
        raise faults.bad_answer("answer.cliAccessToken is not a text")
    if len(token) > MAX_TOKEN_LEN or not all("!" <= ch <= "~" for ch in token):
        raise faults.bad_answer("answer.cliAccessToken is not a usable token")
    return token


def _error_fields(data: bytes) -> tuple[str, str]:
    """An Alibaba Cloud error body's ``Code`` and ``Message`` (either case), if it has them."""
    try:
        answer = json.loads(data.decode("utf-8-sig"), parse_constant=_refuse_constant)
    except (RecursionError, ValueError):  # UnicodeDecodeError is a ValueError
        return "", data[:200].decode("utf-8", "replace")
    if not isinstance(answer, dict):
        return "", ""
    code = answer.get("Code", answer.get("code", ""))
    message = answer.get("Message", answer.get("message", ""))
    return (code if isinstance(code, str) else ""), (message if isinstance(message, str) else "")


def mint_fault(status: int, data: bytes, skew_s: float | None) -> CodingPlanError:
    """The fault for a refused mint: HTTP ``status`` with body ``data``; ``skew_s`` is this
    computer's clock minus the console's (from the answer's ``Date``), when known."""
    code, message = _error_fields(data)
    detail = f"HTTP {status} {code}: {message}".strip().rstrip(":")
    lowered = code.lower()
    if any(word in lowered for word in ("nopermission", "implicitdeny", "explicitdeny")) or (
        lowered in ("forbidden", "accessdenied") or lowered.startswith("forbidden.ram")
    ):
        return faults.no_permission(detail)
    if lowered.startswith("invalidaccesskeyid") or "accesskeydisabled" in lowered:
        return faults.unknown_access_key(detail)
    if lowered.startswith("invalidsecuritytoken"):
        return faults.sts_token(detail)
    if lowered.startswith(("signaturedoesnotmatch", "incompletesignature", "invalidtimestamp")):
        if skew_s is not None and abs(skew_s) >= faults.CLOCK_TOLERANCE_S:
            return faults.clock(skew_s, detail)
        return faults.signature(detail)
    if status >= 500 or not code:
        return faults.http_error(status, detail)
    return faults.refused(code, detail)


# --- the gateway -------------------------------------------------------------------------------


def _brief(value: Any) -> str:
    """A short text of an outside value for Details (never its whole structure)."""
    if isinstance(value, str):
        return value[:600]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "; ".join(value)[:600]
    if value is None or isinstance(value, bool | int | float):
        return str(value)
    return type(value).__name__


def _gateway_refusal(data: dict[str, Any]) -> CodingPlanError:
    code = _brief(data.get("errorCode"))[:200]
    message = _brief(data.get("errorMsg")) if isinstance(data.get("errorMsg"), str) else ""
    detail = f"{code}: {message}" if message and message != code else code
    if "NotLogined" in code:
        return faults.not_logged_in(detail)
    if "Workspace.NotAuthorised" in code or "Workspace.NotAuthorized" in code:
        return faults.not_member(detail)
    if "NoPermission" in code:
        return faults.workspace_permission(message or code, detail)
    return faults.refused(code or "?", detail)


def _instances(answer: Any) -> list[Any]:
    """The list of plan instances in a successful answer, or the refusal it holds."""
    top = _object(answer, "the answer")
    if top.get("successResponse") is False and not isinstance(top.get("data"), dict):
        raise faults.refused(_brief(top.get("code"))[:120], _brief(top.get("message")))
    data = _object(_field(top, "data", "answer"), "answer.data")
    if data.get("success") is False:
        raise _gateway_refusal(data)
    if "DataV2" in data:
        v2 = _object(data["DataV2"], "answer.data.DataV2")
        if v2.get("success") is False:
            raise faults.refused("DataV2", _brief(v2.get("ret")))
        inner = _object(_field(v2, "data", "answer.data.DataV2"), "answer.data.DataV2.data")
        payload = _object(_field(inner, "data", "answer.data.DataV2.data"), "…DataV2.data.data")
    else:  # the older shape that ``bl`` also reads
        payload = _object(_field(data, "data", "answer.data"), "answer.data.data")
    found = payload.get("codingPlanInstanceInfos")
    if found is None:  # as bl reads it: no list is no instance
        return []
    if not isinstance(found, list):
        raise faults.bad_answer("codingPlanInstanceInfos is not a list")
    return found


def _window(quota: dict[str, Any], name: str) -> Window:
    prefix = WINDOW_FIELDS[name]
    used = _whole(_field(quota, f"{prefix}UsedQuota", "quota"), f"{prefix}UsedQuota")
    total = _whole(_field(quota, f"{prefix}TotalQuota", "quota"), f"{prefix}TotalQuota")
    if total == 0:
        raise faults.bad_answer(f"{prefix}TotalQuota is 0")
    refresh_field = f"{prefix}QuotaNextRefreshTime"
    raw = quota.get(refresh_field)
    if raw is None:
        if used:  # only a window with no use yet may have no refresh time
            raise faults.bad_answer(f"{refresh_field} is missing for a window in use")
        return Window(used, total, None)
    return Window(used, total, _time(raw, refresh_field))


def _reading(instance: dict[str, Any], read_at: datetime) -> PlanReading:
    quota = _object(_field(instance, "codingPlanQuotaInfo", "instance"), "codingPlanQuotaInfo")
    kind = _field(instance, "instanceType", "instance")
    tier = kind.lower() if isinstance(kind, str) else None
    if tier not in ("lite", "pro"):
        raise faults.bad_answer("instanceType is neither lite nor pro")
    auto_renew = _field(instance, "autoRenewFlag", "instance")
    if not isinstance(auto_renew, bool):
        raise faults.bad_answer("autoRenewFlag is not true or false")
    return PlanReading(
        five_hours=_window(quota, plan.Window.FIVE_HOURS),
        week=_window(quota, plan.Window.WEEK),
        month=_window(quota, plan.Window.MONTH),
        tier=Tier(tier),
        status=VALID,
        ends_at=_time(_field(instance, "instanceEndTime", "instance"), "instanceEndTime"),
        remaining_days=_whole(_field(instance, "remainingDays", "instance"), "remainingDays"),
        auto_renew=auto_renew,
        read_at=read_at,
    )


def parse_plan(data: bytes, read_at: datetime) -> PlanReading:
    """The plan's figures in the gateway's answer (HTTP 200): the first VALID instance.

    Raises the console's refusal (not logged in, not a member, a missing permission, …),
    ``console_no_plan`` or ``console_plan_not_valid``, or ``console_bad_answer``."""
    instances = _instances(load_json(data))
    statuses: list[str] = []
    for instance in instances:
        status = _object(instance, "an instance").get("status")
        if not isinstance(status, str):
            raise faults.bad_answer("an instance's status is not a text")
        if status == VALID:
            return _reading(instance, read_at)
        statuses.append(status)
    if not statuses:
        raise faults.no_plan("codingPlanInstanceInfos is empty")
    unique = list(dict.fromkeys(statuses))
    raise faults.plan_not_valid(unique, f"instances: {', '.join(unique)}")


# --- a reading kept by this app ------------------------------------------------------------


def _kept_time(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        raise faults.bad_answer(f"{where} is not a time")
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("no offset")
        return moment.astimezone(PLAN_TZ)
    except (ValueError, OverflowError):  # year 1 at +14:00 is before year 1 in UTC+8
        raise faults.bad_answer(f"{where} is not a time with its offset") from None


def _kept_window(value: Any, where: str) -> Window:
    data = _object(value, where)
    refresh = data.get("next_refresh")
    return Window(
        _whole(_field(data, "used", where), f"{where}.used"),
        _whole(_field(data, "total", where), f"{where}.total"),
        None if refresh is None else _kept_time(refresh, f"{where}.next_refresh"),
    )


def reading_from_dict(value: Any) -> PlanReading:
    """A reading kept as ``PlanReading.to_dict`` gave it (the usage ledger keeps the last
    one), read back as strictly as the console's own answer; ``console_bad_answer`` else."""
    data = _object(value, "the kept reading")
    windows = _object(_field(data, "windows", "reading"), "reading.windows")
    tier = _field(data, "plan", "reading")
    if tier not in ("lite", "pro"):
        raise faults.bad_answer("reading.plan is neither lite nor pro")
    status, auto_renew = _field(data, "status", "reading"), _field(data, "auto_renew", "reading")
    if not isinstance(status, str) or not isinstance(auto_renew, bool):
        raise faults.bad_answer("reading.status or reading.auto_renew is of the wrong type")
    found = {
        name: _kept_window(_field(windows, name, "reading.windows"), name) for name in WINDOW_FIELDS
    }
    return PlanReading(
        five_hours=found[plan.Window.FIVE_HOURS],
        week=found[plan.Window.WEEK],
        month=found[plan.Window.MONTH],
        tier=Tier(tier),
        status=status,
        ends_at=_kept_time(_field(data, "ends_at", "reading"), "reading.ends_at"),
        remaining_days=_whole(_field(data, "remaining_days", "reading"), "remaining_days"),
        auto_renew=auto_renew,
        read_at=_kept_time(_field(data, "read_at", "reading"), "reading.read_at"),
    )

"""The words for the plan's console that the Key tab, the wizard, the dashboard and the tray
share: who is logged in, how old the reading is, when the plan ends."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from codingplan.ui import glance

if TYPE_CHECKING:
    from codingplan.actions.console import ConsoleStatus
    from codingplan.console.facts import PlanFacts


def site_name(site: str | None) -> str:
    return {
        "international": QCoreApplication.translate("console", "international site"),
        "domestic": QCoreApplication.translate("console", "China site"),
    }.get(site or "", "")


def who(status: ConsoleStatus) -> str:
    """ "the AccessKey …wxyz (international site)", or "the bl command's login"."""
    if status.way == "bl":
        return QCoreApplication.translate("console", "the bl command's login")
    site = site_name(status.site)
    key = QCoreApplication.translate("console", "the AccessKey {masked}").format(
        masked=status.masked_id or ""
    )
    if not site:
        return key
    return QCoreApplication.translate("console", "{key} ({site})").format(key=key, site=site)


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def read_line(status: ConsoleStatus, now: datetime | None = None) -> str:
    """ "Last read 2 min ago (14:32)", or that nothing was read yet."""
    if status.read_at is None:
        return QCoreApplication.translate("console", "Not read yet")
    now_ms = _ms(now or datetime.now(UTC))
    read_ms = _ms(status.read_at)
    return QCoreApplication.translate("console", "Last read {age} ({time})").format(
        age=glance.relative(read_ms, now_ms, None), time=glance.at(read_ms, now_ms, None)
    )


def next_line(next_read_ms: int | None, now_ms: int) -> str:
    """ "Next read in 5 min (today 14:37)", or "" when none is planned."""
    if next_read_ms is None:
        return ""
    return QCoreApplication.translate("console", "Next read {in} ({time})").format_map(
        {
            "in": glance.relative(next_read_ms, now_ms, None),
            "time": glance.at(next_read_ms, now_ms, None),
        }
    )


def day(value: object) -> str:
    """A date in the language shown ("10 March 2027", "2027年3月10日")."""
    qdate = QDate(value.year, value.month, value.day)  # type: ignore[attr-defined]
    return QLocale().toString(qdate, QLocale.FormatType.LongFormat)


def facts_line(facts: PlanFacts) -> str:
    """ "The plan is valid until 10 March 2027, 20 days left; it renews automatically"."""
    if facts.days_left == 0:
        left = QCoreApplication.translate("console", "ends within a day")
    elif facts.days_left == 1:
        left = QCoreApplication.translate("console", "1 day left")
    else:
        left = QCoreApplication.translate("console", "{days} days left").format(
            days=facts.days_left
        )
    line = QCoreApplication.translate("console", "The plan is valid until {date}, {left}").format(
        date=day(facts.last_day), left=left
    )
    if not facts.renewable:  # the caller says why (Lite's end of sales)
        return line
    if facts.auto_renew:
        return line + QCoreApplication.translate("console", "; it renews automatically")
    return line + QCoreApplication.translate("console", "; it does not renew by itself")

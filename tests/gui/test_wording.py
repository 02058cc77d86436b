"""The command line says times in the app's words: for any moment, any distance and any zone,
``codingplan.wording`` (no Qt) gives what the app's glance gives on a desktop with a 24-hour
English clock."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QLocale

from codingplan import wording
from codingplan.ui import glance

ZONES = [UTC, ZoneInfo("Asia/Shanghai"), ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")]
YEAR_MS = 366 * 86_400_000
START = int(datetime(2024, 1, 1, tzinfo=UTC).timestamp() * 1000)
END = int(datetime(2030, 1, 1, tzinfo=UTC).timestamp() * 1000)


@pytest.fixture
def british(qapp):
    """English with a 24-hour clock, as the command line writes times."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    now=st.integers(START, END),
    delta=st.one_of(
        st.integers(-3 * 86_400_000, 3 * 86_400_000),  # around today, to the minute
        st.integers(-YEAR_MS, YEAR_MS),  # days and months away, the year given when far
    ),
    zone=st.sampled_from(ZONES),
)
def test_the_command_line_and_the_app_say_the_same_time(british, now, delta, zone):
    moment = now + delta
    assert wording.when(moment, now, zone) == glance.when(moment, now, zone)
    assert wording.at(moment, now, zone, today_word=False) == glance.at(
        moment, now, zone, today_word=False
    )
    assert wording.relative(moment, now, zone) == glance.relative(moment, now, zone)


def test_the_examples_people_read(british):
    shanghai = ZoneInfo("Asia/Shanghai")
    now = int(datetime(2026, 12, 1, 9, 30, tzinfo=shanghai).timestamp() * 1000)
    monday = int(datetime(2026, 12, 7, 0, 0, tzinfo=shanghai).timestamp() * 1000)
    assert wording.when(monday, now, shanghai) == "Mon 7 Dec 00:00 · in 6 days"
    soon = now + 3 * 3_600_000 + 12 * 60_000
    assert wording.when(soon, now, shanghai) == "in 3 h 12 min · today 12:42"
    assert wording.relative(now - 90_000, now, shanghai) == "1 min ago"


def test_every_month_is_named_as_the_app_names_it(british):
    """Each month once, away from the random search's luck: September is where English
    locales differ ("Sep" in the C library, "Sept" in the app's British English)."""
    zone = ZoneInfo("Europe/Berlin")
    for month in range(1, 13):
        now = int(datetime(2026, month, 1, 8, 0, tzinfo=zone).timestamp() * 1000)
        later = int(datetime(2026, month, 20, 8, 0, tzinfo=zone).timestamp() * 1000)
        assert wording.when(later, now, zone) == glance.when(later, now, zone)

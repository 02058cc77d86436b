"""Record times: one span every source accepts, and a display that never raises."""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo, available_timezones

from hypothesis import given
from hypothesis import strategies as st

from codingplan.usage.events import EARLIEST_MS, parse_iso_ms, sane_ms
from codingplan.usage.snapshot import iso

NOW_MS = int(time.time() * 1000)
DAY_MS = 86_400_000


def test_the_span_runs_from_2020_to_a_day_past_the_clock():
    assert sane_ms(EARLIEST_MS) == EARLIEST_MS
    assert sane_ms(EARLIEST_MS - 1) is None
    assert sane_ms(NOW_MS + DAY_MS, now_ms=NOW_MS) is not None
    assert sane_ms(NOW_MS + DAY_MS + 1, now_ms=NOW_MS) is None
    now = int(time.time() * 1000)  # by default, this computer's clock
    assert sane_ms(now + DAY_MS - 60_000) is not None and sane_ms(now + DAY_MS + 60_000) is None
    assert sane_ms(10**30) is None and sane_ms(-1) is None
    assert sane_ms(True) is None and sane_ms("1795835246138") is None and sane_ms(1.5e12) is None
    assert sane_ms(NOW_MS + 5 * DAY_MS, now_ms=NOW_MS + 5 * DAY_MS) is not None


def test_iso_times_outside_the_span_or_any_calendar_are_refused():
    assert parse_iso_ms("2026-11-28T03:00:00Z") == 1795834800000
    assert parse_iso_ms("2026-11-28T11:00:00+08:00") == 1795834800000
    for text in (
        "9999-12-31T20:00:00Z",
        "0001-01-01T00:00:00+14:00",
        "1999-01-01T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "",
        None,
        12,
    ):
        assert parse_iso_ms(text) is None, text


@given(st.text())
def test_any_text_gives_none_or_a_sane_time(text):
    result = parse_iso_ms(text)
    assert result is None or sane_ms(result) == result


@given(
    st.datetimes(
        min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31), timezones=st.timezones()
    )
)
def test_any_representable_time_parses_without_raising(moment):
    parse_iso_ms(moment.isoformat())


ZONES = sorted(available_timezones())


@given(st.integers(min_value=-(2**63), max_value=2**63 - 1), st.sampled_from([None, *ZONES]))
def test_showing_any_ledger_time_in_any_zone_never_raises(ms, zone):
    text = iso(ms, ZoneInfo(zone) if zone else None)
    assert datetime.fromisoformat(text).tzinfo is not None

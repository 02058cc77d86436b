"""The month's turn from the date the plan's console shows as its renewal or end, held
against the vendor's rule written out here on its own: a plan bought on day P is valid
"until the corresponding day of the next month, 23:59:59 (UTC+8)", the month's last day
where it has no such day, and its month turns at 00:00 the day after."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from codingplan import settings as settings_mod
from codingplan.errors import CodingPlanError
from codingplan.usage.windows import PLAN_TZ, month_period


def days_in(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def vendor_turn(purchase_day: int, year: int, month: int) -> datetime:
    """The vendor's turn in (or just after) ``month``: 00:00 after the last valid day."""
    last_valid = date(year, month, min(purchase_day, days_in(year, month)))
    return datetime.combine(last_valid + timedelta(days=1), datetime.min.time(), PLAN_TZ)


def app_turn_near(day: int, vendor: datetime) -> datetime:
    """The app's turn (``windows``' arithmetic) nearest the vendor's: the first after three
    days before it (turns are a month apart)."""
    return month_period(vendor - timedelta(days=3), day).end


MONTHS = [(2027, m) for m in range(1, 13)] + [(2028, 1), (2028, 2)]


def the_day(text: str) -> int:
    attr, value = settings_mod.parse_value("renewal-date", text)
    assert attr == "subscription_day"
    return value


def test_the_one_real_sample_turns_at_00_00_on_the_11th():
    # Bought 2026-02-10, the console's end and month refresh 2026-03-11 00:00 UTC+8.
    assert the_day("2026-03-10") == 11
    assert the_day("2026/03/10") == 11
    assert the_day("2026-03-11 00:00:00") == 11  # the end itself, as instanceEndTime
    assert the_day("2026-03-10 23:59:59") == 11  # the last moment, as the FAQ writes it
    vendor = vendor_turn(10, 2026, 3)
    assert vendor == datetime(2026, 3, 11, tzinfo=PLAN_TZ) == app_turn_near(11, vendor)


@pytest.mark.parametrize("purchase_day", range(1, 28))
def test_days_up_to_the_27th_turn_exactly_as_the_vendor_says_every_month(purchase_day):
    day = the_day(date(2027, 1, purchase_day).isoformat())  # the console's last valid day
    for year, month in MONTHS:
        vendor = vendor_turn(purchase_day, year, month)
        assert app_turn_near(day, vendor) == vendor


@pytest.mark.parametrize("shown", ["2027-01-31", "2027-04-30", "2027-02-28", "2028-02-29"])
def test_a_months_last_day_gives_the_first_never_before_the_vendor(shown):
    assert the_day(shown) == 1
    for purchase_day in range(date.fromisoformat(shown).day, 32):  # each it may stand for
        for year, month in MONTHS:
            vendor = vendor_turn(purchase_day, year, month)
            late = app_turn_near(1, vendor) - vendor
            assert timedelta(0) <= late <= timedelta(days=3)
            if purchase_day == 31:
                assert late == timedelta(0)


@pytest.mark.parametrize("purchase_day", [28, 29, 30])
def test_days_28_to_30_are_at_most_one_day_early_in_a_short_month(purchase_day):
    day = the_day(date(2027, 3, purchase_day).isoformat())
    assert day == purchase_day + 1
    early = []
    for year, month in MONTHS:
        vendor = vendor_turn(purchase_day, year, month)
        ahead = vendor - app_turn_near(day, vendor)
        assert ahead in (timedelta(0), timedelta(days=1))
        if ahead:
            early.append(month)
            assert days_in(year, month) < day  # only where the month lacks the day
    assert early  # February at least


def test_the_renewal_date_shown_back_is_the_day_before_the_turn():
    now = datetime(2027, 1, 20, tzinfo=PLAN_TZ)
    assert settings_mod.renewal_date_of(11, now) == date(2027, 2, 10)
    assert settings_mod.renewal_date_of(1, now) == date(2027, 1, 31)
    assert settings_mod.turn_day_after(settings_mod.renewal_date_of(11, now)) == 11


@pytest.mark.parametrize("text", ["", "10", "2027-13-01", "next month", "sk-sp-" + "a" * 32])
def test_what_is_not_a_date_is_refused_in_a_sentence(text):
    with pytest.raises(CodingPlanError) as info:
        settings_mod.parse_value("renewal-date", text)
    assert info.value.code == "bad_setting"
    assert "renewal-date" in info.value.message and "2027-01-10" in info.value.remedy
    assert "sk-sp-" + "a" * 32 not in info.value.message


def test_the_setting_saved_is_the_subscription_day_the_file_already_knows(tmp_path):
    path = tmp_path / "settings.json"
    attr, value = settings_mod.parse_value("renewal_date", "2027-01-10")
    settings_mod.update({attr: value}, path)
    loaded = settings_mod.load(path).settings
    assert loaded.subscription_day == 11
    assert "renewal" not in path.read_text()

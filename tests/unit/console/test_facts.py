"""The plan's end, its days left, the reminders 7, 3 and 1 days before, and Lite's end of
renewals."""

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from codingplan.console.answer import PlanReading, Window
from codingplan.console.facts import (
    ENDS_IN_DAYS,
    ENDS_IN_ONE_DAY,
    ENDS_TODAY,
    LITE_NOT_RENEWABLE,
    REMINDER_DAYS,
    RENEW_IT,
    days_left,
    last_day,
    plan_facts,
    reminder_due,
    reminder_text,
    renewable,
)
from codingplan.plan import Tier
from codingplan.usage.windows import PLAN_TZ

# The real sample: bought 2026-02-10, ends 2026-03-11 00:00 UTC+8.
END = datetime(2026, 3, 11, tzinfo=PLAN_TZ)


def _reading(tier=Tier.PRO, auto_renew=False, ends_at=END) -> PlanReading:
    window = Window(0, 1, None)
    return PlanReading(
        window, window, window, tier, "VALID", ends_at, 2, auto_renew, ends_at - timedelta(days=2)
    )


def test_the_last_day_is_the_day_before_the_end_in_the_plans_time():
    assert last_day(END) == date(2026, 3, 10)
    # Whatever zone the end is given in.
    assert last_day(END.astimezone(UTC)) == date(2026, 3, 10)
    assert last_day(datetime(2026, 3, 11, 0, 0, 1, tzinfo=PLAN_TZ)) == date(2026, 3, 11)


def test_days_left_counts_whole_days_as_the_console_does():
    # The sample was read about 2.5 days before the end, and the console said 2.
    assert days_left(END, END - timedelta(days=2, hours=12)) == 2
    assert days_left(END, END - timedelta(hours=1)) == 0
    assert days_left(END, END + timedelta(days=3)) == 0


def test_reminders_come_at_7_3_and_1_days_each_once():
    def due(before: timedelta, sent=()):
        return reminder_due(END, END - before, auto_renew=False, can_renew=True, sent=sent)

    assert due(timedelta(days=8)) is None
    assert due(timedelta(days=7)) == 7
    assert due(timedelta(days=6, hours=23)) == 7
    assert due(timedelta(days=5), sent={7}) is None
    assert due(timedelta(days=3), sent={7}) == 3
    assert due(timedelta(hours=20), sent={7, 3}) == 1
    assert due(timedelta(hours=20), sent={7, 3, 1}) is None
    # Away for a week: only the nearest reminder, not three at once.
    assert due(timedelta(hours=20)) == 1
    assert due(-timedelta(minutes=1)) is None  # it has ended


def test_no_reminder_with_auto_renewal_unless_the_plan_cannot_be_renewed():
    now = END - timedelta(days=2)
    assert reminder_due(END, now, auto_renew=True, can_renew=True) is None
    assert reminder_due(END, now, auto_renew=True, can_renew=False) == 3


def test_lite_is_no_longer_renewable_from_2026_04_13():
    assert renewable(Tier.LITE, date(2026, 4, 12)) is True
    assert renewable(Tier.LITE, date(2026, 4, 13)) is False
    assert renewable(Tier.PRO, date(2030, 1, 1)) is True


def test_plan_facts_of_a_lite_plan_after_lite_ended():
    ends = datetime(2026, 6, 1, tzinfo=PLAN_TZ)
    facts = plan_facts(_reading(Tier.LITE, auto_renew=True, ends_at=ends), ends - timedelta(days=2))
    assert facts.renewable is False
    assert facts.reminder == 3  # auto-renewal cannot renew it
    assert facts.last_day == date(2026, 5, 31)
    assert facts.days_left == 2
    assert reminder_text(facts) == (ENDS_IN_DAYS, LITE_NOT_RENEWABLE)


def test_plan_facts_of_a_pro_plan():
    facts = plan_facts(_reading(Tier.PRO), END - timedelta(hours=30), sent={7, 3})
    assert (facts.renewable, facts.reminder, facts.days_left) == (True, None, 1)
    assert reminder_text(facts) == (ENDS_IN_ONE_DAY, RENEW_IT)
    today = plan_facts(_reading(Tier.PRO), END - timedelta(hours=3))
    assert reminder_text(today)[0] == ENDS_TODAY


@settings(max_examples=300)
@given(
    st.integers(min_value=-3 * 86400, max_value=40 * 86400),
    st.frozensets(st.sampled_from(REMINDER_DAYS)),
)
def test_a_reminder_is_due_only_once_its_day_has_come(seconds_left, sent):
    now = END - timedelta(seconds=seconds_left)
    due = reminder_due(END, now, auto_renew=False, can_renew=True, sent=sent)
    if due is not None:
        assert due not in sent
        assert timedelta(0) < END - now <= timedelta(days=due)
        # no nearer reminder is due yet
        assert all(END - now > timedelta(days=d) for d in REMINDER_DAYS if d < due)

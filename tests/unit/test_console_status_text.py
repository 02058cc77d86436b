"""``codingplan console status`` in words: each window with its time, the plan's last day,
and never a claim the reading cannot make (a plan past its end, a window not used yet)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from codingplan.actions.console import ConsoleStatus
from codingplan.cli.console import _status_text
from codingplan.console.answer import parse_plan
from codingplan.console.facts import plan_facts
from tests.fakes.console_server import gateway_success, instance


def status_of(
    read_at: datetime, *, fresh: bool = True, unused_5h: bool = False, **fields
) -> ConsoleStatus:
    found = instance(at_ms=int(read_at.timestamp() * 1000), **fields)
    if unused_5h:  # as the console answers for a window with no use yet
        del found["codingPlanQuotaInfo"]["per5HourQuotaNextRefreshTime"]
    data = gateway_success([found])
    reading = parse_plan(json.dumps(data).encode(), read_at)
    return ConsoleStatus(
        logged_in=True,
        masked_id="…0001",
        site="international",
        way="access_key",
        reading=reading,
        facts=plan_facts(reading, datetime.now(UTC)),
        read_at=reading.read_at,
        fault=None,
        fresh=fresh,
    )


def test_a_pro_plan_read_now():
    text = _status_text(status_of(datetime.now(UTC), days_left=20), "Said first.")
    lines = text.splitlines()
    assert lines[0] == "Said first."
    assert (
        lines[1]
        == "Pro plan, from the plan's console just now (AccessKey …0001, international site)"
    )
    assert lines[2].startswith("5 hours      812 of  6,000 used    5,188 left  some back in 3 h · ")
    assert lines[3].startswith("week       9,000 of 45,000 used   36,000 left  resets ")
    assert lines[4].startswith("month     20,000 of 90,000 used   70,000 left  resets ")
    assert lines[5].startswith("Valid until ") and "20 days left; auto-renewal off." in lines[5]
    assert len(lines) == 6  # no reminder 20 days ahead


def test_lite_says_it_cannot_be_renewed_and_an_unused_window_has_no_time():
    status = status_of(
        datetime.now(UTC), tier="lite", used=(0, 10, 20), days_left=1, unused_5h=True
    )
    text = _status_text(status, "")
    assert "5 hours        0 of  1,200 used    1,200 left  (not used yet)" in text
    assert "1 day left" in text and "Lite can no longer be renewed" in text


def test_a_reminder_before_the_end_of_a_plan_that_does_not_renew_itself():
    text = _status_text(status_of(datetime.now(UTC), days_left=3), "")
    assert "Your Coding Plan ends on" in text and "Renew it in the Coding Plan console" in text
    renewing = _status_text(status_of(datetime.now(UTC), days_left=3, auto_renew=True), "")
    assert "Your Coding Plan ends on" not in renewing and "auto-renewal on" in renewing


def test_a_kept_reading_says_when_and_never_that_an_ended_plan_is_valid():
    long_ago = datetime.now(UTC) - timedelta(days=40)
    text = _status_text(status_of(long_ago, fresh=False, days_left=20), "")
    assert "as the plan's console said" in text and "ago" in text
    assert "It was valid until" in text and "days left" not in text

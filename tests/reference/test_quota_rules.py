"""The app's quota model against the reference rules (``quota_rules``), in random histories
that mix this computer's records, another computer's through the shared folder, calls
nothing records, "quota exceeded" answers, served calls and readings of the console.

In-process here, for many histories; through ``codingplan usage --json`` with the clock
moved in ``test_quota_rules_cli.py``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings

from codingplan.env import Env
from codingplan.integrations.claude_code.usage import ClaudeSource
from codingplan.plan import Tier
from codingplan.settings import Settings
from codingplan.usage import Tracker
from codingplan.usage.shared import ShareFolder
from codingplan.usage.test_requests import TestRequestSource
from tests.depth import examples
from tests.reference import quota_rules as rules
from tests.reference.checks import check
from tests.reference.scenarios import Scenario, play, scenarios, write_records


def test_the_reference_knows_the_plans_periods():
    # 2026-12-07 is a Monday: its week begins at 00:00 UTC+8, Sunday 16:00 UTC.
    monday = rules.ms_of(datetime(2026, 12, 6, 16, tzinfo=UTC))
    assert rules.week_start(monday) == monday
    assert rules.week_start(monday - 1) == monday - 7 * 24 * rules.HOUR
    # Bought on the 31st: February's month turns on its last day.
    march = rules.month_start(rules.ms_of(datetime(2027, 3, 5, tzinfo=UTC)), 31)
    assert rules.moment(march).date().isoformat() == "2027-02-28"
    plan = rules.Plan("lite", 1)
    answers = [plan.ask(monday + i) for i in range(1201)]
    assert answers[-2:] == ["ok", "quota_5h"]
    assert plan.ask(monday + rules.FIVE_HOURS) == "ok"  # the first call is back


def _computer(home: Path, folder: Path, name: str) -> Tracker:
    env = Env("linux", home, {})
    file = home / ".local/share/codingplan/test-requests.jsonl"
    tracker = Tracker(
        home / "ledger.sqlite3",
        sources=lambda: [ClaudeSource(env), TestRequestSource(file)],
        workers=1,
    )
    tracker.share = ShareFolder(folder, name, label=name)
    return tracker


def run(scenario: Scenario, root: Path) -> dict:
    played = play(scenario)
    folder = root / "Sync"
    folder.mkdir(parents=True)
    homes = {who: root / who for who in ("here", "there")}
    for who, home in homes.items():
        write_records(home, played.records[who])
    with _computer(homes["there"], folder, "there") as there:
        there.refresh()
    with _computer(homes["here"], folder, "here") as here:
        here.refresh()
        for window, at, n in played.readings:
            here.calibrate(window, n, now=rules.moment(at))
        settings_ = Settings(tier=Tier(scenario.tier), subscription_day=scenario.day)
        snapshot = here.snapshot(settings_, now=rules.moment(scenario.now))
    return played, snapshot.to_dict()["windows"]


_count = iter(range(10**9))


@settings(
    max_examples=examples(200),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(scenarios(tools=("app", "claude")))
def test_the_estimate_keeps_to_the_rules(tmp_path, scenario):
    played, windows = run(scenario, tmp_path / str(next(_count)))
    for what, happened in (
        ("a quota answer seen", played.evidence.refusals),
        ("a call hidden", played.hidden_after),
        ("a reading", played.readings),
        ("a floor from another window", [w for w in ("week", "month") if "floor" in windows[w]]),
    ):
        if happened:
            event(what)
    for window in ("5h", "week", "month"):
        event(f"{window}: {windows[window]['confidence']}")
    check(scenario, played, windows)


@pytest.mark.parametrize("who", ["here", "there"])
def test_a_week_used_up_is_a_floor_for_the_month_after_its_reset(tmp_path, who):
    """Lite's week of 9,000 used up elsewhere, in bursts 6 hours apart; a call here (or on
    the other computer) then gets "week allocated quota exceeded". After Monday's reset
    the month still holds at least the 9,000, not the one call seen."""
    from tests.reference.scenarios import Burst, recent_monday

    monday = recent_monday()
    now = monday + 2 * rules.HOUR + 30_000
    day = rules.moment(monday - 10 * 24 * rules.HOUR).day  # the month began the week before
    bursts = [Burst(7 * 24 * 60 - k * 6 * 60 + 120, 1200, "hidden") for k in range(8)]
    bursts.append(Burst(7 * 24 * 60 - 8 * 6 * 60 + 120, 1, who))
    played, windows = run(Scenario("lite", day, now, bursts, []), tmp_path)
    assert ("week", max(t for _, t in played.evidence.refusals)) in played.evidence.refusals
    check(Scenario("lite", day, now, bursts, []), played, windows)
    assert windows["week"]["used"] == 0 and windows["month"]["used"] == 9000
    assert windows["month"]["confidence"] == "lower_bound"

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codingplan.alerts import EXHAUSTED, AlertState, level_of


@pytest.mark.parametrize(
    "used, level",
    [
        (0, 0),
        (4799, 0),
        (4800, 1),
        (5699, 1),
        (5700, 2),
        (5999, 2),
        (6000, EXHAUSTED),
        (7000, EXHAUSTED),
    ],
)
def test_levels(used, level):
    assert level_of(used, 6000, (80, 95)) == level


def kinds(alerts):
    return [(a.window, a.kind, a.params.get("percent")) for a in alerts]


def test_each_crossing_is_announced_once(tmp_path):
    state = AlertState(tmp_path / "alerts.json")
    assert state.update({"5h": (100, 6000)}, (80, 95)) == []
    assert kinds(state.update({"5h": (4900, 6000)}, (80, 95))) == [("5h", "threshold", 80)]
    assert state.update({"5h": (5000, 6000)}, (80, 95)) == []  # still past 80: no repeat
    # Jumping past two levels at once announces only the highest.
    assert kinds(state.update({"5h": (6000, 6000)}, (80, 95))) == [("5h", "exhausted", 100)]
    assert state.update({"5h": (6000, 6000)}, (80, 95)) == []
    (restored,) = state.update({"5h": (5990, 6000)}, (80, 95))
    assert (restored.kind, restored.params["remaining"]) == ("restored", 10)
    assert state.update({"5h": (5999, 6000)}, (80, 95)) == []


def test_falling_back_re_arms_silently(tmp_path):
    state = AlertState(tmp_path / "alerts.json")
    state.update({"week": (40_000, 45_000)}, (80, 95))
    assert state.update({"week": (10, 45_000)}, (80, 95)) == []  # the week reset: no news
    assert kinds(state.update({"week": (36_000, 45_000)}, (80, 95))) == [("week", "threshold", 80)]


def test_only_the_five_hour_window_announces_coming_back(tmp_path):
    state = AlertState(tmp_path / "alerts.json")
    state.update({"month": (90_000, 90_000)}, (80, 95))
    assert state.update({"month": (3, 90_000)}, (80, 95)) == []


def test_a_restart_does_not_repeat_and_idle_writes_nothing(tmp_path):
    path = tmp_path / "alerts.json"
    AlertState(path).update({"5h": (5000, 6000), "week": (0, 45_000)}, (80, 95))
    assert json.loads(path.read_text()) == {"5h": 1}
    stamp = path.stat().st_mtime_ns
    again = AlertState(path)
    assert again.update({"5h": (5000, 6000), "week": (0, 45_000)}, (80, 95)) == []
    assert path.stat().st_mtime_ns == stamp


def test_a_damaged_state_file_only_means_alerts_may_repeat(tmp_path):
    path = tmp_path / "alerts.json"
    path.write_text("{broken")
    assert kinds(AlertState(path).update({"5h": (5000, 6000)}, (80, 95))) == [
        ("5h", "threshold", 80)
    ]


@given(st.lists(st.integers(min_value=0, max_value=6000), min_size=1, max_size=60))
def test_never_two_alerts_for_one_level_without_falling_back(tmp_path_factory, series):
    state = AlertState(tmp_path_factory.mktemp("a") / "alerts.json")
    announced = []
    previous = 0
    for used in series:
        level = level_of(used, 6000, (80, 95))
        for alert in state.update({"5h": (used, 6000)}, (80, 95)):
            announced.append(alert.kind)
            assert level != previous  # something crossed
        previous = level
    # Each announcement is a rise (or the 5-hour window coming back) as seen in the series.
    rises = sum(
        1
        for a, b in zip([0, *series], series, strict=False)
        if level_of(b, 6000, (80, 95)) > level_of(a, 6000, (80, 95))
    )
    assert announced.count("threshold") + announced.count("exhausted") == rises

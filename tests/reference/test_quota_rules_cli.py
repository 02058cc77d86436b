"""``codingplan usage --json`` against the reference rules, as people run it: two computers
(two HOMEs) sharing a folder, each command with its clock moved to the history's end."""

from __future__ import annotations

import json
import uuid

from hypothesis import HealthCheck, given, settings

from tests.reference.checks import check
from tests.reference.quota_rules import moment
from tests.reference.scenarios import play, scenarios, write_records, write_settings
from tests.unit.usage.clock import clock_at


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(scenarios(max_bursts=5, tools=("app", "claude")))
def test_usage_json_keeps_to_the_rules(tmp_path, cli, scenario):
    root = tmp_path / str(uuid.uuid4())
    played = play(scenario)
    folder = root / "Sync"
    folder.mkdir(parents=True)
    envs = {}
    for who in ("here", "there"):
        home = root / who
        home.mkdir()
        write_records(home, played.records[who])
        write_settings(home, scenario, folder)
        envs[who] = {"HOME": str(home), **clock_at(moment(scenario.now))}
    assert cli("usage", "--json", env=envs["there"]).returncode == 0  # writes its share
    played.readings_kept = []
    for window, at, n in played.readings:
        noted = cli(
            "usage", "calibrate", window, str(n), "--at", moment(at).isoformat(), env=envs["here"]
        )
        assert noted.returncode in (0, 2), noted.stderr
        if noted.returncode == 0:  # 2: too old to change anything, and said so
            played.readings_kept.append((window, at, n))
        else:
            assert "too old" in noted.stderr
    result = cli("usage", "--json", env=envs["here"])
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [m["this_computer"] for m in data["machines"]] == [True, False]
    check(scenario, played, data["windows"])

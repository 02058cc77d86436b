"""The update check as the app and the command line take it (``actions.updates``), against a
stand-in of GitHub's releases API on loopback: it runs only when on (or asked), once a day,
never in a package manager's build; a newer version is kept until dismissed; every failure
is a result and a line in the log."""

from __future__ import annotations

import json
import logging
import time

import pytest

from codingplan import __version__, actions, paths, settings, updates
from codingplan.errors import CodingPlanError
from codingplan.updates import Status
from tests.fakes.releases_server import ReleasesServer, closed_origin


@pytest.fixture
def turned_on():
    settings.update({"check_updates": True})


@pytest.fixture
def managed(tmp_path, monkeypatch):
    marker = tmp_path / "MANAGED_BY"
    marker.write_text("Homebrew\n")
    monkeypatch.setattr(updates, "MANAGED_BY_FILE", marker)


def released(server: ReleasesServer, relation: str) -> None:
    """Make the stand-in's latest release newer than, the same as, or older than this app."""
    major, minor, patch = (int(n) for n in __version__.split(".")[:3])
    server.latest = {
        "newer": f"{major}.{minor}.{patch + 1}",
        "same": __version__,
        "older": f"{major}.{minor}.{patch - 1}" if patch else f"{major}.{minor - 1}.99",
    }[relation]


def test_off_by_default_sends_nothing(releases):
    result = actions.check_for_update()
    assert result.status is Status.UNKNOWN and result.reason == "the update check is off"
    assert actions.update_notice() is None
    assert releases.requests == []


def test_a_newer_version_is_found_kept_and_shown_until_dismissed(releases, turned_on):
    released(releases, "newer")
    result = actions.check_for_update()
    assert result.status is Status.NEWER and result.latest == releases.latest
    assert len(result.sums) == 3
    notice = actions.update_notice()
    assert notice == result  # read back from the state file: pages, sums and all
    assert actions.update_notice() == notice  # still there (a restart reads the same file)
    assert actions.dismiss_update(notice.latest).version == notice.latest
    assert actions.update_notice() is None
    releases.latest = releases.latest + ".1"  # a later version is shown again
    actions.check_for_update(asked=True)
    assert actions.update_notice().latest == releases.latest


@pytest.mark.parametrize("relation", ["same", "older"])
def test_the_same_or_an_older_release_shows_nothing(releases, turned_on, relation):
    released(releases, relation)
    result = actions.check_for_update()
    assert result.status is Status(relation)
    assert actions.update_notice() is None
    assert [s.path for s in releases.requests] == ["/repos/codingplan/configurator/releases/latest"]


def test_an_update_installed_since_drops_the_notice(releases, turned_on, monkeypatch):
    released(releases, "newer")
    actions.check_for_update()
    monkeypatch.setattr("codingplan.actions.updates.__version__", releases.latest)
    assert actions.update_notice() is None


@pytest.mark.parametrize(
    "scenario", ["malformed", "malformed_tag", "rate_limited", "too_many_requests", "offline"]
)
def test_a_failed_check_is_a_line_in_the_log_and_keeps_what_was_found(
    releases, turned_on, caplog, monkeypatch, scenario
):
    released(releases, "newer")
    found = actions.check_for_update()
    if scenario == "offline":
        monkeypatch.setenv(updates.ORIGIN_VARIABLE, closed_origin())
    releases.scenario = scenario
    caplog.clear()  # only the failed check's lines, whatever an earlier test left the level at
    with caplog.at_level(logging.INFO):
        result = actions.check_for_update(asked=True)
    assert result.status is Status.UNKNOWN and result.reason
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("codingplan")]
    assert lines == [f"update check: could not tell ({result.reason})"]
    assert all(r.levelno < logging.WARNING for r in caplog.records)
    assert actions.update_notice() == found  # what was known stays known


def test_once_a_day(releases, turned_on):
    released(releases, "same")
    actions.check_for_update()
    again = actions.check_for_update()
    assert again.status is Status.UNKNOWN and again.reason == "checked less than a day ago"
    assert len(releases.requests) == 1
    assert not updates.due(time.time() + updates.CHECK_EVERY_SECONDS - 60)
    assert updates.due(time.time() + updates.CHECK_EVERY_SECONDS + 1)
    assert updates.due(time.time() - 3600)  # a clock set back does not stop the checks
    actions.check_for_update(asked=True)  # asked for: at once, whatever the day
    assert len(releases.requests) == 2


def test_a_failed_check_waits_a_day_too(releases, turned_on):
    releases.scenario = "rate_limited"
    actions.check_for_update()
    actions.check_for_update()
    assert len(releases.requests) == 1


def test_asked_for_it_runs_while_off(releases):
    released(releases, "newer")
    assert actions.check_for_update(asked=True).status is Status.NEWER
    assert actions.update_notice() is None  # the app shows nothing while the check is off


def test_a_package_managers_build_never_checks(releases, turned_on, managed):
    assert not actions.update_check_offered() and not actions.update_check_on()
    with pytest.raises(CodingPlanError) as raised:
        actions.check_for_update(asked=True)
    assert raised.value.code == "updates_managed" and "Homebrew" in raised.value.message
    with pytest.raises(CodingPlanError):
        actions.check_for_update()
    assert actions.update_notice() is None
    assert releases.requests == []


def test_a_hand_edited_state_file_opens_no_other_kind_of_link(turned_on):
    state = paths.data_dir() / updates.STATE_FILE
    state.parent.mkdir(parents=True, exist_ok=True)
    found = {"latest": "99.0.0", "whats_new_url": "file:///etc/passwd", "sums": "x"}
    state.write_text(json.dumps({"found": found}))
    assert actions.update_notice() is None
    state.write_text("[1, 2]")
    assert actions.update_notice() is None and updates.due()


def test_the_setting_by_its_command_line_name():
    assert settings.parse_value("check-updates", "on") == ("check_updates", True)
    assert "check-updates" in settings.describe_values()

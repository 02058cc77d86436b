"""The update check against a stand-in of GitHub's releases API on loopback: every answer
(newer, same, older, malformed, rate-limited, offline, …) is a result, never an exception,
and what goes out names the app and its version and nothing else."""

from __future__ import annotations

import logging
import os
import stat
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codingplan import __version__, paths, updates
from codingplan.settings import Settings
from codingplan.updates import Status
from tests.fakes.releases_server import closed_origin


def test_a_newer_release_with_its_pages_and_sums(releases):
    result = updates.check("0.1.0")
    assert result.status is Status.NEWER
    assert (result.current, result.latest) == ("0.1.0", "9.0.0")
    page = f"{releases.origin}/codingplan/configurator/releases/tag/v9.0.0"
    assert result.whats_new_url == result.download_url == page
    assert result.sums == (
        ("CodingPlanConfigurator-9.0.0-windows-x64-setup.exe", "a" * 64),
        ("CodingPlanConfigurator-9.0.0-macos-arm64.dmg", "b" * 64),
        ("codingplan-9.0.0-linux-x86_64.tar.gz", "c" * 64),
    )
    assert result.to_dict()["sums"][0] == {
        "file": "CodingPlanConfigurator-9.0.0-windows-x64-setup.exe",
        "sha256": "a" * 64,
    }


def test_nothing_about_the_person_is_sent(releases, tmp_path, monkeypatch):
    """A plain User-Agent with the version; no cookie (the stand-in sets one), no
    credentials (even with a ~/.netrc entry for the host), no query."""
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password secret\n")
    monkeypatch.setenv("NETRC", str(netrc))
    updates.check("0.1.0")
    updates.check("0.1.0")
    assert len(releases.requests) == 4  # twice the release and its sums
    for seen in releases.requests:
        assert "?" not in seen.path
        assert seen.headers["user-agent"] == "CodingPlanConfigurator/0.1.0"
        assert "cookie" not in seen.headers and "authorization" not in seen.headers
        assert set(seen.headers) <= {
            "host",
            "user-agent",
            "accept",
            "accept-encoding",
            "connection",
            "x-github-api-version",
        }


@pytest.mark.parametrize(("latest", "status"), [("0.1.0", Status.SAME), ("0.0.9", Status.OLDER)])
def test_the_same_or_an_older_release(releases, latest, status):
    releases.latest = latest
    result = updates.check("0.1.0")
    assert result.status is status and result.latest == latest
    assert result.sums == ()  # fetched only for a newer version
    assert [seen.path for seen in releases.requests] == [
        "/repos/codingplan/configurator/releases/latest"
    ]


@pytest.mark.parametrize(
    ("scenario", "reason"),
    [
        ("malformed", "not JSON"),
        ("malformed_fields", "no tag_name"),
        ("malformed_tag", "cannot be compared"),
        ("page_elsewhere", "not on GitHub"),
        ("rate_limited", "rate-limited"),
        ("too_many_requests", "rate-limited"),
        ("no_release", "no release"),
        ("server_error", "HTTP 502"),
        ("redirect_elsewhere", "redirect to example.invalid"),
        ("huge", "over 1048576 bytes"),
    ],
)
def test_a_bad_answer_is_unknown_with_a_line_in_the_log(releases, caplog, scenario, reason):
    releases.scenario = scenario
    with caplog.at_level(logging.INFO, logger="codingplan.updates"):
        result = updates.check("0.1.0")
    assert result.status is Status.UNKNOWN
    assert reason in result.reason
    assert [r.getMessage() for r in caplog.records if r.name == "codingplan.updates"] == [
        f"update check: could not tell ({result.reason})"
    ]
    assert not updates.to_show(result)


def test_offline_is_unknown(monkeypatch):
    monkeypatch.setenv(updates.ORIGIN_VARIABLE, closed_origin())
    result = updates.check("0.1.0")
    assert result.status is Status.UNKNOWN and "ConnectError" in result.reason


def test_one_deadline_for_the_whole_check(releases):
    releases.scenario = "slow"  # a byte every 0.1 s, for 10 s
    started = time.monotonic()
    result = updates.check("0.1.0", deadline_seconds=1.0)
    assert result.status is Status.UNKNOWN
    assert time.monotonic() - started < 3


def test_a_newer_release_without_readable_sums_is_still_newer(releases):
    releases.scenario = "sums_missing"
    result = updates.check("0.1.0")
    assert result.status is Status.NEWER and result.sums == ()


@pytest.mark.parametrize(
    "origin",
    ["https://127.0.0.1:1", "http://example.com", "http://127.0.0.1:1/path", "file:///etc"],
)
def test_only_plain_http_on_loopback_replaces_githubs_api(monkeypatch, origin):
    monkeypatch.setenv(updates.ORIGIN_VARIABLE, origin)
    assert updates.api_origin() == "https://api.github.com"
    monkeypatch.setenv(updates.ORIGIN_VARIABLE, "http://127.0.0.1:8080/")
    assert updates.api_origin() == "http://127.0.0.1:8080"


def test_a_version_is_shown_once(releases):
    result = updates.check("0.1.0")
    assert updates.to_show(result)
    updates.mark_shown(result)
    assert not updates.to_show(updates.check("0.1.0"))
    state = paths.data_dir() / updates.STATE_FILE
    assert os.name == "nt" or stat.S_IMODE(state.stat().st_mode) == 0o600
    releases.latest = "9.1.0"
    assert updates.to_show(updates.check("0.1.0"))  # the next version is shown again


def test_a_damaged_memory_of_what_was_shown_shows_it_again(releases):
    state = paths.data_dir() / updates.STATE_FILE
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text("{not json")
    assert updates.to_show(updates.check("0.1.0"))


def test_off_by_default_and_never_in_a_package_managers_build(tmp_path, monkeypatch):
    assert not updates.enabled(Settings())
    assert updates.enabled(Settings(check_updates=True))
    assert updates.offered()
    marker = tmp_path / "MANAGED_BY"
    marker.write_text("Debian\n")
    monkeypatch.setattr(updates, "MANAGED_BY_FILE", marker)
    assert updates.managed_by() == "Debian"
    assert not updates.offered()
    assert not updates.enabled(Settings(check_updates=True))


def test_the_setting_is_read_and_written(tmp_path):
    from codingplan import settings

    path = tmp_path / "settings.json"
    settings.save(Settings(check_updates=True), path)
    assert settings.load(path).settings.check_updates is True
    assert settings.load(tmp_path / "none.json").settings.check_updates is False


def test_this_version_is_comparable():
    assert updates.parse_version(__version__) is not None


@given(
    st.tuples(*[st.integers(0, 99)] * 3),
    st.tuples(*[st.integers(0, 99)] * 3),
    st.booleans(),
)
def test_comparing_versions_is_comparing_numbers(mine, theirs, tagged):
    text = ".".join(map(str, theirs))
    status = updates.compare(".".join(map(str, mine)), f"v{text}" if tagged else text)
    expected = Status.NEWER if theirs > mine else Status.SAME if theirs == mine else Status.OLDER
    assert status is expected


@given(st.text(max_size=30))
def test_any_tag_is_compared_or_unknown_never_an_error(tag):
    assert updates.compare("0.1.0", tag) in set(Status)

"""``codingplan update-check`` against a stand-in of GitHub's releases API on loopback: it
checks when typed, whatever the setting; says what it found in words or as the JSON the
README documents; a failure is exit 1 with one line; a package manager's build is told to
update through it, and sends nothing."""

from __future__ import annotations

import json

import pytest

from codingplan import __version__, updates
from codingplan.cli import main
from tests.fakes.releases_server import ReleasesServer


@pytest.fixture
def releases():
    with ReleasesServer() as server:
        yield server


def run(cli, server, *args):
    return cli("update-check", *args, env={updates.ORIGIN_VARIABLE: server.origin})


def test_a_newer_version_in_words_with_its_checksums(cli, releases):
    done = run(cli, releases)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"Version 9.0.0 is available (this is {__version__})."
    assert lines[1].endswith("/codingplan/configurator/releases/tag/v9.0.0")
    assert lines[2:] == [
        "SHA256SUMS:",
        f"  {'a' * 64}  CodingPlanConfigurator-9.0.0-windows-x64-setup.exe",
        f"  {'b' * 64}  CodingPlanConfigurator-9.0.0-macos-arm64.dmg",
        f"  {'c' * 64}  codingplan-9.0.0-linux-x86_64.tar.gz",
    ]
    assert len(releases.requests) == 2  # the release, then its SHA256SUMS; the setting is off


def test_json_shape(cli, releases):
    done = run(cli, releases, "--json")
    data = json.loads(done.stdout)
    page = f"{releases.origin}/codingplan/configurator/releases/tag/v9.0.0"
    assert data == {
        "ok": True,
        "status": "newer",
        "current": __version__,
        "latest": "9.0.0",
        "whats_new_url": page,
        "download_url": page,
        "sums": data["sums"],
        "reason": None,
    }
    assert data["sums"][2] == {"file": "codingplan-9.0.0-linux-x86_64.tar.gz", "sha256": "c" * 64}
    releases.latest = __version__
    same = json.loads(run(cli, releases, "--json").stdout)
    assert (same["status"], same["latest"], same["sums"]) == ("same", __version__, [])
    assert run(cli, releases).stdout == f"This is the latest version ({__version__}).\n"


def test_a_rate_limit_is_exit_1_with_one_line(cli, releases):
    releases.scenario = "rate_limited"
    done = run(cli, releases)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "codingplan: Could not tell whether a newer version is out: rate-limited by GitHub "
        "(HTTP 403). Try again later."
    ]
    data = json.loads(run(cli, releases, "--json").stdout)
    assert data["ok"] is False and data["status"] == "unknown"
    assert data["error"]["code"] == "update_check_failed"
    assert data["reason"] == "rate-limited by GitHub (HTTP 403)"


def test_a_package_managers_build_sends_nothing(releases, monkeypatch, tmp_path, capsys):
    marker = tmp_path / "MANAGED_BY"
    marker.write_text("Debian\n")
    monkeypatch.setattr(updates, "MANAGED_BY_FILE", marker)
    monkeypatch.setenv(updates.ORIGIN_VARIABLE, releases.origin)
    assert main(["update-check", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["error"]["code"] == "updates_managed"
    assert data["error"]["message"] == (
        "This copy of the app comes from Debian, which keeps it up to date."
    )
    assert releases.requests == []


def test_turning_the_check_on_in_a_package_managers_build_says_it_does_nothing(
    monkeypatch, tmp_path, capsys
):
    marker = tmp_path / "MANAGED_BY"
    marker.write_text("Debian\n")
    assert main(["settings", "set", "check-updates", "true"]) == 0
    assert "package manager" not in capsys.readouterr().err
    monkeypatch.setattr(updates, "MANAGED_BY_FILE", marker)
    assert main(["settings", "set", "check-updates", "true"]) == 0
    assert "comes from a package manager" in capsys.readouterr().err

"""The console's actions against the stand-in console on loopback and the real Secret
Service: a login reads once and keeps the reading in the usage ledger, credentials that
cannot work are undone, a network fault keeps them, logout removes them, bl's sign-in is
the second way in."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from codingplan import paths, quota
from codingplan import settings as settings_mod
from codingplan.actions import console as actions
from codingplan.changed import Changed
from codingplan.console import credentials, faults
from codingplan.errors import CodingPlanError
from codingplan.usage.tracker import Tracker
from tests.fakes.console_server import (
    KEY_ID,
    SECRET,
    STS_KEY_ID,
    STS_SECRET,
    STS_TOKEN,
    instance,
)

from .conftest import assert_no_secret


def kept_in_ledger():
    with Tracker(sources=list) as tracker:
        return quota.kept_reading(tracker), tracker.ledger.latest_plan_reading(2**62)


def test_login_stores_reads_once_and_keeps_the_reading(console, env):
    console.instances = [instance(tier="lite", used=(100, 2000, 3000), auto_renew=True)]
    status = actions.login(f" {KEY_ID} ", SECRET, env=env)
    assert console.problems == [] and len(console.mints()) == 1 and len(console.reads()) == 1
    assert (status.logged_in, status.way, status.masked_id, status.site) == (
        True,
        "access_key",
        "…0001",
        "international",
    )
    assert status.fault is None and status.fresh and not status.temporary
    assert status.changed == Changed.CONSOLE | Changed.USAGE
    reading = status.reading
    assert reading is not None and reading.tier.value == "lite"
    assert (reading.five_hours.used, reading.week.used, reading.month.used) == (100, 2000, 3000)
    assert status.read_at == reading.read_at
    assert status.facts is not None and status.facts.auto_renew is True
    assert status.facts.days_left == 20
    # The one door: the same reading is the ledger's anchor, and kept whole.
    kept, record = kept_in_ledger()
    assert kept == reading
    assert record is not None and record.tier == "lite" and record.windows[0][:2] == (100, 1200)
    assert credentials.load() is not None and paths.console_login_marker().exists()


def test_status_without_reading_shows_the_last_kept_and_sends_nothing(console, env):
    first = actions.login(KEY_ID, SECRET, env=env)
    before = len(console.received)
    kept = actions.status(read=False, env=env)
    assert len(console.received) == before
    assert kept.reading == first.reading and not kept.fresh and kept.changed == Changed.NOTHING
    again = actions.read_now(env=env)
    assert len(console.reads()) == 2 and len(console.mints()) == 1  # the token was kept
    assert again.fresh and again.read_at is not None and again.read_at >= first.read_at


def test_an_expired_token_is_minted_again_once(console, env):
    actions.login(KEY_ID, SECRET, env=env)
    console.expire_tokens()
    status = actions.read_now(env=env)
    assert status.fault is None and console.minted == 2 and console.problems == []


@pytest.mark.parametrize(
    ("key_id", "secret", "token", "scenario", "code"),
    [
        ("LTAI5tNobodyKnowsThis", SECRET, None, None, faults.UNKNOWN_ACCESS_KEY),
        (KEY_ID, "wrongSecret0123456789", None, None, faults.SIGNATURE),
        (KEY_ID, SECRET, None, "no_permission", faults.NO_PERMISSION),
        (STS_KEY_ID, STS_SECRET, "CAISanotherStsToken0123456789", None, faults.STS_TOKEN),
    ],
)
def test_credentials_that_cannot_work_are_removed_and_raised(
    console, env, key_id, secret, token, scenario, code
):
    console.mint_scenario = scenario
    with pytest.raises(CodingPlanError) as info:
        actions.login(key_id, secret, security_token=token, env=env)
    assert info.value.code == code
    assert_no_secret(info.value, console)
    assert credentials.load() is None and not paths.console_login_marker().exists()
    assert actions.status(env=env).logged_in is False


def test_wrong_new_credentials_give_the_earlier_ones_back(console, env):
    actions.login(STS_KEY_ID, STS_SECRET, security_token=STS_TOKEN, env=env)
    with pytest.raises(CodingPlanError):
        actions.login(KEY_ID, "wrongSecret0123456789", env=env)
    back = credentials.load()
    assert back is not None and back.access_key_id == STS_KEY_ID and back.temporary
    assert actions.status(read=False, env=env).temporary is True


def test_a_network_fault_keeps_the_credentials_and_says_so(console, env):
    console.gateway_scenario = "server_error"
    status = actions.login(KEY_ID, SECRET, env=env)
    assert status.logged_in and status.fault is not None
    assert status.fault.code == faults.HTTP_ERROR and status.reading is None
    assert status.changed == Changed.CONSOLE
    assert credentials.load() is not None
    # The next read that works gives the figures.
    console.gateway_scenario = None
    assert actions.read_now(env=env).reading is not None


def test_a_bad_form_is_refused_before_anything_is_stored_or_sent(console, env):
    with pytest.raises(CodingPlanError) as info:
        actions.login("sk-0123456789abcdef", SECRET, env=env)
    assert info.value.code == faults.CREDENTIALS_FORMAT
    assert console.received == [] and credentials.load() is None


def test_logout_removes_them_once(console, env):
    actions.login(KEY_ID, SECRET, env=env)
    assert actions.logout() is True
    assert credentials.load() is None and not paths.console_login_marker().exists()
    assert actions.logout() is False
    before = len(console.received)
    status = actions.status(env=env)
    assert not status.logged_in and status.reading is None and status.way is None
    assert len(console.received) == before


def test_bl_sign_in_is_the_second_way_in(console, env, home):
    console.bl_token = "bl-console-token-0123456789abcdef"
    config = home / ".bailian" / "config.json"
    config.parent.mkdir()
    text = json.dumps({"access_token": console.bl_token, "console_site": "international"})
    config.write_text(text)
    found = actions.bl_login(env)
    assert found is not None and found.token == console.bl_token
    assert actions.status(env=env).logged_in is False  # offered, not used until chosen
    actions.use_bl(True)
    assert settings_mod.load().settings.use_bl is True
    status = actions.read_now(env=env)
    assert (status.way, status.masked_id, status.site, status.fault) == (
        "bl",
        None,
        "international",
        None,
    )
    assert status.reading is not None and console.minted == 0
    # An AccessKey, once stored, comes first.
    assert actions.login(KEY_ID, SECRET, env=env).way == "access_key"
    assert actions.logout() is True
    assert settings_mod.load().settings.use_bl is False
    assert config.read_text() == text  # bl's file is only read
    assert actions.status(env=env).logged_in is False


def test_bl_sign_in_that_expired_says_so(console, env, home):
    config = home / ".bailian" / "config.json"
    config.parent.mkdir()
    config.write_text(json.dumps({"access_token": "bl-token-the-console-forgot-0123"}))
    actions.use_bl(True)
    status = actions.read_now(env=env)
    assert status.way == "bl" and status.fault is not None
    assert status.fault.code == faults.BL_EXPIRED


@pytest.mark.parametrize(
    "kept",
    [
        "not a reading",
        {"plan": "pro"},
        {"windows": [], "plan": "gold"},
        "ends_at",  # a reading whose end is a time no calendar holds
    ],
)
def test_a_kept_reading_that_does_not_read_is_none(console, env, kept):
    actions.login(KEY_ID, SECRET, env=env)
    with Tracker(sources=list) as tracker:
        if kept == "ends_at":
            kept = tracker.ledger.console_state()["reading"] | {
                "ends_at": "0001-01-01T00:00:00+14:00"
            }
        tracker.ledger.set_console_state(reading=kept)
    status = actions.status(read=False, env=env)
    assert status.logged_in and status.reading is None and status.facts is None


def test_the_app_recording_a_reading_goes_through_the_same_door(console, env):
    status = actions.login(KEY_ID, SECRET, env=env)
    assert status.reading is not None
    older = status.reading._replace(read_at=status.reading.read_at - timedelta(hours=1))
    quota.record_console_reading(older)  # an older one, given late: the anchor list keeps it
    assert actions.status(read=False, env=env).reading == status.reading
    newer = status.reading._replace(read_at=status.reading.read_at + timedelta(seconds=5))
    quota.record_console_reading(newer)
    assert actions.status(read=False, env=env).reading == newer

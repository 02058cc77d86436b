"""Reading the console against its stand-in on loopback: the plan's figures, the token kept
and minted again once, the gateway rows, and every fault with its own code and sentence."""

from __future__ import annotations

import logging
import socket
import time

import pytest

from codingplan.console import credentials, faults
from codingplan.console.bailian import BlLogin
from codingplan.console.client import read_plan
from codingplan.console.hosts import Site
from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.plan import Region, Tier
from tests.fakes.console_server import (
    KEY_ID,
    SECRET,
    STS_KEY_ID,
    STS_SECRET,
    STS_TOKEN,
    instance,
)

from .conftest import assert_no_secret, keyring_entry, secrets_of


def _fails(creds, env, region=Region.INTL, **options) -> CodingPlanError:
    with pytest.raises(CodingPlanError) as info:
        read_plan(creds, region, env=env, **options)
    err = info.value
    assert err.code in faults.CODES
    assert err.message and err.remedy
    return err


def test_the_plans_own_figures(console, env, creds):
    answer = read_plan(creds, Region.INTL, env=env)
    reading = answer.reading
    assert answer.row == "ap-southeast-1/international"
    assert reading.tier is Tier.PRO
    assert (reading.five_hours.used, reading.five_hours.total) == (812, 6000)
    assert (reading.week.used, reading.month.used) == (9000, 20000)
    assert reading.remaining_days == 20 and reading.auto_renew is False
    assert reading.month.next_refresh == reading.ends_at
    assert console.problems == []  # the signature and the request shape were right
    assert console.minted == 1 and len(console.reads()) == 1
    mint = console.mints()[0]
    assert mint.body == b""
    for request in console.received:  # the secret never travels, not even in the mint
        assert SECRET not in str(request.headers) + request.query + request.body.decode()


def test_the_token_is_kept_for_the_process_and_in_the_keyring(console, env, creds):
    read_plan(creds, Region.INTL, env=env)
    read_plan(creds, Region.INTL, env=env)
    assert console.minted == 1 and len(console.reads()) == 2
    credentials._memory.clear()  # a new process: the keyring still has it
    read_plan(creds, Region.INTL, env=env)
    assert console.minted == 1
    kept = keyring_entry(credentials.TOKEN_ACCOUNT)
    assert kept is not None and next(iter(console.tokens)) in kept


def test_an_expired_token_is_minted_again_exactly_once(console, env, creds):
    read_plan(creds, Region.INTL, env=env)
    console.expire_tokens()
    answer = read_plan(creds, Region.INTL, env=env)
    assert answer.reading.tier is Tier.PRO
    assert console.minted == 2
    assert len(console.reads()) == 3  # the refused read, then the read with the new token
    assert console.problems == []


def test_a_console_that_keeps_refusing_the_sign_in_gets_one_new_token_only(console, env, creds):
    console.gateway_scenario = "not_logined"
    err = _fails(creds, env)
    assert err.code == faults.NOT_LOGGED_IN
    assert console.minted == 2  # the first token, and one more
    assert_no_secret(err, console)


def test_the_second_row_answers_and_is_remembered(console, env, creds):
    console.region = "cn-beijing"
    answer = read_plan(creds, Region.INTL, env=env)
    assert answer.row == "cn-beijing/international"
    first, second = console.reads()
    assert b"region=ap-southeast-1" in first.body and b"region=cn-beijing" in second.body
    assert "action=BroadScopeAspnGateway" in second.query
    console.received.clear()
    read_plan(creds, Region.INTL, env=env, remembered=answer.row)
    assert [b"region=cn-beijing" in r.body for r in console.reads()] == [True]


def test_a_domestic_account_reads_beijing_with_its_commodity(console, env):
    console.site, console.region = "domestic", "cn-beijing"
    domestic = credentials.check(KEY_ID, SECRET, site="domestic")
    answer = read_plan(domestic, Region.CN, env=env)
    assert answer.row == "cn-beijing/domestic"
    assert b"sfm_codingplan_public_cn" in console.reads()[0].body
    # Without a site given, a China plan's region suggests it.
    assert read_plan(credentials.check(KEY_ID, SECRET), Region.CN, env=env).row == answer.row
    # The wrong site finds no plan.
    err = _fails(domestic, env, Region.CN, site=Site.INTERNATIONAL)
    assert err.code == faults.NO_PLAN


def test_a_temporary_pair_sends_and_signs_its_sts_token(console, env):
    sts = credentials.check(STS_KEY_ID, STS_SECRET, STS_TOKEN)
    assert read_plan(sts, Region.INTL, env=env).reading.tier is Tier.PRO
    mint = console.mints()[0]
    assert mint.headers["x-acs-security-token"] == STS_TOKEN
    assert "x-acs-security-token" in mint.headers["authorization"]
    assert console.problems == []


def test_a_temporary_pair_without_its_token_is_refused(console, env):
    err = _fails(credentials.check(STS_KEY_ID, STS_SECRET), env)
    assert err.code == faults.STS_TOKEN
    assert_no_secret(err, console)


def _wrong_secret():
    return credentials.check(KEY_ID, "not" + SECRET)


def _unknown_id():
    return credentials.check("LTAI5tSomebodyElse0001", SECRET)


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        (lambda c: c.allowed.clear(), faults.NO_PERMISSION),
        (lambda c: setattr(c, "clock_offset", 1300.0), faults.CLOCK),
        (lambda c: setattr(c, "gateway_scenario", "not_member"), faults.NOT_MEMBER),
        (
            lambda c: setattr(c, "gateway_scenario", "workspace_permission"),
            faults.WORKSPACE_PERMISSION,
        ),
        (lambda c: setattr(c, "gateway_scenario", "refused"), faults.REFUSED),
        (lambda c: setattr(c, "instances", []), faults.NO_PLAN),
        (lambda c: setattr(c, "instances", [instance(status="EXPIRED")]), faults.PLAN_NOT_VALID),
        (lambda c: setattr(c, "gateway_scenario", "strings"), faults.BAD_ANSWER),
        (lambda c: setattr(c, "gateway_scenario", "html"), faults.BAD_ANSWER),
        (lambda c: setattr(c, "mint_scenario", "html"), faults.BAD_ANSWER),
        (lambda c: setattr(c, "gateway_scenario", "huge"), faults.BAD_ANSWER),
        (lambda c: setattr(c, "gateway_scenario", "redirect"), faults.REDIRECT),
        (lambda c: setattr(c, "mint_scenario", "redirect"), faults.REDIRECT),
        (lambda c: setattr(c, "mint_scenario", "server_error"), faults.HTTP_ERROR),
        (lambda c: setattr(c, "gateway_scenario", "server_error"), faults.HTTP_ERROR),
        (lambda c: setattr(c, "mint_scenario", "drop"), faults.UNREACHABLE),
    ],
)
def test_each_fault_has_its_own_code_and_no_secret(console, env, creds, setup, code):
    setup(console)
    err = _fails(creds, env)
    assert err.code == code
    assert_no_secret(err, console)


def test_a_wrong_secret_and_an_unknown_id_are_told_apart(console, env):
    wrong = _fails(_wrong_secret(), env)
    assert wrong.code == faults.SIGNATURE
    assert "SignatureDoesNotMatch" in wrong.params["detail"]
    unknown = _fails(_unknown_id(), env)
    assert unknown.code == faults.UNKNOWN_ACCESS_KEY
    for err in (wrong, unknown):
        assert_no_secret(err, console)
        assert "not" + SECRET not in str(err.params)


def test_the_clock_fault_says_how_far_off_from_the_answers_date(console, env, creds):
    console.clock_offset = 1300.0  # the console is 21.7 min ahead: this clock is behind
    err = _fails(creds, env)
    assert err.params["minutes"] == 22
    assert "22 min behind" in err.message
    console.clock_offset = -2 * 3600.0
    credentials.forget_token()
    assert "120 min ahead" in _fails(creds, env).message


def test_the_no_permission_fault_carries_the_policy(console, env, creds):
    console.allowed.clear()
    err = _fails(creds, env)
    assert '"modelstudio:GenerateCLIAccessToken"' in err.params["policy"]
    assert "NoPermission" in err.params["detail"]


def test_the_missing_workspace_permission_is_named(console, env, creds):
    console.gateway_scenario = "workspace_permission"
    err = _fails(creds, env)
    assert err.params["permission"] == "sfm:QueryCodingPlanInstance"
    assert "sfm:QueryCodingPlanInstance" in err.message


def test_expired_instances_before_the_valid_one_are_passed_over(console, env, creds):
    console.instances = [instance(tier="lite", status="EXPIRED"), instance(tier="pro")]
    assert read_plan(creds, Region.INTL, env=env).reading.tier is Tier.PRO


def test_an_unused_window_without_a_refresh_time_is_read(console, env, creds):
    unused = instance(used=(0, 10, 10))
    del unused["codingPlanQuotaInfo"]["per5HourQuotaNextRefreshTime"]
    console.instances = [unused]
    reading = read_plan(creds, Region.INTL, env=env).reading
    assert reading.five_hours.next_refresh is None and reading.five_hours.used == 0


def test_the_older_answer_shape_is_read(console, env, creds):
    console.gateway_scenario = "older_shape"
    assert read_plan(creds, Region.INTL, env=env).reading.tier is Tier.PRO


def test_a_redirect_is_not_followed(console, env, creds):
    console.gateway_scenario = "redirect"
    err = _fails(creds, env)
    assert err.params["location"] == console.origin.removeprefix("http://")
    assert not [r for r in console.received if r.path == "/login"]


def test_a_huge_answer_is_not_read_to_its_end(console, env, creds):
    console.gateway_scenario = "huge"
    started = time.monotonic()
    err = _fails(creds, env)
    assert "bytes" in err.params["detail"]
    assert time.monotonic() - started < 5


def test_one_deadline_covers_the_whole_read(console, env, creds):
    # Each call alone fits in the time given; the two together do not.
    console.mint_scenario = console.gateway_scenario = "slow"
    console.delay = 1.2
    started = time.monotonic()
    err = _fails(creds, env, timeout=2.0)
    elapsed = time.monotonic() - started
    assert err.code == faults.TIMEOUT and err.params["seconds"] == 2
    assert 1.9 < elapsed < 3.5
    assert len(console.reads()) == 1  # the second row was not tried past the deadline


def test_a_console_that_never_answers_ends_at_the_deadline(console, env, creds):
    console.gateway_scenario = "slow"
    started = time.monotonic()
    assert _fails(creds, env, timeout=1.5).code == faults.TIMEOUT
    assert time.monotonic() - started < 3


def test_an_unreachable_console(home, creds):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = Env("linux", home, {"CODINGPLAN_CONSOLE_ORIGIN": f"http://127.0.0.1:{port}"})
    err = _fails(creds, env)
    assert err.code == faults.UNREACHABLE
    assert err.params["host"] == f"127.0.0.1:{port}"
    assert_no_secret(err)


def test_plain_http_elsewhere_is_refused_before_anything_is_sent(home, creds):
    env = Env("linux", home, {"CODINGPLAN_CONSOLE_ORIGIN": "http://192.0.2.1:8080"})
    with pytest.raises(CodingPlanError) as info:
        read_plan(creds, Region.INTL, env=env, timeout=1)
    assert info.value.code == "bad_console_origin"


def test_bls_token_reads_the_plan_without_minting(console, env, home):
    console.bl_token = "blConsoleToken0123456789abcdef"
    login = BlLogin(console.bl_token, home / ".bailian" / "config.json", "ap-southeast-1")
    assert read_plan(login, Region.INTL, env=env).reading.tier is Tier.PRO
    assert console.minted == 0
    console.bl_token = None  # bl let it expire
    err = _fails(login, env)
    assert err.code == faults.BL_EXPIRED
    assert console.minted == 0  # nothing here can renew bl's sign-in
    assert "blConsoleToken0123456789abcdef" not in str(err.to_dict())


def test_no_secret_reaches_the_log(console, env, caplog):
    sts = credentials.check(STS_KEY_ID, STS_SECRET, STS_TOKEN)
    with caplog.at_level(logging.DEBUG):
        read_plan(sts, Region.INTL, env=env)
        console.expire_tokens()
        read_plan(sts, Region.INTL, env=env)
        console.gateway_scenario = "not_member"
        with pytest.raises(CodingPlanError) as info:
            read_plan(sts, Region.INTL, env=env)
        logging.getLogger("test").info("failed: %r %s", info.value, info.value.params)
        logging.getLogger("test").info("credentials: %r", sts)
    assert "HTTP Request" in caplog.text  # httpx did log, at its own level
    for secret in secrets_of(console):
        assert secret not in caplog.text
        assert all(secret not in r.getMessage() for r in caplog.records)

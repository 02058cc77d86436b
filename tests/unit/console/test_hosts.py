"""Where the console answers: the gateway rows, the mint, and the test origin's checks."""

from pathlib import Path

import pytest

from codingplan.console.hosts import (
    Site,
    console_origin,
    default_site,
    gateway_rows,
    gateway_url,
    mint_url,
)
from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.plan import Region


def _keys(rows):
    return [row.key for row in rows]


def test_an_international_plan_tries_singapore_then_beijing():
    assert _keys(gateway_rows("ap-southeast-1", Site.INTERNATIONAL)) == [
        "ap-southeast-1/international",
        "cn-beijing/international",
    ]
    assert [r.host for r in gateway_rows("ap-southeast-1", Site.INTERNATIONAL)] == [
        "bailian-singapore-cs.alibabacloud.com",
        "bailian-cs.console.alibabacloud.com",
    ]


def test_a_domestic_plan_tries_beijing_first():
    rows = gateway_rows("cn-beijing", Site.DOMESTIC)
    assert _keys(rows) == ["cn-beijing/domestic", "ap-southeast-1/domestic"]
    assert [(r.host, r.action) for r in rows] == [
        ("bailian-cs.console.aliyun.com", "BroadScopeAspnGateway"),
        ("modelstudio-cs.console.aliyun.com", "IntlBroadScopeAspnGateway"),
    ]


def test_the_row_that_answered_last_time_goes_first():
    rows = gateway_rows("ap-southeast-1", Site.INTERNATIONAL, "cn-beijing/international")
    assert _keys(rows) == ["cn-beijing/international", "ap-southeast-1/international"]
    # A row of another site is no use for this one.
    rows = gateway_rows("ap-southeast-1", Site.INTERNATIONAL, "cn-beijing/domestic")
    assert _keys(rows)[0] == "ap-southeast-1/international"


def test_the_default_site_follows_the_region():
    assert default_site(Region.INTL) is Site.INTERNATIONAL
    assert default_site(Region.CN) is Site.DOMESTIC


def test_the_real_addresses():
    assert mint_url("ap-southeast-1") == (
        "https://modelstudio.ap-southeast-1.aliyuncs.com/modelstudio/cli/generateAccessToken"
    )
    row = gateway_rows("cn-beijing", Site.DOMESTIC)[0]
    assert gateway_url(row) == (
        "https://bailian-cs.console.aliyun.com/cli/api.json?action=BroadScopeAspnGateway"
        "&product=sfm_bailian"
        "&api=zeldaEasy.broadscope-bailian.codingPlan.queryCodingPlanInstanceInfoV2"
    )


def _env(value: str | None) -> Env:
    return Env(
        "linux",
        Path("/nowhere"),
        {} if value is None else {"CODINGPLAN_CONSOLE_ORIGIN": value},
    )


def test_the_test_origin_replaces_both_hosts():
    origin = console_origin(_env("http://127.0.0.1:8123/"))
    assert origin == "http://127.0.0.1:8123"
    assert (
        mint_url("cn-beijing", origin)
        == "http://127.0.0.1:8123/modelstudio/cli/generateAccessToken"
    )
    row = gateway_rows("cn-beijing", Site.DOMESTIC)[0]
    assert gateway_url(row, origin).startswith("http://127.0.0.1:8123/cli/api.json?")
    assert console_origin(_env(None)) is None
    assert console_origin(_env("https://console.example.com")) == "https://console.example.com"
    assert console_origin(_env("http://localhost:9")) == "http://localhost:9"
    assert console_origin(_env("http://[::1]:9")) == "http://[::1]:9"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("http://console.example.com", "bad_console_origin"),
        ("http://10.0.0.2:8080", "bad_console_origin"),
        ("ftp://127.0.0.1", "bad_origin"),
        ("http://user:pass@127.0.0.1:1", "bad_origin"),
        ("127.0.0.1:8123", "bad_origin"),
    ],
)
def test_a_bad_test_origin_is_refused_with_its_reason(value, code):
    with pytest.raises(CodingPlanError) as info:
        console_origin(_env(value))
    assert info.value.code == code
    assert info.value.remedy

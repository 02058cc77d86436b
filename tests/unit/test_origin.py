"""A custom origin: what is taken, what is refused and how the refusal reads."""

from __future__ import annotations

import pytest

from codingplan import plan
from codingplan.errors import CodingPlanError

KEY = "sk-sp-origin0test0key0abcd9876"


def refusal(url: str, **kw) -> CodingPlanError:
    with pytest.raises(CodingPlanError) as info:
        plan.normalize_origin(url, **kw)
    assert info.value.code == "bad_origin"
    return info.value


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080",
        "http://127.9.9.9:1",
        "http://localhost:3000/gw",
        "http://[::1]:4000",
        "https://gw.example.com/plan/",
        "https://coding-intl.dashscope.aliyuncs.com",
    ],
)
def test_loopback_http_and_any_https_are_taken_without_confirmation(url):
    assert plan.normalize_origin(url) == url.rstrip("/")


@pytest.mark.parametrize(
    "url", ["http://evil.example.com", "http://10.0.0.5:8080/plan", "http://api.localhost"]
)
def test_plain_http_elsewhere_needs_a_confirmation(url):
    """A name under .localhost too: nothing keeps every resolver from sending it away."""
    err = refusal(url)
    assert "unencrypted" in err.message
    assert "--allow-insecure-origin" in err.remedy
    assert "CODINGPLAN_ALLOW_INSECURE_ORIGIN=1" in err.remedy
    assert plan.normalize_origin(url, allow_insecure=True) == url


@pytest.mark.parametrize(
    "url, words",
    [
        ("http://127.0.0.1:abc", "no usable port"),
        ("https://gw.example.com:99999", "no usable port"),
        ("https://gw.example.com:0", "no usable port"),
        ("https://gw.example.com:", "no usable port"),
        ("https://gw .example.com", "space"),
        ("https://gw.example.com/a b", "space"),
        ("https://gw.example.com/\u202eplan", "invisible"),
        ("https://user:pass@gw.example.com", "user name or password"),
        ("https://token@gw.example.com", "user name or password"),
        ("https://[::1", "not a usable origin"),
        ("http://[::1]evil.com", "not a usable origin"),
        ("http://[::1]evil.com:8080", "not a usable origin"),
        ("https://[::1]x", "not a usable origin"),
        ("https://[127.0.0.1]:443", "not a usable origin"),
        ("https://:443", "not a usable origin"),
        (f"https://gw.example.com/{KEY}", "shaped like a key"),
        (KEY, "shaped like a key"),
    ],
)
def test_malformed_origins_get_a_sentence(url, words):
    err = refusal(url, allow_insecure=True)
    assert words in err.message
    assert KEY not in err.message + err.remedy


@pytest.mark.parametrize("host", sorted(plan.TOKEN_PLAN_HOSTS))
def test_a_token_plan_address_is_refused_with_the_right_one(host):
    err = refusal(f"https://{host}")
    assert "Token Plan" in err.message and host in err.message
    assert plan.Region.INTL.info.origin in err.remedy
    assert plan.Region.CN.info.origin in err.remedy


@pytest.mark.parametrize("host", sorted(plan.GENERAL_HOSTS))
def test_a_general_model_studio_address_is_refused_with_the_right_one(host):
    err = refusal(f"https://{host}/compatible-mode")
    assert "pay-as-you-go" in err.message and host in err.message
    assert plan.Region.INTL.info.origin in err.remedy


def test_an_origin_taken_before_is_not_asked_again():
    """The tools' records and the settings hold origins the person already confirmed."""
    ends = plan.endpoints_for(plan.Region.INTL, "http://gw.lan:8080")
    assert ends.openai_base == "http://gw.lan:8080/v1"
    with pytest.raises(CodingPlanError):
        plan.endpoints_for(plan.Region.INTL, "http://gw.lan:abc")

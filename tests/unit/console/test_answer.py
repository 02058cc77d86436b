"""The console's answers, read strictly: the one real capture, each wrong shape, and any
JSON at all (hypothesis) never raising anything but the parser's own fault."""

import copy
import json
import time
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codingplan.console import faults
from codingplan.console.answer import load_json, mint_fault, parse_plan, parse_token
from codingplan.errors import CodingPlanError
from codingplan.plan import Tier

READ_AT = datetime(2026, 3, 8, 12, 0, tzinfo=UTC)

# The real capture (redacted), as the reference gives it.
REAL = {
    "code": "200",
    "data": {
        "DataV2": {
            "ret": ["SUCCESS::API call succeeded"],
            "data": {
                "data": {
                    "codingPlanInstanceInfos": [
                        {
                            "codingPlanQuotaInfo": {
                                "per5HourUsedQuota": 0,
                                "per5HourTotalQuota": 1200,
                                "per5HourQuotaNextRefreshTime": 1772955528000,
                                "perWeekUsedQuota": 0,
                                "perWeekTotalQuota": 9000,
                                "perWeekQuotaNextRefreshTime": 1772985600000,
                                "perBillMonthUsedQuota": 0,
                                "perBillMonthTotalQuota": 18000,
                                "perBillMonthQuotaNextRefreshTime": 1773158400000,
                            },
                            "instanceId": "…",
                            "instanceName": "Coding Plan Lite",
                            "instanceType": "lite",
                            "status": "VALID",
                            "instanceStartTime": 1770691489000,
                            "instanceEndTime": 1773158400000,
                            "remainingDays": 2,
                            "chargeType": "MONTH",
                            "chargeAmount": 40,
                            "autoRenewFlag": False,
                        }
                    ],
                    "userId": "…",
                },
                "success": True,
                "failed": False,
            },
        },
        "success": True,
        "httpStatus": 200,
        "errorCode": "",
        "errorMsg": "",
    },
    "httpStatusCode": "200",
    "successResponse": True,
}


def _bytes(value) -> bytes:
    return json.dumps(value).encode()


def _instance(answer):
    return answer["data"]["DataV2"]["data"]["data"]["codingPlanInstanceInfos"][0]


def _refused(data: bytes) -> CodingPlanError:
    with pytest.raises(CodingPlanError) as info:
        parse_plan(data, READ_AT)
    return info.value


def test_the_real_capture_reads_as_its_three_windows_and_plan():
    reading = parse_plan(_bytes(REAL), READ_AT)
    assert reading.tier is Tier.LITE
    assert (reading.five_hours.used, reading.five_hours.total) == (0, 1200)
    assert (reading.week.total, reading.month.total) == (9000, 18000)
    # The month turns at 00:00 UTC+8 on the 11th, the day after the purchase day.
    assert reading.month.next_refresh.isoformat() == "2026-03-11T00:00:00+08:00"
    assert reading.ends_at == reading.month.next_refresh
    assert reading.week.next_refresh.isoformat() == "2026-03-09T00:00:00+08:00"  # a Monday
    assert reading.week.next_refresh.weekday() == 0
    assert (reading.remaining_days, reading.auto_renew, reading.status) == (2, False, "VALID")
    assert reading.read_at == READ_AT
    assert reading.window("5h") is reading.five_hours
    shown = reading.to_dict()
    assert shown["plan"] == "lite"
    assert shown["windows"]["month"] == {
        "used": 0,
        "total": 18000,
        "left": 18000,
        "next_refresh": "2026-03-11T00:00:00+08:00",
    }
    json.dumps(shown)  # plain JSON for --json


def test_the_first_valid_instance_is_read_even_after_expired_ones():
    answer = copy.deepcopy(REAL)
    valid = _instance(answer)
    expired = {**copy.deepcopy(valid), "status": "EXPIRED", "instanceType": "pro"}
    expired["codingPlanQuotaInfo"]["per5HourUsedQuota"] = "not even read"
    answer["data"]["DataV2"]["data"]["data"]["codingPlanInstanceInfos"] = [expired, valid]
    assert parse_plan(_bytes(answer), READ_AT).tier is Tier.LITE


def test_only_expired_instances_and_none_are_faults_of_their_own():
    answer = copy.deepcopy(REAL)
    _instance(answer)["status"] = "EXPIRED"
    err = _refused(_bytes(answer))
    assert err.code == faults.PLAN_NOT_VALID
    assert "EXPIRED" in err.message
    answer["data"]["DataV2"]["data"]["data"]["codingPlanInstanceInfos"] = []
    assert _refused(_bytes(answer)).code == faults.NO_PLAN


def test_the_older_shape_bl_also_reads():
    older = {"data": {"success": True, "data": REAL["data"]["DataV2"]["data"]["data"]}}
    assert parse_plan(_bytes(older), READ_AT).month.total == 18000


def test_an_unused_window_may_lack_its_refresh_time_a_used_one_may_not():
    answer = copy.deepcopy(REAL)
    del _instance(answer)["codingPlanQuotaInfo"]["per5HourQuotaNextRefreshTime"]
    assert parse_plan(_bytes(answer), READ_AT).five_hours.next_refresh is None
    _instance(answer)["codingPlanQuotaInfo"]["per5HourUsedQuota"] = 3
    err = _refused(_bytes(answer))
    assert err.code == faults.BAD_ANSWER
    assert "per5HourQuotaNextRefreshTime" in err.params["detail"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("per5HourUsedQuota", "12"),  # a number as a string, as bl refuses it
        ("perWeekTotalQuota", "9000"),
        ("perBillMonthQuotaNextRefreshTime", "1773158400000"),
        ("per5HourUsedQuota", True),
        ("per5HourUsedQuota", None),
        ("per5HourUsedQuota", -1),
        ("per5HourUsedQuota", 1.5),
        ("per5HourUsedQuota", 1e300),
        ("perWeekTotalQuota", 0),
        ("perWeekQuotaNextRefreshTime", 17729855),  # seconds, not milliseconds
        ("perWeekQuotaNextRefreshTime", 10**30),
        ("perWeekQuotaNextRefreshTime", [1]),
    ],
)
def test_a_quota_field_of_the_wrong_shape_is_refused(field, value):
    answer = copy.deepcopy(REAL)
    _instance(answer)["codingPlanQuotaInfo"][field] = value
    err = _refused(_bytes(answer))
    assert err.code == faults.BAD_ANSWER
    assert field in err.params["detail"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("instanceType", "max"),
        ("instanceType", None),
        ("autoRenewFlag", "false"),
        ("autoRenewFlag", 0),
        ("remainingDays", "2"),
        ("instanceEndTime", "2026-03-11"),
        ("codingPlanQuotaInfo", []),
    ],
)
def test_an_instance_field_of_the_wrong_shape_is_refused(field, value):
    answer = copy.deepcopy(REAL)
    _instance(answer)[field] = value
    assert _refused(_bytes(answer)).code == faults.BAD_ANSWER


def test_a_whole_float_is_a_number_and_nan_or_infinity_are_not():
    answer = copy.deepcopy(REAL)
    _instance(answer)["codingPlanQuotaInfo"]["per5HourTotalQuota"] = 1200.0
    assert parse_plan(_bytes(answer), READ_AT).five_hours.total == 1200
    text = _bytes(REAL).replace(b'"per5HourUsedQuota": 0', b'"per5HourUsedQuota": NaN')
    assert _refused(text).code == faults.BAD_ANSWER
    text = _bytes(REAL).replace(b'"per5HourUsedQuota": 0', b'"per5HourUsedQuota": Infinity')
    assert _refused(text).code == faults.BAD_ANSWER
    text = _bytes(REAL).replace(b'"per5HourUsedQuota": 0', b'"per5HourUsedQuota": 1e999')
    assert _refused(text).code == faults.BAD_ANSWER


@pytest.mark.parametrize(
    ("code", "message", "expected"),
    [
        ("BailianGateway.Login.NotLogined", "login expired", faults.NOT_LOGGED_IN),
        ("BailianGateway.Workspace.NotAuthorised", "not a member", faults.NOT_MEMBER),
        (
            "BailianGateway.AuthorityPolicies.NoPermission",
            "sfm:QueryCodingPlanInstance",
            faults.WORKSPACE_PERMISSION,
        ),
        ("BailianGateway.Throttling", "slow down", faults.REFUSED),
    ],
)
def test_each_gateway_refusal_is_its_own_fault(code, message, expected):
    answer = {"data": {"success": False, "errorCode": code, "errorMsg": message}}
    err = _refused(_bytes(answer))
    assert err.code == expected
    assert code in err.params["detail"]


def test_a_missing_workspace_permission_is_named_from_errormsg():
    answer = {
        "data": {
            "success": False,
            "errorCode": "BailianGateway.AuthorityPolicies.NoPermission",
            "errorMsg": "sfm:QueryCodingPlanInstance",
        }
    }
    err = _refused(_bytes(answer))
    assert err.params["permission"] == "sfm:QueryCodingPlanInstance"
    assert "sfm:QueryCodingPlanInstance" in err.message


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<!DOCTYPE html><html><body>Sign in to Wi-Fi</body></html>",
        b"\xff\xfe\x00garbage",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"data": ' * 5000 + b"1" + b"}" * 5000,
        b"1" * 5000,
        b"null",
        b'{"data": []}',
        b'{"data": {"DataV2": {"data": {"data": {"codingPlanInstanceInfos": {}}}}}}',
        b'{"data": {"DataV2": {"data": {"data": {"codingPlanInstanceInfos": [1]}}}}}',
        b'{"data": {"DataV2": {"data": {"data": {"codingPlanInstanceInfos": [{"status": 1}]}}}}}',
    ],
)
def test_garbage_is_a_bad_answer(data):
    assert _refused(data).code == faults.BAD_ANSWER


def test_the_token_is_read_strictly():
    assert parse_token(b'{"cliAccessToken": "cli-abc", "RequestId": "r"}') == "cli-abc"
    for bad in (
        b'{"RequestId": "r"}',
        b'{"cliAccessToken": ""}',
        b'{"cliAccessToken": 12}',
        b'{"cliAccessToken": "two words"}',
        b'{"cliAccessToken": "line\\nbreak"}',
        b"<html></html>",
    ):
        with pytest.raises(CodingPlanError) as info:
            parse_token(bad)
        assert info.value.code == faults.BAD_ANSWER


@pytest.mark.parametrize(
    ("status", "code", "skew", "expected"),
    [
        (403, "NoPermission", None, faults.NO_PERMISSION),
        (403, "Forbidden.RAM", None, faults.NO_PERMISSION),
        (403, "ImplicitDeny", None, faults.NO_PERMISSION),
        (404, "InvalidAccessKeyId.NotFound", None, faults.UNKNOWN_ACCESS_KEY),
        (400, "InvalidAccessKeyId.Inactive", None, faults.UNKNOWN_ACCESS_KEY),
        (400, "InvalidSecurityToken.Expired", None, faults.STS_TOKEN),
        (400, "SignatureDoesNotMatch", None, faults.SIGNATURE),
        (400, "SignatureDoesNotMatch", 30.0, faults.SIGNATURE),
        (400, "SignatureDoesNotMatch", -1200.0, faults.CLOCK),
        (400, "InvalidTimeStamp.Expired", 3600.0, faults.CLOCK),
        (500, "InternalError", None, faults.HTTP_ERROR),
        (400, "Throttling.User", None, faults.REFUSED),
    ],
)
def test_each_mint_refusal_is_its_own_fault(status, code, skew, expected):
    body = _bytes({"RequestId": "r", "Code": code, "Message": "words of the console"})
    err = mint_fault(status, body, skew)
    assert err.code == expected
    assert code in err.params["detail"] and "words of the console" in err.params["detail"]


def test_the_clock_fault_says_by_how_much_and_which_way():
    body = _bytes({"Code": "SignatureDoesNotMatch", "Message": "no"})
    behind = mint_fault(400, body, -1290.0)
    assert behind.params["minutes"] == 22 and "behind" in behind.message
    ahead = mint_fault(400, body, 4 * 3600.0)
    assert ahead.params["minutes"] == 240 and "ahead" in ahead.message
    assert "22 min" in behind.message


def test_a_mint_refusal_without_json_is_an_http_error():
    err = mint_fault(502, b"<html>Bad gateway</html>", None)
    assert err.code == faults.HTTP_ERROR and err.params["status"] == 502


def test_the_no_permission_fault_carries_the_policy_to_paste():
    err = mint_fault(403, _bytes({"Code": "NoPermission"}), None)
    policy = json.loads(err.params["policy"])
    assert policy["Statement"] == [
        {"Effect": "Allow", "Action": "modelstudio:GenerateCLIAccessToken", "Resource": "*"}
    ]


# --- any JSON at all --------------------------------------------------------------------------

_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
_FIELD_PATHS = [
    ("data",),
    ("data", "DataV2"),
    ("data", "DataV2", "data"),
    ("data", "DataV2", "data", "data"),
    ("data", "DataV2", "data", "data", "codingPlanInstanceInfos"),
    ("data", "DataV2", "data", "data", "codingPlanInstanceInfos", 0),
    ("data", "DataV2", "data", "data", "codingPlanInstanceInfos", 0, "codingPlanQuotaInfo"),
    ("data", "success"),
    ("data", "errorCode"),
    ("data", "errorMsg"),
]
_QUOTA_FIELDS = list(_instance(REAL)["codingPlanQuotaInfo"]) + list(_instance(REAL))


def _replace(answer, path, value):
    node = answer
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


@settings(max_examples=300, deadline=None)
@given(_json)
def test_any_json_is_read_or_refused_with_the_parsers_own_fault(value):
    _only_own_faults(_bytes(value))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_FIELD_PATHS), _json)
def test_any_json_in_place_of_a_part_is_read_or_refused(path, value):
    answer = copy.deepcopy(REAL)
    _replace(answer, path, value)
    _only_own_faults(_bytes(answer))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_QUOTA_FIELDS), _json)
def test_any_json_in_place_of_a_field_is_read_or_refused(name, value):
    answer = copy.deepcopy(REAL)
    instance = _instance(answer)
    target = instance["codingPlanQuotaInfo"] if name.startswith("per") else instance
    target[name] = value
    _only_own_faults(_bytes(answer))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_are_read_or_refused(data):
    _only_own_faults(data)


def _only_own_faults(data: bytes) -> None:
    started = time.monotonic()
    try:
        reading = parse_plan(data, READ_AT)
    except CodingPlanError as err:
        assert err.code in faults.CODES
        assert err.message and err.remedy
    else:
        for name in ("5h", "week", "month"):
            window = reading.window(name)
            assert window.used >= 0
            assert window.total > 0
            assert window.next_refresh is None or window.next_refresh.tzinfo is not None
        json.dumps(reading.to_dict())
    assert time.monotonic() - started < 2  # never hangs


def test_load_json_refuses_constants_python_would_take():
    for text in (b"NaN", b"-Infinity", b'{"a": Infinity}'):
        with pytest.raises(CodingPlanError):
            load_json(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=100, max_value=599), st.binary(max_size=200) | _json.map(_bytes))
def test_any_mint_answer_is_a_token_or_one_of_the_faults(status, data):
    err = mint_fault(status, data, None)
    assert err.code in faults.CODES and err.message and err.remedy
    try:
        token = parse_token(data)
    except CodingPlanError as refused:
        assert refused.code == faults.BAD_ANSWER
    else:
        assert token and " " not in token

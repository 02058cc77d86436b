import pytest
from hypothesis import given
from hypothesis import strategies as st

from codingplan import plan
from codingplan.errors import CodingPlanError

KEY_CHARS = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
PADDING = st.text(alphabet=" \t\r\n", max_size=4)


@given(
    body=st.text(alphabet=KEY_CHARS, min_size=plan.MIN_KEY_BODY, max_size=80),
    left=PADDING,
    right=PADDING,
)
def test_any_well_formed_key_is_accepted_and_stripped(body, left, right):
    assert plan.check_key(f"{left}sk-sp-{body}{right}") == f"sk-sp-{body}"


# The shape of every plan key seen: 32 hexadecimal characters after the prefix.
REAL_SHAPED = st.text(alphabet="0123456789abcdef", min_size=32, max_size=32)


@given(body=REAL_SHAPED, cut=st.integers(min_value=0, max_value=plan.MIN_KEY_BODY - 1))
def test_a_key_cut_short_is_refused_with_its_length(body, cut):
    with pytest.raises(CodingPlanError) as info:
        plan.check_key(f"sk-sp-{body[:cut]}")
    assert info.value.code == "key_format"
    words = "ends right after" if cut == 0 else f"only {cut} characters after 'sk-sp-'"
    assert words in info.value.message
    if cut >= 8:  # long enough not to be found in the words by chance
        assert body[:cut] not in info.value.one_line()


@given(body=REAL_SHAPED, cut=st.integers(min_value=plan.MIN_KEY_BODY, max_value=32))
def test_the_rule_never_refuses_a_key_of_the_real_shape_or_one_the_plan_must_judge(body, cut):
    assert plan.check_key(f"sk-sp-{body[:cut]}") == f"sk-sp-{body[:cut]}"


@given(
    body=st.text(alphabet=KEY_CHARS, min_size=2, max_size=40),
    cut=st.integers(min_value=1),
    space=st.sampled_from([" ", "\t", "\n", "\u00a0", "\u2003"]),
)
def test_inner_whitespace_is_rejected(body, cut, space):
    cut %= len(body)
    cut = cut or 1
    with pytest.raises(CodingPlanError) as info:
        plan.check_key(f"sk-sp-{body[:cut]}{space}{body[cut:]}")
    assert info.value.code == "key_format"
    assert "space" in info.value.message


@pytest.mark.parametrize(
    "raw, words",
    [
        ("", "No key"),
        ("   \n", "No key"),
        ("sk-0123456789abcdef", "general Model Studio key"),
        ("sk-sp-", "ends right after"),
        ("pk-sp-abc", "start with 'sk-sp-'"),
        ("sk-sp-abc\x00def", "control characters"),
        ("sk-sp-abc\u200bdef", "control characters"),  # a zero-width space is format, not space
        ("sk-sp-abcé", "characters a plan key never has"),
        ("sk-sp-ab.cd", "characters a plan key never has"),
        ("sk-sp-a", "cut short"),
    ],
)
def test_each_malformed_key_gets_its_own_message(raw, words):
    with pytest.raises(CodingPlanError) as info:
        plan.check_key(raw)
    assert info.value.code == "key_format"
    assert words in info.value.message
    assert info.value.remedy  # every message says what to do


def test_key_errors_never_repeat_the_key():
    raw = "sk-0123456789abcdefSECRET"
    with pytest.raises(CodingPlanError) as info:
        plan.check_key(raw)
    assert "SECRET" not in info.value.one_line()


def test_tier_limits_match_the_plan_page():
    assert [plan.Tier.LITE.info.limit(w) for w in plan.WINDOWS] == [1_200, 9_000, 18_000]
    assert [plan.Tier.PRO.info.limit(w) for w in plan.WINDOWS] == [6_000, 45_000, 90_000]
    assert (plan.Tier.LITE.info.price_usd, plan.Tier.PRO.info.price_usd) == (10, 50)
    assert (plan.Tier.LITE.info.price_cny, plan.Tier.PRO.info.price_cny) == (40, 200)


def test_region_endpoints():
    intl = plan.endpoints_for(plan.Region.INTL)
    assert intl.openai_base == "https://coding-intl.dashscope.aliyuncs.com/v1"
    assert intl.anthropic_base == "https://coding-intl.dashscope.aliyuncs.com/apps/anthropic"
    assert intl.anthropic_sdk_base == "https://coding-intl.dashscope.aliyuncs.com/apps/anthropic/v1"
    cn = plan.endpoints_for(plan.Region.CN)
    assert cn.chat_completions_url == "https://coding.dashscope.aliyuncs.com/v1/chat/completions"
    assert cn.messages_url == "https://coding.dashscope.aliyuncs.com/apps/anthropic/v1/messages"


def test_custom_origin_replaces_the_region_host():
    ends = plan.endpoints_for(plan.Region.CN, "http://127.0.0.1:8080/")
    assert ends.openai_base == "http://127.0.0.1:8080/v1"
    gateway = plan.endpoints_for(plan.Region.INTL, "https://gw.example.com/plan")
    assert gateway.anthropic_base == "https://gw.example.com/plan/apps/anthropic"


@pytest.mark.parametrize(
    "url, words",
    [
        ("coding-intl.dashscope.aliyuncs.com", "not a usable origin"),
        ("ftp://example.com", "not a usable origin"),
        ("https://example.com/?a=1", "not a usable origin"),
        ("https://coding-intl.dashscope.aliyuncs.com/v1", "protocol path"),
        ("https://coding-intl.dashscope.aliyuncs.com/apps/anthropic", "protocol path"),
    ],
)
def test_bad_origins_are_refused(url, words):
    with pytest.raises(CodingPlanError) as info:
        plan.normalize_origin(url)
    assert info.value.code == "bad_origin"
    assert words in info.value.message


def test_catalog_has_the_default_and_is_case_sensitive():
    assert plan.find_model(plan.DEFAULT_MODEL).context_window == 1_000_000
    assert plan.find_model("Qwen3-Coder-Plus") is None
    assert plan.catalog_spelling(" Qwen3-Coder-Plus ") == "qwen3-coder-plus"
    ids = [m.id for m in plan.CATALOG]
    assert len(ids) == len(set(ids))


def test_check_model_names_the_right_spelling():
    with pytest.raises(CodingPlanError) as info:
        plan.check_model("QWEN3-CODER-PLUS")
    assert "use 'qwen3-coder-plus'" in info.value.remedy
    with pytest.raises(CodingPlanError) as info:
        plan.check_model("qwen3-coder-plux")
    assert "qwen3-coder-plus" in info.value.remedy


def test_context_window_falls_back_for_models_without_one():
    assert plan.context_window("qwen3.6-plus") == plan.FALLBACK_CONTEXT_WINDOW
    assert plan.context_window("glm-5") == 202_752

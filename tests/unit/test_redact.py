import logging

import pytest

from codingplan.redact import install_log_masking, mask_key, redact

KEY = "sk-sp-abcdefghij0123456789wxyz"


def test_mask_shows_prefix_and_last_four():
    assert mask_key(KEY) == "sk-sp-…wxyz"
    assert mask_key("sk-0123456789abcd") == "sk-…abcd"
    # Too short to hide anything: no tail at all.
    assert mask_key("sk-sp-abc") == "sk-sp-…"


@pytest.mark.parametrize(
    "text",
    [
        f"Bearer {KEY}",
        f'{{"apiKey": "{KEY}"}}',
        f"key={KEY}&x=1",
        f"ANTHROPIC_AUTH_TOKEN={KEY}\n",
    ],
)
def test_redact_removes_the_key_from_any_text(text):
    out = redact(text)
    assert KEY not in out
    assert "sk-sp-…wxyz" in out


def test_redact_leaves_ordinary_words_alone():
    text = "task-list and disk-usage, risk-free"
    assert redact(text) == text


@pytest.fixture
def captured_log():
    install_log_masking()
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Collect()
    logger = logging.getLogger("codingplan.test")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield logger, records
    logger.removeHandler(handler)


def test_every_log_record_is_masked(captured_log):
    logger, records = captured_log
    logger.info("plain %s", KEY)
    logger.warning(f"inline {KEY}")
    logger.error("mapping %(k)s", {"k": KEY})
    try:
        raise ValueError(f"boom {KEY}")
    except ValueError:
        logger.exception("failed")
    joined = "\n".join(records)
    assert KEY not in joined
    assert joined.count("sk-sp-…wxyz") == 4


@pytest.mark.parametrize(
    "before",
    ["-", "_", "a", "Z", "9", "https://-", "%22", "%20", "\x1b[31m", "\x1b[1;31m", "\x1b[0m"],
)
def test_a_plan_key_is_masked_whatever_comes_right_before_it(before):
    out = redact(f"{before}{KEY} trailing")
    assert KEY not in out and "abcdefghij" not in out
    assert out.startswith(before) and "sk-sp-…wxyz" in out


def test_a_url_encoded_plan_key_is_masked():
    for encoded in (KEY.replace("-", "%2D"), KEY.replace("-", "%2d")):
        out = redact(f"https://gw.example/?key={encoded}&x=1")
        assert "abcdefghij" not in out and "sk-sp-…wxyz" in out


def test_a_general_key_after_a_colour_code_or_an_encoded_character_is_masked():
    general = "sk-0123456789abcdef"
    for before in ("\x1b[31m", "\x1b[1;32m", "%22", "%3D"):
        assert general not in redact(f"{before}{general}")

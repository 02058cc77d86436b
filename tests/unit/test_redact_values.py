"""Secrets with no shape of their own are masked by value once registered, in text and in
every log record."""

import json
import logging
import secrets
import threading
from urllib.parse import quote

from codingplan.redact import install_log_masking, mask_value, redact


def test_a_registered_value_is_masked_in_any_text_and_its_escaped_forms():
    value = "sts/" + secrets.token_urlsafe(24) + "+=="
    assert redact(f"token {value}") == f"token {value}"  # not yet known
    mask_value(value)
    for text in (
        f"token {value}!",
        json.dumps({"t": value}).replace("/", "\\/"),
        quote(value, safe=""),
    ):
        assert value not in redact(text)
        assert "…" in redact(text)
    assert quote(value, safe="") not in redact(f"x={quote(value, safe='')}")


def test_an_id_keeps_its_last_four_characters():
    key_id = "LTAI" + secrets.token_hex(10)
    mask_value(key_id, f"…{key_id[-4:]}")
    assert redact(f"Credential={key_id},") == f"Credential=…{key_id[-4:]},"


def test_a_value_holding_another_is_masked_whole():
    inner = "inner" + secrets.token_hex(6)
    outer = f"outer{inner}tail"
    mask_value(inner, "[a]")
    mask_value(outer, "[b]")
    assert redact(outer) == "[b]"


def test_too_short_a_value_is_not_taken():
    mask_value("abc")
    assert redact("abc abcd") == "abc abcd"


def test_plan_keys_are_still_masked_beside_values():
    value = secrets.token_hex(12)
    mask_value(value)
    out = redact(f"{value} sk-sp-abcdefghij0123456789wxyz")
    assert value not in out and "sk-sp-…wxyz" in out


def test_log_records_are_masked_even_when_registered_from_another_thread(caplog):
    install_log_masking()
    value = secrets.token_urlsafe(30)
    thread = threading.Thread(target=mask_value, args=(value,))
    thread.start()
    thread.join()
    log = logging.getLogger("test.redact.values")
    with caplog.at_level(logging.INFO):
        log.info("secret %s", value)
        try:
            raise ValueError(value)
        except ValueError:
            log.exception("failed")
    assert value not in caplog.text
    assert all(value not in r.getMessage() for r in caplog.records)

"""The key never shows, whatever sits right before it: a dash, a letter or digit, a
URL-encoded character, a terminal colour code. In argparse's errors, in settings values,
in a tool's output that Verify shows; and a key inside an origin is never stored."""

from __future__ import annotations

import pytest

from codingplan import paths
from codingplan.tools import verify
from codingplan.tools.declared import VerifyPatterns

KEY = "sk-sp-masking0test0key0abcdefwxyz"
BODY = "masking0test0key0abcdef"
BEFORE = ["-", "_", "a", "7", "%22", "\x1b[31m"]


def shown(result) -> str:
    return result.stdout + result.stderr


@pytest.mark.parametrize("before", BEFORE)
def test_argparse_errors_mask_the_key(cli, before):
    for args in (["configure", before + KEY], ["usage", "--no-such-option=" + before + KEY]):
        result = cli(*args)
        assert result.returncode == 2
        assert BODY not in shown(result)


@pytest.mark.parametrize("before", BEFORE)
def test_a_key_in_a_settings_value_is_masked_and_never_stored(cli, before):
    for name, value in (("origin", "https://" + before + KEY), ("model", before + KEY)):
        result = cli("settings", "set", name, value)
        assert result.returncode != 0, shown(result)
        assert BODY not in shown(result)
    settings = paths.settings_file()
    assert not settings.exists() or BODY not in settings.read_text()


@pytest.mark.parametrize("before", BEFORE)
def test_verify_shows_a_tools_output_with_the_key_masked(before):
    output = f"Error: 401 invalid key {before}{KEY}\nat request"
    said = VerifyPatterns()
    result = verify.diagnose("qwen-code", "Qwen Code", said, ("qwen",), 1, output, True, 10)
    assert BODY not in result.output and "sk-sp-…wxyz" in result.output

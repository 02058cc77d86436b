"""The records of what this app set in each tool: what ``usage`` reads from them."""

from __future__ import annotations

import pytest

from codingplan import quota
from codingplan.errors import CodingPlanError
from codingplan.settings import Settings
from codingplan.tools import records


def test_the_origin_a_tool_was_set_up_with_counts_as_the_plans(home):
    records.save(records.ToolRecord("qwen-code", options={"origin": "https://relay.example"}))
    records.save(records.ToolRecord("cline", options={"model": "qwen3-coder-plus"}))
    assert records.saved_options("qwen-code") == {"origin": "https://relay.example"}
    assert records.saved_options("opencode") == {}  # never set up
    assert quota.custom_origins(Settings()) == ("https://relay.example",)
    assert quota.plan_traffic(Settings()).url("https://relay.example/v1") is True


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"tool": "qwen-code", "options": []}'])
def test_a_damaged_record_is_one_clear_error_and_does_not_stop_usage(home, text):
    path = records.record_file("qwen-code")
    path.parent.mkdir(parents=True)
    path.write_text(text, "utf-8")
    with pytest.raises(CodingPlanError) as caught:
        records.saved_options("qwen-code")
    assert caught.value.code == "record_damaged" and str(path) in caught.value.message
    with pytest.raises(CodingPlanError):
        records.load("qwen-code")
    assert quota.custom_origins(Settings()) == ()  # the others are still read

"""How the dashboard and the tray say where a figure comes from: the plan's own reading, a
"quota exceeded" from another address (set aside with one button), and the calls a tool in
use records nothing of."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from codingplan import paths, quota
from codingplan.console import answer
from codingplan.ui import glance
from tests.fakes.console_server import gateway_success, instance

TEST_SERVER = "http://127.0.0.1:9"


@pytest.fixture
def official(home):
    """A reading of the plan's console, made a minute ago."""
    read_at = datetime.now(UTC) - timedelta(minutes=1)
    data = json.dumps(gateway_success([instance(at_ms=int(read_at.timestamp() * 1000))]))
    quota.record_console_reading(answer.parse_plan(data.encode(), read_at))


@pytest.fixture
def refused_by_a_test_server(home):
    path = paths.test_requests_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = (datetime.now(UTC) - timedelta(minutes=3)).isoformat().replace("+00:00", "Z")
    line = {"id": str(uuid.uuid4()), "time": stamp, "protocol": "openai",
            "model": "qwen3-coder-plus", "origin": TEST_SERVER, "status": 429,
            "category": "quota_5h"}  # fmt: skip
    path.write_text(json.dumps(line) + "\n")


def test_a_figure_from_the_plan_says_so_with_its_age(official, dashboard, started):
    card = dashboard.overview.cards["week"]
    assert card.confidence.text().startswith("From the plan, 1 min ago")
    assert "console" in card.confidence.toolTip()
    line = glance.window_line("week", started.snapshot, sure=True)  # the tray's tooltip
    assert line.endswith("From the plan, 1 min ago")


def test_an_answer_from_another_address_is_named_and_set_aside_with_one_click(
    refused_by_a_test_server, dashboard, started, qtbot
):
    overview = dashboard.overview
    assert started.snapshot.windows["5h"].through == TEST_SERVER
    assert TEST_SERVER in overview.notes.text() and overview.dismiss.isVisible()
    overview.dismiss.click()
    qtbot.waitUntil(lambda: started.snapshot.windows["5h"].through is None, timeout=30_000)
    assert started.snapshot.windows["5h"].confidence != "lower_bound"
    assert not overview.dismiss.isVisible() and TEST_SERVER not in overview.notes.text()


def test_the_calls_a_tool_in_use_cannot_record_are_named(dashboard):
    unseen = dashboard.overview.unseen
    assert unseen.isVisible()  # Qwen Code is in use in the made-up history
    assert unseen.text().startswith("Not in the tools' records, so not counted:")
    assert "Qwen Code: calls cut off with Ctrl+C" in unseen.text()
    assert "Claude Code" not in unseen.text() and "Continue" not in unseen.text()


@pytest.fixture
def lite_by_the_console(home):
    """The console read a minute ago says Lite, where the settings say Pro."""
    read_at = datetime.now(UTC) - timedelta(minutes=1)
    at_ms = int(read_at.timestamp() * 1000)
    data = json.dumps(gateway_success([instance(tier="lite", at_ms=at_ms)]))
    quota.record_console_reading(answer.parse_plan(data.encode(), read_at))


def test_the_plan_line_names_the_tier_the_console_read(lite_by_the_console, dashboard, started):
    assert started.settings.tier.value == "pro"
    assert started.snapshot.tier.value == "lite"
    assert dashboard.overview.plan_line.text().startswith("Lite plan")

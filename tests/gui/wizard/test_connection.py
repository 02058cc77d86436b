"""The connection test widget against the fake plan: the free check on show, the paid test
only on a click that says what it costs, and each failure's category and remedy."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from codingplan import paths
from codingplan.ui.widgets.connection import ConnectionTestDialog, ConnectionTestWidget
from codingplan.ui.widgets.status import Kind
from tests.fakes.plan_server import TEST_KEY

pytestmark = pytest.mark.secret_service


def shown(qtbot, model) -> ConnectionTestWidget:
    widget = ConnectionTestWidget(model)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.checked, timeout=10_000):
        widget.show()
    return widget


def send(qtbot, widget: ConnectionTestWidget, choice: int) -> list:
    widget.protocol.setCurrentIndex(choice)
    with qtbot.waitSignal(widget.tested, timeout=15_000) as blocker:
        widget.send_button.click()
    return blocker.args[0]


def test_free_check_runs_when_shown_and_sends_nothing(qtbot, model, origin, plan_server):
    widget = shown(qtbot, model)
    assert widget.reachability.ok
    assert "127.0.0.1" in widget.steps.text() and "TCP" in widget.steps.text()
    assert "Reachable" in widget.reach_result.text()
    assert plan_server.received == []  # DNS and TCP only: no HTTP request at all


@pytest.mark.parametrize(
    ("choice", "label", "paths_sent"),
    [
        (0, "uses 1 request", ["/v1/chat/completions"]),
        (2, "uses 2 requests", ["/v1/chat/completions", "/apps/anthropic/v1/messages"]),
    ],
)
def test_the_button_says_what_it_costs_and_sends_exactly_that(
    qtbot, model, origin, plan_server, stored_key, choice, label, paths_sent
):
    widget = shown(qtbot, model)
    widget.protocol.setCurrentIndex(choice)
    assert label in widget.send_button.text()
    results = send(qtbot, widget, choice)
    assert [r.ok for r in results] == [True] * len(paths_sent)
    assert [r.path for r in plan_server.model_requests()] == paths_sent
    assert all("Works" in v.text() for v in widget.result_views.values())
    # The plan answers coding tools only: the page says who each request went out as.
    assert "Sent as Qwen Code" in widget.result_views["openai"].text()
    # Each request is recorded for the quota tracker.
    assert len(paths.test_requests_file().read_text().splitlines()) == len(paths_sent)


@pytest.mark.parametrize(
    ("scenario", "category", "remedy_words"),
    [
        ("invalid_key", "Key rejected", "subscription is active"),
        ("quota_5h", "5-hour quota used up", "upgrade to Pro"),
    ],
)
def test_a_failed_request_shows_category_and_remedy(
    qtbot, model, origin, plan_server, stored_key, scenario, category, remedy_words
):
    plan_server.scenario = scenario
    widget = shown(qtbot, model)
    (result,) = send(qtbot, widget, 0)
    assert not result.ok
    text = widget.result_views["openai"].text()
    assert category in text and remedy_words in text
    assert TEST_KEY not in text


def test_a_closed_port_is_a_network_problem_with_a_remedy(qtbot, model, monkeypatch):
    with socket.socket() as sock:  # a port that was free a moment ago and now has no listener
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("CODINGPLAN_ORIGIN", f"http://127.0.0.1:{port}")
    widget = shown(qtbot, model)
    assert not widget.reachability.ok
    view = widget.reach_result
    text = view.text()
    assert "Network problem" in text and "refused" in text and "Check the address" in text
    # The system's own words are behind Details, not in front (nor in the steps).
    assert "Errno" not in text and "Errno" not in widget.steps.text()
    assert view.kind is Kind.ERROR and view.details_button.isVisible()
    view.details_button.click()
    assert "Errno 111" in view.detail.toPlainText()
    # Its fix is a button: check again (free), and only that one says so.
    assert view.fix_labels() == ["Check again"]
    assert not widget.check_button.isVisible()
    with qtbot.waitSignal(widget.checked, timeout=10_000):
        view.fix_buttons[0].click()


def test_a_rejected_key_offers_its_fixes(
    qtbot, model, origin, plan_server, stored_key, monkeypatch
):
    from codingplan.ui.widgets import links

    opened = []
    monkeypatch.setattr(links, "open_url", lambda url: opened.append(url.toString()) or True)
    plan_server.scenario = "invalid_key"
    widget = shown(qtbot, model)
    send(qtbot, widget, 0)
    view = widget.result_views["openai"]
    # A gateway's address (this test's) has no other region to try.
    assert view.kind is Kind.ERROR and view.fix_labels() == ["Change the key", "Open the console"]
    view.fix_buttons[1].click()
    assert opened == [model.settings.region.info.console_url]
    view.fix_buttons[0].click()
    dialog = widget.key_dialog
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(dialog.entry.stored):
        dialog.entry.edit.setText(TEST_KEY)
        dialog.entry.store_button.click()
    assert widget.results == [] and not view.isVisible()  # answers for the old key are gone
    dialog.close()


def visible_cards(widget) -> list:
    return [view for view in widget._cards if view.isVisible()]


def test_the_same_answer_on_both_protocols_is_one_card_with_its_remedy_once(
    qtbot, model, origin, plan_server, stored_key
):
    plan_server.scenario = "invalid_key"
    widget = shown(qtbot, model)
    results = send(qtbot, widget, 2)
    assert [r.category for r in results] == ["invalid_key", "invalid_key"]
    (card,) = visible_cards(widget)
    assert widget.result_views["openai"] is widget.result_views["anthropic"] is card
    text = card.text()
    assert text.startswith("OpenAI-compatible and Anthropic-compatible: Key rejected")
    remedy = card.remedy.text()
    assert remedy and text.count(remedy) == 1
    assert card.fix_labels() == ["Change the key", "Open the console"]  # once, not twice


def test_a_newer_answer_replaces_the_cards_of_the_last(
    qtbot, model, origin, plan_server, stored_key
):
    widget = shown(qtbot, model)
    plan_server.next_scenarios = ["server_error"]  # the first of the two fails
    send(qtbot, widget, 2)
    assert len(visible_cards(widget)) == 2  # two different answers, a card each
    plan_server.scenario = "server_error"
    send(qtbot, widget, 1)  # the Anthropic-compatible address alone, now failing too
    (card,) = visible_cards(widget)  # the cards of the last test are gone
    assert card.kind is Kind.ERROR and card.text().startswith("Anthropic-compatible:")
    # No "Check again" on a card: the free check's own button is the one.
    assert "Check again" not in card.fix_labels()
    labels = [b.text() for b in widget.findChildren(QPushButton) if b.isVisible()]
    assert sum("Check again" in label for label in labels) == 1


def test_a_json_answer_under_details_is_indented_and_wraps(
    qtbot, model, origin, plan_server, stored_key
):
    plan_server.scenario = "server_error"
    widget = shown(qtbot, model)
    send(qtbot, widget, 0)
    view = widget.result_views["openai"]
    view.details_button.click()
    detail = view.detail.toPlainText()
    assert detail.startswith("{\n") and '\n  "error": {' in detail  # one field a line
    assert view.detail.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    assert view.detail.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways


def test_a_quota_answer_says_when_requests_come_back(
    qtbot, started, origin, plan_server, stored_key
):
    plan_server.scenario = "quota_5h"
    widget = shown(qtbot, started)
    send(qtbot, widget, 0)
    view = widget.result_views["openai"]
    # Once the tracker has counted the refusal, the card gives its time.
    qtbot.waitUntil(lambda: " back at " in view.message.text(), timeout=15_000)
    assert "Used up · " in view.message.text()


def test_without_a_key_nothing_is_sent(qtbot, model, origin, plan_server):
    widget = shown(qtbot, model)
    widget.protocol.setCurrentIndex(0)
    with qtbot.waitSignal(widget.busy_changed, check_params_cb=lambda busy: not busy):
        widget.send_button.click()
    assert "No plan key is stored yet." in widget.request_error.text()
    assert plan_server.model_requests() == []


def test_the_dialog_does_not_block(qtbot, model, origin):
    dialog = ConnectionTestDialog(model)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.widget.checked, timeout=10_000):
        dialog.show()  # returns at once: the check runs in the background
    assert not dialog.isModal()
    with qtbot.waitSignal(dialog.finished):
        dialog.close()

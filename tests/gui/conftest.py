"""Fixtures for the desktop app's tests: real widgets, offscreen, Qt warnings fail the test."""

from __future__ import annotations

import pytest

from codingplan.ui.collector import GuiThreadCollector
from codingplan.ui.state import AppState
from codingplan.ui.tasks import Tasks


@pytest.fixture(scope="package", autouse=True)
def gui_collector(qapp) -> GuiThreadCollector:
    """Cyclic garbage collected on the GUI thread only, as the app does (see its module)."""
    collector = GuiThreadCollector()
    collector.start()
    yield collector
    collector.stop()


@pytest.fixture(scope="package", autouse=True)
def look(qapp) -> None:
    """The app's own look, as it starts (light: the offscreen platform knows no scheme)."""
    from codingplan.ui import style

    style.apply(qapp, style.Scheme.LIGHT)


@pytest.fixture(autouse=True)
def no_error_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    # An unexpected error is logged, and a dialog would wait for a click that never comes.
    monkeypatch.setenv("CODINGPLAN_NO_ERROR_DIALOGS", "1")


@pytest.fixture(autouse=True)
def english(qapp):
    """The app as it starts for an English-speaking person (catalogues and number format)."""
    from codingplan.ui import translations

    translations.install(qapp, "en")


@pytest.fixture
def tasks(qapp) -> Tasks:
    runner = Tasks()
    yield runner
    runner.wait()
    runner.shutdown()


@pytest.fixture
def fresh_model(qapp, tasks, home) -> AppState:
    """The app's state over the test's HOME (its own settings, ledger and keyring entry),
    as a first run finds it: no plan chosen."""
    app_model = AppState(tasks)
    yield app_model
    app_model.shutdown()


@pytest.fixture
def model(home, fresh_model) -> AppState:
    """The app's state of a person who has said they are on Pro."""
    from codingplan.plan import Tier

    fresh_model.update_settings(tier=Tier.PRO)
    return fresh_model


@pytest.fixture
def history(home):
    """Two weeks of Claude Code and Qwen Code requests in the test's HOME; their times."""
    from datetime import UTC, datetime

    from tests.fakes.history import busy_fortnight

    return busy_fortnight(home, datetime.now(UTC))


@pytest.fixture
def started(model, qtbot):
    """The model after its first scan: snapshot, history, key and tool states known."""
    model.start()
    qtbot.waitUntil(lambda: model.snapshot is not None and bool(model.tool_status), timeout=60_000)
    return model


@pytest.fixture
def fresh_started(fresh_model, qtbot):
    """A first run after its first scan: counts and key state known, no plan chosen."""
    fresh_model.start()
    qtbot.waitUntil(
        lambda: fresh_model.snapshot is not None and fresh_model.key_status is not None,
        timeout=60_000,
    )
    return fresh_model


@pytest.fixture
def dashboard(stored_key, history, started, qtbot):
    """The dashboard of a set-up app after its first scan, shown."""
    from codingplan.ui.dashboard.window import Dashboard

    window = Dashboard(started)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window

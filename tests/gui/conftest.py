"""Fixtures for the desktop app's tests: real widgets, offscreen, Qt warnings fail the test."""

from __future__ import annotations

import pytest

from codingplan.ui.model import AppModel
from codingplan.ui.tasks import Tasks


@pytest.fixture(autouse=True)
def no_error_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    # An unexpected error is logged, and a dialog would wait for a click that never comes.
    monkeypatch.setenv("CODINGPLAN_NO_ERROR_DIALOGS", "1")


@pytest.fixture
def tasks(qapp) -> Tasks:
    runner = Tasks()
    yield runner
    runner.wait()


@pytest.fixture
def model(qapp, tasks, home) -> AppModel:
    """The app's state over the test's HOME (its own settings, ledger and keyring entry)."""
    app_model = AppModel(tasks)
    yield app_model
    app_model.shutdown()

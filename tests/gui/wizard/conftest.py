"""Fixtures for the setup wizard and the widgets it shares with the dashboard."""

from __future__ import annotations

import contextlib

import keyring
import keyring.core
import pytest

from tests.conftest import realtool


@pytest.fixture
def origin(monkeypatch, plan_server) -> str:
    """``model.endpoints()`` (and every tool configured) points at the fake plan."""
    monkeypatch.setenv("CODINGPLAN_ORIGIN", plan_server.origin)
    return plan_server.origin


@pytest.fixture
def no_keyring(monkeypatch):
    """No usable keyring, as on a desktop without a Secret Service; no subprocess needed."""
    previous = keyring.get_keyring()
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.core.init_backend()
    yield previous  # the real keyring, to check that nothing reached it
    keyring.core.set_keyring(previous)


@pytest.fixture
def real_tools_on_path(monkeypatch, realtool_env) -> None:
    """The real coding tools (and Node.js) on PATH, as after ``npm install -g``."""
    realtool("claude")  # fails the test with a clear message if they are not installed
    for name in ("PATH", "CLINE_HUB_PORT"):
        monkeypatch.setenv(name, realtool_env[name])


@pytest.fixture
def wizard(qtbot, model):
    """The setup wizard, shown, once its key page has looked at the keyring."""
    from codingplan.ui.wizard.wizard import SetupWizard

    with qtbot.waitSignal(model.key_changed):
        setup = SetupWizard(model)
    qtbot.addWidget(setup)
    setup.show()
    return setup


@pytest.fixture(autouse=True)
def forget_key():
    """Whatever a test stored in the session's keyring is gone before the next test."""
    yield
    from codingplan import keystore
    from codingplan.errors import CodingPlanError

    with contextlib.suppress(CodingPlanError):
        keystore.delete_key()


@pytest.fixture(autouse=True)
def settle(model, qtbot):
    """After the test, let background results arrive before the model and its tasks go: a
    result queued for an object deleted under it would crash a later test."""
    yield
    qtbot.waitUntil(lambda: not model.tasks.busy, timeout=30_000)

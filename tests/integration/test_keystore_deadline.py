"""A keyring that never answers: a session bus that lets the app in, takes its calls and
replies to none (``tests/fakes/wedged_bus.py``). Every key command ends by the deadline
with one sentence naming the keyring; ``key print`` (Claude Code's key helper) too."""

from __future__ import annotations

import os
import subprocess
import threading
import time

import keyring
import pytest

from codingplan import keystore
from codingplan.errors import CodingPlanError
from tests.conftest import codingplan_command
from tests.fakes.plan_server import TEST_KEY
from tests.fakes.wedged_bus import wedged_bus

# The deadline, and what starting the command may add to it on a busy machine.
LIMIT_S = keystore.TIMEOUT_S + 10


@pytest.fixture
def wedged():
    with wedged_bus() as address:
        yield address


@pytest.mark.parametrize(
    "args",
    [["key", "print"], ["key", "status"], ["key", "set"], ["key", "clear", "--yes"]],
)
def test_every_key_command_ends_by_the_deadline(home, wedged, args):
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": wedged}
    start = time.monotonic()
    result = subprocess.run(
        [*codingplan_command(), *args],
        input=TEST_KEY,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,  # the test's own limit: today's code would wait for good
    )
    took = time.monotonic() - start
    assert took < LIMIT_S, took
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "codingplan: The system keyring (Secret Service) did not answer within 5 seconds. Answer"
        " its unlock prompt if one is open; otherwise restart the keyring (log out and in"
        " again), then try again."
    ]
    assert TEST_KEY not in result.stdout + result.stderr


def test_each_call_to_the_backend_goes_through_the_deadline(monkeypatch):
    """The backend's own methods, any of them (one added later too), wait no longer than the
    deadline; while one still waits, the next call fails at once; once it ends, the keyring
    is asked again."""
    held = threading.Event()

    class Stuck:  # a backend by its methods (a subclass would join keyring's own list)
        def get_password(self, service, username):
            held.wait(30)

        def set_password(self, service, username, password):
            held.wait(30)

        def delete_password(self, service, username):
            held.wait(30)

        def get_credential(self, service, username):
            held.wait(30)

    monkeypatch.setattr(keystore, "TIMEOUT_S", 0.5)
    monkeypatch.setattr(keyring, "get_keyring", Stuck)

    def status() -> None:
        error = keystore.status().error
        assert error is not None
        raise error

    calls = (
        keystore.get_key,
        lambda: keystore.set_key(TEST_KEY),
        keystore.delete_key,
        lambda: keystore._backend().get_credential("codingplan", "plan-key"),
        status,
    )
    for call in calls:
        held.clear()
        for _attempt in range(2):  # the second fails at once: the first still waits
            start = time.monotonic()
            with pytest.raises(CodingPlanError) as info:
                call()
            assert info.value.code == "keyring_timeout"
            assert "Stuck) did not answer within 0.5 seconds" in info.value.message
            assert time.monotonic() - start < 2
        held.set()
        time.sleep(0.2)  # the call that waited ends
    assert keystore.get_key() is None

"""The key in a real Secret Service (GNOME Keyring on a private D-Bus session), and the
ways a keyring fails: none at all, locked, or one that would keep the key in a file."""

import os
import subprocess

import keyring
import pytest

from codingplan import keystore
from codingplan.errors import CodingPlanError
from tests.conftest import codingplan_command
from tests.fakes.secret_service import private_secret_service

KEY = "sk-sp-integration0key0abcd"


@pytest.fixture(autouse=True)
def no_key_left():
    keystore.delete_key()
    yield
    keystore.delete_key()


def test_set_get_status_delete_against_the_real_secret_service():
    assert keystore.status().stored is False
    assert keystore.set_key(f"  {KEY}\n") == "sk-sp-…abcd"
    assert keystore.get_key() == KEY
    state = keystore.status()
    assert (state.usable, state.stored, state.backend, state.masked) == (
        True,
        True,
        "Secret Service",
        "sk-sp-…abcd",
    )
    assert state.backend_id == "keyring.backends.SecretService.Keyring"
    assert keystore.delete_key() is True
    assert keystore.get_key() is None
    assert keystore.delete_key() is False


def test_the_key_is_where_the_readme_says_it_is():
    keystore.set_key(KEY)
    # Any Secret Service client finds it under the documented service and account.
    found = subprocess.run(
        ["secret-tool", "lookup", "service", "codingplan", "username", "plan-key"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert found == KEY
    assert keyring.get_password("codingplan", "plan-key") == KEY


def test_a_malformed_key_is_not_stored():
    keystore.set_key(KEY)
    with pytest.raises(CodingPlanError) as info:
        keystore.set_key("sk-general0key")
    assert info.value.code == "key_format"
    assert keystore.get_key() == KEY  # the stored key is untouched


def _run(args, env, input=""):
    return subprocess.run(
        [*codingplan_command(), *args],
        input=input,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_no_keyring_at_all_gives_one_clear_error_and_writes_no_file(home):
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    result = _run(["key", "set"], env, input=KEY)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]  # one line
    assert "No system keyring is available" in result.stderr
    assert KEY not in result.stdout + result.stderr
    assert not any(KEY.encode() in p.read_bytes() for p in home.rglob("*") if p.is_file())


def test_a_file_backend_is_refused(home):
    # keyring's null backend would silently drop the key: the app refuses it.
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    result = _run(["key", "status", "--json"], env)
    assert result.returncode == 1
    assert '"keyring_unavailable"' in result.stdout


@pytest.fixture
def locked_bus():
    """A Secret Service that was never unlocked: its first use wants a password prompt it
    cannot show (no display) and reports the prompt dismissed, as when a person cancels it."""
    with private_secret_service(unlock=False) as address:
        yield address


def test_a_locked_keyring_gives_one_clear_error(home, locked_bus):
    address = locked_bus
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "DISPLAY": ""}
    result = _run(["key", "set", "--json"], env, input=KEY)
    assert result.returncode == 1
    assert '"keyring_locked"' in result.stdout, result.stdout + result.stderr
    assert "locked, or its unlock prompt was dismissed" in result.stderr
    assert KEY not in result.stdout + result.stderr


def test_a_chain_of_no_keyring_is_refused_not_said_to_have_stored_the_key(home):
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.chainer.ChainerBackend"
    result = _run(["key", "set"], env, input=KEY)
    assert result.returncode == 1, result.stdout
    assert "Stored" not in result.stdout
    assert "No system keyring is available" in result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]


def test_a_keyring_that_keeps_nothing_is_found_out_by_reading_back(monkeypatch):
    class Forgetful:  # takes every secret, holds none
        def set_password(self, service, username, password):
            pass

        def get_password(self, service, username):
            return None

    monkeypatch.setattr(keyring, "get_keyring", Forgetful)
    with pytest.raises(CodingPlanError) as info:
        keystore.set_key(KEY)
    assert info.value.code == "keyring_not_kept"
    assert "Forgetful) took the key but does not hold it" in info.value.message


def test_key_set_reads_no_more_than_a_key_can_be(home):
    """An endless pipe (or a large file piped by mistake): refused after a few kilobytes,
    in one sentence, with nothing stored."""
    endless = subprocess.Popen(["yes", KEY], stdout=subprocess.PIPE)
    try:
        result = subprocess.run(
            [*codingplan_command(), "key", "set"],
            stdin=endless.stdout,
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        endless.kill()
        endless.wait()
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "too long to be a key" in result.stderr
    assert KEY not in result.stdout + result.stderr
    assert keystore.get_key() is None

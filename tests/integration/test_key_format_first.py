"""A malformed key is told as such (exit 2, as the README says), whatever the state of the
keyring: the format is checked before the keyring is asked anything."""

from __future__ import annotations


def test_a_malformed_key_is_exit_2_even_without_a_keyring(cli):
    no_keyring = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    assert cli("key", "status", env=no_keyring).returncode == 1  # really no keyring
    result = cli("key", "set", input="sk-not-a-plan-key\n", env=no_keyring)
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert "keyring" not in line.lower() and "sk-sp-" in line

"""The console's AccessKey in the real Secret Service the tests start: stored, read and
removed there, checked before it is stored, never in a file under HOME or in a log."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest

from codingplan import keystore
from codingplan.console import credentials, faults
from codingplan.console.client import read_plan
from codingplan.console.hosts import Site
from codingplan.errors import CodingPlanError
from codingplan.plan import Region
from codingplan.redact import install_log_masking
from tests.fakes.console_server import KEY_ID, SECRET, STS_KEY_ID, STS_SECRET, STS_TOKEN

from .conftest import assert_no_secret, secrets_of


def test_store_load_and_delete_in_the_secret_service():
    assert credentials.load() is None
    credentials.store(credentials.check(f" {KEY_ID}\n", f"{SECRET}\n", site="international"))
    loaded = credentials.load()
    assert loaded is not None
    assert (loaded.access_key_id, loaded.access_key_secret) == (KEY_ID, SECRET)
    assert (loaded.site, loaded.temporary, loaded.security_token) == (
        Site.INTERNATIONAL,
        False,
        None,
    )
    assert credentials.require() == loaded
    assert credentials.delete() is True
    assert credentials.load() is None
    assert credentials.delete() is False
    with pytest.raises(CodingPlanError) as info:
        credentials.require()
    assert info.value.code == faults.NO_CREDENTIALS


def test_the_entry_is_where_the_readme_says_it_is_beside_the_plan_key():
    credentials.store(credentials.check(STS_KEY_ID, STS_SECRET, STS_TOKEN))
    found = subprocess.run(
        ["secret-tool", "lookup", "service", "codingplan", "username", "console-access-key"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    entry = json.loads(found)
    assert (entry["access_key_id"], entry["access_key_secret"], entry["security_token"]) == (
        STS_KEY_ID,
        STS_SECRET,
        STS_TOKEN,
    )
    # The plan key's own entry is another account, untouched.
    assert keystore.get_key() is None


def test_a_new_login_replaces_the_old_one_and_its_token(console, env):
    old = credentials.check(KEY_ID, SECRET)
    credentials.store(old)
    read_plan(old, Region.INTL, env=env)
    assert keystore.get_secret(credentials.TOKEN_ACCOUNT) is not None
    credentials.store(credentials.check(STS_KEY_ID, STS_SECRET, STS_TOKEN))
    assert credentials.load().access_key_id == STS_KEY_ID
    assert keystore.get_secret(credentials.TOKEN_ACCOUNT) is None


def test_logout_removes_the_token_too(console, env):
    creds = credentials.check(KEY_ID, SECRET)
    credentials.store(creds)
    read_plan(creds, Region.INTL, env=env)
    assert credentials.delete() is True
    assert keystore.get_secret(credentials.TOKEN_ACCOUNT) is None
    assert credentials._memory == {}


def test_nothing_reaches_a_file_under_home(console, env, home):
    creds = credentials.check(STS_KEY_ID, STS_SECRET, STS_TOKEN)
    credentials.store(creds)
    read_plan(credentials.require(), Region.INTL, env=env)
    console.expire_tokens()
    read_plan(credentials.require(), Region.INTL, env=env)
    secrets = [s.encode() for s in secrets_of(console)]
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not [s for s in secrets if s in data], path


@pytest.mark.parametrize(
    ("key_id", "secret", "token", "site", "words"),
    [
        ("", SECRET, None, None, "ID is empty"),
        ("LTAI 5t spaces", SECRET, None, None, "letters, digits"),
        ("short", SECRET, None, None, "8 to 128"),
        (KEY_ID, "", None, None, "secret is empty"),
        (KEY_ID, "has a space in it", None, None, "visible characters"),
        (KEY_ID, "x" * 129, None, None, "8 to 128"),
        (KEY_ID, KEY_ID, None, None, "same as its ID"),
        ("sk-sp-abcdefghij0123456789wxyz", SECRET, None, None, "not an AccessKey"),
        (KEY_ID, SECRET, "two words", None, "STS token"),
        (KEY_ID, SECRET, None, "mars", "international"),
    ],
)
def test_bad_credentials_get_one_sentence_and_nothing_is_stored(key_id, secret, token, site, words):
    credentials.store(credentials.check(KEY_ID, SECRET))
    with pytest.raises(CodingPlanError) as info:
        credentials.check(key_id, secret, token, site)
    err = info.value
    assert err.code == faults.CREDENTIALS_FORMAT
    assert words in err.message and err.remedy
    for value in (key_id, secret, token):
        if value and len(value) > 8:
            assert value not in str(err.to_dict()) + repr(err)
    assert credentials.load().access_key_id == KEY_ID  # the stored ones are untouched


@pytest.mark.parametrize(
    "entry",
    [
        "not json",
        "[]",
        json.dumps({"format": 2, "access_key_id": KEY_ID, "access_key_secret": SECRET}),
        json.dumps({"format": 1, "access_key_id": KEY_ID}),
        json.dumps({"format": 1, "access_key_id": KEY_ID, "access_key_secret": "bad secret"}),
    ],
)
def test_a_damaged_entry_is_told_without_showing_it(entry):
    keystore.set_secret(credentials.ACCOUNT, entry)
    with pytest.raises(CodingPlanError) as info:
        credentials.load()
    assert info.value.code == faults.CREDENTIALS_DAMAGED
    assert_no_secret(info.value)
    assert "bad secret" not in str(info.value.to_dict())


def test_the_repr_shows_only_the_last_four_characters():
    creds = credentials.check(STS_KEY_ID, STS_SECRET, STS_TOKEN)
    for text in (repr(creds), str(creds), f"{creds}", str([creds])):
        assert STS_SECRET not in text and STS_TOKEN not in text and STS_KEY_ID not in text
        assert STS_KEY_ID[-4:] in text
    assert creds.masked_id == f"…{STS_KEY_ID[-4:]}"


def test_once_loaded_a_secret_logged_by_mistake_is_masked(caplog):
    install_log_masking()
    credentials.store(credentials.check(STS_KEY_ID, STS_SECRET, STS_TOKEN))
    credentials._memory.clear()
    loaded = credentials.load()
    log = logging.getLogger("test.console")
    with caplog.at_level(logging.INFO):
        log.info("pair %s:%s token %s", loaded.access_key_id, loaded.access_key_secret, STS_TOKEN)
        log.info("as JSON: %s", json.dumps({"secret": STS_SECRET, "token": STS_TOKEN}))
    for secret in (STS_SECRET, STS_TOKEN, STS_KEY_ID):
        assert secret not in caplog.text
    assert f"…{STS_KEY_ID[-4:]}" in caplog.text


def test_no_keyring_at_all_stores_nothing_and_says_so(home):
    code = (
        "from codingplan.console import credentials\n"
        "from codingplan.errors import CodingPlanError\n"
        f"c = credentials.check({KEY_ID!r}, {SECRET!r})\n"
        "try:\n"
        "    credentials.store(c)\n"
        "except CodingPlanError as err:\n"
        "    print(err.code, err.message)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.stdout.startswith("keyring_unavailable No system keyring is available")
    assert SECRET not in result.stdout + result.stderr
    for path in home.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes()

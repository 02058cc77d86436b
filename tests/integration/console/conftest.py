"""The stand-in console, credentials for it, and a check that no secret got out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from codingplan import keystore
from codingplan.console import credentials
from codingplan.env import Env
from codingplan.errors import CodingPlanError
from tests.fakes.console_server import (
    KEY_ID,
    SECRET,
    STS_KEY_ID,
    STS_SECRET,
    STS_TOKEN,
    ConsoleServer,
)

SECRETS = (SECRET, STS_SECRET, STS_TOKEN, KEY_ID, STS_KEY_ID)


@pytest.fixture(autouse=True)
def no_console_login_left() -> Iterator[None]:
    """Each test starts and ends with no credentials and no token, here or in the keyring."""
    credentials.delete()
    yield
    credentials.delete()


@pytest.fixture
def console() -> Iterator[ConsoleServer]:
    with ConsoleServer() as server:
        yield server


@pytest.fixture
def env(console: ConsoleServer, home: Path) -> Env:
    return Env("linux", home, {"CODINGPLAN_CONSOLE_ORIGIN": console.origin})


@pytest.fixture
def creds() -> credentials.Credentials:
    return credentials.check(KEY_ID, SECRET)


def secrets_of(console: ConsoleServer | None = None) -> list[str]:
    """Everything that must never be shown: the pair, the STS token, every console token."""
    found = list(SECRETS)
    if console is not None:
        found += [r.headers.get("authorization", "")[7:] for r in console.reads()]
        found += list(console.tokens)
    return [s for s in found if s]


def assert_no_secret(err: CodingPlanError, console: ConsoleServer | None = None) -> None:
    """Not in the message, the remedy, the args, the details, the repr or the JSON form;
    and the error hides no earlier exception (whose request would hold the token)."""
    texts = [
        str(err),
        repr(err),
        err.message,
        err.remedy,
        json.dumps(err.to_dict()),
        *(str(a) for a in err.args),
        *(str(v) for v in err.params.values()),
    ]
    for secret in secrets_of(console):
        for text in texts:
            assert secret not in text
    assert err.__cause__ is None
    assert err.__context__ is None or err.__suppress_context__


def keyring_entry(account: str) -> str | None:
    return keystore.get_secret(account)

"""bl's console token: read when present, never written, and hostile files read as none."""

import json
import os
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codingplan.console.bailian import config_path, read_login
from codingplan.console.hosts import Site
from codingplan.env import Env
from codingplan.redact import redact

TOKEN = "blConsoleToken0123456789abcdefXYZ"


@pytest.fixture
def env(home):
    return Env("linux", home, {})


def _write(env, content: bytes | str):
    path = config_path(env)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_the_token_with_its_region_and_site(env):
    path = _write(
        env,
        json.dumps(
            {
                "access_token": TOKEN,
                "console_site": "international",
                "console_region": "ap-southeast-1",
                "access_key_secret": "not ours to read",
            }
        ),
    )
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    login = read_login(env)
    assert login is not None
    assert (login.token, login.region, login.site) == (TOKEN, "ap-southeast-1", Site.INTERNATIONAL)
    assert TOKEN not in repr(login) and TOKEN not in str(login)
    assert TOKEN not in redact(f"Bearer {TOKEN}")  # masked once read
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before  # read, never written
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.json"]


def test_the_config_folder_variable_is_honoured(home):
    folder = home / "elsewhere"
    env = Env("linux", home, {"BAILIAN_CONFIG_DIR": str(folder)})
    assert config_path(env) == folder / "config.json"
    _write(env, json.dumps({"access_token": TOKEN}))
    login = read_login(env)
    assert login is not None and (login.region, login.site) == (None, None)


@pytest.mark.parametrize(
    "content",
    [
        "",
        "not json",
        "[]",
        '{"access_token": null}',
        '{"access_token": 12345678901234567890}',
        '{"access_token": "short"}',
        '{"access_token": "has spaces in the middle of it"}',
        '{"access_token": "' + "x" * 9000 + '"}',
        "[" * 50_000 + "]" * 50_000,
        b"\xff\xfe\xfa not utf-8",
        '{"access_token": ' + " " * 300_000 + '"' + TOKEN + '"}',  # larger than read
    ],
)
def test_a_hostile_config_reads_as_no_token(env, content):
    _write(env, content)
    assert read_login(env) is None


def test_odd_region_and_site_are_left_out(env):
    _write(env, json.dumps({"access_token": TOKEN, "console_site": ["x"], "console_region": {}}))
    login = read_login(env)
    assert login is not None and (login.region, login.site) == (None, None)


def test_no_file_a_folder_or_a_pipe_reads_as_no_token(env):
    assert read_login(env) is None
    path = config_path(env)
    path.mkdir(parents=True)
    assert read_login(env) is None
    path.rmdir()
    os.mkfifo(path)
    done = []
    reader = threading.Thread(target=lambda: done.append(read_login(env)), daemon=True)
    reader.start()
    reader.join(5)
    assert done == [None]  # a pipe nobody writes to does not hang the read


_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["access_token", "console_site", "console_region", "x"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(_json)
def test_any_json_config_is_a_login_or_none(value):
    with tempfile.TemporaryDirectory() as folder:
        env = Env("linux", Path(folder), {})
        _write(env, json.dumps(value))
        login = read_login(env)
    if login is not None:
        assert isinstance(value, dict) and login.token == value["access_token"]
        assert login.site in (None, *Site)

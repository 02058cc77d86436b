"""``codingplan console`` end to end: the real command in a subprocess with a fresh HOME, the
real Secret Service the tests start, the stand-in console on loopback. Log in from stdin,
status --json, usage --json as official with the month turning at the console's time, an
expired token minted again once, every fault its own sentence with a non-zero exit and no
traceback, the secret in no file under HOME and in no output, logout removing it."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from codingplan.console import credentials, faults
from tests.fakes.console_server import (
    KEY_ID,
    SECRET,
    STS_KEY_ID,
    STS_SECRET,
    STS_TOKEN,
    ConsoleServer,
    instance,
)
from tests.integration.console.conftest import SECRETS


class Runs:
    """The CLI with the stand-in console; every output kept, to look for secrets in."""

    def __init__(self, cli, console: ConsoleServer) -> None:
        self.cli, self.console, self.outputs = cli, console, []

    def __call__(self, *args: str, input: str = "", origin: str | None = None):
        env = {"CODINGPLAN_CONSOLE_ORIGIN": origin or self.console.origin}
        result = self.cli(*args, input=input, env=env)
        self.outputs += [result.stdout, result.stderr]
        assert "Traceback" not in result.stderr, result.stderr
        return result

    def json(self, *args: str, input: str = "", ok: bool = True) -> dict:
        result = self(*args, "--json", input=input)
        assert (result.returncode == 0) is ok, result.stderr
        return json.loads(result.stdout)

    def tokens(self) -> list[str]:
        sent = [r.headers.get("authorization", "")[7:] for r in self.console.reads()]
        return [t for t in [*sent, *self.console.tokens] if t]


@pytest.fixture
def run(cli, console) -> Runs:
    return Runs(cli, console)


def login_input(key_id: str = KEY_ID, secret: str = SECRET, token: str = "") -> str:
    return f"{key_id}\n{secret}\n{token}\n" if token else f"{key_id}\n{secret}\n"


def ms(text: str) -> int:
    return round(datetime.fromisoformat(text).timestamp() * 1000)


def files_under(home: Path) -> Iterator[Path]:
    return (p for p in home.rglob("*") if p.is_file() and not p.is_symlink())


def assert_no_secret_anywhere(run: Runs, home: Path) -> None:
    secrets = [*SECRETS, *run.tokens()]
    for output in run.outputs:
        for secret in secrets:
            assert secret not in output
    for path in files_under(home):
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, path


def test_login_status_usage_expiry_and_logout(run, console, home):
    assert run("settings", "set", "tier", "lite").returncode == 0
    at = int(datetime.now(UTC).timestamp() * 1000)
    console.instances = [instance(tier="pro", used=(812, 9_000, 20_000), at_ms=at)]
    quota_info = console.instances[0]["codingPlanQuotaInfo"]

    logged = run("console", "login", input=login_input())
    assert logged.returncode == 0, logged.stderr
    assert "…0001" in logged.stdout and "keyring" in logged.stdout
    assert "Pro plan, from the plan's console just now" in logged.stdout
    assert console.problems == [] and console.minted == 1

    status = run.json("console", "status")
    assert status["ok"] and status["logged_in"] and status["way"] == "access_key"
    assert (status["access_key_id"], status["site"], status["fresh"]) == (
        "…0001",
        "international",
        True,
    )
    reading = status["reading"]
    assert reading["plan"] == "pro" and reading["auto_renew"] is False
    figures = {name: (w["used"], w["total"]) for name, w in reading["windows"].items()}
    assert figures == {"5h": (812, 6_000), "week": (9_000, 45_000), "month": (20_000, 90_000)}
    assert status["plan"]["days_left"] == 20 and status["plan"]["renewable"] is True
    assert console.minted == 1  # the token was kept in the keyring between the two runs

    usage = run.json("usage")
    for name, (used, total) in figures.items():
        window = usage["windows"][name]
        assert (window["used"], window["limit"], window["confidence"]) == (used, total, "official")
    assert usage["tier"] == "pro"
    month_turn = ms(usage["windows"]["month"]["resets_at"]) // 1000
    assert month_turn == quota_info["perBillMonthQuotaNextRefreshTime"] // 1000
    reads = len(console.reads())
    assert run("usage", "--line").returncode == 0
    assert len(console.reads()) == reads  # --line never reads the console

    console.expire_tokens()
    again = run.json("console", "status", "-v")  # its log goes to stderr: looked at below
    assert again["ok"] and console.minted == 2 and console.problems == []
    assert "minting a new one" in run.outputs[-1]

    text = run("console", "status").stdout
    assert "5 hours      812 of  6,000 used    5,188 left  some back in" in text
    assert "resets" in text and "auto-renewal off" in text

    out = run.json("console", "logout")
    assert out == {"ok": True, "removed": True}
    assert credentials.load() is None
    looked = subprocess.run(
        ["secret-tool", "lookup", "service", "codingplan", "username", "console-access-key"],
        capture_output=True,
    )
    assert looked.stdout == b""
    assert run.json("console", "logout") == {"ok": True, "removed": False}
    gone = run.json("console", "status", ok=False)
    assert gone["error"]["code"] == faults.NO_CREDENTIALS and gone["logged_in"] is False
    assert_no_secret_anywhere(run, home)


def test_a_lite_plan_says_it_cannot_be_renewed(run, console):
    console.instances = [instance(tier="lite", auto_renew=True, days_left=5)]
    text = run("console", "login", input=login_input()).stdout
    assert "Lite can no longer be renewed" in text and "auto-renewal on" in text


def test_an_sts_pair_on_three_lines(run, console, home):
    result = run("console", "login", input=login_input(STS_KEY_ID, STS_SECRET, STS_TOKEN))
    assert result.returncode == 0, result.stderr
    assert "temporary AccessKey (STS) …ey01" in result.stdout
    assert console.problems == []
    assert_no_secret_anywhere(run, home)


# Each fault: how to make the stand-in play it, the code, whether login keeps the key.
FAULTS = {
    "unknown key": (lambda c: c.keys.pop(KEY_ID), faults.UNKNOWN_ACCESS_KEY, False),
    "wrong secret": (lambda c: c.keys.update({KEY_ID: "another0Secret"}), faults.SIGNATURE, False),
    "no permission": (lambda c: c.allowed.clear(), faults.NO_PERMISSION, False),
    "clock": (lambda c: setattr(c, "clock_offset", 3600.0), faults.CLOCK, True),
    "not member": (lambda c: setattr(c, "gateway_scenario", "not_member"), faults.NOT_MEMBER, True),
    "workspace permission": (
        lambda c: setattr(c, "gateway_scenario", "workspace_permission"),
        faults.WORKSPACE_PERMISSION,
        True,
    ),
    "no plan": (lambda c: setattr(c, "instances", []), faults.NO_PLAN, True),
    "plan expired": (
        lambda c: setattr(c, "instances", [instance(status="EXPIRED")]),
        faults.PLAN_NOT_VALID,
        True,
    ),
    "redirect": (lambda c: setattr(c, "gateway_scenario", "redirect"), faults.REDIRECT, True),
    "server error": (
        lambda c: setattr(c, "gateway_scenario", "server_error"),
        faults.HTTP_ERROR,
        True,
    ),
    "refused": (lambda c: setattr(c, "gateway_scenario", "refused"), faults.REFUSED, True),
    "not json": (lambda c: setattr(c, "gateway_scenario", "html"), faults.BAD_ANSWER, True),
}


def test_each_fault_is_its_own_sentence_with_a_non_zero_exit(cli, home):
    sentences = {}
    for name, (play, code, kept) in FAULTS.items():
        credentials.delete()
        with ConsoleServer() as console:
            play(console)
            run = Runs(cli, console)
            sentences[name] = fault_sentence(run, name, code, kept)
            assert_no_secret_anywhere(run, home)
    assert len(set(sentences.values())) == len(sentences), sentences


def fault_sentence(run: Runs, name: str, code: str, kept: bool) -> str:
    """The fault's first line on stderr, checked in text and in JSON."""
    result = run("console", "login", input=login_input())
    assert result.returncode == 1, (name, result.stderr)
    first = result.stderr.splitlines()[0]
    assert first.startswith("codingplan: "), (name, first)
    data = run.json("console", "login", input=login_input(), ok=False)
    assert data["error"]["code"] == code, name
    assert data.get("stored") is kept and (credentials.load() is not None) is kept, name
    if code == faults.NO_PERMISSION:
        assert "modelstudio:GenerateCLIAccessToken" in result.stderr  # the policy to paste
        assert "details:" in result.stderr and "NoPermission" in result.stderr
    return first


def test_unreachable_and_bad_input_faults(run, console, home):
    with socket_closed() as origin:
        result = run("console", "login", input=login_input(), origin=origin)
    assert result.returncode == 1 and "could not be reached" in result.stderr
    kept = credentials.load()  # a network fault keeps the AccessKey
    assert kept is not None and kept.access_key_id == KEY_ID
    bad = run("console", "login", input=f"sk-sp-{'a' * 32}\n{SECRET}\n")
    assert bad.returncode == 2 and "Model Studio key" in bad.stderr
    empty = run("console", "login", input="")
    assert empty.returncode == 2 and "AccessKey ID is empty" in empty.stderr
    assert credentials.load() == kept  # what was refused replaced nothing
    assert_no_secret_anywhere(run, home)


class socket_closed:
    """An address on loopback where nothing listens."""

    def __enter__(self) -> str:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc: object) -> None:
        pass


def test_bl_sign_in_as_the_second_way_in(run, console, home):
    missing = run("console", "login", "--bl")
    assert missing.returncode == 1 and "bl auth login --console" in missing.stderr
    assert "login --bl" not in run("console", "status").stderr
    console.bl_token = "bl-console-token-0123456789abcdef"
    config = home / ".bailian" / "config.json"
    config.parent.mkdir()
    config.write_text(json.dumps({"access_token": console.bl_token}))
    offered = run("console", "status")
    assert offered.returncode == 1 and "'codingplan console login --bl' uses it" in offered.stderr
    assert console.received == []  # offered, not used
    result = run("console", "login", "--bl")
    assert result.returncode == 0, result.stderr
    assert "bl" in result.stdout and "only read" in result.stdout
    status = run.json("console", "status")
    assert status["way"] == "bl" and status["access_key_id"] is None
    assert run.json("usage")["windows"]["week"]["confidence"] == "official"
    assert run.json("console", "logout")["removed"] is True
    assert run("console", "status").returncode == 1
    assert config.exists() and console.bl_token in config.read_text()  # bl's file untouched


def test_a_console_that_does_not_answer_ends_at_the_timeout(run, console):
    from codingplan.actions.console import READ_TIMEOUT
    from codingplan.cli.console import READ_TIMEOUT as SHOWN_TIMEOUT

    assert SHOWN_TIMEOUT == READ_TIMEOUT
    console.mint_scenario, console.delay = "slow", 10.0
    started = time.monotonic()
    result = run("console", "login", "--timeout", "1", input=login_input())
    assert time.monotonic() - started < 8
    assert result.returncode == 1 and "did not answer within 1 seconds" in result.stderr
    assert credentials.load() is not None  # the network's fault, not the AccessKey's

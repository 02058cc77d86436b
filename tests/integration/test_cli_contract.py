"""What every ``codingplan`` command promises scripts and people: the key masked in every
message, ``ok`` in every ``--json``, one sentence per error, exit 2 for bad input."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import time

import pytest

from codingplan import settings
from codingplan.plan import Tier
from tests.conftest import codingplan_command

KEY = "sk-sp-hostile0test0key0abcd1234"
CLOSED = {"CODINGPLAN_ORIGIN": "http://127.0.0.1:9"}


def no_key_anywhere(result, home=None) -> None:
    assert KEY not in result.stdout and KEY not in result.stderr, result.args
    if home is not None:
        leaked = [p for p in home.rglob("*") if p.is_file() and KEY.encode() in p.read_bytes()]
        assert leaked == []


def one_json(result) -> dict:
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    data = json.loads(lines[0])
    assert isinstance(data["ok"], bool)
    return data


# --- the key never echoed ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["key", "set", KEY],
        ["key", "set", KEY, "--json"],
        ["configure", KEY],
        ["configure", KEY, "--json"],
        ["configure", "claude-code", "--model", KEY, "--json"],
        ["configure", "claude-code", "--model", KEY],
        ["guide", "cursor", "--model", KEY],
        ["settings", "set", "model", KEY, "--json"],
        ["settings", "set", KEY, "x"],
        ["settings", "set", "origin", f"http://127.0.0.1:9/{KEY}"],
        ["usage", "calibrate", "week", KEY, "--json"],
        ["test", "--protocol", KEY],
        [f"--origin={KEY}", "tools"],
        ["tools", "--origin", f"https://{KEY}.example.com"],
        ["-v", "test", "--free", "--model", KEY, "--json"],
    ],
)
def test_a_key_given_as_an_argument_is_masked_in_every_message(cli, home, args):
    result = cli(*args, env=CLOSED)
    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr
    no_key_anywhere(result, home)
    assert "sk-sp-…1234" in result.stdout + result.stderr  # masked, still recognisable


def test_test_model_key_is_masked_in_the_output_and_the_record(cli, home):
    result = cli("test", "--model", KEY, "--json", env=CLOSED)
    assert result.returncode == 1
    assert one_json(result)["model"] == "sk-sp-…1234"
    no_key_anywhere(result, home)


def test_the_test_request_record_masks_every_field():
    from codingplan.outcomes import ProbeRecord

    record = ProbeRecord("id", "t", KEY, KEY, f"http://127.0.0.1:9/{KEY}", 200, "ok", KEY)
    line = record.to_line().decode()
    assert KEY not in line and line.count("sk-sp-…1234") == 4
    assert KEY not in ProbeRecord.new("openai", KEY, KEY, None, "network").to_line().decode()


# --- one shape for every --json ---------------------------------------------------------------


def test_version_with_json_is_json(cli):
    from codingplan import __version__

    for args in (["--version", "--json"], ["--json", "--version"]):
        result = cli(*args)
        assert result.returncode == 0
        assert one_json(result) == {"ok": True, "version": __version__}
    assert cli("--version").stdout.strip() == f"codingplan {__version__}"


def test_help_with_json_is_json(cli):
    result = cli("settings", "set", "--help", "--json")
    assert result.returncode == 0
    data = one_json(result)
    assert data["ok"] is True and "subscription-day" in data["help"]


def test_usage_json_has_ok(cli):
    assert one_json(cli("usage", "--json", env=CLOSED))["ok"] is True


def test_key_status_without_a_key_says_why_in_json(cli):
    cli("key", "clear")
    result = cli("key", "status", "--json")
    assert result.returncode == 1
    data = one_json(result)
    assert data["ok"] is False and data["stored"] is False
    assert data["error"]["code"] == "key_missing" and data["error"]["message"]
    assert result.stderr.startswith("codingplan: No plan key is stored")


@pytest.mark.parametrize("raw", ["", "sk-sp-", "sk-wrong-kind-of-key", "sk-sp-has space"])
def test_a_malformed_key_exits_2(cli, raw):
    result = cli("key", "set", "--json", input=raw)
    assert result.returncode == 2
    assert one_json(result)["error"]["code"] == "key_format"


def test_a_truncated_key_is_refused_with_a_sentence_and_nothing_stored(cli):
    cli("key", "clear")
    result = cli("key", "set", input="sk-sp-a\n")
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert "cut short" in line and "Copy the whole key" in line, line
    assert cli("key", "status").returncode == 1  # still no key stored


@pytest.mark.parametrize(
    "args, prog, words",
    [
        (["settings", "set", "tier"], "codingplan settings set", "required: VALUE"),
        (["settings", "set"], "codingplan settings set", "required: NAME, VALUE"),
        (["usage", "calibrate", "week"], "codingplan usage calibrate", "required: USED"),
        (["nope"], "codingplan", "invalid choice: 'nope'"),
    ],
)
def test_a_usage_error_reads_as_one_sentence(cli, args, prog, words):
    result = cli(*args)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{prog}: ") and words in line, line
    assert line.endswith(f". Run '{prog} --help' for usage."), line
    assert "codingplan: codingplan" not in line


# --- settings: the same names for show and set; set --help lists them -------------------------


def test_settings_show_uses_the_names_set_takes(cli):
    shown = cli("settings", "show").stdout
    assert "subscription-day = 1" in shown and "subscription_day" not in shown
    for line in shown.splitlines()[1:]:
        name, _, value = line.partition(" = ")
        if name in settings.CLI_NAMES:
            assert cli("settings", "set", name, value).returncode == 0, line
    # The file's spelling is taken too, so a name copied from the JSON works.
    assert cli("settings", "set", "subscription_day", "9").returncode == 0
    assert settings.load().settings.subscription_day == 9


def test_settings_set_help_lists_every_name_and_its_values(cli):
    text = cli("settings", "set", "--help").stdout
    for name in settings.CLI_NAMES:
        assert name in text
    for values in ("lite", "intl", "zh_CN", "1-31", "80,95", "true", "qwen3-coder-plus"):
        assert values in text


@pytest.mark.parametrize(
    "args, words",
    [
        (["usage", "--help"], ["calibrate", "5h", "week", "month", "--watch"]),
        (["usage", "calibrate", "--help"], ["5h, week, month", "--total"]),
        (["test", "--help"], ["openai, anthropic, both", "default: both", "default: 60"]),
        (["verify", "--help"], ["default: 180", "claude-code"]),
        (["guide", "--help"], ["cursor", "qwen3-coder-plus", "default: the one in settings"]),
        (["configure", "--help"], ["keyring, inline", "qwen3-coder-plus"]),
        (["revert", "--help"], ["--yes"]),
    ],
)
def test_help_lists_choices_and_defaults(cli, args, words):
    text = re.sub(r"\s+", " ", cli(*args).stdout)
    for word in words:
        assert word in text, (word, text)


# --- revert asks, like configure ----------------------------------------------------------------


def test_revert_without_a_terminal_needs_yes(cli, home):
    from codingplan import keystore
    from tests.fakes.plan_server import TEST_KEY

    keystore.set_key(TEST_KEY)
    try:
        assert cli("configure", "opencode", "--yes", env=CLOSED).returncode == 0
        config = home / ".config/opencode/opencode.json"
        before = config.read_bytes()
        refused = cli("revert", "opencode", "--json", env=CLOSED)
        assert refused.returncode == 2
        assert one_json(refused)["error"]["code"] == "confirmation_required"
        assert config.read_bytes() == before
        plain = cli("revert", "opencode", env=CLOSED)
        assert plain.returncode == 2 and "--yes" in plain.stderr
        done = cli("revert", "opencode", "--yes", "--json", env=CLOSED)
        assert done.returncode == 0 and one_json(done)["applied"] is True
        assert not config.exists()
    finally:
        keystore.delete_key()


def test_revert_asks_on_a_terminal(home):
    from codingplan import keystore
    from tests.fakes.plan_server import TEST_KEY

    keystore.set_key(TEST_KEY)
    try:
        env = {**os.environ, **CLOSED}
        subprocess.run(
            [*codingplan_command(), "configure", "opencode", "--yes"], env=env, check=True
        )
        config = home / ".config/opencode/opencode.json"
        pid, fd = pty.fork()
        if pid == 0:
            os.execvpe(codingplan_command()[0], [*codingplan_command(), "revert", "opencode"], env)
        output = b""
        deadline = time.time() + 60
        while b"[y/N]" not in output and time.time() < deadline:
            if select.select([fd], [], [], 1)[0]:
                output += os.read(fd, 4096)
        os.write(fd, b"n\n")
        while time.time() < deadline:
            if not select.select([fd], [], [], 1)[0]:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        _, status = os.waitpid(pid, 0)
        assert b"Revert these changes to OpenCode?" in output, output
        assert os.waitstatus_to_exitcode(status) == 1
        assert config.exists()  # answered no: nothing changed
    finally:
        keystore.delete_key()


# --- usage calibrate: impossible readings -------------------------------------------------------


@pytest.mark.parametrize(
    "tier, args, words",
    [
        ("lite", ["week", "999999"], "more than the 9,000 requests"),
        ("pro", ["week", "45001"], "more than the 45,000 requests"),
        ("pro", ["week", "-5"], "cannot be negative"),
        ("pro", ["5h", "100", "--total", "50"], "more than the total of 50"),
        ("pro", ["5h", "10", "--total", "0"], "total must be more than 0"),
        ("pro", ["5h", "10", "--total", "-3"], "total must be more than 0"),
        ("lite", ["month", "10", "--total", "90001"], "no plan has more than 90,000"),
        ("pro", ["month", "1" + "0" * 40], "more than the 90,000 requests"),
    ],
)
def test_impossible_readings_are_refused(cli, tier, args, words):
    settings.save(settings.Settings(tier=Tier(tier)))
    result = cli("usage", "calibrate", *args, "--json", env=CLOSED)
    assert result.returncode == 2, result.stderr
    data = one_json(result)
    assert data["error"]["code"] == "bad_reading"
    assert words in data["error"]["message"], data
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_possible_readings_are_taken(cli):
    settings.save(settings.Settings(tier=Tier.LITE))
    assert cli("usage", "calibrate", "week", "9000", env=CLOSED).returncode == 0
    assert cli("usage", "calibrate", "5h", "0", env=CLOSED).returncode == 0
    taken = cli("usage", "calibrate", "month", "20000", "--total", "90000", "--json", env=CLOSED)
    assert taken.returncode == 0, taken.stderr
    assert one_json(taken)["estimate"]["calibration"]["total"] == 90000


@pytest.mark.parametrize("seconds", ["nan", "inf", "-1", "0", "1e300", "soon", ""])
@pytest.mark.parametrize("command", [["test"], ["verify", "claude-code"]])
def test_a_timeout_no_clock_can_wait_is_refused(cli, command, seconds):
    result = cli(*command, "--timeout", seconds, "--json", env=CLOSED)
    assert result.returncode == 2, result.stderr
    data = one_json(result)
    assert data["error"]["code"] == "usage"
    assert "--timeout" in data["error"]["message"] and "seconds" in data["error"]["message"]
    assert "Traceback" not in result.stderr

"""The app's own settings file as people's editors and mishaps leave it: a byte order mark,
comments, trailing commas, absurd nesting or dates, and two writers at once."""

from __future__ import annotations

import json
import subprocess

import pytest

from codingplan import paths, settings
from codingplan.plan import Region, Tier
from tests.conftest import codingplan_command

GATEWAY = "https://gw.example.com/plan"


def write(raw: bytes):
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return path


@pytest.mark.parametrize(
    "raw",
    [
        b'\xef\xbb\xbf{"tier": "lite", "origin": "%s", "subscription_day": 12}\n',
        b'{"tier": "lite", "origin": "%s", "subscription_day": 12,}\n',
        b'{\n  // edited by hand\n  "tier": "lite",\n  "origin": "%s", /* mine */\n'
        b'  "subscription_day": 12,\n}\n',
    ],
    ids=["bom", "trailing-comma", "comments"],
)
def test_an_editors_extensions_cost_no_setting(raw):
    path = write(raw.replace(b"%s", GATEWAY.encode()))
    result = settings.load()
    assert result.notices == []
    s = result.settings
    assert (s.tier, s.origin, s.subscription_day) == (Tier.LITE, GATEWAY, 12)
    assert path.exists() and not list(path.parent.glob("*.damaged-*"))


def test_a_change_to_such_a_file_keeps_every_other_value():
    write(b'\xef\xbb\xbf{"tier": "lite", "origin": "%s",}' % GATEWAY.encode())
    settings.update({"region": Region.CN})
    again = settings.load()
    assert again.notices == []
    assert (again.settings.tier, again.settings.origin) == (Tier.LITE, GATEWAY)
    assert again.settings.region is Region.CN


def test_nesting_beyond_reason_is_a_damaged_file_not_a_crash():
    deep = "[" * 5000 + "]" * 5000
    path = write(f'{{"tier": "lite", "tools": {deep}}}'.encode())
    result = settings.load()
    assert [n.code for n in result.notices] == ["settings_damaged"]
    assert "nested more than" in result.notices[0].message
    assert not path.exists() and len(list(path.parent.glob("settings.json.damaged-*"))) == 1


@pytest.mark.parametrize(
    "text",
    [
        '{"tier": "lite", "subscription_day": 12}',
        '{"tier": "lite", "x": NaN}',
        '{"tier": "lite", "x": [-Infinity]}',
        '\ufeff{"tier": "lite"}',
        '{"tier": "lite",}',
        '{"a": ' + "[" * 150 + "]" * 150 + "}",
        '{"a": ' + "[" * 199 + "]" * 199 + "}",
        '{"a": ' + "[" * 201 + "]" * 201 + "}",
        "[1, 2]",
        "",
        '{"tier": "lite"} trailing words',
    ],
)
def test_the_quick_reader_agrees_with_the_json_with_comments_reader(text):
    """Plain JSON skips loading the JSON-with-comments reader; nothing else may change."""
    from codingplan import jsonc

    try:
        expected: object = jsonc.loads(text)
    except ValueError as exc:
        expected = type(exc)
    try:
        got: object = settings._parse(text)
    except ValueError as exc:
        got = type(exc)
    assert got == expected


def test_the_quick_reader_checks_depth_as_the_other_does():
    from codingplan import jsonc

    assert settings._PLAIN_BRACKETS == jsonc.MAX_DEPTH


@pytest.mark.parametrize(
    "time", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "not a time"]
)
def test_a_tier_change_no_calendar_holds_is_reset_with_a_notice(time):
    write(json.dumps({"tier": "lite", "tier_changes": [{"time": time, "tier": "pro"}]}).encode())
    result = settings.load()
    assert result.settings.tier is Tier.LITE and result.settings.tier_changes == ()
    assert [n.code for n in result.notices][:1] == ["settings_reset_values"]


def test_every_command_survives_a_hostile_settings_file(cli, home):
    deep = "{" + '"a":{' * 3000 + "}" * 3001
    for raw in (
        deep,
        '{"tier_changes": [{"time": "0001-01-01T00:00:00+14:00", "tier": "pro"}]}',
        '{"tier": "lite", "origin": "http://127.0.0.1:abc"}',
    ):
        for args in (
            ["settings", "show"],
            ["usage"],
            ["tools"],
            ["guide", "cursor"],
            ["test", "--free"],
            ["configure", "qwen-code", "--dry-run"],
        ):
            write(raw.encode())
            result = cli(*args, "--json", env={"CODINGPLAN_ORIGIN": "http://127.0.0.1:9"})
            assert result.returncode in (0, 1), (raw[:40], args, result.stderr)
            assert "Traceback" not in result.stderr, result.stderr
            assert isinstance(json.loads(result.stdout)["ok"], bool)


def test_settings_set_from_many_processes_at_once_loses_nothing():
    changes = {
        "tier": "lite",
        "region": "cn",
        "subscription-day": "17",
        "model": "glm-5",
        "language": "en",
        "notify-at": "50,70",
        "start-at-login": "true",
        "setup-complete": "true",
    }
    for _ in range(3):
        paths.settings_file().unlink(missing_ok=True)
        running = [
            subprocess.Popen(
                [*codingplan_command(), "settings", "set", name, value],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for name, value in changes.items()
        ]
        for process in running:
            assert process.wait(60) == 0, process.stderr.read() if process.stderr else ""
        s = settings.load().settings
        got = {
            "tier": s.tier.value,
            "region": s.region.value,
            "subscription-day": str(s.subscription_day),
            "model": s.model,
            "language": s.language,
            "notify-at": ",".join(map(str, s.notify_at)),
            "start-at-login": str(s.start_at_login).lower(),
            "setup-complete": str(s.setup_complete).lower(),
        }
        assert got == changes


def test_an_insecure_origin_is_stored_only_when_confirmed(cli):
    refused = cli("settings", "set", "origin", "http://gw.lan:8080", "--json")
    assert refused.returncode == 2
    assert json.loads(refused.stdout)["error"]["code"] == "bad_origin"
    assert not paths.settings_file().exists()
    taken = cli("settings", "set", "origin", "http://gw.lan:8080", "--allow-insecure-origin")
    assert taken.returncode == 0, taken.stderr
    by_env = cli(
        "settings",
        "set",
        "origin",
        "http://gw.lan:8081",
        env={"CODINGPLAN_ALLOW_INSECURE_ORIGIN": "1"},
    )
    assert by_env.returncode == 0, by_env.stderr
    # Once stored it is not asked for again.
    shown = json.loads(cli("settings", "show", "--json").stdout)
    assert shown["settings"]["origin"] == "http://gw.lan:8081"
    assert cli("guide", "cursor", "--json").returncode == 0
    assert cli("settings", "set", "origin", "http://127.0.0.1:9").returncode == 0  # loopback


def test_an_insecure_origin_for_one_run_needs_the_confirmation_too(cli):
    for args, env in (
        (["guide", "cursor", "--origin", "http://gw.lan"], {}),
        (["guide", "cursor"], {"CODINGPLAN_ORIGIN": "http://gw.lan"}),
    ):
        refused = cli(*args, "--json", env=env)
        assert refused.returncode == 2, refused.stderr
        assert json.loads(refused.stdout)["error"]["code"] == "bad_origin"
        taken = cli(*args, "--json", "--allow-insecure-origin", env=env)
        assert taken.returncode == 0, taken.stderr
        assert json.loads(taken.stdout)["base_urls"]["openai"] == "http://gw.lan/v1"
        by_env = cli(*args, "--json", env={**env, "CODINGPLAN_ALLOW_INSECURE_ORIGIN": "1"})
        assert by_env.returncode == 0, by_env.stderr


def test_a_bad_origin_variable_stops_what_uses_it_and_not_what_fixes_it(cli):
    env = {"CODINGPLAN_ORIGIN": "http://127.0.0.1:abc"}
    for args in (["guide", "cursor"], ["tools"], ["usage"], ["test", "--free"]):
        result = cli(*args, "--json", env=env)
        assert result.returncode == 2, args
        assert json.loads(result.stdout)["error"]["code"] == "bad_origin"
    for args in (["settings", "show"], ["settings", "set", "tier", "lite"], ["key", "clear"]):
        assert cli(*args, "--json", env=env).returncode == 0, args

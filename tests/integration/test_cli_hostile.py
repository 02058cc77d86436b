"""Every command and option of the real parser, driven with values nobody should pass:
huge and negative numbers, unicode, key-shaped strings, paths to folders and devices,
absurd nesting, empty strings, in a home that may hold hostile files too.

Whatever comes in: no traceback, an exit code of 0, 1 or 2, exactly one JSON object with a
boolean ``ok`` on stdout, and no key given on the way in shows up unmasked in the output
or in any file written. Only the desktop app (no command, ``--tray``) and ``usage --watch``
(it never ends) are left out; every request goes to a closed port on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from codingplan import cli
from codingplan import settings as settings_mod
from codingplan.plan import GENERAL_HOSTS, TOKEN_PLAN_HOSTS
from tests.conftest import codingplan_command

CLOSED = "http://127.0.0.1:9"
KEY_SHAPE = re.compile(r"(?<![A-Za-z0-9_\-])sk-sp-[A-Za-z0-9_\-]{8,}")
SKIPPED_OPTIONS = {"--watch", "--tray"}


def _leaves(
    parser: argparse.ArgumentParser, words: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """(words of the command, its parser) for every command that runs something."""
    if words and parser.get_default("handler") is not None:
        yield words, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _leaves(sub, (*words, name))


COMMANDS = sorted(_leaves(cli.build_parser()), key=lambda c: c[0])

keys = st.from_regex(r"sk-sp-[A-Za-z0-9_\-]{8,40}", fullmatch=True)
numbers = st.one_of(
    st.integers().map(str),
    st.sampled_from(
        ["0", "-0", "-1", "9" * 400, "-" + "9" * 60, "1e309", "-1e309", "nan", "inf", "0x10"]
    ),
    st.sampled_from(["1_000", "\u0663", "\uff11\uff12", "1.5", "+7"]),
)
unicode_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
deep = st.sampled_from(["[" * 1000 + "]" * 1000, '{"a":' * 600 + "1" + "}" * 600])
paths = st.sampled_from(
    ["/dev/null", "/", "/proc/self/mem", "~", ".", "..", "HOME", "HOME/.config"]
)
blank = st.sampled_from(["", " ", "\t", "\n", "\u200b", "--", "-"])
# Origins that are refused whatever is confirmed, or that point at a closed local port: no
# run may reach another computer.
origins = st.one_of(
    st.sampled_from(
        [
            CLOSED,
            "http://[::1]:9",
            "http://localhost:9/gw",
            "http://127.0.0.1:abc",
            "https://127.0.0.1:99999",
            "https://user:pass@127.0.0.1:9",
            "http://[::1",
            "http://127.0.0.1:9/v1",
            "http://127.0.0.1:9/?q=1",
            "ftp://127.0.0.1:9",
            "127.0.0.1:9",
            *(f"https://{h}" for h in sorted(TOKEN_PLAN_HOSTS | GENERAL_HOSTS)),
        ]
    ),
    keys.map(lambda k: f"http://127.0.0.1:9/{k}"),
    keys.map(lambda k: f"https://{k}.example.com"),
)
hostile = st.one_of(
    keys,
    keys.map(lambda k: f"\n{k}"),
    keys.map(lambda k: f"x={k}"),
    numbers,
    unicode_text,
    deep,
    paths,
    blank,
    origins,
)


def _value(action: argparse.Action) -> st.SearchStrategy[str]:
    if action.dest == "origin":
        return st.one_of(origins, keys, blank, deep)
    choices = [str(c) for c in action.choices] if action.choices is not None else []
    if action.dest == "name":
        choices = [*settings_mod.CLI_NAMES, "subscription_day", "tools", "tier_changes"]
    if choices:
        return st.one_of(st.sampled_from(choices), hostile)
    return hostile


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    words, parser = draw(st.sampled_from(COMMANDS))
    argv = ["--json", *words]
    parts: list[list[str]] = []
    for action in parser._actions:
        flags = [f for f in action.option_strings if f not in SKIPPED_OPTIONS]
        if isinstance(action, argparse._SubParsersAction) or (action.option_strings and not flags):
            continue
        if isinstance(action, argparse._HelpAction):
            if draw(st.integers(0, 15)) == 0:
                parts.append([draw(st.sampled_from(flags))])
            continue
        if action.dest == "json":
            continue
        if not action.option_strings:  # a positional: usually given, sometimes not
            if draw(st.integers(0, 9)):
                parts.append([draw(_value(action))])
            continue
        if not draw(st.booleans()):
            continue
        flag = draw(st.sampled_from(flags))
        if action.nargs == 0:
            parts.append([flag])
        elif draw(st.integers(0, 4)):
            parts.append([flag, draw(_value(action))])
        else:
            parts.append([f"{flag}={draw(_value(action))}"])
    if draw(st.integers(0, 7)) == 0:
        parts.append([draw(hostile)])  # one argument too many
    options = [p for p in parts if p[0].startswith("-")]
    positionals = [p for p in parts if not p[0].startswith("-")]
    ordered = positionals + draw(st.permutations(options))
    return argv + [word for part in ordered for word in part]


def _place(home: Path, relative: str, text: str) -> None:
    path = home / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def _deep_app_settings(home: Path) -> None:
    _place(home, ".config/codingplan/settings.json", '{"tools":' + "[" * 3000 + "]" * 3000 + "}")


def _bad_tier_change(home: Path) -> None:
    text = '\ufeff{"tier_changes":[{"time":"0001-01-01T00:00:00+14:00","tier":"pro"}],}'
    _place(home, ".config/codingplan/settings.json", text)


def _settings_folder(home: Path) -> None:
    (home / ".config/codingplan/settings.json").mkdir(parents=True)


def _ledger_folder(home: Path) -> None:
    (home / ".local/share/codingplan/usage.sqlite3").mkdir(parents=True)


def _ledger_dev_null(home: Path) -> None:
    (home / ".local/share/codingplan").mkdir(parents=True)
    (home / ".local/share/codingplan/usage.sqlite3").symlink_to(os.devnull)


def _hostile_records(home: Path) -> None:
    _place(
        home,
        ".claude/projects/p/s.jsonl",
        '{"type":"api-request","sessionId":"s","id":"r","timestamp":"9999-12-31T20:00:00Z",'
        '"params":{"model":"qwen3-coder-plus"}}\n'
        '{"type":"api-request","x":' + "[" * 2000 + "]" * 2000 + "}\n",
    )
    _place(home, ".local/share/codingplan/test-requests.jsonl", '{"id":"x","t":' + "[" * 2000)


def _deep_tool_configs(home: Path) -> None:
    deep_object = '{"a":' * 1000 + "1" + "}" * 1000
    for relative in (
        ".claude/settings.json",
        ".qwen/settings.json",
        ".cline/data/settings/providers.json",
        ".config/opencode/opencode.json",
        ".config/kilo/kilo.json",
    ):
        _place(home, relative, deep_object)
    _place(home, ".continue/config.yaml", "models: " + "[" * 1000 + "]" * 1000 + "\n")


HOMES = [
    None,
    _deep_app_settings,
    _bad_tier_change,
    _settings_folder,
    _ledger_folder,
    _ledger_dev_null,
    _hostile_records,
    _deep_tool_configs,
]


def _run(argv: list[str], home: Path, stdin: str, env_origin: str, tz: str):
    env = {
        **os.environ,
        "HOME": str(home),
        "USERPROFILE": str(home),
        "CODINGPLAN_ORIGIN": env_origin,
        "TZ": tz,
    }
    argv = [str(home) + a[4:] if a.startswith("HOME") else a for a in argv]
    return subprocess.run(
        [*codingplan_command(), *argv],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def _written(home: Path) -> Iterator[bytes]:
    for path in home.rglob("*"):
        if path.is_file() and not path.is_symlink():
            yield path.read_bytes()


# Each example is a process of its own (about 0.3 s): shrinking a failure would take
# minutes, so a failing command line is reported as it was drawn.
@settings(
    max_examples=70,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    argv=command_lines(),
    setup=st.sampled_from(HOMES),
    stdin=st.one_of(st.just(""), keys.map(lambda k: f"{k} tail"), unicode_text, deep),
    env_origin=st.one_of(st.just(CLOSED), origins),
    tz=st.sampled_from(["UTC", "Asia/Shanghai", "Pacific/Kiritimati", "Etc/GMT+12"]),
)
def test_no_input_breaks_any_command(argv, setup, stdin, env_origin, tz):
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        if setup is not None:
            setup(home)
        result = _run(argv, home, stdin, env_origin, tz)
        shown = f"{argv!r}\nstdout: {result.stdout[:2000]}\nstderr: {result.stderr[-3000:]}"
        assert result.returncode in (0, 1, 2), shown
        assert "Traceback" not in result.stderr, shown
        lines = result.stdout.splitlines()
        assert len(lines) == 1, shown
        data = json.loads(lines[0])
        assert isinstance(data, dict) and isinstance(data.get("ok"), bool), shown
        given_keys = {k for text in (*argv, stdin, env_origin) for k in KEY_SHAPE.findall(text)}
        if argv[1:3] == ["key", "print"]:
            given_keys = set()  # the one command meant to print a key: the stored one
        for key in given_keys:
            assert key not in result.stdout and key not in result.stderr, shown
            leaked = [raw[:200] for raw in _written(home) if key.encode() in raw]
            assert leaked == [], (key, shown)


def test_the_generator_covers_every_command():
    names = {" ".join(words) for words, _ in COMMANDS}
    assert names >= {
        "key set",
        "key status",
        "key clear",
        "key print",
        "test",
        "settings show",
        "settings set",
        "tools",
        "configure",
        "revert",
        "verify",
        "guide",
        "usage",
        "usage calibrate",
    }

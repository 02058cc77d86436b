"""The command line: a command's own parser reads it exactly as the whole parser does, and a
command is found after the options every command takes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from codingplan import cli

COMMAND_LINES = [
    ["usage", "--json"],
    ["usage", "--watch", "--origin", "http://127.0.0.1:9"],
    ["usage", "calibrate", "week", "10", "--total", "45000", "--at", "2026-12-01T09:30Z"],
    ["key", "set", "--yes"],
    ["key", "print"],
    ["configure", "claude-code", "--dry-run", "--model", "qwen3-coder-plus", "--no-status-line"],
    ["revert", "--all", "--yes"],
    ["verify", "qwen-code", "--timeout", "30"],
    ["guide", "cursor", "--json"],
    ["tools", "-v"],
    ["settings", "set", "tier", "pro", "--since", "2026-11-01T00:00+08:00"],
    ["test", "--free", "--timeout", "5", "--protocol", "openai"],
]


@pytest.mark.parametrize("argv", COMMAND_LINES, ids=" ".join)
def test_a_commands_own_parser_reads_it_as_the_whole_parser_does(argv):
    assert cli.command_named(argv) == argv[0]
    whole = vars(cli.build_parser().parse_args(argv))
    assert vars(cli.build_parser(argv[0]).parse_args(argv)) == whole


def test_a_command_is_found_after_the_options_every_command_takes():
    assert cli.command_named(["--json", "usage"]) == "usage"
    assert cli.command_named(["-v", "--origin", "key", "key", "print"]) == "key"  # a value
    for argv in ([], ["--help"], ["-h", "usage"], ["usgae"], ["--tray"], ["--version"]):
        assert cli.command_named(argv) is None


def test_every_command_is_listed_with_its_builder():
    listed = {c.name for c in cli.COMMANDS}
    subparsers = next(a for a in cli.build_parser()._actions if a.dest == "command")
    assert set(subparsers.choices) == listed
    for command in cli.COMMANDS:  # and a builder adds no command it does not list
        only = next(a for a in cli.build_parser(command.name)._actions if a.dest == "command")
        assert set(only.choices) == {command.name}


def test_without_a_command_every_command_is_listed_and_no_group_is_loaded():
    """Starting the app (``codingplan`` alone) or the top-level help loads no command's
    module: each is named with its help, and built only when it runs."""
    code = (
        "import sys\n"
        "from codingplan.cli import build_parser\n"
        "text = build_parser(whole=False).format_help()\n"
        "print(text)\n"
        "print('\\n'.join(sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    for command in cli.COMMANDS:
        assert command.name in done.stdout
    loaded = set(done.stderr.split())
    groups = {f"codingplan.cli.{c.group}" for c in cli.COMMANDS}
    assert not loaded & groups
    assert "codingplan.integrations" not in loaded


def test_no_command_module_is_over_400_lines():
    folder = Path(cli.__file__).parent
    sizes = {p.name: len(p.read_text("utf-8").splitlines()) for p in folder.glob("*.py")}
    assert sizes and max(sizes.values()) <= 400, sizes


def test_the_command_line_leaves_its_environment_as_it_found_it(home, monkeypatch):
    """A confirmation of plain http:// holds for the run through the parsed arguments,
    not through a variable set behind the person's back."""
    import os

    monkeypatch.delenv("CODINGPLAN_ALLOW_INSECURE_ORIGIN", raising=False)
    before = dict(os.environ)
    assert cli.main(["--allow-insecure-origin", "settings", "show", "--json"]) == 0
    assert dict(os.environ) == before

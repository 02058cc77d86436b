"""The command line: a command's own parser reads it exactly as the whole parser does."""

from __future__ import annotations

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
    assert cli._command_named(argv) == argv[0]
    whole = vars(cli.build_parser().parse_args(argv))
    assert vars(cli.build_parser(argv[0]).parse_args(argv)) == whole


def test_the_whole_parser_reads_what_does_not_start_with_a_command():
    for argv in ([], ["--json", "usage"], ["--help"], ["usgae"], ["--tray"]):
        assert cli._command_named(argv) is None


def test_every_command_is_listed_with_its_builder():
    listed = {name for names, _add in cli._COMMANDS for name in names}
    subparsers = next(a for a in cli.build_parser()._actions if a.dest == "command")
    assert set(subparsers.choices) == listed
    for names, _add in cli._COMMANDS:  # and a builder adds no command it does not list
        only = next(a for a in cli.build_parser(names[0])._actions if a.dest == "command")
        assert set(only.choices) == set(names)

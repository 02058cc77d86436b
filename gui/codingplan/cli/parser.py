"""The command line's grammar: the options every command takes, the list of commands with
the module that builds and runs each, and the parser made from them.

A command's module is imported only when that command is named (or help lists them all):
``key print`` runs as Claude Code's apiKeyHelper on every key refresh, and ``usage`` on
every status refresh, so neither pays for the others. Adding a command group is a module
in ``cli/`` with a ``BUILDERS`` table, its lines in ``COMMANDS`` and its import in
``_group``.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import NamedTuple, NoReturn

from codingplan import __version__


class UsageError(Exception):
    """Bad usage: reported like any error, with exit code 2."""

    def __init__(self, message: str, prog: str = "codingplan") -> None:
        super().__init__(message)
        self.prog = prog
        self.message = message


class Parser(argparse.ArgumentParser):
    # Builds the epilog when help is shown: building the parser is on the path of ``key
    # print``, which must not load the settings or the plan's catalog.
    epilog_from: Callable[[], str] | None = None

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)

    def format_help(self) -> str:
        if self.epilog_from is not None:
            self.epilog = self.epilog_from()
        return super().format_help()


# What a group module gives for each of its commands: fills in the command's parser (its
# arguments, its handler) given the options every command takes.
Builder = Callable[[Parser, Parser], None]


class Command(NamedTuple):
    name: str
    group: str  # the module of codingplan.cli that builds and runs it
    help: str


# In the order help lists them.
COMMANDS: tuple[Command, ...] = (
    Command("key", "key", "the plan key in the OS keyring"),
    Command(
        "test", "connection", "test the connection (each request sent uses 1 request of quota)"
    ),
    Command("settings", "settings", "show or change preferences"),
    Command("tools", "tools", "list the coding tools, their state and files"),
    Command("configure", "configure", "set up a coding tool for the plan (shows the change first)"),
    Command(
        "configured",
        "tools",
        "list the tools whose files this app changed (what revert --all undoes)",
    ),
    Command("revert", "configure", "undo what this app set in a tool's files"),
    Command("verify", "tools", "run a configured tool once, headless (uses 1-2 requests of quota)"),
    Command("guide", "tools", "the manual steps for a tool (Cursor, Codex, ...)"),
    Command("usage", "usage", "how much of the plan's quota is left (from the tools' own records)"),
    Command(
        "update-check",
        "updates",
        "ask GitHub now whether a newer version of this app is released",
    ),
    Command(
        "console",
        "console",
        "the plan's own figures from its console (an AccessKey in the keyring; no quota used)",
    ),
)
_NAMES = frozenset(c.name for c in COMMANDS)


def common_options() -> Parser:
    """The options every command takes, before or after it. Their defaults are suppressed
    so that one given after the command does not reset one given before it (``main``
    fills in what was not given)."""
    # A Parser like the subparsers, whose parents typeshed wants of their own class; it
    # never parses, so its error() is never used.
    common = Parser(add_help=False)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    common.add_argument(
        "--origin",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="use this origin instead of the region's (env CODINGPLAN_ORIGIN)",
    )
    common.add_argument(
        "--allow-insecure-origin",
        action="store_true",
        default=argparse.SUPPRESS,
        help="take a plain http:// origin on another computer, although the key then travels "
        "unencrypted (env CODINGPLAN_ALLOW_INSECURE_ORIGIN=1)",
    )
    common.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log to stderr"
    )
    return common


def build_parser(command: str | None = None, *, whole: bool = True) -> argparse.ArgumentParser:
    """The parser: with ``command``, one holding only that command; without, every command
    (``whole``), or each named with its help alone, for the top-level help and for
    starting the app, which load no command's module."""
    common = common_options()
    parser = Parser(
        prog="codingplan",
        description="Coding Plan Configurator. Without a command, starts the desktop app.",
        parents=[common],
    )
    # Not set_defaults for the shared options: it would change the shared action objects'
    # defaults in every subparser too.
    parser.set_defaults(handler=None)
    parser.add_argument("--version", action="version", version=f"codingplan {__version__}")
    parser.add_argument(
        "--tray",
        action="store_true",
        help="start the desktop app in the tray, without opening its window (as at login)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for entry in COMMANDS:
        if command is not None and entry.name != command:
            continue
        sub = commands.add_parser(entry.name, help=entry.help, parents=[common])
        if command is not None or whole:
            builders: dict[str, Builder] = _group(entry.group).BUILDERS
            builders[entry.name](sub, common)
    return parser


def _group(name: str) -> ModuleType:
    """A command group's module, each imported by a statement of its own: a frozen app's
    bundler follows these, and would leave out a module named by a string."""
    from codingplan import cli

    if name == "key":
        import codingplan.cli.key
    elif name == "connection":
        import codingplan.cli.connection
    elif name == "settings":
        import codingplan.cli.settings
    elif name == "tools":
        import codingplan.cli.tools
    elif name == "configure":
        import codingplan.cli.configure
    elif name == "usage":
        import codingplan.cli.usage
    elif name == "updates":
        import codingplan.cli.updates
    elif name == "console":
        import codingplan.cli.console  # noqa: F401  # each import binds it in the package
    group: ModuleType = getattr(cli, name)
    return group


def command_named(argv: list[str]) -> str | None:
    """The command ``argv`` names (after any options for every command), if it names one
    before any help; else None: the app is started, or the top-level help or a usage
    error shown."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help", "--version"):
            return None
        if word == "--origin":
            next(words, None)  # its value
            continue
        if word.startswith("-"):
            continue
        return word if word in _NAMES else None
    return None


# --- values the commands take --------------------------------------------------------------

MAX_TIMEOUT_S = 86_400.0  # a day: more than any answer or tool run needs, within every clock


def seconds(text: str) -> float:
    """A timeout: a number of seconds above 0 that a clock can wait for."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value <= MAX_TIMEOUT_S:  # also false for nan
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a timeout; give a number of seconds above 0, at most "
            f"{MAX_TIMEOUT_S:.0f}"
        )
    return value


class ToolIds:
    """The tool ids that ``--help`` lists, looked up only when it is shown. Every value
    passes argparse's check: the core refuses a wrong one with its own clearer sentence (a
    tool set up by hand is pointed at its guide)."""

    def __init__(self, automatic: bool) -> None:
        self.automatic = automatic

    def _ids(self) -> tuple[str, ...]:
        from codingplan import integrations

        return integrations.AUTOMATIC_IDS if self.automatic else integrations.IDS

    def __contains__(self, value: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids())


class ModelIds:
    """The catalog's model ids for ``--help``, looked up only when it is shown (like
    ``ToolIds``); the core refuses an unknown id with its own sentence."""

    def __contains__(self, value: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        from codingplan.plan import CATALOG

        return iter(m.id for m in CATALOG)

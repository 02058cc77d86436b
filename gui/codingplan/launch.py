"""The ``codingplan`` command's entry point.

``usage --line`` runs on every shell prompt and every refresh of Claude Code's status line,
so it is told apart here, before the CLI (argparse, logging, the tools) is imported.
"""

from __future__ import annotations

import io
import sys


def is_line(argv: list[str]) -> bool:
    """``usage --line``, with ``--json`` at most: the prompt's command."""
    return argv[:1] == ["usage"] and "--line" in argv and set(argv[1:]) <= {"--line", "--json"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Text that is not UTF-8 (a file name from an old drive, a lone surrogate in a record)
    # is shown escaped, as on standard error, never the end of the command.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")
    if is_line(argv):
        from codingplan.usage.line import main as line_main

        return line_main(as_json="--json" in argv)
    from codingplan.cli import main as cli_main

    return cli_main(argv)

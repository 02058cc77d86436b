"""Running the ``codingplan`` command: parse, check the origin, call the command's handler,
and turn what goes wrong into one line and an exit code. With no command it starts the
desktop app."""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Callable

from codingplan import __version__
from codingplan.cli.output import EXIT_FAILED, EXIT_OK, EXIT_USAGE, Output
from codingplan.cli.parser import UsageError, build_parser, command_named

# quota.ORIGIN_VARIABLE, named here so that checking it loads no tool.
_ORIGIN_VARIABLE = "CODINGPLAN_ORIGIN"
_SHARED_DEFAULTS = (
    ("json", False),
    ("origin", None),
    ("verbose", False),
    ("allow_insecure_origin", False),
    ("sends", True),  # False: the command sends nothing anywhere (the key, the settings)
    ("lean", False),  # True: ``key print``, which Claude Code runs for every key refresh
)


def main(argv: list[str] | None = None) -> int:
    # ``usage --line`` alone is told apart by the entry point (codingplan.launch), before
    # this module loads; here it goes through the parser like any command.
    argv = sys.argv[1:] if argv is None else argv
    out = Output("--json" in argv)
    parsed = _parse(argv, out)
    if isinstance(parsed, int):
        return parsed
    args = parsed
    for name, default in _SHARED_DEFAULTS:
        if not hasattr(args, name):
            setattr(args, name, default)
    out.as_json = args.json
    from codingplan.errors import CodingPlanError

    try:
        # The key helper path stays as lean as possible; the desktop app logs on its own.
        if not args.lean:
            from codingplan import launcher, paths

            paths.make_private()
            launcher.refresh_launcher()  # this install may have moved since it was written
            if args.handler is not None or args.verbose:
                _setup_logging(args.verbose)
        if not args.lean:
            _check_origins(args)
        if args.handler is None:
            return _start_gui(args)
        handler: Callable[[argparse.Namespace, Output], int] = args.handler
        return handler(args, out)
    except UsageError as exc:
        return _usage_error(out, exc)
    except CodingPlanError as err:
        return out.fail(err)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED


def gui_main() -> int:
    """Entry point of the windowed launcher (no console on Windows)."""
    return main(sys.argv[1:])


def _parse(argv: list[str], out: Output) -> argparse.Namespace | int:
    """The parsed command line, or the exit code once help, the version or a usage error
    has been shown (as JSON with ``--json``, like every other answer)."""
    shown = io.StringIO()
    try:
        with contextlib.redirect_stdout(shown):
            return build_parser(command_named(argv), whole=False).parse_args(argv)
    except UsageError as exc:
        return _usage_error(out, exc)
    except SystemExit as exc:  # --help or --version, printed into ``shown``
        text = shown.getvalue()
        if not out.as_json:
            sys.stdout.write(text)
        elif text.strip() == f"codingplan {__version__}":
            out.result({"ok": True, "version": __version__})
        else:
            out.result({"ok": True, "help": text})
        return exc.code if isinstance(exc.code, int) else EXIT_OK


def _usage_error(out: Output, exc: UsageError) -> int:
    message = exc.message.rstrip(".")
    out.error("usage", f"{message}.", f"Run '{exc.prog} --help' for usage.", prog=exc.prog)
    return EXIT_USAGE


def _check_origins(args: argparse.Namespace) -> None:
    """Check the origin given for this run (``--origin``, else the variable) before any
    command uses it. A confirmation of plain http:// (the option, or its variable) holds
    for the whole run: it goes on in ``args.allow_insecure_origin``, to the app too. A
    command that sends nothing anywhere (the key, the settings) is not stopped by the
    variable: it is how a person gets to fix things."""
    from codingplan.env import Env
    from codingplan.plan import INSECURE_ORIGIN_VARIABLE, normalize_origin

    env = Env.current()
    allow = bool(args.allow_insecure_origin) or env.var(INSECURE_ORIGIN_VARIABLE) == "1"
    args.allow_insecure_origin = allow
    if args.origin:
        args.origin = normalize_origin(args.origin, allow_insecure=allow)
    elif env.var(_ORIGIN_VARIABLE) and args.sends:
        normalize_origin(env.var(_ORIGIN_VARIABLE) or "", allow_insecure=allow)


def _setup_logging(verbose: bool) -> None:
    import logging

    from codingplan.redact import install_log_masking

    install_log_masking()
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def _start_gui(args: argparse.Namespace) -> int:
    from codingplan.ui.app import run

    return run(
        tray_only=args.tray, origin=args.origin, allow_insecure_origin=args.allow_insecure_origin
    )

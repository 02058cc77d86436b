"""``codingplan configure`` and ``revert``: preview the change set, ask, apply.

A tool's own options (Claude Code's status line) are flags made from what each integration
declares, so a new option is a line in its integration and shows here by itself.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from codingplan.cli.common import (
    ask,
    can_ask,
    confirmation_required,
    endpoints,
    load_settings,
    print_masked,
    show_change_set,
)
from codingplan.cli.output import EXIT_FAILED, EXIT_OK, Output
from codingplan.cli.parser import Builder, ModelIds, Parser, ToolIds, UsageError

if TYPE_CHECKING:
    from codingplan.tools.types import ApplyResult, ChangeSet

_EXTRA = "extra_"  # the prefix of a tool option's destination on the command line


def cmd_configure(args: argparse.Namespace, out: Output) -> int:
    from codingplan import actions, integrations

    name = integrations.adapter(args.tool).name
    settings = load_settings(out)
    given = {k[len(_EXTRA) :]: v for k, v in vars(args).items() if k.startswith(_EXTRA)}
    options = actions.configure_options(
        args.tool, settings, endpoints(args, settings), args.model, args.key_mode, given
    )
    return _preview_and_apply(
        args,
        out,
        name,
        lambda: actions.preview_configure(args.tool, options),
        nothing=f"{name} is already configured that way; nothing to change.",
        question=f"Apply these changes to {name}?",
        done="configured",
    )


def _preview_and_apply(
    args: argparse.Namespace,
    out: Output,
    name: str,
    preview: Callable[[], ChangeSet],
    nothing: str,
    question: str,
    done: str,
    nothing_to_do: Callable[[ChangeSet], bool] = lambda change: change.empty,
) -> int:
    """Preview a change set for a tool, then (unless only shown) ask and apply it:
    configure's and revert's common course."""
    from codingplan import actions

    # With --yes nobody is asked in between: preview and apply hold the tool's lock together,
    # so that runs at the same time land one after the other, each on the other's result.
    with actions.tool_lock(args.tool) if args.yes else contextlib.nullcontext():
        change = preview()
        data: dict[str, Any] = {"ok": True, "change_set": change.to_dict(), "applied": False}
        if nothing_to_do(change):
            out.result(data, nothing)
            return EXIT_OK
        if args.dry_run:
            out.result(data, lambda: show_change_set(change))
            return EXIT_OK
        if not args.yes:
            if not can_ask(out):
                raise confirmation_required(done)
            print_masked(show_change_set(change))
            if not ask(question):
                out.notice("nothing was changed.")
                return EXIT_FAILED
        result = actions.apply(change)
    data.update(applied=True, result=result.to_dict())
    out.result(data, lambda: _format_applied(name, result, change if args.yes else None))
    return EXIT_OK


def _format_applied(name: str, result: ApplyResult, shown: ChangeSet | None) -> str:
    lines = [show_change_set(shown)] if shown is not None else []
    verb = "Configured" if result.action != "revert" else "Reverted"
    lines.append(f"{verb} {name}.")
    lines += [f"Wrote {p}" for p in result.written]
    lines += [f"Removed {p}" for p in result.removed]
    lines += [f"Backup of the earlier file: {p}" for p in result.backups]
    return "\n".join(line for line in lines if line)


def cmd_revert(args: argparse.Namespace, out: Output) -> int:
    from codingplan import actions, integrations

    if args.all == bool(args.tool):
        what = "give a TOOL or --all, not both" if args.all else "give a TOOL or --all"
        raise UsageError(what, "codingplan revert")
    if args.all:
        return _revert_all(args, out)
    name = integrations.adapter(args.tool).name
    return _preview_and_apply(
        args,
        out,
        name,
        lambda: actions.preview_revert(args.tool),
        nothing=f"This app has set nothing for {name}; nothing to revert.",
        question=f"Revert these changes to {name}?",
        done="reverted",
        # A record whose files are as they were still goes: revert then forgets it.
        nothing_to_do=lambda change: not change.files,
    )


def _revert_all(args: argparse.Namespace, out: Output) -> int:
    """Every tool this app changed, previewed together and asked once (or --yes)."""
    from codingplan import actions, integrations

    tools = actions.configured_tools()
    if not tools:
        out.result({"ok": True, "reverted": [], "errors": {}}, "This app has set up no tool.")
        return EXIT_OK
    names = ", ".join(integrations.name(t) for t in tools)
    if args.dry_run or not args.yes:
        changes = [actions.preview_revert(t) for t in tools]
        if args.dry_run:
            data = {"ok": True, "applied": False, "change_sets": [c.to_dict() for c in changes]}
            out.result(data, lambda: "\n".join(show_change_set(c) for c in changes))
            return EXIT_OK
        if not can_ask(out):
            raise confirmation_required("reverted")
        print_masked("\n".join(show_change_set(c) for c in changes))
        if not ask(f"Revert these changes to {names}?"):
            out.notice("nothing was changed.")
            return EXIT_FAILED
        done, failed = actions.apply_each(changes)
    else:
        done, failed = actions.revert_all()
    for tool_id, err in failed.items():
        out.notice(f"{integrations.name(tool_id)} was not reverted: {err.one_line()}")
    reverted = [r.tool_id for r in done]
    data = {
        "ok": not failed,
        "reverted": reverted,
        "errors": {t: err.to_dict() for t, err in failed.items()},
    }
    out.result(data, "\n".join(f"Reverted {integrations.name(t)}." for t in reverted))
    return EXIT_FAILED if failed else EXIT_OK


def _add_configure(parser: Parser, common: Parser) -> None:
    from codingplan import integrations

    parser.add_argument("tool", choices=ToolIds(automatic=True), metavar="TOOL", help="%(choices)s")
    parser.add_argument(
        "--model",
        choices=ModelIds(),
        metavar="MODEL",
        help="%(choices)s (default: the tool's last choice, else the one in settings)",
    )
    parser.add_argument(
        "--key-mode",
        choices=["keyring", "inline"],
        help="%(choices)s: the key read from the keyring when the tool can, or kept in its "
        "file (default: the tool's last choice, else what the tool supports)",
    )
    # Each tool's own options, as its integration declares them; an option two tools share
    # is one flag.
    declared: dict[str, list[Any]] = {}
    for info in integrations.INTEGRATIONS:
        for option in info.options:
            declared.setdefault(option.name, []).append((info.id, option))
    for name, owners in declared.items():
        option = owners[0][1]
        tools = ", ".join(tool_id for tool_id, _option in owners)
        default = "yes" if option.default else "no"
        parser.add_argument(
            option.flag,
            dest=_EXTRA + name,
            action=argparse.BooleanOptionalAction,
            help=f"{tools}: {option.help} (default: the tool's last choice, else {default})",
        )
    parser.add_argument("--dry-run", action="store_true", help="only show the change")
    parser.add_argument("--yes", action="store_true", help="apply without asking")
    parser.set_defaults(handler=cmd_configure)


def _add_revert(parser: Parser, common: Parser) -> None:
    parser.add_argument(
        "tool", nargs="?", choices=ToolIds(automatic=True), metavar="TOOL", help="%(choices)s"
    )
    parser.add_argument(
        "--all", action="store_true", help="every tool this app changed (see 'configured')"
    )
    parser.add_argument("--dry-run", action="store_true", help="only show the change")
    parser.add_argument("--yes", action="store_true", help="revert without asking")
    parser.set_defaults(handler=cmd_revert)


BUILDERS: dict[str, Builder] = {"configure": _add_configure, "revert": _add_revert}

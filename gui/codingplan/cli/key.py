"""``codingplan key``: set, status, clear and print the plan key.

``key print`` runs as Claude Code's apiKeyHelper on every key refresh: its path imports only
``keyring`` (``tests/unit/test_architecture.py`` holds it).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from codingplan.cli.common import ask, ask_yes, can_ask, print_masked, show_change_set
from codingplan.cli.output import EXIT_FAILED, EXIT_OK, EXIT_USAGE, Output
from codingplan.cli.parser import Builder, Parser

if TYPE_CHECKING:
    from codingplan.errors import CodingPlanError
    from codingplan.tools.types import ChangeSet


def cmd_key_set(args: argparse.Namespace, out: Output) -> int:
    """Exit 0: the key is stored, and every tool holding a copy of the old one was updated
    (or, without --yes and a terminal, is listed in ``tools_to_update``). Exit 1 with
    ``stored: true``: the key is stored, but the tools in ``tools_not_updated`` still hold
    the old one (why, and the command to run once that is fixed, in ``next``)."""
    from codingplan import actions, integrations
    from codingplan.plan import read_key_input

    if sys.stdin.isatty():
        import getpass

        raw = getpass.getpass("Plan key (sk-sp-…, input hidden): ")
    else:
        raw = read_key_input(sys.stdin)
    stored = actions.store_key(raw)
    state = actions.key_status()
    service, account = actions.key_place()
    copies, failed = _update_key_copies(args, out, stored.rotations)
    failed = {**stored.failed, **failed}
    for tool_id, err in failed.items():
        out.notice(
            f"{integrations.name(tool_id)} still holds the old key: {err.one_line()} Then run "
            f"'codingplan configure {tool_id} --yes'."
        )
    not_updated = [{"tool": t, **err.to_dict()} for t, err in failed.items()]
    out.result(
        {
            "ok": not failed,
            **state.to_dict(),
            **copies,
            "tools_not_updated": not_updated,
            "next": [f"codingplan configure {t} --yes" for t in failed],
        },
        f"Stored {stored.masked} in {state.backend} (service '{service}', account '{account}').",
    )
    return EXIT_FAILED if failed else EXIT_OK


def _update_key_copies(
    args: argparse.Namespace, out: Output, rotations: list[ChangeSet]
) -> tuple[dict[str, Any], dict[str, CodingPlanError]]:
    """After a new key is stored: the tools holding a copy of the old one, updated or listed,
    and those whose update failed, with why."""
    from codingplan import actions

    if not rotations:
        return {"tools_updated": [], "tools_to_update": []}, {}
    names = [c.tool_id for c in rotations]
    if not args.yes:
        if not can_ask(out):
            out.notice(
                f"{', '.join(names)} still hold the old key: run 'codingplan configure TOOL "
                "--yes' for each, or 'codingplan key set --yes' with the new key."
            )
            return {"tools_updated": [], "tools_to_update": names}, {}
        for change in rotations:
            print_masked(show_change_set(change))
        if not ask(f"Put the new key in {', '.join(names)} too?"):
            return {"tools_updated": [], "tools_to_update": names}, {}
    update = actions.update_key_copies(rotations)
    if update.updated and not out.as_json:
        out.notice(f"updated the key in {', '.join(update.updated)}")
    return {"tools_updated": update.updated, "tools_to_update": []}, update.failed


def cmd_key_status(args: argparse.Namespace, out: Output) -> int:
    from codingplan import actions

    state = actions.key_status()
    if state.error:
        out.fail(state.error, **state.to_dict())
        return EXIT_FAILED
    service, account = actions.key_place()
    where = f"{state.backend} (service '{service}', account '{account}')"
    if not state.stored:
        out.error(
            "key_missing",
            f"No plan key is stored in {where}.",
            "Store it with 'codingplan key set' or in the setup wizard.",
            **state.to_dict(),
        )
        return EXIT_FAILED
    out.result({"ok": True, **state.to_dict()}, f"Key {state.masked} is stored in {where}.")
    return EXIT_OK


def cmd_key_clear(args: argparse.Namespace, out: Output) -> int:
    """Offers to revert the tools holding a copy of the key first (asked on a terminal, yes
    by default; --yes reverts them unasked). Without a terminal or --yes while copies exist,
    nothing is removed (exit 2): the key would live on in those files."""
    from codingplan import actions, integrations

    holding = actions.tools_holding_key()
    names = ", ".join(integrations.name(t) for t in holding)
    revert = True
    if holding and not args.yes:
        if not can_ask(out):
            commands = ", ".join(f"'codingplan revert {t}'" for t in holding)
            out.error(
                "confirmation_required",
                f"Not removed: {names} still hold{'s' * (len(holding) == 1)} a copy of the key "
                "in their files, and there is no terminal to ask whether to revert them.",
                f"Run again with --yes to revert them and remove the key, or run {commands} first.",
                removed=False,
                reverted=[],
                still_holding=holding,
            )
            return EXIT_USAGE
        print(f"{names} hold{'s' * (len(holding) == 1)} a copy of the key in their files.")
        revert = ask_yes("Revert them (undo what this app set there) before removing the key?")
    cleared = actions.clear_key(revert)
    failed = {t: err for t, err in cleared.still_holding.items() if err is not None}
    data = {
        "ok": not failed,
        "removed": cleared.removed,
        "reverted": cleared.reverted,
        "still_holding": list(cleared.still_holding),
        "errors": {t: err.to_dict() for t, err in failed.items()},
        "files_holding_key": [str(p) for p in cleared.files_holding_key],
    }

    def text() -> str:
        lines = [f"Reverted {integrations.name(t)}." for t in cleared.reverted]
        for tool_id, err in cleared.still_holding.items():
            why = f" ({err.one_line()})" if err else ""
            lines.append(
                f"{integrations.name(tool_id)} still holds a copy of the key{why}: run "
                f"'codingplan revert {tool_id}' to remove it."
            )
        lines.append(
            "Removed the key from the keyring." if cleared.removed else "No key was stored."
        )
        lines += [
            f"{p} still holds the key (yours, from before): remove it there too if it should go."
            for p in cleared.files_holding_key
        ]
        return "\n".join(lines)

    out.result(data, text)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_key_print(args: argparse.Namespace, out: Output) -> int:
    # The keyring itself, not ``actions``: Claude Code runs this on every key refresh, and
    # the actions load the tools, the settings and the plan's catalog.
    from codingplan import keystore

    key = keystore.require_key()
    if out.as_json:
        out.secret({"ok": True, "key": key})
    else:
        sys.stdout.write(key + "\n")
    return EXIT_OK


def _add_key(parser: Parser, common: Parser) -> None:
    actions = parser.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    for name, handler, text in (
        ("set", cmd_key_set, "store the key (from stdin when piped, else a hidden prompt)"),
        ("status", cmd_key_status, "say whether a key is stored, and where"),
        ("clear", cmd_key_clear, "remove the key from the keyring"),
        ("print", cmd_key_print, "print the key alone (for Claude Code's apiKeyHelper)"),
    ):
        sub = actions.add_parser(name, help=text, parents=[common])
        # Nothing is sent anywhere: a bad origin in the environment does not stop these,
        # they are how a person gets to fix things. ``key print`` also stays lean.
        sub.set_defaults(handler=handler, sends=False, lean=handler is cmd_key_print)
    set_parser, clear_parser = actions.choices["set"], actions.choices["clear"]
    set_parser.add_argument(
        "--yes", action="store_true", help="also update tools holding a copy, unasked"
    )
    clear_parser.add_argument(
        "--yes", action="store_true", help="first revert the tools holding a copy, unasked"
    )


BUILDERS: dict[str, Builder] = {"key": _add_key}

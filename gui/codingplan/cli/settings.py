"""``codingplan settings``: show them all, or change one (start at login through its action,
which makes the login entry before it says "on")."""

from __future__ import annotations

import argparse
from typing import Any

from codingplan.cli.common import load_settings, moment, shown
from codingplan.cli.output import EXIT_OK, Output
from codingplan.cli.parser import Builder, Parser, UsageError


def cmd_settings_show(args: argparse.Namespace, out: Output) -> int:
    from codingplan import paths
    from codingplan import settings as settings_mod

    settings = load_settings(out)
    data = settings.to_dict()
    named = {
        settings_mod.SHOWN_NAMES[k]: v for k, v in data.items() if k in settings_mod.SHOWN_NAMES
    }
    # The names 'settings set' takes; the JSON keeps the file's own names.
    text = "\n".join(
        [f"# {paths.settings_file()}"] + [f"{k} = {shown(v)}" for k, v in named.items()]
    )
    out.result({"ok": True, "path": str(paths.settings_file()), "settings": data}, text)
    return EXIT_OK


def cmd_settings_set(args: argparse.Namespace, out: Output) -> int:
    from codingplan import settings as settings_mod

    attr, value = settings_mod.parse_value(
        args.name, args.value, allow_insecure_origin=args.allow_insecure_origin
    )
    since = moment(args.since, "--since") if args.since else None
    if since is not None and attr != "tier":
        raise UsageError(
            "--since goes only with the tier (when the plan was changed)", "codingplan settings set"
        )
    told: dict[str, Any] = {}
    if attr == "start_at_login":  # the login entry itself, as the app's Settings tab does
        from codingplan import actions

        entry = actions.set_start_at_login(value)
        result, told["login_entry"] = entry.saved, entry.where
    else:
        result = settings_mod.update({attr: value}, since=since)
    out.tell(result.notices)
    if attr == "check_updates" and value:
        from codingplan import actions

        if not actions.update_check_offered():
            out.notice(
                "this copy of the app comes from a package manager, which keeps it up to "
                "date: it does not check for new versions itself"
            )
    data = result.settings.to_dict()
    name = settings_mod.SHOWN_NAMES[attr]
    text = f"{name} = {shown(data[attr])}"
    if told:
        verb = "written" if value else "removed"
        text += f" (login entry {verb}: {told['login_entry']})"
    if attr == "subscription_day":
        text += (
            f" (the monthly quota comes back at 00:00 UTC+8 on day {value} of each month, the "
            "day after the renewal date the plan's console shows)"
        )
    out.result({"ok": True, "name": name, "value": data[attr], **told, "settings": data}, text)
    return EXIT_OK


def _settings_help() -> str:
    from codingplan import settings

    values = settings.describe_values()
    width = max(map(len, values)) + 2
    lines = [f"  {name:<{width}}{values[name]}" for name in settings.CLI_NAMES]
    return "settings and their values:\n" + "\n".join(lines)


def _add_settings(parser: Parser, common: Parser) -> None:
    actions = parser.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    actions.add_parser("show", help="show all settings", parents=[common]).set_defaults(
        handler=cmd_settings_show, sends=False
    )
    setter = actions.add_parser(
        "set",
        help="change one setting: tier, region, origin, renewal-date (or subscription-day), "
        "model, language, notify-at, show, start-at-login, use-bl",
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    setter.epilog_from = _settings_help
    setter.add_argument("name", metavar="NAME", help="the setting (listed below)")
    setter.add_argument("value", metavar="VALUE", help="its new value")
    setter.add_argument(
        "--since",
        metavar="TIME",
        help="with tier: when the plan was changed, as ISO 8601 with its zone (default: now)",
    )
    setter.set_defaults(handler=cmd_settings_set, sends=False)


BUILDERS: dict[str, Builder] = {"settings": _add_settings}

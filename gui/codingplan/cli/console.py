"""``codingplan console``: log in to the plan's console with an AccessKey (or with the
sign-in of Alibaba's ``bl``), log out, and read the plan's own figures now.

The AccessKey never passes through the command line: ``login`` reads it from standard
input, two lines (the ID, then the secret) and a third for an STS token when the pair is
temporary; on a terminal it asks for each without echo. Reading the console spends no
plan quota.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from codingplan.cli.common import load_settings
from codingplan.cli.output import EXIT_OK, Output
from codingplan.cli.parser import Builder, Parser, seconds

if TYPE_CHECKING:
    from codingplan.actions.console import ConsoleStatus
    from codingplan.console.answer import Window
    from codingplan.errors import CodingPlanError
    from codingplan.settings import Settings

# The longest line taken from standard input: an STS token is at most 8192 characters.
_LONGEST_LINE = 16_384
READ_TIMEOUT = 20.0  # actions.console.READ_TIMEOUT, named here so that help loads no action
_WINDOW_NAMES = {"5h": "5 hours", "week": "week", "month": "month"}


def _read_credentials() -> tuple[str, str, str | None]:
    """The AccessKey ID, the secret and an STS token (None) from standard input: asked for
    without echo on a terminal, else read as up to three lines."""
    if sys.stdin.isatty():
        import getpass

        key_id = getpass.getpass("AccessKey ID (input hidden): ")
        secret = getpass.getpass("AccessKey secret (input hidden): ")
        token = getpass.getpass("STS token, only for a temporary AccessKey (Enter if none): ")
        return key_id, secret, token.strip() or None
    lines = [sys.stdin.readline(_LONGEST_LINE) for _ in range(3)]
    return lines[0], lines[1], lines[2].strip() or None


def cmd_console_login(args: argparse.Namespace, out: Output) -> int:
    """Exit 0: stored and read. Exit 1 with ``stored: true``: stored, but the console could
    not be read (the network, the clock, the workspace, the plan): the fault says what to
    fix, and ``usage`` reads the console again once it is. Credentials the console says
    cannot work are not kept (exit 1, ``stored: false``)."""
    from codingplan.actions import console
    from codingplan.errors import CodingPlanError

    settings = load_settings(out)
    if args.bl:
        return _login_bl(out, settings, args.timeout)
    key_id, secret, token = _read_credentials()
    try:
        status = console.login(
            key_id,
            secret,
            security_token=token,
            site=args.site,
            settings=settings,
            timeout=args.timeout,
        )
    except CodingPlanError as fault:  # not stored: what to fix, with the console's words
        return _tell_fault(out, fault, {"stored": False})
    where = "the system keyring (service 'codingplan', account 'console-access-key')"
    kind = "temporary AccessKey (STS)" if status.temporary else "AccessKey"
    said = f"Logged in to the plan's console with {kind} {status.masked_id}, kept in {where}."
    return _report(out, status, said, stored=True)


def _login_bl(out: Output, settings: Settings, timeout: float) -> int:
    from codingplan.actions import console
    from codingplan.console import bailian

    status = console.login_bl(settings=settings, timeout=timeout)
    place = bailian.config_path()
    said = f"The plan's console is read with the sign-in of Alibaba's bl ({place}: only read)."
    if status.way == "access_key":
        said += " An AccessKey is stored too, and is used first: log out to use bl's alone."
    return _report(out, status, said, stored=True)


def cmd_console_logout(args: argparse.Namespace, out: Output) -> int:
    from codingplan.actions import console

    removed = console.logout()
    text = (
        "Logged out of the plan's console: the AccessKey and its console token are removed "
        "from the keyring, and bl's sign-in is no longer used."
        if removed
        else "Nothing to remove: no console sign-in was stored."
    )
    out.result({"ok": True, "removed": removed}, text)
    return EXIT_OK


def cmd_console_status(args: argparse.Namespace, out: Output) -> int:
    """Reads the console now. Exit 1 when no sign-in is stored, or the read failed (the
    last reading kept, if any, is still in the JSON, with its ``read_at``)."""
    from codingplan.actions import console
    from codingplan.console import faults

    settings = load_settings(out)
    status = console.status(read=True, settings=settings, timeout=args.timeout)
    if not status.logged_in:
        code = out.fail(faults.no_credentials(), **status.to_dict())
        if console.bl_login() is not None and not out.as_json:  # the second way in, offered
            out.notice("bl holds a console sign-in: 'codingplan console login --bl' uses it.")
        return code
    return _report(out, status, "")


def _report(out: Output, status: ConsoleStatus, said: str, *, stored: bool = False) -> int:
    """The status as text or JSON; a failed read as the fault (stderr) after what was kept."""
    extra = {"stored": True} if stored else {}
    data = {**extra, **status.to_dict()}
    if status.fault is not None:
        if not out.as_json:
            text = _status_text(status, said)
            if text:
                print(text)
        del data["fault"]
        return _tell_fault(out, status.fault, data)
    out.result({"ok": True, **data}, lambda: _status_text(status, said))
    return EXIT_OK


def _tell_fault(out: Output, fault: CodingPlanError, data: dict[str, object]) -> int:
    """The fault's sentence and remedy, then the RAM policy to paste and what the console
    said, when there are (``--json``: in ``details``); the exit code."""
    detail = str(fault.params.get("detail", ""))
    policy = fault.params.get("policy")
    extra: dict[str, object] = {"detail": detail} if detail else {}
    if isinstance(policy, str):
        extra["policy"] = policy
    code = out.fail(fault, **data, **({"details": extra} if extra else {}))
    if not out.as_json:
        if isinstance(policy, str):
            print(policy, file=sys.stderr)
        if detail:
            out.notice(f"details: {detail}")
    return code


def _status_text(status: ConsoleStatus, said: str) -> str:
    from codingplan import wording
    from codingplan.console import facts

    lines = [said] if said else []
    reading, plan = status.reading, status.facts
    if reading is None or plan is None:
        return "\n".join(lines)
    now = datetime.now(UTC)
    now_ms = int(now.timestamp() * 1000)
    read_ms = int(reading.read_at.timestamp() * 1000)
    way = f"AccessKey {status.masked_id}" if status.way == "access_key" else "bl's sign-in"
    if status.fresh:
        source = "from the plan's console just now"
    else:  # a read that failed: the figures are the last ones kept, and said to be
        source = f"as the plan's console said {wording.when(read_ms, now_ms, None)}"
    lines.append(f"{reading.tier.label} plan, {source} ({way}, {status.site} site)")
    for name in _WINDOW_NAMES:
        lines.append(_window_line(name, reading.window(name), now_ms))
    last_day = wording.day(plan.last_day, now.astimezone().date())
    renews = "auto-renewal on" if plan.auto_renew else "auto-renewal off"
    if now >= plan.ends_at:  # a reading kept from before the end, shown after it
        lines.append(f"It was valid until {last_day}, as the console said then.")
        return "\n".join(lines)
    left = {0: "under a day left", 1: "1 day left"}.get(
        plan.days_left, f"{plan.days_left} days left"
    )
    lines.append(f"Valid until {last_day} (its last day), {left}; {renews}.")
    if not plan.renewable:
        lines.append(facts.LITE_NOT_RENEWABLE)
    elif plan.reminder is not None:
        first, second = facts.reminder_text(plan)
        lines.append(first.format(date=last_day, days=plan.days_left) + " " + second)
    return "\n".join(lines)


def _window_line(name: str, window: Window, now_ms: int) -> str:
    from codingplan import wording

    line = (
        f"{_WINDOW_NAMES[name]:<8} {window.used:>7,} of {window.total:>6,} used  "
        f"{window.left:>7,} left"
    )
    if window.next_refresh is None:
        return line + "  (not used yet)"
    at = wording.when(int(window.next_refresh.timestamp() * 1000), now_ms, None)
    return line + (f"  some back {at}" if name == "5h" else f"  resets {at}")


def _add_console(parser: Parser, common: Parser) -> None:
    parser.description = (
        "The plan's own figures, read from its console with the AccessKey of a RAM user "
        "(kept in the system keyring) or with the sign-in of Alibaba's bl. Reading the "
        "console spends no plan quota."
    )
    actions = parser.add_subparsers(dest="console_command", metavar="ACTION", required=True)
    login = actions.add_parser(
        "login",
        help="store an AccessKey (read from stdin: the ID and the secret on two lines, an STS "
        "token on a third; asked without echo on a terminal) and read the console once",
        parents=[common],
    )
    login.description = (
        "Reads the AccessKey of a RAM user from standard input: the ID on the first line, the "
        "secret on the second, and an STS token on a third for a temporary AccessKey. On a "
        "terminal it asks for each without echo. It is checked, kept in the system keyring "
        "(never in a file), and the console is read once: an AccessKey the console refuses "
        "is not kept."
    )
    login.add_argument(
        "--site",
        choices=("international", "domestic"),
        help="the account's site: international (alibabacloud.com) or domestic (aliyun.com); "
        "default: the one the plan's region suggests",
    )
    login.add_argument(
        "--bl",
        action="store_true",
        help="use the sign-in of Alibaba's bl command (bl auth login --console) instead: "
        "only read from its file, never copied",
    )
    login.set_defaults(handler=cmd_console_login)
    actions.add_parser(
        "logout",
        help="remove the AccessKey from the keyring and stop using bl's sign-in",
        parents=[common],
    ).set_defaults(handler=cmd_console_logout)
    status = actions.add_parser(
        "status",
        help="read the console now: the three windows, the plan, its last day and renewal",
        parents=[common],
    )
    status.set_defaults(handler=cmd_console_status)
    for reads in (login, status):
        reads.add_argument(
            "--timeout",
            type=seconds,
            default=READ_TIMEOUT,
            metavar="S",
            help="seconds for the whole read of the console (default: %(default)g)",
        )
    # None of these sends anything to the plan: a bad CODINGPLAN_ORIGIN does not stop them.
    for sub in actions.choices.values():
        sub.set_defaults(sends=False)


BUILDERS: dict[str, Builder] = {"console": _add_console}

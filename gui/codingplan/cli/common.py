"""What several commands share: the settings and the plan's address for this run, asking on
the terminal, showing a change set, and a moment given on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

from codingplan.cli.output import Output
from codingplan.cli.parser import UsageError
from codingplan.redact import redact

if TYPE_CHECKING:  # heavy modules: imported at run time only by the commands that need them
    from codingplan.errors import CodingPlanError
    from codingplan.plan import Endpoints
    from codingplan.settings import Settings
    from codingplan.tools.types import ChangeSet


def load_settings(out: Output) -> Settings:
    from codingplan import settings as settings_mod

    result = settings_mod.load()
    out.tell(result.notices)
    return result.settings


def endpoints(args: argparse.Namespace, settings: Settings) -> Endpoints:
    from codingplan import quota

    return quota.resolve_endpoints(settings, args.origin)


# --- asking ----------------------------------------------------------------------------------


def ask(question: str) -> bool:
    """A yes/no question on the terminal; anything but yes is no."""
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def ask_yes(question: str) -> bool:
    """A yes/no question on the terminal whose answer is yes unless the person says no."""
    try:
        answer = input(f"{question} [Y/n] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("", "y", "yes")


def can_ask(out: Output) -> bool:
    return not out.as_json and sys.stdin.isatty() and sys.stdout.isatty()


def confirmation_required(what: str) -> CodingPlanError:
    from codingplan.errors import CodingPlanError

    return CodingPlanError(
        "confirmation_required",
        "Not {what}: there is no terminal to ask for confirmation.",
        "Preview with --dry-run, then run again with --yes.",
        what=what,
    )


def show_change_set(change: ChangeSet) -> str:
    """A change set as the person reads it: the diff (key masked), then its notes."""
    lines = [change.diff.rstrip("\n")] if not change.empty else []
    lines += [f"Note: {n.message}" for n in change.notes]
    return "\n".join(lines)


def print_masked(text: str) -> None:
    print(redact(text))


# --- values ----------------------------------------------------------------------------------


def moment(text: str, option: str) -> datetime:
    """A past moment given on the command line: ISO 8601 with its zone."""
    from datetime import UTC, timedelta

    try:
        found = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"{option} takes a time such as 2026-12-01T09:30+08:00") from None
    if found.tzinfo is None:
        raise UsageError(f"{option} needs the time's zone, such as +08:00 or Z")
    now = datetime.now(UTC)
    if not now - timedelta(days=62) <= found <= now + timedelta(minutes=1):
        raise UsageError(f"{option} must be a moment of the last two months, not later than now")
    return found


def shown(value: Any) -> str:
    """A setting's value as ``settings set`` takes it back (unset is empty, as for the
    origin)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)

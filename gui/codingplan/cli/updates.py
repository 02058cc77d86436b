"""``codingplan update-check``: ask GitHub now whether a newer version is released.

Typing the command is asking for the check, so it runs whether or not the app's own daily
check is on (the setting ``check-updates``), but never in a build a package manager
delivers: that manager updates it. It sends what the app's check sends (a User-Agent with
the app's version, nothing about the person) and downloads nothing but the release's
SHA256SUMS.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from codingplan.cli.output import EXIT_FAILED, EXIT_OK, Output
from codingplan.cli.parser import Builder, Parser

if TYPE_CHECKING:
    from codingplan.updates import UpdateCheck


def cmd_update_check(args: argparse.Namespace, out: Output) -> int:
    """Exit 0: the check could tell (``status`` newer, same or older). Exit 1: it could
    not (offline, rate-limited, a malformed answer: ``reason`` says which), or this build
    is updated by a package manager (error ``updates_managed``)."""
    from codingplan import actions
    from codingplan.updates import Status

    result = actions.check_for_update(asked=True)
    known = result.status is not Status.UNKNOWN
    data = {"ok": known, **result.to_dict(), "reason": result.reason or None}
    if not known:
        out.error(
            "update_check_failed",
            f"Could not tell whether a newer version is out: {result.reason}.",
            "Try again later.",
            **data,
        )
        return EXIT_FAILED
    out.result(data, lambda: _text(result))
    return EXIT_OK


def _text(result: UpdateCheck) -> str:
    from codingplan.updates import Status

    if result.status is Status.NEWER:
        lines = [
            f"Version {result.latest} is available (this is {result.current}).",
            f"What's new and download: {result.download_url}",
        ]
        if result.sums:
            lines.append("SHA256SUMS:")
            lines += [f"  {digest}  {name}" for name, digest in result.sums]
        else:
            lines.append("The release lists no SHA256SUMS.")
        return "\n".join(lines)
    if result.status is Status.SAME:
        return f"This is the latest version ({result.current})."
    return f"This version ({result.current}) is newer than the latest release ({result.latest})."


def _add_update_check(parser: Parser, common: Parser) -> None:
    # Sends nothing to the plan: a bad plan origin in the environment does not stop it.
    parser.set_defaults(handler=cmd_update_check, sends=False)


BUILDERS: dict[str, Builder] = {"update-check": _add_update_check}

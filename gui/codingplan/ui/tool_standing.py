"""Where a coding tool stands, in the five words the Tools tab's cards and the tray's Tools menu
share: set up and verified, set up, not set up, not installed, needs attention (and, for the
tools a person sets up by hand, just that), each with the reason in a sentence.

A pure function of what the actions reported (``ToolStatus``, with its last Verify run), in
the current language, so that the card and the menu never disagree.
"""

from __future__ import annotations

import enum
import time
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication

from codingplan.integrations.integration import Integration
from codingplan.tools.types import ToolState, ToolStatus
from codingplan.ui.texts import category_label, notice_text, tool_state_label

# What has gone wrong in the tool's files, or around them: the person has to look.
_ATTENTION = frozenset(
    {ToolState.DRIFTED, ToolState.OVERRIDDEN, ToolState.UNREADABLE, ToolState.KEY_OUTDATED}
)


class Standing(enum.StrEnum):
    VERIFIED = "verified"
    SET_UP = "set_up"
    NOT_SET_UP = "not_set_up"
    NOT_INSTALLED = "not_installed"
    ATTENTION = "attention"
    BY_HAND = "by_hand"  # this app does not change its files
    LOOKING = "looking"  # not looked at yet


# Each standing's status colour (``ui/style.py`` kinds); None: plain.
KINDS: dict[Standing, str | None] = {
    Standing.VERIFIED: "success",
    Standing.SET_UP: "info",
    Standing.NOT_SET_UP: None,
    Standing.NOT_INSTALLED: None,
    Standing.ATTENTION: "warning",
    Standing.BY_HAND: None,
    Standing.LOOKING: None,
}


class ToolStanding(NamedTuple):
    standing: Standing
    title: str  # the badge: "Set up and verified"
    reason: str  # why, and what to do, in a sentence or two
    kind: str | None  # a status colour, or None

    @property
    def verifiable_state(self) -> bool:
        return self.standing in (Standing.VERIFIED, Standing.SET_UP, Standing.ATTENTION)


def title(standing: Standing) -> str:
    titles = {
        Standing.VERIFIED: QCoreApplication.translate("ToolStanding", "Set up and verified"),
        Standing.SET_UP: QCoreApplication.translate("ToolStanding", "Set up"),
        Standing.NOT_SET_UP: QCoreApplication.translate("ToolStanding", "Not set up"),
        Standing.NOT_INSTALLED: QCoreApplication.translate("ToolStanding", "Not installed"),
        Standing.ATTENTION: QCoreApplication.translate("ToolStanding", "Needs attention"),
        Standing.BY_HAND: QCoreApplication.translate("ToolStanding", "Set up by hand"),
        Standing.LOOKING: QCoreApplication.translate("ToolStanding", "Looking…"),
    }
    return titles[standing]


def _ago(iso: str) -> str:
    from datetime import datetime

    from codingplan.ui import glance

    now = int(time.time() * 1000)
    try:
        moment = int(datetime.fromisoformat(iso).timestamp() * 1000)
    except ValueError:
        return ""
    return glance.relative(moment, now, None)


def standing_of(info: Integration, status: ToolStatus | None) -> ToolStanding:
    """Where ``info``'s tool stands, as ``status`` (None: not looked at yet) says."""
    if not info.automatic:
        return _make(
            Standing.BY_HAND,
            QCoreApplication.translate(
                "ToolStanding",
                "This app does not change its files: its page shows what to enter, and copies "
                "the key for you.",
            ),
        )
    if status is None:
        return _make(Standing.LOOKING, "")
    state, run = status.state, status.verified
    notes = [notice_text(n) for n in (*(o.notice for o in status.overrides), *status.notes)]
    if state is ToolState.NOT_INSTALLED:
        command = info.install_command
        reason = (
            QCoreApplication.translate("ToolStanding", "Install it with: {command}").format(
                command=command
            )
            if command
            else QCoreApplication.translate("ToolStanding", "Install it, then check again.")
        )
        return _make(Standing.NOT_INSTALLED, reason)
    if state is ToolState.NOT_CONFIGURED:
        return _make(
            Standing.NOT_SET_UP,
            QCoreApplication.translate("ToolStanding", "Apply sets it up for the plan."),
        )
    if state is ToolState.CONFIGURED_ELSEWHERE:
        return _make(
            Standing.NOT_SET_UP,
            QCoreApplication.translate(
                "ToolStanding",
                "It is set up for another provider. Apply points it at the plan and keeps its "
                "other settings.",
            ),
        )
    if state in _ATTENTION:
        if state is ToolState.KEY_OUTDATED:
            first = QCoreApplication.translate(
                "ToolStanding", "Its files may hold an older key: Apply puts the stored key there."
            )
            notes = []  # the note says the same, with the command line's words
        else:
            first = QCoreApplication.translate("ToolStanding", "{state}.").format(
                state=tool_state_label(state)
            )
        return _make(
            Standing.ATTENTION, "\n".join([first, *notes]), error=state is ToolState.UNREADABLE
        )
    # Set up for the plan: how far it is proven.
    if run is not None and not run.ok:
        return _make(
            Standing.ATTENTION,
            QCoreApplication.translate(
                "ToolStanding", "The last Verify failed {when}: {reason}."
            ).format(when=_ago(run.at), reason=category_label(run.category)),
        )
    if status.verified_ok and run is not None:
        return _make(
            Standing.VERIFIED,
            QCoreApplication.translate(
                "ToolStanding", "Verify ran it through the plan {when}."
            ).format(when=_ago(run.at)),
        )
    reason = (
        QCoreApplication.translate(
            "ToolStanding", "Set up by this app, not verified yet: Verify runs it once."
        )
        if status.recorded
        else QCoreApplication.translate(
            "ToolStanding",
            "Its files already send it to the plan, not verified yet: Verify runs it once.",
        )
    )
    return _make(Standing.SET_UP, reason)


def verify_text(requests: int) -> str:
    """Verify's button, with what it costs: the plan counts the tool's run."""
    if requests == 1:
        return QCoreApplication.translate("ToolStanding", "&Verify (about 1 request)")
    return QCoreApplication.translate("ToolStanding", "&Verify (about {n} requests)").format(
        n=requests
    )


def _make(standing: Standing, reason: str, error: bool = False) -> ToolStanding:
    return ToolStanding(standing, title(standing), reason, "error" if error else KINDS[standing])

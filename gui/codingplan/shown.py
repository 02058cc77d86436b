"""Whether a quota figure counts what is used or what is left, and its whole percent.

One setting (``show``) decides it for every short figure: the tray's chip, its menu and
tooltip, and ``usage --line``. The percent rule is shared by all of them too, so that they
never disagree about a figure: a share is floored to a whole percent, but never says 0 while
something is there nor 100 while something is missing ("0 %" left with a request still to
spend, or "100 %" used before the last one is).

Imported by ``usage --line`` on every prompt: nothing here loads more than ``enum``.
"""

from __future__ import annotations

import enum
import math


class Shown(enum.StrEnum):
    USED = "used"
    LEFT = "left"


DEFAULT = Shown.LEFT


def whole_percent(share: float) -> int:
    """``share`` (0..1) as a whole percent: floored, but 1 for any share above 0 and 99 for
    any share below 1."""
    # Rounded first: a share used made as 1 - 0.8 is 0.19999999999999996, not 19 %.
    value = math.floor(round(share * 100, 6))
    if share > 0:
        value = max(1, value)
    if share < 1:
        value = min(99, value)
    return max(0, min(100, value))


def share_left(remaining: int, limit: int) -> float:
    """The share of ``limit`` still left (0..1)."""
    return min(1.0, max(0.0, remaining / max(1, limit)))


def share_shown(left: float, shown: Shown) -> float:
    """The share a figure shows: ``left`` itself, or the share used (its complement)."""
    return left if shown is Shown.LEFT else 1.0 - left

"""The whole percent a figure shows, used or left: one rule for the tray's chip, its menu and
``usage --line``, exact for every count a plan can have."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from codingplan.shown import Shown, share_left, share_shown, whole_percent


def exact(part: int, whole: int) -> int:
    """The rule in whole numbers: floored, never 0 for some, never 100 for less than all."""
    value = part * 100 // whole
    if part > 0:
        value = max(1, value)
    if part < whole:
        value = min(99, value)
    return value


@given(
    st.integers(1, 90_000).flatmap(lambda limit: st.tuples(st.integers(0, limit), st.just(limit)))
)
def test_used_and_left_are_each_the_exact_whole_percent(counts):
    used, limit = counts
    left = share_left(limit - used, limit)
    assert whole_percent(share_shown(left, Shown.LEFT)) == exact(limit - used, limit)
    assert whole_percent(share_shown(left, Shown.USED)) == exact(used, limit)


def test_the_edges():
    assert whole_percent(1.0) == 100 and whole_percent(0.0) == 0
    assert whole_percent(0.999) == 99  # one request used: not "100"
    assert whole_percent(0.0001) == 1  # a few left: not "0"
    assert share_left(-5, 100) == 0.0 and share_left(150, 100) == 1.0

"""A long first read shows the 5 hours first, then the week, then the month, each once
every file written since it began is read; until then a window says it is counting."""

from __future__ import annotations

import itertools
import time

from codingplan.ui.dashboard.window import Dashboard
from tests.fakes.history import dated_transcript


def test_each_window_is_shown_as_soon_as_it_is_whole(home, model, qtbot, stored_key):
    now = time.time()
    dated_transcript(home, "recent", [30, 1, 0.5], now)  # 2 in the 5 hours
    dated_transcript(home, "hours", [12], now)  # in the week when it began 12 h ago or more
    dated_transcript(home, "weeks", [24 * 40], now)  # before any month's start
    shown = []
    model.snapshot_changed.connect(lambda s: shown.append((s.counting, s.windows["5h"].used)))
    dashboard = Dashboard(model)
    qtbot.addWidget(dashboard)
    seen_cards = []

    def look(snapshot) -> None:
        if snapshot.counting:
            card = dashboard.overview.cards[snapshot.counting[-1]]
            seen_cards.append(
                (card.remaining.text(), card.confidence.text(), dashboard.overview.history.counting)
            )

    model.snapshot_changed.connect(look)
    model.start()
    qtbot.waitUntil(lambda: model.snapshot is not None and not model.scanning, timeout=60_000)
    assert shown[-1] == ((), 2)
    staged = [set(c) for c, _ in shown if c]
    # The 5 hours first, counted whole; then the week and the month (in the order they
    # began, which depends on the day), the last in the final figure.
    assert staged[0] == {"week", "month"}
    assert all(later < earlier for earlier, later in itertools.pairwise(staged))
    assert all(used == 2 for c, used in shown if c)
    # The daily chart does not say "none recorded" while the days are still being read.
    assert seen_cards[0] == ("Counting…", "Counting: older records are still being read", True)
    assert not dashboard.overview.history.counting
    for window in ("5h", "week", "month"):
        assert dashboard.overview.cards[window].remaining.text().endswith(" left")


def test_a_counting_window_is_never_the_trays_figure_nor_an_alert(home, model, qtbot):
    from codingplan.ui import glance

    now = time.time()
    dated_transcript(home, "recent", [1], now)
    dated_transcript(home, "hours", [12], now)
    dated_transcript(home, "old", [24 * 40], now)
    partial = []
    model.snapshot_changed.connect(lambda s: partial.append(s) if s.counting else None)
    model.start()
    qtbot.waitUntil(lambda: model.snapshot is not None and not model.scanning, timeout=60_000)
    assert partial, "the first read showed the 5 hours before the rest"
    snapshot = partial[0]
    assert snapshot.tightest.window not in snapshot.counting
    line = glance.window_line("month", snapshot)
    assert line == "This month: Counting: older records are still being read"
    assert glance.forecast_line(snapshot) == "The forecast follows once every record is read."

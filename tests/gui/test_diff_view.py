"""The diff of a change: as tall as the diff on a page that scrolls, not a few lines
scrolling inside the page."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from codingplan.ui.widgets.diff_view import DiffView
from codingplan.ui.widgets.scroll import scrolled


def diff_of(lines: int) -> str:
    return "".join(f'+  "key{i}": "value {i}",\n' for i in range(lines))


def test_the_whole_diff_shows_on_a_page_that_scrolls(qtbot):
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel("What Apply will change:"))
    view = DiffView()
    view.set_diff(diff_of(20))
    layout.addWidget(view)
    area = scrolled(page)
    area.resize(500, 240)  # a small window: far less than the diff's height
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    assert view.verticalScrollBar().maximum() == 0  # all 20 lines in view: no inner scrolling
    assert area.verticalScrollBar().maximum() > 0  # the page scrolls instead


def test_a_very_long_diff_stops_at_a_screenful_and_scrolls_itself(qtbot):
    view = DiffView()
    qtbot.addWidget(view)
    view.set_diff(diff_of(400))
    lines = view.minimumHeight() / view.fontMetrics().lineSpacing()
    assert DiffView.MOST_LINES <= lines < DiffView.MOST_LINES + 4
    view.set_diff(diff_of(1))
    assert view.minimumHeight() < view.fontMetrics().lineSpacing() * (DiffView.FEWEST_LINES + 4)

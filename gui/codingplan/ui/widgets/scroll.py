"""Pages whose content can grow (a diff, a tool's output) scroll instead of stretching the
wizard past the screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolled(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)  # the content follows the width, so labels wrap
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # Tab goes to the fields inside; the area scrolls to whichever of them has the focus.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area

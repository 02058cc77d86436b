"""What "nothing is cut off" means for a window, shared by the language tests and the screen
fit check: each visible text has the room its size hint asks for, and every button the person
must reach is on the screen."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QWidget


def cut_off(root: QWidget) -> list[str]:
    """Visible texts that do not fit where they are shown."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            if widget.width() + 1 < widget.sizeHint().width():
                problems.append(
                    f"button {widget.text()!r}: {widget.width()} < {widget.sizeHint().width()}"
                )
        elif (
            isinstance(widget, QLabel)
            and widget.text()
            and widget.textFormat() != 1
            and not widget.pixmap()
        ):
            if widget.wordWrap():
                if widget.heightForWidth(widget.width()) > widget.height() + 2:
                    problems.append(
                        f"label {widget.text()[:40]!r} needs more height: "
                        f"{widget.height()} < {widget.heightForWidth(widget.width())}"
                    )
            elif widget.width() + 1 < widget.sizeHint().width():
                problems.append(
                    f"label {widget.text()[:40]!r}: {widget.width()} < {widget.sizeHint().width()}"
                )
    return problems


def scrolls_with_content(widget: QWidget) -> bool:
    """Inside a scroll area: out of view is fine there, the person scrolls to it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def off_screen(window: QWidget, area: QRect) -> list[str]:
    """The window's frame, and each visible button outside a scroll area, must lie within
    ``area`` (the screen's available geometry)."""
    problems = []
    frame = window.frameGeometry()
    if not area.contains(frame):
        problems.append(f"window {window.windowTitle()!r} {frame.getRect()} off {area.getRect()}")
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or scrolls_with_content(button):
            continue
        rect = QRect(button.mapToGlobal(button.rect().topLeft()), button.size())
        if not area.contains(rect):
            problems.append(f"button {button.text()!r} {rect.getRect()} off {area.getRect()}")
    return problems

"""Windows that respect the screen: each opens at its preferred size where the screen has room,
and otherwise at what the screen has (a 1366x768 laptop at 125 % leaves 1093x614 points, a
1440x900 one at 200 % only 720x450), with its contents scrolling rather than its buttons
falling off the screen.

A dialog of wrapped paragraphs has no natural size: Qt asks each label how tall it is for a
width the layout has not got yet, and a window sized from that opens too narrow, with text
drawn over text. So a dialog is given a width first (in the font's own units, so that it
follows the language and the text size), then the height its contents need at that width.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What the window manager adds around a window (title bar, borders), and a little room
# besides, so that the whole frame stays on the screen.
FRAME = QSize(24, 56)


def available(widget: QWidget) -> QRect:
    """The part of the widget's screen that windows may use (without panels and docks)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def room(widget: QWidget) -> QSize:
    """The largest size a window can have on the widget's screen, its frame included."""
    area = available(widget)
    return QSize(max(1, area.width() - FRAME.width()), max(1, area.height() - FRAME.height()))


def fit_window(window: QWidget, preferred: QSize, minimum: QSize) -> None:
    """Open ``window`` at ``preferred`` where the screen has room, else at what it has;
    its minimum is never more than the screen can hold."""
    space = room(window)
    window.setMinimumSize(minimum.boundedTo(space))
    window.resize(preferred.boundedTo(space))
    centre(window)


def keep_on_screen(window: QWidget) -> None:
    """No larger than the screen has room for, and placed within it."""
    space = room(window)
    size = window.size() if window.testAttribute(Qt.WidgetAttribute.WA_Resized) else None
    wanted = (size or window.sizeHint()).boundedTo(space)
    if window.minimumWidth() > space.width() or window.minimumHeight() > space.height():
        window.setMinimumSize(window.minimumSize().boundedTo(space))
    if size is None or wanted != size:
        window.resize(wanted)
    area = available(window)
    frame = window.frameGeometry()
    if not area.contains(frame):
        centre(window)


def centre(window: QWidget) -> None:
    """Put ``window`` in the middle of its screen's available area."""
    area = available(window)
    size = window.size()
    left = area.left() + max(0, (area.width() - size.width()) // 2)
    top = area.top() + max(0, (area.height() - size.height() - FRAME.height()) // 2)
    window.move(left, top)


def characters(widget: QWidget, count: float) -> int:
    """The width of ``count`` average characters of the widget's font: a width that follows
    the text's size and language."""
    return round(widget.fontMetrics().averageCharWidth() * count)


def fit_dialog(
    dialog: QWidget, width_chars: float, minimum_chars: float = 40, minimum_width: int = 0
) -> None:
    """Give ``dialog`` a reading width (``width_chars`` characters, at least
    ``minimum_width`` pixels, less on a narrow screen), then the height its contents need at
    that width, up to what the screen has. Call it once the dialog is polished (from its
    first show)."""
    space = room(dialog)
    width = min(max(characters(dialog, width_chars), minimum_width), space.width())
    least = max(characters(dialog, minimum_chars), minimum_width)
    dialog.setMinimumWidth(min(least, space.width()))
    dialog.resize(width, min(needed_height(dialog, width), space.height()))
    centre(dialog)


def grow_to_fit(dialog: QWidget) -> None:
    """After its contents grew (a result came in): taller, up to what the screen has; never
    smaller, and never moved while it is where the person put it, unless it would leave the
    screen."""
    space = room(dialog)
    wanted = min(needed_height(dialog, dialog.width()), space.height())
    if wanted <= dialog.height():
        return
    dialog.resize(dialog.width(), wanted)
    area = available(dialog)
    frame = dialog.frameGeometry()
    if frame.bottom() > area.bottom():
        dialog.move(frame.left(), max(area.top(), area.bottom() - frame.height()))


def needed_height(window: QWidget, width: int) -> int:
    """The height ``window``'s layout needs at ``width`` (wrapped text included)."""
    for child in window.findChildren(QWidget):
        child.ensurePolished()  # sizes as the style sheet will make them
    layout = window.layout()
    if layout is None:
        return window.sizeHint().height()
    layout.activate()
    if layout.hasHeightForWidth():
        return max(layout.totalHeightForWidth(width), layout.totalMinimumSize().height())
    return layout.totalSizeHint().height()

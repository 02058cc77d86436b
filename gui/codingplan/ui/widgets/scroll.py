"""Pages whose content can grow (a diff, a tool's output) scroll instead of stretching the
wizard past the screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class FittingScrollArea(QScrollArea):
    """A scroll area that asks for the height its content needs at a given width (wrapped
    text included), so that a dialog around it can open showing all of it, and scrolls only
    where the screen has less room."""

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The content's layout changed (a result shown, a text longer): the height asked for
        # changes with it, and the layout around must ask again (it keeps the last answer).
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        content = self.widget()
        if content is None:
            return super().heightForWidth(width)
        frame = 2 * self.frameWidth()
        inner = width - frame
        layout = content.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(inner)
        else:
            needed = content.sizeHint().height()
        return needed + frame

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(hint.width()))


def scrolled(content: QWidget, fit: bool = False) -> QScrollArea:
    """``content`` in a scroll area; with ``fit``, one that asks for all of its height."""
    area = FittingScrollArea() if fit else QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)  # the content follows the width, so labels wrap
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # Tab goes to the fields inside; the area scrolls to whichever of them has the focus.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area

"""A dialog of paragraphs that fits: it opens at a reading width with all its text shown
(where the screen has room), grows when its contents do, and scrolls beyond that."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QStyle, QVBoxLayout, QWidget

from codingplan.ui import screen
from codingplan.ui.widgets.scroll import scrolled

WIDTH_CHARACTERS = 84  # about 70 characters a line once margins and the icon are taken


class FittingDialog(QDialog):
    """``content`` scrolled above a Close button."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fitted = False
        self.content = content
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(content, fit=True), 1)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:  # sized once polished: the style sheet sets the text's size
            self._fitted = True
            screen.fit_dialog(self, WIDTH_CHARACTERS, minimum_width=self._content_width())
        super().showEvent(event)

    def _content_width(self) -> int:
        """The least width the contents take side by side (a row of fields, say): the
        scroll area does not scroll sideways, so the dialog is at least that wide."""
        self.content.ensurePolished()
        inner = self.content.minimumSizeHint().width()
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        sides = margins.left() + margins.right() if margins is not None else 0
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return inner + sides + bar

    @Slot()
    def grow(self, *_args: object) -> None:
        """Make room for what the contents just gained, once they are laid out."""
        # With the dialog as the timer's context: a dialog closed and deleted before the
        # timer fires cancels it, where a bare bound method would be called on a dead object.
        QTimer.singleShot(0, self, self._grow_now)

    def _grow_now(self) -> None:
        if self.isVisible():
            screen.grow_to_fit(self)

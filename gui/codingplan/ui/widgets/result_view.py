"""One outcome shown the same way everywhere: a headline, what happened, what to do, and
optionally the raw output (a tool's, or a snippet to paste)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from codingplan.ui.translations import error_parts


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A wrapped label that never interprets its text as HTML (it may come from a server)."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def read_only_monospace(view: QPlainTextEdit) -> QPlainTextEdit:
    """Set ``view`` up for reading fixed-width text (a diff, a tool's output)."""
    view.setReadOnly(True)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    # Read-only text is for reading: Tab moves on instead of being swallowed.
    view.setTabChangesFocus(True)
    return view


class ResultView(QFrame):
    """Headline, message, remedy and detail; empty parts are hidden."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.headline = plain_label()
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.message = plain_label()
        self.remedy = plain_label()
        self.detail = read_only_monospace(QPlainTextEdit())
        self.detail.setMaximumHeight(self.detail.fontMetrics().lineSpacing() * 10)
        layout = QVBoxLayout(self)
        for widget in (self.headline, self.message, self.remedy, self.detail):
            layout.addWidget(widget)
        self.clear()

    def clear(self) -> None:
        self.show_texts("", "", "")
        self.setVisible(False)

    def show_texts(
        self, headline: str, message: str, remedy: str = "", detail: str = "", ok: bool = False
    ) -> None:
        mark = "✓ " if ok else "✗ "
        self.headline.setText(mark + headline if headline else "")
        self.message.setText(message)
        self.remedy.setText(remedy)
        self.detail.setPlainText(detail)
        parts = (self.headline, headline), (self.message, message), (self.remedy, remedy)
        for widget, text in (*parts, (self.detail, detail)):
            widget.setVisible(bool(text))
        self.setVisible(True)

    def show_error(self, error: BaseException, headline: str = "") -> None:
        self.show_texts(headline, *error_parts(error))

    def text(self) -> str:
        """Everything shown, as one string (for tests and accessibility)."""
        parts = [self.headline, self.message, self.remedy]
        shown = [w.text() for w in parts if not w.isHidden()]
        if not self.detail.isHidden():
            shown.append(self.detail.toPlainText())
        return "\n".join(shown)

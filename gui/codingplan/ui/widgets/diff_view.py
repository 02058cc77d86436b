"""A read-only view of a unified diff (the key already masked by the core), with added and
removed lines coloured."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from codingplan.ui.widgets.result_view import read_only_monospace


def _format(background: QColor | None = None, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if background is not None:
        fmt.setBackground(background)
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


class DiffHighlighter(QSyntaxHighlighter):
    # Translucent backgrounds keep the text readable on light and dark themes alike.
    ADDED = _format(QColor(46, 160, 67, 70))
    REMOVED = _format(QColor(248, 81, 73, 70))
    HUNK = _format(QColor(56, 139, 253, 50))
    HEADER = _format(bold=True)

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)

    def highlightBlock(self, text: str) -> None:
        fmt = self.line_format(text)
        if fmt is not None:
            self.setFormat(0, len(text), fmt)

    @classmethod
    def line_format(cls, line: str) -> QTextCharFormat | None:
        if line.startswith(("+++", "---")):
            return cls.HEADER
        if line.startswith("@@"):
            return cls.HUNK
        if line.startswith("+"):
            return cls.ADDED
        if line.startswith("-"):
            return cls.REMOVED
        return None


class DiffView(QPlainTextEdit):
    """Shows ``ChangeSet.diff``; it never holds anything but the masked display text.

    It is as tall as the diff (up to ``MOST_LINES``), so that on a page that scrolls the
    page scrolls, rather than a few lines of diff inside it."""

    FEWEST_LINES = 3
    MOST_LINES = 40

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        read_only_monospace(self)
        self.highlighter = DiffHighlighter(self.document())
        self._fit_height()

    def set_diff(self, diff: str) -> None:
        self.setPlainText(diff.rstrip("\n"))
        self._fit_height()

    def _fit_height(self) -> None:
        lines = min(max(self.blockCount(), self.FEWEST_LINES), self.MOST_LINES)
        frame = 2 * self.frameWidth() + round(2 * self.document().documentMargin())
        # Long lines are not wrapped (a diff's columns matter): room for the bar to scroll them.
        bar = self.horizontalScrollBar().sizeHint().height()
        self.setMinimumHeight(lines * self.fontMetrics().lineSpacing() + frame + bar)

"""The plain text pieces the widgets share: a wrapped label that never reads HTML, and a
read-only fixed-width view. (An outcome is shown by ``status.StatusView``.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget


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

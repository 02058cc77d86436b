"""The log, as the app writes it (the key is masked before any line is made)."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from codingplan import paths
from codingplan.ui import logs


class LogTab(QWidget):
    _line = Signal(str)  # from whichever thread logged it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        self.view.setMaximumBlockCount(logs.tail.lines.maxlen or 2000)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.view.setPlainText("\n".join(logs.tail.lines))
        folder = QPushButton(self.tr("Open &log folder"))
        folder.clicked.connect(self.open_folder)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(folder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._line.connect(self.view.appendPlainText)
        listener = self._line.emit
        logs.tail.listen(listener)
        self.destroyed.connect(lambda *_: logs.tail.unlisten(listener))

    @Slot()
    def open_folder(self) -> None:
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

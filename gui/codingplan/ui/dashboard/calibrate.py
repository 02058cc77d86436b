"""Calibration: the person enters what the plan's console shows for a window, right now."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from codingplan.ui import texts
from codingplan.ui.state import AppState


class CalibrateDialog(QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Calibrate the estimate"))
        console = state.settings.region.info.console_url
        intro = QLabel(
            self.tr(
                'Open the <a href="{url}">Coding Plan console</a> and enter what it shows for one '
                "window now. The estimate carries on from your reading."
            ).format(url=console)
        )
        intro.setWordWrap(True)
        intro.setOpenExternalLinks(True)
        self.window_box = QComboBox()
        for window in ("5h", "week", "month"):
            self.window_box.addItem(texts.window_name(window), window)
        self.used = QSpinBox()
        self.total = QSpinBox()
        for box in (self.used, self.total):
            box.setRange(0, 1_000_000)
            box.setGroupSeparatorShown(True)
        form = QFormLayout()
        form.addRow(self.tr("&Window:"), self.window_box)
        form.addRow(self.tr("&Used:"), self.used)
        form.addRow(self.tr("&Of a total of:"), self.total)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.window_box.currentIndexChanged.connect(self._window_changed)
        self._window_changed()

    @Slot()
    def _window_changed(self) -> None:
        window = self.window_box.currentData()
        tier = self.state.settings.tier
        self.total.setValue(tier.info.limit(window) if tier else 0)
        estimate = self.state.snapshot.windows[window] if self.state.snapshot else None
        self.used.setValue(estimate.used if estimate else 0)

    def accept(self) -> None:
        total = self.total.value() or None
        self.state.calibrate(self.window_box.currentData(), self.used.value(), total)
        super().accept()

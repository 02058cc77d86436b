"""Calibration: the person enters what the plan's console shows, right now, for any of the
three windows at once (each optional); the estimate carries on from each reading. A dialog
that fits (``FittingDialog``): a reading width where the screen has it, scrolling where not."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from codingplan import actions
from codingplan.actions import Reading
from codingplan.plan import WINDOWS, Tier, Window
from codingplan.ui import texts
from codingplan.ui.operations import run_action
from codingplan.ui.state import AppState
from codingplan.ui.translations import error_line
from codingplan.ui.widgets.dialog import FittingDialog

NOT_ENTERED = -1  # the used box's value until a number is typed
MOST_USED = 1_000_000


@dataclass
class ReadingRow:
    window: str
    used: QSpinBox
    total: QSpinBox
    estimate: QLabel


class CalibrateDialog(FittingDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, parent)
        self.state = state
        self.setWindowTitle(self.tr("Calibrate the estimate"))
        console = state.settings.region.info.console_url
        intro = QLabel(
            self.tr(
                'Open the <a href="{url}">Coding Plan console</a> and enter what it shows now, '
                "for any of the windows: leave the others empty. The estimate carries on from "
                "each reading."
            ).format(url=console)
        )
        intro.setWordWrap(True)
        intro.setOpenExternalLinks(True)
        grid = QGridLayout()
        for column, heading in enumerate(
            ("", self.tr("Used"), self.tr("Of a total of"), self.tr("Estimated now")), start=0
        ):
            label = QLabel(heading)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            grid.addWidget(label, 0, column)
        tier = state.tier
        self.rows: dict[str, ReadingRow] = {}
        for row_index, window in enumerate(WINDOWS, start=1):
            row = ReadingRow(window, QSpinBox(), QSpinBox(), QLabel())
            row.used.setRange(NOT_ENTERED, MOST_USED)
            row.used.setSpecialValueText(self.tr("not entered"))
            row.used.setValue(NOT_ENTERED)
            # No plan has more; 0 means "the plan's own total".
            row.total.setRange(0, Tier.PRO.info.limit(window))
            row.total.setSpecialValueText(
                self.tr("plan's ({limit})").format(limit=texts.number(tier.info.limit(window)))
                if tier
                else self.tr("not entered")
            )
            for box in (row.used, row.total):
                box.setGroupSeparatorShown(True)
                box.setAlignment(Qt.AlignmentFlag.AlignRight)
                box.setMinimumWidth(box.fontMetrics().horizontalAdvance("0" * 12))
            name = QLabel(texts.window_name(window) + ":")
            name.setBuddy(row.used)
            grid.addWidget(name, row_index, 0)
            grid.addWidget(row.used, row_index, 1)
            grid.addWidget(row.total, row_index, 2)
            grid.addWidget(row.estimate, row_index, 3)
            self.rows[window] = row
        grid.setColumnStretch(3, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(content)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._show_estimates()

    def _show_estimates(self) -> None:
        snapshot = self.state.snapshot
        for window, row in self.rows.items():
            estimate = snapshot.windows[window] if snapshot else None
            row.estimate.setText(
                self.tr("{used} used").format(used=texts.number(estimate.used)) if estimate else "—"
            )

    def readings(self) -> list[Reading]:
        """The reading of each row filled in (total None: the plan's own)."""
        return [
            Reading(Window(window), row.used.value(), row.total.value() or None)
            for window, row in self.rows.items()
            if row.used.value() != NOT_ENTERED
        ]

    def problem(self, reading: Reading) -> str:
        """Why a reading cannot be right (the rules of ``codingplan usage calibrate``)."""
        error = actions.reading_problem(reading, self.state.tier)
        if error is None:
            return ""
        return f"{texts.window_name(reading.window)}: {error_line(error)}"

    def accept(self) -> None:
        readings = self.readings()
        problems = [p for p in (self.problem(r) for r in readings) if p]
        if not readings:
            problems = [self.tr("Enter the used number of at least one window, or cancel.")]
        if problems:  # nothing is saved until every reading is possible
            self.message.setText("\n".join(problems))
            self.message.setVisible(True)
            self.grow()
            return
        if self.state.tracker is not None:
            run_action(
                self,
                self.state,
                actions.calibrate,
                self.state.tracker,
                readings,
                self.state.tier,
                on_error=self.state.error.emit,
            )
        super().accept()

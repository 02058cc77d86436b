"""The dashboard's first tab: the three windows, the forecast, and the two charts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from codingplan.ui import texts
from codingplan.ui.dashboard.cards import WindowCard
from codingplan.ui.dashboard.charts import HistoryChart, ReleaseChart
from codingplan.ui.state import AppState
from codingplan.ui.translations import core

if TYPE_CHECKING:  # the tracker's modules load after the first paint
    from codingplan.usage.snapshot import Snapshot
    from codingplan.usage.tracker import ScanProgress


class OverviewTab(QWidget):
    test_connection = Signal()
    calibrate = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.plan_line = QLabel()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setTextVisible(True)
        self.cards = {w: WindowCard(w) for w in ("5h", "week", "month")}
        self.forecast = QLabel()
        self.forecast.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setVisible(False)
        self.releases = ReleaseChart()
        self.history = HistoryChart()

        refresh = QPushButton(self.tr("&Refresh"))
        refresh.clicked.connect(state.refresh_usage)
        calibrate = QPushButton(self.tr("&Calibrate…"))
        calibrate.setToolTip(
            self.tr("Enter what the plan's console shows, to correct the estimate")
        )
        calibrate.clicked.connect(self.calibrate.emit)
        test = QPushButton(self.tr("&Test connection…"))
        test.clicked.connect(self.test_connection.emit)

        top = QHBoxLayout()
        top.addWidget(self.plan_line, 1)
        top.addWidget(self.progress)
        cards = QGridLayout()
        for column, card in enumerate(self.cards.values()):
            cards.addWidget(card, 0, column)
            cards.setColumnStretch(column, 1)
        charts = QHBoxLayout()
        charts.addWidget(self.releases, 1)
        charts.addWidget(self.history, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (refresh, calibrate, test):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(cards)
        layout.addWidget(self.forecast)
        layout.addWidget(self.notes)
        layout.addLayout(charts, 1)  # the charts take the height to spare, not the cards
        layout.addLayout(buttons)

        state.snapshot_changed.connect(self.show_snapshot)
        state.history_changed.connect(self.history.set_history)
        state.scan_progress.connect(self.show_progress)
        state.scanning_changed.connect(self._scanning)
        state.settings_changed.connect(self._settings_changed)
        self._settings_changed()
        if state.snapshot is not None:
            self.show_snapshot(state.snapshot)
            self.history.set_history(state.history)

    @Slot()
    def _settings_changed(self) -> None:
        settings = self.state.settings
        region = self.tr("International") if settings.region.value == "intl" else self.tr("China")
        plans = {None: self.tr("No plan chosen"), "lite": self.tr("Lite plan")}
        plan = plans.get(settings.tier and settings.tier.value, self.tr("Pro plan"))
        self.plan_line.setText(
            f"{plan} · {region}" + (f" · {settings.origin}" if settings.origin else "")
        )
        if self.state.snapshot is not None:
            self.show_snapshot(self.state.snapshot)

    @Slot(object)
    def show_snapshot(self, snapshot: Snapshot) -> None:
        thresholds = self.state.settings.notify_at
        for window, card in self.cards.items():
            card.show_estimate(snapshot.windows[window], snapshot, thresholds)
        self.forecast.setText(self._forecast_text(snapshot))
        releases = [(r.at_ms, r.count) for r in snapshot.windows["5h"].releases]
        self.releases.set_releases(releases, snapshot.now_ms)
        notes = [core(n) for e in snapshot.windows.values() for n in _notes(e)]
        self.notes.setText("\n".join(dict.fromkeys(notes)))
        self.notes.setVisible(bool(notes))

    def _forecast_text(self, snapshot: Snapshot) -> str:
        forecast = snapshot.forecast
        if forecast.binding is None:
            return self.tr("At the recent pace, no window runs out before it frees up again.")
        binding = forecast.windows[forecast.binding]
        assert binding.runs_out_ms is not None  # the binding window is one that runs out
        return self.tr(
            "At the recent pace ({pace} requests an hour), {window} runs out at {time}."
        ).format(
            pace=texts.number(round(binding.pace_per_hour)),
            window=texts.window_name(forecast.binding).lower()
            if forecast.binding != "5h"
            else self.tr("the 5-hour window"),
            time=texts.moment(binding.runs_out_ms, snapshot.now_ms),
        )

    @Slot(object)
    def show_progress(self, progress: ScanProgress) -> None:
        self.progress.setMaximum(max(1, progress.bytes_total))
        self.progress.setValue(progress.bytes_done)
        self.progress.setFormat(
            self.tr("Reading records: {done} of {total} files").format(
                done=texts.number(progress.files_done), total=texts.number(progress.files_total)
            )
        )

    @Slot(bool)
    def _scanning(self, scanning: bool) -> None:
        self.progress.setVisible(scanning)
        if scanning:
            self.progress.setMaximum(0)  # busy until the first progress report
            self.progress.setFormat(self.tr("Reading records…"))


def _notes(estimate) -> list[str]:
    from codingplan.usage.snapshot import CLAMPED_NOTE, UPGRADE_NOTE

    found = []
    if estimate.period is not None and estimate.period.clamped and estimate.window == "month":
        found.append(CLAMPED_NOTE)
    if estimate.upgrade:
        found.append(UPGRADE_NOTE)
    return found

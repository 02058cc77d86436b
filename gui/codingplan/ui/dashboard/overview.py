"""The dashboard's first tab: what set-up still needs, the three windows, the forecast,
the computers sharing the count, and the two charts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from codingplan.plan import WINDOWS, Window
from codingplan.ui import glance, icons, style, texts
from codingplan.ui.dashboard.cards import WindowCard
from codingplan.ui.dashboard.charts import HistoryChart, ReleaseChart
from codingplan.ui.dashboard.update_line import UpdateLine
from codingplan.ui.state import AppState
from codingplan.ui.translations import core, error_line

if TYPE_CHECKING:  # the tracker's modules load after the first paint
    from codingplan.actions.console import ConsoleStatus
    from codingplan.usage.snapshot import Snapshot
    from codingplan.usage.tracker import ScanProgress

SHOW_PROGRESS_AFTER_MS = 400  # a scan shorter than this shows no progress bar


class SetupBanner(QFrame):
    """Shown until a plan is chosen and a key stored: says what is missing, one click to
    the setup wizard."""

    run_wizard = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setup-banner")
        mark = QLabel()
        mark.setPixmap(icons.draw(32, None, icons.Level.SETUP, False))
        self.message = QLabel()
        self.message.setWordWrap(True)
        bold = QFont(self.message.font())
        bold.setBold(True)
        self.message.setFont(bold)
        self.detail = QLabel(
            self.tr(
                "Until then the cards show what was used, not what is left: there is nothing "
                "to measure it against."
            )
        )
        self.detail.setWordWrap(True)
        self.button = QPushButton(self.tr("&Set up…"))
        self.button.setDefault(True)
        self.button.clicked.connect(self.run_wizard.emit)
        words = QVBoxLayout()
        words.addWidget(self.message)
        words.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(words, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        style.make_card(self, "info")

    def show_needs(self, needs: list[str]) -> None:
        self.message.setText(glance.setup_line(needs))
        self.setVisible(bool(needs))


class OverviewTab(QWidget):
    test_connection = Signal()
    calibrate = Signal()
    run_wizard = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.banner = SetupBanner()
        self.banner.run_wizard.connect(self.run_wizard.emit)
        self.update_line = UpdateLine(state.updates)  # a newer version, while the check is on
        self.plan_line = QLabel()
        # The plan's end and renewal, and a failed console read: from the console reader.
        self.plan_facts = QLabel()
        self.plan_facts.setWordWrap(True)
        self.plan_facts.setVisible(False)
        self.console_line = QLabel()
        style.set_kind(self.console_line, "warning")
        self.console_line.setWordWrap(True)
        self.console_line.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setTextVisible(True)
        # Shown only for a scan that lasts: a tool's one new line is read in milliseconds,
        # and a bar flashing in and out would move the window's contents twice for nothing.
        self._show_progress = QTimer(self)
        self._show_progress.setSingleShot(True)
        self._show_progress.setInterval(SHOW_PROGRESS_AFTER_MS)
        self._show_progress.timeout.connect(lambda: self.progress.setVisible(True))
        self.cards = {w: WindowCard(w) for w in WINDOWS}
        self.forecast = QLabel()
        self.forecast.setWordWrap(True)
        self.machines = QLabel()
        self.machines.setWordWrap(True)
        self.machines.setVisible(False)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setVisible(False)
        # The calls a tool in use here records nothing of: the count cannot include them.
        self.unseen = style.set_role(QLabel(), "muted")
        self.unseen.setWordWrap(True)
        self.unseen.setVisible(False)
        # A "quota exceeded" from another address than the one in use (a test server).
        self.dismiss = QPushButton(self.tr("&Set aside answers from other addresses"))
        self.dismiss.setToolTip(
            self.tr(
                "The 'quota exceeded' answers that came through another address stop "
                "correcting the figures"
            )
        )
        self.dismiss.clicked.connect(self._dismiss)
        self.dismiss.setVisible(False)
        self.releases = ReleaseChart()
        self.history = HistoryChart()

        refresh = QPushButton(self.tr("&Refresh"))
        refresh.clicked.connect(state.refresh_usage)
        refresh.clicked.connect(state.console.refresh)
        self.calibrate_button = calibrate = QPushButton(self.tr("&Calibrate…"))
        calibrate.clicked.connect(self.calibrate.emit)
        self.test_button = test = QPushButton(self.tr("&Test connection…"))
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
        layout.addWidget(self.banner)
        layout.addWidget(self.update_line)
        layout.addLayout(top)
        layout.addWidget(self.plan_facts)
        layout.addLayout(cards)
        layout.addWidget(self.console_line)
        layout.addWidget(self.forecast)
        layout.addWidget(self.machines)
        layout.addWidget(self.notes)
        layout.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.unseen)
        layout.addLayout(charts, 1)  # the charts take the height to spare, not the cards
        layout.addLayout(buttons)

        state.snapshot_changed.connect(self.show_snapshot)
        state.history_changed.connect(self.history.set_history)
        state.scan_progress.connect(self.show_progress)
        state.scanning_changed.connect(self._scanning)
        state.settings_changed.connect(self._settings_changed)
        state.key_changed.connect(self._settings_changed)
        state.console.changed.connect(self.show_console)
        # The next read's "in 5 min" moves with the clock, as the cards' times do.
        state.snapshot_changed.connect(self._console_again)
        self._settings_changed()
        if state.console.status is not None:
            self.show_console(state.console.status)
        if state.snapshot is not None:
            self.show_snapshot(state.snapshot)
            self.history.set_history(state.history)

    def setup_needs(self) -> list[str]:
        return glance.setup_needs(self.state.tier, self.state.key_status)

    @Slot()
    def _settings_changed(self, *_args) -> None:
        self.banner.show_needs(self.setup_needs())
        # Off, saying why, while what they need is missing: a key to test, a plan to calibrate.
        for button, why, what in (
            (
                self.test_button,
                glance.why_no_test(self.state.key_status),
                self.tr("Check that this computer reaches the plan, with your key"),
            ),
            (
                self.calibrate_button,
                glance.why_no_calibration(self.state.tier),
                self.tr("Enter what the plan's console shows, to correct the estimate"),
            ),
        ):
            button.setEnabled(not why)
            button.setToolTip(why or what)
        if self.state.snapshot is not None:
            self.show_snapshot(self.state.snapshot)
        else:
            self._show_plan_line()

    def _show_plan_line(self) -> None:
        settings = self.state.settings
        region = self.tr("International") if settings.region.value == "intl" else self.tr("China")
        plans = {None: self.tr("No plan chosen"), "lite": self.tr("Lite plan")}
        tier = self.state.tier
        plan = plans.get(tier and tier.value, self.tr("Pro plan"))
        self.plan_line.setText(
            f"{plan} · {region}" + (f" · {settings.origin}" if settings.origin else "")
        )

    @Slot(object)
    def show_snapshot(self, snapshot: Snapshot) -> None:
        self._show_plan_line()
        thresholds = self.state.settings.notify_at
        needs = self.setup_needs()
        for window, card in self.cards.items():
            card.show_estimate(snapshot.windows[window], snapshot, thresholds, bool(needs))
        self.forecast.setText("" if needs else glance.forecast_line(snapshot))
        self.forecast.setVisible(not needs)
        self.machines.setText(self._machines_text(snapshot))
        self.machines.setVisible(bool(snapshot.machines))
        self.history.set_counting(bool(snapshot.counting))
        releases = [(r.at_ms, r.count) for r in snapshot.windows[Window.FIVE_HOURS].releases]
        self.releases.set_releases(releases, snapshot.now_ms)
        notes = [n for e in snapshot.windows.values() for n in self._notes(e)]
        self.notes.setText("\n".join(dict.fromkeys(notes)))
        self.notes.setVisible(bool(notes))
        self.dismiss.setVisible(any(e.through for e in snapshot.windows.values()))
        unseen = [
            f"{texts.source_name(s.id)}: {core(s.unseen)}"
            for s in snapshot.sources
            if s.unseen and s.files
        ]
        self.unseen.setText(
            self.tr("Not in the tools' records, so not counted: {list}").format(
                list=glance.join(unseen)
            )
        )
        self.unseen.setVisible(bool(unseen))

    @Slot(object)
    def show_console(self, status: ConsoleStatus) -> None:
        """The plan's end from its console, and a read that failed."""
        from datetime import UTC, datetime

        from codingplan.console import facts as plan_facts
        from codingplan.ui import console_texts

        reading = status.reading if status.logged_in else None
        if reading is not None:
            found = plan_facts.plan_facts(reading, datetime.now(UTC))
            line = console_texts.facts_line(found)
            if not found.renewable:
                line += "\n" + core(plan_facts.LITE_NOT_RENEWABLE)
            warn = not found.renewable or (found.days_left < 7 and not found.auto_renew)
            self.plan_facts.setText(line)
            style.set_kind(self.plan_facts, "warning" if warn else None)
        self.plan_facts.setVisible(reading is not None)
        fault = status.fault if status.logged_in else None
        if fault is not None:
            next_ms = self.state.console.next_read_ms
            now_ms = int(datetime.now(UTC).timestamp() * 1000)
            retry = console_texts.next_line(next_ms, now_ms)
            # The cards say what they show (the last reading while it holds, else the
            # estimate); this line says what failed and when the app tries again.
            reason = error_line(fault)
            self.console_line.setText(
                self.tr("The plan's console could not be read: {reason} {next}.").format(
                    reason=reason, next=retry
                )
                if retry
                else self.tr("The plan's console could not be read: {reason}").format(reason=reason)
            )
        self.console_line.setVisible(fault is not None)

    @Slot()
    def _console_again(self, *_args: object) -> None:
        if self.state.console.status is not None:
            self.show_console(self.state.console.status)

    def _notes(self, estimate) -> list[str]:
        from codingplan.usage.snapshot import STALE_NOTE

        found = [core(n) for n in _notes(estimate)]
        if estimate.stale_reading_ms is not None:
            found.append(core(STALE_NOTE))
        if estimate.through:
            found.append(
                self.tr(
                    "The 'quota exceeded' answer behind the {window} figure came through "
                    "{origin}, not the address in use."
                ).format(window=texts.window_name(estimate.window), origin=estimate.through)
            )
        return found

    @Slot()
    def _dismiss(self) -> None:
        from codingplan import actions
        from codingplan.ui.operations import run_action

        if self.state.tracker is not None:
            run_action(
                self,
                self.state,
                actions.dismiss_answers,
                self.state.tracker,
                on_error=self.state.error.emit,
            )

    def _machines_text(self, snapshot: Snapshot) -> str:
        """This month's requests per computer sharing the folder (this one first)."""
        shown = []
        for i, machine in enumerate(snapshot.machines):
            entry = f"{machine.label} {texts.number(machine.requests)}"
            if i == 0:
                entry += self.tr(" (this computer)")
            if machine.newer:
                entry += self.tr(" (newer version: not read)")
            elif machine.silent:
                entry += self.tr(" (silent for days)")
            shown.append(entry)
        return self.tr("This month by computer: {list}").format(list=glance.join(shown))

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
        if scanning:
            self.progress.setMaximum(0)  # busy until the first progress report
            self.progress.setFormat(self.tr("Reading records…"))
            self._show_progress.start()
        else:
            self._show_progress.stop()
            self.progress.setVisible(False)


def _notes(estimate) -> list[str]:
    from codingplan.usage.snapshot import CLAMPED_NOTE, UPGRADE_NOTE

    found = []
    if estimate.period is not None and estimate.period.clamped and estimate.window == Window.MONTH:
        found.append(CLAMPED_NOTE)
    if estimate.upgrade:
        found.append(UPGRADE_NOTE)
    return found

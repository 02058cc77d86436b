"""The Key tab's part for the plan's console: who is logged in (masked), the last reading and
its age, when the next one is due, what went wrong with the last one; log in, read now,
log out."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from codingplan.ui import console_texts
from codingplan.ui.operations import run_action
from codingplan.ui.state import AppState
from codingplan.ui.widgets.console_fault import ConsoleFaultView
from codingplan.ui.widgets.console_login import ConsoleLoginWidget
from codingplan.ui.widgets.dialog import FittingDialog
from codingplan.ui.widgets.result_view import plain_label
from codingplan.ui.widgets.status import Kind

if TYPE_CHECKING:
    from codingplan.actions.console import ConsoleStatus

AGE_TICK_MS = 30_000  # the reading's age is told in minutes


class ConsoleLoginDialog(FittingDialog):
    """The login of the wizard's page, from the Key tab; it closes once logged in."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        self.login = ConsoleLoginWidget(state)
        super().__init__(self.login, parent)
        self.setWindowTitle(self.tr("Log in to the plan's console"))
        self.login.logged_in.connect(lambda _status: self.accept())
        self.login.result.status.details_button.toggled.connect(self.grow)
        self.login.look_for_bl()


class ConsoleSection(QGroupBox):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle(self.tr("The plan's own figures"))
        self.who = plain_label()
        self.read = plain_label()
        self.fault = ConsoleFaultView()
        self.result = ConsoleFaultView()  # what the last logout did
        self.login_button = QPushButton(self.tr("&Log in…"))
        self.read_button = QPushButton(self.tr("Read &now"))
        self.logout_button = QPushButton(self.tr("Log &out"))
        self.login_button.clicked.connect(self.open_login)
        self.read_button.clicked.connect(state.console.read)
        self.logout_button.clicked.connect(self.confirm_logout)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.login_button, self.read_button, self.logout_button):
            buttons.addWidget(button)
        note = plain_label(
            self.tr(
                "While logged in, the app reads the counters the plan's console shows when it "
                "opens, every 5 minutes, on Refresh and after a 'quota exceeded' answer. "
                "Reading them spends no plan quota. The AccessKey is kept in the system "
                "keyring."
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.read)
        layout.addWidget(self.fault)
        layout.addWidget(self.result)
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.dialog: ConsoleLoginDialog | None = None
        self.question: QMessageBox | None = None
        self._was_bl = False
        self._ages = QTimer(self)
        self._ages.setInterval(AGE_TICK_MS)
        self._ages.timeout.connect(self.show_current)
        self._ages.start()
        state.console.changed.connect(self.show_status)
        state.console.reading_changed.connect(self.show_current)
        self.show_current()

    @Slot()
    @Slot(bool)
    def show_current(self, *_args: object) -> None:
        status = self.state.console.status
        if status is not None:
            self.show_status(status)
        else:
            self.who.setText(self.tr("Looking for a login…"))
            self.read.setVisible(False)
            for button in (self.read_button, self.logout_button):
                button.setEnabled(False)

    @Slot(object)
    def show_status(self, status: ConsoleStatus) -> None:
        reader = self.state.console
        if status.logged_in:
            self.who.setText(self.tr("Logged in with {who}.").format(who=console_texts.who(status)))
        else:
            self.who.setText(
                self.tr("Not logged in: the cards show figures estimated from the tools' records.")
            )
        now_ms = int(time.time() * 1000)
        parts = [console_texts.read_line(status)] if status.logged_in else []
        if status.logged_in and reader.reading:
            parts.append(self.tr("reading now…"))
        elif status.logged_in:
            parts.append(console_texts.next_line(reader.next_read_ms, now_ms))
        self.read.setText(" · ".join(p for p in parts if p))
        self.read.setVisible(bool(self.read.text()))
        if status.fault is not None and status.logged_in:
            self.fault.show_fault(
                status.fault,
                self.tr("The last read of the plan's console failed"),
                Kind.WARNING,
            )
        else:
            self.fault.clear()
        self.login_button.setText(
            self.tr("&Log in again…") if status.logged_in else self.tr("&Log in…")
        )
        self.read_button.setEnabled(status.logged_in and not reader.reading)
        self.logout_button.setEnabled(status.logged_in)

    # --- log in ------------------------------------------------------------------------

    @Slot()
    def open_login(self) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        self.result.clear()
        self.dialog = ConsoleLoginDialog(self.state, self)
        self.dialog.open()

    # --- log out -----------------------------------------------------------------------

    @Slot()
    def confirm_logout(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Log out of the plan's console?"),
            self.tr(
                "The AccessKey is deleted from the keyring and the cards go back to the "
                "estimate. To log in again you need the AccessKey's secret."
            ),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        logout = box.addButton(self.tr("Log out"), QMessageBox.ButtonRole.DestructiveRole)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)

        def answered() -> None:
            self.question = None
            if box.clickedButton() is logout:
                self.logout()

        box.finished.connect(lambda _r: answered())
        self.question = box
        box.open()

    def logout(self) -> None:
        from codingplan.actions import console

        def out_and_look() -> tuple[bool, ConsoleStatus]:
            return console.logout(), console.status(read=False)

        before = self.state.console.status
        self._was_bl = before is not None and before.way == "bl"
        self.logout_button.setEnabled(False)
        run_action(
            self, self.state, out_and_look, on_done=self._logged_out, on_error=self._logout_failed
        )

    def _logged_out(self, result: tuple[bool, ConsoleStatus]) -> None:
        removed, status = result
        self.state.console.set_status(status)
        if self._was_bl:
            said = self.tr("The app no longer uses the bl command's login.")
        elif removed:
            said = self.tr("The AccessKey was deleted from the keyring.")
        else:
            said = self.tr("No AccessKey was stored.")
        self.result.show_status(Kind.SUCCESS, self.tr("Logged out"), said)

    def _logout_failed(self, error: BaseException) -> None:
        self.logout_button.setEnabled(True)
        self.result.show_fault(error, self.tr("Not logged out"))

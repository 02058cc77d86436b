"""Logging in to the plan's console, to show its own figures: what the AccessKey is for, how
to make one that can do nothing else, its fields, and ``bl``'s login as a second way in.

The secret and the STS token are typed into hidden fields, handed to the login action and
emptied once it is done, whatever the outcome: only the keyring keeps them.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from codingplan.plan import Region
from codingplan.ui.operations import run_action
from codingplan.ui.state import AppState
from codingplan.ui.widgets import links
from codingplan.ui.widgets.console_fault import ConsoleFaultView, PolicyBox
from codingplan.ui.widgets.result_view import plain_label
from codingplan.ui.widgets.status import Kind

if TYPE_CHECKING:
    from codingplan.actions.console import ConsoleStatus
    from codingplan.console.bailian import BlLogin

RAM_CONSOLES = {
    Region.INTL: "https://ram.console.alibabacloud.com/users",
    Region.CN: "https://ram.console.aliyun.com/users",
}


def _hidden(edit: QLineEdit) -> QLineEdit:
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setInputMethodHints(
        Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
    )
    return edit


class ConsoleLoginWidget(QWidget):
    logged_in = Signal(object)  # ConsoleStatus
    busy_changed = Signal(bool)
    input_changed = Signal()

    def __init__(
        self, state: AppState, parent: QWidget | None = None, *, region: Region | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.region = region or state.settings.region
        self.busy = False
        self.bl: BlLogin | None = None

        intro = plain_label(
            self.tr(
                "With an AccessKey, the app reads the counters the plan's console shows, so the "
                "cards show the plan's own figures instead of an estimate. Reading them spends "
                "no plan quota. This step is optional."
            )
        )
        self.ram = self._ram_box()

        self.key_id = QLineEdit()
        self.key_id.setPlaceholderText("LTAI…")
        self.secret = _hidden(QLineEdit())
        self.token = _hidden(QLineEdit())
        self.token.setPlaceholderText(self.tr("Only for a temporary (STS) AccessKey"))
        self.site = QComboBox()
        self.site.addItem(self.tr("As the plan's region says"), None)
        self.site.addItem(self.tr("International (alibabacloud.com)"), "international")
        self.site.addItem(self.tr("China (aliyun.com)"), "domestic")
        for edit in (self.key_id, self.secret, self.token):
            edit.setClearButtonEnabled(True)
            edit.textChanged.connect(self._typed)
        self.secret.returnPressed.connect(self.login)
        form = QFormLayout()
        form.addRow(self.tr("AccessKey &ID:"), self.key_id)
        form.addRow(self.tr("AccessKey &secret:"), self.secret)
        form.addRow(self.tr("STS &token (optional):"), self.token)
        form.addRow(self.tr("Account's si&te:"), self.site)
        self.login_button = QPushButton(self.tr("&Log in and read"))
        self.login_button.setEnabled(False)
        self.login_button.clicked.connect(self.login)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.login_button)
        key_box = QGroupBox(self.tr("The AccessKey"))
        key_layout = QVBoxLayout(key_box)
        key_layout.addLayout(form)
        key_layout.addLayout(button_row)

        self.bl_box = QGroupBox(self.tr("A second way in: the bl command's login"))
        self.bl_text = plain_label()
        self.use_bl_button = QPushButton(self.tr("Use &bl's login"))
        self.use_bl_button.clicked.connect(self.use_bl)
        bl_row = QHBoxLayout()
        bl_row.addStretch(1)
        bl_row.addWidget(self.use_bl_button)
        bl_layout = QVBoxLayout(self.bl_box)
        bl_layout.addWidget(self.bl_text)
        bl_layout.addLayout(bl_row)
        self.bl_box.setVisible(False)

        self.result = ConsoleFaultView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.result)
        layout.addWidget(key_box)
        layout.addWidget(self.bl_box)
        layout.addWidget(self.ram)
        layout.addStretch(1)

    def _ram_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("An AccessKey that can only read the figures"))
        steps = plain_label(
            self.tr(
                "1. In the RAM console, create a user for this app, with OpenAPI access.\n"
                "2. Create a policy from the JSON below (in the JSON editor: the visual editor "
                "does not list this permission) and attach it to the user.\n"
                "3. Create an AccessKey for the user and enter its ID and secret above.\n"
                "Avoid your main account's AccessKey: it can do everything on your account."
            )
        )
        self.open_ram = QPushButton(self.tr("Open the &RAM console"))
        self.open_ram.clicked.connect(
            lambda: links.open_url(QUrl(RAM_CONSOLES.get(self.region, RAM_CONSOLES[Region.INTL])))
        )
        self.policy = PolicyBox()
        row = QHBoxLayout()
        row.addWidget(self.open_ram)
        row.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(steps)
        layout.addLayout(row)
        layout.addWidget(self.policy)
        return box

    # --- input -------------------------------------------------------------------------

    def has_input(self) -> bool:
        return bool(self.key_id.text().strip() or self.secret.text())

    def ready(self) -> bool:
        return bool(self.key_id.text().strip() and self.secret.text()) and not self.busy

    def ask_for_both(self) -> None:
        """Half a login was entered, and the person tried to go on."""
        self.result.show_status(
            Kind.WARNING,
            self.tr("Enter both the AccessKey ID and its secret"),
            self.tr("Or empty both fields to go on without the plan's own figures."),
        )

    @Slot()
    def _typed(self) -> None:
        self.login_button.setEnabled(self.ready())
        self.input_changed.emit()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.key_id, self.secret, self.token, self.site, self.use_bl_button):
            widget.setEnabled(not busy)
        self.login_button.setEnabled(self.ready())
        if busy:
            self.login_button.setText(self.tr("Logging in…"))
        else:
            self.login_button.setText(self.tr("&Log in and read"))
        self.busy_changed.emit(busy)

    # --- logging in --------------------------------------------------------------------

    @Slot()
    def login(self) -> None:
        if not self.ready():
            return
        from codingplan.actions import console

        action = functools.partial(
            console.login,
            self.key_id.text(),
            self.secret.text(),
            security_token=self.token.text() or None,
            site=self.site.currentData(),
        )
        self._set_busy(True)
        self.result.show_status(Kind.INFO, self.tr("Logging in to the plan's console…"))
        run_action(self, self.state, action, on_done=self._done, on_error=self._failed)

    def _forget_secrets(self) -> None:
        self.secret.clear()
        self.token.clear()

    def _done(self, status: ConsoleStatus) -> None:
        self._forget_secrets()
        if status.logged_in:  # the result names it, masked: the fields are for a new one
            self.key_id.clear()
        self.state.console.set_status(status)  # before the page hears that it ended
        self._set_busy(False)
        self.show_result(status)
        if status.logged_in and status.fault is None:  # else the fault stays in sight
            self.logged_in.emit(status)

    def _failed(self, error: BaseException) -> None:
        self._forget_secrets()
        self._set_busy(False)
        self.result.show_fault(error, self.tr("Not logged in"))

    def show_result(self, status: ConsoleStatus) -> None:
        """A login's outcome: logged in and read, logged in but not read, or not in."""
        from codingplan.ui.console_texts import who

        if status.logged_in and status.fault is None:
            self.result.show_status(
                Kind.SUCCESS,
                self.tr("Logged in: {who}").format(who=who(status)),
                self.tr(
                    "The cards now show the plan's own figures, read again every 5 minutes "
                    "while the app runs."
                ),
            )
        elif status.logged_in and status.fault is not None:
            self.result.show_fault(
                status.fault,
                self.tr("Logged in, but the figures could not be read"),
                Kind.WARNING,
            )
        elif status.fault is not None:
            self.result.show_fault(status.fault, self.tr("Not logged in"))

    # --- bl's login --------------------------------------------------------------------

    def look_for_bl(self) -> None:
        """Offer ``bl``'s login if it keeps one (its file is read off the GUI thread)."""
        from codingplan.actions import console

        run_action(self, self.state, console.bl_login, on_done=self._bl_found)

    def _bl_found(self, found: BlLogin | None) -> None:
        self.bl = found
        if found is not None:
            self.bl_text.setText(
                self.tr(
                    "Alibaba's bl command is logged in on this computer ({path}). The app can "
                    "use that login instead of an AccessKey: it only reads it, never copies it. "
                    "When bl's login expires, log in with bl again."
                ).format(path=str(found.path))
            )
        self.bl_box.setVisible(found is not None)

    @Slot()
    def use_bl(self) -> None:
        from codingplan.actions import console

        def use_and_read() -> ConsoleStatus:
            console.use_bl(True)
            return console.read_now()

        self._set_busy(True)
        self.result.show_status(Kind.INFO, self.tr("Reading the plan's console with bl's login…"))
        run_action(self, self.state, use_and_read, on_done=self._done, on_error=self._failed)

"""Entering the plan key: a hidden field with a live format check, where the key will live,
where to find it, storing it in the keyring, and updating tools that hold a copy of the old one.

The key is never logged, never shown (except in the field while "show" is on) and not kept
here once stored: the field is emptied and only the masked form remains.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from codingplan import actions, integrations, plan
from codingplan.actions import KeyUpdate, StoredKey
from codingplan.errors import CodingPlanError
from codingplan.outcomes import Diagnosis, render
from codingplan.plan import Region
from codingplan.tools.types import ChangeSet
from codingplan.ui.operations import run_action
from codingplan.ui.state import AppState
from codingplan.ui.texts import join_list
from codingplan.ui.translations import core, error_line, error_texts
from codingplan.ui.widgets import links
from codingplan.ui.widgets.dialog import FittingDialog
from codingplan.ui.widgets.diff_view import DiffView
from codingplan.ui.widgets.result_view import plain_label
from codingplan.ui.widgets.status import Kind, StatusView

if TYPE_CHECKING:
    from codingplan.actions.key import KeyStatus


class KeyEntryWidget(QWidget):
    validity_changed = Signal(bool)  # whether the page may go on (see ``can_continue``)
    busy_changed = Signal(bool)
    stored = Signal(str)  # the masked key
    store_failed = Signal(object)  # CodingPlanError
    rotation_applied = Signal(object)  # KeyUpdate

    def __init__(
        self,
        state: AppState,
        parent: QWidget | None = None,
        *,
        region: Region | None = None,
        store_button: bool = True,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self._region = region
        self._busy = False
        self.status: KeyStatus | None = state.key_status
        self.masked: str | None = None
        self.rotations: list[ChangeSet] = []

        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setPlaceholderText("sk-sp-…")
        self.edit.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._text_changed)
        self.edit.returnPressed.connect(self._return_pressed)
        label = QLabel(self.tr("Plan &key:"))
        label.setBuddy(self.edit)
        self.show_key = QCheckBox(self.tr("S&how"))
        self.show_key.toggled.connect(self._toggle_shown)
        self.check_message = StatusView()
        self.current = plain_label()
        self.where = plain_label()
        self.console_hint = plain_label(
            self.tr(
                "The plan key starts with sk-sp- and is on the Coding Plan page of the "
                "console; the general Model Studio API keys do not work with the plan, nor "
                "do keys of the Token Plan (a separate subscription whose keys also start "
                "with sk-sp-)."
            )
        )
        self.console_button = QPushButton(self.tr("Open the Coding Plan &console"))
        self.console_button.clicked.connect(self.open_console)
        self.store_button = QPushButton(self.tr("S&tore the key"))
        self.store_button.clicked.connect(self.store)
        self.store_button.setVisible(store_button)
        self.result = StatusView()

        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.edit, 1)
        row.addWidget(self.show_key)
        buttons = QHBoxLayout()
        buttons.addWidget(self.console_button)
        buttons.addStretch(1)
        buttons.addWidget(self.store_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        for widget in (self.check_message, self.current, self.where, self.console_hint):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self._rotation_box())
        layout.addStretch(1)

        state.key_changed.connect(self._status_changed)
        self._show_status()
        self._text_changed(self.edit.text())
        state.refresh_key()

    def _rotation_box(self) -> QGroupBox:
        self.rotation_box = QGroupBox(self.tr("Tools that hold a copy of the old key"))
        self.rotation_text = plain_label()
        self.rotation_diff = DiffView()
        self.rotation_button = QPushButton(self.tr("&Put the new key in these tools"))
        self.rotation_button.clicked.connect(self.apply_rotation)
        self.rotation_result = StatusView()
        layout = QVBoxLayout(self.rotation_box)
        for widget in (
            self.rotation_text,
            self.rotation_diff,
            self.rotation_button,
            self.rotation_result,
        ):
            layout.addWidget(widget)
        self.rotation_box.setVisible(False)
        return self.rotation_box

    # --- state -------------------------------------------------------------------------

    def region(self) -> Region:
        return self._region or self.state.settings.region

    def set_region(self, region: Region) -> None:
        """Which console to point at (the wizard's choice, before it is saved)."""
        self._region = region

    @property
    def busy(self) -> bool:
        return self._busy

    def has_input(self) -> bool:
        return bool(self.edit.text().strip())

    def input_valid(self) -> bool:
        try:
            plan.check_key(self.edit.text())
        except CodingPlanError:
            return False
        return True

    def key_ready(self) -> bool:
        """A key is in the keyring (stored here, or found there)."""
        return self.masked is not None

    def can_continue(self) -> bool:
        """A well-formed key is typed, or the field is empty and a key is already stored."""
        if self._busy:
            return False
        return self.input_valid() if self.has_input() else self.key_ready()

    def tools_need_attention(self) -> bool:
        """Tools still hold the old key (or could not be checked): the person should see it."""
        return not self.rotation_box.isHidden()

    # --- what is shown -----------------------------------------------------------------

    @Slot(str)
    def _text_changed(self, text: str) -> None:
        if not text.strip():
            self.check_message.clear()
        else:
            try:
                plan.check_key(text)
            except CodingPlanError as err:
                message, remedy = error_texts(err)
                self.check_message.show_status(Kind.ERROR, "", message, remedy)
            else:
                self.check_message.show_status(
                    Kind.SUCCESS, "", self.tr("This looks like a Coding Plan key.")
                )
        self.store_button.setEnabled(not self._busy and self.input_valid())
        self.validity_changed.emit(self.can_continue())

    @Slot()
    def _return_pressed(self) -> None:
        if not self.store_button.isHidden():  # in the wizard, Enter is Next, which stores
            self.store()

    @Slot(bool)
    def _toggle_shown(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)

    @Slot(object)
    def _status_changed(self, status: KeyStatus) -> None:
        self.status = status
        self._show_status()
        self.validity_changed.emit(self.can_continue())

    def _show_status(self) -> None:
        status = self.status
        if status is None:
            self.where.setText(self.tr("Looking for the system keyring…"))
            self.current.setVisible(False)
            return
        if status.error is not None:
            message, remedy = error_texts(status.error)
            self.where.setText(f"{message}\n{remedy}")
        else:
            service, account = actions.key_place()
            self.where.setText(
                self.tr(
                    "The key will be kept in {backend} (service “{service}”, account "
                    "“{account}”) and in no file."
                ).format(backend=status.backend, service=service, account=account)
            )
        self.masked = status.masked if status.stored else None
        self.current.setVisible(self.masked is not None)
        if self.masked is not None:
            self.current.setText(
                self.tr(
                    "A key is stored: {masked}. Paste a new one to replace it, or leave the field "
                    "empty to keep it."
                ).format(masked=self.masked)
            )

    # --- actions -----------------------------------------------------------------------

    @Slot()
    def open_console(self) -> None:
        links.open_url(QUrl(self.region().info.console_url))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.edit.setReadOnly(busy)  # read-only, not disabled: it keeps the keyboard focus
        self.rotation_button.setEnabled(not busy)
        self.store_button.setEnabled(not busy and self.input_valid())
        self.busy_changed.emit(busy)
        self.validity_changed.emit(self.can_continue())

    @Slot()
    def store(self) -> None:
        """Store the typed key in the background; ``stored`` or ``store_failed`` follows."""
        if self._busy or not self.input_valid():
            return
        self.result.clear()
        self.rotation_box.setVisible(False)
        self._set_busy(True)
        run_action(
            self,
            self.state,
            actions.store_key,
            self.edit.text(),
            on_done=self._stored,
            on_error=self._store_failed,
        )

    def _stored(self, outcome: StoredKey) -> None:
        self.masked = outcome.masked
        self.edit.clear()  # the key lives in the keyring now, not in this widget
        self.show_key.setChecked(False)
        self._set_busy(False)
        where = self.status.backend if self.status and self.status.backend else ""
        self.result.show_texts(
            self.tr("Key stored"),
            self.tr("{masked} is in {backend}.").format(masked=outcome.masked, backend=where)
            if where
            else self.tr("{masked} is in the system keyring.").format(masked=outcome.masked),
            ok=True,
        )
        self._show_rotation(outcome)
        self.stored.emit(outcome.masked)

    def show_refused(self, diagnosis: Diagnosis) -> None:
        """The stored key was refused by the plan (a test request's answer): say so here, where
        it can be replaced, instead of a bare "stored"."""
        if self.masked is None:
            return
        message, remedy = render(diagnosis, tr=core)
        self.result.show_status(
            Kind.WARNING,
            self.tr("Key stored, but the plan refused it"),
            self.tr(
                "{masked} is in the keyring, but the test request was refused. {reason}"
            ).format(masked=self.masked, reason=message),
            self.tr("Paste the right key above to replace it. {remedy}").format(remedy=remedy),
            fixes=[(self.tr("Paste another key"), self._focus_field)],
        )

    @Slot()
    def _focus_field(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit.selectAll()

    def _store_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.result.show_error(error, self.tr("The key was not stored"))
        self.store_failed.emit(error)

    # --- tools holding the old key -----------------------------------------------------

    def _show_rotation(self, outcome: StoredKey) -> None:
        """Each tool that holds a copy of the old key: those that can be updated, with the
        change shown, and those that cannot, each with why."""
        self.rotations = outcome.rotations
        self.rotation_result.clear()
        if not outcome.rotations and not outcome.failed:
            return
        lines = []
        if outcome.rotations:
            names = join_list([integrations.name(c.tool_id) for c in outcome.rotations])
            lines.append(
                self.tr(
                    "{tools} still hold a copy of the old key in their files. The change below "
                    "puts the new key there (shown masked)."
                ).format(tools=names)
            )
        lines += [self._not_updated_line(tool, err) for tool, err in outcome.failed.items()]
        self.rotation_text.setText("\n".join(lines))
        self.rotation_diff.set_diff("".join(c.diff for c in outcome.rotations))
        self.rotation_diff.setVisible(bool(outcome.rotations))
        self.rotation_button.setVisible(bool(outcome.rotations))
        self.rotation_button.setEnabled(bool(outcome.rotations))
        self.rotation_box.setVisible(True)

    def _not_updated_line(self, tool_id: str, error: CodingPlanError) -> str:
        return self.tr(
            "{tool} still holds the old key and cannot be updated: {reason} Once that is fixed, "
            "apply its setup again (Tools tab)."
        ).format(tool=integrations.name(tool_id), reason=error_line(error))

    @Slot()
    def apply_rotation(self) -> None:
        if self._busy or not self.rotations:
            return
        self._set_busy(True)
        run_action(
            self,
            self.state,
            actions.update_key_copies,
            self.rotations,
            on_done=self._rotated,
            on_error=self._rotation_failed,
        )

    def _rotated(self, update: KeyUpdate) -> None:
        self._set_busy(False)
        self.rotations = []
        self.rotation_button.setEnabled(False)
        failed = [self._not_updated_line(t, err) for t, err in update.failed.items()]
        if update.updated:
            names = join_list([integrations.name(t) for t in update.updated])
            done = self.tr("The new key is now in {tools}.").format(tools=names)
            if failed:
                self.rotation_result.show_status(
                    Kind.WARNING, self.tr("Partly updated"), "\n".join([done, *failed])
                )
            else:
                self.rotation_result.show_texts(self.tr("Updated"), done, ok=True)
        else:
            self.rotation_result.show_texts(
                self.tr("The tools were not updated"), "\n".join(failed)
            )
        self.rotation_applied.emit(update)

    def _rotation_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.rotation_result.show_error(error, self.tr("The tools were not updated"))


class KeyDialog(FittingDialog):
    """The key entry in a window of its own: the dashboard's Store or Replace, a "Change the
    key" fix. Its title says which: storing a first key, or replacing the one stored."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        self.entry = KeyEntryWidget(state)
        super().__init__(self.entry, parent)  # a reading width, then all the height it needs
        self._title(state.key_status)
        state.key_changed.connect(self._title)
        for signal in (self.entry.stored, self.entry.store_failed, state.key_changed):
            signal.connect(self.grow)

    @Slot(object)
    def _title(self, status: KeyStatus | None) -> None:
        stored = status is not None and status.stored
        self.setWindowTitle(self.tr("Replace the key") if stored else self.tr("Store the key"))

    @classmethod
    def open_for(cls, state: AppState, parent: QWidget, current: KeyDialog | None) -> KeyDialog:
        """Show ``current`` again (one per window), or a new one."""
        dialog = current or cls(state, parent)
        if dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
        else:
            dialog.open()
        return dialog

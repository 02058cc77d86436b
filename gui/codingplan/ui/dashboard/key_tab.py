"""The key: whether it is stored and where; replace it; remove it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from codingplan import keystore
from codingplan.ui.state import AppState
from codingplan.ui.translations import error_texts
from codingplan.ui.widgets.status import Kind, StatusView

if TYPE_CHECKING:
    from codingplan.ui.widgets.key_entry import KeyDialog


class KeyTab(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.problem = StatusView()
        self.replace = QPushButton(self.tr("&Replace key…"))
        self.remove = QPushButton(self.tr("Re&move key"))
        self.replace.clicked.connect(self.open_replace)
        self.remove.clicked.connect(self.confirm_remove)
        form = QFormLayout()
        form.addRow(self.tr("Key:"), self.key_label)
        form.addRow(self.tr("Kept in:"), self.where)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.replace)
        buttons.addWidget(self.remove)
        note = QLabel(
            self.tr(
                "The key lives only in your system's keyring. Claude Code asks this app for it; "
                "tools that cannot (Qwen Code, Cline, OpenCode) keep a copy in their own file, "
                "readable only by you, and get the new key when you replace it here."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._dialog: KeyDialog | None = None
        state.key_changed.connect(self.show_status)
        if state.key_status is not None:
            self.show_status(state.key_status)

    @Slot(object)
    def show_status(self, status: keystore.KeyStatus) -> None:
        where = self.tr("{backend}, service “{service}”, account “{account}”").format(
            backend=status.backend or self.tr("no keyring"),
            service=keystore.SERVICE,
            account=keystore.ACCOUNT,
        )
        self.where.setText(where)
        if status.error is not None:
            message, remedy = error_texts(status.error)
            self.key_label.setText(self.tr("Unavailable"))
            self.problem.show_status(
                Kind.ERROR, self.tr("The keyring cannot be used"), message, remedy
            )
        else:
            # "" for a stored key with no masked form: what Qt made of None before.
            masked = status.masked or ""
            self.key_label.setText(masked if status.stored else self.tr("Not stored yet"))
            if status.stored:
                self.problem.clear()
            else:
                self.problem.show_status(
                    Kind.WARNING,
                    self.tr("No key stored"),
                    self.tr("The tools set up by this app cannot reach the plan without it."),
                    fixes=[(self.tr("Store a key"), self.open_replace)],
                )
        self.remove.setEnabled(bool(status.stored))

    @Slot()
    def open_replace(self) -> None:
        from codingplan.ui.widgets.key_entry import KeyDialog

        # The entry refreshes the key's state once it is stored: this tab follows.
        self._dialog = KeyDialog.open_for(self.state, self, self._dialog)

    @Slot()
    def confirm_remove(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Remove the key?"),
            self.tr(
                "The key will be deleted from the keyring. Claude Code (set to ask this app) will "
                "stop working until you store a key again; copies in other tools' files stay."
            ),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.finished.connect(lambda _r: self._remove() if box.clickedButton() is remove else None)
        box.open()

    def _remove(self) -> None:
        self.state.tasks.run(
            keystore.delete_key,
            on_done=lambda _removed: self.state.refresh_key(),
            on_error=lambda err: self.problem.show_error(err, self.tr("The key was not removed")),
        )

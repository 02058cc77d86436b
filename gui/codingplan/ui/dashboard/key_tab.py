"""The key: whether it is stored and where; replace it; remove it (first offering to revert
the tools that hold a copy of it, as ``codingplan key clear`` does)."""

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

from codingplan import actions, integrations
from codingplan.ui.dashboard.console_section import ConsoleSection
from codingplan.ui.operations import run_action
from codingplan.ui.state import AppState
from codingplan.ui.texts import join_list
from codingplan.ui.translations import error_line, error_texts
from codingplan.ui.widgets.status import Kind, StatusView

if TYPE_CHECKING:
    from codingplan.actions import ClearedKey
    from codingplan.actions.key import KeyStatus
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
        self.result = StatusView()  # what the last removal did
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
        self.console = ConsoleSection(state)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.result)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addWidget(self.console)
        layout.addStretch(1)
        self._dialog: KeyDialog | None = None
        self.question: QMessageBox | None = None
        state.key_changed.connect(self.show_status)
        if state.key_status is not None:
            self.show_status(state.key_status)

    @Slot(object)
    def show_status(self, status: KeyStatus) -> None:
        service, account = actions.key_place()
        where = self.tr("{backend}, service “{service}”, account “{account}”").format(
            backend=status.backend or self.tr("no keyring"), service=service, account=account
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
        """Ask first, naming the tools that keep a copy of the key (looked up off the GUI
        thread): revert them, or leave the copies, or keep the key."""
        self.remove.setEnabled(False)
        run_action(
            self,
            self.state,
            actions.tools_holding_key,
            on_done=self._ask_remove,
            on_error=self._remove_failed,
        )

    def _ask_remove(self, holding: list[str]) -> None:
        self.remove.setEnabled(True)
        if holding:
            names = join_list([integrations.name(t) for t in holding])
            text = self.tr(
                "{tools} keep a copy of the key in their files. Revert them first (undo what "
                "this app set there), so that no file keeps the key?"
            ).format(tools=names)
        else:
            text = self.tr(
                "The key will be deleted from the keyring. Claude Code (set to ask this app) "
                "will stop working until you store a key again."
            )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Remove the key?"),
            text,
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        keep_copies = None
        if holding:
            revert = box.addButton(
                self.tr("Revert them and remove"), QMessageBox.ButtonRole.DestructiveRole
            )
            keep_copies = box.addButton(
                self.tr("Remove, keep the copies"), QMessageBox.ButtonRole.DestructiveRole
            )
            box.setDefaultButton(revert)
        else:
            revert = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)

        def answered() -> None:
            self.question = None
            clicked = box.clickedButton()
            if clicked is revert or (keep_copies is not None and clicked is keep_copies):
                self._remove(revert_copies=clicked is revert)

        box.finished.connect(lambda _r: answered())
        self.question = box
        box.open()

    def _remove(self, revert_copies: bool) -> None:
        self.remove.setEnabled(False)
        run_action(
            self,
            self.state,
            actions.clear_key,
            revert_copies,
            on_done=self._removed,
            on_error=self._remove_failed,
        )

    def _removed(self, cleared: ClearedKey) -> None:
        lines = [
            self.tr("{tool} is reverted.").format(tool=integrations.name(t))
            for t in cleared.reverted
        ]
        for tool_id, err in cleared.still_holding.items():
            name = integrations.name(tool_id)
            if err is None:
                line = self.tr("{tool} still holds a copy of the key: revert it to remove it.")
                lines.append(line.format(tool=name))
            else:
                line = self.tr(
                    "{tool} still holds a copy of the key ({reason}): revert it to remove it."
                )
                lines.append(line.format(tool=name, reason=error_line(err)))
        if cleared.files_holding_key:  # copies no tool record accounts for
            files = "\n".join(f"  {path}" for path in cleared.files_holding_key)
            lines.append(
                self.tr(
                    "These files hold the key, not put there by this app: remove it from them "
                    "by hand.\n{files}"
                ).format(files=files)
            )
        removed = (
            self.tr("The key is removed from the keyring.")
            if cleared.removed
            else self.tr("No key was stored.")
        )
        lines.append(removed)
        failed = any(err is not None for err in cleared.still_holding.values())
        if failed or cleared.still_holding or cleared.files_holding_key:
            self.result.show_status(Kind.WARNING, self.tr("Key removed"), "\n".join(lines))
        else:
            self.result.show_texts(self.tr("Key removed"), "\n".join(lines), ok=True)

    def _remove_failed(self, error: BaseException) -> None:
        self.remove.setEnabled(True)
        self.result.show_error(error, self.tr("The key was not removed"))

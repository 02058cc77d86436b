"""A failed console login or read, shown the one way everywhere: the sentence and its fix,
the console's own code and words folded under "Details"; for a missing permission, the
RAM policy to paste, with a Copy button."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from codingplan.console.faults import NO_PERMISSION, POLICY_JSON
from codingplan.errors import CodingPlanError
from codingplan.ui.translations import error_parts
from codingplan.ui.widgets.result_view import plain_label, read_only_monospace
from codingplan.ui.widgets.status import Kind, StatusView

COPIED_FOR_MS = 3000  # how long the button says "Copied"


def fault_detail(error: BaseException) -> str:
    """The raw part, for "Details": the fault's code and the console's own words (their
    secrets were masked where the fault was made)."""
    if not isinstance(error, CodingPlanError):
        return ""
    said = str(error.params.get("detail") or "")
    return f"{error.code}\n{said}" if said else error.code


class PolicyBox(QWidget):
    """The least-privilege RAM policy, as text to read and a button that copies it."""

    def __init__(self, policy: str = POLICY_JSON, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.policy = policy
        self.text = read_only_monospace(QPlainTextEdit(policy))
        lines = policy.count("\n") + 2
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * lines + 12)
        self.text.setAccessibleName(self.tr("RAM policy"))
        self.copy = QPushButton(self.tr("&Copy the policy"))
        self.copy.clicked.connect(self._copy)
        self._restore = QTimer(self)
        self._restore.setSingleShot(True)
        self._restore.timeout.connect(lambda: self.copy.setText(self.tr("&Copy the policy")))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.copy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addLayout(row)

    @Slot()
    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.policy)  # no secret in it
        self.copy.setText(self.tr("Copied"))
        self._restore.start(COPIED_FOR_MS)


class ConsoleFaultView(QWidget):
    """A ``StatusView`` for console faults, with the policy under it when it is the fix."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = StatusView()
        self.policy_note = plain_label(self.tr("The policy, for the RAM console's JSON editor:"))
        self.policy = PolicyBox()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.policy_note)
        layout.addWidget(self.policy)
        self.clear()

    def clear(self) -> None:
        self.status.clear()
        self.policy_note.setVisible(False)
        self.policy.setVisible(False)
        self.setVisible(False)

    def show_fault(
        self,
        error: BaseException,
        headline: str,
        kind: Kind = Kind.ERROR,
        fixes: Sequence[tuple[str, Callable[[], object]]] = (),
    ) -> None:
        message, remedy = error_parts(error)
        detail = fault_detail(error)
        if not isinstance(error, CodingPlanError):
            detail, message = (
                message,
                self.tr(
                    "Something this app did not expect got in the way. Details shows what the "
                    "system said."
                ),
            )
        self.status.show_status(kind, headline, message, remedy, detail=detail, fixes=fixes)
        policy = isinstance(error, CodingPlanError) and error.code == NO_PERMISSION
        if policy:
            assert isinstance(error, CodingPlanError)
            self.policy.policy = str(error.params.get("policy") or POLICY_JSON)
            self.policy.text.setPlainText(self.policy.policy)
        self.policy_note.setVisible(policy)
        self.policy.setVisible(policy)
        self.setVisible(True)

    def show_status(self, kind: Kind, headline: str, message: str = "", remedy: str = "") -> None:
        self.status.show_status(kind, headline, message, remedy)
        self.policy_note.setVisible(False)
        self.policy.setVisible(False)
        self.setVisible(True)

    def text(self) -> str:
        return self.status.text()

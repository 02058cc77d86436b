"""What to enter in a coding tool this app does not write to: base URLs and the model id with
copy buttons, the steps and notes, a snippet, and a key copy that clears itself."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from codingplan import actions, integrations
from codingplan.plan import Endpoints, Tier
from codingplan.ui.operations import run_action
from codingplan.ui.state import AppState
from codingplan.ui.texts import notice_text, tool_name
from codingplan.ui.translations import core_fill
from codingplan.ui.widgets.clipboard import SecretClipboard, shared_clipboard
from codingplan.ui.widgets.model_choice import ModelChoice
from codingplan.ui.widgets.plan_context import PlanContext
from codingplan.ui.widgets.result_view import plain_label, read_only_monospace
from codingplan.ui.widgets.status import StatusView


class GuidedToolWidget(QWidget):
    """What to enter in a tool by hand; the key only ever goes out through "Copy key"."""

    changed = Signal(str)  # tool id: the model choice changed (and was saved)
    key_copied = Signal()

    def __init__(
        self,
        state: AppState,
        tool_id: str,
        parent: QWidget | None = None,
        *,
        endpoints: Endpoints | None = None,
        tier: Tier | None = None,
        clipboard: SecretClipboard | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.tool_id = tool_id
        self.info = integrations.get(tool_id)
        self.context = PlanContext(state, endpoints, tier)
        self.clipboard = clipboard or shared_clipboard()
        chosen = state.settings.tools.get(tool_id, {})

        self.model_choice = ModelChoice(
            chosen.get("model") or state.settings.model, self.context.tier()
        )
        self.model_choice.changed.connect(self._model_changed)
        model_label = QLabel(self.tr("Mo&del:"))
        model_label.setBuddy(self.model_choice.combo)
        self.values = QFormLayout()
        self.values.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values.addRow(model_label, self.model_choice)
        self.steps = plain_label()
        self.notes = plain_label()
        self.snippet = read_only_monospace(QPlainTextEdit())
        self.copy_snippet = QPushButton(self.tr("Copy the &snippet"))
        self.copy_snippet.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.snippet.toPlainText())
        )
        seconds = round(self.clipboard.clear_after_ms / 1000)
        self.copy_key_button = QPushButton(
            self.tr("Copy the ke&y (cleared from the clipboard after {seconds} s)").format(
                seconds=seconds
            )
        )
        self.copy_key_button.clicked.connect(self.copy_key)
        self.key_result = StatusView()
        self._value_rows: list[QWidget] = []

        layout = QVBoxLayout(self)
        layout.addLayout(self.values)
        layout.addWidget(self.steps)
        layout.addWidget(self.notes)
        layout.addWidget(self.snippet)
        layout.addWidget(self.copy_snippet, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.copy_key_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.key_result)
        layout.addStretch(1)
        self.fill_page()

    @property
    def name(self) -> str:
        return tool_name(self.info.id)

    def set_plan(self, endpoints: Endpoints | None, tier: Tier | None) -> None:
        if tier is not None:
            self.model_choice.set_tier(tier)
        if self.context.set(endpoints, tier):
            self.fill_page()

    @Slot()
    def fill_page(self) -> None:
        """Fill in the page for the current endpoints and model (pure data: no I/O)."""
        page = actions.guided_page(
            self.tool_id, self.context.endpoints(), self.model_choice.model_id()
        )
        for row in self._value_rows:
            self.values.removeRow(row)
        self._value_rows = []
        names = {
            "openai": self.tr("OpenAI-compatible base URL:"),
            "anthropic": self.tr("Anthropic-compatible base URL:"),
        }
        for protocol, url in page.base_urls.items():
            self._add_value(names.get(protocol, protocol), url)
        self._add_value(self.tr("Model id:"), page.model)
        steps = [f"{i}. {core_fill(s.text, s.params)}" for i, s in enumerate(page.steps, 1)]
        self.steps.setText("\n".join(steps))
        notes = [notice_text(n) for n in page.notes]
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self.snippet.setPlainText(page.snippet.rstrip("\n"))
        self.snippet.setVisible(bool(page.snippet))
        self.copy_snippet.setVisible(bool(page.snippet))
        self._order_tabs()

    def _order_tabs(self) -> None:
        # Rows made by a later render join the end of the focus chain: put them back in place.
        chain: list[QWidget] = [self.model_choice.combo]
        for row in self._value_rows:
            chain += row.findChildren(QWidget)
        chain += [self.snippet, self.copy_snippet, self.copy_key_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _add_value(self, label: str, value: str) -> None:
        field = QLineEdit(value)
        field.setReadOnly(True)
        copy = QPushButton(self.tr("Copy"))
        copy.setAccessibleName(self.tr("Copy {what}").format(what=label.rstrip(":：")))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(value))
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(field, 1)
        line.addWidget(copy)
        self.values.addRow(label, row)
        self._value_rows.append(row)

    @Slot(str)
    def _model_changed(self, model_id: str) -> None:
        self.fill_page()
        if not self.info.automatic:  # an automatic tool's choice is what was applied
            saved = self.state.settings.tools.get(self.tool_id, {})
            self.state.update_settings(
                tools={**self.state.settings.tools, self.tool_id: {**saved, "model": model_id}}
            )
        self.changed.emit(self.tool_id)

    @Slot()
    def copy_key(self) -> None:
        self.key_result.clear()
        self.copy_key_button.setEnabled(False)
        run_action(
            self,
            self.state,
            actions.key_for_pasting,
            on_done=self._key_ready,
            on_error=self._key_failed,
        )

    def _key_ready(self, key: str) -> None:
        self.copy_key_button.setEnabled(True)
        self.clipboard.copy(key)
        self.key_result.show_texts(
            self.tr("Key copied"),
            self.tr(
                "Paste it into {tool} now: it is taken off the clipboard in {seconds} seconds "
                "(unless you copy something else first)."
            ).format(tool=self.name, seconds=round(self.clipboard.clear_after_ms / 1000)),
            ok=True,
        )
        self.key_copied.emit()

    def _key_failed(self, error: BaseException) -> None:
        self.copy_key_button.setEnabled(True)
        self.key_result.show_error(error, self.tr("The key was not copied"))

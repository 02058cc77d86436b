"""Tools: which coding tools to set up. Each automatic tool shows its version and state
(found in the background), with the exact install command when it is missing and a hint when
Node.js itself is missing; the tools set up by hand can be chosen too."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from codingplan import actions, integrations
from codingplan.integrations.integration import Integration
from codingplan.plan import Endpoints
from codingplan.tools.types import ToolState, ToolStatus
from codingplan.ui.operations import run_action
from codingplan.ui.state import AppState
from codingplan.ui.texts import tool_name, tool_state_label
from codingplan.ui.translations import error_parts
from codingplan.ui.widgets.result_view import plain_label
from codingplan.ui.widgets.scroll import scrolled
from codingplan.ui.wizard.page import SetupPage


@dataclass(frozen=True)
class Found:
    statuses: dict[str, ToolStatus]
    node: Path | None  # Node.js, which the npm-installed tools need


def find_tools(endpoints: Endpoints) -> Found:
    """Every automatic tool's state, and Node.js (off the GUI thread: runs ``--version``)."""
    statuses = actions.tool_statuses(endpoints)
    node = shutil.which("node")
    return Found(statuses, Path(node) if node else None)


class _ToolRow(QWidget):
    """A checkbox for one tool, and what is known about it."""

    def __init__(self, info: Integration, checked: bool) -> None:
        super().__init__()
        self.info = info
        self.touched = False  # once the person has clicked, detection no longer changes it
        self.check = QCheckBox(tool_name(info.id))
        self.check.setChecked(checked)
        self.check.clicked.connect(self._clicked)
        self.detail = plain_label()
        self.detail.setContentsMargins(24, 0, 0, 0)
        self.command = info.install_command
        self.copy = QPushButton(self.tr("Copy command"))
        self.copy.setAccessibleName(self.tr("Copy {command}").format(command=self.command))
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.command))
        self.copy.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        line = QHBoxLayout()
        line.addWidget(self.detail, 1)
        line.addWidget(self.copy)
        layout.addLayout(line)

    @Slot()
    def _clicked(self) -> None:
        self.touched = True


class ToolsPage(SetupPage):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle(self.tr("Coding tools"))
        self.setSubTitle(
            self.tr(
                "Choose the tools to set up. The next pages show each change before it is made."
            )
        )
        self.found: Found | None = None
        self._searching = False
        chosen = state.settings.tools
        self.rows = {t.id: _ToolRow(t, t.id in chosen) for t in integrations.INTEGRATIONS}
        self.node_hint = plain_label()
        self.node_hint.setVisible(False)

        automatic = QGroupBox(self.tr("Set up by this app"))
        automatic_layout = QVBoxLayout(automatic)
        guided = QGroupBox(self.tr("Set up by hand (the app shows what to enter)"))
        guided_layout = QVBoxLayout(guided)
        for row in self.rows.values():
            if row.info.automatic:
                row.detail.setText(self.tr("Looking for it…"))
                automatic_layout.addWidget(row)
            else:
                row.detail.setVisible(False)
                guided_layout.addWidget(row)
        automatic_layout.addWidget(self.node_hint)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.addWidget(automatic)
        content_layout.addWidget(guided)
        content_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolled(content))

    def initializePage(self) -> None:
        if self._searching:
            return
        self._searching = True
        run_action(
            self,
            self.state,
            find_tools,
            self.setup().endpoints(),
            on_done=self._found,
            on_error=self._search_failed,
        )

    def _found(self, found: Found) -> None:
        self._searching = False
        self.found = found
        for tool_id, status in found.statuses.items():
            self._show_status(self.rows[tool_id], status)
        missing = [s for s in found.statuses.values() if not s.detection.installed]
        self.node_hint.setVisible(found.node is None and bool(missing))
        self.node_hint.setText(
            self.tr(
                "Node.js is not installed (no “node” command was found). The tools above are "
                "installed with npm, which comes with Node.js: get the LTS version from "
                "https://nodejs.org or from your system's package manager, then run the "
                "command shown."
            )
        )

    def _show_status(self, row: _ToolRow, status: ToolStatus) -> None:
        found = status.detection
        state = tool_state_label(status.state)
        if found.installed:
            text = self.tr("{version} · {state}").format(
                version=found.version or self.tr("version unknown"), state=state
            )
        else:
            text = self.tr("{state}. Install it with: {command}").format(
                state=state, command=row.command
            )
        row.detail.setText(text)
        row.copy.setVisible(not found.installed)
        if not row.touched and found.installed and status.state is not ToolState.OVERRIDDEN:
            row.check.setChecked(True)

    def _search_failed(self, error: BaseException) -> None:
        self._searching = False
        for row in self.rows.values():
            if row.info.automatic:
                row.detail.setText(
                    self.tr("Could not look for it: {error}").format(error=error_parts(error)[0])
                )

    # --- the choices -------------------------------------------------------------------

    def chosen(self) -> list[str]:
        """The chosen tools' ids, in the order their pages follow."""
        return [tool_id for tool_id, row in self.rows.items() if row.check.isChecked()]

    def validatePage(self) -> bool:
        self.setup().prepare_tool_pages(self.chosen())
        return True

    def nextId(self) -> int:
        return self.setup().page_after_tools(None)

    def first_field(self) -> QWidget:
        return next(iter(self.rows.values())).check

"""The coding tools: what each is set to, and the actions on it (off, with the reason and the
install command, for a tool that is not installed)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from codingplan import integrations
from codingplan.tools.types import ToolState, ToolStatus
from codingplan.ui.state import AppState
from codingplan.ui.texts import notice_text, tool_name, tool_state_label
from codingplan.ui.widgets.status import Kind, StatusView

# States whose notes are shown as a warning (or, unreadable, an error) under the details.
_NOTICED = frozenset(
    {ToolState.UNREADABLE, ToolState.DRIFTED, ToolState.OVERRIDDEN, ToolState.KEY_OUTDATED}
)


class ToolsTab(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(
            [self.tr("Tool"), self.tr("Version"), self.tr("State"), self.tr("Model")]
        )
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(True)
        self.items: dict[str, QTreeWidgetItem] = {}
        for info in integrations.INTEGRATIONS:
            item = QTreeWidgetItem(
                [
                    tool_name(info.id),
                    "",
                    self.tr("Guided setup") if not info.automatic else "…",
                    "",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, info.id)
            self.table.addTopLevelItem(item)
            self.items[info.id] = item
        first = self.table.topLevelItem(0)
        if first is not None:  # always, with any tool known
            self.table.setCurrentItem(first)
        self.configure = QPushButton(self.tr("&Set up…"))
        self.folder = QPushButton(self.tr("Open config &folder"))
        refresh = QPushButton(self.tr("&Check again"))
        self.configure.clicked.connect(self.open_setup)
        self.table.itemActivated.connect(lambda _item, _col: self.open_setup())
        self.folder.clicked.connect(self.open_folder)
        refresh.clicked.connect(state.refresh_tools)
        self.table.currentItemChanged.connect(self._selection_changed)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice = StatusView()
        buttons = QHBoxLayout()
        buttons.addWidget(refresh)
        buttons.addStretch(1)
        buttons.addWidget(self.folder)
        buttons.addWidget(self.configure)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self._dialogs: dict[str, QDialog] = {}
        state.tools_changed.connect(self.show_status)
        if state.tool_status:
            self.show_status(state.tool_status)
        self._selection_changed()

    def current_tool(self) -> str:
        item = self.table.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else ""

    @Slot(object)
    def show_status(self, statuses: dict[str, ToolStatus]) -> None:
        for tool_id, status in statuses.items():
            item = self.items[tool_id]
            item.setText(1, status.detection.version or "")
            item.setText(2, tool_state_label(status.state))
            item.setText(3, status.configured.model if status.configured else "")
            item.setToolTip(2, "\n".join(_notes(status)))
        self._selection_changed()

    @Slot()
    def _selection_changed(self) -> None:
        status = self.state.tool_status.get(self.current_tool())
        self.folder.setEnabled(bool(status and status.detection.config_files))
        self.details.setText(self._details(status) if status else "")
        # Nothing to set up in a tool that is not there (one set up before keeps its Revert).
        missing = status is not None and status.state is ToolState.NOT_INSTALLED
        self.configure.setEnabled(bool(self.current_tool()) and not missing)
        self._show_notice(status)

    def _show_notice(self, status: ToolStatus | None) -> None:
        if status is None or status.state is ToolState.CONFIGURED:
            self.notice.clear()
            return
        name = tool_name(status.detection.tool_id)
        if status.state is ToolState.NOT_INSTALLED:
            command = integrations.get(status.detection.tool_id).install_command
            self.notice.show_status(
                Kind.WARNING,
                self.tr("{tool} is not installed").format(tool=name),
                self.tr("Setting it up waits until it is. Install it with: {command}").format(
                    command=command
                ),
                fixes=[
                    (
                        self.tr("Copy the command"),
                        lambda: QGuiApplication.clipboard().setText(command),
                    ),
                    (self.tr("Check again"), self.state.refresh_tools),
                ],
            )
        elif status.state in _NOTICED:
            kind = Kind.ERROR if status.state is ToolState.UNREADABLE else Kind.WARNING
            self.notice.show_status(
                kind, f"{name}: {tool_state_label(status.state)}", "\n".join(_notes(status))
            )
        else:
            self.notice.clear()

    def _details(self, status: ToolStatus) -> str:
        """Where the tool is and its files, and anything that overrides them."""
        lines = []
        if status.detection.executable:
            lines.append(self.tr("Program: {path}").format(path=status.detection.executable))
        for config in status.detection.config_files:
            state = "" if config.exists else self.tr(" (not there yet)")
            lines.append(self.tr("File: {path}").format(path=config.path) + state)
        if status.configured:
            lines.append(
                self.tr("Set up with {model}, key {mode}").format(
                    model=status.configured.model,
                    mode=self.tr("from the keyring")
                    if status.configured.key_mode.value == "keyring"
                    else self.tr("in the file"),
                )
            )
        if status.state not in _NOTICED:  # else the notice below gives them
            lines += _notes(status)
        return "\n".join(lines)

    @Slot()
    def open_folder(self) -> None:
        status = self.state.tool_status.get(self.current_tool())
        if status and status.detection.config_files:
            folder = status.detection.config_files[0].path.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    @Slot()
    def open_setup(self) -> None:
        """The tool's setup page (preview, apply, verify, revert) in a window of its own."""
        tool_id = self.current_tool()
        if not tool_id or not self.configure.isEnabled():
            return
        if tool_id in self._dialogs:
            self._dialogs[tool_id].raise_()
            return
        from codingplan.ui.widgets.tool_setup import GuidedToolWidget, ToolSetupWidget

        automatic = integrations.get(tool_id).automatic
        dialog = QDialog(self)
        dialog.setWindowTitle(self.items[tool_id].text(0))
        page = (
            ToolSetupWidget(self.state, tool_id, dialog)
            if automatic
            else GuidedToolWidget(self.state, tool_id, dialog)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(page, 1)
        layout.addWidget(buttons)
        dialog.resize(760, 620)
        dialog.finished.connect(lambda _r, t=tool_id: self._setup_closed(t))
        self._dialogs[tool_id] = dialog
        dialog.open()

    def _setup_closed(self, tool_id: str) -> None:
        self._dialogs.pop(tool_id, None)
        self.state.refresh_tools()


def _notes(status: ToolStatus) -> list[str]:
    """What overrides the tool's files, and anything else the adapter noted, translated."""
    return [notice_text(n) for n in (*(o.notice for o in status.overrides), *status.notes)]

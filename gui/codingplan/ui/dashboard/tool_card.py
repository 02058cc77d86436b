"""One coding tool on a card: its mark and name, where it stands and why, its model and
address, and Apply, Verify, Revert and its folder at hand. Every step is an action
(``codingplan.actions``), run through ``ui/operations.py`` as the command line runs it; a
button that cannot be used says why in its tooltip.

Apply asks first, saying what it changes (a copy of the key in a file included); the full
page (model, key mode, options, the exact diff) is a click away, as is a tool's page of
manual steps for the tools this app does not change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from codingplan import actions
from codingplan.changed import Changed
from codingplan.errors import CodingPlanError
from codingplan.integrations.integration import Integration
from codingplan.tools.types import ApplyResult, ChangeSet, ToolStatus, VerifyResult
from codingplan.ui import style
from codingplan.ui.operations import run_action
from codingplan.ui.state import AppState
from codingplan.ui.texts import category_label, join_list, notice_text, tool_name
from codingplan.ui.tool_standing import Standing, standing_of, verify_text
from codingplan.ui.translations import core, core_fill, error_line
from codingplan.ui.widgets import links
from codingplan.ui.widgets.status import Kind, StatusView, kind_of
from codingplan.ui.widgets.tool_mark import tool_mark

MARK_SIZE = 36


class ToolCard(QFrame):
    setup_requested = Signal(str)  # tool id: open its whole page

    def __init__(self, state: AppState, info: Integration, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.info = info
        self.tool_id = info.id
        self.name = tool_name(info.id)
        self.setObjectName(f"tool-{info.id}")
        self.status: ToolStatus | None = None
        self.refusal: CodingPlanError | None = None  # why Verify would be refused now
        self.refusal_known = False
        self.busy = False
        self.question: QMessageBox | None = None

        self.mark = QLabel()
        self.mark.setPixmap(tool_mark(info.id, MARK_SIZE, self.devicePixelRatioF()))
        self.mark.setFixedSize(MARK_SIZE, MARK_SIZE)
        self.mark.setAccessibleName(self.name)
        self.title = style.set_role(QLabel(self.name), "title")
        self.version = style.set_role(QLabel(), "muted")
        self.badge = style.set_role(QLabel(), "title")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.detail = style.set_role(QLabel(), "muted")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = style.set_role(QLabel(), "muted")
        self.progress.setVisible(False)
        self.result = StatusView()

        self.apply_button = QPushButton(self.tr("&Apply…"))
        self.verify_button = QPushButton(verify_text(info.verify_requests))
        self.revert_button = QPushButton(self.tr("&Revert…"))
        self.folder_button = QPushButton(self.tr("Open &folder"))
        self.install_button = QPushButton(self.tr("&Copy the install command"))
        self.setup_button = QPushButton(
            self.tr("&More…") if info.automatic else self.tr("Show the &steps…")
        )
        self.setup_button.setToolTip(
            self.tr("The model, where the key goes, the exact changes")
            if info.automatic
            else self.tr("What to enter in {tool}, with a button to copy each value").format(
                tool=self.name
            )
        )
        self.apply_button.clicked.connect(self.apply)
        self.verify_button.clicked.connect(self.verify)
        self.revert_button.clicked.connect(self.revert)
        self.folder_button.clicked.connect(self.open_folder)
        self.install_button.clicked.connect(self.copy_install_command)
        self.setup_button.clicked.connect(lambda: self.setup_requested.emit(self.tool_id))
        self.buttons = [
            self.apply_button,
            self.verify_button,
            self.revert_button,
            self.folder_button,
            self.install_button,
        ]

        heading = QHBoxLayout()
        heading.setSpacing(style.Spacing.S)
        heading.addWidget(self.title)
        heading.addWidget(self.version, 0, Qt.AlignmentFlag.AlignBaseline)
        heading.addStretch(1)
        heading.addWidget(self.badge)
        row = QHBoxLayout()
        row.setSpacing(style.Spacing.S)
        for button in (*self.buttons, self.setup_button):
            row.addWidget(button)
        row.addStretch(1)
        words = QVBoxLayout()
        words.setSpacing(style.Spacing.XS)
        words.addLayout(heading)
        words.addWidget(self.detail)
        words.addWidget(self.reason)
        words.addWidget(self.progress)
        words.addWidget(self.result)
        words.addLayout(row)
        layout = QGridLayout(self)
        layout.addWidget(self.mark, 0, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(words, 0, 1)
        layout.setColumnStretch(1, 1)
        style.make_card(self)
        layout.setHorizontalSpacing(style.Spacing.M)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.show_status(None)

    # --- what it shows -----------------------------------------------------------------

    @property
    def standing(self) -> Standing:
        return standing_of(self.info, self.status).standing

    def show_status(self, status: ToolStatus | None) -> None:
        self.status = status
        found = standing_of(self.info, status)
        self.badge.setText(found.title)
        style.set_kind(self.badge, found.kind)
        # A card that needs the person is tinted; the others stay plain, the badge says it.
        style.set_kind(self, found.kind if found.standing is Standing.ATTENTION else None)
        self.reason.setText(found.reason)
        self.reason.setVisible(bool(found.reason))
        version = status.detection.version if status is not None else None
        self.version.setText(version or "")
        self.version.setVisible(bool(version))
        self.detail.setText(self._detail(status))
        self.detail.setVisible(bool(self.detail.text()))
        self.setAccessibleName(f"{self.name}: {found.title}")
        self.setToolTip(f"{self.name}: {found.title}")
        self._update_buttons()

    def _detail(self, status: ToolStatus | None) -> str:
        """The model and the address it was set up with."""
        if status is None or status.configured is None:
            return ""
        options = status.configured
        return f"{options.model} · {self.info.base_url(options.endpoints)}"

    def set_refusal(self, refusal: CodingPlanError | None) -> None:
        self.refusal, self.refusal_known = refusal, True
        self._update_buttons()

    def refusal_failed(self, error: BaseException) -> None:
        """The check itself failed (a file that cannot be read): Verify stays off, saying so."""
        self.set_refusal(
            error
            if isinstance(error, CodingPlanError)
            else CodingPlanError("unexpected", "{reason}", reason=str(error))
        )

    def _update_buttons(self) -> None:
        automatic, status = self.info.automatic, self.status
        missing = status is not None and not status.detection.installed
        recorded = status is not None and status.recorded
        for button in self.buttons:
            button.setVisible(automatic)
        # Nothing to apply to or run in a tool that is not there: its install command instead.
        self.apply_button.setVisible(automatic and not missing)
        self.verify_button.setVisible(automatic and not missing)
        self.revert_button.setVisible(automatic and (not missing or recorded))
        self.install_button.setVisible(automatic and missing and bool(self.info.install_command))
        idle = not self.busy and status is not None
        self._able(
            self.apply_button,
            idle and not missing,
            self.tr("{tool} is not installed: install it first.").format(tool=self.name)
            if missing
            else "",
            self.tr("Set {tool} up for the plan (you see what changes first)").format(
                tool=self.name
            ),
        )
        verifiable = idle and not missing and self.refusal_known and self.refusal is None
        why_not = (
            self.tr("{tool} is not installed.").format(tool=self.name)
            if missing
            else error_line(self.refusal)
            if self.refusal is not None
            else ""
        )
        requests = self.info.verify_requests
        self._able(
            self.verify_button,
            verifiable,
            why_not,
            self.tr(
                "Runs {tool} once with a one-word prompt: it uses about {n} of your requests"
            ).format(tool=self.name, n=requests),
        )
        self._able(
            self.revert_button,
            idle and recorded,
            self.tr("This app has set nothing in {tool}'s files: nothing to revert.").format(
                tool=self.name
            ),
            self.tr("Undo what this app set in {tool}'s files").format(tool=self.name),
        )
        has_files = status is not None and bool(status.detection.config_files)
        self._able(self.folder_button, has_files, "", self.tr("The folder of its settings files"))
        self.setup_button.setEnabled(not self.busy and (not automatic or not missing))

    @staticmethod
    def _able(button: QPushButton, enabled: bool, why_not: str, what: str) -> None:
        """Enable ``button``; its tooltip says what it does, or why it cannot."""
        button.setEnabled(enabled)
        button.setToolTip(what if enabled or not why_not else why_not)

    def _set_busy(self, busy: bool, progress: str = "") -> None:
        self.busy = busy
        self.progress.setText(progress)
        self.progress.setVisible(bool(progress))
        self._update_buttons()

    # --- the actions -------------------------------------------------------------------

    @Slot()
    def apply(self) -> None:
        """Prepare the change (the tool's last choices, else the settings'), then ask."""
        if self.busy:
            return
        self.result.clear()
        try:
            options = actions.configure_options(
                self.tool_id, self.state.settings, self.state.endpoints()
            )
        except CodingPlanError as error:
            self.result.show_error(error, self.tr("No change can be prepared"))
            return
        self._set_busy(True, self.tr("Preparing the change…"))
        run_action(
            self,
            self.state,
            actions.preview_configure,
            self.tool_id,
            options,
            on_done=self._previewed,
            on_error=self._failed(self.tr("No change can be prepared")),
        )

    def _previewed(self, change: ChangeSet) -> None:
        self._set_busy(False)
        if change.empty:
            self.result.show_status(
                Kind.INFO,
                self.tr("Nothing to change"),
                self.tr("{tool} is already set up this way.").format(tool=self.name),
            )
            return
        self._ask_apply(change)

    def apply_question(self, change: ChangeSet) -> str:
        """What Apply changes, in words: the model, the files, a copy of the key."""
        files = join_list([str(f.path) for f in change.files if f.changed])
        model = change.options.model if change.options else ""
        lines = [
            self.tr("Apply sets {tool} up for the plan with {model}: it changes {files}.").format(
                tool=self.name, model=model, files=files
            )
        ]
        lines += [notice_text(n) for n in change.notes]
        lines.append(self.tr("A backup is kept first, and Revert puts the files back."))
        return "\n\n".join(lines)

    def _ask_apply(self, change: ChangeSet) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Apply the setup of {tool}?").format(tool=self.name),
            self.apply_question(change),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        apply = box.addButton(self.tr("Apply"), QMessageBox.ButtonRole.AcceptRole)
        more = box.addButton(self.tr("Show the changes…"), QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(apply)

        def answered() -> None:
            self.question = None
            clicked = box.clickedButton()
            if clicked is apply:
                self._apply(change)
            elif clicked is more:
                self.setup_requested.emit(self.tool_id)

        box.finished.connect(lambda _r: answered())
        self.question = box
        box.open()

    def _apply(self, change: ChangeSet) -> None:
        self._set_busy(True, self.tr("Writing {tool}'s files…").format(tool=self.name))
        run_action(
            self,
            self.state,
            actions.apply,
            change,
            on_done=self._applied,
            on_error=self._failed(self.tr("Nothing was written")),
        )

    def _applied(self, result: ApplyResult) -> None:
        self._set_busy(False)
        written = [self.tr("Wrote {file}").format(file=p) for p in result.written]
        written += [
            self.tr("Backup of the earlier file: {file}").format(file=p) for p in result.backups
        ]
        self.result.show_texts(
            self.tr("{tool} is set up").format(tool=self.name), "\n".join(written), ok=True
        )

    @Slot()
    def verify(self) -> None:
        if self.busy:
            return
        self.result.clear()
        self._set_busy(
            True, self.tr("Running {tool} with a one-word prompt…").format(tool=self.name)
        )
        run_action(
            self,
            self.state,
            actions.verify,
            self.tool_id,
            self.state.endpoints(),
            on_done=self._verified,
            on_error=self._failed(self.tr("The tool could not be run")),
        )

    def _verified(self, result: VerifyResult) -> None:
        self._set_busy(False)
        message = core_fill(result.message_template, result.params)
        warnings = [core(w) for w in result.warnings]
        self.result.show_status(
            kind_of(result.category),
            category_label(result.category),
            "\n".join([message, *warnings]),
            core_fill(result.remedy_template, result.params),
            detail=result.output,
        )

    @Slot()
    def revert(self) -> None:
        if self.busy:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Revert {tool}?").format(tool=self.name),
            self.tr(
                "Undo what this app set in {tool}'s files? What you or the tool changed there "
                "since stays."
            ).format(tool=self.name),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        revert = box.addButton(self.tr("Revert"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered() -> None:
            self.question = None
            if box.clickedButton() is revert:
                self._revert()

        box.finished.connect(lambda _r: answered())
        self.question = box
        box.open()

    def _revert(self) -> None:
        self.result.clear()
        self._set_busy(True, self.tr("Undoing what this app set…"))
        run_action(
            self,
            self.state,
            actions.revert,
            self.tool_id,
            on_done=self._reverted,
            on_error=self._failed(self.tr("Nothing was reverted")),
        )

    def _reverted(self, result: ApplyResult) -> None:
        self._set_busy(False)
        if result.changed == Changed.NOTHING:
            self.result.show_status(
                Kind.INFO,
                self.tr("Nothing to revert"),
                self.tr("This app has set nothing in {tool}'s files.").format(tool=self.name),
            )
            return
        self.result.show_texts(
            self.tr("Reverted"),
            self.tr("What this app had set in {tool}'s files is undone.").format(tool=self.name),
            ok=True,
        )

    def _failed(self, headline: str):
        def show(error: BaseException) -> None:
            self._set_busy(False)
            self.result.show_error(error, headline)

        return show

    @Slot()
    def open_folder(self) -> None:
        if self.status is not None and self.status.detection.config_files:
            links.open_folder(self.status.detection.config_files[0].path.parent)

    @Slot()
    def copy_install_command(self) -> None:
        QGuiApplication.clipboard().setText(self.info.install_command)
        self.result.show_status(
            Kind.INFO,
            self.tr("Command copied"),
            self.tr("Run it in a terminal, then press Check again."),
        )

"""Setting up one coding tool this app configures: choose the model, the key mode and the
tool's own options (check boxes made from what its integration declares), read what the
change does in plain words (and the exact diff, key masked, folded under it), agree to any
copy of the key in a file, apply, verify, revert. Every step is an action
(``codingplan.actions``), run through ``ui/operations.py``, as the command line runs it.

A tool that is not installed cannot be applied or verified, and says how to install it;
Verify is off (with why) until the tool's files send it to the plan, Revert until this app
has set something there. Used by the wizard and by the dashboard, like
``GuidedToolWidget`` (the tools set up by hand), which is importable from here too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from codingplan import actions, integrations
from codingplan.changed import Changed
from codingplan.errors import CodingPlanError
from codingplan.plan import Endpoints, Tier
from codingplan.tools.types import (
    ApplyResult,
    ChangeSet,
    ConfigureOptions,
    KeyMode,
    ToolState,
    ToolStatus,
    VerifyResult,
)
from codingplan.ui.operations import run_action
from codingplan.ui.state import AppState
from codingplan.ui.texts import category_label, notice_text, tool_state_label
from codingplan.ui.translations import core, core_fill, error_line, error_texts
from codingplan.ui.widgets import links
from codingplan.ui.widgets.change_summary import ChangeSummary
from codingplan.ui.widgets.diff_view import DiffView
from codingplan.ui.widgets.guided_tool import GuidedToolWidget
from codingplan.ui.widgets.key_entry import KeyDialog
from codingplan.ui.widgets.model_choice import ModelChoice
from codingplan.ui.widgets.plan_context import PlanContext
from codingplan.ui.widgets.result_view import plain_label
from codingplan.ui.widgets.scroll import scrolled
from codingplan.ui.widgets.status import Fix, Kind, StatusView, fixes_for, kind_of

__all__ = ["GuidedToolWidget", "ToolSetupWidget"]


class ToolSetupWidget(QWidget):
    """The page scrolls; the Apply / Verify / Revert row under it stays in sight."""

    changed = Signal(str)  # tool id: its files were changed (applied or reverted)
    verified = Signal(object)  # VerifyResult
    previewed = Signal(object)  # ChangeSet, or the CodingPlanError that stopped the preview
    busy_changed = Signal(bool)

    def __init__(
        self,
        state: AppState,
        tool_id: str,
        parent: QWidget | None = None,
        *,
        endpoints: Endpoints | None = None,
        tier: Tier | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.tool_id = tool_id
        self.info = integrations.get(tool_id)
        self.install_command = self.info.install_command
        self.context = PlanContext(state, endpoints, tier)
        self.change_set: ChangeSet | None = None
        self.tool_status: ToolStatus | None = None
        self.verify_refused: CodingPlanError | None = None  # why Verify is off, if it is
        self.verify_known = False  # whether it is known yet (Verify stays off until then)
        # What this widget did, as the core answered: the wizard's summary is built on it.
        self.applied_here = False  # applied, and not reverted since
        self.last_verify: VerifyResult | None = None  # since the last apply or revert
        self.fixes: dict[Fix, Callable[[], object]] = {Fix.CHANGE_KEY: self.change_key}
        self._busy = False
        self._preview_generation = 0
        self._previewed_once = False
        self._key_dialog: KeyDialog | None = None
        chosen = state.settings.tools.get(tool_id, {})

        self.status_line = plain_label(self.tr("Looking for {tool}…").format(tool=self.name))
        self.status_notes = plain_label()
        self.folder_button = QPushButton(self.tr("Open config &folder"))
        self.folder_button.clicked.connect(self.open_config_folder)
        self.not_installed = StatusView()
        self.model_choice = ModelChoice(
            chosen.get("model") or state.settings.model, self.context.tier()
        )
        self.model_choice.changed.connect(self.preview)
        model_label = QLabel(self.tr("&Model:"))
        model_label.setBuddy(self.model_choice.combo)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(model_label, self.model_choice)

        self.key_modes = QButtonGroup(self)
        key_mode_box = self._key_mode_box(chosen.get("key_mode"))
        # The tool's own options, as its integration declares them, as last chosen.
        remembered = actions.option_values(tool_id, state.settings)
        self.extras: dict[str, QCheckBox] = {}
        for option in self.info.options:
            box = QCheckBox(core(option.label))
            box.setChecked(remembered[option.name])
            box.toggled.connect(self.preview)
            self.extras[option.name] = box

        self.preview_label = plain_label()
        self.summary = ChangeSummary()
        self.show_changes = QToolButton()
        self.show_changes.setText(self.tr("Show the changes"))
        self.show_changes.setCheckable(True)
        self.show_changes.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.show_changes.setArrowType(Qt.ArrowType.RightArrow)
        self.show_changes.toggled.connect(self._toggle_diff)
        self.diff = DiffView()
        self.diff.setAccessibleName(self.tr("Changes to the files"))
        self.plan_notes = plain_label()
        self.preview_error = StatusView()
        self.consent = QCheckBox(self.tr("I a&gree to keep a copy of the key in that file"))
        self.consent.toggled.connect(self._update_buttons)

        self.apply_button = QPushButton(self.tr("&Apply"))
        self.apply_button.clicked.connect(self.apply)
        n = self.info.verify_requests
        self.verify_button = QPushButton(
            self.tr("&Verify (runs {tool} once: uses about 1 request)").format(tool=self.name)
            if n == 1
            else self.tr("&Verify (runs {tool} once: uses about {n} requests)").format(
                tool=self.name, n=n
            )
        )
        self.verify_button.clicked.connect(self.verify)
        self.revert_button = QPushButton(self.tr("&Revert"))
        self.revert_button.setToolTip(self.tr("Undo what this app set in the tool's files"))
        self.revert_button.clicked.connect(self.revert)
        self.why_disabled = plain_label()
        self.progress = plain_label()
        self.progress.setVisible(False)
        self.status_notes.setVisible(False)
        self.result = StatusView()

        status_row = QHBoxLayout()
        status_row.addWidget(self.status_line, 1)
        status_row.addWidget(self.folder_button, 0, Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.body_layout.addLayout(status_row)
        self.body_layout.addWidget(self.status_notes)
        self.body_layout.addWidget(self.not_installed)
        self.body_layout.addLayout(form)
        if key_mode_box is not None:
            self.body_layout.addWidget(key_mode_box)
        for box in self.extras.values():
            self.body_layout.addWidget(box)
        self.body_layout.addWidget(self.preview_label)
        self.body_layout.addWidget(self.summary)
        self.body_layout.addWidget(self.plan_notes)
        self.body_layout.addWidget(self.show_changes, 0, Qt.AlignmentFlag.AlignLeft)
        self.body_layout.addWidget(self.diff, 1)
        self.body_layout.addWidget(self.preview_error)
        self.body_layout.addStretch(0)
        self.scroll_area = scrolled(body)

        buttons = QHBoxLayout()
        for button in (self.apply_button, self.verify_button, self.revert_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area, 1)
        actions_box = QVBoxLayout()
        actions_box.setContentsMargins(9, 0, 9, 0)
        actions_box.addWidget(self.consent)
        actions_box.addLayout(buttons)
        actions_box.addWidget(self.why_disabled)
        actions_box.addWidget(self.progress)
        actions_box.addWidget(self.result)
        layout.addLayout(actions_box)
        self._show_change_set(None)

    def add_to_page(self, widget: QWidget) -> None:
        """Put ``widget`` at the end of the scrolling part (the wizard's manual steps)."""
        self.body_layout.insertWidget(self.body_layout.count() - 1, widget)  # before the stretch

    @property
    def name(self) -> str:
        return self.info.name

    def _key_mode_box(self, chosen: str | None) -> QGroupBox | None:
        if len(self.info.key_modes) < 2:
            return None
        box = QGroupBox(self.tr("Where {tool} gets the key").format(tool=self.name))
        layout = QVBoxLayout(box)
        texts = {
            KeyMode.KEYRING: (
                self.tr("From the &keyring"),
                self.tr(
                    "{tool} asks this app for the key each time it starts; no copy of the key "
                    "is kept in any file."
                ),
            ),
            KeyMode.INLINE: (
                self.tr("&In its settings file"),
                self.tr(
                    "A copy of the key is kept in {tool}'s settings file, which only you can "
                    "read (mode 0600). Use this if the tool runs where this app is not installed."
                ),
            ),
        }
        wanted = chosen if chosen in {m.value for m in self.info.key_modes} else None
        for mode in self.info.key_modes:
            title, explanation = texts[mode]
            button = QRadioButton(title)
            button.setProperty("key_mode", mode.value)
            button.setChecked(mode.value == (wanted or self.info.default_key_mode.value))
            self.key_modes.addButton(button)
            layout.addWidget(button)
            hint = plain_label(explanation.format(tool=self.name))
            hint.setContentsMargins(24, 0, 0, 0)
            layout.addWidget(hint)
        self.key_modes.buttonToggled.connect(self._key_mode_toggled)
        return box

    # --- context -----------------------------------------------------------------------

    def key_mode(self) -> KeyMode:
        button = self.key_modes.checkedButton()
        return KeyMode(button.property("key_mode")) if button else self.info.default_key_mode

    def options(self) -> ConfigureOptions:
        """The options chosen on this page, made as the command line makes them."""
        return actions.configure_options(
            self.tool_id,
            self.state.settings,
            self.context.endpoints(),
            self.model_choice.model_id(),
            self.key_mode().value,
            {name: box.isChecked() for name, box in self.extras.items()},
        )

    def set_plan(self, endpoints: Endpoints | None, tier: Tier | None) -> None:
        """Work with these endpoints and this tier (the wizard's choices) from now on."""
        if tier is not None:
            self.model_choice.set_tier(tier)
        if self.context.set(endpoints, tier) and self._previewed_once:
            self.refresh()

    @property
    def busy(self) -> bool:
        return self._busy

    # --- refreshing --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._previewed_once:
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Look at the tool again and preview the change, both in the background."""
        self._previewed_once = True
        endpoints = self.context.endpoints()
        run_action(
            self,
            self.state,
            actions.tool_status,
            self.tool_id,
            endpoints,
            on_done=self._show_status,
            on_error=lambda err: self.status_line.setText(error_line(err)),
        )
        run_action(
            self,
            self.state,
            actions.verify_refusal,
            self.tool_id,
            endpoints,
            on_done=self._verify_refusal_known,
        )
        self.preview()

    def _verify_refusal_known(self, refusal: CodingPlanError | None) -> None:
        self.verify_refused, self.verify_known = refusal, True
        self._update_buttons()

    def _show_status(self, status: ToolStatus) -> None:
        self.tool_status = status
        found = status.detection
        state = tool_state_label(status.state)
        if found.installed:
            self.status_line.setText(
                self.tr("{tool} {version}: {state}").format(
                    tool=self.name, version=found.version or "", state=state
                )
            )
        else:
            self.status_line.setText(self.tr("{tool}: {state}").format(tool=self.name, state=state))
        notes = [notice_text(o.notice) for o in status.overrides]
        notes += [notice_text(n) for n in status.notes]
        self.status_notes.setText("\n".join(notes))
        self.status_notes.setVisible(bool(notes))
        self._show_installed(found.installed)
        self._update_buttons()

    def _show_installed(self, installed: bool) -> None:
        if installed:
            self.not_installed.clear()
            return
        fixes: list[tuple[str, Callable[[], object]]] = []
        if self.install_command:
            message = self.tr(
                "Install it with this command (npm comes with Node.js, from nodejs.org), then "
                "press Check again:\n{command}"
            ).format(command=self.install_command)
            fixes.append((self.tr("Copy the command"), self._copy_install_command))
        else:
            message = self.tr("Install it, then press Check again.")
        fixes.append((self.tr("Check again"), self.refresh))
        self.not_installed.show_status(
            Kind.WARNING,
            self.tr("{tool} is not installed").format(tool=self.name),
            message,
            fixes=fixes,
        )

    def installed(self) -> bool:
        """Whether the tool was found (False until it has been looked for)."""
        return self.tool_status is not None and self.tool_status.detection.installed

    def _copy_install_command(self) -> None:
        QGuiApplication.clipboard().setText(self.install_command)

    @Slot()
    def preview(self) -> None:
        """Plan the change for the current choices; only the latest preview is shown."""
        self._preview_generation += 1
        generation = self._preview_generation
        self.change_set = None
        self.preview_label.setText(self.tr("Preparing the preview…"))
        self._update_buttons()
        try:
            options = self.options()
        except CodingPlanError as error:  # a model the catalog lost, say
            self._preview_failed(generation, error)
            return
        run_action(
            self,
            self.state,
            actions.preview_configure,
            self.tool_id,
            options,
            on_done=lambda change_set: self._previewed(generation, change_set),
            on_error=lambda error: self._preview_failed(generation, error),
        )

    def _previewed(self, generation: int, change_set: ChangeSet) -> None:
        if generation == self._preview_generation:
            self._show_change_set(change_set)
            self.previewed.emit(change_set)

    def _preview_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._preview_generation:
            return
        self._show_change_set(None)
        self.preview_label.setText(self.tr("No change can be prepared:"))
        if isinstance(error, CodingPlanError) and error.code == "edit_refused":
            # The remedy holds the lines to paste by hand: show them as code, unfolded.
            message, remedy = error_texts(error)
            self.preview_error.show_status(
                Kind.ERROR, "", message, detail=remedy, details_open=True
            )
        else:
            self.preview_error.show_error(error)
        self.previewed.emit(error)

    def _show_change_set(self, change_set: ChangeSet | None) -> None:
        self.change_set = change_set
        self.preview_error.clear()
        self.consent.setChecked(False)
        has_diff = change_set is not None and not change_set.empty
        self.diff.set_diff(change_set.diff if change_set is not None and has_diff else "")
        self.show_changes.setVisible(has_diff)
        self.diff.setVisible(has_diff and self.show_changes.isChecked())
        self.summary.setVisible(has_diff)
        if change_set is None:
            self.preview_label.setText("")
        elif change_set.empty:
            self.preview_label.setText(
                self.tr("Nothing to change: {tool} is already set up this way.").format(
                    tool=self.name
                )
            )
        else:
            self.preview_label.setText(
                self.tr("Apply sets {tool} up like this:").format(tool=self.name)
            )
            endpoints = (
                change_set.options.endpoints if change_set.options else self.context.endpoints()
            )
            self.summary.show_change_set(change_set, self.info.base_url(endpoints))
        # The summary says where the key goes; the other notes follow it.
        notes = (
            [notice_text(n) for n in change_set.notes if n.code != "key_in_file"]
            if change_set
            else []
        )
        self.plan_notes.setText("\n".join(notes))
        self.plan_notes.setVisible(bool(notes))
        # A check box's text does not wrap, so it stays short: the summary names the file.
        self.consent.setVisible(self.needs_consent())
        self._update_buttons()

    @Slot(bool)
    def _toggle_diff(self, shown: bool) -> None:
        self.diff.setVisible(shown and not self.show_changes.isHidden())
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.show_changes.setArrowType(arrow)
        self.show_changes.setText(
            self.tr("Hide the changes") if shown else self.tr("Show the changes")
        )

    @Slot(object, bool)
    def _key_mode_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self.preview()

    def needs_consent(self) -> bool:
        return bool(self.change_set and not self.change_set.empty and self.change_set.key_files)

    def can_apply(self) -> bool:
        return (
            not self._busy
            and self.installed()
            and self.change_set is not None
            and not self.change_set.empty
            and (not self.needs_consent() or self.consent.isChecked())
        )

    def already_set_up(self) -> bool:
        """The tool's files hold what this app set for the plan, as previewed now."""
        return (
            self.change_set is not None
            and self.change_set.empty
            and self.tool_status is not None
            and self.tool_status.state is ToolState.CONFIGURED
        )

    def can_revert(self) -> bool:
        """This app has set something in the tool's files (as last looked)."""
        return not self._busy and self.tool_status is not None and self.tool_status.recorded

    @Slot()
    def _update_buttons(self) -> None:
        self.apply_button.setEnabled(self.can_apply())
        missing = self.tool_status is not None and not self.installed()
        refused = self.verify_refused is not None or not self.verify_known
        self.verify_button.setEnabled(not self._busy and not missing and not refused)
        self.revert_button.setEnabled(self.can_revert())
        self.revert_button.setToolTip(
            self.tr("Undo what this app set in the tool's files")
            if self.can_revert() or self._busy
            else self.tr("This app has set nothing in {tool}'s files: nothing to revert.").format(
                tool=self.name
            )
        )
        for widget in (self.model_choice, self.consent, *self.extras.values()):
            widget.setEnabled(not self._busy)
        for button in self.key_modes.buttons():
            button.setEnabled(not self._busy)
        self.folder_button.setEnabled(self.tool_status is not None)
        if missing:
            why = self.tr("Apply and Verify are off: {tool} is not installed on this computer.")
            self.why_disabled.setText(why.format(tool=self.name))
        elif self.verify_refused is not None:
            why = self.tr("Verify is off: {reason}")
            self.why_disabled.setText(why.format(reason=error_line(self.verify_refused)))
        else:
            self.why_disabled.setText("")
        self.why_disabled.setVisible(bool(self.why_disabled.text()))

    def _set_busy(self, busy: bool, progress: str = "") -> None:
        self._busy = busy
        self.progress.setText(progress)
        self.progress.setVisible(bool(progress))
        self._update_buttons()
        self.busy_changed.emit(busy)

    # --- actions -----------------------------------------------------------------------

    @Slot()
    def apply(self) -> None:
        change_set = self.change_set
        if change_set is None or not self.can_apply():  # can_apply() needs a change set anyway
            return
        self.result.clear()
        self._set_busy(True, self.tr("Writing {tool}'s files…").format(tool=self.name))
        run_action(
            self,
            self.state,
            actions.apply,
            change_set,
            on_done=lambda result: self._applied(change_set, result),
            on_error=self._apply_failed,
        )

    def _applied(self, change_set: ChangeSet, result: ApplyResult) -> None:
        self.applied_here, self.last_verify = True, None  # before "not busy" is announced
        self._set_busy(False)
        self.result.show_texts(
            self.tr("{tool} is set up").format(tool=self.name),
            self._written_text(result),
            ok=True,
        )
        self._after_change()

    def _written_text(self, result: ApplyResult) -> str:
        lines = [self.tr("Wrote {file}").format(file=p) for p in result.written]
        lines += [self.tr("Removed {file}").format(file=p) for p in result.removed]
        lines += [
            self.tr("Backup of the earlier file: {file}").format(file=p) for p in result.backups
        ]
        lines += [notice_text(n) for n in result.notes if n.code != "key_in_file"]
        return "\n".join(lines)

    def _apply_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.result.show_error(error, self.tr("Nothing was written"))
        if isinstance(error, CodingPlanError) and error.code == "changed_since_preview":
            self.preview()  # show what applying would do to the file as it is now

    def _after_change(self) -> None:
        self.changed.emit(self.tool_id)
        self.refresh()

    @Slot()
    def verify(self) -> None:
        if self._busy:
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
            self.context.endpoints(),
            on_done=self._verified,
            on_error=self._verify_failed,
        )

    def _verified(self, result: VerifyResult) -> None:
        self.last_verify = result
        self._set_busy(False)
        message = core_fill(result.message_template, result.params)
        warnings = [core(w) for w in result.warnings]
        self.result.show_status(
            kind_of(result.category),
            category_label(result.category),
            "\n".join([message, *warnings]),
            core_fill(result.remedy_template, result.params),
            detail=result.output,
            fixes=fixes_for(result.category, self.fixes),
        )
        self.verified.emit(result)

    def _verify_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, CodingPlanError) and error.code == "not_set_up":
            self.verify_refused = error
            self._update_buttons()
            self.result.show_error(error, self.tr("Not verified"))
            return
        self.result.show_error(error, self.tr("The tool could not be run"))

    @Slot()
    def revert(self) -> None:
        if self._busy:
            return
        self.result.clear()
        self._set_busy(True, self.tr("Undoing what this app set…"))
        run_action(
            self,
            self.state,
            actions.revert,
            self.tool_id,
            on_done=self._reverted,
            on_error=self._revert_failed,
        )

    def _reverted(self, result: ApplyResult) -> None:
        self.applied_here, self.last_verify = False, None
        self._set_busy(False)
        if result.changed == Changed.NOTHING:
            self.result.show_status(
                Kind.INFO,
                self.tr("Nothing to revert"),
                self.tr("This app has set nothing in {tool}'s files.").format(tool=self.name),
            )
            self.refresh()
            return
        self.result.show_texts(
            self.tr("Reverted"),
            self._written_text(result)
            or self.tr("What this app had set in {tool}'s files is undone.").format(tool=self.name),
            ok=True,
        )
        self._after_change()

    def _revert_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.result.show_error(error, self.tr("Nothing was reverted"))

    @Slot()
    def change_key(self) -> None:
        """The key dialog, for a verify run the plan refused."""
        self._key_dialog = KeyDialog.open_for(self.state, self, self._key_dialog)

    @Slot()
    def open_config_folder(self) -> None:
        if self.tool_status is None or not self.tool_status.detection.config_files:
            return
        links.open_folder(self.tool_status.detection.config_files[0].path.parent)

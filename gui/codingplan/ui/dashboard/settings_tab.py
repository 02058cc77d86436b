"""Preferences: each change is checked and saved at once; start at login through its action,
which makes the login entry off the GUI thread and saves the choice only once it is made."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from codingplan import actions
from codingplan import settings as settings_mod
from codingplan.errors import CodingPlanError
from codingplan.plan import CATALOG, Region, Tier
from codingplan.settings import RENEWAL_DATE
from codingplan.shown import Shown
from codingplan.ui import style, texts
from codingplan.ui.operations import run_action
from codingplan.ui.state import AppState
from codingplan.ui.translations import LANGUAGES, error_line
from codingplan.ui.widgets.renewal_date import RenewalDateField
from codingplan.ui.widgets.update_choice import UpdateChoice


class SettingsTab(QWidget):
    run_wizard = Signal()
    restart = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._loading = False

        self.tier = QComboBox()
        self.tier.setPlaceholderText(self.tr("Choose your plan"))
        for tier in Tier:
            info = tier.info
            self.tier.addItem(
                self.tr(
                    "{tier}: {h5} per 5 hours, {week} a week, {month} a month ({prices})"
                ).format(
                    tier=tier.label,
                    h5=texts.number(info.limit_5h),
                    week=texts.number(info.limit_week),
                    month=texts.number(info.limit_month),
                    prices=texts.prices(info),
                ),
                tier.value,
            )
        # The whole line shows in the list; closed, the box is no wider than the form.
        self.tier.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.tier.setMinimumContentsLength(32)
        self.region = QComboBox()
        self.region.addItem(self.tr("International (Singapore)"), Region.INTL.value)
        self.region.addItem(self.tr("China (Beijing)"), Region.CN.value)
        self.origin = QLineEdit()
        self.origin.setPlaceholderText(self.tr("Only for a gateway: https://gateway.example.com"))
        # Says when this run's address comes from elsewhere (CODINGPLAN_ORIGIN, --origin).
        self.origin_note = style.set_role(QLabel(), "muted")
        self.origin_note.setWordWrap(True)
        self.origin_note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.origin_note.setVisible(False)
        self.day = RenewalDateField()
        self.model_box = QComboBox()
        for m in CATALOG:
            label = m.id + (self.tr(" (Pro only)") if m.pro_only else "")
            self.model_box.addItem(label, m.id)
        self.first = QSpinBox()
        self.second = QSpinBox()
        for box in (self.first, self.second):
            box.setRange(1, 99)
            box.setSuffix(" %")
        self.shown = QComboBox()
        self.shown.addItem(self.tr("Requests left"), Shown.LEFT.value)
        self.shown.addItem(self.tr("Requests used"), Shown.USED.value)
        self.shown.setToolTip(
            self.tr(
                "What the tray's figure, its menu and 'codingplan usage --line' count: what is "
                "left of each window, or what is used"
            )
        )
        self.language = QComboBox()
        self.language.addItem(self.tr("Same as the system"), "system")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.restart_note = QLabel(self.tr("The new language shows after a restart."))
        restart = QPushButton(self.tr("Restart &now"))
        restart.clicked.connect(self.restart.emit)
        self.restart_row = QWidget()
        row = QHBoxLayout(self.restart_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.restart_note, 1)
        row.addWidget(restart)
        self.restart_row.setVisible(False)
        self.share = QLineEdit()
        self.share.setPlaceholderText(self.tr("A folder you sync between computers, e.g. ~/Sync"))
        self.share.setToolTip(
            self.tr(
                "Each computer writes the requests it counted there (times, tools and models "
                "only: no prompts, paths or keys) and reads the others'."
            )
        )
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._choose_share_folder)
        self.share_row = QWidget()
        share_layout = QHBoxLayout(self.share_row)
        share_layout.setContentsMargins(0, 0, 0, 0)
        share_layout.addWidget(self.share, 1)
        share_layout.addWidget(browse)
        self.login = QCheckBox(self.tr("Start at &login, in the tray"))
        self.check_updates = UpdateChoice(state.settings.check_updates, self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        wizard = QPushButton(self.tr("Run &setup again…"))
        wizard.clicked.connect(self.run_wizard.emit)

        form = QFormLayout()
        form.addRow(self.tr("&Plan:"), self.tier)
        form.addRow(self.tr("&Region:"), self.region)
        form.addRow(self.tr("Custom &origin:"), self.origin)
        form.addRow("", self.origin_note)
        day_label = QLabel(self.tr("Renewal or end &date:"))
        self.day.edit.setToolTip(
            self.tr("The date the plan's console shows as your plan's renewal or end")
        )
        day_label.setBuddy(self.day.edit)
        form.addRow(day_label, self.day)
        form.addRow(self.tr("Default &model:"), self.model_box)
        share_label = QLabel(self.tr("S&hared folder:"))
        share_label.setBuddy(self.share)
        form.addRow(share_label, self.share_row)
        thresholds = QHBoxLayout()
        thresholds.setContentsMargins(0, 0, 0, 0)
        # "Notify when used:" leads to the first box; the labels say which is which.
        first_label = QLabel(self.tr("first at"))
        second_label = QLabel(self.tr("second at"))
        for widget in (first_label, self.first, second_label, self.second):
            thresholds.addWidget(widget)
        thresholds.addStretch(1)
        self.first.setToolTip(self.tr("A notification when a window has this share used"))
        self.second.setToolTip(self.tr("A second notification, closer to the limit"))
        notify_label = QLabel(self.tr("&Notify when used:"))
        notify_label.setBuddy(self.first)
        form.addRow(notify_label, thresholds)
        form.addRow(self.tr("&Count in the tray:"), _at_size(self.shown))
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow("", self.restart_row)
        form.addRow("", self.login)
        if self.check_updates.offered:
            form.addRow("", self.check_updates)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(wizard)
        layout.addLayout(buttons)

        self.load()
        state.settings_changed.connect(self.load)
        self.tier.activated.connect(lambda _i: self._save("tier", self.tier.currentData()))
        self.region.activated.connect(lambda _i: self._save("region", self.region.currentData()))
        self.origin.editingFinished.connect(lambda: self._save("origin", self.origin.text()))
        self.share.editingFinished.connect(lambda: self._save("share-folder", self.share.text()))
        self.day.day_chosen.connect(
            lambda _day: self._save(RENEWAL_DATE, self.day.renewal().isoformat())
        )
        self.model_box.activated.connect(
            lambda _i: self._save("model", self.model_box.currentData())
        )
        self.shown.activated.connect(lambda _i: self._save("show", self.shown.currentData()))
        self.first.editingFinished.connect(self._save_thresholds)
        self.second.editingFinished.connect(self._save_thresholds)
        self.language.activated.connect(self._language_chosen)
        self.login.toggled.connect(self._login_toggled)
        self.check_updates.toggled.connect(
            lambda on: self._save("check-updates", "true" if on else "false")
        )

    # The tab sits in a tab widget, which asks its pages for a size but not for a height at a
    # width: at the width it gets, the wrapped notes ask for theirs here, or a narrow window
    # would draw them a line short.
    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        layout = self.layout()
        if self.width() <= 0 or layout is None or not layout.hasHeightForWidth():
            return hint
        return QSize(hint.width(), max(hint.height(), layout.totalHeightForWidth(self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the height it needs changed with the width

    @Slot()
    def load(self) -> None:
        self._loading = True
        s = self.state.settings
        self.tier.setCurrentIndex(self.tier.findData(s.tier.value) if s.tier else -1)
        self.region.setCurrentIndex(self.region.findData(s.region.value))
        self.origin.setText(s.origin)
        self._show_origin_override()
        self.share.setText(s.share_folder)
        self.day.set_day(s.subscription_day, kept=s.setup_complete)
        self.model_box.setCurrentIndex(self.model_box.findData(s.model))
        thresholds = [*s.notify_at, 95, 95]
        self.first.setValue(thresholds[0])
        self.second.setValue(thresholds[1] if len(s.notify_at) > 1 else thresholds[0])
        self.shown.setCurrentIndex(self.shown.findData(s.show.value))
        self.language.setCurrentIndex(self.language.findData(s.language))
        self.login.setChecked(s.start_at_login)
        self.check_updates.setChecked(s.check_updates and self.check_updates.offered)
        self._loading = False

    def _show_origin_override(self) -> None:
        """Say so when the address in use this run is not the one set here."""
        override = self.state.origin_override()
        if override is None:
            self.origin_note.setVisible(False)
            return
        source, origin = override
        if source == "option":
            text = self.tr(
                "This run was started with --origin {origin}: that address is used instead of "
                "the one set here."
            )
        else:
            text = self.tr(
                "The variable {variable} is set: {origin} is used instead of the address set "
                "here, until it is unset and the app started again."
            )
        self.origin_note.setText(text.format(origin=origin, variable=source))
        self.origin_note.setVisible(True)

    def _save(self, name: str, value: str) -> None:
        """Check a value by its settings name and save it; a bad one is explained, not saved."""
        if self._loading:
            return
        try:
            attr, parsed = settings_mod.parse_value(
                name, value, allow_insecure_origin=self.state.allow_insecure_origin or None
            )
        except CodingPlanError as err:
            self.message.setText(error_line(err))
            self.load()
            return
        if getattr(self.state.settings, attr) == parsed:
            return
        self.message.clear()
        self.state.update_settings(**{attr: parsed})  # a tier change is recorded with its time
        if attr in ("origin", "region"):
            self.state.refresh_tools()

    @Slot()
    def _choose_share_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("The folder you sync between computers"), self.share.text()
        )
        if chosen:
            self.share.setText(chosen)
            self._save("share-folder", chosen)

    @Slot()
    def _save_thresholds(self) -> None:
        self._save("notify-at", f"{self.first.value()},{self.second.value()}")

    @Slot(int)
    def _language_chosen(self, _index: int) -> None:
        before = self.state.settings.language
        self._save("language", self.language.currentData())
        self.restart_row.setVisible(
            self.state.settings.language != before or self.restart_row.isVisible()
        )

    @Slot(bool)
    def _login_toggled(self, on: bool) -> None:
        if self._loading:
            return
        self.login.setEnabled(False)  # until the entry is made (or not)
        self.message.clear()
        run_action(
            self,
            self.state,
            actions.set_start_at_login,
            on,
            on_done=lambda _entry: self.login.setEnabled(True),
            on_error=self._login_failed,
        )

    def _login_failed(self, error: BaseException) -> None:
        self.login.setEnabled(True)
        self.message.setText(error_line(error))
        self.load()  # the box shows the setting as it still is


def _at_size(box: QWidget) -> QWidget:
    """A box as wide as its contents need, not the whole form's width."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    row.addWidget(box)
    row.addStretch(1)
    return holder

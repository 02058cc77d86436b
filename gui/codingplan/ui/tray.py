"""The tray icon: a glance at the tightest window, a menu rebuilt each time it opens, and
notifications when a window crosses a threshold."""

from __future__ import annotations

import functools
import sys
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from codingplan import APP_NAME
from codingplan.alerts import Alert
from codingplan.plan import WINDOWS
from codingplan.shown import Shown
from codingplan.ui import glance, icons, texts
from codingplan.ui.operations import run_action
from codingplan.ui.state import AppState
from codingplan.ui.translations import core, core_fill, error_line
from codingplan.ui.widgets import links

if TYPE_CHECKING:  # the tracker's modules load after the first paint
    from codingplan.console.facts import PlanFacts
    from codingplan.tools.types import VerifyResult
    from codingplan.usage.snapshot import Snapshot


# The records are read at least every 5 minutes (usage/watcher.py), at once when a tool
# writes: a figure older than two of those reads has missed its refresh, and the icon fades.
STALE_AFTER_MS = 10 * 60_000
CHECK_EVERY_MS = 60_000  # how often the icon looks at the figure's age


def dark_panel() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def now_ms() -> int:
    return int(time.time() * 1000)


class Tray(QObject):
    """Owns the QSystemTrayIcon and its menu (the icon does not own the menu)."""

    open_dashboard = Signal()
    open_tools = Signal()  # the dashboard's Tools tab
    run_wizard = Signal()
    test_connection = Signal()
    calibrate = Signal()
    quit_requested = Signal()

    def __init__(self, state: AppState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.icon = QSystemTrayIcon(self)
        self.menu = QMenu()
        self.menu.setToolTipsVisible(True)  # a row that is off says why
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.verifying: set[str] = set()  # the tools whose Verify run is under way
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        # What the icon last showed: percent left, level, window, stale, dark panel, mask,
        # counted as used.
        self._key: tuple[int | None, icons.Level, str | None, bool, bool, bool, bool] | None = None
        self.rebuild_menu()
        self.update_icon()
        state.snapshot_changed.connect(self.update_icon)
        state.settings_changed.connect(self.update_icon)
        state.key_changed.connect(self.update_icon)
        state.alerts.connect(self.notify)
        state.console.reminder.connect(self.remind)
        QGuiApplication.styleHints().colorSchemeChanged.connect(
            lambda _scheme: self.update_icon(force=True)
        )
        # The figure ages even when nothing new comes (a refresh that keeps failing).
        self._age_check = QTimer(self)
        self._age_check.setInterval(CHECK_EVERY_MS)
        self._age_check.timeout.connect(self.update_icon)
        self._age_check.start()

    @Slot()
    def _scheme_changed(self) -> None:
        self.update_icon(force=True)

    def close(self) -> None:
        """Take the icon down before the menu goes: the icon keeps a pointer to the menu but
        does not own it, so the other order leaves it pointing at freed memory."""
        self._age_check.stop()
        self.icon.hide()
        self.icon.setContextMenu(None)  # type: ignore[arg-type]  # Qt takes nullptr; stubs miss it
        self.menu.deleteLater()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()
        self.icon.setToolTip(self.tooltip())  # some platforms drop a tooltip set before show()

    # --- the glance --------------------------------------------------------------------

    def setup_needs(self) -> list[str]:
        return glance.setup_needs(self.state.tier, self.state.key_status)

    def glance(self) -> tuple[float | None, icons.Level]:
        if self.setup_needs():
            return None, icons.Level.SETUP
        snapshot = self.state.snapshot
        if snapshot is None:
            return None, icons.Level.UNKNOWN
        return self._window_glance(snapshot, snapshot.tightest.window, False)

    def binding_window(self) -> str | None:
        """The window the icon's figure is about (the tightest), when it has a figure."""
        snapshot = self.state.snapshot
        if snapshot is None or self.setup_needs() or snapshot.tightest.limit is None:
            return None
        return snapshot.tightest.window

    def as_used(self) -> bool:
        """The figures count what is used, not what is left (the setting ``show``)."""
        return self.state.settings.show is Shown.USED

    def stale(self) -> bool:
        """The figure has missed its refresh: the records were last read too long ago."""
        updated = self.state.updated_ms
        return updated is not None and now_ms() - updated > STALE_AFTER_MS

    @Slot()
    def update_icon(self, *_args, force: bool = False) -> None:
        share, level = self.glance()
        window, stale = self.binding_window(), self.stale()
        mask, as_used = sys.platform == "darwin", self.as_used()
        # Redraw only when what the icon shows changes: per percent, level, window, age,
        # panel, and the way it counts.
        percent = None if share is None else icons.percent_shown(share)
        key = (percent, level, window, stale, dark_panel(), mask, as_used)
        if key != self._key or force:
            self._key = key
            self.icon.setIcon(
                icons.tray_icon(share, level, dark_panel(), mask, window, stale, as_used)
            )
        self.icon.setToolTip(self.tooltip())

    def tooltip(self) -> str:
        lines = [APP_NAME]
        needs = self.setup_needs()
        if needs:
            lines.append(glance.setup_line(needs))
        snapshot = self.state.snapshot
        if snapshot is None:
            return "\n".join([*lines, self.tr("Reading your tools’ records…")])
        shown = self.state.settings.show
        lines += [
            glance.window_line(w, snapshot, bool(needs), sure=True, shown=shown) for w in WINDOWS
        ]
        if not needs:
            lines.append(glance.forecast_line(snapshot))
        updated = self.state.updated_ms
        if updated is not None:
            when = glance.relative(updated, now_ms(), snapshot.tz)
            if self.stale():
                lines.append(
                    self.tr("Last updated {when}: the records could not be read since.").format(
                        when=when
                    )
                )
            else:
                lines.append(self.tr("Last updated {when}").format(when=when))
        return "\n".join(lines)

    # --- the menu ----------------------------------------------------------------------

    @Slot()
    def rebuild_menu(self) -> None:
        """Quota rows first, in normal text: each opens the dashboard (set-up: the wizard);
        the tightest window in bold, a used-up one marked with the red "no entry" sign."""
        menu = self.menu
        menu.clear()
        needs = self.setup_needs()
        if needs:
            row = menu.addAction(
                self._glyph(None, icons.Level.SETUP), glance.setup_line(needs) + "…"
            )
            row.triggered.connect(self.run_wizard.emit)
            _bold(row)
        snapshot: Snapshot | None = self.state.snapshot
        if snapshot is None:
            menu.addAction(self.tr("Reading your tools’ records…"), self.open_dashboard.emit)
        else:
            tight = snapshot.tightest.window if snapshot.tightest.limit is not None else None
            for window in WINDOWS:
                share, level = self._window_glance(snapshot, window, bool(needs))
                # Past a threshold, the row says when it runs out at this pace, if it does.
                nearly = level in (icons.Level.WARN, icons.Level.CRITICAL)
                row = menu.addAction(
                    self._glyph(share, level),
                    glance.window_line(
                        window,
                        snapshot,
                        bool(needs),
                        runs_out=nearly,
                        shown=self.state.settings.show,
                    ),
                )
                row.triggered.connect(self.open_dashboard.emit)
                if window == tight and not needs:
                    _bold(row)
        menu.addSeparator()
        self._update_entry(menu)
        menu.addAction(self.tr("Open dashboard"), self.open_dashboard.emit)
        self._tools_menu(menu)
        test = menu.addAction(self.tr("Test connection…"), self.test_connection.emit)
        calibrate = menu.addAction(self.tr("Calibrate…"), self.calibrate.emit)
        for action, why in (
            (test, self.why_no_test()),
            (calibrate, self.why_no_calibration()),
        ):
            action.setEnabled(not why)
            action.setToolTip(why or action.text())
        menu.addAction(self.tr("Open the plan’s console"), self.open_console)
        menu.addSeparator()
        menu.addAction(self.tr("Quit"), self.quit_requested.emit)

    def _update_entry(self, menu: QMenu) -> None:
        """A newer version, while the update check is on and until it is dismissed: one
        entry, opening its release page (the dashboard has its checksums and Dismiss)."""
        notice = self.state.updates.notice
        if notice is None:
            return
        entry = menu.addAction(
            self.tr("Version {version} is available: what’s new · download").format(
                version=notice.latest
            ),
            functools.partial(links.open_url, QUrl(notice.download_url)),
        )
        entry.setToolTip(
            self.tr("Opens the release page on GitHub; its SHA256SUMS are on the dashboard")
        )
        menu.addSeparator()

    def why_no_test(self) -> str:
        """Why Test connection cannot be used now ("": it can)."""
        return glance.why_no_test(self.state.key_status)

    def why_no_calibration(self) -> str:
        return glance.why_no_calibration(self.state.tier)

    # --- the tools ---------------------------------------------------------------------

    def _tools_menu(self, menu: QMenu) -> None:
        """Tools ▸ each tool this app sets up, where it stands; Verify on the ones set up."""
        tools = menu.addMenu(self.tr("Tools"))
        tools.setToolTipsVisible(True)
        statuses = self.state.tool_status
        if not statuses:  # before the first look (the tools load after the first paint)
            tools.addAction(self.tr("Looking for the tools…")).setEnabled(False)
            return
        from codingplan import integrations
        from codingplan.ui.tool_standing import standing_of, verify_text
        from codingplan.ui.widgets.tool_mark import tool_mark

        for info in integrations.INTEGRATIONS:
            if not info.automatic:
                continue
            found = standing_of(info, statuses.get(info.id))
            name = texts.tool_name(info.id)
            mark = QIcon()
            for size in (16, 32):
                mark.addPixmap(tool_mark(info.id, size))
            row = f"{name} · {found.title}"
            if not found.verifiable_state:
                item = tools.addAction(mark, row, self.open_tools.emit)
                item.setToolTip(found.reason)
                continue
            sub = tools.addMenu(mark, row)
            sub.setToolTipsVisible(True)
            if info.id in self.verifying:
                running = sub.addAction(self.tr("Verifying…"))
                running.setEnabled(False)
            else:
                verify = sub.addAction(
                    verify_text(info.verify_requests).replace("&", ""),
                    functools.partial(self.verify, info.id),
                )
                verify.setToolTip(
                    self.tr("Runs {tool} once with a one-word prompt").format(tool=name)
                )
            sub.addAction(self.tr("Open the Tools tab"), self.open_tools.emit)
        tools.addSeparator()
        tools.addAction(self.tr("Open the Tools tab"), self.open_tools.emit)

    def verify(self, tool_id: str) -> None:
        """Run the tool once through the plan; the answer comes as a notification."""
        if tool_id in self.verifying:
            return
        from codingplan import actions

        self.verifying.add(tool_id)
        name = texts.tool_name(tool_id)

        def done(result: VerifyResult) -> None:
            self.verifying.discard(tool_id)
            title = self.tr("{tool}: {outcome}").format(
                tool=name, outcome=texts.category_label(result.category)
            )
            self._tell(title, core_fill(result.message_template, result.params), result.ok)

        def failed(error: BaseException) -> None:
            self.verifying.discard(tool_id)
            title = self.tr("{tool} was not verified").format(tool=name)
            self._tell(title, error_line(error), False)

        run_action(
            self,
            self.state,
            actions.verify,
            tool_id,
            self.state.endpoints(),
            on_done=done,
            on_error=failed,
        )

    def _tell(self, title: str, body: str, ok: bool) -> None:
        kind = (
            QSystemTrayIcon.MessageIcon.Information if ok else QSystemTrayIcon.MessageIcon.Warning
        )
        self.icon.showMessage(title, body, kind, 10_000)

    def _window_glance(
        self, snapshot: Snapshot, window: str, setup_needed: bool
    ) -> tuple[float | None, icons.Level]:
        estimate = snapshot.windows[window]
        if setup_needed or estimate.limit is None or estimate.remaining is None:  # no limit
            return None, icons.Level.UNKNOWN
        share = estimate.remaining / max(1, estimate.limit)
        return share, icons.level_for(estimate.used, estimate.limit, self.state.settings.notify_at)

    def _glyph(self, share: float | None, level: icons.Level) -> QIcon:
        """A menu row's mark: the window's ring (small sizes of the tray's own drawing)."""
        icon = QIcon()
        for size in (16, 32):
            icon.addPixmap(icons.draw(size, share, level, dark_panel(), as_used=self.as_used()))
        return icon

    @Slot()
    def open_console(self) -> None:
        QDesktopServices.openUrl(QUrl(self.state.settings.region.info.console_url))

    @Slot(QSystemTrayIcon.ActivationReason)
    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # On macOS a click opens the menu; elsewhere a left click opens the dashboard, or
        # the setup wizard while set-up is needed.
        if reason == QSystemTrayIcon.ActivationReason.Trigger and sys.platform != "darwin":
            (self.run_wizard if self.setup_needs() else self.open_dashboard).emit()

    # --- notifications -----------------------------------------------------------------

    def timed(self, alert: Alert) -> Alert:
        """The alert with when its news changes, from the figures it was raised on: when a
        used-up window takes calls again (the one resume rule the cards use), or when one
        past a threshold runs out at the recent rate."""
        snapshot = self.state.snapshot
        if snapshot is None:
            return alert
        at_ms = None
        if alert.kind == "exhausted":
            at_ms = snapshot.windows[alert.window].resume_ms
        elif alert.kind == "threshold":
            forecast = snapshot.forecast.windows.get(alert.window)
            at_ms = forecast.runs_out_ms if forecast is not None else None
        if at_ms is None:
            return alert
        now, tz = snapshot.now_ms, snapshot.tz
        params = {
            **alert.params,
            "time": glance.at(at_ms, now, tz, today_word=False),
            "in": glance.relative(at_ms, now, tz),
        }
        return replace(alert, params=params, at_ms=at_ms)

    @Slot(object)
    def notify(self, alerts: list[Alert]) -> None:
        for alert in map(self.timed, alerts):
            title, body = alert.templates
            params = {**alert.params, "window": core(alert.window_name)}
            params = {
                k: texts.number(v) if isinstance(v, int) and k != "percent" else v
                for k, v in params.items()
            }
            self.icon.showMessage(
                core_fill(title, params),
                core_fill(body, params),
                QSystemTrayIcon.MessageIcon.Warning
                if alert.kind != "restored"
                else QSystemTrayIcon.MessageIcon.Information,
                10_000,
            )

    @Slot(object)
    def remind(self, facts: PlanFacts) -> None:
        """The plan ends in 7, 3 or 1 days and will not renew by itself (given once each)."""
        from codingplan.console.facts import reminder_text
        from codingplan.ui.console_texts import day

        first, second = reminder_text(facts)
        params = {"date": day(facts.last_day), "days": texts.number(facts.days_left)}
        self.icon.showMessage(
            core_fill(first, params),
            core_fill(second, params),
            QSystemTrayIcon.MessageIcon.Warning,
            10_000,
        )


def _bold(action: QAction) -> None:
    font = action.font()
    font.setBold(True)
    action.setFont(font)

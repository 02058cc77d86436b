"""Screenshots of the setup wizard, the dashboard, the Test connection and key dialogs and
the open tray menu, in English and Simplified Chinese, in the light and the dark scheme,
taken in a real X server (Xvfb) with a real tray host (trayer): first as a new user finds
the app (set-up needed), then through the wizard, then set up, then with the 5-hour window
used up; and the tray icons at 22 px on a light and a dark panel. The dark scheme's go in a
``dark`` folder beside each language's.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--languages en zh_CN]
        [--schemes light dark]
        [--scale 2]   # to check the screens at twice the pixel density (not for the docs)

Each language runs in a throwaway HOME with its own Secret Service, a stand-in of the plan on
127.0.0.1 (the connection test really sends its requests there), two weeks of made-up
history for the quota tracker, and the real coding tools on PATH when tests/realtools has
them, so the tools page shows real versions.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.fakes.history import busy_fortnight, claude_requests  # noqa: E402
from tests.fakes.plan_server import TEST_KEY, PlanServer  # noqa: E402
from tests.fakes.secret_service import private_secret_service, session_env  # noqa: E402
from tests.fakes.xserver import xvfb  # noqa: E402

REALTOOLS = REPO / "tests" / "realtools" / "node_modules" / ".bin"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--languages", nargs="+", default=["en", "zh_CN"])
    parser.add_argument("--schemes", nargs="+", default=["light", "dark"])
    parser.add_argument("--scale", type=float, default=1.0, help="QT_SCALE_FACTOR to use")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # the language, inside the X server
    args = parser.parse_args()
    if args.child:
        return shoot(args.child, args.out)
    for language, scheme in ((lang, sch) for lang in args.languages for sch in args.schemes):
        out = args.out / language / ("dark" if scheme == "dark" else "")
        home = Path(tempfile.mkdtemp(prefix="codingplan-shots-"))
        busy_fortnight(home, datetime.now(UTC))
        with (
            private_secret_service() as bus,
            session_env(bus),
            PlanServer() as server,
            xvfb(round(1280 * args.scale), round(800 * args.scale), tray=True) as display,
        ):
            venv_bin = Path(sys.executable).parent
            env = {
                **os.environ,
                "HOME": str(home),
                "DISPLAY": display,
                "QT_QPA_PLATFORM": "xcb",
                "CODINGPLAN_ORIGIN": server.origin,
                "CODINGPLAN_NO_ERROR_DIALOGS": "1",
                "PATH": f"{REALTOOLS}:{venv_bin}:{os.environ.get('PATH', '')}",
                "LANG": "zh_CN.UTF-8" if language == "zh_CN" else "en_US.UTF-8",
                "QT_SCALE_FACTOR": str(args.scale),
                "CODINGPLAN_COLOR_SCHEME": scheme,
            }
            for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "WAYLAND_DISPLAY"):
                env.pop(name, None)
            subprocess.run(
                [sys.executable, __file__, "--child", language, "--out", str(out)],
                env=env,
                check=True,
            )
        print(f"{language}, {scheme}: {out}")


def shoot(language: str, out: Path) -> None:
    """Inside the X server: walk through the app and grab each screen."""
    from PySide6.QtCore import QPoint, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QWidget, QWizard

    from codingplan.ui import logs, style, translations
    from codingplan.ui.dashboard.window import Dashboard
    from codingplan.ui.state import AppState
    from codingplan.ui.tray import Tray
    from codingplan.ui.wizard.wizard import PageId, SetupWizard

    out.mkdir(parents=True, exist_ok=True)
    logs.setup()  # so that the log tab has the run's lines to show
    app = QApplication([])
    app.setApplicationName("codingplan")
    translations.install(app, language)
    style.apply(app)  # the scheme asked for (CODINGPLAN_COLOR_SCHEME)
    state = AppState()
    state.update_settings(language=language)

    def wait(condition, seconds: float = 60.0) -> None:
        import time

        end = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("the app did not get there in time")
            app.processEvents()
            time.sleep(0.02)

    def settle(ms: int = 300) -> None:
        loop_done = []
        QTimer.singleShot(ms, lambda: loop_done.append(True))
        wait(lambda: bool(loop_done))

    def grab(widget, name: str) -> None:
        settle()
        widget.grab().save(str(out / f"{name}.png"))

    # A plain desktop behind the menus: Xvfb's own root window is black.
    desktop = QWidget(None, Qt.WindowType.FramelessWindowHint)
    desktop.setStyleSheet("background: #5b6770;")
    desktop.setGeometry(app.primaryScreen().geometry())
    desktop.show()
    desktop.lower()  # under the tray host's panel

    def grab_menu(tray: Tray, name: str) -> None:
        """The tray's menu open under its icon, with the panel it sits in."""
        geometry = tray.icon.geometry()
        tray.menu.aboutToShow.emit()
        tray.menu.popup(QPoint(geometry.left(), geometry.bottom() + 2))
        settle(300)
        # Right-aligned under the icon, as a panel at the top right would place it.
        tray.menu.move(geometry.right() - tray.menu.width(), geometry.bottom() + 2)
        settle(400)
        menu = tray.menu.geometry()
        screen = app.primaryScreen()
        ratio = screen.devicePixelRatio()
        left = max(0, menu.left() - 40)
        width = screen.geometry().width() - left
        shot = screen.grabWindow(0, left, 0, width, menu.bottom() + 40)
        if ratio != 1:  # grabWindow takes device pixels on some platforms: keep it whole
            shot.setDevicePixelRatio(ratio)
        shot.save(str(out / f"{name}.png"))
        tray.menu.hide()
        settle(200)

    # --- as a new user finds it: no plan chosen, no key stored
    state.start()
    wait(lambda: state.snapshot is not None and state.key_status is not None)
    tray = Tray(state)
    tray.show()
    wait(lambda: tray.icon.geometry().x() > 0)  # docked in the panel, at its place on screen
    dashboard = Dashboard(state)
    dashboard.resize(1000, 700)
    dashboard.show()
    grab(dashboard, "dashboard-setup-needed")
    dashboard.hide()
    grab_menu(tray, "tray-setup-needed")

    # --- the wizard
    wizard = SetupWizard(state)
    wizard.show()
    nxt = wizard.button(QWizard.WizardButton.NextButton)

    def go(page_id: int) -> None:
        wait(nxt.isEnabled)
        nxt.click()
        wait(lambda: wizard.currentId() == page_id)

    grab(wizard, "wizard-1-welcome")
    wizard.welcome_page.acknowledge.click()
    go(PageId.PLAN)
    grab(wizard, "wizard-2-plan")  # nothing preselected: Next waits for a choice
    pro = next(b for b in wizard.plan_page.tiers.buttons() if b.property("tier") == "pro")
    pro.click()
    go(PageId.KEY)
    wizard.key_page.entry.edit.setText(TEST_KEY)
    grab(wizard, "wizard-3-key")
    go(PageId.CONNECTION)
    test = wizard.connection_page.test
    wait(lambda: test.reachability is not None)
    test.send_button.click()
    wait(lambda: bool(test.results) and not test.busy)
    grab(wizard, "wizard-4-connection")
    go(PageId.TOOLS)
    tools_page = wizard.tools_page
    wait(lambda: tools_page.found is not None)
    for tool_id, row in tools_page.rows.items():
        if row.check.isChecked() != (tool_id in ("claude-code", "qwen-code")):
            row.check.click()
    grab(wizard, "wizard-5-tools")
    go(wizard.tool_page_id("claude-code"))
    tool = wizard.tool_pages["claude-code"].setup_widget
    wait(lambda: tool.change_set is not None)
    grab(wizard, "wizard-6-claude-code")
    tool.apply_button.click()
    wait(lambda: wizard.tool_pages["claude-code"].configured() and not tool.busy)
    go(wizard.tool_page_id("qwen-code"))
    # Next on a page where nothing was applied asks: apply, skip or stay.
    qwen = wizard.tool_pages["qwen-code"]
    wait(lambda: qwen.setup_widget is not None and qwen.setup_widget.change_set is not None)
    nxt.click()
    wait(lambda: qwen.question is not None and qwen.question.isVisible())
    question = qwen.question
    grab(question, "wizard-7-nothing-applied")
    from PySide6.QtWidgets import QMessageBox

    destructive = QMessageBox.ButtonRole.DestructiveRole
    skip = next(b for b in question.buttons() if question.buttonRole(b) == destructive)
    skip.click()
    wait(lambda: wizard.currentId() == PageId.FINISH)
    grab(wizard, "wizard-8-finish")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    wait(lambda: state.settings.setup_complete)

    # --- set up: the plan chosen, the key stored
    state.refresh_key()
    state.refresh_tools()
    state.recompute()
    wait(lambda: not tray.setup_needs() and state.snapshot.tier is not None)
    wait(lambda: bool(state.tool_status))
    dashboard.show()
    dashboard.show_quota()
    grab(dashboard, "dashboard-quota")
    for index, name in ((1, "tools"), (2, "key"), (3, "settings")):
        dashboard.tabs.setCurrentIndex(index)
        grab(dashboard, f"dashboard-{name}")
    dashboard.show_log()
    grab(dashboard, "dashboard-log")
    dashboard.hide()
    from codingplan.ui.dashboard.calibrate import CalibrateDialog

    calibrate = CalibrateDialog(state)
    calibrate.show()
    calibrate.rows["week"].used.setValue(12_345)  # one reading entered, the others left empty
    grab(calibrate, "calibrate")
    calibrate.reject()
    from codingplan.ui.app import present
    from codingplan.ui.widgets.connection import ConnectionTestDialog
    from codingplan.ui.widgets.key_entry import KeyDialog

    connection = ConnectionTestDialog(state)  # as the tray opens it
    present(connection)
    wait(lambda: connection.widget.reachability is not None)
    grab(connection, "test-connection")
    connection.widget.send_button.click()
    wait(lambda: bool(connection.widget.results) and not connection.widget.busy)
    grab(connection, "test-connection-tested")
    connection.close()
    key = KeyDialog(state)
    present(key)
    grab(key, "key-dialog")
    key.close()
    grab_menu(tray, "tray-menu")

    # --- a burst that uses up the 5 hours: when can work resume, and with how much?
    from datetime import UTC, datetime, timedelta

    five = state.snapshot.windows["5h"]
    assert five.limit is not None
    burst = five.limit - five.used + 40  # 40 over: the oldest 41 must come back first
    claude_requests(Path.home(), [datetime.now(UTC) - timedelta(minutes=3)] * burst)
    state.refresh_usage()
    wait(lambda: state.snapshot.windows["5h"].remaining == 0 and not state.scanning)
    dashboard.show()
    dashboard.show_quota()
    grab(dashboard, "dashboard-used-up")
    dashboard.hide()
    grab_menu(tray, "tray-used-up")

    icon_sheet(out / "tray-icons.png")
    tray.close()
    state.shutdown()


def icon_sheet(path: Path) -> None:
    """The tray icons at 22 px as a panel shows them (light, then dark), and enlarged four
    times beside, for: nothing used, 80 % left (the 5 hours bind), 20 % (past the first
    threshold; the week binds), 4 % (past the last; the month binds), 80 % but not read for
    too long, used up, set-up needed."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    from codingplan.ui.icons import Level, draw

    cases = [
        (1.0, Level.OK, "5h", False),
        (0.8, Level.OK, "5h", False),
        (0.2, Level.WARN, "week", False),
        (0.04, Level.CRITICAL, "month", False),
        (0.8, Level.OK, "5h", True),
        (0.0, Level.EXHAUSTED, None, False),
        (None, Level.SETUP, None, False),
    ]
    size, zoom, pad = 22, 4, 8
    actual = len(cases) * (size + pad) + pad
    enlarged = len(cases) * (size * zoom + pad) + pad
    row = size * zoom + 2 * pad
    sheet = QImage(actual + enlarged, 2 * row, QImage.Format.Format_ARGB32)
    painter = QPainter(sheet)
    for line, (dark, panel) in enumerate(((False, "#f0f0f0"), (True, "#2b2b2b"))):
        top = line * row
        painter.fillRect(QRect(0, top, sheet.width(), row), QColor(panel))
        for i, (share, level, window, stale) in enumerate(cases):
            icon = draw(size, share, level, dark, window=window, stale=stale)
            y = top + (row - size) // 2
            painter.drawPixmap(pad + i * (size + pad), y, icon)
            big = icon.scaled(
                size * zoom,
                size * zoom,
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.FastTransformation,  # the pixels as they are, enlarged
            )
            painter.drawPixmap(actual + pad + i * (size * zoom + pad), top + pad, big)
    painter.end()
    sheet.save(str(path))


if __name__ == "__main__":
    main()

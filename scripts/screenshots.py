"""Screenshots of the setup wizard, the dashboard and the open tray menu, in English and
Simplified Chinese, taken in a real X server (Xvfb) with a real tray host (trayer).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--languages en zh_CN]

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

from tests.fakes.history import busy_fortnight  # noqa: E402
from tests.fakes.plan_server import TEST_KEY, PlanServer  # noqa: E402
from tests.fakes.secret_service import private_secret_service, session_env  # noqa: E402
from tests.fakes.xserver import xvfb  # noqa: E402

REALTOOLS = REPO / "tests" / "realtools" / "node_modules" / ".bin"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--languages", nargs="+", default=["en", "zh_CN"])
    parser.add_argument("--child", help=argparse.SUPPRESS)  # the language, inside the X server
    args = parser.parse_args()
    if args.child:
        return shoot(args.child, args.out / args.child)
    for language in args.languages:
        home = Path(tempfile.mkdtemp(prefix="codingplan-shots-"))
        busy_fortnight(home, datetime.now(UTC))
        with (
            private_secret_service() as bus,
            session_env(bus),
            PlanServer() as server,
            xvfb(1280, 800, tray=True) as display,
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
            }
            for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "WAYLAND_DISPLAY"):
                env.pop(name, None)
            subprocess.run(
                [sys.executable, __file__, "--child", language, "--out", str(args.out)],
                env=env,
                check=True,
            )
        print(f"{language}: {args.out / language}")


def shoot(language: str, out: Path) -> None:
    """Inside the X server: walk through the app and grab each screen."""
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtWidgets import QApplication, QWizard

    from codingplan.ui import translations
    from codingplan.ui.state import AppState
    from codingplan.ui.wizard.wizard import PageId, SetupWizard

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    app.setApplicationName("codingplan")
    translations.install(app, language)
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
    grab(wizard, "wizard-2-plan")
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
    wait(lambda: tool.planned is not None)
    grab(wizard, "wizard-6-claude-code")
    go(wizard.tool_page_id("qwen-code"))
    go(PageId.FINISH)
    grab(wizard, "wizard-7-finish")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    wait(lambda: state.settings.setup_complete)

    from codingplan.ui.dashboard.window import Dashboard
    from codingplan.ui.tray import Tray

    state.start()
    wait(lambda: state.snapshot is not None and bool(state.tool_status))
    dashboard = Dashboard(state)
    dashboard.resize(1000, 700)
    dashboard.show()
    grab(dashboard, "dashboard-quota")
    for index, name in ((1, "tools"), (2, "key"), (3, "settings")):
        dashboard.tabs.setCurrentIndex(index)
        grab(dashboard, f"dashboard-{name}")
    dashboard.hide()

    # A plain desktop behind the menu: Xvfb's own root window is black.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    desktop = QWidget(None, Qt.WindowType.FramelessWindowHint)
    desktop.setStyleSheet("background: #5b6770;")
    desktop.setGeometry(app.primaryScreen().geometry())
    desktop.show()
    desktop.lower()  # under the tray host's panel
    tray = Tray(state)
    tray.show()
    wait(lambda: tray.icon.geometry().x() > 0)  # docked in the panel, at its place on screen
    geometry = tray.icon.geometry()
    tray.menu.aboutToShow.emit()
    tray.menu.popup(QPoint(geometry.left(), geometry.bottom() + 2))
    settle(300)
    # Right-aligned under the icon, as a panel at the top right would place it.
    tray.menu.move(geometry.right() - tray.menu.width(), geometry.bottom() + 2)
    settle(400)
    menu = tray.menu.geometry()
    screen = app.primaryScreen()
    left = max(0, menu.left() - 40)
    width = screen.geometry().width() - left
    screen.grabWindow(0, left, 0, width, menu.bottom() + 40).save(str(out / "tray-menu.png"))
    tray.menu.hide()
    tray.close()
    state.shutdown()


if __name__ == "__main__":
    main()

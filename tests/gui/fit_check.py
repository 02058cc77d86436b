"""Opens every window and dialog of the app as the app opens them (``ui.app.present``), page
by page and tab by tab, on the screen Qt
was started with (its size and scale come from the parent: QT_QPA_PLATFORM's screen file
and QT_SCALE_FACTOR), and prints as JSON what does not fit: a text without the room it asks
for, a window or a button off the screen.

    QT_SCALE_FACTOR=1.25 QT_QPA_PLATFORM=offscreen:configfile=screen.json \\
        python -m tests.gui.fit_check zh_CN

Run by tests/gui/test_screen_fit.py in a process of its own (the scale is fixed at start).
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path


def main(language: str) -> dict[str, list[str]]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard

    from codingplan import keystore
    from codingplan.plan import Tier
    from codingplan.ui import style, translations
    from codingplan.ui.app import present
    from codingplan.ui.state import AppState
    from tests.fakes.history import busy_fortnight
    from tests.fakes.plan_server import TEST_KEY, PlanServer
    from tests.gui.layout import cut_off, off_screen

    app = QApplication(sys.argv[:1])
    translations.install(app, language)
    style.apply(app)
    area = app.primaryScreen().availableGeometry()
    found: dict[str, list[str]] = {}

    def wait(condition, seconds: float = 60.0) -> None:
        end = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError(f"waited {seconds} s in vain")
            app.processEvents()
            time.sleep(0.01)

    def settle(ms: int = 250) -> None:
        done: list[bool] = []
        QTimer.singleShot(ms, lambda: done.append(True))
        wait(lambda: bool(done))

    def check(name: str, window: QWidget) -> None:
        settle()
        found[name] = cut_off(window) + off_screen(window, area)

    busy_fortnight(Path.home(), datetime.now(UTC))
    with PlanServer() as server:
        os.environ["CODINGPLAN_ORIGIN"] = server.origin
        state = AppState()
        state.start()
        wait(lambda: state.snapshot is not None and state.key_status is not None)

        # --- the wizard, page by page, as a new person goes through it
        from codingplan.ui.wizard.wizard import PageId, SetupWizard

        wizard = SetupWizard(state)
        present(wizard)
        next_button = wizard.button(QWizard.WizardButton.NextButton)

        def go(page_id: int) -> None:
            wait(next_button.isEnabled)
            next_button.click()
            wait(lambda: wizard.currentId() == page_id)

        check("wizard: welcome", wizard)
        wizard.welcome_page.acknowledge.click()
        go(PageId.PLAN)
        check("wizard: plan", wizard)
        next(b for b in wizard.plan_page.tiers.buttons() if b.property("tier") == "pro").click()
        go(PageId.KEY)
        wizard.key_page.entry.edit.setText(TEST_KEY)
        check("wizard: key", wizard)
        go(PageId.CONNECTION)
        test = wizard.connection_page.test
        wait(lambda: test.reachability is not None)
        check("wizard: connection", wizard)
        test.send_button.click()
        wait(lambda: bool(test.results) and not test.busy)
        check("wizard: connection, tested", wizard)
        go(PageId.CONSOLE)
        check("wizard: the plan's own figures", wizard)
        go(PageId.TOOLS)
        wait(lambda: wizard.tools_page.found is not None)
        check("wizard: tools", wizard)
        for tool_id, row in wizard.tools_page.rows.items():
            if row.check.isChecked() != (tool_id == "claude-code"):
                row.check.click()
        go(wizard.tool_page_id("claude-code"))
        page = wizard.tool_pages["claude-code"]
        wait(lambda: page.setup_widget is not None and page.setup_widget.change_set is not None)
        check("wizard: Claude Code", wizard)
        next_button.click()  # nothing applied to an installed tool: it asks first

        def asked() -> bool:
            return page.question is not None and page.question.isVisible()

        wait(lambda: asked() or wizard.currentId() == PageId.FINISH)
        if asked():
            assert page.question is not None
            check("wizard: nothing applied", page.question)
            skip = next(
                b
                for b in page.question.buttons()
                if page.question.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
            )
            skip.click()
        wait(lambda: wizard.currentId() == PageId.FINISH)
        check("wizard: finish", wizard)
        wizard.reject()  # leaving asks first
        wait(lambda: wizard.question is not None and wizard.question.isVisible())
        check("wizard: leave?", wizard.question)
        wizard.question.done(0)
        wizard.hide()

        # --- the dashboard, tab by tab, set up
        state.update_settings(tier=Tier.PRO, setup_complete=True)
        wait(lambda: state.key_status is not None and state.key_status.stored)
        from codingplan.ui.dashboard.window import Dashboard

        dashboard = Dashboard(state)
        present(dashboard)
        # A newer version's line on top of the quota tab, as the update check shows it.
        from codingplan.updates import Status, UpdateCheck

        page = "https://github.com/codingplan/configurator/releases/tag/v0.2.0"
        files = ("windows-x64-setup.exe", "macos-arm64.dmg", "macos-x86_64.dmg")
        sums = tuple((f"CodingPlanConfigurator-0.2.0-{f}", "0123456789abcdef" * 4) for f in files)
        notice = UpdateCheck(Status.NEWER, "0.1.0", "0.2.0", page, page, sums)
        dashboard.overview.update_line.show_notice(notice)
        for index in range(dashboard.tabs.count()):
            dashboard.tabs.setCurrentIndex(index)
            check(f"dashboard: {dashboard.tabs.tabText(index)}", dashboard)
        # The tool cards in every state at once (set up and verified, set up, not set up, not
        # installed, needs attention, set up by hand), each with its buttons.
        from tests.gui.tool_states import every_state

        dashboard.show_tools()
        tools = dashboard.tab(1)
        tools.show_status(every_state(Path.home()))
        wait(lambda: all(c.refusal_known for c in tools.cards.values() if c.info.automatic))
        for card in tools.cards.values():
            card.set_refusal(None)  # every button on, as long as its text can be
        check("dashboard: tool cards in every state", dashboard)
        tools.cards["claude-code"].setup_button.click()
        check("tool setup: Claude Code", tools._dialogs["claude-code"])
        tools._dialogs["claude-code"].reject()
        dashboard.show_log()
        check("dashboard: log", dashboard)
        dashboard.hide()

        # --- the dialogs
        from codingplan.ui.dashboard.calibrate import CalibrateDialog
        from codingplan.ui.widgets.connection import ConnectionTestDialog
        from codingplan.ui.widgets.key_entry import KeyDialog

        connection = ConnectionTestDialog(state)
        present(connection)
        wait(lambda: connection.widget.reachability is not None)
        check("test connection", connection)
        connection.widget.send_button.click()
        wait(lambda: bool(connection.widget.results) and not connection.widget.busy)
        check("test connection, tested", connection)
        connection.close()
        key = KeyDialog(state)
        present(key)
        check("key", key)
        key.close()
        calibrate = CalibrateDialog(state)
        present(calibrate)
        check("calibrate", calibrate)
        calibrate.close()
        dashboard.show_quota()
        present(dashboard)
        sums_dialog = dashboard.overview.update_line.show_sums()
        assert sums_dialog is not None
        check("SHA256SUMS", sums_dialog)
        sums_dialog.close()
        dashboard.hide()
        from codingplan.ui.dashboard.console_section import ConsoleLoginDialog

        console_login = ConsoleLoginDialog(state)
        present(console_login)
        check("log in to the plan's console", console_login)
        console_login.close()
        state.shutdown()
        keystore.delete_key()
    return {name: problems for name, problems in found.items() if problems}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1]), ensure_ascii=False))

"""Screenshots of the setup wizard, the dashboard (its tool cards in every state), the Test
connection, calibration and key dialogs, the open tray menu and its Tools menu, the
notifications, a newer version in the tray menu and on the dashboard, and the plan's console
(its login's faults, its figures, a failed read), in English and Simplified Chinese, in the
light and the dark scheme, taken in a real X server (Xvfb) with a real tray host (trayer):
first as a new user finds the app (set-up needed), then through the wizard, then set up, then
nearing the 5-hour limit and with it used up; and the tray icons at 22 px on a light and a
dark panel. The dark scheme's go in a ``dark`` folder beside each language's.

Three variants of each (``--variants``):

- ``1x``: every picture, on a 1280x800 screen;
- ``2x``: the ones a glance depends on (the tool cards, the Test connection dialog before and
  after a result, the tray in each state, each notification, the welcome page) at twice the
  pixel density, in a ``2x`` folder;
- ``small``: the wizard, page by page, on a 1366x768 laptop at 125 %, in a ``1366x768``
  folder.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--languages en zh_CN]
        [--schemes light dark] [--variants 1x 2x small] [--pictures NAME ...]

``--pictures`` takes only the pictures named (``tray-update``, ``dashboard-update``,
``update-sums``): the walk through the app is the same, the other files are left as they are.

Each run has a throwaway HOME with its own Secret Service, a stand-in of the plan on
127.0.0.1 (the connection test and Verify really send their requests there), one of GitHub's
releases API (version 0.2.0 is out, for the update check), two weeks of
made-up history for the quota tracker, and the real coding tools on PATH when tests/realtools
has them (all but the Kilo Code CLI, so that a card shows a tool not installed).
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
from tests.fakes.releases_server import ReleasesServer  # noqa: E402
from tests.fakes.secret_service import private_secret_service, session_env  # noqa: E402
from tests.fakes.xserver import xvfb  # noqa: E402

REALTOOLS = REPO / "tests" / "realtools" / "node_modules" / ".bin"


# name -> (scale, the screen's width and height in device pixels, the pictures taken (None:
# all), sub-folder)
VARIANTS = {
    "1x": (1.0, 1280, 800, None, ""),
    "2x": (
        2.0,
        2560,
        1600,
        {
            "wizard-1-welcome",
            "dashboard-tools",
            "test-connection",
            "test-connection-tested",
            "tray-setup-needed",
            "tray-menu",
            "tray-tools",
            "tray-nearly-used-up",
            "tray-used-up",
            "tray-update",
            "tray-icons",
            "notification-80",
            "notification-95",
            "notification-used-up",
        },
        "2x",
    ),
    "small": (1.25, 1366, 768, "wizard", "1366x768"),
}
NOT_ON_PATH = ("kilo", "kilocode")  # the Kilo Code CLI: a card of a tool not installed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--languages", nargs="+", default=["en", "zh_CN"])
    parser.add_argument("--schemes", nargs="+", default=["light", "dark"])
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--pictures", nargs="+", default=[], help="only these pictures")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # the language, inside the X server
    parser.add_argument("--variant", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return shoot(args.child, args.out, args.variant, set(args.pictures))
    for language, scheme, variant in (
        (lang, sch, var) for lang in args.languages for sch in args.schemes for var in args.variants
    ):
        scale, width, height, _pictures, folder = VARIANTS[variant]
        out = args.out / language / ("dark" if scheme == "dark" else "") / folder
        home = Path(tempfile.mkdtemp(prefix="codingplan-shots-"))
        busy_fortnight(home, datetime.now(UTC))
        with (
            private_secret_service() as bus,
            session_env(bus),
            PlanServer() as server,
            ReleasesServer(latest="0.2.0") as releases,
            xvfb(width, height, tray=True) as display,
        ):
            venv_bin = Path(sys.executable).parent
            env = {
                **os.environ,
                "HOME": str(home),
                "DISPLAY": display,
                "QT_QPA_PLATFORM": "xcb",
                "CODINGPLAN_ORIGIN": server.origin,
                "CODINGPLAN_UPDATES_ORIGIN": releases.origin,
                "CODINGPLAN_NO_ERROR_DIALOGS": "1",
                "PATH": f"{tools_bin(home)}:{venv_bin}:{os.environ.get('PATH', '')}",
                "LANG": "zh_CN.UTF-8" if language == "zh_CN" else "en_US.UTF-8",
                "QT_SCALE_FACTOR": str(scale),
                "CODINGPLAN_COLOR_SCHEME": scheme,
            }
            for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "WAYLAND_DISPLAY"):
                env.pop(name, None)
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    language,
                    "--variant",
                    variant,
                    "--out",
                    str(out),
                    *(["--pictures", *args.pictures] if args.pictures else []),
                ],
                env=env,
                check=True,
            )
        print(f"{language}, {scheme}, {variant}: {out}")


def tools_bin(home: Path) -> Path:
    """A folder of links to the real coding tools, all but the ones kept off PATH."""
    folder = home / ".shots-bin"
    folder.mkdir(exist_ok=True)
    if REALTOOLS.is_dir():
        for tool in REALTOOLS.iterdir():
            if tool.name not in NOT_ON_PATH:
                (folder / tool.name).symlink_to(tool.resolve())
    return folder


def shoot(language: str, out: Path, variant: str, only: set[str]) -> None:
    """Inside the X server: walk through the app and grab each screen of ``variant``."""
    from PySide6.QtCore import QPoint, QRect, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard

    from codingplan.ui import logs, style, translations
    from codingplan.ui.app import present
    from codingplan.ui.dashboard.window import Dashboard
    from codingplan.ui.state import AppState
    from codingplan.ui.tray import Tray
    from codingplan.ui.wizard.wizard import PageId, SetupWizard

    pictures = VARIANTS[variant][3]
    out.mkdir(parents=True, exist_ok=True)
    logs.setup()  # so that the log tab has the run's lines to show
    app = QApplication([])
    app.setApplicationName("codingplan")
    translations.install(app, language)
    style.apply(app)  # the scheme asked for (CODINGPLAN_COLOR_SCHEME)
    state = AppState()
    state.update_settings(language=language)

    def wanted(name: str) -> bool:
        if only and name not in only:
            return False
        if pictures is None:
            return True
        if pictures == "wizard":
            return name.startswith("wizard-")
        return name in pictures

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
        if not wanted(name):
            return
        settle()
        widget.grab().save(str(out / f"{name}.png"))

    def grab_screen(rect: QRect, name: str) -> None:
        """A part of the screen as it is shown (menus, the panel, notifications)."""
        screen = app.primaryScreen()
        area = rect.intersected(screen.geometry())
        shot = screen.grabWindow(0, area.left(), area.top(), area.width(), area.height())
        ratio = screen.devicePixelRatio()
        if ratio != 1:  # grabWindow takes device pixels on some platforms: keep it whole
            shot.setDevicePixelRatio(ratio)
        shot.save(str(out / f"{name}.png"))

    # A plain desktop behind the menus: Xvfb's own root window is black.
    desktop = QWidget(None, Qt.WindowType.FramelessWindowHint)
    desktop.setStyleSheet("background: #5b6770;")
    desktop.setGeometry(app.primaryScreen().geometry())
    desktop.show()
    desktop.lower()  # under the tray host's panel

    def open_menu(tray: Tray) -> QRect:
        """The tray's menu open under its icon, right-aligned as a panel at the top right
        would place it; its geometry."""
        geometry = tray.icon.geometry()
        tray.menu.aboutToShow.emit()
        tray.menu.popup(QPoint(geometry.left(), geometry.bottom() + 2))
        settle(300)
        tray.menu.move(geometry.right() - tray.menu.width(), geometry.bottom() + 2)
        settle(400)
        return tray.menu.geometry()

    def grab_menu(tray: Tray, name: str, submenu: str | None = None) -> None:
        """The menu with the panel it hangs from; with ``submenu``, that one open too."""
        if not wanted(name):
            return
        menu = open_menu(tray)
        shown = QRect(menu)
        if submenu is not None:
            action = next(a for a in tray.menu.actions() if a.text() == submenu)
            tray.menu.setActiveAction(action)
            sub = action.menu()
            sub.aboutToShow.emit()
            place = tray.menu.actionGeometry(action)
            sub.popup(tray.menu.mapToGlobal(place.topLeft()) - QPoint(sub.sizeHint().width(), 0))
            settle(500)
            shown = shown.united(sub.geometry())
        screen = app.primaryScreen().geometry()
        left = max(0, shown.left() - 40)
        grab_screen(QRect(left, 0, screen.width() - left, shown.bottom() + 40), name)
        tray.menu.hide()
        settle(200)

    def balloon() -> QWidget | None:
        found = [w for w in app.topLevelWidgets() if w.metaObject().className() == "QBalloonTip"]
        return next((w for w in found if w.isVisible()), None)

    def grab_notification(tray: Tray, name: str, seconds: float = 30.0) -> None:
        """The notification the tray just showed, with the panel it comes from."""
        try:
            wait(lambda: balloon() is not None, seconds)
        except TimeoutError:
            print(f"no notification for {name}")
            return
        settle(600)
        tip = balloon()
        assert tip is not None
        if wanted(name):
            shown = tip.geometry().united(tray.icon.geometry())
            screen = app.primaryScreen().geometry()
            left = max(0, shown.left() - 40)
            grab_screen(QRect(left, 0, screen.width() - left, shown.bottom() + 30), name)
        tip.close()
        settle(300)

    # --- as a new user finds it: no plan chosen, no key stored
    state.start()
    wait(lambda: state.snapshot is not None and state.key_status is not None)
    tray = Tray(state)
    tray.show()
    wait(lambda: tray.icon.geometry().x() > 0)  # docked in the panel, at its place on screen
    dashboard = Dashboard(state)
    if wanted("dashboard-setup-needed"):
        present(dashboard)
        grab(dashboard, "dashboard-setup-needed")
        dashboard.hide()
    grab_menu(tray, "tray-setup-needed")

    # --- the wizard
    wizard = SetupWizard(state)
    present(wizard)
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
    go(PageId.CONSOLE)
    grab(wizard, "wizard-4b-console")
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
    destructive = QMessageBox.ButtonRole.DestructiveRole
    skip = next(b for b in question.buttons() if question.buttonRole(b) == destructive)
    skip.click()
    wait(lambda: wizard.currentId() == PageId.FINISH)
    grab(wizard, "wizard-8-finish")  # Claude Code set up, not verified: Verify is there
    if pictures == "wizard":
        wizard.hide()
        tray.close()
        state.shutdown()
        return
    wizard.button(QWizard.WizardButton.FinishButton).click()
    wait(lambda: state.settings.setup_complete)

    # --- set up: the plan chosen, the key stored
    state.refresh_key()
    state.refresh_tools()
    state.recompute()
    wait(lambda: not tray.setup_needs() and state.snapshot.tier is not None)
    wait(lambda: bool(state.tool_status))
    present(dashboard)
    dashboard.show_quota()
    grab(dashboard, "dashboard-quota")
    for index, name in ((2, "key"), (3, "settings")):
        dashboard.tabs.setCurrentIndex(index)
        grab(dashboard, f"dashboard-{name}")
    dashboard.show_log()
    grab(dashboard, "dashboard-log")

    # --- the tool cards, each state a real one: Claude Code verified on its card, Qwen Code
    # set up, Cline changed by hand since, OpenCode set up for another provider, the Kilo
    # Code CLI not installed (kept off PATH), Continue not set up.
    from codingplan import actions

    endpoints = state.endpoints()
    for tool_id in ("qwen-code", "cline"):
        options = actions.configure_options(tool_id, state.settings, endpoints)
        actions.apply(actions.preview_configure(tool_id, options))
    providers = Path.home() / ".cline" / "data" / "settings" / "providers.json"
    providers.write_text(providers.read_text().replace('"qwen3-coder-plus"', '"glm-5"', 1))
    opencode = Path.home() / ".config" / "opencode" / "opencode.json"
    opencode.parent.mkdir(parents=True, exist_ok=True)
    opencode.write_text('{\n  "model": "anthropic/claude-sonnet-4-5"\n}\n')
    state.refresh_tools()
    dashboard.show_tools()
    tools = dashboard.tab(1)
    card = tools.cards["claude-code"]
    wait(lambda: card.status is not None and card.verify_button.isEnabled())
    card.verify_button.click()  # the real Claude Code, once, against the stand-in of the plan
    wait(lambda: card.standing.value == "verified", 240)
    wait(lambda: tools.cards["cline"].standing.value == "attention")
    grab(dashboard, "dashboard-tools")
    dashboard.hide()
    grab_menu(tray, "tray-tools", submenu=tray.tr("Tools"))

    from codingplan.ui.dashboard.calibrate import CalibrateDialog

    if wanted("calibrate"):
        calibrate = CalibrateDialog(state)
        present(calibrate)
        calibrate.rows["week"].used.setValue(12_345)  # one reading entered, the others empty
        grab(calibrate, "calibrate")
        calibrate.reject()
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
    if wanted("key-dialog"):
        key = KeyDialog(state)
        present(key)
        grab(key, "key-dialog")
        key.close()
    grab_menu(tray, "tray-menu")

    # --- a newer version out, the update check turned on: the tray's entry, the dashboard's
    # line and its checksums; then dismissed, so that the pictures after it do not show it
    state.updates.start_delay_ms = 0  # its first check at once, not after a while
    state.update_settings(check_updates=True)
    wait(lambda: state.updates.notice is not None)
    if wanted("dashboard-update"):
        present(dashboard)
        dashboard.show_quota()
        grab(dashboard, "dashboard-update")
        if wanted("update-sums"):
            sums = dashboard.overview.update_line.show_sums()
            assert sums is not None  # a newer version with its SHA256SUMS is shown
            grab(sums, "update-sums")
            sums.close()
        dashboard.hide()
    grab_menu(tray, "tray-update")
    state.updates.dismiss()
    state.update_settings(check_updates=False)

    # --- nearing the 5-hour limit, then past it: the notifications say when
    from datetime import UTC, datetime, timedelta

    def read_again() -> None:
        state.refresh_usage()
        wait(lambda: not state.scanning)
        settle(300)

    def burst_to(share: float) -> None:
        read_again()  # what the tools wrote so far, counted first
        five = state.snapshot.windows["5h"]
        assert five.limit is not None
        count = max(1, round(five.limit * share) - five.used)
        claude_requests(Path.home(), [datetime.now(UTC) - timedelta(minutes=3)] * count)
        state.refresh_usage()
        wait(lambda: state.snapshot.windows["5h"].used >= five.used + count and not state.scanning)

    # A steady pace over the last hour, so that "runs out at this pace" has a rate to use.
    five = state.snapshot.windows["5h"]
    assert five.limit is not None
    paced = [datetime.now(UTC) - timedelta(minutes=m) for m in range(2, 60)]
    claude_requests(Path.home(), paced * max(1, five.limit // 400))
    burst_to(0.81)
    grab_notification(tray, "notification-80")
    grab_menu(tray, "tray-nearly-used-up")
    burst_to(0.96)
    grab_notification(tray, "notification-95")
    burst_to(1.0067)  # 40 over at Pro's 6,000: the oldest 41 must come back first
    wait(lambda: state.snapshot.windows["5h"].remaining == 0)
    grab_notification(tray, "notification-used-up")
    if wanted("dashboard-used-up"):
        present(dashboard)
        dashboard.show_quota()
        grab(dashboard, "dashboard-used-up")
        dashboard.hide()
    grab_menu(tray, "tray-used-up")
    plan_console(state, dashboard, tray, wait, grab, grab_notification)

    if wanted("tray-icons"):
        icon_sheet(out / "tray-icons.png")
    tray.close()
    state.shutdown()


def plan_console(state, dashboard, tray, wait, grab, grab_notification) -> None:
    """The plan's own figures, from a stand-in of its console: the login's faults (a
    missing permission, with the policy; a clock off), then logged in (the official cards,
    the plan's end, the Key tab's section), a read that failed, and the reminder before the
    plan ends."""
    from tests.fakes.console_server import KEY_ID, SECRET, ConsoleServer, instance

    from codingplan.ui.app import present
    from codingplan.ui.dashboard.console_section import ConsoleLoginDialog

    console = ConsoleServer().__enter__()
    if state.settings.region.value == "cn":  # a plan bought on the China site
        console.region, console.site = "cn-beijing", "domestic"
    os.environ["CODINGPLAN_CONSOLE_ORIGIN"] = console.origin
    dialog = ConsoleLoginDialog(state)
    present(dialog)
    login = dialog.login

    def log_in(name: str | None) -> None:
        login.key_id.setText(KEY_ID)
        login.secret.setText(SECRET)
        login.login_button.click()
        wait(lambda: not login.busy)
        if name is not None:
            login.result.status.details_button.setChecked(True)
            dialog.grow()
            grab(dialog, name)

    console.mint_scenario = "no_permission"
    log_in("console-login-no-permission")
    console.mint_scenario = None
    console.clock_offset = -20 * 60  # the console's clock 20 minutes behind this computer's
    log_in("console-login-clock")
    console.clock_offset = 0
    log_in(None)
    try:
        wait(lambda: state.console.logged_in and not dialog.isVisible())
    except TimeoutError:
        print("the console login did not end as expected:", login.result.text())
        raise
    state.refresh_usage()
    wait(lambda: not state.scanning and state.snapshot.windows["week"].confidence == "official")
    present(dashboard)
    dashboard.show_quota()
    grab(dashboard, "dashboard-official")
    dashboard.tabs.setCurrentIndex(2)
    grab(dashboard, "dashboard-key-console")
    console.gateway_scenario = "not_member"
    state.console.read()
    wait(lambda: not state.console.reading and state.console.status.fault is not None)
    grab(dashboard, "dashboard-key-console-failed")
    dashboard.show_quota()
    grab(dashboard, "dashboard-console-failed")
    dashboard.hide()
    console.gateway_scenario = None
    console.instances = [instance(days_left=2)]
    state.console.read()
    grab_notification(tray, "notification-plan-ends")
    console.__exit__()


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

"""How the app behaves: a long first scan keeps the window alive, closing the window leaves the
tray, errors are logged with the key masked and shown without blocking."""

from __future__ import annotations

import itertools
import logging
import time
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from codingplan import paths
from codingplan.ui import logs
from codingplan.ui.crash import CrashHandler

KEY = "sk-sp-behaviour0test0key0wxyz"


def test_a_long_first_scan_reports_progress_and_never_freezes_the_window(home, model, qtbot):
    from tests.fakes.history import claude_requests

    now = datetime.now(UTC)
    for n in range(400):  # 400 transcripts, 120,000 requests
        claude_requests(home, [now - timedelta(minutes=n, seconds=s) for s in range(300)])
    progress = []
    model.scan_progress.connect(progress.append)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    model.start()
    qtbot.waitUntil(lambda: model.snapshot is not None, timeout=120_000)
    timer.stop()
    assert progress and progress[-1].files_done == progress[-1].files_total >= 400
    assert model.snapshot.windows["month"].used >= 100_000
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 10 and max(gaps) < 0.5, f"the GUI thread stalled for {max(gaps):.2f} s"


def test_closing_the_window_leaves_the_tray_running(qapp, model, qtbot, monkeypatch):
    from codingplan.ui.app import DesktopApp
    from codingplan.ui.tray import Tray

    # Offscreen has no tray host; pretend there is one (what is tested is the app's policy).
    monkeypatch.setattr(Tray, "available", staticmethod(lambda: True))
    monkeypatch.setattr(Tray, "show", lambda self: None)
    model.update_settings(setup_complete=True)
    desktop = DesktopApp(qapp, model, tray_only=False)
    try:
        assert desktop.dashboard is not None and desktop.dashboard.isVisible()
        quitting = []
        qapp.aboutToQuit.connect(lambda: quitting.append(True))
        desktop.dashboard.close()
        qtbot.wait(200)
        assert not desktop.dashboard.isVisible() and quitting == []
        assert not qapp.quitOnLastWindowClosed()
        desktop.show_dashboard()  # the tray's "Open dashboard" brings the same window back
        assert desktop.dashboard.isVisible()
    finally:
        desktop.tray.close()
        desktop.dashboard.close()
        qapp.setQuitOnLastWindowClosed(True)


def test_quit_while_the_setup_asks_to_leave_quits_without_asking_again(
    qapp, fresh_model, qtbot, monkeypatch
):
    from PySide6.QtCore import QEvent

    from codingplan.ui.app import DesktopApp
    from codingplan.ui.tray import Tray

    monkeypatch.setattr(Tray, "available", staticmethod(lambda: True))
    monkeypatch.setattr(Tray, "show", lambda self: None)
    desktop = DesktopApp(qapp, fresh_model, tray_only=False)
    try:
        wizard = desktop.wizard
        assert wizard is not None and wizard.isVisible()
        wizard.reject()  # Escape: the wizard asks "Leave the setup?"
        assert wizard.question is not None and wizard.question.isVisible()
        # What QApplication.quit() sends the app before it closes the windows (the tray's Quit,
        # the Dock's, a logout). Handed to the filter alone: the event itself would end this
        # process's event loops for the tests that follow. The real quit is the CLI's test of
        # starting the desktop app.
        assert desktop.eventFilter(qapp, QEvent(QEvent.Type.Quit)) is False  # not swallowed
        assert desktop.wizard is None and not wizard.isVisible() and wizard.question is None
    finally:
        qapp.removeEventFilter(desktop)
        desktop.tray.close()
        qapp.setQuitOnLastWindowClosed(True)


def test_errors_go_to_the_rotating_log_file_with_the_key_masked(home):
    logs.setup()
    try:
        logging.getLogger("codingplan.test").error("request failed for %s", KEY)
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = (paths.log_dir() / "codingplan.log").read_text()
    finally:
        for handler in list(logging.getLogger().handlers):
            if isinstance(handler, logging.handlers.RotatingFileHandler):
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert "request failed for sk-sp-…wxyz" in text and KEY not in text


@pytest.mark.qt_log_ignore(".*")  # the dialog's own platform notices are not the subject here
def test_an_unexpected_error_is_logged_and_shown_without_blocking(home, qtbot, monkeypatch, caplog):
    monkeypatch.delenv("CODINGPLAN_NO_ERROR_DIALOGS")
    handler = CrashHandler()
    try:
        raise RuntimeError(f"boom with {KEY}")
    except RuntimeError as exc:
        with caplog.at_level(logging.CRITICAL):
            handler._hook(type(exc), exc, exc.__traceback__)
    assert "unexpected error" in caplog.text
    assert KEY not in caplog.text
    qtbot.waitUntil(lambda: bool(handler._open))
    box = handler._open[0]
    assert isinstance(box, QMessageBox) and box.isVisible() and not box.isModal()
    assert "sk-sp-…wxyz" in box.detailedText() and KEY not in box.detailedText()
    box.close()
    QApplication.processEvents()


def test_garbage_holding_a_qt_object_is_freed_on_the_gui_thread_not_a_worker(qtbot):
    # A worker that allocates past every threshold (as a scan does) once collected a closed
    # window's cycle itself, and Qt deadlocked or crashed deleting it off the GUI thread.
    import gc
    import threading
    import weakref

    from PySide6.QtCore import QObject

    freed_on = []
    gc.collect()  # from here on the object below is the youngest garbage there is
    thing = QObject()
    thing.cycle = thing  # only the cycle collector can free it
    # A weak reference's callback runs on the thread that frees the object.
    gone = weakref.ref(thing, lambda _: freed_on.append(threading.current_thread().name))
    del thing

    def allocate() -> None:
        for _ in range(50_000):
            garbage: list = []
            garbage.append(garbage)

    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()
    assert freed_on == [] and not gc.isenabled()
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5_000)  # the GUI thread's timer
    assert freed_on == ["MainThread"] and gone() is None
    assert gc.get_count()[0] < gc.get_threshold()[0]

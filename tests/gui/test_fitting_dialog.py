"""A dialog asked to grow and then deleted before the event loop turns is simply gone."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QLabel

from codingplan.ui.widgets.dialog import FittingDialog


def test_a_dialog_deleted_before_it_grows_raises_nothing(qtbot):
    dialog = FittingDialog(QLabel("Some text"))
    dialog.show()
    dialog.grow()  # queued for the next turn of the event loop
    shiboken6.delete(dialog)
    qtbot.wait(50)  # pytest-qt fails the test on an exception raised in the event loop
    assert not shiboken6.isValid(dialog)

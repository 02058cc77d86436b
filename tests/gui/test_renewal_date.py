"""The plan's month asked as the console shows it: the renewal or end date, the day it turns
said in words, a subscription day set before kept until the date is changed."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QDate

from codingplan.ui.dashboard.settings_tab import SettingsTab
from codingplan.ui.widgets.renewal_date import RenewalDateField


def test_the_date_says_on_which_day_the_month_turns(qtbot):
    field = RenewalDateField()
    qtbot.addWidget(field)
    field.set_day(1)
    field.edit.setDate(QDate(2027, 3, 10))
    assert field.turn_day() == 11
    assert "Your plan's month turns at 00:00 (UTC+8) on the 11th," in field.note.text()
    assert "last day" not in field.note.text()
    field.edit.setDate(QDate(2027, 1, 30))
    assert field.turn_day() == 31 and "on the 31st" in field.note.text()
    assert "In a month without that day, it turns on its last day." in field.note.text()
    field.edit.setDate(QDate(2027, 4, 30))  # a month's last day: the 1st
    assert field.turn_day() == 1 and "on the 1st," in field.note.text()


def test_a_day_set_before_is_kept_and_explained_until_the_date_changes(qtbot):
    field = RenewalDateField()
    qtbot.addWidget(field)
    field.show()
    field.set_day(31, kept=True, now=datetime(2027, 2, 10, tzinfo=UTC))
    assert field.renewal() == date(2027, 2, 27)  # February turns on its last day
    assert field.turn_day() == 31  # kept as it was, not the 28th the date would give
    assert field.earlier.isVisible()
    assert field.earlier.text().startswith("Kept from before: the subscription day")
    field.edit.setDate(QDate(2027, 2, 20))
    assert field.turn_day() == 21 and not field.earlier.isVisible()


def test_the_settings_tab_saves_the_date_as_the_day_after(model, qtbot):
    tab = SettingsTab(model)
    qtbot.addWidget(tab)
    tab.day.edit.setDate(QDate(2027, 1, 10))
    tab.day.edit.editingFinished.emit()
    assert model.settings.subscription_day == 11
    assert tab.day.turn_day() == 11 and "on the 11th" in tab.day.note.text()

"""The plan's month, asked the way the console shows it: the date of the plan's renewal or
end. The month turns at 00:00 (UTC+8) the day after that date (``settings.turn_day_after``);
the note under the field says on which day, as the date changes.

A subscription day set before (by an older version, or with ``subscription-day``) keeps
working: the field shows the date it stands for, and the day is saved again only when the
person changes the date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication, QDate, Signal, Slot
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QVBoxLayout, QWidget

from codingplan.settings import renewal_date_of, turn_day_after
from codingplan.ui.widgets.result_view import plain_label


def on_the(day: int) -> str:
    """ "on the 11th" (English ordinals; other languages translate each form)."""
    if day % 10 == 1 and day != 11:
        form = QCoreApplication.translate("RenewalDateField", "on the {day}st")
    elif day % 10 == 2 and day != 12:
        form = QCoreApplication.translate("RenewalDateField", "on the {day}nd")
    elif day % 10 == 3 and day != 13:
        form = QCoreApplication.translate("RenewalDateField", "on the {day}rd")
    else:
        form = QCoreApplication.translate("RenewalDateField", "on the {day}th")
    return form.format(day=day)


class RenewalDateField(QWidget):
    day_chosen = Signal(int)  # the subscription day of a date the person entered

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")  # as the console writes it; never ambiguous
        self.edit.setAccessibleName(self.tr("Renewal or end date"))
        self.edit.dateChanged.connect(self._changed)
        self.edit.editingFinished.connect(self._finished)
        self.note = plain_label()
        self.earlier = plain_label()  # how a subscription day set before is read
        self._day = 1
        self._touched = False
        self._loading = False
        self.used = False  # a date was entered here: the earlier day is no longer the news
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.earlier)

    def set_day(self, day: int, *, kept: bool = False, now: datetime | None = None) -> None:
        """Show the date that a month turning on ``day`` means now; ``kept``: the day was
        set before (not a default), so the note says it stays until the date is changed."""
        self._loading = True
        self._day, self._touched = day, False
        shown = renewal_date_of(day, now or datetime.now(UTC))
        self.edit.setDate(QDate(shown.year, shown.month, shown.day))
        self._loading = False
        self._explain()
        self.earlier.setText(
            self.tr(
                "Kept from before: the subscription day, the month turning {on_day}. If you "
                "entered the day you bought the plan, set the date the console shows instead: "
                "the month turns the day after it."
            ).format(on_day=on_the(day))
        )
        self.earlier.setVisible(kept and not self.used)

    def renewal(self) -> date:
        value = self.edit.date().toPython()
        assert isinstance(value, date)  # what a QDate gives
        return value

    def turn_day(self) -> int:
        """The subscription day to save: from the date once the person changed it."""
        return turn_day_after(self.renewal()) if self._touched else self._day

    @Slot()
    def _changed(self) -> None:
        if not self._loading:
            self._touched = True
            self.earlier.setVisible(False)
        self._explain()

    @Slot()
    def _finished(self) -> None:
        if self._touched:
            self.used = True
            self.day_chosen.emit(self.turn_day())

    def _explain(self) -> None:
        day = self.turn_day()
        text = self.tr(
            "As the plan's console shows it. Your plan's month turns at 00:00 (UTC+8) "
            "{on_day}, the day after this date: the monthly quota comes back then."
        ).format(on_day=on_the(day))
        if day > 28:  # not every month has it
            text += " " + self.tr("In a month without that day, it turns on its last day.")
        self.note.setText(text)

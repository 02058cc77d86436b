"""Two small charts drawn with QPainter: requests coming back in the next 5 hours, and
requests per day by tool over the last two weeks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from codingplan.ui import texts

if TYPE_CHECKING:  # the tracker's modules load after the first paint
    from codingplan.usage.tracker import DayCount

BUCKET_MS = 15 * 60_000
FIVE_HOURS_MS = 5 * 3_600_000
APP_COLOUR = "#c2a300"  # this app's own test requests


def source_colour(source: str) -> QColor:
    """The colour of a tool's requests (its integration's), or of this app's tests."""
    from codingplan import integrations

    if source == "app":
        return QColor(APP_COLOUR)
    found = source in integrations.IDS
    return QColor(integrations.get(source).colour if found else "#999999")


PLOT_MARGIN = (34, 22, 8, 22)  # left, top, right, bottom: room for axis labels


class _Chart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(150)

    def sizeHint(self) -> QSize:
        return QSize(360, 170)

    def _muted(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.PlaceholderText)

    def _plot(self) -> QRectF:
        left, top, right, bottom = PLOT_MARGIN
        return QRectF(self.rect()).adjusted(left, top, -right, -bottom)

    def _frame(self, painter: QPainter, title: str, peak: int) -> QRectF:
        """Title, a y scale up to ``peak``, and the plot area."""
        plot = self._plot()
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(
            QRectF(0, 0, self.width(), PLOT_MARGIN[1] - 4), Qt.AlignmentFlag.AlignLeft, title
        )
        painter.setPen(self._muted())
        painter.drawText(
            QRectF(0, plot.top() - 6, PLOT_MARGIN[0] - 4, 14),
            Qt.AlignmentFlag.AlignRight,
            texts.number(peak),
        )
        painter.drawText(
            QRectF(0, plot.bottom() - 8, PLOT_MARGIN[0] - 4, 14), Qt.AlignmentFlag.AlignRight, "0"
        )
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        return plot

    def _empty(self, painter: QPainter, plot: QRectF, text: str) -> None:
        painter.setPen(self._muted())
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)


class ReleaseChart(_Chart):
    """Requests coming back in each quarter hour of the next 5 hours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now_ms = 0
        self.buckets: list[int] = [0] * (FIVE_HOURS_MS // BUCKET_MS)

    def set_releases(self, releases: list[tuple[int, int]], now_ms: int) -> None:
        """``releases``: (time ms, count) pairs."""
        self.now_ms = now_ms
        self.buckets = [0] * (FIVE_HOURS_MS // BUCKET_MS)
        for at_ms, count in releases:
            index = int((at_ms - now_ms) // BUCKET_MS)
            if 0 <= index < len(self.buckets):
                self.buckets[index] += count
        total = sum(self.buckets)
        self.setAccessibleDescription(
            self.tr("{count} requests come back in the next 5 hours").format(count=total)
        )
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        peak = max(self.buckets) or 1
        plot = self._frame(
            painter, self.tr("Coming back in the next 5 hours"), peak if any(self.buckets) else 0
        )
        if not any(self.buckets):
            self._empty(
                painter, plot, self.tr("Nothing to come back: no requests in the last 5 hours")
            )
            painter.end()
            return
        width = plot.width() / len(self.buckets)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#1f9d55"))
        for i, count in enumerate(self.buckets):
            if count:
                height = plot.height() * count / peak
                painter.drawRect(
                    QRectF(plot.left() + i * width + 1, plot.bottom() - height, width - 2, height)
                )
        painter.setPen(self._muted())
        locale = QLocale()
        hour_ms = 3_600_000
        first = (self.now_ms // hour_ms + 1) * hour_ms  # ticks on the whole hours ahead
        for tick in range(first, self.now_ms + FIVE_HOURS_MS, hour_ms):
            x = plot.left() + plot.width() * (tick - self.now_ms) / FIVE_HOURS_MS
            when = QDateTime.fromMSecsSinceEpoch(tick).time()
            label = locale.toString(when, QLocale.FormatType.ShortFormat)
            box = QRectF(x - 32, plot.bottom() + 3, 64, 16)
            if box.right() > self.width():  # keep the last label inside the widget
                box.moveRight(self.width() - 1)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, label)
        painter.end()


class HistoryChart(_Chart):
    """Requests per day, stacked by tool, oldest on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: list[DayCount] = []

    def set_history(self, days: list[DayCount]) -> None:
        self.days = list(days)
        self.setAccessibleDescription(
            self.tr("{count} requests in the last {days} days").format(
                count=sum(d.total for d in self.days), days=len(self.days)
            )
        )
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        peak = max((d.total for d in self.days), default=0)
        plot = self._frame(painter, self.tr("Requests per day"), peak)
        if not peak:
            self._empty(painter, plot, self.tr("No requests recorded in the last two weeks"))
            painter.end()
            return
        width = plot.width() / len(self.days)
        for i, day in enumerate(self.days):
            bottom = plot.bottom()
            for source, count in sorted(day.by_source.items()):
                height = plot.height() * count / peak
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(source_colour(source))
                painter.drawRect(
                    QRectF(plot.left() + i * width + 1, bottom - height, width - 2, height)
                )
                bottom -= height
            if (len(self.days) - 1 - i) % 2 == 0:  # every other day, ending today
                painter.setPen(self._muted())
                label = day.day[-2:]
                painter.drawText(
                    QRectF(plot.left() + i * width - 10, plot.bottom() + 3, width + 20, 16),
                    Qt.AlignmentFlag.AlignHCenter,
                    label,
                )
        self._legend(painter, plot)
        painter.end()

    def _legend(self, painter: QPainter, plot: QRectF) -> None:
        sources = sorted({s for d in self.days for s, n in d.by_source.items() if n})
        x = plot.right()
        metrics = painter.fontMetrics()
        for source in reversed(sources):
            name = texts.source_name(source)
            x -= metrics.horizontalAdvance(name) + 18
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(source_colour(source))
            painter.drawRect(QRectF(x, 5, 9, 9))
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(
                QRectF(x + 12, 0, metrics.horizontalAdvance(name) + 4, 18),
                Qt.AlignmentFlag.AlignLeft,
                name,
            )

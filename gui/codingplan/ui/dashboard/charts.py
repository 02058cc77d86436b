"""Two small charts drawn with QPainter: requests coming back in the next 5 hours, and
requests per day by tool over the last two weeks. Each has a scale with gridlines, a mark
for now, and its values on hover (in a tooltip, and the bar under the pointer lit)."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from codingplan.ui import glance, texts

if TYPE_CHECKING:  # the tracker's modules load after the first paint
    from codingplan.usage.tracker import DayCount

BUCKET_MS = 15 * 60_000
FIVE_HOURS_MS = 5 * 3_600_000
HOUR_MS = 3_600_000
APP_COLOUR = "#c2a300"  # this app's own test requests
RELEASE_COLOUR = "#1f9d55"
GAP = 4  # between the title, the legend and the plot


def source_colour(source: str) -> QColor:
    """The colour of a tool's requests (its integration's), or of this app's tests."""
    from codingplan import integrations

    if source == "app":
        return QColor(APP_COLOUR)
    found = source in integrations.IDS
    return QColor(integrations.get(source).colour if found else "#999999")


def nice_ticks(peak: int) -> list[int]:
    """0 and a few round steps up to at least ``peak``: 1, 2 or 5 times a power of ten."""
    if peak <= 0:
        return [0]
    raw = peak / 4
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(1, int(step))
    return list(range(0, (-(-peak // step) + 1) * step, step))


def short_day(day: date) -> str:
    """A day with its month: "7 Dec"; in Chinese "12月7日"."""
    pattern = "M月d日" if glance.chinese() else "d MMM"
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


class _Chart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(170)
        self.setMouseTracking(True)
        self.hovered: int | None = None  # the bar under the pointer

    def sizeHint(self) -> QSize:
        return QSize(360, 190)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 170)

    # --- what each chart says

    def title(self) -> str:
        raise NotImplementedError

    def bars(self) -> int:
        raise NotImplementedError

    def peak(self) -> int:
        raise NotImplementedError

    def hover_text(self, index: int) -> str:
        raise NotImplementedError

    def legend_height(self, width: float) -> float:
        return 0.0

    # --- the frame

    def _muted(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.PlaceholderText)

    def _line_height(self) -> float:
        return QFontMetricsF(self.font()).height()

    def _axis_width(self, ticks: list[int]) -> float:
        metrics = QFontMetricsF(self.font())
        return max(metrics.horizontalAdvance(texts.number(t)) for t in ticks) + 8

    def plot_rect(self) -> QRectF:
        """Below the title and the legend, right of the scale, above the time axis."""
        ticks = nice_ticks(self.peak())
        line = self._line_height()
        top = line + GAP + self.legend_height(self.width()) + line / 2
        left = self._axis_width(ticks)
        return QRectF(left, top, self.width() - left - 6, self.height() - top - line - 6)

    def _frame(self, painter: QPainter) -> QRectF:
        """Title, the scale with its gridlines, and the plot area."""
        plot = self.plot_rect()
        line = self._line_height()
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft, self.title())
        ticks = nice_ticks(self.peak())
        grid = QColor(self._muted())
        grid.setAlpha(60)
        for tick in ticks:
            y = self._y(plot, tick, ticks[-1])
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(self._muted())
            painter.drawText(
                QRectF(0, y - line / 2, plot.left() - 6, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                texts.number(tick),
            )
        painter.setPen(self._muted())
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        return plot

    @staticmethod
    def _y(plot: QRectF, value: float, top_value: int) -> float:
        return plot.bottom() - plot.height() * value / max(1, top_value)

    def _empty(self, painter: QPainter, plot: QRectF, text: str) -> None:
        painter.setPen(self._muted())
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)

    def _bar_rect(self, plot: QRectF, index: int) -> QRectF:
        width = plot.width() / max(1, self.bars())
        return QRectF(plot.left() + index * width, plot.top(), width, plot.height())

    def _now_mark(self, painter: QPainter, plot: QRectF, x: float) -> None:
        """A dashed line at now, labelled under the axis."""
        pen = QPen(self.palette().color(QPalette.ColorRole.WindowText), 1, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        label = self.tr("now")
        width = QFontMetricsF(self.font()).horizontalAdvance(label) + 4
        box = QRectF(x - width / 2, plot.bottom() + 2, width, self._line_height())
        box.moveLeft(max(0.0, min(box.left(), self.width() - width)))
        painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, label)

    def _highlight(self, painter: QPainter, plot: QRectF) -> None:
        if self.hovered is None:
            return
        light = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        light.setAlpha(45)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(light)
        painter.drawRect(self._bar_rect(plot, self.hovered))

    # --- hover

    def index_at(self, x: float) -> int | None:
        plot = self.plot_rect()
        if not plot.left() <= x < plot.right() or self.bars() == 0:
            return None
        return int((x - plot.left()) / (plot.width() / self.bars()))

    def mouseMoveEvent(self, event) -> None:
        index = self.index_at(event.position().x())
        if index != self.hovered:
            self.hovered = index
            self.update()
        if index is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.hover_text(index), self)

    def leaveEvent(self, event) -> None:
        self.hovered = None
        self.update()
        super().leaveEvent(event)


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
            # A release at the very end of a quarter belongs to it (they are rounded up).
            index = int((at_ms - now_ms - 1) // BUCKET_MS)
            if 0 <= index < len(self.buckets):
                self.buckets[index] += count
        total = sum(self.buckets)
        self.setAccessibleDescription(
            self.tr("{count} requests come back in the next 5 hours").format(
                count=texts.number(total)
            )
        )
        self.update()

    def title(self) -> str:
        return self.tr("Coming back in the next 5 hours")

    def bars(self) -> int:
        return len(self.buckets)

    def peak(self) -> int:
        return max(self.buckets)

    def _clock(self, ms: int) -> str:
        return QLocale().toString(
            QDateTime.fromMSecsSinceEpoch(ms).time(), QLocale.FormatType.ShortFormat
        )

    def hover_text(self, index: int) -> str:
        start = self.now_ms + index * BUCKET_MS
        return self.tr("{count} back between {start} and {end}").format(
            count=texts.number(self.buckets[index]),
            start=self._clock(start),
            end=self._clock(start + BUCKET_MS),
        )

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self._frame(painter)
        self._now_mark(painter, plot, plot.left())
        if not any(self.buckets):
            self._empty(
                painter, plot, self.tr("Nothing to come back: no requests in the last 5 hours")
            )
            painter.end()
            return
        self._highlight(painter, plot)
        top = nice_ticks(self.peak())[-1]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(RELEASE_COLOUR))
        for i, count in enumerate(self.buckets):
            if count:
                slot = self._bar_rect(plot, i)
                y = self._y(plot, count, top)
                painter.drawRect(QRectF(slot.left() + 1, y, slot.width() - 2, plot.bottom() - y))
        painter.setPen(self._muted())
        metrics = QFontMetricsF(self.font())
        first = (self.now_ms // HOUR_MS + 1) * HOUR_MS  # ticks on the whole hours ahead
        now_label = metrics.horizontalAdvance(self.tr("now")) + 8
        for tick in range(first, self.now_ms + FIVE_HOURS_MS, HOUR_MS):
            x = plot.left() + plot.width() * (tick - self.now_ms) / FIVE_HOURS_MS
            label = self._clock(tick)
            width = metrics.horizontalAdvance(label) + 4
            if x - width / 2 < plot.left() + now_label:  # would cover "now"
                continue
            box = QRectF(x - width / 2, plot.bottom() + 2, width, self._line_height())
            if box.right() > self.width():  # keep the last label inside the widget
                box.moveRight(self.width() - 1)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, label)
        painter.end()


class HistoryChart(_Chart):
    """Requests per day, stacked by tool, oldest on the left, today (so far) on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: list[DayCount] = []
        self.counting = False  # older records still being read: none shown is not none made

    def set_counting(self, counting: bool) -> None:
        if counting != self.counting:
            self.counting = counting
            self.update()

    def set_history(self, days: list[DayCount]) -> None:
        self.days = list(days)
        self.setAccessibleDescription(
            self.tr("{count} requests in the last {days} days").format(
                count=texts.number(sum(d.total for d in self.days)), days=len(self.days)
            )
        )
        self.update()

    def title(self) -> str:
        return self.tr("Requests per day")

    def bars(self) -> int:
        return len(self.days)

    def peak(self) -> int:
        return max((d.total for d in self.days), default=0)

    def sources(self) -> list[str]:
        return sorted({s for d in self.days for s, n in d.by_source.items() if n})

    def hover_text(self, index: int) -> str:
        day = self.days[index]
        parts = glance.join(
            f"{texts.source_name(s)} {texts.number(n)}"
            for s, n in sorted(day.by_source.items())
            if n
        )
        when = glance.day(_date(day.day), date.today())
        if not parts:
            return self.tr("{day}: none").format(day=when)
        return self.tr("{day}: {total} ({tools})").format(
            day=when, total=texts.number(day.total), tools=parts
        )

    # --- the legend: its own rows between the title and the plot, right-aligned, wrapped

    def legend_items(self, width: float) -> list[tuple[str, QRectF, QRectF]]:
        """(source, swatch, text) rectangles of the legend for a chart ``width`` wide."""
        metrics = QFontMetricsF(self.font())
        line = self._line_height()
        rows: list[list[tuple[str, float]]] = [[]]
        used = 0.0
        for source in self.sources():
            item = metrics.horizontalAdvance(texts.source_name(source)) + 12 + 14
            if rows[-1] and used + item > width:
                rows.append([])
                used = 0.0
            rows[-1].append((source, item))
            used += item
        found = []
        for row_index, row in enumerate(rows):
            y = line + GAP + row_index * line
            x = width - sum(item for _, item in row)
            for source, item in row:
                swatch = QRectF(x, y + (line - 9) / 2, 9, 9)
                found.append((source, swatch, QRectF(x + 12, y, item - 12, line)))
                x += item
        return found

    def legend_height(self, width: float) -> float:
        items = self.legend_items(width)
        if not items:
            return 0.0
        return max(text.bottom() for _, _, text in items) - (self._line_height() + GAP)

    def title_rect(self) -> QRectF:
        width = QFontMetricsF(self.font()).horizontalAdvance(self.title())
        return QRectF(0, 0, width, self._line_height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self._frame(painter)
        if not self.peak():
            empty = (
                glance.counting_line()
                if self.counting
                else self.tr("No requests recorded in the last two weeks")
            )
            self._empty(painter, plot, empty)
            painter.end()
            return
        self._highlight(painter, plot)
        top = nice_ticks(self.peak())[-1]
        for i, day in enumerate(self.days):
            slot = self._bar_rect(plot, i)
            bottom = plot.bottom()
            for source, count in sorted(day.by_source.items()):
                height = plot.height() * count / top
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(source_colour(source))
                painter.drawRect(QRectF(slot.left() + 1, bottom - height, slot.width() - 2, height))
                bottom -= height
        self._day_labels(painter, plot)
        now = datetime.now()
        today = self._bar_rect(plot, len(self.days) - 1)
        gone = (now.hour * 3600 + now.minute * 60 + now.second) / 86_400
        self._now_mark(painter, plot, today.left() + today.width() * gone)
        self._legend(painter)
        painter.end()

    def _day_labels(self, painter: QPainter, plot: QRectF) -> None:
        """Days with their month, as many as fit, always ending with today."""
        metrics = QFontMetricsF(self.font())
        labels = [short_day(_date(d.day)) for d in self.days]
        slot = plot.width() / max(1, len(self.days))
        widest = max(metrics.horizontalAdvance(label) for label in labels) + 8
        step = max(1, math.ceil(widest / slot))
        now_room = metrics.horizontalAdvance(self.tr("now")) + 8
        painter.setPen(self._muted())
        for i in range(len(self.days) - 1 - step, -1, -step):  # today's place shows "now"
            centre = plot.left() + (i + 0.5) * slot
            if centre + widest / 2 > plot.right() - now_room:
                continue
            box = QRectF(centre - widest / 2, plot.bottom() + 2, widest, self._line_height())
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, labels[i])

    def _legend(self, painter: QPainter) -> None:
        for source, swatch, text in self.legend_items(self.width()):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(source_colour(source))
            painter.drawRect(swatch)
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(
                text,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                texts.source_name(source),
            )


def _date(iso_day: str) -> date:
    return date.fromisoformat(iso_day)

"""One card per quota window: what is left, a bar of what is used, when more comes back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from codingplan.ui import icons, texts

if TYPE_CHECKING:  # the tracker's modules load after the first paint
    from codingplan.usage.estimate import WindowEstimate
    from codingplan.usage.snapshot import Snapshot


class UsageBar(QWidget):
    """A bar of the share used, in the colour of the window's level."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.share_used = 0.0
        self.colour = icons.COLOURS[icons.Level.UNKNOWN]
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(160, 10)

    def set_value(self, share_used: float, level: icons.Level) -> None:
        self.share_used = min(1.0, max(0.0, share_used))
        self.colour = icons.COLOURS[level]
        self.setAccessibleDescription(f"{round(self.share_used * 100)}%")
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = rect.height() / 2
        track = self.palette().color(QPalette.ColorRole.Mid)
        track.setAlpha(90)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track)
        painter.drawRoundedRect(rect, radius, radius)
        if self.share_used > 0:
            filled = QRectF(rect)
            filled.setWidth(max(rect.height(), rect.width() * self.share_used))
            painter.setBrush(self.colour)
            painter.drawRoundedRect(filled, radius, radius)
        painter.end()


class WindowCard(QFrame):
    def __init__(self, window: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_id = window  # not self.window: that is QWidget.window()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setObjectName(f"card-{window}")
        self.title = QLabel(texts.window_name(window))
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.remaining = QLabel("—")
        big = QFont(self.remaining.font())
        big.setPointSizeF(big.pointSizeF() * 1.7)
        big.setBold(True)
        self.remaining.setFont(big)
        self.bar = UsageBar()
        self.used = QLabel()
        self.when = QLabel()
        self.when.setWordWrap(True)
        self.confidence = QLabel()
        self.confidence.setWordWrap(True)
        muted = self.confidence.palette()
        muted.setColor(
            QPalette.ColorRole.WindowText, muted.color(QPalette.ColorRole.PlaceholderText)
        )
        self.confidence.setPalette(muted)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.remaining, self.bar, self.used, self.when, self.confidence):
            layout.addWidget(widget)

    def show_estimate(
        self, estimate: WindowEstimate, snapshot: Snapshot, thresholds: tuple[int, ...]
    ) -> None:
        if estimate.limit is None or estimate.remaining is None:  # no plan chosen yet
            self.remaining.setText(texts.used_line(estimate))
            self.bar.set_value(0.0, icons.Level.UNKNOWN)
        else:
            level = icons.level_for(estimate.used, estimate.limit, thresholds)
            self.remaining.setText(
                QCoreApplication.translate("texts", "{left} left").format(
                    left=texts.number(estimate.remaining)
                )
            )
            self.bar.set_value(estimate.used / max(1, estimate.limit), level)
        self.used.setText(texts.used_line(estimate))
        self.when.setText(texts.when_line(estimate, snapshot))
        label, hint = texts.confidence(estimate)
        sources = ", ".join(
            f"{texts.source_name(s)} {texts.number(n)}"
            for s, n in sorted(estimate.sources.items())
            if n
        )
        self.confidence.setText(f"{label}" + (f" · {sources}" if sources else ""))
        self.confidence.setToolTip(hint)
        self.setAccessibleName(
            f"{texts.window_name(self.window_id)}: {texts.remaining_line(estimate)}"
        )

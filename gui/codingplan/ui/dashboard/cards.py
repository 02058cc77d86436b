"""One card per quota window: what is left, a bar of what is used, when more comes back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from codingplan.plan import Window
from codingplan.ui import glance, icons, style, texts

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
    """One window: what is left, a bar of what is used, when more comes back, the pace
    against an even spread (week, month), and how sure the figure is."""

    def __init__(self, window: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_id = window  # not self.window: that is QWidget.window()
        # Preferred, not Maximum: the three cards take the row's height alike.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setObjectName(f"card-{window}")
        self.title = style.set_role(QLabel(texts.window_name(window)), "title")
        self.remaining = style.set_role(QLabel("—"), "display")
        self.bar = UsageBar()
        self.used = QLabel()
        self.when = QLabel()
        self.pace = QLabel()
        self.confidence = style.set_role(QLabel(), "muted")
        for label in (self.remaining, self.used, self.when, self.pace, self.confidence):
            label.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (
            self.title,
            self.remaining,
            self.bar,
            self.used,
            self.when,
            self.pace,
            self.confidence,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        style.make_card(self)

    def show_estimate(
        self,
        estimate: WindowEstimate,
        snapshot: Snapshot,
        thresholds: tuple[int, ...],
        setup_needed: bool = False,
    ) -> None:
        now, tz = snapshot.now_ms, snapshot.tz
        if self.window_id in snapshot.counting:
            self._show_counting(estimate, snapshot)
            return
        exhausted = glance.used_up(estimate) and not setup_needed
        known = estimate.limit is not None and estimate.remaining is not None
        if not known or setup_needed:  # nothing to measure against yet: used counts only
            self.remaining.setText(glance.left_line(estimate, setup_needed=True))
            self.bar.set_value(0.0, icons.Level.UNKNOWN)
        else:
            assert estimate.limit is not None and estimate.remaining is not None
            level = icons.level_for(estimate.used, estimate.limit, thresholds)
            self.remaining.setText(
                QCoreApplication.translate("glance", "Used up")
                if exhausted
                else QCoreApplication.translate("texts", "{left} left").format(
                    left=texts.number(estimate.remaining)
                )
            )
            self.bar.set_value(estimate.used / max(1, estimate.limit), level)
        self._mark(self.remaining, exhausted)
        self.used.setText(texts.used_line(estimate) if estimate.limit is not None else "")
        self.used.setVisible(estimate.limit is not None)
        self.when.setText(
            # "Used up" is the big line already: here, when work can resume.
            glance.resume_line(estimate, now, tz)
            if exhausted
            else glance.when_line(estimate, now, tz, setup_needed)
        )
        self._mark(self.when, exhausted)
        forecast = snapshot.forecast.windows.get(self.window_id)
        ahead = forecast.ahead_of_even_pace if forecast and not setup_needed else None
        self.pace.setText(glance.pace_line(self.window_id, ahead))
        self.pace.setVisible(bool(self.pace.text()))
        label, hint = glance.confidence(estimate, now, tz)
        sources = glance.sources_line(estimate)
        self.confidence.setText(label + (f" · {sources}" if sources else ""))
        self.confidence.setToolTip(hint)
        self.setToolTip(f"{label}: {hint}" if hint else label)
        self.setAccessibleName(
            glance.window_line(self.window_id, snapshot, setup_needed, sure=True)
        )

    def _show_counting(self, estimate: WindowEstimate, snapshot: Snapshot) -> None:
        """No figure while the window's older records are being read: only that, and when
        the window resets (which does not depend on the count)."""
        self.remaining.setText(QCoreApplication.translate("glance", "Counting…"))
        self._mark(self.remaining, False)
        self.bar.set_value(0.0, icons.Level.UNKNOWN)
        self.used.setVisible(False)
        self.pace.setVisible(False)
        reset = estimate.window != Window.FIVE_HOURS and estimate.period is not None
        self.when.setText(glance.when_line(estimate, snapshot.now_ms, snapshot.tz) if reset else "")
        self._mark(self.when, False)
        line = glance.counting_line()
        self.confidence.setText(line)
        self.confidence.setToolTip("")
        self.setToolTip(line)
        self.setAccessibleName(glance.window_line(self.window_id, snapshot))

    def _mark(self, label: QLabel, exhausted: bool) -> None:
        """A used-up window's figures in the error colour (the words say it too)."""
        style.set_kind(label, "error" if exhausted else None)

"""The tray icon, drawn at run time from the tightest window's share left.

A thick ring reads at 16 px where digits do not: the solid arc is the share left, the faint
track (same colour) the share used. Colour follows the notification thresholds; an
exhausted window also gets a bar across, so colour is never the only signal. Colours are
mid-tones that hold on light and dark panels alike; on macOS the icon is a mask (black and
alpha) that the menu bar tints itself.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from codingplan.alerts import EXHAUSTED, level_of

SIZES = (16, 20, 22, 24, 32, 48, 64)


class Level(enum.StrEnum):
    UNKNOWN = "unknown"  # nothing to show yet
    OK = "ok"
    WARN = "warn"  # past the first threshold
    CRITICAL = "critical"  # past the last threshold
    EXHAUSTED = "exhausted"


COLOURS = {
    Level.UNKNOWN: QColor("#8a8f98"),
    Level.OK: QColor("#1f9d55"),
    Level.WARN: QColor("#e3a008"),
    Level.CRITICAL: QColor("#e8590c"),
    Level.EXHAUSTED: QColor("#d62d20"),
}


def level_for(used: int, limit: int, thresholds: tuple[int, ...]) -> Level:
    level = level_of(used, limit, thresholds)
    if level == EXHAUSTED:
        return Level.EXHAUSTED
    if level == 0:
        return Level.OK
    return Level.CRITICAL if level >= len(thresholds) else Level.WARN


def draw(
    size: int, share_left: float | None, level: Level, dark_panel: bool, mask: bool = False
) -> QPixmap:
    """One square pixmap of the ring; ``share_left`` in 0..1 or None when unknown."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    width = max(2.5, size * 0.2)
    inset = width / 2 + max(0.5, size * 0.03)
    rect = QRectF(inset, inset, size - 2 * inset, size - 2 * inset)
    if mask:
        track, arc = QColor(0, 0, 0, 90), QColor(0, 0, 0, 255)
    else:
        arc = COLOURS[level]
        # The track carries the level's colour too, faintly, so even a sliver of arc (or
        # none) still says green, amber or red at 16 px.
        track = QColor(arc)
        track.setAlpha(120 if dark_panel else 95)
        if level is Level.UNKNOWN:
            track = QColor(255, 255, 255, 110) if dark_panel else QColor(0, 0, 0, 70)
    pen = QPen(track, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    painter.drawEllipse(rect)
    if share_left is not None and share_left > 0:
        pen.setColor(arc)
        painter.setPen(pen)
        span = max(1, round(360 * 16 * min(1.0, share_left)))
        painter.drawArc(rect, 90 * 16, span)  # from 12 o'clock, anticlockwise
    if level is Level.EXHAUSTED or share_left is None:
        # A centre mark that does not depend on colour: a bar for "none left", a dot for "unknown".
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(arc if level is Level.EXHAUSTED else track)
        bar = QRectF(size * 0.3, size * 0.42, size * 0.4, size * 0.16)
        dot = QRectF(size * 0.4, size * 0.4, size * 0.2, size * 0.2)
        painter.drawRect(bar) if level is Level.EXHAUSTED else painter.drawEllipse(dot)
    elif size >= 32:
        font = QFont()
        font.setPixelSize(int(size * 0.34))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(arc if mask else (QColor("#ffffff") if dark_panel else QColor("#202124")))
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, f"{round(share_left * 100)}")
    painter.end()
    return pixmap


def tray_icon(
    share_left: float | None, level: Level, dark_panel: bool, mask: bool = False
) -> QIcon:
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(draw(size, share_left, level, dark_panel, mask))
    if mask:
        icon.setIsMask(True)
    return icon

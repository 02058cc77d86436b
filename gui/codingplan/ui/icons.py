"""The tray icon, drawn at run time from the tightest window's share left.

From 20 px up (22 px is the X11 tray's size) the icon is a chip in the level's colour with
the percentage in it (left, or used, as the setting ``show`` says), so the figure itself reads on any panel: the chip brings its
own background, and the digits take whichever of white or near-black stands out more from
it. Under the figure, three short bars stand for the three windows in the order the menu
and the dashboard show them (5 hours, week, month): the one the figure is about is solid,
as CodexBar marks its session and week. A single digit gets its "%" (two do not leave room
for one at a size that still reads), and nothing used at all is a check mark rather than
three cramped digits. Below 20 px, where digits blur, a thick ring shows the same share as
its solid arc. A figure older than its refresh is drawn faded.
Shapes differ, not only colours: a used-up window is a round "no entry" sign (a disc with
a bar across), set-up needed is a hollow circle with a question mark, and while nothing is
known yet a faint ring with a dot. Colour follows the notification thresholds. On macOS the
icon is a mask (black and alpha: digits and bars cut out) that the menu bar tints itself.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QIcon, QPainter, QPainterPath, QPen, QPixmap

from codingplan.alerts import EXHAUSTED, level_of
from codingplan.plan import WINDOWS
from codingplan.shown import whole_percent
from codingplan.ui.style import contrast

# 44 for the 22 px tray at twice the pixel density.
SIZES = (16, 20, 22, 24, 32, 44, 48, 64)
CHIP_FROM = 20  # the smallest size that shows digits
WINDOW_ORDER = WINDOWS  # the window marks, left to right
STALE_OPACITY = 0.5  # a figure older than its refresh: faded, still legible
FAINT = 0.38  # the window marks that are not the figure's


class Level(enum.StrEnum):
    UNKNOWN = "unknown"  # nothing to show yet
    OK = "ok"
    WARN = "warn"  # past the first threshold
    CRITICAL = "critical"  # past the last threshold
    EXHAUSTED = "exhausted"
    SETUP = "setup"  # no plan chosen or no key stored: nothing to measure against


COLOURS = {
    Level.UNKNOWN: QColor("#8a8f98"),
    Level.OK: QColor("#1f9d55"),
    Level.WARN: QColor("#e3a008"),
    Level.CRITICAL: QColor("#e8590c"),
    Level.EXHAUSTED: QColor("#d62d20"),
    Level.SETUP: QColor("#2f6fd6"),  # a mid-tone blue: "do something", not "trouble"
}
LIGHT_INK, DARK_INK = QColor("#ffffff"), QColor("#1b1b1b")


def level_for(used: int, limit: int, thresholds: tuple[int, ...]) -> Level:
    level = level_of(used, limit, thresholds)
    if level == EXHAUSTED:
        return Level.EXHAUSTED
    if level == 0:
        return Level.OK
    return Level.CRITICAL if level >= len(thresholds) else Level.WARN


def ink_on(background: QColor) -> QColor:
    """White or near-black, whichever stands out more from ``background``."""
    return max((LIGHT_INK, DARK_INK), key=lambda ink: contrast(ink, background))


def percent_shown(share: float) -> int:
    """The whole percent of a share, never 0 while some is there nor 100 while some is
    missing (the rule ``usage --line`` follows too)."""
    return whole_percent(share)


def draw(
    size: int,
    share_left: float | None,
    level: Level,
    dark_panel: bool,
    mask: bool = False,
    window: str | None = None,
    stale: bool = False,
    as_used: bool = False,
) -> QPixmap:
    """One square pixmap; ``share_left`` in 0..1, or None when unknown; ``window`` the window
    the figure is about (marked on the chip), ``stale`` when it is older than its refresh,
    ``as_used`` to show the share used rather than the share left."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    if stale:  # the whole icon faded alike, drawn first then laid down at the opacity
        painter.setOpacity(STALE_OPACITY)
        painter.drawPixmap(
            0, 0, draw(size, share_left, level, dark_panel, mask, window, as_used=as_used)
        )
        painter.end()
        return pixmap
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if level is Level.SETUP:
        _setup(painter, size, dark_panel, mask)
    elif level is Level.EXHAUSTED:
        _no_entry(painter, size, mask)
    elif share_left is None or level is Level.UNKNOWN:
        _ring(painter, size, None, Level.UNKNOWN, dark_panel, mask)
    elif size >= CHIP_FROM:
        _chip(painter, size, share_left, level, mask, window, as_used)
    else:
        _ring(painter, size, 1.0 - share_left if as_used else share_left, level, dark_panel, mask)
    painter.end()
    return pixmap


def _bold_font(pixels: float) -> QFont:
    font = QFont()
    font.setPixelSize(max(6, int(pixels)))
    font.setBold(True)
    return font


def _cut(painter: QPainter, mask: bool, ink: QColor) -> None:
    """Draw what follows as holes in a mask, or in ``ink``."""
    if mask:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        painter.setBrush(QColor(0, 0, 0, 255))
    else:
        painter.setBrush(ink)
    painter.setPen(Qt.PenStyle.NoPen)


def _chip(
    painter: QPainter,
    size: int,
    share_left: float,
    level: Level,
    mask: bool,
    window: str | None,
    as_used: bool,
) -> None:
    colour = QColor(0, 0, 0) if mask else COLOURS[level]
    rect = QRectF(0, 0, size, size).adjusted(0.5, 0.5, -0.5, -0.5)
    radius = size * 0.2
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(rect, radius, radius)
    ink = ink_on(colour)
    # The figure's room: the whole chip, or above the window marks.
    room = QRectF(0, 0, size, size)
    if window in WINDOW_ORDER:
        room = QRectF(0, size * 0.05, size, size * 0.7)
        _window_marks(painter, size, WINDOW_ORDER.index(window), mask, ink)
    if percent_shown(share_left) == 100:  # nothing used, whichever way it is counted
        _check_mark(painter, room, mask, ink)
    else:
        value = percent_shown(1.0 - share_left if as_used else share_left)
        _figure(painter, size, room, str(value), mask, ink)


def _fitted(width_of, width: float, cap: float, start: float) -> QFont:
    """The largest bold font (from ``start`` px down) in which ``width_of(font)`` is at most
    ``width`` and the digits stand no taller than ``cap``."""
    font = _bold_font(start)
    while font.pixelSize() > 6:
        if width_of(font) <= width and QFontMetricsF(font).capHeight() <= cap:
            break
        font.setPixelSize(font.pixelSize() - 1)
    return font


def _with_sign(font: QFont) -> QFont:
    return _bold_font(font.pixelSize() * 0.62)


def _figure(
    painter: QPainter, size: int, room: QRectF, digits: str, mask: bool, ink: QColor
) -> None:
    """The percentage, as large as fits; with its "%" (smaller, after it) where the digits
    can still stand at least 42 % of the chip tall beside it."""
    width, cap, start = size * 0.9, room.height() * 0.78, size * 0.66

    def advance(text: str, font: QFont) -> float:
        return QFontMetricsF(font).horizontalAdvance(text)

    font = _fitted(lambda f: advance(digits, f) + advance("%", _with_sign(f)), width, cap, start)
    signed = QFontMetricsF(font).capHeight() >= size * 0.42
    if not signed:
        font = _fitted(lambda f: advance(digits, f), width, cap, start)
    sign = _with_sign(font)
    total = advance(digits, font) + (advance("%", sign) if signed else 0.0)
    left = (size - total) / 2
    # Centred on the digits' own height (cap height), not the line's, so they sit level.
    baseline = room.top() + (room.height() + QFontMetricsF(font).capHeight()) / 2
    path = QPainterPath()
    path.addText(QPointF(left, baseline), font, digits)
    if signed:
        path.addText(QPointF(left + advance(digits, font), baseline), sign, "%")
    painter.save()
    _cut(painter, mask, ink)
    painter.drawPath(path)
    painter.restore()


def _check_mark(painter: QPainter, room: QRectF, mask: bool, ink: QColor) -> None:
    """Nothing used: a check mark, where "100" would be three cramped digits."""
    side = min(room.width(), room.height())
    left = room.left() + (room.width() - side) / 2
    top = room.top() + (room.height() - side) / 2
    path = QPainterPath(QPointF(left + side * 0.24, top + side * 0.52))
    path.lineTo(left + side * 0.42, top + side * 0.70)
    path.lineTo(left + side * 0.76, top + side * 0.32)
    pen = QPen(ink, max(2.0, side * 0.14))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.save()
    if mask:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        pen.setColor(QColor(0, 0, 0, 255))
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.restore()


def _window_marks(painter: QPainter, size: int, chosen: int, mask: bool, ink: QColor) -> None:
    """Three short bars along the bottom, the ``chosen`` one solid, the others faint."""
    height = max(2.0, size * 0.1)
    gap = max(1.0, size * 0.06)
    left, right = size * 0.2, size * 0.8
    width = (right - left - 2 * gap) / 3
    top = size * 0.8
    for index in range(len(WINDOW_ORDER)):
        bar = QRectF(left + index * (width + gap), top, width, height)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        strength = 1.0 if index == chosen else FAINT
        if mask:  # a hole, or a partial one the menu bar's tint shows dimly through
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOut)
            painter.setBrush(QColor(0, 0, 0, round(255 * strength)))
        else:
            faint = QColor(ink)
            faint.setAlphaF(strength)
            painter.setBrush(faint)
        painter.drawRoundedRect(bar, height / 2, height / 2)
        painter.restore()


def _no_entry(painter: QPainter, size: int, mask: bool) -> None:
    colour = QColor(0, 0, 0) if mask else COLOURS[Level.EXHAUSTED]
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
    _cut(painter, mask, LIGHT_INK)
    painter.drawRect(QRectF(size * 0.22, size * 0.4, size * 0.56, size * 0.2))


def _setup(painter: QPainter, size: int, dark_panel: bool, mask: bool) -> None:
    colour = QColor(0, 0, 0) if mask else COLOURS[Level.SETUP]
    if not mask and dark_panel:
        colour = colour.lighter(135)  # the same blue, lifted off a dark panel
    width = max(2.0, size * 0.12)
    inset = width / 2 + 0.5
    painter.setPen(QPen(colour, width))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset))
    font = _bold_font(size * 0.72)
    metrics = QFontMetricsF(font)
    path = QPainterPath()
    text = "?"
    baseline = (size + metrics.capHeight()) / 2
    path.addText(QPointF((size - metrics.horizontalAdvance(text)) / 2, baseline), font, text)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(path)


def _ring(
    painter: QPainter,
    size: int,
    share: float | None,
    level: Level,
    dark_panel: bool,
    mask: bool,
) -> None:
    """The ring of the small sizes: the solid arc is the share shown (left, or used), the
    faint track (same colour) the rest; a dot in the middle while nothing is known."""
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
    if share is None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track)
        painter.drawEllipse(QRectF(size * 0.4, size * 0.4, size * 0.2, size * 0.2))
    elif share > 0:
        pen.setColor(arc)
        painter.setPen(pen)
        span = max(1, round(360 * 16 * min(1.0, share)))
        painter.drawArc(rect, 90 * 16, span)  # from 12 o'clock, anticlockwise


def tray_icon(
    share_left: float | None,
    level: Level,
    dark_panel: bool,
    mask: bool = False,
    window: str | None = None,
    stale: bool = False,
    as_used: bool = False,
) -> QIcon:
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(draw(size, share_left, level, dark_panel, mask, window, stale, as_used))
    if mask:
        icon.setIsMask(True)
    return icon

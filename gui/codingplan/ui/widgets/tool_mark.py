"""A coding tool's mark: its initials on a rounded square of the colour it declares.

Drawn here, not taken from the tools: their logos are their makers' trademarks, and none is
shipped with this app. The initials come from the tool's name ("Claude Code" CC, "Cline"
Cl); the letters take white or near-black, whichever stands out more from the colour.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPixmap

from codingplan import integrations
from codingplan.ui.icons import ink_on


def initials(name: str) -> str:
    """ "CC" for "Claude Code", "OC" for "OpenCode", "Cl" for "Cline"."""
    words = name.split()
    if len(words) >= 2:
        return (words[0][0] + words[1][0]).upper()
    capitals = [c for c in name if c.isupper()]
    if len(capitals) >= 2:
        return "".join(capitals[:2])
    return name[:2].capitalize()


def tool_mark(tool_id: str, size: int, ratio: float = 1.0) -> QPixmap:
    """The mark of ``tool_id``, ``size`` points square, for a screen of ``ratio``."""
    info = integrations.get(tool_id)
    letters = "+" if tool_id == "other" else initials(info.name)
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(info.colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    rect = QRectF(0, 0, size, size)
    painter.drawRoundedRect(rect, size * 0.22, size * 0.22)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(6, round(size * (0.42 if len(letters) > 1 else 0.56))))
    metrics = QFontMetricsF(font)
    path = QPainterPath()
    left = (size - metrics.horizontalAdvance(letters)) / 2
    baseline = (size + metrics.capHeight()) / 2
    path.addText(QPointF(left, baseline), font, letters)
    painter.setBrush(ink_on(colour))
    painter.drawPath(path)
    painter.end()
    return pixmap

"""The app's mark: its icon and name, at the top of the welcome page (large, with what the app
does) and in the dashboard's tab bar (small)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from codingplan import APP_NAME
from codingplan.ui import style
from codingplan.ui.resources import app_icon


class HeaderMark(QWidget):
    """The icon beside the name; ``tagline`` (if any) under the name, in the muted colour."""

    def __init__(self, icon_size: int, tagline: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("headerMark")
        large = icon_size >= 32
        self.icon = QLabel()
        self.icon.setPixmap(app_icon().pixmap(QSize(icon_size, icon_size)))
        self.icon.setFixedSize(icon_size, icon_size)
        self.icon.setAccessibleName(APP_NAME)
        self.name = style.set_role(QLabel(APP_NAME), "display" if large else "brand")
        self.tagline = style.set_role(QLabel(tagline), "muted")
        self.tagline.setWordWrap(True)
        self.tagline.setVisible(bool(tagline))
        words = QVBoxLayout()
        words.setContentsMargins(0, 0, 0, 0)
        words.setSpacing(style.Spacing.XS)
        words.addWidget(self.name)
        words.addWidget(self.tagline)
        layout = QHBoxLayout(self)
        margin = 0 if large else style.Spacing.XS
        layout.setContentsMargins(margin, 0, margin + style.Spacing.XS, 0)
        layout.setSpacing(style.Spacing.M if large else style.Spacing.S)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(words, 1)

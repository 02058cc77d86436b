"""The dashboard's line for a newer version (while the update check is on): what is out, its
release page (what's new, the downloads), its SHA256SUMS, and a way to stop showing it.

The app never downloads or installs the new version: the links open GitHub's release page
in the browser, and the checksums are there to compare a downloaded file with.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from codingplan.ui import screen, style
from codingplan.ui.widgets import links
from codingplan.ui.widgets.dialog import FittingDialog
from codingplan.ui.widgets.result_view import plain_label, read_only_monospace

if TYPE_CHECKING:
    from codingplan.ui.update_watch import UpdateWatch
    from codingplan.updates import UpdateCheck


MAX_LINES_SHOWN = 12  # a release's files; more scroll


class UpdateLine(QFrame):
    """Hidden until the update check finds a newer version; hidden again once dismissed."""

    def __init__(self, watch: UpdateWatch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("update-line")
        self.watch = watch
        self.notice: UpdateCheck | None = None
        self.sums_dialog: SumsDialog | None = None
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.text.linkActivated.connect(self._link)
        self.dismiss_button = QPushButton(self.tr("Dis&miss"))
        self.dismiss_button.setToolTip(
            self.tr("Stop showing this version (a later one is shown when it is out)")
        )
        self.dismiss_button.clicked.connect(watch.dismiss)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignVCenter)
        style.make_card(self, "info")
        watch.notice_changed.connect(self.show_notice)
        self.show_notice(watch.notice)

    @Slot(object)
    def show_notice(self, notice: UpdateCheck | None) -> None:
        self.notice = notice
        self.setVisible(notice is not None)
        if notice is None:
            if self.sums_dialog is not None:
                self.sums_dialog.close()
            return
        words = {
            "notes": self.tr("What’s new"),
            "download": self.tr("Download"),
            "sums": self.tr("SHA256SUMS"),
        }
        if not notice.sums:
            del words["sums"]
        parts = [f'<a href="{name}">{html.escape(word)}</a>' for name, word in words.items()]
        headline = self.tr("Version {version} is available:").format(version=notice.latest)
        self.text.setText(f"<b>{html.escape(headline)}</b> " + " · ".join(parts))
        self.text.setToolTip(
            self.tr("Opens the release page on GitHub; the app does not install anything")
        )

    def links(self) -> list[str]:
        """The links the line offers, by name (for tests)."""
        text = self.text.text()
        return [name for name in ("notes", "download", "sums") if f'href="{name}"' in text]

    @Slot(str)
    def _link(self, name: str) -> None:
        notice = self.notice
        if notice is None:
            return
        if name == "sums":
            self.show_sums()
            return
        links.open_url(QUrl(notice.whats_new_url if name == "notes" else notice.download_url))

    def show_sums(self) -> SumsDialog | None:
        if self.notice is None:
            return None
        if self.sums_dialog is None:
            self.sums_dialog = SumsDialog(self.notice, self)
            self.sums_dialog.finished.connect(self._sums_closed)
        self.sums_dialog.open()
        return self.sums_dialog

    @Slot()
    def _sums_closed(self) -> None:
        if self.sums_dialog is not None:
            self.sums_dialog.deleteLater()
            self.sums_dialog = None


class SumsDialog(FittingDialog):
    """The release's SHA256SUMS, to compare a downloaded file with before opening it."""

    def __init__(self, notice: UpdateCheck, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, parent)
        self.setWindowTitle(
            self.tr("SHA256SUMS of version {version}").format(version=notice.latest)
        )
        intro = plain_label(
            self.tr(
                "Before you open a file you downloaded, check that its SHA-256 checksum is "
                "the one listed here for its name."
            )
        )
        self.view = read_only_monospace(QPlainTextEdit())
        lines = [f"{digest}  {name}" for name, digest in notice.sums]
        self.view.setPlainText("\n".join(lines))
        self._lines = lines
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(intro)
        column.addWidget(self.view, 1)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:  # measured in the font the style sheet gives, before the fit
            self.view.ensurePolished()
            self._fit_view(self._lines)
        super().showEvent(event)

    def _fit_view(self, lines: list[str]) -> None:
        """Each line whole where the screen has the width (a name cut off cannot be
        compared), and the list no taller than its lines."""
        metrics = self.view.fontMetrics()
        frame = 2 * self.view.frameWidth() + 2 * round(self.view.document().documentMargin())
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        widest = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        self.view.setMinimumWidth(min(widest + frame + bar, screen.room(self).width() * 9 // 10))
        shown = min(max(len(lines), 1), MAX_LINES_SHOWN)
        self.view.setFixedHeight(shown * metrics.lineSpacing() + frame + bar)

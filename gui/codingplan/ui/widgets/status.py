"""One outcome shown the same way everywhere: an icon and a headline that say what kind of
news it is (done, a warning, an error), a plain sentence, what to do, a button for each fix
there is, and the raw text (a system error, a tool's output) folded behind "Details".

The kind is never told by colour alone: each has its own icon shape and the headline says it
in words. The view is a card in the app's style (``ui/style.py``), tinted with the kind's
colour of the scheme in use, so it reads on light and dark themes alike.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt, Slot
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
    QTextOption,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from codingplan.errors import CodingPlanError
from codingplan.outcomes import Category
from codingplan.ui import style
from codingplan.ui.translations import error_parts
from codingplan.ui.widgets.result_view import plain_label, read_only_monospace


class Kind(enum.Enum):
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"
    INFO = "info"


def kind_word(kind: Kind) -> str:
    """The kind in words, for screen readers and for the text of a view."""
    return {
        Kind.SUCCESS: QCoreApplication.translate("StatusView", "Done"),
        Kind.WARNING: QCoreApplication.translate("StatusView", "Warning"),
        Kind.ERROR: QCoreApplication.translate("StatusView", "Error"),
        Kind.INFO: QCoreApplication.translate("StatusView", "Note"),
    }[kind]


def is_dark(palette: QPalette) -> bool:
    # By the text, not the background: the view's own tinted background must not flip it.
    return palette.color(QPalette.ColorRole.WindowText).lightness() > 128


def colour(kind: Kind, palette: QPalette) -> QColor:
    """The kind's colour for text and marks on ``palette``'s background."""
    scheme = style.Scheme.DARK if is_dark(palette) else style.Scheme.LIGHT
    return QColor(getattr(style.COLOURS[scheme], kind.value))


def status_icon(kind: Kind, size: int, colour: QColor, ratio: float = 1.0) -> QPixmap:
    """A filled shape with a mark cut in it: a check (done), a triangle with "!" (warning),
    a cross (error), an "i" (a note)."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    if kind is Kind.WARNING:
        painter.drawPolygon(
            QPolygonF(
                [QPointF(s / 2, s * 0.06), QPointF(s * 0.97, s * 0.92), QPointF(s * 0.03, s * 0.92)]
            )
        )
    else:
        painter.drawEllipse(QRectF(s * 0.04, s * 0.04, s * 0.92, s * 0.92))
    pen = QPen(QColor("white"), max(1.5, s * 0.12))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if kind is Kind.SUCCESS:
        path = QPainterPath(QPointF(s * 0.28, s * 0.52))
        path.lineTo(s * 0.44, s * 0.68)
        path.lineTo(s * 0.72, s * 0.36)
        painter.drawPath(path)
    elif kind is Kind.ERROR:
        painter.drawLine(QPointF(s * 0.33, s * 0.33), QPointF(s * 0.67, s * 0.67))
        painter.drawLine(QPointF(s * 0.67, s * 0.33), QPointF(s * 0.33, s * 0.67))
    elif kind is Kind.WARNING:
        painter.drawLine(QPointF(s / 2, s * 0.38), QPointF(s / 2, s * 0.62))
        painter.drawPoint(QPointF(s / 2, s * 0.78))
    else:
        painter.drawLine(QPointF(s / 2, s * 0.46), QPointF(s / 2, s * 0.72))
        painter.drawPoint(QPointF(s / 2, s * 0.28))
    painter.end()
    return pixmap


# --- fixes -------------------------------------------------------------------------------------


class Fix(enum.StrEnum):
    """Something the person can do about a diagnosis, offered as a button where it applies."""

    CHANGE_KEY = "change_key"
    SWITCH_REGION = "switch_region"
    OPEN_CONSOLE = "open_console"
    CHECK_AGAIN = "check_again"


# What each outcome category can be fixed with, most likely first.
FIXES: dict[Category, tuple[Fix, ...]] = {
    Category.INVALID_KEY: (Fix.CHANGE_KEY, Fix.SWITCH_REGION, Fix.OPEN_CONSOLE),
    Category.WRONG_ENDPOINT: (Fix.CHANGE_KEY, Fix.OPEN_CONSOLE),
    Category.KEY_FORMAT: (Fix.CHANGE_KEY,),
    Category.KEY_UNAVAILABLE: (Fix.CHANGE_KEY,),
    Category.QUOTA_5H: (Fix.OPEN_CONSOLE,),
    Category.QUOTA_WEEK: (Fix.OPEN_CONSOLE,),
    Category.QUOTA_MONTH: (Fix.OPEN_CONSOLE,),
    Category.NETWORK: (Fix.CHECK_AGAIN,),
    Category.TIMEOUT: (Fix.CHECK_AGAIN,),
    Category.TLS: (Fix.CHECK_AGAIN,),
    Category.PROXY: (Fix.CHECK_AGAIN,),
    Category.SERVER_ERROR: (Fix.CHECK_AGAIN,),
}

# Answers that say the setup itself works (the key was accepted) but something else stopped
# this one request.
_WARNINGS = frozenset(
    {
        Category.QUOTA_5H,
        Category.QUOTA_WEEK,
        Category.QUOTA_MONTH,
        Category.RATE_LIMITED,
        Category.AGENT_ONLY,
    }
)

Handlers = Mapping[Fix, Callable[[], object]]


def fix_label(fix: Fix) -> str:
    return {
        Fix.CHANGE_KEY: QCoreApplication.translate("StatusView", "Change the key"),
        Fix.SWITCH_REGION: QCoreApplication.translate("StatusView", "Try the other region"),
        Fix.OPEN_CONSOLE: QCoreApplication.translate("StatusView", "Open the console"),
        Fix.CHECK_AGAIN: QCoreApplication.translate("StatusView", "Check again"),
    }[fix]


def fixes_for(
    category: str, handlers: Handlers, without: Sequence[Fix] = ()
) -> list[tuple[str, Callable[[], object]]]:
    """The buttons for ``category``: its fixes that this screen can carry out (less those
    ``without``, which the screen offers elsewhere)."""
    try:
        known = FIXES.get(Category(category), ())
    except ValueError:
        known = ()
    return [(fix_label(f), handlers[f]) for f in known if f in handlers and f not in without]


def kind_of(category: str) -> Kind:
    """How an outcome category is shown."""
    if category == Category.OK:
        return Kind.SUCCESS
    return Kind.WARNING if category in _WARNINGS else Kind.ERROR


# --- the view ----------------------------------------------------------------------------------


def readable(detail: str) -> str:
    """Raw text as it reads best: a JSON answer indented, one field a line (its text kept
    as sent); anything else as it is."""
    text = detail.strip()
    if not text.startswith(("{", "[")):
        return detail
    try:
        value = json.loads(text)
    except ValueError:  # cut short, or not JSON after all
        return detail
    return json.dumps(value, indent=2, ensure_ascii=False)


class StatusView(QFrame):
    """Icon, headline, message, remedy, fix buttons and folded details; empty parts hidden."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusView")
        self.kind = Kind.INFO
        self._painted: tuple[Kind, bool, float] | None = None
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.headline = plain_label()
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.message = plain_label()
        self.remedy = plain_label()
        self.details_button = QToolButton()
        self.details_button.setText(self.tr("Details"))
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.toggled.connect(self._toggle_details)
        self.detail = read_only_monospace(QPlainTextEdit())
        # A server's answer is often one long line of JSON: wrapped (anywhere, when a word is
        # longer than the line), never a view to scroll sideways.
        self.detail.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.detail.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.detail.setMaximumHeight(self.detail.fontMetrics().lineSpacing() * 10)
        self.fix_buttons: list[QPushButton] = []
        self._buttons = QHBoxLayout()
        self._buttons.setContentsMargins(0, 0, 0, 0)
        self._buttons.addStretch(1)
        self._buttons.addWidget(self.details_button)

        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        for widget in (self.headline, self.message, self.remedy):
            text.addWidget(widget)
        text.addLayout(self._buttons)
        text.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        style.make_card(self)
        self.clear()

    # --- showing -----------------------------------------------------------------------

    def clear(self) -> None:
        self.show_status(Kind.INFO, "")
        self.setVisible(False)

    def show_status(
        self,
        kind: Kind,
        headline: str,
        message: str = "",
        remedy: str = "",
        *,
        detail: str = "",
        fixes: Sequence[tuple[str, Callable[[], object]]] = (),
        details_open: bool = False,
    ) -> None:
        """Show an outcome; ``detail`` (raw output, a system's words) stays folded unless
        ``details_open`` (text meant to be read at once, such as lines to paste)."""
        self.kind = kind
        self.headline.setText(headline)
        self.message.setText(message)
        self.remedy.setText(remedy)
        self.detail.setPlainText(readable(detail))
        for widget, shown in (
            (self.headline, headline),
            (self.message, message),
            (self.remedy, remedy),
        ):
            widget.setVisible(bool(shown))
        self._set_fixes(fixes)
        self.details_button.setVisible(bool(detail) and not details_open)
        self.details_button.setChecked(details_open)
        self.detail.setVisible(bool(detail) and details_open)
        self.setAccessibleName(kind_word(kind))
        self.setAccessibleDescription(headline or message)
        self._paint_kind()
        self.setVisible(True)

    def show_texts(
        self, headline: str, message: str, remedy: str = "", detail: str = "", ok: bool = False
    ) -> None:
        """A success or an error, as most actions end."""
        kind = Kind.SUCCESS if ok else Kind.ERROR
        self.show_status(kind, headline, message, remedy, detail=detail)

    def show_error(
        self,
        error: BaseException,
        headline: str = "",
        fixes: Sequence[tuple[str, Callable[[], object]]] = (),
    ) -> None:
        """An error in plain words; an unexpected one's raw text goes behind Details."""
        message, remedy = error_parts(error)
        detail = ""
        if not isinstance(error, CodingPlanError):
            detail = message
            message = self.tr(
                "Something this app did not expect got in the way. Details shows what the "
                "system said."
            )
        self.show_status(Kind.ERROR, headline, message, remedy, detail=detail, fixes=fixes)

    def _set_fixes(self, fixes: Sequence[tuple[str, Callable[[], object]]]) -> None:
        for button in self.fix_buttons:
            self._buttons.removeWidget(button)
            button.hide()  # until it is deleted, it would still be drawn where it was
            button.deleteLater()
        self.fix_buttons = []
        for index, (label, action) in enumerate(fixes):
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, act=action: act())
            self._buttons.insertWidget(index, button)
            self.fix_buttons.append(button)

    @Slot(bool)
    def _toggle_details(self, shown: bool) -> None:
        self.detail.setVisible(shown and bool(self.detail.toPlainText()))
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.details_button.setArrowType(arrow)

    # --- colour ------------------------------------------------------------------------

    def _paint_kind(self) -> None:
        for widget in (self, self.headline):
            style.set_kind(widget, self.kind.value)
        painted = (self.kind, is_dark(self.palette()), self.devicePixelRatioF())
        if painted == self._painted:  # a change of look repaints: do it once per look
            return
        self._painted = painted
        tint = colour(self.kind, self.palette())
        size = self.headline.fontMetrics().height() + 4
        self.icon.setPixmap(status_icon(self.kind, size, tint, self.devicePixelRatioF()))
        self.icon.setAccessibleName(kind_word(self.kind))
        self.icon.setFixedWidth(size + 2)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._paint_kind()

    # --- reading -----------------------------------------------------------------------

    def text(self) -> str:
        """Everything shown, as one string (for tests and accessibility)."""
        parts = [self.headline, self.message, self.remedy]
        shown = [w.text() for w in parts if not w.isHidden()]
        if not self.detail.isHidden():
            shown.append(self.detail.toPlainText())
        return "\n".join(shown)

    def fix_labels(self) -> list[str]:
        return [b.text() for b in self.fix_buttons]

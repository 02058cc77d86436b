"""The app's look, written once: one palette for each colour scheme (light, dark) that follows
the system's, one spacing and type scale, and a style sheet that dresses cards, headings and
status colours on top of the platform's own style. Buttons, fields, menus and tabs are left
to the platform, so they stay native on each system.

Widgets take part by property, not by code of their own:

- a frame with ``card`` set (``make_card``) is a card: the quota cards, the result cards, the
  tool cards. With ``kind`` ("success", "warning", "error", "info") it carries that status'
  colour: a tinted background and border;
- a label with ``role`` ("display", "title", "muted", "caption") takes that place in the type
  scale; a label with a ``kind`` is written in that status' colour.

The scheme follows ``QStyleHints.colorScheme()`` and changes with it. Where the platform
knows a dark scheme but gives a light palette (Qt's Fusion style on some Linux desktops),
the app supplies a dark palette of its own; elsewhere the platform's palette is kept. Tests
and screenshots force a scheme (``apply(app, Scheme.DARK)``, or ``CODINGPLAN_COLOR_SCHEME``).
Every text colour here reads at 4.5:1 or more on the backgrounds it is used on
(``TEXT_PAIRS``; tests/gui/test_style.py checks both schemes).
"""

from __future__ import annotations

import enum
import logging
import os
from typing import NamedTuple

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QLayout, QWidget

log = logging.getLogger(__name__)

SCHEME_VARIABLE = "CODINGPLAN_COLOR_SCHEME"


class Scheme(enum.StrEnum):
    LIGHT = "light"
    DARK = "dark"


class Colours(NamedTuple):
    """One scheme's colours, as #rrggbb."""

    window: str  # behind everything (set only where the app supplies the palette)
    base: str  # inside fields
    surface: str  # a card
    border: str  # a card's edge
    text: str
    muted: str  # secondary text: how sure a figure is, hints
    accent: str  # the app's own colour (its icon's teal): marks, the header
    on_accent: str  # text on the accent
    link: str
    success: str  # a status' icon, border and words
    warning: str
    error: str
    info: str


LIGHT = Colours(
    window="#f3f4f6",
    base="#ffffff",
    surface="#ffffff",
    border="#d0d7de",
    text="#1f2328",
    muted="#57606a",
    accent="#0f5f73",
    on_accent="#ffffff",
    link="#0a58b0",
    success="#116329",
    warning="#7a4d00",
    error="#b42318",
    info="#0550ae",
)
DARK = Colours(
    window="#1b1f24",
    base="#0d1117",
    surface="#22272e",
    border="#444c56",
    text="#e6edf3",
    muted="#9da7b3",
    accent="#56c2d6",
    on_accent="#0d1117",
    link="#58a6ff",
    success="#3fb950",
    warning="#d29922",
    error="#ff7b72",
    info="#58a6ff",
)
COLOURS = {Scheme.LIGHT: LIGHT, Scheme.DARK: DARK}
KINDS = ("success", "warning", "error", "info")
TINT = 0.10  # a status card's background: its colour over the card's surface

# Text colour on background, by name ("tint:<kind>" is that status' card background): every
# pair the style sheet and the widgets use.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "surface"),
    ("text", "window"),
    ("text", "base"),
    ("muted", "surface"),
    ("muted", "window"),
    ("link", "surface"),
    ("link", "window"),
    ("on_accent", "accent"),
    ("accent", "surface"),
    ("accent", "window"),
    *((kind, "surface") for kind in KINDS),  # a used-up figure on a quota card
    *((kind, f"tint:{kind}") for kind in KINDS),  # a result card's headline
    *(("text", f"tint:{kind}") for kind in KINDS),
    *(("muted", f"tint:{kind}") for kind in KINDS),
)


class Spacing:
    """The spacing scale, in pixels (Qt scales them for the screen)."""

    XS = 4
    S = 8
    M = 12
    L = 16
    XL = 24


RADIUS = 8  # a card's corners
# Qt's own notification bubble, drawn where the desktop has no notification service: its
# background is fixed, whatever the scheme, so its words are too (tests/gui/test_style.py).
BALLOON, BALLOON_TEXT = "#ffffe1", LIGHT.text
# Where the system's fallback would draw Chinese in another language's glyph forms (a
# Japanese font's, on a desktop whose own language is not Chinese), these come first.
CHINESE_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
)
# The type scale, as multiples of the body text's size.
TYPE_SCALE = {"caption": 0.9, "title": 1.2, "display": 1.75}


def mix(colour: str, under: str, share: float) -> QColor:
    """``colour`` laid over ``under`` at ``share`` opacity, as one opaque colour."""
    top, bottom = QColor(colour), QColor(under)
    return QColor(
        round(top.red() * share + bottom.red() * (1 - share)),
        round(top.green() * share + bottom.green() * (1 - share)),
        round(top.blue() * share + bottom.blue() * (1 - share)),
    )


def colour_of(colours: Colours, name: str) -> QColor:
    """A colour by its name in ``TEXT_PAIRS``."""
    if name.startswith("tint:"):
        kind = name.removeprefix("tint:")
        return mix(getattr(colours, kind), colours.surface, TINT)
    return QColor(getattr(colours, name))


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- the scheme in use -------------------------------------------------------------------------


class _Look:
    """What was applied last, so that a change of the system's scheme can be followed."""

    forced: Scheme | None = None
    scheme: Scheme = Scheme.LIGHT
    supplied = False  # the palette is the app's own, not the platform's
    connected = False


_look = _Look()


def current() -> Colours:
    """The colours of the scheme in use."""
    return COLOURS[_look.scheme]


def current_scheme() -> Scheme:
    return _look.scheme


def _forced_from_environment() -> Scheme | None:
    value = os.environ.get(SCHEME_VARIABLE, "").strip().lower()
    return Scheme(value) if value in (Scheme.LIGHT, Scheme.DARK) else None


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def system_scheme(app: QApplication) -> Scheme:
    """The system's scheme: what Qt says, else what the platform's palette looks like."""
    hint = app.styleHints().colorScheme()
    if hint == Qt.ColorScheme.Dark:
        return Scheme.DARK
    if hint == Qt.ColorScheme.Light:
        return Scheme.LIGHT
    return Scheme.DARK if _is_dark(_platform_palette(app)) else Scheme.LIGHT


def _platform_palette(app: QApplication) -> QPalette:
    if _look.supplied:  # the app's own is set: ask for the platform's again
        app.setPalette(QPalette())
        _look.supplied = False
    return app.palette()


def palette(colours: Colours) -> QPalette:
    """A whole palette from a scheme's colours, for where the platform gives none."""
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    dark = QColor(colours.window).lightness() < 128
    button = mix(colours.text, colours.surface, 0.08)
    values = {
        role.Window: colours.window,
        role.WindowText: colours.text,
        role.Base: colours.base,
        role.AlternateBase: colours.surface,
        role.Text: colours.text,
        role.Button: button.name(),
        role.ButtonText: colours.text,
        role.BrightText: "#ffffff",
        role.PlaceholderText: colours.muted,
        role.ToolTipBase: colours.surface,
        role.ToolTipText: colours.text,
        role.Highlight: colours.link if dark else colours.info,
        role.HighlightedText: colours.base if dark else "#ffffff",
        role.Link: colours.link,
        role.LinkVisited: colours.link,
        role.Light: mix(colours.text, colours.surface, 0.20).name(),
        role.Midlight: mix(colours.text, colours.surface, 0.14).name(),
        role.Mid: colours.border,
        role.Dark: mix(colours.text, colours.window, 0.45).name(),
        role.Shadow: "#000000",
    }
    for name, value in values.items():
        p.setColor(name, QColor(value))
    for name in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, name, QColor(colours.muted))
    return p


def apply(app: QApplication, scheme: Scheme | None = None) -> Scheme:
    """Dress the app for ``scheme`` (None: the system's, followed from then on). Returns the
    scheme applied."""
    forced = scheme or _forced_from_environment()
    _look.forced = forced
    chosen = forced or system_scheme(app)
    colours = COLOURS[chosen]
    if forced is not None:
        # A forced scheme is the same everywhere: the app's own palette, whatever the system.
        app.setPalette(palette(colours))
        _look.supplied = True
    elif chosen is Scheme.DARK and not _is_dark(app.palette()):
        app.setPalette(palette(colours))  # the platform knows dark, but gave a light palette
        _look.supplied = True
    _look.scheme = chosen
    _prefer_chinese_forms(app)
    app.setStyleSheet(stylesheet(colours, app.font()))
    if not _look.connected:
        _look.connected = True
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _follow(app))
    log.info("look: %s scheme%s", chosen.value, " (forced)" if forced else "")
    return chosen


def _prefer_chinese_forms(app: QApplication) -> None:
    """In Chinese, Han characters from a Simplified Chinese font: the text's own font first
    (Latin letters and figures keep it), then those."""
    font = app.font()
    families = font.families() or [font.family()]
    base = [f for f in families if f not in CHINESE_FAMILIES][:1] or families[:1]
    chinese = QLocale().language() == QLocale.Language.Chinese
    wanted = base + list(CHINESE_FAMILIES) if chinese else base
    if families != wanted:
        font.setFamilies(wanted)
        app.setFont(font)


def _follow(app: QApplication) -> None:
    if _look.forced is None:
        apply(app)


def stylesheet(colours: Colours, font: QFont) -> str:
    """The style sheet for ``colours``, the type scale taken from ``font`` (the body text)."""
    size = font.pointSizeF()
    unit = "pt"
    if size <= 0:  # a font set in pixels
        size, unit = float(font.pixelSize()), "px"

    def scaled(role: str) -> str:
        return f"{size * TYPE_SCALE[role]:.1f}{unit}"

    c = colours
    rules = [
        f'QFrame[card="true"] {{ background-color: {c.surface}; border: 1px solid {c.border}; '
        f"border-radius: {RADIUS}px; }}",
        # Labels in a card take the card's background, not the window's.
        'QFrame[card="true"] QLabel { background-color: transparent; }',
        f'QLabel[role="display"] {{ font-size: {scaled("display")}; font-weight: 600; }}',
        f'QLabel[role="title"] {{ font-size: {scaled("title")}; font-weight: 600; }}',
        f'QLabel[role="muted"] {{ color: {c.muted}; }}',
        f'QLabel[role="caption"] {{ color: {c.muted}; font-size: {scaled("caption")}; }}',
        f'QLabel[role="brand"] {{ color: {c.accent}; font-weight: 600; }}',
        # Qt's own notification bubble (where the desktop has no notification service) is
        # always light yellow: its words stay dark in the dark scheme too.
        f"QBalloonTip QLabel {{ color: {BALLOON_TEXT}; }}",
    ]
    for kind in KINDS:
        tone = getattr(c, kind)
        tint = mix(tone, c.surface, TINT).name()
        rules.append(
            f'QFrame[card="true"][kind="{kind}"] {{ background-color: {tint}; '
            f"border: 1px solid {tone}; }}"
        )
        rules.append(f'QLabel[kind="{kind}"] {{ color: {tone}; }}')
    return "\n".join(rules)


# --- taking part -------------------------------------------------------------------------------


def restyle(widget: QWidget) -> None:
    """Have the style sheet look at ``widget``'s properties again (after one changed)."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def make_card(frame: QFrame, kind: str | None = None) -> QFrame:
    """Make ``frame`` a card (with a status ``kind``, or none); its layout gets the card's
    margins when it has one."""
    frame.setProperty("card", True)
    set_kind(frame, kind)
    layout = frame.layout()
    if layout is not None:
        card_margins(layout)
    return frame


def card_margins(layout: QLayout) -> None:
    layout.setContentsMargins(Spacing.M, Spacing.M, Spacing.M, Spacing.M)
    layout.setSpacing(Spacing.S)


def set_kind(widget: QWidget, kind: str | None) -> None:
    """Give ``widget`` a status colour ("success", "warning", "error", "info"), or none."""
    if widget.property("kind") == (kind or ""):
        return
    widget.setProperty("kind", kind or "")
    restyle(widget)


def set_role(label: QLabel, role: str) -> QLabel:
    """Put ``label`` in the type scale: "display", "title", "muted", "caption"."""
    label.setProperty("role", role)
    restyle(label)
    return label


def text_colour(kind: str) -> QColor:
    """A status' colour for words drawn by hand (a chart, a figure painted in code)."""
    return QColor(getattr(current(), kind))

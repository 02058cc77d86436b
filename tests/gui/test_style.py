"""The app's look: one palette per colour scheme that follows the system's, text that reads
(4.5:1) on every background it is drawn on in both schemes, and cards dressed alike."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from codingplan.ui import style
from codingplan.ui.widgets.status import Kind, StatusView


@pytest.fixture
def restore_light(qapp):
    yield
    style.apply(qapp, style.Scheme.LIGHT)


@pytest.mark.parametrize("scheme", list(style.Scheme))
def test_every_text_colour_reads_at_4_5_to_1(scheme):
    colours = style.COLOURS[scheme]
    weak = []
    for text, background in style.TEXT_PAIRS:
        ratio = style.contrast(style.colour_of(colours, text), style.colour_of(colours, background))
        if ratio < 4.5:
            weak.append(f"{text} on {background}: {ratio:.2f}")
    assert weak == []


def test_the_contrast_check_can_fail():
    assert style.contrast(QColor("#777777"), QColor("#888888")) < 4.5
    assert style.contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)


def test_every_colour_the_style_sheet_writes_is_in_a_checked_pair(qapp):
    """A colour added to the style sheet without a contrast check would slip through."""
    import re

    for scheme, colours in style.COLOURS.items():
        sheet = style.stylesheet(colours, qapp.font())
        checked = {
            style.colour_of(colours, name).name() for pair in style.TEXT_PAIRS for name in pair
        }
        written = {QColor(c).name() for c in re.findall(r"#[0-9a-f]{6}", sheet)}
        borders = {colours.border, *(getattr(colours, kind) for kind in style.KINDS)}
        assert written - checked - borders - {style.BALLOON_TEXT} == set(), scheme


def pixel(widget, at: QPoint | None = None) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(at or QPoint(image.width() // 2, image.height() - 4))


def card(qtbot, kind: str | None = None) -> QFrame:
    frame = QFrame()
    QVBoxLayout(frame).addWidget(QLabel("Words"))
    style.make_card(frame, kind)
    frame.resize(200, 80)
    qtbot.addWidget(frame)
    frame.show()
    qtbot.waitExposed(frame)
    return frame


@pytest.mark.parametrize("scheme", list(style.Scheme))
def test_a_card_is_drawn_in_the_scheme_s_colours(scheme, qapp, qtbot, restore_light):
    style.apply(qapp, scheme)
    colours = style.COLOURS[scheme]
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(colours.window)
    assert pixel(card(qtbot)) == QColor(colours.surface)
    tinted = style.colour_of(colours, "tint:error")
    assert pixel(card(qtbot, "error")) == tinted


@pytest.mark.parametrize("scheme", list(style.Scheme))
def test_a_result_card_writes_its_headline_in_its_kind_s_colour(scheme, qapp, qtbot, restore_light):
    style.apply(qapp, scheme)
    view = StatusView()
    qtbot.addWidget(view)
    view.show_status(Kind.ERROR, "Refused", "The key was refused.")
    colours = style.COLOURS[scheme]
    headline = view.headline.palette().color(view.headline.foregroundRole())
    assert headline == QColor(colours.error)
    assert view.property("card") is True and view.property("kind") == "error"
    view.show_status(Kind.SUCCESS, "Works")
    assert view.headline.palette().color(view.headline.foregroundRole()) == QColor(colours.success)


def test_the_look_follows_the_system_s_scheme_when_it_changes(
    qapp, qtbot, monkeypatch, restore_light
):
    system = {"scheme": style.Scheme.LIGHT}
    monkeypatch.setattr(style, "system_scheme", lambda _app: system["scheme"])
    assert style.apply(qapp) is style.Scheme.LIGHT
    light = card(qtbot)
    assert pixel(light) == QColor(style.LIGHT.surface)
    system["scheme"] = style.Scheme.DARK
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # as the system says it
    assert style.current_scheme() is style.Scheme.DARK
    assert pixel(light) == QColor(style.DARK.surface)  # the same card, redrawn
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 128


def test_a_dark_platform_palette_is_taken_as_the_dark_scheme(qapp, restore_light):
    dark = style.palette(style.DARK)
    style.apply(qapp, style.Scheme.LIGHT)
    style._look.supplied = False  # as if the platform had given this palette itself
    qapp.setPalette(dark)
    assert style.system_scheme(qapp) is style.Scheme.DARK


def test_the_scheme_can_be_forced_for_screenshots(qapp, monkeypatch, restore_light):
    monkeypatch.setenv(style.SCHEME_VARIABLE, "dark")
    assert style.apply(qapp) is style.Scheme.DARK
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(style.DARK.window)


def test_qts_own_notification_bubble_keeps_dark_words_in_the_dark_scheme(qapp):
    """Where the desktop has no notification service Qt draws its own bubble, always light
    yellow (#ffffe1): the app's light text of the dark scheme would not read on it."""
    from PySide6.QtGui import QColor

    from codingplan.ui import style

    rules = style.stylesheet(style.DARK, qapp.font())
    assert f"QBalloonTip QLabel {{ color: {style.BALLOON_TEXT}; }}" in rules
    assert style.contrast(QColor(style.BALLOON_TEXT), QColor(style.BALLOON)) >= 4.5

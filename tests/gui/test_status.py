"""The status widget: each kind has its own icon and words (not colour alone), readable
colours on light and dark palettes, raw text folded behind Details, fixes as buttons."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPalette

from codingplan.outcomes import Category
from codingplan.ui.widgets.status import (
    Fix,
    Kind,
    StatusView,
    colour,
    fixes_for,
    kind_of,
    kind_word,
    status_icon,
)


def shown(qtbot) -> StatusView:
    view = StatusView()
    qtbot.addWidget(view)
    view.show()
    return view


def test_raw_detail_is_folded_behind_details(qtbot):
    view = shown(qtbot)
    view.show_status(
        Kind.ERROR, "No connection", "The address could not be reached.", detail="[Errno -2] x"
    )
    assert view.details_button.isVisible() and not view.detail.isVisible()
    assert "[Errno -2]" not in view.text()
    view.details_button.click()
    assert view.detail.isVisible() and "[Errno -2] x" in view.text()
    view.details_button.click()
    assert not view.detail.isVisible()


def test_an_unexpected_error_gets_a_plain_sentence_in_front(qtbot):
    view = shown(qtbot)
    view.show_error(OSError(2, "No such file or directory"), "Nothing was written")
    assert "[Errno 2]" not in view.text()
    assert "did not expect" in view.message.text()
    view.details_button.click()
    assert "[Errno 2] No such file or directory" in view.detail.toPlainText()


def test_text_to_read_at_once_is_shown_unfolded(qtbot):
    view = shown(qtbot)
    view.show_status(Kind.ERROR, "", "Paste these lines:", detail="a = 1", details_open=True)
    assert view.detail.isVisible() and not view.details_button.isVisible()


def test_fixes_are_buttons_that_do_what_they_say(qtbot):
    view = shown(qtbot)
    done: list[str] = []
    handlers = {
        Fix.CHANGE_KEY: lambda: done.append("key"),
        Fix.CHECK_AGAIN: lambda: done.append("x"),
    }
    fixes = fixes_for(Category.INVALID_KEY, handlers)
    # Only what this screen can do: no region switch or console here.
    assert [label for label, _ in fixes] == ["Change the key"]
    view.show_status(Kind.ERROR, "Key rejected", fixes=fixes)
    assert view.fix_labels() == ["Change the key"]
    view.fix_buttons[0].click()
    assert done == ["key"]
    old = view.fix_buttons[0]
    qtbot.waitUntil(old.isVisible)
    view.show_status(Kind.SUCCESS, "Works")  # a new outcome drops the old buttons
    assert view.fix_buttons == [] and old.isHidden()  # not drawn while awaiting deletion


def test_each_kind_has_its_own_shape_and_words():
    images = {}
    for kind in Kind:
        image = status_icon(kind, 24, QColor("black")).toImage()
        images[kind] = bytes(image.convertToFormat(QImage.Format.Format_ARGB32).constBits())
    assert len(set(images.values())) == len(Kind)  # told apart in black and white too
    assert len({kind_word(k) for k in Kind}) == len(Kind)


def contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_colours_read_on_light_and_dark_palettes():
    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#f5f5f5"))
    light.setColor(QPalette.ColorRole.WindowText, QColor("#1f1f1f"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    for palette in (light, dark):
        window = palette.color(QPalette.ColorRole.Window)
        for kind in Kind:
            # 3:1 is what an icon or a border needs to stand out (WCAG, non-text contrast).
            assert contrast(colour(kind, palette), window) >= 3.0, (kind, window.name())


def test_categories_map_to_kinds():
    assert kind_of(Category.OK) is Kind.SUCCESS
    assert kind_of(Category.QUOTA_5H) is Kind.WARNING  # the key works; the quota is used up
    assert kind_of(Category.INVALID_KEY) is Kind.ERROR

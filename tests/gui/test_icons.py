"""The tray icon at each threshold, at tray sizes, on light and dark panels."""

import pytest
from PySide6.QtGui import QColor

from codingplan.ui.icons import COLOURS, Level, draw, level_for, tray_icon


@pytest.mark.parametrize(
    "used, level",
    [
        (0, Level.OK),
        (4799, Level.OK),
        (4800, Level.WARN),
        (5700, Level.CRITICAL),
        (6000, Level.EXHAUSTED),
    ],
)
def test_level_follows_the_thresholds(used, level):
    assert level_for(used, 6000, (80, 95)) is level


def _hue_near(colour: QColor, expected: QColor) -> bool:
    return (
        abs(colour.red() - expected.red()) < 40
        and abs(colour.green() - expected.green()) < 40
        and abs(colour.blue() - expected.blue()) < 40
    )


def _ring_pixel(image, size):
    # Just left of 12 o'clock on the ring: the arc of the share left starts there, going
    # anticlockwise, so any share above a few percent covers it.
    return image.pixelColor(size // 2 - max(1, size // 10), int(size * 0.12))


@pytest.mark.parametrize("size", [16, 22])
@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize(
    "share, level", [(0.9, Level.OK), (0.15, Level.WARN), (0.04, Level.CRITICAL)]
)
def test_the_arc_carries_the_level_colour(qapp, size, dark, share, level):
    image = draw(size, share, level, dark).toImage()
    assert image.width() == size
    assert _hue_near(_ring_pixel(image, size), COLOURS[level])
    assert image.pixelColor(size // 2, size // 2).alpha() == 0  # the middle stays clear


@pytest.mark.parametrize("size", [16, 22])
def test_exhausted_shows_a_bar_not_only_a_colour(qapp, size):
    image = draw(size, 0.0, Level.EXHAUSTED, False).toImage()
    centre = image.pixelColor(size // 2, size // 2)
    assert centre.alpha() == 255 and _hue_near(centre, COLOURS[Level.EXHAUSTED])


def test_levels_look_different_at_16_pixels(qapp):
    seen = {
        lvl: _ring_pixel(draw(16, 0.5, lvl, False).toImage(), 16).name()
        for lvl in (Level.OK, Level.WARN, Level.CRITICAL, Level.EXHAUSTED)
    }
    assert len(set(seen.values())) == 4


def test_the_track_shows_on_dark_and_light_panels(qapp):
    # The used part (the track) must stand out from both panel colours.
    for dark, panel in ((False, QColor("#f0f0f0")), (True, QColor("#202124"))):
        image = draw(22, 0.1, Level.OK, dark).toImage()
        track = image.pixelColor(22 // 2 + 3, int(22 * 0.12))  # right of 12: the used part
        assert track.alpha() > 60
        blended = [
            track.alpha() / 255 * c + (1 - track.alpha() / 255) * p
            for c, p in zip(track.getRgb()[:3], panel.getRgb()[:3], strict=True)
        ]
        assert max(abs(b - p) for b, p in zip(blended, panel.getRgb()[:3], strict=True)) > 25


def test_macos_mask_icon(qapp):
    icon = tray_icon(0.5, Level.WARN, False, mask=True)
    assert icon.isMask()
    image = draw(22, 0.5, Level.WARN, False, mask=True).toImage()
    colour = _ring_pixel(image, 22)
    assert (colour.red(), colour.green(), colour.blue()) == (0, 0, 0) and colour.alpha() > 200


def test_the_icon_has_every_tray_size(qapp):
    icon = tray_icon(0.5, Level.OK, False)
    assert {s.width() for s in icon.availableSizes()} >= {16, 22, 24, 32}

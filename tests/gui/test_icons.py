"""The tray icon at each threshold, at tray sizes, on light and dark panels: the number chip
from 20 px, the ring below, and the shapes of "used up" and "set-up needed"."""

import pytest
from PySide6.QtGui import QColor

from codingplan.ui.icons import (
    COLOURS,
    Level,
    contrast,
    draw,
    ink_on,
    level_for,
    percent_shown,
    tray_icon,
)

LIGHT_PANEL, DARK_PANEL = QColor("#f0f0f0"), QColor("#202124")


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


def _pixels(image):
    return [image.pixelColor(x, y) for y in range(image.height()) for x in range(image.width())]


def _on(panel: QColor, colour: QColor) -> QColor:
    """``colour`` seen over ``panel``."""
    a = colour.alphaF()
    return QColor.fromRgbF(
        *(
            a * c + (1 - a) * p
            for c, p in zip(colour.getRgbF()[:3], panel.getRgbF()[:3], strict=True)
        )
    )


# --- the number chip at 22 px ------------------------------------------------------------------


def test_the_chip_shows_the_number(qapp):
    eighty = draw(22, 0.8, Level.OK, False).toImage()
    twenty = draw(22, 0.2, Level.OK, False).toImage()
    differ = sum(a != b for a, b in zip(_pixels(eighty), _pixels(twenty), strict=True))
    assert differ > 20  # the digits, not a sliver of arc
    # Same number, other colour: the chip follows the level.
    warn = draw(22, 0.2, Level.WARN, False).toImage()
    assert _hue_near(warn.pixelColor(2, 11), COLOURS[Level.WARN])


@pytest.mark.parametrize("level", [Level.OK, Level.WARN, Level.CRITICAL])
def test_the_digits_stand_out_from_the_chip(qapp, level):
    assert contrast(ink_on(COLOURS[level]), COLOURS[level]) >= 4.5
    image = draw(22, 0.55, level, False).toImage()
    inks = [p for p in _pixels(image) if contrast(p, COLOURS[level]) > 4]
    assert len(inks) > 15  # digit strokes in the ink's colour


@pytest.mark.parametrize("dark", [False, True])
def test_the_chip_reads_on_light_and_dark_panels(qapp, dark):
    panel = DARK_PANEL if dark else LIGHT_PANEL
    image = draw(22, 0.42, Level.OK, dark).toImage()
    chip = image.pixelColor(11, 1)  # top edge, above the digits
    assert chip.alpha() == 255
    assert max(abs(a - b) for a, b in zip(chip.getRgb()[:3], panel.getRgb()[:3], strict=True)) > 60


def test_percent_shown_never_says_none_or_all_wrongly():
    assert percent_shown(1.0) == 100
    assert percent_shown(0.999) == 99  # one request used: not "100"
    assert percent_shown(0.002) == 1  # a few left: not "0"
    assert percent_shown(0.0) == 0
    assert percent_shown(0.805) == 80


# --- distinct shapes -------------------------------------------------------------------------


def test_used_up_and_set_up_have_their_own_shapes(qapp):
    normal = draw(22, 0.5, Level.OK, False).toImage()
    used_up = draw(22, 0.0, Level.EXHAUSTED, False).toImage()
    setup = draw(22, None, Level.SETUP, False).toImage()
    # The chip is square with round corners; the other two are round: the corner shows it.
    assert normal.pixelColor(2, 2).alpha() == 255
    assert used_up.pixelColor(2, 2).alpha() == 0 and setup.pixelColor(2, 2).alpha() == 0
    # Used up: a red disc with a white bar across its middle.
    assert _hue_near(used_up.pixelColor(11, 4), COLOURS[Level.EXHAUSTED])
    bar = used_up.pixelColor(11, 11)
    assert (bar.red(), bar.green(), bar.blue()) == (255, 255, 255)
    # Set-up: a hollow ring, with a question mark in the middle of it.
    assert setup.pixelColor(11, 1).alpha() > 200  # the ring
    assert setup.pixelColor(5, 11).alpha() == 0  # between the ring and the mark
    differ = sum(a != b for a, b in zip(_pixels(used_up), _pixels(setup), strict=True))
    assert differ > 150


@pytest.mark.parametrize("dark", [False, True])
def test_set_up_needed_shows_on_both_panels(qapp, dark):
    panel = DARK_PANEL if dark else LIGHT_PANEL
    ring = _on(panel, draw(22, None, Level.SETUP, dark).toImage().pixelColor(11, 1))
    assert contrast(ring, panel) >= 3


# --- the ring at 16 px ------------------------------------------------------------------------


def _ring_pixel(image, size):
    # Just left of 12 o'clock on the ring: the arc of the share left starts there, going
    # anticlockwise, so any share above a few percent covers it.
    return image.pixelColor(size // 2 - max(1, size // 10), int(size * 0.12))


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize(
    "share, level", [(0.9, Level.OK), (0.15, Level.WARN), (0.04, Level.CRITICAL)]
)
def test_at_16_pixels_the_arc_carries_the_level_colour(qapp, dark, share, level):
    image = draw(16, share, level, dark).toImage()
    assert image.width() == 16
    assert _hue_near(_ring_pixel(image, 16), COLOURS[level])
    assert image.pixelColor(8, 8).alpha() == 0  # the middle stays clear


def test_levels_look_different_at_16_pixels(qapp):
    seen = {
        lvl: _ring_pixel(draw(16, 0.5, lvl, False).toImage(), 16).name()
        for lvl in (Level.OK, Level.WARN, Level.CRITICAL, Level.EXHAUSTED)
    }
    assert len(set(seen.values())) == 4


def test_the_track_shows_on_dark_and_light_panels(qapp):
    # The used part (the track) must stand out from both panel colours.
    for dark, panel in ((False, LIGHT_PANEL), (True, DARK_PANEL)):
        image = draw(16, 0.1, Level.OK, dark).toImage()
        track = image.pixelColor(16 // 2 + 3, 2)  # right of 12: the used part
        assert track.alpha() > 60
        blended = _on(panel, track)
        assert (
            max(abs(b - p) for b, p in zip(blended.getRgb()[:3], panel.getRgb()[:3], strict=True))
            > 25
        )


# --- macOS template images --------------------------------------------------------------------


@pytest.mark.parametrize(
    "share, level", [(0.5, Level.WARN), (0.0, Level.EXHAUSTED), (None, Level.SETUP)]
)
def test_macos_mask_icons_are_black_and_clear(qapp, share, level):
    icon = tray_icon(share, level, False, mask=True)
    assert icon.isMask()
    image = draw(22, share, level, False, mask=True).toImage()
    opaque = [p for p in _pixels(image) if p.alpha() > 0]
    assert opaque and all((p.red(), p.green(), p.blue()) == (0, 0, 0) for p in opaque)


def test_the_mask_chip_cuts_its_digits_out(qapp):
    def holes(share):
        image = draw(22, share, Level.OK, False, mask=True).toImage()
        inside = [image.pixelColor(x, y) for y in range(4, 18) for x in range(4, 18)]
        return [p.alpha() < 128 for p in inside]

    assert sum(holes(0.8)) > 15  # digits as holes the menu bar's tint shows through
    assert holes(0.8) != holes(0.2)


def test_the_icon_has_every_tray_size(qapp):
    icon = tray_icon(0.5, Level.OK, False)
    assert {s.width() for s in icon.availableSizes()} >= {16, 22, 24, 32, 44}


# --- which window, how old, all left -------------------------------------------------------------


def _ink_in(image, rect, colour: QColor) -> int:
    """Pixels in ``rect`` (x, y, w, h) that stand out from ``colour`` like the ink."""
    x0, y0, w, h = rect
    return sum(
        contrast(image.pixelColor(x, y), colour) > 2.5
        for y in range(y0, y0 + h)
        for x in range(x0, x0 + w)
    )


@pytest.mark.parametrize("window", ["5h", "week", "month"])
def test_the_chip_marks_which_window_its_figure_is_about(qapp, window):
    size = 44  # the 22 px tray at twice the density: enough pixels to tell the bars apart
    image = draw(size, 0.55, Level.OK, False, window=window).toImage()
    bars = image.height() * 80 // 100, max(2, size // 10)
    thirds = [
        (size * 20 // 100 + i * size * 20 // 100, bars[0], size * 16 // 100, bars[1])
        for i in range(3)
    ]
    ink = [_ink_in(image, third, COLOURS[Level.OK]) for third in thirds]
    chosen = ["5h", "week", "month"].index(window)
    assert ink[chosen] == max(ink) and all(
        ink[chosen] > 2 * n for i, n in enumerate(ink) if i != chosen
    )
    # Without a window there are no bars.
    bare = draw(size, 0.55, Level.OK, False).toImage()
    assert sum(_ink_in(bare, t, COLOURS[Level.OK]) for t in thirds) == 0


def test_nothing_used_is_a_check_mark_not_three_cramped_digits(qapp):
    full = draw(22, 1.0, Level.OK, False, window="5h").toImage()
    nearly = draw(22, 0.995, Level.OK, False, window="5h").toImage()  # "99"
    assert percent_shown(1.0) == 100
    differ = sum(a != b for a, b in zip(_pixels(full), _pixels(nearly), strict=True))
    assert differ > 40
    # A check mark: ink at its bend (lower middle), none at the top right of the digits' room.
    assert contrast(full.pixelColor(9, 11), COLOURS[Level.OK]) > 3


def test_one_digit_gets_its_percent_sign_where_it_fits(qapp):
    def ink_span(share: float) -> int:
        """How wide the figure is: from its first to its last inked column, inside the edge."""
        image = draw(22, share, Level.CRITICAL, False).toImage()
        inked = [
            x
            for x in range(2, 20)
            if any(
                contrast(image.pixelColor(x, y), COLOURS[Level.CRITICAL]) > 3 for y in range(3, 19)
            )
        ]
        return inked[-1] - inked[0] + 1

    assert ink_span(0.04) >= 14  # "4%": a digit and its sign (a lone "4" is about 8 wide)
    assert ink_span(0.55) >= 14  # "55": two digits, no room for a sign


def test_a_figure_older_than_its_refresh_fades(qapp):
    fresh = draw(22, 0.5, Level.OK, False, window="5h").toImage().pixelColor(11, 1)
    old = draw(22, 0.5, Level.OK, False, window="5h", stale=True).toImage().pixelColor(11, 1)
    assert fresh.alpha() == 255 and old.alpha() < 140
    ring = draw(16, 0.5, Level.OK, False, stale=True).toImage()
    assert max(p.alpha() for p in _pixels(ring)) < 140  # the small ring fades alike


def test_counted_as_used_the_chip_shows_the_share_used(qapp):
    """80 % left is 20 % used: the same drawing as 20 % left would make, in the level's own
    colour; nothing used stays a check mark whichever way it counts."""
    as_used = draw(22, 0.8, Level.OK, False, as_used=True).toImage()
    twenty_left = draw(22, 0.2, Level.OK, False).toImage()
    eighty_left = draw(22, 0.8, Level.OK, False).toImage()
    assert _pixels(as_used) == _pixels(twenty_left)
    assert _pixels(as_used) != _pixels(eighty_left)
    full = draw(22, 1.0, Level.OK, False, as_used=True).toImage()
    assert _pixels(full) == _pixels(draw(22, 1.0, Level.OK, False).toImage())
    # At 16 px the ring's solid arc is the share used: a quarter used, a quarter of arc.
    ring = draw(16, 0.75, Level.OK, False, as_used=True).toImage()
    assert _pixels(ring) == _pixels(draw(16, 0.25, Level.OK, False).toImage())

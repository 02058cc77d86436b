"""The macOS .icns drawn by packaging/icons.py, read back: every size macOS asks for."""

from __future__ import annotations

import sys

from tests.conftest import REPO


def test_the_icns_is_built_and_reads_back(qapp, tmp_path):
    from PIL import Image

    sys.path.insert(0, str(REPO / "packaging"))
    from icons import build_icons

    made = build_icons(tmp_path)
    with Image.open(made["icns"]) as icns:
        assert icns.format == "ICNS"
        # Every size macOS asks for, at 1x and 2x (the 16-point ones in lists and menus).
        wanted = {(s, s, k) for s in (16, 32, 128, 256, 512) for k in (1, 2)}
        assert set(icns.info["sizes"]) == wanted
    for points, _points, scale in sorted(wanted):
        with Image.open(made["icns"]) as icns:
            icns.size = (points, points)
            icns.load(scale=scale)
            pixels = points * scale
            assert icns.size == (pixels, pixels)
            assert icns.getpixel((pixels // 2, pixels // 2))[3] == 255  # drawn, not blank

"""The app icon in every format an installer needs, drawn from resources/icons/codingplan.svg.

PNG at each size (Linux, the AppImage), .ico (Windows) and .icns (macOS).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "codingplan.svg"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512, 1024)


def render(svg: Path, size: int):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def build_icons(out: Path) -> dict[str, Path]:
    """Writes codingplan-<size>.png, codingplan.ico and codingplan.icns into ``out``.

    Each size is drawn from the SVG itself (a 16-pixel icon scaled down from 1024 blurs);
    Pillow packs the sizes into the .ico, ``write_icns`` into the .icns.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}
    for size in PNG_SIZES:
        path = out / f"codingplan-{size}.png"
        if not render(SVG, size).save(str(path)):
            raise RuntimeError(f"could not write {path}")
        made[f"png{size}"] = path
    pngs = {size: Image.open(made[f"png{size}"]) for size in PNG_SIZES}
    ico_sizes = (16, 24, 32, 48, 64, 128, 256)
    made["ico"] = out / "codingplan.ico"
    pngs[256].save(
        made["ico"], sizes=[(s, s) for s in ico_sizes], append_images=[pngs[s] for s in ico_sizes]
    )
    made["icns"] = write_icns(out / "codingplan.icns", {s: made[f"png{s}"] for s in PNG_SIZES})
    return made


# Each image of an .icns, by its type code: (points, scale). Pillow's own writer leaves out
# the 16 and 32 point images at 1x, which Finder's lists and the menu bar use.
ICNS_TYPES = (
    (b"icp4", 16, 1),
    (b"ic11", 16, 2),
    (b"icp5", 32, 1),
    (b"ic12", 32, 2),
    (b"ic07", 128, 1),
    (b"ic13", 128, 2),
    (b"ic08", 256, 1),
    (b"ic14", 256, 2),
    (b"ic09", 512, 1),
    (b"ic10", 512, 2),
)


def write_icns(path: Path, pngs: dict[int, Path]) -> Path:
    """An .icns of PNG images: the header ("icns", total length), then per image its type,
    its length (with these 8 bytes) and the PNG itself, lengths big-endian."""
    import struct

    entries = b"".join(
        kind + struct.pack(">I", 8 + len(data)) + data
        for kind, points, scale in ICNS_TYPES
        for data in (pngs[points * scale].read_bytes(),)
    )
    path.write_bytes(b"icns" + struct.pack(">I", 8 + len(entries)) + entries)
    return path


if __name__ == "__main__":
    for name, path in build_icons(
        Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons")
    ).items():
        print(name, path)

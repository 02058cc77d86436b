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
    Pillow packs the sizes into .ico and .icns.
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
    made["icns"] = out / "codingplan.icns"
    pngs[1024].save(made["icns"], append_images=[pngs[s] for s in (16, 32, 64, 128, 256, 512)])
    return made


if __name__ == "__main__":
    for name, path in build_icons(
        Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons")
    ).items():
        print(name, path)

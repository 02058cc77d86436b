"""Files the desktop app ships with (icons, translations), from source or from a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon


def resource_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    # gui/codingplan/ui/resources.py -> the repository's top-level resources/
    return Path(__file__).resolve().parents[3] / "resources"


def resource(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def translations_dir() -> Path:
    return resource("translations")


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "codingplan.svg")))

"""Files the desktop app ships with (the icon, the compiled translations): in a frozen build,
inside the installed package (a wheel carries them in ``assets/``), or in a checkout's
top-level ``resources/``."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon

ICON = ("icons", "codingplan.svg")


def resource_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    here = Path(__file__).resolve()
    installed = here.parent / "assets"
    if installed.joinpath(*ICON).is_file():
        return installed
    # gui/codingplan/ui/resources.py -> the repository's top-level resources/
    return here.parents[3] / "resources"


def resource(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def translations_dir() -> Path:
    return resource("translations")


def app_icon() -> QIcon:
    return QIcon(str(resource(*ICON)))

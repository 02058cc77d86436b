"""setuptools' build steps with one addition: a wheel carries the desktop app's icon and its
compiled translations in ``codingplan/ui/assets/``, so an installed app needs no checkout.
Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
RESOURCES = ROOT / "resources"


def lrelease() -> str:
    """Qt's translation compiler from PySide6 (the build backend asks for it)."""
    folder = Path(sys.executable).parent
    for candidate in (folder / "pyside6-lrelease", folder / "pyside6-lrelease.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("pyside6-lrelease")
    if not found:
        raise SystemExit("pyside6-lrelease is missing: install PySide6-Essentials to build a wheel")
    return found


class BuildWithAssets(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads them from the checkout
            return
        assets = Path(self.build_lib) / "codingplan" / "ui" / "assets"
        shutil.rmtree(assets, ignore_errors=True)  # nothing left from an earlier build
        (assets / "icons").mkdir(parents=True)
        shutil.copy2(RESOURCES / "icons" / "codingplan.svg", assets / "icons")
        (assets / "translations").mkdir(exist_ok=True)
        for ts in sorted((RESOURCES / "translations").glob("*.ts")):
            qm = assets / "translations" / ts.with_suffix(".qm").name
            subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)


setup(cmdclass={"build_py": BuildWithAssets})

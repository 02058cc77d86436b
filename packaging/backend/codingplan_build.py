"""The package's build backend: setuptools', which also asks for Qt's translation compiler
(lrelease, from PySide6) when it builds a wheel: a wheel carries the compiled translations
(see setup.py). An editable install reads them from the checkout, so it needs no Qt to build.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403 (every other hook, as setuptools has it)

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def _qt_requirement() -> str:
    """PySide6 as the app itself requires it: one version range, kept in pyproject.toml."""
    dependencies = tomllib.loads(PYPROJECT.read_text("utf-8"))["project"]["dependencies"]
    return next(d for d in dependencies if d.lower().startswith("pyside6"))


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    return [*_setuptools.get_requires_for_build_wheel(config_settings), _qt_requirement()]

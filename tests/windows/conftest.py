"""The Windows installer's checks under Wine. They need Wine, MinGW-w64 and Inno Setup, which
scripts/windows-installer.sh installs before it runs them (with CODINGPLAN_TEST_INSTALLER=1):
the default test run leaves them out rather than failing for lack of them."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.fakes.xserver import xvfb
from tests.windows.wine import (
    ISS,
    Prefix,
    build_standins,
    compile_setup,
    copy_prefix,
    make_base_prefix,
    wine_env,
)

if not os.environ.get("CODINGPLAN_TEST_INSTALLER"):
    collect_ignore_glob = ["test_*.py"]

OLD, NEW = "0.1.0", "0.2.0"


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    # Setup makes (hidden) windows even when silent: Wine needs an X server for them.
    with xvfb(tray=False) as name:
        yield name


@pytest.fixture(scope="session")
def workshop(tmp_path_factory: pytest.TempPathFactory, display: str) -> Path:
    """A folder with the base prefix, the app's icon and both versions' layouts."""
    root = tmp_path_factory.mktemp("windows")
    make_base_prefix(root / "base-prefix", display)
    sys.path.insert(0, str(REPO / "packaging"))
    from icons import build_icons

    build_icons(root / "icons")
    for version, build, leftover in ((OLD, "1", "stale-1.txt"), (NEW, "2", "fresh-2.txt")):
        layout = root / f"layout-{version}"
        build_standins(layout, build)
        (layout / "_internal").mkdir()
        (layout / "_internal" / leftover).write_text(build)
    return root


def compile_version(workshop: Path, version: str, iss: Path = ISS, out: Path | None = None) -> Path:
    return compile_setup(
        iss,
        wine_env(workshop / "base-prefix", os.environ.get("DISPLAY", "")),
        workshop / f"layout-{version}",
        workshop / "icons" / "codingplan.ico",
        out or workshop / "setups",
        version,
    )


@pytest.fixture(scope="session")
def setups(workshop: Path) -> dict[str, Path]:
    return {version: compile_version(workshop, version) for version in (OLD, NEW)}


@pytest.fixture
def prefix(workshop: Path, display: str, tmp_path: Path) -> Iterator[Prefix]:
    copy_prefix(workshop / "base-prefix", tmp_path / "prefix")
    made = Prefix(tmp_path / "prefix", display, tmp_path / "standin.log")
    yield made
    made.kill()
    shutil.rmtree(tmp_path / "prefix", ignore_errors=True)

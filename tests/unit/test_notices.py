"""Every package the app runs on, on any OS, is named in the third-party notices that each
installer carries; the license texts those notices point to are in the repository."""

from __future__ import annotations

import re
from importlib import metadata

from packaging.markers import Marker
from packaging.requirements import Requirement

from tests.conftest import REPO

PLATFORMS = {"linux": "Linux", "darwin": "Darwin", "win32": "Windows"}


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_closure() -> set[str]:
    """The app's dependencies and theirs, for Linux, macOS and Windows (an uninstalled one,
    such as a Windows-only package here, is named but not followed further)."""
    found: set[str] = set()
    for platform, system in PLATFORMS.items():
        todo, seen = ["codingplan-configurator"], set()
        while todo:
            try:
                requires = metadata.distribution(todo.pop()).requires or []
            except metadata.PackageNotFoundError:
                continue
            for line in requires:
                req = Requirement(line)
                env = {"sys_platform": platform, "platform_system": system, "extra": ""}
                if req.marker is not None and not Marker(str(req.marker)).evaluate(env):
                    continue
                if normal(req.name) not in seen:
                    seen.add(normal(req.name))
                    todo.append(req.name)
        found |= seen
    return found


def test_every_runtime_package_is_in_the_notices():
    notices = normal((REPO / "THIRD_PARTY_NOTICES.md").read_text("utf-8"))
    closure = runtime_closure()
    assert {"pyside6-essentials", "shiboken6", "keyring", "pywin32-ctypes"} <= closure
    missing = sorted(name for name in closure if name not in notices)
    assert missing == [], f"add these to THIRD_PARTY_NOTICES.md: {missing}"


def test_the_license_texts_the_notices_name_are_there():
    notices = (REPO / "THIRD_PARTY_NOTICES.md").read_text("utf-8")
    for text in re.findall(r"LICENSES/[\w.-]+\.txt", notices):
        assert (REPO / text).stat().st_size > 5000, text
    assert "MIT License" in (REPO / "LICENSE").read_text("utf-8")

"""The macOS app bundle's Info.plist, in one place: the PyInstaller spec writes it into the
.app, and the tests read it back with plistlib.

The app lives in the menu bar (LSUIElement: no Dock icon) and is not sandboxed: it keeps the
key in the login keychain and its login item in ~/Library/LaunchAgents, neither of which
needs an entitlement outside the sandbox (packaging/macos/entitlements.plist holds only what
Python and Qt need under the hardened runtime).
"""

from __future__ import annotations

import plistlib
from pathlib import Path
from typing import Any

BUNDLE_ID = "io.github.codingplan.configurator"
MINIMUM_MACOS = "12.0"
ENTITLEMENTS = Path(__file__).with_name("entitlements.plist")


def info_plist(name: str, version: str) -> dict[str, Any]:
    """The keys PyInstaller adds to its own (executable, icon) in the .app's Info.plist."""
    return {
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleName": name,
        "CFBundleDisplayName": name,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "LSUIElement": True,  # lives in the menu bar: no Dock icon
        "LSMinimumSystemVersion": MINIMUM_MACOS,
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follows dark mode
        "LSApplicationCategoryType": "public.app-category.developer-tools",
    }


def write_info_plist(path: Path, name: str, version: str) -> Path:
    path.write_bytes(plistlib.dumps(info_plist(name, version)))
    return path

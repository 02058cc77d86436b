"""The macOS bundle as far as Linux can check it: the Info.plist from its one source, the
entitlements and the .icns read back (tests/integration/test_dmg_layout.py has the disk
image's layout script). Signing, notarization and hdiutil run only on the release runners."""

from __future__ import annotations

import plistlib
import sys

from codingplan import APP_NAME, __version__, autostart
from tests.conftest import REPO

MACOS = REPO / "packaging" / "macos"
sys.path.insert(0, str(MACOS))
import bundle  # noqa: E402


def test_the_info_plist_reads_back_with_what_the_app_needs(tmp_path):
    written = bundle.write_info_plist(tmp_path / "Info.plist", APP_NAME, __version__)
    info = plistlib.loads(written.read_bytes())
    assert info["CFBundleIdentifier"] == "io.github.codingplan.configurator"
    assert info["LSUIElement"] is True  # a menu-bar app: no Dock icon
    assert info["CFBundleShortVersionString"] == info["CFBundleVersion"] == __version__
    assert info["LSMinimumSystemVersion"] == "12.0"
    assert info["CFBundleName"] == APP_NAME
    assert info["NSHighResolutionCapable"] is True
    assert info["NSRequiresAquaSystemAppearance"] is False
    # The login item the app writes is labelled with the bundle's own id.
    assert info["CFBundleIdentifier"] == autostart.LABEL


def test_the_spec_takes_the_info_plist_from_its_one_source():
    spec = (REPO / "packaging" / "codingplan.spec").read_text()
    assert "info_plist=info_plist(APP_NAME, __version__)" in spec
    assert "bundle_identifier=BUNDLE_ID" in spec
    assert "LSUIElement" not in spec


def test_the_entitlements_allow_the_keychain_and_the_login_item():
    """Outside the sandbox the login keychain and ~/Library/LaunchAgents need no entitlement;
    a sandbox would shut out both (and the coding tools' files), and a keychain access group
    would need a provisioning profile the app does not have."""
    entitlements = plistlib.loads(bundle.ENTITLEMENTS.read_bytes())
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True}
    assert "com.apple.security.app-sandbox" not in entitlements
    assert "keychain-access-groups" not in entitlements


def test_the_icns_is_built_and_reads_back(tmp_path):
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

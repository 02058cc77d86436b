"""The macOS bundle as far as Linux can check it: the Info.plist from its one source, the
entitlements (tests/gui/test_icns.py reads the .icns back, and
tests/integration/test_dmg_layout.py checks the disk image's layout script). Signing, notarization and hdiutil run only on the release runners."""

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

"""Whether the desktop app can open a window here, asked before Qt starts: without a display
Qt aborts the whole process, with a message that blames a library (libxcb-cursor0) even
when the library is there and only the display is missing.

Linux only; elsewhere the system always has a screen to offer. A platform chosen with
QT_QPA_PLATFORM other than xcb (offscreen, wayland) is Qt's own business.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibrary

CLI_HINT = "the command line works without one: codingplan --help."
NO_DISPLAY = (
    "There is no display to show the desktop app on (neither DISPLAY nor WAYLAND_DISPLAY is "
    f"set). Start it from a desktop session; {CLI_HINT}"
)
NO_SERVER = (
    "The desktop app cannot open a window: no X server answers at DISPLAY={display}. Start it "
    f"from a desktop session (over SSH, connect with ssh -X); {CLI_HINT}"
)
NO_PLUGIN = (
    "The desktop app cannot open a window: Qt's X11 plugin does not load ({reason}). On Debian "
    "or Ubuntu, 'sudo apt install libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 "
    f"libxcb-keysyms1' installs what it needs; {CLI_HINT}"
)


def problem(
    env: Mapping[str, str] | None = None, platform: str = "", plugin: Path | None = None
) -> str | None:
    """Why no window can open, as a sentence with what to do; None when one can (or when
    this cannot be told, and Qt is left to try). ``plugin``: the xcb plugin to try."""
    env = os.environ if env is None else env
    if (platform or sys.platform) != "linux":
        return None
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return None
    x11, wayland = env.get("DISPLAY"), env.get("WAYLAND_DISPLAY")
    if not x11 and not wayland:
        return NO_DISPLAY
    if wayland and not chosen:
        return None  # Qt tries Wayland first
    reason = _plugin_error(plugin or _xcb_plugin())
    if reason:
        return NO_PLUGIN.format(reason=reason)
    if x11 and not _x_server_answers(x11):
        return NO_SERVER.format(display=x11)
    return None


def _xcb_plugin() -> Path | None:
    for folder in QCoreApplication.libraryPaths():
        candidate = Path(folder) / "platforms" / "libqxcb.so"
        if candidate.is_file():
            return candidate
    return None


def _plugin_error(plugin: Path | None) -> str:
    """Why the plugin does not load (the loader's words), or "" when it does or is not found.
    It stays loaded: Qt loads it again in a moment."""
    if plugin is None:
        return ""
    library = QLibrary(str(plugin))
    if library.load():
        return ""
    return library.errorString()


def _x_server_answers(display: str) -> bool:
    """A connection to the X server at ``display``, opened and closed (True when libxcb
    itself cannot be found: then the plugin check above has said enough)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return bool(xcb.xcb_connection_has_error(connection) == 0)
    finally:
        xcb.xcb_disconnect(connection)

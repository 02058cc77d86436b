"""Qt messages that are platform noise, not faults of the code under test."""

import pytest

# The offscreen platform plugin warns each time a top-level window is shown that it cannot
# pass size hints on to a window manager (there is none). Nothing the app does avoids it.
OFFSCREEN_SHOW = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

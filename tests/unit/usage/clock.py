"""Commands run at a chosen moment: their clock is moved with libfaketime (a Debian package
``scripts/test.sh`` installs), and it runs on from there."""

from __future__ import annotations

import glob
from datetime import UTC, datetime

import pytest


def clock_at(moment: datetime) -> dict[str, str]:
    """The environment that starts a command's clock at ``moment`` (in UTC, like its zone)."""
    found = glob.glob("/usr/lib/*/faketime/libfaketime.so.1")
    if not found:
        pytest.fail("faketime is not installed: run scripts/test.sh, which installs it.")
    start = moment.astimezone(UTC).strftime("@%Y-%m-%d %H:%M:%S")
    return {"LD_PRELOAD": found[0], "FAKETIME": start, "TZ": "UTC"}

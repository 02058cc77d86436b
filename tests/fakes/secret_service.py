"""A private Secret Service: a D-Bus session bus of its own with GNOME Keyring unlocked in a
throwaway HOME. Tests and benchmarks use it so they never touch a person's real keyring."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


class MissingTool(RuntimeError):
    pass


def _die_with_parent() -> None:
    """In the child: end when the test process ends, even if it crashes (Linux). The keyring
    daemon then goes too, as it leaves with its session bus."""
    import ctypes
    import signal as signals

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signals.SIGTERM)


@contextlib.contextmanager
def private_secret_service(unlock: bool = True) -> Iterator[str]:
    """Yields the bus address. With ``unlock=False`` the keyring stays locked: its first use
    asks for a password it cannot prompt for, as when a person dismisses the dialog."""
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if not shutil.which(tool):
            raise MissingTool(f"{tool} is missing: run scripts/test.sh, which installs it.")
    keyring_home = Path(tempfile.mkdtemp(prefix="codingplan-keyring-"))
    env = {**os.environ, "HOME": str(keyring_home), "DISPLAY": ""}
    env.pop("WAYLAND_DISPLAY", None)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        preexec_fn=_die_with_parent,
    )
    try:
        address = bus.stdout.readline().strip()
        if unlock:
            subprocess.run(
                ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
                input="test-keyring-password",
                env={**env, "DBUS_SESSION_BUS_ADDRESS": address},
                text=True,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=30,
            )
        yield address
    finally:
        bus.send_signal(signal.SIGTERM)
        bus.wait(timeout=10)
        shutil.rmtree(keyring_home, ignore_errors=True)


@contextlib.contextmanager
def session_env(address: str) -> Iterator[None]:
    """Points this process (and its children) at the bus for the duration."""
    previous = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = previous

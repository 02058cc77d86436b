"""A real X server (Xvfb) with a system tray host (trayer), for the tray and screenshots."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator


class MissingTool(RuntimeError):
    pass


@contextlib.contextmanager
def xvfb(width: int = 1280, height: int = 800, tray: bool = True) -> Iterator[str]:
    """Yields the DISPLAY of a fresh Xvfb, with trayer docked at the top right if asked."""
    for tool in ("Xvfb", *(["trayer"] if tray else [])):
        if not shutil.which(tool):
            raise MissingTool(f"{tool} is missing: run scripts/test.sh, which installs it.")
    read, write = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
            # No reset when the last client leaves: a server resetting refuses the next
            # program that connects (a check of one program, then the app, in turn).
            "-noreset",
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        display = f":{pipe.readline().strip()}"
    host = None
    try:
        if tray:
            host = subprocess.Popen(
                [
                    "trayer",
                    "--edge",
                    "top",
                    "--align",
                    "right",
                    "--widthtype",
                    "pixel",
                    "--width",
                    "96",
                    "--height",
                    "26",
                    "--transparent",
                    "false",
                    "--tint",
                    "0x2b2b2b",
                    "--SetDockType",
                    "true",
                ],
                env={**os.environ, "DISPLAY": display},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(1.0)  # the tray selection must be owned before an app looks for it
        yield display
    finally:
        for process in (host, server):
            if process is not None:
                process.terminate()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=10)

"""Smoke test of the frozen Linux app: what a person's first minutes with it do.

--version; key set / key print against a real (private) Secret Service; test against the
stand-in of the plan; configure claude-code, then the real Claude Code reaching the stand-in
with the key from the frozen app's apiKeyHelper; the desktop app starting offscreen and
quitting cleanly. Reports the compressed size (target <= 70 MB) and the frozen start time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALTOOLS = ROOT / "tests" / "realtools" / "node_modules" / ".bin"


class SmokeFailure(AssertionError):
    pass


def check(condition: bool, what: str) -> None:
    if not condition:
        raise SmokeFailure(what)
    print(f"[smoke] ok: {what}", file=sys.stderr, flush=True)


def smoke_test(app: Path, archive: Path) -> None:
    from tests.fakes.plan_server import TEST_KEY, PlanServer
    from tests.fakes.secret_service import private_secret_service

    from codingplan import __version__

    home = Path(tempfile.mkdtemp(prefix="codingplan-smoke-"))
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XDG_", "CODINGPLAN_", "ANTHROPIC_"))
    }
    env = {
        **base,
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "CODINGPLAN_NO_ERROR_DIALOGS": "1",
    }

    def cli(*args: str, stdin: str = "", extra: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(app), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env={**env, **(extra or {})},
            timeout=120,
        )

    version = cli("--version")
    check(
        version.returncode == 0 and version.stdout.strip() == f"codingplan {__version__}",
        "--version",
    )

    with private_secret_service() as bus, PlanServer() as server:
        env["DBUS_SESSION_BUS_ADDRESS"] = bus
        check(cli("key", "set", stdin=TEST_KEY).returncode == 0, "key set into the Secret Service")
        printed = cli("key", "print")
        check(printed.stdout == TEST_KEY + "\n", "key print gives the key back")
        status = json.loads(cli("key", "status", "--json").stdout)
        check(status["backend"] == "Secret Service", "the frozen app found its keyring backend")

        tested = cli("test", "--json", "--origin", server.origin)
        check(
            tested.returncode == 0 and json.loads(tested.stdout)["ok"],
            "test against the plan stand-in",
        )

        configured = cli("configure", "claude-code", "--yes", "--origin", server.origin)
        check(configured.returncode == 0, "configure claude-code")
        settings = json.loads((home / ".claude" / "settings.json").read_text())
        check(str(app) in settings["apiKeyHelper"], "apiKeyHelper is the frozen app's key print")
        before = len(server.model_requests())
        claude = subprocess.run(
            [str(REALTOOLS / "claude"), "-p", "Reply with the single word: pong"],
            capture_output=True,
            text=True,
            timeout=180,
            cwd=home,
            env={**env, "PATH": f"{REALTOOLS}:{Path(sys.executable).parent}:{env['PATH']}"},
        )
        reached = server.model_requests()[before:]
        check(
            claude.returncode == 0 and bool(reached),
            "the real Claude Code answered through the stand-in",
        )
        check(all(r.key == TEST_KEY for r in reached), "with the key from the frozen apiKeyHelper")

    marker = home / "first-paint"
    cli("settings", "set", "setup-complete", "true")
    started = time.time()
    gui = cli(
        extra={"CODINGPLAN_QUIT_AFTER_MS": "2500", "CODINGPLAN_FIRST_PAINT_FILE": str(marker)}
    )
    check(
        gui.returncode == 0 and marker.exists(),
        "the desktop app starts offscreen and quits cleanly",
    )
    first_paint = float(marker.read_text()) - started
    log_file = home / ".local" / "state" / "codingplan" / "log" / "codingplan.log"
    log_text = log_file.read_text()
    check("Traceback" not in log_text and "ERROR" not in log_text, "its log has no errors")

    # A real X server with a tray host: the bundled xcb plugin loads and the icon docks.
    from tests.fakes.xserver import xvfb

    with xvfb(tray=True) as display:
        x11 = cli(
            "--tray",
            extra={
                "QT_QPA_PLATFORM": "xcb",
                "DISPLAY": display,
                "CODINGPLAN_QUIT_AFTER_MS": "3000",
            },
        )
    tail = log_file.read_text()[len(log_text) :]
    check(x11.returncode == 0 and "tray icon shown" in tail, "in an X server it lives in the tray")

    size = archive.stat().st_size / 2**20
    print(f"[smoke] compressed size: {size:.1f} MB (target <= 70 MB)", file=sys.stderr)
    print(
        f"[smoke] frozen start to the dashboard's first paint: {first_paint * 1000:.0f} ms",
        file=sys.stderr,
    )
    check(size <= 70, "compressed size within 70 MB")

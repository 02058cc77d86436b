"""Smoke test of the frozen Linux app: what a person's first minutes with it do.

--version; key set / key print against a real (private) Secret Service; test against the
stand-in of the plan; configure claude-code, then the real Claude Code reaching the stand-in
with the key from the frozen app's apiKeyHelper; the tarball's install.sh, configure and
uninstall.sh leaving Claude Code as it was; the desktop app starting offscreen and in an X
server with a tray. Reports the compressed size (target <= 70 MB) and the frozen start time.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALTOOLS = ROOT / "tests" / "realtools" / "node_modules" / ".bin"


class SmokeFailure(AssertionError):
    pass


def missing_for_smoke() -> list[str]:
    """What the smoke test of this OS needs and does not find (scripts/test.sh installs it)."""
    if sys.platform != "linux":
        return []
    missing = [] if (REALTOOLS / "claude").exists() else ["the real Claude Code (tests/realtools)"]
    tools = ("dbus-daemon", "gnome-keyring-daemon", "Xvfb", "trayer")
    return missing + [tool for tool in tools if not shutil.which(tool)]


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
        launcher = home / ".local" / "share" / "codingplan" / "bin" / "codingplan"
        check(
            settings["apiKeyHelper"] == f"{launcher} key print"
            and str(app) in launcher.read_text(),
            "apiKeyHelper is the launcher, which starts the frozen app",
        )
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
        install_configure_uninstall(archive, server, {**base, "DBUS_SESSION_BUS_ADDRESS": bus})

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

    with tarfile.open(archive) as tar:
        names = {Path(n).relative_to(Path(n).parts[0]).as_posix() for n in tar.getnames()}
    check(
        {"LICENSE", "THIRD_PARTY_NOTICES.md", "codingplan/_internal/licenses/LGPL-3.0-only.txt"}
        <= names,
        "the tarball holds the license and the third-party notices",
    )

    size = archive.stat().st_size / 2**20
    print(f"[smoke] compressed size: {size:.1f} MB (target <= 70 MB)", file=sys.stderr)
    print(
        f"[smoke] frozen start to the dashboard's first paint: {first_paint * 1000:.0f} ms",
        file=sys.stderr,
    )
    check(size <= 70, "compressed size within 70 MB")


def install_configure_uninstall(archive: Path, server, base: dict[str, str]) -> None:
    """The tarball's install.sh, configure claude-code over the person's own settings, then
    uninstall.sh --all: Claude Code is left as it was, and starts with its earlier settings."""
    from tests.fakes.plan_server import TEST_KEY

    home = Path(tempfile.mkdtemp(prefix="codingplan-uninstall-"))
    unpacked = home / "download"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="tar")
    (folder,) = unpacked.iterdir()
    env = {**base, "HOME": str(home), "CODINGPLAN_ORIGIN": server.origin}
    env["PATH"] = f"{REALTOOLS}:{Path(sys.executable).parent}:{env['PATH']}"

    def run(*cmd: str | Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(c) for c in cmd],
            env=env,
            cwd=home,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=180,
        )

    settings = home / ".claude" / "settings.json"
    settings.parent.mkdir()
    earlier = {
        "ANTHROPIC_BASE_URL": f"{server.origin}/apps/anthropic",
        "ANTHROPIC_AUTH_TOKEN": TEST_KEY,
        "ANTHROPIC_MODEL": "qwen3-coder-plus",
    }
    settings.write_text(json.dumps({"env": earlier, "permissions": {"allow": []}}, indent=2))
    (home / ".claude.json").write_text('{"hasCompletedOnboarding": true}\n')
    original = settings.read_bytes()

    check(run(folder / "install.sh").returncode == 0, "install.sh installs for this person")
    installed = home / ".local" / "bin" / "codingplan"
    check(run(installed, "configure", "claude-code", "--yes").returncode == 0, "configure again")
    asked = run(REALTOOLS / "claude", "-p", "Reply with the single word: pong")
    check(asked.returncode == 0, "Claude Code gets the key from the installed app")
    removed = run(folder / "uninstall.sh", "--all")
    check(
        removed.returncode == 0 and "Reverted Claude Code." in removed.stdout,
        "uninstall.sh --all reverts Claude Code first",
    )
    check(settings.read_bytes() == original, "Claude Code's settings are as they were")
    check(not (home / ".local" / "opt" / "codingplan").exists(), "the app is gone")
    after = run(REALTOOLS / "claude", "-p", "Reply with the single word: pong")
    check(
        after.returncode == 0 and "pong" in after.stdout and "apiKeyHelper" not in after.stderr,
        "Claude Code starts with its earlier settings after the uninstall",
    )


# --- macOS and Windows: the installed app's basics ---------------------------------------------


def basic_checks(app: Path, env: dict[str, str]) -> None:
    """What runs anywhere without a keyring prompt or a display: the version, settings kept
    between runs, the quota estimate, the desktop app starting offscreen and quitting."""
    from codingplan import __version__

    def cli(*args: str, extra: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(app), *args],
            capture_output=True,
            text=True,
            env={**env, **(extra or {})},
            stdin=subprocess.DEVNULL,
            timeout=120,
        )

    version = cli("--version")
    check(version.stdout.strip() == f"codingplan {__version__}", "--version")
    check(cli("settings", "set", "tier", "pro").returncode == 0, "settings set")
    shown = json.loads(cli("settings", "show", "--json").stdout)
    check(shown["settings"]["tier"] == "pro", "settings kept between runs")
    usage = cli("usage", "--json")
    check(usage.returncode == 0 and json.loads(usage.stdout)["ok"], "usage --json")
    cli("settings", "set", "setup-complete", "true")
    marker = Path(tempfile.mkdtemp(prefix="codingplan-paint-")) / "first-paint"
    extra = {
        "QT_QPA_PLATFORM": "offscreen",
        "CODINGPLAN_QUIT_AFTER_MS": "3000",
        "CODINGPLAN_FIRST_PAINT_FILE": str(marker),
        "CODINGPLAN_NO_ERROR_DIALOGS": "1",
    }
    gui = cli(extra=extra)
    check(gui.returncode == 0 and marker.exists(), "the desktop app starts and quits cleanly")


def smoke_dmg(dmg: Path) -> None:
    from codingplan import APP_NAME

    mount = Path(tempfile.mkdtemp(prefix="codingplan-dmg-"))
    attach = ["hdiutil", "attach", "-nobrowse", "-readonly", "-mountpoint", str(mount), str(dmg)]
    subprocess.run(attach, check=True, capture_output=True)
    try:
        bundle = mount / f"{APP_NAME}.app"
        check(any(bundle.rglob("THIRD_PARTY_NOTICES.md")), "the app holds the notices")
        home = Path(tempfile.mkdtemp(prefix="codingplan-smoke-"))
        basic_checks(
            bundle / "Contents" / "MacOS" / "codingplan", {**os.environ, "HOME": str(home)}
        )
    finally:
        subprocess.run(["hdiutil", "detach", str(mount)], check=False, capture_output=True)


def smoke_setup(setup: Path) -> None:
    """Install silently into a folder of its own, check the app, then uninstall: the
    uninstaller reverts the tools the app set up first (yes, when nobody can be asked)."""
    folder = Path(tempfile.mkdtemp(prefix="codingplan-setup-")) / "app"
    profile = Path(tempfile.mkdtemp(prefix="codingplan-profile-"))
    env = {**os.environ, "USERPROFILE": str(profile), "HOME": str(profile)}
    quiet = ["/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"]
    subprocess.run([str(setup), *quiet, "/CURRENTUSER", f"/DIR={folder}"], check=True, env=env)
    app = folder / "codingplan.exe"
    check(app.exists() and (folder / "THIRD_PARTY_NOTICES.md").exists(), "setup installs")
    basic_checks(app, env)

    settings = profile / ".claude" / "settings.json"
    configure = [str(app), "configure", "claude-code", "--yes"]
    configured = subprocess.run(configure, env=env, capture_output=True, text=True, timeout=120)
    check(configured.returncode == 0 and settings.exists(), "configure claude-code")
    # The uninstaller hands over to a copy of itself and returns at once: wait for the files.
    subprocess.run([str(folder / "unins000.exe"), *quiet], check=True, env=env)
    deadline = time.monotonic() + 180
    while app.exists() and time.monotonic() < deadline:
        time.sleep(1)
    check(not app.exists(), "the uninstaller removes the app")
    check(not settings.exists(), "the uninstaller reverted Claude Code first")

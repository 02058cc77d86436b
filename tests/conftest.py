"""Shared fixtures. Every test runs with its own HOME; the whole run uses a private D-Bus
session with its own unlocked GNOME Keyring, so no test can touch a person's real keyring.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from codingplan import integrations
from tests.fakes.plan_server import TEST_KEY, PlanServer
from tests.fakes.secret_service import MissingTool, private_secret_service, session_env

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
# Variables from the person's environment that would change what the app or tools do: these,
# and every variable a coding tool reads (each integration declares its own).
LEAKY_ENV = (
    "CODINGPLAN_ORIGIN",
    "CODINGPLAN_CONSOLE_ORIGIN",
    "BAILIAN_CONFIG_DIR",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_STATE_HOME",
    "XDG_CACHE_HOME",
    "XDG_RUNTIME_DIR",
    "PYTHON_KEYRING_BACKEND",
    *(name for i in integrations.INTEGRATIONS for name in i.environment),
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that runs the real tools is marked so by the fixture it uses, so that
    ``-m "not realtools"`` leaves out every one of them, marked by hand or not."""
    for item in items:
        if "realtool_env" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.realtools)


@pytest.fixture(scope="session", autouse=True)
def catalogues() -> None:
    """The compiled Chinese catalogue the app loads, built when it is missing or older than
    its source (scripts/test.sh builds it too; a plain ``pytest`` run may come first)."""
    folder = REPO / "resources" / "translations"
    for ts in folder.glob("*.ts"):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            script = REPO / "scripts" / "translations.py"
            subprocess.run([sys.executable, str(script), "build"], check=True)
            return


@pytest.fixture(scope="session", autouse=True)
def secret_service() -> Iterator[str]:
    """The private Secret Service every test (and every CLI subprocess) talks to. It is
    Linux's: on macOS and Windows the tests that need it are deselected (-m)."""
    if sys.platform != "linux":
        yield ""
        return
    try:
        with private_secret_service() as address, session_env(address):
            yield address
    except MissingTool as exc:
        pytest.exit(str(exc), 2)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh HOME per test, with nothing from the person's environment leaking in."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    if sys.platform == "win32":  # platformdirs asks the shell, unless told otherwise
        monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", str(home / "AppData" / "Local"))
        monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", str(home / "AppData" / "Roaming"))
    for name in LEAKY_ENV:
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def plan_server() -> Iterator[PlanServer]:
    with PlanServer() as server:
        yield server


@pytest.fixture
def stored_key() -> Iterator[str]:
    """The fake server's key, stored in the (private) keyring for the test."""
    from codingplan import keystore

    keystore.set_key(TEST_KEY)
    yield TEST_KEY
    keystore.delete_key()


def codingplan_command() -> list[str]:
    """The installed console script if there is one (it is what people run), else -m."""
    script = Path(sys.executable).with_name("codingplan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "codingplan"]


@pytest.fixture
def cli():
    """Runs ``codingplan`` in a subprocess with the test's environment."""

    def run(
        *args: str,
        input: str | None = None,
        env: dict[str, str | None] | None = None,
        timeout: float = 60,
    ) -> subprocess.CompletedProcess[str]:
        """``env`` adds variables to the test's environment; a None value removes one."""
        full_env = {**os.environ, **(env or {})}
        full_env = {k: v for k, v in full_env.items() if v is not None}
        return subprocess.run(
            [*codingplan_command(), *args],
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            env=full_env,
            timeout=timeout,
        )

    return run


REALTOOLS_BIN = REPO / "tests" / "realtools" / "node_modules" / ".bin"


def realtool(name: str) -> Path:
    """A real coding tool installed from the npm registry by scripts/test.sh."""
    path = REALTOOLS_BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed: run scripts/test.sh, which installs the real tools.")
    return path


@pytest.fixture
def realtool_env(home: Path) -> Iterator[dict[str, str]]:
    """The environment the real tools run in: the test's HOME, Node.js 22 from the venv.

    Cline's "hub" daemon, which outlives a run, listens on a port of its own per test: the
    usual 127.0.0.1:25463 may belong to the Cline of the person running the tests (or of a
    test run beside this one). Afterwards, whatever the tools left running for this HOME goes."""
    venv_bin = Path(sys.executable).parent
    yield {
        **os.environ,
        "PATH": f"{REALTOOLS_BIN}:{venv_bin}:{os.environ.get('PATH', '')}",
        "CLINE_HUB_PORT": str(free_port()),
    }
    stop_processes_of(home)


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_processes_of(home: Path) -> None:
    """Terminate the processes whose HOME is ``home`` (left behind by a tool under test)."""
    marker = f"HOME={home}".encode() + b"\0"
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            if marker in (proc / "environ").read_bytes():
                os.kill(int(proc.name), signal.SIGTERM)
        except (OSError, ProcessLookupError):
            continue


@pytest.fixture
def releases(monkeypatch):
    """A stand-in of GitHub's releases API on loopback, which the update check asks."""
    from codingplan import updates
    from tests.fakes.releases_server import ReleasesServer

    with ReleasesServer() as server:
        monkeypatch.setenv(updates.ORIGIN_VARIABLE, server.origin)
        yield server

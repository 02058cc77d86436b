"""Fixtures for configuring the real coding tools against the fake plan."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REALTOOLS_BIN
from tests.fakes.plan_server import TEST_KEY, PlanServer

# Words that would mean the tool showed a login screen, an auth dialog or did not know the
# model, instead of just answering.
FORBIDDEN_OUTPUT = (
    "Not logged in",
    "/login",
    "Select login method",
    "No auth type",
    "/auth",
    "doesn't recognize the model",
    "unrecognized_model",
    "apiKeyHelper failed",
)


@pytest.fixture
def tools_env(home: Path, plan_server: PlanServer, realtool_env: dict[str, str]) -> dict[str, str]:
    """What ``codingplan`` and the tools run with: the fake's origin, the real tools on PATH
    (``realtool_env`` also stops what the tools leave running)."""
    ours = {k: realtool_env[k] for k in ("PATH", "CLINE_HUB_PORT")}
    return {"CODINGPLAN_ORIGIN": plan_server.origin, **ours}


@pytest.fixture
def run_tool(home: Path, tools_env: dict[str, str]):
    """Runs a real tool headless in an empty folder, as a person would."""

    def run(*argv: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
        workdir = home / "work"
        workdir.mkdir(exist_ok=True)
        return subprocess.run(
            [str(REALTOOLS_BIN / argv[0]), *argv[1:]],
            cwd=workdir,
            env={**os.environ, **tools_env},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    return run


@pytest.fixture
def keyring_key(stored_key: str) -> Iterator[str]:
    yield stored_key


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    """The tool answered, with no login screen, auth dialog or unknown-model warning."""
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for word in FORBIDDEN_OUTPUT:
        assert word not in output, (word, output)


def assert_no_key(*texts: str) -> None:
    for text in texts:
        assert TEST_KEY not in text

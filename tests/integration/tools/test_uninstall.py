"""Uninstalling on Linux never breaks a coding tool: the tarball's own install.sh and
uninstall.sh, run in the test's HOME, around a real configure of the real Claude Code.

The installed app is a stand-in for the frozen one (a script that starts this checkout's
`codingplan`): the scripts and the commands they run are the real ones. `packaging/build.py
--smoke` runs the same path with the frozen build.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from codingplan import launcher as app_launcher
from codingplan import paths
from tests.conftest import REPO, codingplan_command
from tests.fakes.plan_server import TEST_KEY

pytestmark = pytest.mark.secret_service


@pytest.fixture
def tarball(tmp_path: Path) -> Path:
    """An unpacked Linux tarball whose app is a stand-in that runs this checkout."""
    stage = tmp_path / "codingplan-linux"
    app = stage / "codingplan" / "codingplan"
    app.parent.mkdir(parents=True)
    app.write_text(
        "#!/bin/sh\nexec " + " ".join(f"'{a}'" for a in codingplan_command()) + ' "$@"\n'
    )
    app.chmod(0o755)
    shutil.copy2(REPO / "resources" / "linux" / "codingplan.desktop", stage)
    (stage / "codingplan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(REPO / "packaging" / "linux" / script, stage)
    return stage


def sh(script: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(script), *args],
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def earlier_claude_settings(home: Path, origin: str) -> bytes:
    """Claude Code as its owner set it up by hand before trying this app."""
    settings = home / ".claude" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(
        json.dumps(
            {
                "env": {
                    "ANTHROPIC_BASE_URL": origin + "/apps/anthropic",
                    "ANTHROPIC_AUTH_TOKEN": TEST_KEY,
                    "ANTHROPIC_MODEL": "glm-5",
                },
                "permissions": {"allow": ["Bash(ls)"]},
            },
            indent=2,
        )
    )
    (home / ".claude.json").write_text('{"hasCompletedOnboarding": true}\n')
    return settings.read_bytes()


def configure_installed(home: Path, env: dict[str, str]) -> None:
    configured = sh(
        home / ".local" / "bin" / "codingplan", "configure", "claude-code", "--yes", env=env
    )
    assert configured.returncode == 0, configured.stderr
    helper = json.loads((home / ".claude" / "settings.json").read_text())["apiKeyHelper"]
    assert helper == app_launcher.key_print_command()


@pytest.mark.realtools
def test_uninstall_reverts_the_tools_first_and_claude_code_starts_as_before(
    tarball, home, tools_env, run_tool, plan_server, stored_key
):
    original = earlier_claude_settings(home, plan_server.origin)
    installed = sh(tarball / "install.sh", env=tools_env)
    assert installed.returncode == 0, installed.stderr
    configure_installed(home, tools_env)

    removed = sh(tarball / "uninstall.sh", "--all", env=tools_env)  # no terminal: yes, revert
    assert removed.returncode == 0, removed.stderr
    assert "claude-code" in removed.stdout and "Reverted Claude Code." in removed.stdout
    assert (home / ".claude" / "settings.json").read_bytes() == original
    assert not (home / ".local" / "opt" / "codingplan").exists()
    assert not (home / ".local" / "bin" / "codingplan").exists()
    assert not paths.data_dir().exists() and not paths.config_dir().exists()

    result = run_tool("claude", "-p", "Reply with the single word: pong")
    # (Claude Code warns about the model its owner set by hand: that is theirs to fix.)
    assert result.returncode == 0 and "pong" in result.stdout, result.stderr
    assert "apiKeyHelper" not in result.stdout + result.stderr
    assert {(r.key, r.model) for r in plan_server.model_requests()} == {(TEST_KEY, "glm-5")}


def test_keeping_the_tools_keeps_what_they_need(tarball, home, plan_server, stored_key):
    env = {"CODINGPLAN_ORIGIN": plan_server.origin}
    earlier_claude_settings(home, plan_server.origin)
    assert sh(tarball / "install.sh", env=env).returncode == 0
    configure_installed(home, env)
    backups = sorted(p.relative_to(paths.data_dir()) for p in paths.data_dir().rglob("*"))

    removed = sh(tarball / "uninstall.sh", "--all", "--keep-tools", env=env)
    assert removed.returncode == 0, removed.stderr
    assert "They stay set up" in removed.stdout
    assert not (home / ".local" / "opt" / "codingplan").exists()
    assert not paths.config_dir().exists()  # the settings went, as --all asks
    kept = sorted(p.relative_to(paths.data_dir()) for p in paths.data_dir().rglob("*"))
    assert kept == [p for p in backups if p.parts[0] in ("tools", "backups", "bin")]
    assert Path("tools/claude-code.json") in kept and app_launcher.launcher_path().exists()


def test_a_revert_that_fails_stops_the_uninstall(tarball, home, plan_server, stored_key):
    env = {"CODINGPLAN_ORIGIN": plan_server.origin}
    earlier_claude_settings(home, plan_server.origin)
    assert sh(tarball / "install.sh", env=env).returncode == 0
    configure_installed(home, env)
    record = paths.data_dir() / "tools" / "claude-code.json"
    record.write_text("{damaged")

    removed = sh(tarball / "uninstall.sh", "--yes", env=env)
    assert removed.returncode == 1
    assert "nothing was removed" in removed.stderr
    assert (home / ".local" / "opt" / "codingplan" / "codingplan").exists()
    assert record.read_text() == "{damaged"


def test_configured_lists_what_revert_all_undoes(cli, home, plan_server, stored_key):
    env = {"CODINGPLAN_ORIGIN": plan_server.origin}
    assert cli("configured", "--json").stdout.strip() == '{"ok": true, "tools": []}'
    for tool in ("claude-code", "qwen-code"):
        assert cli("configure", tool, "--yes", env=env).returncode == 0
    listed = json.loads(cli("configured", "--json").stdout)
    assert [t["id"] for t in listed["tools"]] == ["claude-code", "qwen-code"]
    assert str(home / ".claude" / "settings.json") in listed["tools"][0]["files"]

    unasked = cli("revert", "--all")  # no terminal, no --yes: nothing changes
    assert unasked.returncode == 2 and "--yes" in unasked.stderr
    reverted = json.loads(cli("revert", "--all", "--yes", "--json").stdout)
    assert reverted == {"ok": True, "reverted": ["claude-code", "qwen-code"], "errors": {}}
    assert cli("configured").stdout == ""
    assert not (home / ".claude" / "settings.json").exists()

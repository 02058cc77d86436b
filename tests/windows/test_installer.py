"""The Windows setup built from packaging/windows/installer.iss, installed, upgraded and
uninstalled silently (as a person's `setup.exe /VERYSILENT /CURRENTUSER` or winget would) in a
throwaway Wine prefix, with a stand-in of the frozen app that records how it is run.

Each check is a function that raises AssertionError, so that the last tests can show that
the same checks fail on a deliberately broken script."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.windows.conftest import NEW, OLD, compile_version
from tests.windows.wine import (
    APP_EXE,
    ISS,
    PREPARE_TO_INSTALL_FAILED,
    RUN_KEY,
    RUN_VALUE,
    UNINSTALL_KEY,
    CompileError,
    Prefix,
)

TOOLS = "claude-code  Claude Code|cline  Cline"
# What a person's data folder holds (%LOCALAPPDATA%\codingplan).
DATA = {
    "settings.json": '{"tier": "pro"}',
    "usage.sqlite3": "ledger",
    "Logs/codingplan.log": "log",
    "tools/claude-code.json": "record",
    "backups/claude-code/settings.json": "before",
    "bin/codingplan.cmd": "launcher",
}


def seed_data(prefix: Prefix) -> None:
    for name, text in DATA.items():
        (prefix.data / name).parent.mkdir(parents=True, exist_ok=True)
        (prefix.data / name).write_text(text)


def data_left(prefix: Prefix) -> set[str]:
    return {name for name in DATA if (prefix.data / name).exists()}


def check_installed(prefix: Prefix, version: str, build: str, startup: bool) -> None:
    for name in (APP_EXE, "codingplan.exe", "LICENSE.txt", "THIRD_PARTY_NOTICES.md"):
        assert (prefix.app / name).is_file(), f"{name} not installed"
    assert (prefix.app / "unins000.exe").is_file()
    version_line = prefix.output(prefix.app / "codingplan.exe", "--version")
    assert version_line.strip() == f"codingplan {build}"
    assert prefix.start_menu.is_file(), "no Start menu entry"
    assert APP_EXE.encode("utf-16-le") in prefix.start_menu.read_bytes()
    entry = prefix.registry(UNINSTALL_KEY)
    assert entry is not None, "no uninstall entry"
    assert entry["DisplayName"] == "Coding Plan Configurator"
    assert entry["DisplayVersion"] == version
    assert entry["UninstallString"].endswith('unins000.exe"')
    assert entry["InstallLocation"].rstrip("\\").endswith(r"Programs\Coding Plan Configurator")
    run = prefix.registry(RUN_KEY) or {}
    if startup:
        assert run.get(RUN_VALUE, "").endswith(rf'\Coding Plan Configurator\{APP_EXE}" --tray')
    else:
        assert RUN_VALUE not in run


def check_removed(prefix: Prefix) -> None:
    assert not prefix.app.exists(), f"left behind: {sorted(p.name for p in prefix.app.iterdir())}"
    assert not prefix.start_menu.exists()
    assert prefix.registry(UNINSTALL_KEY) is None
    assert RUN_VALUE not in (prefix.registry(RUN_KEY) or {})


def check_not_uninstalled(prefix: Prefix) -> None:
    assert (prefix.app / APP_EXE).is_file()
    assert prefix.registry(UNINSTALL_KEY) is not None
    assert data_left(prefix) == set(DATA)


def run_app(prefix: Prefix, program: Path) -> subprocess.Popen[bytes]:
    """Starts the windowed stand-in and waits until it holds the app's mutex."""
    process = prefix.start(program, "--tray")
    deadline = time.monotonic() + 60
    while not any(call[1:2] == ["--tray"] for call in prefix.calls()):
        assert time.monotonic() < deadline, "the stand-in app did not start"
        time.sleep(0.2)
    return process


def ended(process: subprocess.Popen[bytes], seconds: float = 30) -> bool:
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return False
    return True


def check_upgrade_closes_app(prefix: Prefix, setups: dict[str, Path]) -> None:
    assert prefix.install(setups[OLD], "/TASKS=startup") == 0
    running = run_app(prefix, prefix.app / APP_EXE)
    assert prefix.install(setups[NEW]) == 0
    assert ended(running), "the running app was not closed"
    check_installed(prefix, NEW, "2", startup=True)  # the tasks chosen before are kept
    assert (prefix.app / "_internal" / "fresh-2.txt").is_file()
    assert not (prefix.app / "_internal" / "stale-1.txt").exists(), "an old library stayed"


def check_uninstall_reverts_and_keeps_data(prefix: Prefix, setups: dict[str, Path]) -> None:
    assert prefix.install(setups[OLD], "/TASKS=startup") == 0
    seed_data(prefix)
    assert prefix.uninstall(CODINGPLAN_STANDIN_TOOLS=TOOLS) == 0
    assert prefix.cli_calls() == ["configured", "revert --all --yes"]  # never key clear
    check_removed(prefix)
    # The key (never cleared above), settings and history stay; the launcher no tool runs goes.
    assert data_left(prefix) == set(DATA) - {"bin/codingplan.cmd"}


# --- installing -------------------------------------------------------------------------------


def test_a_silent_per_user_install(prefix, setups):
    assert prefix.install(setups[OLD]) == 0
    check_installed(prefix, OLD, "1", startup=False)
    assert "Administrative install mode: No" in (prefix.root / "setup.log").read_text("utf-8-sig")
    assert prefix.cli_calls() == []  # installing runs nothing of the app's when silent


def test_start_at_login_is_an_option(prefix, setups):
    assert prefix.install(setups[OLD], "/TASKS=startup") == 0
    check_installed(prefix, OLD, "1", startup=True)


# --- upgrading --------------------------------------------------------------------------------


def test_an_upgrade_closes_the_running_app_and_replaces_its_files(prefix, setups):
    check_upgrade_closes_app(prefix, setups)


def test_an_upgrade_over_an_app_that_is_not_running(prefix, setups):
    assert prefix.install(setups[OLD]) == 0
    assert prefix.install(setups[NEW]) == 0
    check_installed(prefix, NEW, "2", startup=False)


def test_an_upgrade_stops_while_the_app_cannot_be_closed(prefix, setups, tmp_path):
    """Something else holding the app's mutex cannot be ended by name: the setup says so and
    changes nothing."""
    assert prefix.install(setups[OLD]) == 0
    holder = tmp_path / "holder.exe"
    shutil.copy2(prefix.app / APP_EXE, holder)
    running = run_app(prefix, holder)
    try:
        code = subprocess.run(
            ["wine", str(setups[NEW]), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/CURRENTUSER"],
            env=prefix.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=300,
        ).returncode
        assert code == PREPARE_TO_INSTALL_FAILED
        assert running.poll() is None
    finally:
        running.kill()
        prefix.kill()
    check_installed(prefix, OLD, "1", startup=False)


# --- uninstalling -----------------------------------------------------------------------------


def test_uninstall_reverts_the_tools_and_keeps_key_settings_and_history(prefix, setups):
    check_uninstall_reverts_and_keeps_data(prefix, setups)


def test_uninstall_with_no_tool_set_up_reverts_nothing(prefix, setups):
    assert prefix.install(setups[OLD]) == 0
    seed_data(prefix)
    assert prefix.uninstall() == 0
    assert prefix.cli_calls() == ["configured"]
    check_removed(prefix)
    assert data_left(prefix) == set(DATA) - {"bin/codingplan.cmd"}


def test_uninstall_removedata_clears_the_key_and_removes_everything(prefix, setups):
    assert prefix.install(setups[OLD]) == 0
    seed_data(prefix)
    assert prefix.uninstall("/REMOVEDATA", CODINGPLAN_STANDIN_TOOLS=TOOLS) == 0
    assert prefix.cli_calls() == ["configured", "revert --all --yes", "key clear --yes"]
    check_removed(prefix)
    assert not prefix.data.exists()


def test_uninstall_keeptools_keeps_everything_the_tools_need(prefix, setups):
    assert prefix.install(setups[OLD]) == 0
    seed_data(prefix)
    assert prefix.uninstall("/KEEPTOOLS", CODINGPLAN_STANDIN_TOOLS=TOOLS) == 0
    assert prefix.cli_calls() == ["configured"]
    check_removed(prefix)
    assert data_left(prefix) == set(DATA)  # the launcher too: the tools still run it


def test_uninstall_keeptools_removedata_keeps_only_what_revert_needs(prefix, setups):
    assert prefix.install(setups[OLD]) == 0
    seed_data(prefix)
    assert prefix.uninstall("/KEEPTOOLS", "/REMOVEDATA", CODINGPLAN_STANDIN_TOOLS=TOOLS) == 0
    assert prefix.cli_calls() == ["configured"]  # the key stays for the tools still set up
    check_removed(prefix)
    assert data_left(prefix) == {
        "tools/claude-code.json",
        "backups/claude-code/settings.json",
        "bin/codingplan.cmd",
    }


@pytest.mark.parametrize(
    ("failing", "calls"),
    [("configured", ["configured"]), ("revert", ["configured", "revert --all --yes"])],
)
def test_uninstall_removes_nothing_when_the_tools_cannot_be_listed_or_reverted(
    prefix, setups, failing, calls
):
    assert prefix.install(setups[OLD]) == 0
    seed_data(prefix)
    prefix.uninstall(CODINGPLAN_STANDIN_TOOLS=TOOLS, CODINGPLAN_STANDIN_FAIL=failing)
    assert prefix.cli_calls() == calls
    check_not_uninstalled(prefix)


def test_uninstall_closes_the_running_app_first(prefix, setups):
    assert prefix.install(setups[OLD]) == 0
    running = run_app(prefix, prefix.app / APP_EXE)
    assert prefix.uninstall() == 0
    assert ended(running), "the running app was not closed"
    check_removed(prefix)


def test_uninstall_stops_while_the_app_cannot_be_closed(prefix, setups, tmp_path):
    assert prefix.install(setups[OLD]) == 0
    seed_data(prefix)
    holder = tmp_path / "holder.exe"
    shutil.copy2(prefix.app / APP_EXE, holder)
    running = run_app(prefix, holder)
    try:
        subprocess.run(
            ["wine", str(prefix.app / "unins000.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES"],
            env=prefix.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=300,
        )
        deadline = time.monotonic() + 30  # the uninstaller's second phase runs on its own
        while "configured" not in prefix.cli_calls() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert prefix.cli_calls() == []
    finally:
        running.kill()
        prefix.kill()
    check_not_uninstalled(prefix)


def test_uninstall_when_the_app_is_already_gone(prefix, setups):
    assert prefix.install(setups[OLD]) == 0
    (prefix.app / "codingplan.exe").unlink()
    assert prefix.uninstall() == 0
    assert prefix.cli_calls() == []
    check_removed(prefix)


# --- the checks catch a broken script ---------------------------------------------------------

BREAKAGES = {
    "no revert before uninstalling": ("'revert --all --yes'", "'--version'"),
    "the running app not closed": (
        "if not CloseRunningApp() then\n    Result := StillRunningMessage();",
        "if False then\n    Result := StillRunningMessage();",
    ),
    "no start-at-login entry": ('ValueName: "CodingPlanConfigurator"', 'ValueName: "Other"'),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_the_checks_fail_on_a_broken_script(prefix, workshop, tmp_path, breakage):
    old, new = BREAKAGES[breakage]
    text = ISS.read_text("utf-8")
    assert text.count(old) == 1
    broken = ISS.with_name(
        f"broken-{tmp_path.name}.iss"
    )  # beside it: the script's paths are relative
    broken.write_text(text.replace(old, new), "utf-8")
    try:
        setups = {
            version: compile_version(workshop, version, broken, tmp_path / "setups")
            for version in (OLD, NEW)
        }
    finally:
        broken.unlink()
    check = {
        "no revert before uninstalling": check_uninstall_reverts_and_keeps_data,
        "the running app not closed": check_upgrade_closes_app,
        "no start-at-login entry": lambda p, s: (
            p.install(s[OLD], "/TASKS=startup"),
            check_installed(p, OLD, "1", startup=True),
        ),
    }[breakage]
    with pytest.raises(AssertionError):
        check(prefix, setups)


def test_a_pascal_line_starting_with_a_hash_does_not_compile(workshop, tmp_path):
    """The preprocessor reads such a line as one of its directives: the compile fails, and the
    build says so instead of going on without a setup."""
    text = ISS.read_text("utf-8").replace("' + CRLF + CRLF +\n", "' +\n          #13#10 +\n", 1)
    broken = ISS.with_name(f"broken-{tmp_path.name}.iss")
    broken.write_text(text, "utf-8")
    try:
        with pytest.raises(CompileError, match="Unknown preprocessor directive"):
            compile_version(workshop, OLD, broken, tmp_path / "setups")
    finally:
        broken.unlink()

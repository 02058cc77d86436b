"""Wine prefixes for the Windows installer's checks: compile installer.iss with Inno Setup's
compiler (from the npm registry), build the stand-in app with MinGW-w64, run setups and
uninstallers, and read what they left (files, shortcuts, the registry)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from pathlib import Path

from tests.conftest import REPO

ISS = REPO / "packaging" / "windows" / "installer.iss"
INNO = REPO / "packaging" / "windows" / "inno" / "node_modules" / "innosetup" / "bin"
STANDIN = Path(__file__).with_name("standin.c")
APP_NAME = "Coding Plan Configurator"
APP_EXE = f"{APP_NAME}.exe"
UNINSTALL_KEY = (
    r"Software\Microsoft\Windows\CurrentVersion\Uninstall"
    r"\{6E0C5B3A-2B7C-4F3D-9C1E-4B7A2E5D8F10}_is1"
)
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "CodingPlanConfigurator"
# Exit codes of Inno Setup's setups (its documentation, "Setup Exit Codes").
PREPARE_TO_INSTALL_FAILED = 7


def wine_env(prefix: Path, display: str) -> dict[str, str]:
    return {
        **os.environ,
        "WINEPREFIX": str(prefix),
        "WINEDEBUG": "-all",
        # No Gecko or Mono download offers, no menu entries written into the test's HOME.
        "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d",
        "DISPLAY": display,
    }


def windows_path(path: Path) -> str:
    """A Linux path as the Windows programs see it (Wine maps / to drive Z:)."""
    return "Z:" + str(path).replace("/", "\\")


class CompileError(RuntimeError):
    pass


def compile_setup(
    iss: Path, env: dict[str, str], source: Path, icon: Path, out: Path, version: str
) -> Path:
    """The setup .exe that Inno Setup's compiler makes of ``iss`` with the real layout.

    ISCC.exe is run itself: the npm package's `innosetup-compiler` wrapper exits 0 even when
    the compile fails."""
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            "wine",
            str(INNO / "ISCC.exe"),
            "/Q",
            f"/DAppVersion={version}",
            f"/DSourceDir={windows_path(source)}",
            f"/DOutputDir={windows_path(out)}",
            f"/DIconFile={windows_path(icon)}",
            f"/DRepoDir={windows_path(REPO)}",
            windows_path(iss),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    setup = out / f"CodingPlanConfigurator-{version}-windows-x64-setup.exe"
    if done.returncode != 0 or not setup.is_file():
        raise CompileError(f"ISCC exited {done.returncode}: {done.stdout}{done.stderr}")
    return setup


def build_standins(folder: Path, build: str) -> None:
    """The two executables of the frozen app, as stand-ins that say which ``build`` they are."""
    folder.mkdir(parents=True, exist_ok=True)
    gcc = "x86_64-w64-mingw32-gcc"
    common = [gcc, "-O2", "-s", f'-DSTANDIN_BUILD="{build}"', str(STANDIN)]
    subprocess.run([*common, "-o", str(folder / "codingplan.exe")], check=True)
    subprocess.run([*common, "-mwindows", "-DWINDOWED", "-o", str(folder / APP_EXE)], check=True)


class Prefix:
    """One throwaway Wine prefix (a copy of a prefix made once per run)."""

    def __init__(self, root: Path, display: str, log: Path) -> None:
        self.root = root
        self.log = log
        self.env = {**wine_env(root, display), "CODINGPLAN_STANDIN_LOG": windows_path(log)}
        users = [p for p in (root / "drive_c" / "users").iterdir() if p.name != "Public"]
        (self.user,) = (p for p in users if not p.is_symlink())
        local = self.user / "AppData" / "Local"
        self.app = local / "Programs" / APP_NAME
        self.data = local / "codingplan"
        self.start_menu = (
            self.user / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs" / f"{APP_NAME}.lnk"
        )

    def run(self, program: Path, *args: str, **env: str) -> int:
        """Runs a Windows program to its end and waits for Wine to write its registry."""
        done = subprocess.run(
            ["wine", str(program), *args],
            env={**self.env, **env},
            # Not pipes: Wine's own services started by this run would hold them open.
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=300,
        )
        self.settle()
        return done.returncode

    def output(self, program: Path, *args: str) -> str:
        """What a console program printed (through a file, for the reason above)."""
        out = self.root / "output.txt"
        with out.open("wb") as handle:
            subprocess.run(
                ["wine", str(program), *args],
                env=self.env,
                stdout=handle,
                stderr=subprocess.DEVNULL,
                timeout=300,
            )
        return out.read_text(errors="replace")

    def start(self, program: Path, *args: str) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            ["wine", str(program), *args],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return process

    def settle(self, seconds: float = 30) -> None:
        """Waits until no program runs in the prefix and the registry is on disk. A program
        left running (an app a broken setup did not close) only shortens the wait: what it
        left undone is for the checks to find."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            subprocess.run(["wineserver", "-w"], env=self.env, timeout=seconds, check=False)

    def install(self, setup: Path, *args: str) -> int:
        return self.run(
            setup,
            "/VERYSILENT",
            "/SUPPRESSMSGBOXES",
            "/CURRENTUSER",
            "/NORESTART",
            f"/LOG={windows_path(self.root / 'setup.log')}",
            *args,
        )

    def uninstall(self, *args: str, **env: str) -> int:
        return self.run(
            self.app / "unins000.exe",
            "/VERYSILENT",
            "/SUPPRESSMSGBOXES",
            "/NORESTART",
            f"/LOG={windows_path(self.root / 'uninstall.log')}",
            *args,
            **env,
        )

    def calls(self) -> list[list[str]]:
        """The stand-in's runs, in order: [build, arguments…, "=> code"]."""
        if not self.log.exists():
            return []
        return [line.split("\t") for line in self.log.read_text().splitlines()]

    def cli_calls(self) -> list[str]:
        """The command lines the installer ran codingplan.exe with (not the checks' own
        ``--version``, nor the windowed app started with ``--tray``)."""
        return [
            " ".join(call[1:-1])
            for call in self.calls()
            if call[1:2] != ["--tray"] and call[1:2] != ["--version"]
        ]

    def registry(self, key: str) -> dict[str, str] | None:
        """The string values of an HKEY_CURRENT_USER key, None if it does not exist."""
        text = (self.root / "user.reg").read_text(encoding="utf-8", errors="replace")
        header = "[" + key.replace("\\", "\\\\") + "]"
        values: dict[str, str] | None = None
        for line in text.splitlines():
            if line.startswith("["):
                if values is not None:
                    break
                if line.split("] ")[0] + "]" == header or line == header:
                    values = {}
            elif values is not None:
                found = re.match(r'^"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"$', line)
                if found:
                    values[_unescape(found.group(1))] = _unescape(found.group(2))
        return values

    def kill(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env, timeout=60, check=False)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def make_base_prefix(root: Path, display: str) -> None:
    """A fresh 64-bit prefix, made once and copied for each check (making one takes ~10 s)."""
    env = wine_env(root, display)
    subprocess.run(["wineboot", "--init"], env=env, capture_output=True, timeout=300, check=True)
    subprocess.run(["wineserver", "-w"], env=env, timeout=300, check=True)


def copy_prefix(base: Path, target: Path) -> None:
    """A copy of ``base`` in an instant: Wine 8 puts 1.3 GB of DLLs in a prefix, which no
    setup changes, so they are hard links; the registry files Wine rewrites are copies."""

    def link_or_copy(source: str, dest: str) -> None:
        if source.endswith(".reg"):
            shutil.copy2(source, dest)
        else:
            os.link(source, dest)

    shutil.copytree(base, target, symlinks=True, copy_function=link_or_copy)

"""The set-up steps scripts/windows-installer.sh adds: Wine's 32-bit half (the i386
architecture first, once) and package lists one of which cannot be fetched.

dpkg, dpkg-query and apt-get are stand-ins first on PATH that record what they are asked."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Debian's set-up steps")

DPKG = r"""#!/bin/bash
echo "dpkg $*" >> "$STATE/calls"
case "$1" in
  --print-foreign-architectures) cat "$STATE/arches" 2>/dev/null ;;
  --add-architecture) echo "$2" >> "$STATE/arches" ;;
esac
"""
DPKG_QUERY = r"""#!/bin/bash
# dpkg-query -W -f=FORMAT PKG: installed ones from $STATE/installed, in the format's shape.
pkg="${!#}"
if grep -qxF "$pkg" "$STATE/installed"; then
  case "$2" in *Package*) printf 'ii |%s\n' "${pkg%%:*}" ;; *) printf 'ii ' ;; esac
else
  echo "dpkg-query: no packages found matching $pkg" >&2; exit 1
fi
"""
APT_GET = r"""#!/bin/bash
echo "apt-get $*" >> "$STATE/calls"
if [ "$1" = update ] && [ -e "$STATE/stale-list" ]; then
  echo "E: Failed to fetch .../binary-i386/Packages.xz  File has unexpected size" >&2
  exit 100
fi
if [ "$1" = install ] && [ -e "$STATE/mismatched" ] && [[ " $* " != *" -t "* ]]; then
  echo "E: Error, pkgProblemResolver::Resolve generated breaks" >&2
  exit 100
fi
if [ "$1" = install ]; then
  for arg in "$@"; do
    case "$arg" in -*|install) ;; *) echo "$arg" >> "$STATE/installed" ;; esac
  done
fi
"""


@pytest.fixture
def machine(tmp_path: Path) -> dict[str, str]:
    bin_dir, state = tmp_path / "bin", tmp_path / "state"
    bin_dir.mkdir()
    state.mkdir()
    (state / "installed").write_text("")
    for name, text in (("dpkg", DPKG), ("dpkg-query", DPKG_QUERY), ("apt-get", APT_GET)):
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "STATE": str(state)}


def run(machine: dict[str, str], command: str) -> subprocess.CompletedProcess[str]:
    script = f'source {shlex.quote(str(REPO / "scripts/common.sh"))}; as_root() {{ "$@"; }}; '
    return subprocess.run(
        ["bash", "-c", script + command], env=machine, capture_output=True, text=True, timeout=60
    )


def calls(machine: dict[str, str]) -> list[str]:
    path = Path(machine["STATE"]) / "calls"
    return path.read_text().splitlines() if path.exists() else []


def test_wine_adds_the_i386_architecture_once_then_installs_its_halves_together(machine):
    first = run(machine, "ensure_wine")
    assert first.returncode == 0, first.stderr
    assert "Installing system packages: wine wine64 wine32:i386" in first.stderr
    made = calls(machine)
    assert "dpkg --add-architecture i386" in made
    assert made.index("dpkg --add-architecture i386") < made.index("apt-get update -qq")
    assert made[-1].startswith("apt-get install") and made[-1].endswith("wine wine64 wine32:i386")

    again = run(machine, "ensure_wine")
    assert (again.returncode, again.stderr) == (0, "")
    assert calls(machine) == made  # installed: nothing asked again


def test_the_architecture_is_not_added_twice(machine):
    (Path(machine["STATE"]) / "arches").write_text("i386\n")
    assert run(machine, "ensure_wine").returncode == 0
    assert not any("--add-architecture" in call for call in calls(machine))


def test_a_package_list_that_cannot_be_fetched_does_not_stop_the_install(machine):
    (Path(machine["STATE"]) / "stale-list").write_text("")
    done = run(machine, "ensure_packages wine gcc-mingw-w64-x86-64")
    assert done.returncode == 0, done.stderr
    assert "Some package lists could not be updated" in done.stderr
    assert calls(machine)[-1].endswith("wine gcc-mingw-w64-x86-64")


def test_wine_comes_from_the_release_suite_when_the_i386_security_list_lags(machine):
    state = Path(machine["STATE"])
    (state / "stale-list").write_text("")
    (state / "mismatched").write_text("")  # 32- and 64-bit libraries offered at other versions
    suite = next(
        line.split("=", 1)[1].strip('"')
        for line in Path("/etc/os-release").read_text().splitlines()
        if line.startswith("VERSION_CODENAME=")
    )
    installed = state / "installed"
    installed.write_text("wine\n")  # wine64 is missing too, beside wine32
    done = run(machine, "ensure_wine")
    assert done.returncode == 0, done.stderr
    assert f"Installing wine64 wine32:i386 again, from the {suite} suite alone" in done.stderr
    last = calls(machine)[-1]
    assert f" -t {suite} " in last and last.endswith(
        "wine64 wine32:i386 libgstreamer-plugins-base1.0-0 libgstreamer-plugins-base1.0-0:i386"
    )
    assert {"wine64", "wine32:i386"} <= set(installed.read_text().split())

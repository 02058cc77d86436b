"""The README's two commands on a machine that lacks some of their system packages.

``dpkg-query`` and ``apt-get`` are stand-ins first on PATH: the dpkg-query one behaves like the
real one for a package it has never heard of (exits 1 and says "no packages found matching"),
the apt-get one records its arguments and "installs" by adding to the stand-in's list, so a
second run can see what the first installed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or shutil.which("bash") is None,
    reason="the set-up scripts are for Debian and Ubuntu",
)

DPKG_QUERY = r"""#!/bin/bash
# A stand-in of dpkg-query -W -f=FORMAT PKG...: "ii |PKG" for each package in $STATE/installed,
# like the real one for a package it has never heard of for the others.
shift 2
rc=0
for pkg in "$@"; do
  if grep -qxF "$pkg" "$STATE/installed"; then
    printf 'ii |%s\n' "$pkg"
  else
    echo "dpkg-query: no packages found matching $pkg" >&2
    rc=1
  fi
done
exit $rc
"""

APT_GET = r"""#!/bin/bash
# A stand-in of apt-get: records its arguments; "install" adds the packages to the list, or
# fails when $STATE/broken names the package.
echo "$*" >> "$STATE/apt-get.log"
if [ "$1" = install ]; then
  for arg in "$@"; do
    case "$arg" in -*|install) continue ;; esac
    if grep -qxF "$arg" "$STATE/broken" 2>/dev/null; then
      echo "E: Unable to locate package $arg" >&2
      exit 100
    fi
    echo "$arg" >> "$STATE/installed"
  done
fi
"""

SUDO = """#!/bin/bash
exec "$@"
"""


@pytest.fixture
def machine(tmp_path: Path) -> dict[str, str]:
    """An environment whose dpkg-query, apt-get and sudo are the stand-ins."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in (("dpkg-query", DPKG_QUERY), ("apt-get", APT_GET), ("sudo", SUDO)):
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    state = tmp_path / "state"
    state.mkdir()
    (state / "installed").write_text("")
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "STATE": str(state)}


def installed(machine: dict[str, str], *packages: str) -> None:
    with open(Path(machine["STATE"]) / "installed", "a") as f:
        f.writelines(f"{p}\n" for p in packages)


def apt_calls(machine: dict[str, str]) -> list[list[str]]:
    log = Path(machine["STATE"]) / "apt-get.log"
    return [line.split() for line in log.read_text().splitlines()] if log.exists() else []


def ensure_packages(machine: dict[str, str], *packages: str) -> subprocess.CompletedProcess:
    script = f"source {shlex.quote(str(REPO / 'scripts/common.sh'))}; ensure_packages "
    return subprocess.run(
        ["bash", "-c", script + shlex.join(packages)],
        env=machine,
        capture_output=True,
        text=True,
        timeout=60,
    )


def runtime_packages() -> list[str]:
    script = f"source {shlex.quote(str(REPO / 'scripts/common.sh'))}; "
    listing = subprocess.run(
        ["bash", "-c", script + 'printf "%s\\n" "${RUNTIME_PACKAGES[@]}"'],
        capture_output=True,
        text=True,
        check=True,
    )
    return listing.stdout.split()


def test_only_the_missing_packages_are_installed_and_said(machine):
    installed(machine, "python3", "libegl1")
    result = ensure_packages(machine, "python3", "cowsay", "libegl1", "fonts-noto-cjk")
    assert result.returncode == 0, result.stderr
    assert "Installing system packages: cowsay fonts-noto-cjk" in result.stderr
    calls = apt_calls(machine)
    assert calls[0][0] == "update"
    installs = [c for c in calls if c[0] == "install"]
    assert len(installs) == 1
    assert [a for a in installs[0][1:] if not a.startswith("-")] == ["cowsay", "fonts-noto-cjk"]

    again = ensure_packages(machine, "python3", "cowsay", "libegl1", "fonts-noto-cjk")
    assert again.returncode == 0, again.stderr
    assert again.stderr == ""
    assert apt_calls(machine) == calls  # the second run asked apt-get for nothing


def test_a_package_two_lists_need_is_named_and_installed_once(machine):
    result = ensure_packages(machine, "gnome-keyring", "xvfb", "gnome-keyring")
    assert result.returncode == 0, result.stderr
    assert "Installing system packages: gnome-keyring xvfb\n" in result.stderr
    installs = [c for c in apt_calls(machine) if c[0] == "install"]
    assert [a for a in installs[0][1:] if not a.startswith("-")] == ["gnome-keyring", "xvfb"]


def test_nothing_missing_asks_apt_get_nothing(machine):
    installed(machine, "python3", "libegl1")
    result = ensure_packages(machine, "python3", "libegl1")
    assert (result.returncode, result.stderr) == (0, "")
    assert apt_calls(machine) == []


def test_a_failed_install_names_the_step_and_the_packages(machine):
    (Path(machine["STATE"]) / "broken").write_text("cowsay\n")
    result = ensure_packages(machine, "cowsay")
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Set-up stopped: could not install the system packages (cowsay)")


def test_start_sh_installs_exactly_the_two_missing_runtime_packages(machine):
    """The issue's case: a fresh machine where two runtime packages were never installed."""
    venv = Path(sys.prefix)
    if not list(venv.glob(".codingplan-installed-*")):
        pytest.skip("needs the venv that scripts/test.sh makes (start.sh would install into it)")
    packages = runtime_packages()
    missing = ["fonts-noto-cjk", "libxcb-icccm4"]
    assert set(missing) <= set(packages)
    installed(machine, *(p for p in packages if p not in missing))
    env = {**machine, "CODINGPLAN_VENV": str(venv), "PYTHON": sys.executable}

    def start() -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(REPO / "scripts/start.sh"), "--version"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    first = start()
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("codingplan ")
    installs = [c for c in apt_calls(machine) if c[0] == "install"]
    assert [sorted(a for a in c[1:] if not a.startswith("-")) for c in installs] == [missing]

    second = start()
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    assert len([c for c in apt_calls(machine) if c[0] == "install"]) == 1  # nothing more

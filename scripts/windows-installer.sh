#!/usr/bin/env bash
# Builds the Windows installer (packaging/windows/installer.iss) with Inno Setup under Wine and
# checks its install, upgrade and uninstall in throwaway Wine prefixes, with a stand-in of the
# frozen app built by MinGW-w64 (tests/windows/). Installs only what is missing: Wine (with its
# 32-bit half: Inno Setup's compiler and setups are 32-bit programs), MinGW-w64, Xvfb, and Inno
# Setup from the npm registry into packaging/windows/inno/node_modules. Extra arguments go to
# pytest, e.g.  scripts/windows-installer.sh -k upgrade
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

WINDOWS_PACKAGES=(gcc-mingw-w64-x86-64 xvfb xauth)
check_python
ensure_packages "${WINDOWS_PACKAGES[@]}"
ensure_wine
ensure_venv test,packaging

export PATH="$VENV/bin:$PATH"
inno="$REPO/packaging/windows/inno"
want="$(sha256sum < "$inno/package-lock.json" | cut -d" " -f1)"
if [ "$(cat "$inno/node_modules/.codingplan-installed" 2>/dev/null)" != "$want" ]; then
  echo "Installing Inno Setup, pinned in packaging/windows/inno/package-lock.json" >&2
  step "install Inno Setup" "npm ci in packaging/windows/inno" \
    npm --prefix "$inno" ci --no-audit --no-fund --loglevel=error >/dev/null
  echo "$want" > "$inno/node_modules/.codingplan-installed"
fi

cd "$REPO" || exit 1
CODINGPLAN_TEST_INSTALLER=1 exec "$VENV/bin/python" -m pytest tests/windows -p no:cacheprovider "$@"

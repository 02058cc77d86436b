#!/usr/bin/env bash
# Installs everything the tests need (system packages, Python packages, the real coding
# tools from the npm registry at pinned versions) and runs the whole suite.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/unit -x
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TEST_PACKAGES=(dbus-daemon gnome-keyring libsecret-tools xvfb xauth trayer)
ensure_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_venv test,packaging

# The real coding tools, at the versions in tests/realtools/package-lock.json, run by the
# Node.js that the test extra installs into the venv.
export PATH="$VENV/bin:$PATH"
(cd "$REPO/tests/realtools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

cd "$REPO"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
"$VENV/bin/mypy"
exec "$VENV/bin/python" -m pytest "$@"

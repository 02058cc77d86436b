#!/usr/bin/env bash
# Installs everything the tests need (system packages, Python packages, the real coding
# tools from the npm registry at pinned versions), runs the linters, then the whole suite.
# What is already installed is not installed again. Extra arguments go to pytest, e.g.
#   scripts/test.sh tests/unit -x
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# binutils: the Linux build strips its libraries; shellcheck: the shell scripts, and those
# in the workflows (actionlint runs it).
TEST_PACKAGES=(dbus-daemon gnome-keyring libsecret-tools xvfb xauth trayer binutils shellcheck faketime)
check_python
ensure_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_venv test,packaging

# The real coding tools, at the versions in tests/realtools/package-lock.json, run by the
# Node.js that the test extra installs into the venv; again only when the lock file changed.
export PATH="$VENV/bin:$PATH"
tools="$REPO/tests/realtools"
want="$(cat "$tools/package-lock.json" <(node --version) | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$tools/node_modules/.codingplan-installed" 2>/dev/null)" != "$want" ]; then
  echo "Installing the real coding tools pinned in tests/realtools/package-lock.json" >&2
  step "install the real coding tools" "npm ci in tests/realtools" \
    npm --prefix "$tools" ci --no-audit --no-fund --loglevel=error >/dev/null
  echo "$want" > "$tools/node_modules/.codingplan-installed"
fi

cd "$REPO" || exit 1
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
"$VENV/bin/mypy"
"$VENV/bin/actionlint" .github/workflows/*.yml
shellcheck -x scripts/*.sh packaging/linux/*.sh packaging/macos/*.sh .ci/run
# Two workers by default (most of a test's time is spent waiting on a real tool or a
# server); CODINGPLAN_TEST_WORKERS=0 runs the suite in this process, one test at a time.
exec "$VENV/bin/python" -m pytest -n "${CODINGPLAN_TEST_WORKERS:-2}" --dist worksteal "$@"

#!/usr/bin/env bash
# Installs what the app needs on a Debian or Ubuntu machine, then starts it. What is already
# installed is not installed again. Arguments go to the app: scripts/start.sh key status
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

check_python
ensure_packages "${RUNTIME_PACKAGES[@]}"
ensure_venv ""  # the app alone, no extras
exec "$VENV/bin/codingplan" "$@"

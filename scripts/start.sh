#!/usr/bin/env bash
# Installs what the app needs on a Debian or Ubuntu machine, then starts it.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_packages "${RUNTIME_PACKAGES[@]}"
ensure_venv
exec "$VENV/bin/codingplan" "$@"

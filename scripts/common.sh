# Shared steps of start.sh and test.sh: system packages, the virtual environment.
# shellcheck shell=bash
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${CODINGPLAN_VENV:-$REPO/.venv}"

# What Qt's xcb platform plugin needs, and a Secret Service to keep the key in.
RUNTIME_PACKAGES=(
  python3 python3-venv python3-pip
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
  libxcb-render-util0 libxcb-image0 libxcb-randr0 libegl1 libgl1 libfontconfig1 libdbus-1-3
  fonts-noto-cjk gnome-keyring dbus-x11
)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian/Ubuntu packages that are missing; other systems are told what is needed.
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    echo "Please install these packages (or your system's equivalents): ${missing[*]}" >&2
    return 0
  fi
  echo "Installing system packages: ${missing[*]}" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The project in a virtual environment, with versions pinned by constraints.txt.
ensure_venv() {
  local target="$REPO${1:+[$1]}"
  local python="${PYTHON:-python3}"
  if [ ! -x "$VENV/bin/python" ]; then
    "$python" -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
    "$python" -m venv "$VENV"
  fi
  pip_quietly install --upgrade pip
  pip_quietly install -c "$REPO/constraints.txt" -e "$target"
  "$VENV/bin/python" "$REPO/scripts/translations.py" build
}

# pip, without the notices some machines' pip configuration prints for every package.
pip_quietly() {
  "$VENV/bin/python" -m pip -q --disable-pip-version-check "$@" 2>&1 | { grep -v "is ignored: it is neither" || true; }
}

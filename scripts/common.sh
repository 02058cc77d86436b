# Shared steps of start.sh and test.sh: system packages, the virtual environment.
#
# Variables: PYTHON, the Python 3.11 or newer that makes the venv (default python3);
# CODINGPLAN_VENV, where the venv lives (default .venv in the checkout).
# shellcheck shell=bash
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${CODINGPLAN_VENV:-$REPO/.venv}"
PYTHON="${PYTHON:-python3}"

# What Qt's xcb platform plugin needs, and a Secret Service to keep the key in.
# shellcheck disable=SC2034  # used by the scripts that source this one
RUNTIME_PACKAGES=(
  python3 python3-venv python3-pip
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
  libxcb-render-util0 libxcb-image0 libxcb-randr0 libegl1 libgl1 libfontconfig1 libdbus-1-3
  fonts-noto-cjk gnome-keyring dbus-x11
)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Python 3.11 or newer, said before anything is installed (a missing python3 comes with the
# system packages, and is checked again before the venv is made).
check_python() {
  command -v "$PYTHON" >/dev/null 2>&1 || return 0
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "$("$PYTHON" --version 2>&1) is too old: the app needs Python 3.11 or newer." \
         "Install one and name it in PYTHON, such as: PYTHON=python3.11 $0" >&2
    exit 1
  fi
}

# Runs one set-up step. When it fails, says in one sentence which step and what it was
# about, instead of leaving set -e to end the script without a word.
#   step "install the system packages" "xvfb trayer" as_root apt-get install ...
step() {
  local what="$1" about="$2" rc=0
  shift 2
  "$@" || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "Set-up stopped: could not $what${about:+ ($about)}; '$*' exited with status $rc." >&2
    exit "$rc"
  fi
}

# The packages among "$@" that dpkg does not list as installed, one per line. dpkg-query
# exits 1 when any name is unknown to it (a package never installed on this machine), which
# is exactly the case this looks for: its listing is the answer, not its status.
missing_packages() {
  local installed pkg named=" "
  installed=" $( { dpkg-query -W -f='${db:Status-Abbrev}|${Package}\n' "$@" 2>/dev/null || true; } |
    sed -n 's/^ii *|//p' | tr '\n' ' ') "
  for pkg in "$@"; do
    [[ "$named" == *" $pkg "* ]] && continue  # a package two lists need is named once
    named+="$pkg "
    [[ "$installed" == *" $pkg "* ]] || echo "$pkg"
  done
}

# Installs the Debian/Ubuntu packages that are missing, and says which; other systems are
# told what is needed.
ensure_packages() {
  if ! command -v dpkg-query >/dev/null; then
    echo "Please make sure these packages (or your system's equivalents) are installed: $*" >&2
    return 0
  fi
  local missing=()
  mapfile -t missing < <(missing_packages "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    echo "Please install these packages (or your system's equivalents): ${missing[*]}" >&2
    return 0
  fi
  echo "Installing system packages: ${missing[*]}" >&2
  update_package_lists "${missing[*]}"
  step "install the system packages" "${missing[*]}" \
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# apt-get update. One list that cannot be fetched (a mirror in the middle of a sync) does not
# stop the install: apt says which, and the install then fails only if what it needs is missing.
update_package_lists() {
  if ! as_root apt-get update -qq; then
    echo "Some package lists could not be updated (see above); installing $1 from the lists there are." >&2
  fi
}

# Wine with its 32-bit half (Debian's wine32, of the i386 architecture): Inno Setup's compiler
# and the setups it makes are 32-bit programs, which wine64 alone cannot run. The three are
# installed in one step, so that apt chooses the 32- and 64-bit libraries together.
WINE_PACKAGES=(wine wine64 wine32:i386)
ensure_wine() {
  if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    echo "Please make sure Wine can run 32-bit programs (on Debian and Ubuntu: wine32:i386)." >&2
    return 0
  fi
  local missing=() pkg
  for pkg in "${WINE_PACKAGES[@]}"; do
    [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null)" = "ii " ] || missing+=("$pkg")
  done
  [ "${#missing[@]}" -gt 0 ] || return 0
  if ! dpkg --print-foreign-architectures | grep -qx i386; then
    echo "Adding the i386 architecture to dpkg, for wine32" >&2
    step "add the i386 architecture" "for wine32" as_root dpkg --add-architecture i386
  fi
  echo "Installing system packages: ${missing[*]}" >&2
  update_package_lists "${missing[*]}"
  local install=(as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends)
  "${install[@]}" "${missing[@]}" >/dev/null && return 0
  # A 32-bit library must be the same version as its 64-bit twin. Where the i386 list of the
  # security suite could not be fetched (a mirror mid-sync), the two are offered at different
  # versions and apt gives up: take them from the release's own suite, which has each library
  # at one version for both (apt needs wine's GStreamer library named to find its way there).
  local suite
  suite="$(sed -n 's/^VERSION_CODENAME=//p' /etc/os-release 2>/dev/null | tr -d '"')"
  if [ -z "$suite" ]; then  # no suite to name: the same install again, to say what failed
    step "install the system packages" "${missing[*]}" "${install[@]}" "${missing[@]}" >/dev/null
    return
  fi
  echo "Installing ${missing[*]} again, from the $suite suite alone" >&2
  step "install the system packages" "${missing[*]} from $suite" "${install[@]}" -t "$suite" \
    "${missing[@]}" libgstreamer-plugins-base1.0-0 libgstreamer-plugins-base1.0-0:i386 >/dev/null
}

# The project in a virtual environment, with versions pinned by constraints.txt. Installed
# again only when what the install depends on changed (a stamp of it is kept in the venv).
ensure_venv() {
  local extras="${1:-}"
  if [ ! -x "$VENV/bin/python" ]; then
    check_python
    "$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
    step "make the virtual environment" "$VENV" "$PYTHON" -m venv "$VENV"
  fi
  local stamp="$VENV/.codingplan-installed-${extras:-base}" want
  want="$(install_inputs)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] && ! base_covered "$extras" "$want"; then
    echo "Installing the app's Python packages${extras:+ with [$extras]} into $VENV" >&2
    step "upgrade pip" "in $VENV" pip_quietly install --upgrade pip
    step "install the app's Python packages" "${extras:-the app alone}" \
      pip_quietly install -c "$REPO/constraints.txt" -e "$REPO${extras:+[$extras]}"
    echo "$want" > "$stamp"
  fi
  build_translations
}

# A hash of what an install depends on: the checkout's place, the venv's Python, the package
# definition and the pinned versions.
install_inputs() {
  { echo "$REPO"; "$VENV/bin/python" --version
    cat "$REPO/pyproject.toml" "$REPO/constraints.txt" "$REPO/setup.py"; } | sha256sum | cut -d' ' -f1
}

# The app alone is installed by any install with extras made from the same inputs.
base_covered() {
  [ -z "$1" ] || return 1
  grep -qxF "$2" "$VENV"/.codingplan-installed-* 2>/dev/null
}

# The .qm catalogues the app loads, when one is missing or older than its .ts.
build_translations() {
  local ts
  for ts in "$REPO"/resources/translations/*.ts; do
    if [ ! "${ts%.ts}.qm" -nt "$ts" ]; then
      step "build the translations" "${ts##*/}" "$VENV/bin/python" "$REPO/scripts/translations.py" build
      return
    fi
  done
}

# pip, without the notices some machines' pip configuration prints for every package.
pip_quietly() {
  "$VENV/bin/python" -m pip -q --disable-pip-version-check "$@" 2>&1 | { grep -v "is ignored: it is neither" || true; }
}

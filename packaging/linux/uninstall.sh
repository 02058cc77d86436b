#!/bin/sh
# Removes what install.sh put in place, for the current user.
#
#   ./uninstall.sh [--all] [--yes | --keep-tools]
#
# First it lists the coding tools this app set up and offers to undo what it set there (yes by
# default; --yes undoes it unasked, --keep-tools leaves them), so that no tool is left pointing
# at a removed app. Your key (in the keyring), settings and usage history stay; --all removes
# them too, but never the records and backups of a tool still set up: 'codingplan revert'
# needs them once the app is installed again.
set -eu
usage() {
  sed -n '2,10s/^# \{0,1\}//p' "$0"
}
opt="$HOME/.local/opt/codingplan"
app="$opt/codingplan"
all=no
answer=""
for arg in "$@"; do
  case "$arg" in
    --help|-h) usage; exit 0 ;;
    --all) all=yes ;;
    --yes) answer=y ;;
    --keep-tools) answer=n ;;
    *) echo "uninstall.sh: there is no option '$arg'; the options are --all, --yes, --keep-tools and --help." >&2
       exit 2 ;;
  esac
done

# An XDG base folder as the app finds it: the variable when it holds an absolute path, else
# the default (the XDG spec says to ignore a relative one, and so does the app).
xdg() {
  case "$1" in
    /*) echo "$1" ;;
    "") echo "$HOME/$2" ;;
    *) echo "uninstall.sh: ignoring the relative path '$1' in $3, as the app does; using $HOME/$2." >&2
       echo "$HOME/$2" ;;
  esac
}
config="$(xdg "${XDG_CONFIG_HOME:-}" .config XDG_CONFIG_HOME)"
data="$(xdg "${XDG_DATA_HOME:-}" .local/share XDG_DATA_HOME)"
state="$(xdg "${XDG_STATE_HOME:-}" .local/state XDG_STATE_HOME)"

# The tools this app changed, one per line; nothing when the app is gone already.
configured() {
  [ -x "$app" ] || return 0
  "$app" configured || {
    echo "uninstall.sh: nothing was removed: the app could not list the tools it set up (see above)." >&2
    exit 1
  }
}

tools="$(configured)"
if [ -n "$tools" ]; then
  echo "Coding Plan Configurator set up these coding tools:"
  echo "$tools" | sed 's/^/  /'
  if [ -z "$answer" ]; then
    answer=y
    if [ -t 0 ]; then
      printf "Undo what it set there, before uninstalling (recommended)? [Y/n] "
      read -r answer || answer=y
    fi
  fi
  case "$answer" in
    [nN]*)
      echo "They stay set up: they cannot get the key from this app once it is removed." ;;
    *)
      "$app" revert --all --yes || {
        echo "uninstall.sh: nothing was removed, because a tool could not be reverted (see above)." \
             "Fix that and run this again, or keep the tools as they are with --keep-tools." >&2
        exit 1
      } ;;
  esac
  tools="$(configured)"
fi
if [ -z "$tools" ] && [ ! -x "$app" ] && [ -n "$(ls -A "$data/codingplan/tools" 2>/dev/null)" ]; then
  tools="(records of an earlier install)"  # the app is gone: keep what revert needs
fi

# The key goes with --all, through the app, or straight from the Secret Service when the app
# was uninstalled already. What could not be done is said at the end, never "Uninstalled.".
key_left=""
if [ "$all" = yes ]; then
  if [ -n "$tools" ]; then
    echo "The key stays in the keyring, for the tools still set up."
  else
    if [ -x "$app" ]; then
      "$app" key clear --yes || key_left=yes
    fi
    # Every other secret of the app's too (the console's AccessKey and sign-in). secret-tool
    # exits 1 without a word when there was none, and says why when the keyring failed.
    if command -v secret-tool >/dev/null 2>&1; then
      if ! failed="$(secret-tool clear service codingplan 2>&1 >/dev/null)" && [ -n "$failed" ]; then
        echo "$failed" >&2
        key_left=yes
      fi
    elif [ ! -x "$app" ]; then
      key_left=yes
    fi
  fi
fi

rm -rf "$opt"
rm -f "$HOME/.local/bin/codingplan" "$data/applications/codingplan.desktop" \
      "$data/icons/hicolor/256x256/apps/codingplan.png" "$config/autostart/codingplan.desktop"
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database "$data/applications" || true
fi

if [ -z "$tools" ]; then
  rm -rf "$data/codingplan/bin"  # the launcher the tools ran: none runs it now
fi
if [ "$all" = yes ]; then
  rm -rf "$config/codingplan" "$state/codingplan"
  if [ -z "$tools" ]; then
    rm -rf "$data/codingplan"
  elif [ -d "$data/codingplan" ]; then
    find "$data/codingplan" -mindepth 1 -maxdepth 1 ! -name tools ! -name backups ! -name bin \
      -exec rm -rf {} +
    echo "Kept $data/codingplan/tools, backups and bin: the tools still set up need them."
  fi
fi
if [ -n "$key_left" ]; then
  echo "uninstall.sh: everything else was removed, but the key may still be in the keyring:" \
       "remove it with 'secret-tool clear service codingplan'" \
       "(or your keyring's own app, where it is listed under 'codingplan')." >&2
  exit 1
fi
echo "Uninstalled."

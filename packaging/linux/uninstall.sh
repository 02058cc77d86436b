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
opt="$HOME/.local/opt/codingplan"
app="$opt/codingplan"
config="${XDG_CONFIG_HOME:-$HOME/.config}"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
state="${XDG_STATE_HOME:-$HOME/.local/state}"
all=no
answer=""
for arg in "$@"; do
  case "$arg" in
    --all) all=yes ;;
    --yes) answer=y ;;
    --keep-tools) answer=n ;;
    *) echo "uninstall.sh: there is no option '$arg'; the options are --all, --yes and --keep-tools." >&2
       exit 2 ;;
  esac
done

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

if [ "$all" = yes ] && [ -x "$app" ]; then
  if [ -z "$tools" ]; then
    "$app" key clear --yes || echo "The key could not be removed from the keyring (see above); 'secret-tool clear service codingplan username plan-key' removes it." >&2
  else
    echo "The key stays in the keyring, for the tools still set up."
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
echo "Uninstalled."

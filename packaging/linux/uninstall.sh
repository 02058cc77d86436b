#!/bin/sh
# Removes what install.sh put in place. Your key (in the keyring), settings and usage history
# stay; add --all to remove the settings and history too (the key: `codingplan key clear` first).
set -eu
data="${XDG_DATA_HOME:-$HOME/.local/share}"
rm -rf "$HOME/.local/opt/codingplan"
rm -f "$HOME/.local/bin/codingplan" "$data/applications/codingplan.desktop" \
      "$data/icons/hicolor/256x256/apps/codingplan.png" \
      "${XDG_CONFIG_HOME:-$HOME/.config}/autostart/codingplan.desktop"
if [ "${1:-}" = "--all" ]; then
  rm -rf "${XDG_CONFIG_HOME:-$HOME/.config}/codingplan" "$data/codingplan" "${XDG_STATE_HOME:-$HOME/.local/state}/codingplan"
fi
echo "Uninstalled."

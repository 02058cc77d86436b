#!/bin/sh
# Installs Coding Plan Configurator for the current user (no root needed):
#   the app in ~/.local/opt/codingplan, `codingplan` on PATH in ~/.local/bin,
#   a menu entry and its icon under ~/.local/share.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
# XDG_DATA_HOME as the app reads it: a relative path is ignored, as the XDG spec says.
case "${XDG_DATA_HOME:-}" in
  /*) data="$XDG_DATA_HOME" ;;
  *) data="$HOME/.local/share" ;;
esac
opt="$HOME/.local/opt/codingplan"
rm -rf "$opt"
mkdir -p "$opt" "$HOME/.local/bin" "$data/applications" "$data/icons/hicolor/256x256/apps"
cp -a "$here/codingplan/." "$opt/"
ln -sf "$opt/codingplan" "$HOME/.local/bin/codingplan"
sed "s|^Exec=codingplan|Exec=$opt/codingplan|" "$here/codingplan.desktop" > "$data/applications/codingplan.desktop"
cp "$here/codingplan.png" "$data/icons/hicolor/256x256/apps/codingplan.png"
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database "$data/applications" || true
fi
echo "Installed. Start it from your applications menu, or run: codingplan"
case ":${PATH:-}:" in
  *":$HOME/.local/bin:"*) ;;
  *) echo "Note: $HOME/.local/bin is not on your PATH, so 'codingplan' alone is not found" \
          "there. Add it (for bash: echo 'export PATH=\"\$HOME/.local/bin:\$PATH\"' >> ~/.bashrc," \
          "then open a new terminal), or run $HOME/.local/bin/codingplan." >&2 ;;
esac

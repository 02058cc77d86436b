#!/usr/bin/env bash
# The macOS disk image: the app and a link to /Applications to drag it onto, in a compressed,
# read-only image named after the app. Run by packaging/build.py on macOS:
#
#   packaging/macos/make_dmg.sh APP.app STAGE OUT.dmg VOLUME-NAME
#   packaging/macos/make_dmg.sh --stage-only APP.app STAGE   (the layout alone: any OS)
set -euo pipefail

stage_only=no
if [ "${1:-}" = --stage-only ]; then
  stage_only=yes
  shift
fi
if [ "$stage_only" = yes ] && [ $# -ne 2 ] || [ "$stage_only" = no ] && [ $# -ne 4 ]; then
  sed -n '5,6s/^# \{0,1\}//p' "$0" >&2
  exit 2
fi
app="$1" stage="$2"
[ -d "$app" ] || { echo "make_dmg.sh: $app is not an app bundle (a folder)." >&2; exit 1; }

rm -rf "$stage"
mkdir -p "$stage"
# ditto keeps what a signed bundle needs (symlinks, extended attributes); cp -R elsewhere.
if command -v ditto >/dev/null; then
  ditto "$app" "$stage/$(basename "$app")"
else
  cp -R "$app" "$stage/"
fi
ln -s /Applications "$stage/Applications"
[ "$stage_only" = yes ] && exit 0

dmg="$3" volume="$4"
rm -f "$dmg"
# hdiutil fails now and then with "Resource busy": a few tries, a pause between them.
for attempt in 1 2 3 4 5; do
  if hdiutil create -volname "$volume" -srcfolder "$stage" -ov -format UDZO "$dmg"; then
    exit 0
  fi
  [ "$attempt" -lt 5 ] && sleep 3
done
echo "make_dmg.sh: hdiutil could not make $dmg (see above)." >&2
exit 1

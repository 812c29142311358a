#!/usr/bin/env bash
# Run a command as on a newcomer's bare machine: no fonts installed at all (fontconfig gets a
# configuration that lists no font folder, so only the fonts the program bundles exist) and
# an empty home folder (no settings, keys, caches or user-installed Python packages).
# CI runs the test suite a second time this way: what passes only because the developer's
# machine has something installed by hand fails here, as it would for a newcomer.
# Usage: scripts/bare_machine.sh COMMAND [ARG...]
set -euo pipefail
folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT
mkdir -p "$folder/home"
cat >"$folder/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <cachedir>$folder/fontcache</cachedir>
</fontconfig>
CONF
export FONTCONFIG_FILE="$folder/fonts.conf"
export HOME="$folder/home"
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME XDG_DATA_DIRS XDG_CONFIG_DIRS
unset EXPERTSCORE_DATA_DIR EXPERTSCORE_SETTINGS_DIR EXPERTSCORE_HOME EXPERTSCORE_PASSPHRASE
export PYTHONNOUSERSITE=1
if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list)" ]; then
  echo "bare_machine: fontconfig still lists fonts" >&2
  exit 1
fi
"$@"

#!/usr/bin/env bash
# Check the built one-folder app: its self-test, its size and its cold start.
set -euo pipefail
cd "$(dirname "$0")/.."
app=dist/ExpertScore/ExpertScore
[ -x "$app" ] || { echo "no built app at $app (run: make app)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && "$OLDPWD/$app" --self-test)
echo "app folder size: $(du -sh dist/ExpertScore | cut -f1) (target under 250 MB)"
# Cold start to a rendered window, offscreen: the app opens a demo session and saves a PNG.
"$app" demo-batch --submissions 3 --experts 2 --seed 1 --out "$work/b.esbatch" >/dev/null
"$app" session create --batch "$work/b.esbatch" --expert E01 --out "$work/e01.esession" >/dev/null
start=$(date +%s%N)
QT_QPA_PLATFORM=offscreen EXPERTSCORE_SETTINGS_DIR="$work/settings" \
  "$app" "$work/e01.esession" --expert E01 --screenshot "$work/shot.png" 2>/dev/null
end=$(date +%s%N)
[ -s "$work/shot.png" ] || { echo "the app did not render its window" >&2; exit 1; }
echo "app cold start to a rendered window: $(( (end - start) / 1000000 )) ms"

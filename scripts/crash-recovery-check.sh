#!/usr/bin/env bash
# Kills the real editor mid-session (SIGKILL, no chance to clean up) after an unsaved edit, starts
# it again and takes a screenshot of the restore question. Exits 1 when no recovery file was left.
#   scripts/crash-recovery-check.sh [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/touchmap-recovery.png}
bash scripts/install-screenshot-tools.sh
cargo build --quiet
display=:$(( 90 + RANDOM % 100 ))
data=$(mktemp -d)
map="$data/map.json"
cp examples/online-store.json "$map"
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null || true; rm -rf "$data"' EXIT
sleep 1
export DISPLAY=$display XDG_DATA_HOME="$data" TOUCHMAP_DATA_DIR="$data/touchmap"
target/debug/touchmap "$map" &
app=$!
sleep 6
wid=$(xdotool search --name touchmap | head -1)
xdotool windowmove "$wid" 0 0 windowfocus --sync "$wid"
sleep 1
# An unsaved edit: add a touch point and name it.
xdotool mousemove 700 560 click --repeat 2 --delay 80 1
sleep 1
xdotool type --delay 40 "Crash test desk"
xdotool key Return
sleep 7
kill -9 "$app"
wait "$app" 2>/dev/null || true
if ! grep -q "Crash test desk" "$data/touchmap/recovery.json"; then
  echo "no recovery file after the kill" >&2
  exit 1
fi
grep -q "Crash test desk" "$map" && { echo "the map file itself was changed" >&2; exit 1; }
target/debug/touchmap "$map" &
app=$!
sleep 6
import -window root "$out"
kill "$app" 2>/dev/null || true
echo "recovery file found after SIGKILL; the map file is untouched; screenshot: $out"

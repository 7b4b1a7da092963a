#!/usr/bin/env bash
# Runs the real editor window under Xvfb on a map and saves a screenshot.
#   scripts/screenshot.sh [MAP] [OUT.png] [xdotool commands…]
#   SIZE=1280x720 scripts/screenshot.sh …   (the screen and window size; default 1600x1000)
# Extra arguments are passed to xdotool after the window is up (e.g. "key F1"), to show a mode;
# "::" starts another xdotool run.
set -euo pipefail
cd "$(dirname "$0")/.."
map=${1:-examples/online-store.json}
out=${2:-assets/screenshot.png}
shift $(( $# > 2 ? 2 : $# )) || true
bash scripts/install-screenshot-tools.sh
profile=${PROFILE:-release}
if [ "$profile" = release ]; then cargo build --release --quiet; else cargo build --quiet; fi
source scripts/xvfb-common.sh
data=$(mktemp -d)
size=${SIZE:-1600x1000}
app_pid=""
start_xvfb "$size"
trap 'kill $app_pid $xvfb_pid 2>/dev/null || true; rm -rf "$data"' EXIT
DISPLAY=$display XDG_DATA_HOME="$data" TOUCHMAP_DATA_DIR="$data/touchmap" target/$([ "$profile" = release ] && echo release || echo debug)/touchmap "$map" &
app_pid=$!
# Without a window manager nothing gives the window the keyboard focus: do it by hand.
wid=$(editor_window)
DISPLAY=$display xdotool windowmove "$wid" 0 0 windowsize "$wid" "${size%x*}" "${size#*x}" windowfocus --sync "$wid" || true
sleep 3
# "::" separates xdotool runs (xdotool's own "type" swallows every argument after it):
#   … type "path data" :: key Return sleep 2 :: type /tmp/journeys.csv :: key Return
if [ $# -gt 0 ]; then
  run=()
  for arg in "$@" "::"; do
    if [ "$arg" = "::" ]; then
      [ ${#run[@]} -gt 0 ] && DISPLAY=$display xdotool "${run[@]}"
      run=()
    else
      run+=("$arg")
    fi
  done
  sleep 1.5
fi
DISPLAY=$display import -window root "$out"
echo "saved $out"

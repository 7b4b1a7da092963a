#!/usr/bin/env bash
# Issue 24: "a typed character must never be lost". In the real editor window (Xvfb at 1280x720,
# the example map), select Live chat, open the inspector (F10), select its name, type a new one
# with xdotool and click the next field at once, save, and read the name back from the file. Four
# runs: 1, 5 and 15 ms between keys, clicking Owner, Score and Channel next. Slow frames (a
# software renderer takes about 90 ms) put the last characters and the click into one frame; see
# src/app/input_order.rs. Exit 1 when a name comes back short.
#   scripts/typing-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-screenshot-tools.sh
cargo build --release --quiet
source scripts/xvfb-common.sh
dir=$(mktemp -d)
app_pid=""
start_xvfb 1280x720
trap 'kill $app_pid $xvfb_pid 2>/dev/null || true; rm -rf "$dir"' EXIT
x() { DISPLAY=$display xdotool "$@"; }

# run DELAY TEXT NEXT_Y: prints the name the file holds afterwards.
run() {
  rm -rf "$dir/data"
  cp examples/online-store.json "$dir/map.json"
  DISPLAY=$display XDG_DATA_HOME="$dir/data" TOUCHMAP_DATA_DIR="$dir/data/touchmap" \
    target/release/touchmap "$dir/map.json" 2>/dev/null &
  app_pid=$!
  local wid
  wid=$(editor_window)
  sleep 8
  x windowmove "$wid" 0 0 windowsize "$wid" 1280 720 windowfocus --sync "$wid" 2>/dev/null || true
  sleep 2
  # Live chat's card, the inspector, its name field (all where the example puts them at 1280x720).
  x mousemove 300 260 click 1; sleep 0.5; x key F10; sleep 0.8
  x mousemove 1120 98 click 1; sleep 0.4; x key ctrl+a; sleep 0.3
  x type --delay "$1" "$2"; x mousemove 1120 "$3" click 1
  sleep 1; x key Escape; sleep 0.3; x key ctrl+s; sleep 1.5
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
  python3 -c "import json, sys; m = json.load(open(sys.argv[1])); print(next(t['name'] for t in m['touchpoints'] if t['id'] == 'live-chat'))" "$dir/map.json"
}

failed=0
check() {
  local got
  got=$(run "$1" "$2" "$3")
  if [ "$got" = "$2" ]; then echo "ok   $1 ms a key, then the field at y=$3: \"$got\""
  else echo "LOST $1 ms a key, then the field at y=$3: typed \"$2\", kept \"$got\""; failed=1; fi
}
check 1 "Live chat desk for returns" 254
check 5 "Live chat desk for returns" 254
check 15 "Live chat desk" 342
check 1 "Live chat desk, open 9 to 5" 210
exit $failed

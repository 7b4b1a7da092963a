#!/usr/bin/env bash
# The real editor window under Xvfb at 1280x720 on a 20,000-card map and on the 25-card example:
# resident memory (VmRSS) after the map is open, after ten edits (the toolbar's "Add a touch point",
# a name, Enter) and after undoing all ten; the peak (VmHWM). Issue 24's target: under 300 MB after
# the edits and undos on the big map (exit 1 when it is not). Frame times are in `cargo bench --
# editor_1280x720` (the whole editor, headless, idle frame and a key press). A screenshot after the
# edits goes to target/big-map-check-{small,big}.png.
#   scripts/big-map-check.sh [COUNT]     (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/xvfb-common.sh
big_and_small_maps "${1:-20000}"

rss() { awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
peak() { awk '/^VmHWM/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
# Waits until the process's CPU time stops growing (the map is read and analysed).
settle() {
  local before after
  before=$(awk '{print $14 + $15}' "/proc/$1/stat")
  for _ in $(seq 1 120); do
    sleep 1
    after=$(awk '{print $14 + $15}' "/proc/$1/stat")
    [ $((after - before)) -le 5 ] && return
    before=$after
  done
}

failed=0
for which in small big; do
  # A data folder of its own per run: no recovery copy of the other run's window to offer.
  DISPLAY=$display XDG_DATA_HOME="$dir/data-$which" TOUCHMAP_DATA_DIR="$dir/data-$which/touchmap" \
    target/release/touchmap "$dir/$which.json" &
  app_pid=$!
  wid=$(editor_window)
  settle "$app_pid"
  # Focused once the map is drawn (a window still being mapped refuses the focus).
  DISPLAY=$display xdotool windowmove "$wid" 0 0 windowsize "$wid" 1280 720 windowfocus --sync "$wid" 2>/dev/null || true
  settle "$app_pid"
  opened=$(rss "$app_pid")
  for n in $(seq 1 10); do
    # The toolbar's "Add a touch point" (second item after the menus at 1280 wide), a name, Enter.
    DISPLAY=$display xdotool mousemove 340 12 click 1
    sleep 0.5
    DISPLAY=$display xdotool type "Added $n"
    DISPLAY=$display xdotool key Return
    settle "$app_pid"
  done
  edited=$(rss "$app_pid")
  # The title carries "•" while the map differs from its file: the edits happened.
  title=$(DISPLAY=$display xdotool getwindowname "$wid")
  mkdir -p target && DISPLAY=$display import -window root "target/big-map-check-$which.png" 2>/dev/null || true
  case "$title" in *•*) ;; *) echo "$which map: the edits did not happen (title \"$title\")"; failed=1 ;; esac
  for _ in $(seq 1 10); do
    DISPLAY=$display xdotool key ctrl+z
    sleep 0.3
  done
  settle "$app_pid"
  undone=$(rss "$app_pid")
  echo "$which map: ${opened} MB open, ${edited} MB after 10 edits, ${undone} MB after undoing them, peak $(peak "$app_pid") MB"
  if [ "$which" = big ] && [ "$undone" -ge 300 ]; then failed=1; fi
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
done
exit $failed

# Sourced by the scripts that run the real editor window under Xvfb (screenshot.sh,
# big-map-check.sh, frame-times.sh): a display of its own and the editor's window on it.

# start_xvfb WIDTHxHEIGHT: starts an X server on a free-looking display number; sets $display and
# $xvfb_pid, and returns when the server answers (a loaded machine takes more than a second).
start_xvfb() {
  display=:$(( 90 + RANDOM % 100 ))
  Xvfb "$display" -screen 0 "${1}x24" -nolisten tcp &
  xvfb_pid=$!
  for _ in $(seq 1 40); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.25; done
}

# editor_window: waits up to 30 s for the editor's window on $display and prints its id.
editor_window() {
  for _ in $(seq 1 60); do
    DISPLAY=$display xdotool search --name touchmap >/dev/null 2>&1 && break
    sleep 0.5
  done
  DISPLAY=$display xdotool search --name touchmap | head -1
}

# big_and_small_maps COUNT: the window tools and a release build; a scratch folder $dir with a
# synthetic map of COUNT cards (big.json) and the 25-card example (small.json); an X server at
# 1280x720; and, on exit, the editor ($app_pid), the server and the folder gone.
big_and_small_maps() {
  bash scripts/install-screenshot-tools.sh
  cargo build --release --quiet
  dir=$(mktemp -d)
  target/release/touchmap new --synthetic "$1" -o "$dir/big.json" >/dev/null
  cp examples/online-store.json "$dir/small.json"
  app_pid=""
  start_xvfb 1280x720
  trap 'kill $app_pid $xvfb_pid 2>/dev/null || true; rm -rf "$dir"' EXIT
}

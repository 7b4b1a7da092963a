# Sourced by the scripts that run the real editor window under Xvfb (screenshot.sh,
# big-map-check.sh): a display of its own and the editor's window on it.

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

#!/usr/bin/env bash
# Installs what scripts/screenshot.sh needs (Debian/Ubuntu): a virtual X server, screenshot and
# input tools, and Chromium for screenshots of HTML exports. Run as root (or with sudo).
set -euo pipefail
need=()
command -v Xvfb >/dev/null || need+=(xvfb xauth)
command -v import >/dev/null && import -version 2>/dev/null | grep -q ImageMagick || need+=(imagemagick)
command -v xdotool >/dev/null || need+=(xdotool)
command -v xwininfo >/dev/null || need+=(x11-utils)
if [ "${WITH_CHROMIUM:-0}" = 1 ] && ! command -v chromium >/dev/null; then need+=(chromium); fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi

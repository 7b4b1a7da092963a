#!/usr/bin/env bash
# Saves onto a full disk (a 32 KB tmpfs; needs root) and checks that the save is refused with a
# clear message, the old file is intact and no temporary file is left. Not part of `cargo test`,
# which cannot mount file systems.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
mount_point=$(mktemp -d)
mount -t tmpfs -o size=32k tmpfs "$mount_point"
trap 'umount "$mount_point"; rmdir "$mount_point"' EXIT
cp examples/hotel.json "$mount_point/map.json"
target/debug/touchmap new --synthetic 300 -o "$mount_point/../touchmap-big.json" --force >/dev/null
if target/debug/touchmap fmt "$mount_point/../touchmap-big.json" -o "$mount_point/map.json" 2>"$mount_point/../touchmap-err.txt"; then
  echo "the save onto a full disk was not refused" >&2; exit 1
fi
grep -q "No space left" "$mount_point/../touchmap-err.txt"
cmp -s "$mount_point/map.json" examples/hotel.json || { echo "the old file was damaged" >&2; exit 1; }
[ "$(ls "$mount_point")" = "map.json" ] || { echo "leftovers: $(ls "$mount_point")" >&2; exit 1; }
echo "full disk: refused with '$(cat "$mount_point/../touchmap-err.txt")'; old file intact; nothing left behind"

#!/usr/bin/env bash
# Path data, side by side as whole processes on this machine (issue "Path data and attribution"):
#   1. attribution of 100,000 distinct paths: touchmap against channelattribution's markov_model
#      (Python, with pandas), and how far the peer's simulation is from touchmap's exact numbers;
#   2. 3,000,000 events (~120 MB) to attribution with touchmap, against DuckDB aggregating the same
#      file into paths (scripts/paths-duckdb.sql) and nothing more.
# Each run is timed by /usr/bin/time (wall seconds, peak resident memory); three runs each.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(bash scripts/install-peers.sh)
cargo build --release --quiet
work=${WORK:-$(mktemp -d)}
touchmap=${CARGO_TARGET_DIR:-target}/release/touchmap
[ -f "$work/paths-100k.csv" ] || "$python" scripts/paths_check.py generate-paths "$work/paths-100k.csv" 100000
[ -f "$work/events-3m.csv" ] || "$python" scripts/paths_check.py generate-events "$work/events-3m.csv" 3000000
cat > "$work/markov.py" <<'PY'
import sys
import pandas as pd
from ChannelAttribution import markov_model
frame = pd.read_csv(sys.argv[1], sep=";")
print(markov_model(frame, var_path="path", var_conv="total_conversions",
                   var_value="total_conversion_value", var_null="total_null",
                   order=1, sep=">", verbose=0).to_string())
PY
timed() {
    local label=$1; shift
    for run in 1 2 3; do
        /usr/bin/time -f "$label run $run: %e s wall, %M KiB peak" "$@" >/dev/null 2>>"$work/times.txt" || true
    done
}
: > "$work/times.txt"
timed "touchmap paths (100,000 paths)" "$touchmap" paths "$work/paths-100k.csv" --json
timed "channelattribution markov_model (100,000 paths)" "$python" "$work/markov.py" "$work/paths-100k.csv"
timed "touchmap paths (3,000,000 events)" "$touchmap" paths "$work/events-3m.csv" --json
timed "DuckDB aggregation only (3,000,000 events)" "$python" scripts/paths_check.py duckdb "$work/events-3m.csv" "$work/aggregated.csv"
grep -v "^\*\*\*\|^Version" "$work/times.txt" | grep "run"
"$python" scripts/paths_check.py compare "$touchmap" "$work/paths-100k.csv" 2>/dev/null | tail -1
"$python" scripts/paths_check.py compare "$touchmap" "$work/paths-100k.csv" 200 2>/dev/null | tail -1
echo "files kept in $work"

#!/usr/bin/env bash
# Runs scripts/paths-duckdb.sql with DuckDB's Python package on a generated events file and checks
# that touchmap attributes the aggregate exactly as it attributes the events themselves.
# SKIPPED (exit 0, saying so) when DuckDB cannot be installed on this machine.
#   scripts/paths-duckdb-check.sh [EVENTS]     (default 50,000 events)
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-50000}
if ! python=$(bash scripts/install-peers.sh 2>/tmp/touchmap-peers.log) \
    || ! "$python" -c "import duckdb" 2>/dev/null; then
    echo "SKIPPED paths-duckdb-check: DuckDB's Python package could not be installed (see /tmp/touchmap-peers.log)"
    exit 0
fi
cargo build --quiet
touchmap=${CARGO_TARGET_DIR:-target}/debug/touchmap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" scripts/paths_check.py generate-events "$work/events.csv" "$events"
"$python" scripts/paths_check.py duckdb "$work/events.csv" "$work/paths.csv"
"$python" scripts/paths_check.py same "$touchmap" "$work/events.csv" "$work/paths.csv"

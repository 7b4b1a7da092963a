#!/usr/bin/env bash
# Installs the peers touchmap is measured against, side by side, into a virtual
# environment of the project's own (target/peers, never the system Python):
# networkx + SciPy (the analysis), channelattribution + pandas (path
# attribution), DuckDB (event aggregation). Prints the Python to use.
# Usage: scripts/install-peers.sh   →   target/peers/bin/python
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/peers
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >&2
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip >&2
"$venv/bin/python" -m pip install --quiet networkx scipy numpy pandas matplotlib duckdb channelattribution >&2
echo "$venv/bin/python"

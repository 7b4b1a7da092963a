"""Path data at warehouse scale, checked and measured (issue "Path data and attribution").

  paths_check.py generate-events EVENTS.csv N      one row per event, N events, seeded
  paths_check.py generate-paths PATHS.csv N        N distinct paths, channelattribution's layout
  paths_check.py duckdb EVENTS.csv PATHS.csv       scripts/paths-duckdb.sql over EVENTS.csv
  paths_check.py same TOUCHMAP EVENTS.csv PATHS.csv
        touchmap's attribution of the events equals its attribution of DuckDB's aggregate
  paths_check.py channelattribution PATHS.csv      ChannelAttribution's markov_model (the peer)
  paths_check.py compare TOUCHMAP PATHS.csv [MAX_STEP]
        touchmap's exact removal effects against the peer's simulated ones

Needs the Python packages duckdb, pandas and channelattribution (scripts/install-peers.sh).
"""

import datetime
import json
import random
import subprocess
import sys
import time
from pathlib import Path

START = datetime.datetime(2026, 10, 1)
CHANNELS = [
    "instagram", "facebook", "google cpc", "google organic", "newsletter", "tiktok",
    "youtube", "affiliate", "direct", "bing", "pinterest", "podcast", "display",
    "referral", "sms", "push", "linkedin", "reddit", "tv", "radio",
]


def generate_events(out, n):
    """Journeys of 1–8 events over 12 channels; about 1 in 5 converts, some twice; times in
    ISO 8601, strictly increasing within a journey (no ties, so every reader orders alike)."""
    rng = random.Random(23)
    written = 0
    journey = 0
    with open(out, "w", newline="") as f:
        f.write("journey,timestamp,touchpoint,conversion,value\n")
        while written < n:
            journey += 1
            t = rng.randrange(0, 25 * 86400)
            for _ in range(rng.randint(1, 8)):
                if written >= n:
                    break
                t += rng.randint(60, 86400)
                step = CHANNELS[min(int(rng.expovariate(0.35)), 11)]
                converts = rng.random() < (0.12 if step in ("google cpc", "newsletter") else 0.05)
                value = f"{rng.randint(500, 20000) / 100:.2f}" if converts else ""
                stamp = (START + datetime.timedelta(seconds=t)).strftime("%Y-%m-%d %H:%M:%S")
                f.write(f"j{journey},{stamp},{step},{1 if converts else 0},{value}\n")
                written += 1


def generate_paths(out, n):
    """n distinct paths of 1–10 steps over 20 channels, with conversions and nulls."""
    rng = random.Random(7)
    seen = set()
    with open(out, "w", newline="") as f:
        f.write("path;total_conversions;total_conversion_value;total_null\n")
        while len(seen) < n:
            path = " > ".join(rng.choice(CHANNELS) for _ in range(rng.randint(1, 10)))
            if path in seen:
                continue
            seen.add(path)
            conversions = rng.choice([0, 0, 0, 1, 1, 2, 3])
            nulls = rng.randint(0, 6) if conversions else rng.randint(1, 9)
            f.write(f"{path};{conversions};{conversions * 49.9:.2f};{nulls}\n")


def duckdb_aggregate(events, out):
    import duckdb

    sql = (Path(__file__).parent / "paths-duckdb.sql").read_text()
    con = duckdb.connect()
    started = time.perf_counter()
    con.execute(f"CREATE VIEW events_input AS SELECT * FROM read_csv('{events}')")
    con.execute(sql.replace("'/dev/stdout'", f"'{out}'"))
    print(f"DuckDB aggregated {events} into {out} in {time.perf_counter() - started:.2f} s")


def attribution(touchmap, data):
    output = subprocess.run([touchmap, "paths", str(data), "--json"], check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output)


FIELDS = ["journeys", "removal_effect", "markov_conversions", "markov_value", "first_touch",
          "last_touch", "linear", "first_touch_value", "last_touch_value", "linear_value"]


def same(touchmap, events, paths):
    a, b = attribution(touchmap, events), attribution(touchmap, paths)
    problems = []
    for key in ["journeys", "conversions", "value"]:
        if abs(a[key] - b[key]) > 1e-6 * max(1.0, abs(a[key])):
            problems.append(f"{key}: events {a[key]} vs aggregate {b[key]}")
    steps_a = {s["name"]: s for s in a["steps"]}
    steps_b = {s["name"]: s for s in b["steps"]}
    if steps_a.keys() != steps_b.keys():
        problems.append(f"steps differ: {sorted(steps_a)} vs {sorted(steps_b)}")
    for name in steps_a.keys() & steps_b.keys():
        for field in FIELDS:
            x, y = steps_a[name][field], steps_b[name][field]
            if abs(x - y) > 1e-9 * max(1.0, abs(x)):
                problems.append(f"{name} {field}: events {x} vs aggregate {y}")
    if problems:
        print("DIFFERENT:\n  " + "\n  ".join(problems[:20]))
        sys.exit(1)
    print(f"same attribution from the events and from DuckDB's aggregate: {len(steps_a)} steps, "
          f"{a['journeys']:.0f} journeys, {a['conversions']:.0f} conversions, every field within 1e-9")


def channelattribution(paths, max_step=None):
    import pandas as pd
    from ChannelAttribution import markov_model

    frame = pd.read_csv(paths, sep=";")
    result = markov_model(frame, var_path="path", var_conv="total_conversions",
                          var_value="total_conversion_value", var_null="total_null",
                          order=1, sep=">", verbose=0, out_more=True, max_step=max_step)
    return frame, result


def compare(touchmap, paths, max_step=None):
    """Each channel's removal effect, touchmap's exact one against the peer's simulation. The
    peer cuts every simulated path at max_step (by default the longest path in the data), so
    journeys that loop longer count as lost: give a large max_step to see it converge."""
    ours = attribution(touchmap, paths)
    _, theirs = channelattribution(paths, max_step)
    removal = theirs["removal_effects"]
    by_name = {s["name"]: s for s in ours["steps"]}
    deviations = []
    for _, row in removal.iterrows():
        name = row["channel_name"].strip()
        mine = by_name[name]["removal_effect"]
        deviations.append((row["removal_effects_conversion"] - mine) / max(mine, 1e-12))
    mean = sum(deviations) / len(deviations)
    worst = max(abs(d) for d in deviations)
    print(f"{len(removal)} channels, max_step {max_step or 'the longest path'}: "
          f"channelattribution's simulated removal effects differ from touchmap's exact ones "
          f"by {mean * 100:+.1f}% on average, at most {worst * 100:.1f}%")


def main():
    command = sys.argv[1]
    if command == "generate-events":
        generate_events(sys.argv[2], int(sys.argv[3]))
    elif command == "generate-paths":
        generate_paths(sys.argv[2], int(sys.argv[3]))
    elif command == "duckdb":
        duckdb_aggregate(sys.argv[2], sys.argv[3])
    elif command == "same":
        same(sys.argv[2], sys.argv[3], sys.argv[4])
    elif command == "channelattribution":
        _, result = channelattribution(sys.argv[2])
        print(result["result"].to_string())
    elif command == "compare":
        compare(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else None)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Time to the analytics frames at scale, from SQLite and from PostgreSQL, against the
# floor of reading the same answers with Python's sqlite3 module (measured in the same
# run), and the resident memory once they are built.
#
# 1. `hub demo --respondents N` into a fresh SQLite file and a fresh PostgreSQL database;
# 2. `hub/examples/analytics_bench` on each: reading the tables (median of 3) and making
#    the frames from them (median of RUNS), and the process's RSS afterwards;
# 3. Python's sqlite3 reading `SELECT respondent_id, question_id, value FROM answer`
#    into three lists, the floor for any reader of that file.
#
# Usage: bench/frames.sh [RESPONDENTS] [RUNS]   (defaults 50000, about a million answers, and 3)
#        HUB_BENCH_BIN=DIR bench/frames.sh ...     (the binaries in DIR, as bench/mixed.sh takes them)
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres); HUB_BENCH_PG overrides the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
respondents="${1:-50000}"
runs="${2:-3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/youth-hub-target}"
export POLARS_MAX_THREADS=2
pg="${HUB_BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
# HUB_BENCH_BIN: a directory holding `hub` and `examples/analytics_bench` already built
# (another build to compare with); otherwise this checkout's, built here.
if [ -n "${HUB_BENCH_BIN:-}" ]; then
    bin="$HUB_BENCH_BIN"
else
    cargo build --release --quiet -p hub --bin hub --example analytics_bench
    bin="$CARGO_TARGET_DIR/release"
fi
work="$(mktemp -d)"
dbname="hub_frames_bench_$$"
trap 'psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $dbname" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

"$bin/hub" demo --respondents "$respondents" --database-url "sqlite://$work/big.db" > /dev/null
psql "$pg/postgres" -qc "CREATE DATABASE $dbname" > /dev/null
"$bin/hub" demo --respondents "$respondents" --database-url "$pg/$dbname" > /dev/null

"$bin/examples/analytics_bench" "sqlite://$work/big.db" "$runs" > "$work/sqlite.json"
"$bin/examples/analytics_bench" "$pg/$dbname" "$runs" > "$work/postgres.json"
python3 - "$work/big.db" > "$work/python.json" <<'PY'
import json, sqlite3, sys, time
runs = []
for _ in range(3):
    started = time.perf_counter()
    db = sqlite3.connect(sys.argv[1])
    r, q, v = [], [], []
    for a, b, c in db.execute("SELECT respondent_id, question_id, value FROM answer"):
        r.append(a); q.append(b); v.append(c)
    db.close()
    runs.append((time.perf_counter() - started) * 1000)
runs.sort()
print(json.dumps({"answers": len(r), "read_ms_median": runs[1], "read_ms": runs}))
PY

python3 - "$work/sqlite.json" "$work/postgres.json" "$work/python.json" <<'PY'
import json, sys
sqlite, postgres, python = (json.load(open(p)) for p in sys.argv[1:4])
floor = python["read_ms_median"]
print(f"answers: {sqlite['answers']:,} (SQLite), {postgres['answers']:,} (PostgreSQL), {python['answers']:,} (Python floor)")
print()
print("| database | read the tables, median ms | make the frames, median ms | to frames, ms | of the 1,000 ms target | RSS after, MiB | of the 300 MB target |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, r in (("SQLite", sqlite), ("PostgreSQL", postgres)):
    total = r["read_ms_median"] + r["frames_ms_median"]
    rss = r.get("rss_mib") or 0
    print(f"| {name} | {r['read_ms_median']:.0f} | {r['frames_ms_median']:.0f} | {total:.0f} | {total / 1000:.2f} | {rss:.0f} | {rss * 1.048576 / 300:.2f} |")
print()
print(f"Python sqlite3 reading the answers' three integer columns into lists: median {floor:.0f} ms")
print(f"hub read from SQLite / Python floor: {sqlite['read_ms_median'] / floor:.2f}x the time")
PY

#!/usr/bin/env bash
# Analytics speed: polars (the hub) against DuckDB and pandas on the same data.
#
# 1. `hub demo --respondents 50000` into a fresh SQLite file (about one million answers);
# 2. the hub's frames built from it, and the full set of comparisons on them (polars,
#    hub/examples/analytics_bench.rs);
# 3. the same comparisons in DuckDB and in pandas over the same data exported to
#    Parquet, both limited to 2 threads (bench/analytics_compare.py);
# 4. `analytics { themeScores(by: [COUNTRY, ROLE]) }` through HTTP on the default demo
#    data, one connection, median latency, with and without the response cache.
#
# Usage: bench/analytics.sh [RESPONDENTS] [RUNS]   (defaults 50000 and 5)
set -euo pipefail
cd "$(dirname "$0")/.."
respondents="${1:-50000}"
runs="${2:-5}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/youth-hub-target}"
export POLARS_MAX_THREADS=2 OMP_NUM_THREADS=2

python3 -c "import duckdb, pandas, scipy" 2>/dev/null || pip install --quiet duckdb pandas scipy
command -v oha >/dev/null 2>&1 || cargo install oha --locked --quiet
cargo build --release --quiet -p hub --bin hub --example analytics_bench
bin="$CARGO_TARGET_DIR/release"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin/hub" demo --respondents "$respondents" --database-url "sqlite://$work/big.db" > "$work/demo.txt"
cat "$work/demo.txt"
"$bin/examples/analytics_bench" "sqlite://$work/big.db" "$runs" > "$work/polars.json"
python3 bench/analytics_compare.py "$work/big.db" "$work/parquet" "$runs" > "$work/others.json"

# Latency through HTTP on the default demo data.
query='{ analytics { themeScores(by: [COUNTRY, ROLE]) { countryCode role theme n mean sd ciLow ciHigh suppressed } } }'
body="$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$query")"
"$bin/hub" serve --bind 127.0.0.1:18180 --database-url "sqlite://$work/demo.db" > /dev/null 2>&1 &
printf 'response_cache_mb = 0\n' > "$work/nocache.toml"
for _ in $(seq 1 100); do curl -fsS http://127.0.0.1:18180/healthz > /dev/null 2>&1 && break; sleep 0.2; done
"$bin/hub" serve --config "$work/nocache.toml" --no-demo --bind 127.0.0.1:18181 --database-url "sqlite://$work/demo.db" > /dev/null 2>&1 &
for _ in $(seq 1 100); do curl -fsS http://127.0.0.1:18181/healthz > /dev/null 2>&1 && break; sleep 0.2; done
latency() {
    curl -fsS -H 'content-type: application/json' -d "$body" "$1" | python3 -c 'import json,sys; r=json.load(sys.stdin); assert "errors" not in r, r'
    oha -n 2000 -c 1 --no-tui --output-format json -m POST -H 'content-type: application/json' -d "$body" "$1"
}
latency http://127.0.0.1:18180/graphql > "$work/http_cached.json"
latency http://127.0.0.1:18181/graphql > "$work/http_nocache.json"

python3 - "$work"/polars.json "$work"/others.json "$work"/http_cached.json "$work"/http_nocache.json <<'PY'
import json, sys
polars, others, cached, nocache = (json.load(open(p)) for p in sys.argv[1:5])
p, d, pd_ = polars["compute_ms_median"], others["duckdb_ms_median"], others["pandas_ms_median"]
print(f"answers: {polars['answers']:,} (hub frames), {others['answers']:,} (Parquet)")
print(f"read the tables from SQLite (sea-orm/sqlx): median {polars['read_ms_median']:.0f} ms of {[round(x) for x in polars['read_ms']]}")
print(f"make the frames from them (polars; incl. per-person theme scores, answers sorted by question): median {polars['frames_ms_median']:.0f} ms of {[round(x) for x in polars['frames_ms']]}")
f = polars['frames_ms_median']
print()
print("| engine (2 threads) | full set of comparisons, median ms | runs (ms) |")
print("|---|---:|---|")
print(f"| hub (polars, in-memory frames) | {p:.1f} | {[round(x, 1) for x in polars['compute_ms']]} |")
print(f"| DuckDB {others['duckdb_version']} (in-memory tables from Parquet) | {d:.1f} | {[round(x, 1) for x in others['duckdb_ms']]} |")
print(f"| pandas {others['pandas_version']} | {pd_:.1f} | {[round(x, 1) for x in others['pandas_ms']]} |")
print(f"| hub, counting the derived frames too ({f:.0f} ms) | {p + f:.1f} | |")
print()
print(f"polars vs DuckDB: {d / p:.2f}x, or {d / (p + f):.2f}x counting the derived frames (target >= 1: no slower)")
print(f"polars vs pandas: {pd_ / p:.2f}x, or {pd_ / (p + f):.2f}x counting the derived frames (target >= 5)")
for name, r in (("cached", cached), ("cache off", nocache)):
    lat = r["latencyPercentiles"]
    print(f"themeScores(by: [COUNTRY, ROLE]) over HTTP on the demo data, {name}: p50 {lat['p50'] * 1000:.2f} ms, p99 {lat['p99'] * 1000:.2f} ms (target p50 < 5 ms)")
PY

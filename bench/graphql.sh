#!/usr/bin/env bash
# GraphQL read throughput of the hub against the ceiling of this machine.
#
# Builds in release, starts the hub on the demo data (a fresh SQLite file) and, in the
# same run, a plain poem endpoint that returns a fixed JSON body; loads both with oha
# (32 connections) and prints requests/s, p50/p99 latency, the ratio, the error count
# (from the hub's /metrics) and the hub's RSS after the run.
#
# Usage: bench/graphql.sh [DURATION]   (default 20s per run)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-20s}"
connections=32
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/youth-hub-target}"

if ! command -v oha >/dev/null 2>&1; then
    echo "installing oha from crates.io (once)" >&2
    cargo install oha --locked --quiet
fi
cargo build --release --quiet -p hub --bin hub --example ceiling
bin="$CARGO_TARGET_DIR/release"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

query='{ organisations(first: 50) { nodes { name kind status region { name countryCode } } } }'
body="$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$query")"

"$bin/hub" serve --bind 127.0.0.1:18080 --database-url "sqlite://$work/hub.db" > "$work/hub.out" 2> "$work/hub.err" &
hub_pid=$!
# The same hub and data without the response cache, to show what every query costs.
for _ in $(seq 1 100); do curl -fsS http://127.0.0.1:18080/healthz > /dev/null 2>&1 && break; sleep 0.2; done
printf 'response_cache_mb = 0\n' > "$work/nocache.toml"
"$bin/hub" serve --config "$work/nocache.toml" --bind 127.0.0.1:18081 --no-demo --database-url "sqlite://$work/hub.db" > /dev/null 2>&1 &
"$bin/examples/ceiling" 127.0.0.1:18099 > /dev/null &
for _ in $(seq 1 100); do
    curl -fsS http://127.0.0.1:18080/healthz > /dev/null 2>&1 && curl -fsS -X POST http://127.0.0.1:18099/graphql > /dev/null 2>&1 && break
    sleep 0.2
done
# /metrics is for admins: a token for this run.
printf 'a bench password, long enough\n' | "$bin/hub" user add bench-admin --role admin --password-stdin --database-url "sqlite://$work/hub.db" > /dev/null
token="$("$bin/hub" token create --user bench-admin --database-url "sqlite://$work/hub.db" 2> /dev/null)"
metric() { curl -fsS -H "Authorization: Bearer $token" http://127.0.0.1:18080/metrics | awk '/^hub_graphql_error_responses_total/ {print $2}'; }
sample="$(curl -fsS -H 'content-type: application/json' -d "$body" http://127.0.0.1:18080/graphql)"
python3 - "$sample" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
assert "errors" not in r, r
assert len(r["data"]["organisations"]["nodes"]) == 50, r
PY

load() { # URL -> JSON summary
    oha -z "$duration" -c "$connections" --no-tui --output-format json \
        -m POST -H 'content-type: application/json' -d "$body" "$1"
}
# Warm-up, then the measured runs, the two servers one after the other.
oha -z 3s -c "$connections" --no-tui -m POST -H 'content-type: application/json' -d "$body" http://127.0.0.1:18080/graphql > /dev/null
errors_before="$(metric)"
load http://127.0.0.1:18080/graphql > "$work/hub.json"
errors_after="$(metric)"
rss_kb="$(awk '/^VmRSS/ {print $2}' /proc/$hub_pid/status)"
load http://127.0.0.1:18099/graphql > "$work/ceiling.json"
load http://127.0.0.1:18081/graphql > "$work/nocache.json"

python3 - "$work/hub.json" "$work/ceiling.json" "$work/nocache.json" "$((errors_after - errors_before))" "$rss_kb" "$duration" <<'PY'
import json, sys
hub, ceiling, nocache = (json.load(open(p)) for p in sys.argv[1:4])
errors, rss_kb, duration = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
def row(name, r):
    s, p = r["summary"], r["latencyPercentiles"]
    codes = r.get("statusCodeDistribution", {})
    return name, s["requestsPerSec"], p["p50"] * 1000, p["p99"] * 1000, codes
rows = [row("hub GraphQL", hub), row("plain poem (ceiling)", ceiling), row("hub GraphQL, response cache off", nocache)]
print(f"| server | requests/s | p50 ms | p99 ms | status codes |")
print(f"|---|---:|---:|---:|---|")
for name, rps, p50, p99, codes in rows:
    print(f"| {name} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {codes} |")
ratio = rows[0][1] / rows[1][1]
print()
print(f"ratio hub/ceiling: {ratio:.1%} (target >= 30 %)")
print(f"ratio hub without response cache/ceiling: {rows[2][1] / rows[1][1]:.1%}")
print(f"hub p99: {rows[0][3]:.2f} ms (target < 20 ms)")
print(f"GraphQL responses with errors during the run: {errors} (target 0)")
print(f"hub RSS after the run: {rss_kb / 1024:.1f} MiB (target < 150 MB)")
print(f"({duration} per server, 32 connections, oha, same machine)")
PY

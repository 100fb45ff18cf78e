#!/usr/bin/env bash
# The GraphQL read path without the response cache, against PostGraphile 4 on the same
# PostgreSQL database, in one run.
#
# 1. `hub demo` into a fresh PostgreSQL database and a fresh SQLite file (same seed,
#    same rows);
# 2. PostGraphile 4 from npm (installed once under ~/.cache) on that database, with
#    `--disable-graphiql --disable-query-log`;
# 3. the hub on each database with `response_cache_mb = 0`;
# 4. wrk (-t1 -c32, DURATION per round, two rounds interleaved) on the organisations
#    query of issue 15: the hub's
#      { organisations(first: 50) { nodes { name kind status region { name countryCode } } } }
#    and PostGraphile's
#      { allOrganisations(first: 50) { nodes { name kind status regionByRegionId { name countryCode } } } }
#
# Prints requests/s, p50 and p99 per server and round, and the ratio of each hub to
# PostGraphile (target: at least 3, p99 under 20 ms).
#
# Usage: bench/read_path.sh [DURATION]   (default 10s)
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres; HUB_BENCH_PG overrides the URL),
# wrk (Debian's package) and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10s}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/youth-hub-target}"
pg="${HUB_BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
postgraphile_dir="$HOME/.cache/youth-hub-postgraphile"
if [ ! -x "$postgraphile_dir/node_modules/.bin/postgraphile" ]; then
    echo "installing postgraphile@4 from npm (once) into $postgraphile_dir" >&2
    mkdir -p "$postgraphile_dir"
    npm install --silent --prefix "$postgraphile_dir" postgraphile@4 > /dev/null
fi
cargo build --release --quiet -p hub --bin hub
bin="$CARGO_TARGET_DIR/release"
work="$(mktemp -d)"
dbname="hub_read_bench_$$"
cleanup() {
    kill $(jobs -p) 2> /dev/null || true
    wait 2> /dev/null || true
    psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $dbname" > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

psql "$pg/postgres" -qc "CREATE DATABASE $dbname" > /dev/null
"$bin/hub" demo --database-url "$pg/$dbname" > /dev/null
"$bin/hub" demo --database-url "sqlite://$work/hub.db" > /dev/null
printf 'response_cache_mb = 0\n' > "$work/nocache.toml"
"$bin/hub" serve --config "$work/nocache.toml" --bind 127.0.0.1:18082 --no-demo \
    --database-url "$pg/$dbname" > "$work/hub-pg.log" 2>&1 &
"$bin/hub" serve --config "$work/nocache.toml" --bind 127.0.0.1:18083 --no-demo \
    --database-url "sqlite://$work/hub.db" > "$work/hub-sqlite.log" 2>&1 &
"$postgraphile_dir/node_modules/.bin/postgraphile" -c "$pg/$dbname" -n 127.0.0.1 -p 18084 \
    --disable-graphiql --disable-query-log > "$work/postgraphile.log" 2>&1 &
for port in 18082 18083 18084; do
    for _ in $(seq 1 150); do
        curl -fsS -o /dev/null -H 'content-type: application/json' \
            -d '{"query":"{ __typename }"}' "http://127.0.0.1:$port/graphql" 2> /dev/null && break
        sleep 0.2
    done
done

hub_query='{ organisations(first: 50) { nodes { name kind status region { name countryCode } } } }'
pgl_query='{ allOrganisations(first: 50) { nodes { name kind status regionByRegionId { name countryCode } } } }'
# Each server must answer 50 organisations with their regions, without errors.
python3 - "$hub_query" "$pgl_query" <<'PY'
import json, sys, urllib.request
for port, query, field, region in ((18082, sys.argv[1], "organisations", "region"),
                                   (18083, sys.argv[1], "organisations", "region"),
                                   (18084, sys.argv[2], "allOrganisations", "regionByRegionId")):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query}).encode(), headers={"content-type": "application/json"})
    answer = json.load(urllib.request.urlopen(request))
    assert "errors" not in answer, (port, answer)
    nodes = answer["data"][field]["nodes"]
    assert len(nodes) == 50 and all(n[region]["countryCode"] for n in nodes), (port, answer)
PY

# wrk posts one body and prints a JSON line at the end.
lua() { # QUERY -> script file
    local file="$work/$RANDOM.lua"
    python3 - "$1" > "$file" <<'PY'
import json, sys
body = json.dumps({"query": sys.argv[1]})
print(f"""wrk.method = "POST"
wrk.body = {json.dumps(body)}
wrk.headers["Content-Type"] = "application/json"
function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format('{{"rps": %f, "p50": %f, "p99": %f, "errors": %d}}\\n',
    summary.requests / summary.duration * 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, errors))
end""")
PY
    echo "$file"
}
hub_lua="$(lua "$hub_query")"
pgl_lua="$(lua "$pgl_query")"
run() { # NAME PORT SCRIPT
    wrk -t1 -c32 -d"$duration" -s "$3" "http://127.0.0.1:$2/graphql" | tail -n 1 \
        | python3 -c 'import json,sys; r=json.load(sys.stdin); r["name"]=sys.argv[1]; print(json.dumps(r))' "$1" >> "$work/results.jsonl"
}
# Warm-up, then two rounds, the servers in turn.
for port in 18082 18083; do wrk -t1 -c32 -d2s -s "$hub_lua" "http://127.0.0.1:$port/graphql" > /dev/null; done
wrk -t1 -c32 -d2s -s "$pgl_lua" http://127.0.0.1:18084/graphql > /dev/null
for round in 1 2; do
    run "hub on PostgreSQL" 18082 "$hub_lua"
    run "hub on SQLite" 18083 "$hub_lua"
    run "PostGraphile 4 (Node.js $(node --version))" 18084 "$pgl_lua"
done

python3 - "$work/results.jsonl" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print("| server, response cache off | round | requests/s | p50 ms | p99 ms | errors |")
print("|---|---:|---:|---:|---:|---:|")
for i, r in enumerate(rows):
    print(f"| {r['name']} | {i // 3 + 1} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} |")
print()
for round in (0, 1):
    pg, lite, pgl = rows[3 * round: 3 * round + 3]
    print(f"round {round + 1}: hub on PostgreSQL / PostGraphile {pg['rps'] / pgl['rps']:.2f}, "
          f"hub on SQLite / PostGraphile {lite['rps'] / pgl['rps']:.2f} (target >= 3, p99 < 20 ms)")
PY

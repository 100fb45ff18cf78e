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
dbname="hub_read_bench_$$"
source bench/postgraphile_common.sh

psql "$pg/postgres" -qc "CREATE DATABASE $dbname" > /dev/null
"$bin/hub" demo --database-url "$pg/$dbname" > /dev/null
"$bin/hub" demo --database-url "sqlite://$work/hub.db" > /dev/null
printf 'response_cache_mb = 0\n' > "$work/nocache.toml"
"$bin/hub" serve --config "$work/nocache.toml" --bind 127.0.0.1:18082 --no-demo \
    --database-url "$pg/$dbname" > "$work/hub-pg.log" 2>&1 &
"$bin/hub" serve --config "$work/nocache.toml" --bind 127.0.0.1:18083 --no-demo \
    --database-url "sqlite://$work/hub.db" > "$work/hub-sqlite.log" 2>&1 &
"$postgraphile" -c "$pg/$dbname" -n 127.0.0.1 -p 18084 \
    --disable-graphiql --disable-query-log > "$work/postgraphile.log" 2>&1 &
wait_for_graphql 18082 18083 18084

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
print('wrk.method = "POST"')
print(f"wrk.body = {json.dumps(body)}")
print('wrk.headers["Content-Type"] = "application/json"')
PY
    echo "$wrk_summary_lua" >> "$file"
    echo "$file"
}
hub_lua="$(lua "$hub_query")"
pgl_lua="$(lua "$pgl_query")"
run() { run_wrk "$1" "$2" "$3" 32; }
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

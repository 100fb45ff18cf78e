# What bench/read_path.sh and bench/mixed.sh share: sourced, not run. Set before
# sourcing: `dbname` (a fresh PostgreSQL database's name). Defines `pg`, `bin`, `work`,
# `postgraphile`, a cleanup on exit, and the functions below; builds the hub in release
# (or takes the one in the directory HUB_BENCH_BIN) and installs PostGraphile 4 with its
# filter plugin from npm once under ~/.cache.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/youth-hub-target}"
pg="${HUB_BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
postgraphile_dir="$HOME/.cache/youth-hub-postgraphile"
if [ ! -d "$postgraphile_dir/node_modules/postgraphile-plugin-connection-filter" ]; then
    echo "installing postgraphile@4 and its filter plugin from npm (once) into $postgraphile_dir" >&2
    mkdir -p "$postgraphile_dir"
    npm install --silent --prefix "$postgraphile_dir" postgraphile@4 \
        postgraphile-plugin-connection-filter@2 > /dev/null
fi
postgraphile="$postgraphile_dir/node_modules/.bin/postgraphile"
if [ -n "${HUB_BENCH_BIN:-}" ]; then
    # A directory holding a `hub` built elsewhere: to compare two builds in one session.
    bin="$HUB_BENCH_BIN"
else
    cargo build --release --quiet -p hub --bin hub
    bin="$CARGO_TARGET_DIR/release"
fi
work="$(mktemp -d)"
cleanup() {
    kill $(jobs -p) 2> /dev/null || true
    wait 2> /dev/null || true
    psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $dbname" > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

wait_for_graphql() { # PORT... : until each answers `{ __typename }`
    local port
    for port in "$@"; do
        for _ in $(seq 1 150); do
            curl -fsS -o /dev/null -H 'content-type: application/json' \
                -d '{"query":"{ __typename }"}' "http://127.0.0.1:$port/graphql" 2> /dev/null && break
            sleep 0.2
        done
    done
}

# The Lua that makes wrk print one JSON line at the end: requests/s, p50, p99 (ms), errors.
wrk_summary_lua='function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    "{\"rps\": %f, \"p50\": %f, \"p99\": %f, \"errors\": %d}\n",
    summary.requests / summary.duration * 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, errors))
end'

run_wrk() { # NAME PORT SCRIPT CONNECTIONS : appends a JSON line to $work/results.jsonl
    wrk -t1 -c"$4" -d"$duration" -s "$3" "http://127.0.0.1:$2/graphql" | tail -n 1 \
        | python3 -c 'import json,sys; r=json.load(sys.stdin); r["name"]=sys.argv[1]; print(json.dumps(r))' "$1" \
        >> "$work/results.jsonl"
}

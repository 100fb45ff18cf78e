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

make_queries() { # DATABASE_URL (PostgreSQL) : the query lists of bench/mixed_queries.py in $work
    # The ids, regions and words the queries are made of, from the database.
    psql -At -F $'\t' "$1" -c "SELECT id, code FROM region ORDER BY id" > "$work/regions.tsv"
    psql -At -F $'\t' "$1" -c "SELECT region_id, COUNT(*) FROM organisation GROUP BY region_id" > "$work/per_region.tsv"
    psql -At "$1" -c "SELECT id FROM organisation ORDER BY id" > "$work/organisations.txt"
    psql -At "$1" -c "SELECT id FROM respondent ORDER BY id" > "$work/respondents.txt"
    psql -At "$1" -c "SELECT search_text FROM finding" > "$work/texts.txt"
    psql -At "$1" -c "SELECT code FROM question WHERE kind = 'LIKERT' ORDER BY code" > "$work/likert.txt"
    python3 bench/mixed_queries.py "$work"
}

lua() { # BODIES TOKEN -> a wrk script posting BODIES (JSON lines) in turn, as TOKEN's bearer
    local file="$work/$RANDOM.lua"
    python3 - "$1" "$2" > "$file" <<'PY'
import json, sys
bodies, token = sys.argv[1:]
auth = f'wrk.headers["Authorization"] = "Bearer {token}"' if token else ""
print(f"""wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
{auth}
local bodies = {{}}
for line in io.lines({json.dumps(bodies)}) do bodies[#bodies + 1] = line end
local i = 0
function request()
  i = i % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end""")
PY
    echo "$wrk_summary_lua" >> "$file"
    echo "$file"
}
# CPU seconds (user and system) used so far by the processes whose command line matches
# each pattern: where a round's two cores went (the pools keep their connections, so
# PostgreSQL's backends live through a round).
cpu_seconds() { # PATTERN... -> one number per pattern
    local pattern pid ticks
    for pattern in "$@"; do
        ticks=0
        for pid in $(pgrep -f "$pattern"); do
            ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2> /dev/null || echo 0)))
        done
        echo "$ticks"
    done | python3 -c "import os, sys; print(' '.join(f'{int(l) / os.sysconf(\"SC_CLK_TCK\"):.1f}' for l in sys.stdin))"
}

fill_both() { # RESPONDENTS : `hub demo` into the fresh database $dbname and $work/hub.db
    echo "filling PostgreSQL and SQLite with $1 respondents" >&2
    psql "$pg/postgres" -qc "CREATE DATABASE $dbname" > /dev/null
    "$bin/hub" demo --respondents "$1" --database-url "$pg/$dbname" > /dev/null &
    "$bin/hub" demo --respondents "$1" --database-url "sqlite://$work/hub.db" > /dev/null
    wait
    # The fill leaves a million fresh rows for autovacuum, which otherwise ran during the
    # first rounds (PostgreSQL p99 of 130 ms in one round, 33 ms in the next, same build).
    psql -q "$pg/$dbname" -c "VACUUM ANALYZE"
}

token_of() { # DATABASE_URL [ROLE] -> the token of a new account with ROLE (researcher)
    local role="${2:-researcher}"
    printf 'a bench password, long enough\n' | "$bin/hub" user add "bench-$role" \
        --role "$role" --password-stdin --database-url "$1" > /dev/null
    "$bin/hub" token create --user "bench-$role" --database-url "$1" 2> /dev/null
}

serve_both() { # PG_PORT SQLITE_PORT : the hub without the response cache on $dbname and $work/hub.db
    # HUB_BENCH_EXTRA: more lines of its configuration, to compare a setting
    # (e.g. HUB_BENCH_EXTRA='loader_delay_ms = 0').
    printf 'response_cache_mb = 0\n%s\n' "${HUB_BENCH_EXTRA:-}" > "$work/nocache.toml"
    "$bin/hub" serve --config "$work/nocache.toml" --bind "127.0.0.1:$1" --no-demo \
        --database-url "$pg/$dbname" > "$work/hub-pg.log" 2>&1 &
    "$bin/hub" serve --config "$work/nocache.toml" --bind "127.0.0.1:$2" --no-demo \
        --database-url "sqlite://$work/hub.db" > "$work/hub-sqlite.log" 2>&1 &
}

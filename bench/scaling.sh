#!/usr/bin/env bash
# How the analytics cost grows with the data: for each size, `hub demo --respondents N`
# into a fresh SQLite file, then `hub serve` on it with the response cache off, and
#
# - the time to build the frames (the server's own log line, first request after start),
# - the frames' size (polars' estimate, same line) and the server's resident memory
#   3 s after the requests below (jemalloc gives freed pages back within a second),
# - the median and p99 of `/themes`, `/survey` and an uncached GraphQL `analytics`
#   query (themeScores by country and role), 100 requests each over one connection.
#
# The per-answer columns show whether the cost grows faster than the data.
#
# Usage: [HUB_BENCH_BIN=DIR] bench/scaling.sh [RESPONDENTS...]   (default 5000 50000 500000: about 100,000,
#   1,000,000 and 10,000,000 answers; the largest takes a few minutes and 1 GB of disk)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(5000 50000 500000)
requests="${REQUESTS:-100}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/youth-hub-target}"
export POLARS_MAX_THREADS=2

command -v oha >/dev/null 2>&1 || cargo install oha --locked --quiet
if [ -n "${HUB_BENCH_BIN:-}" ]; then
    # A directory holding a `hub` built elsewhere (as bench/mixed.sh takes it).
    bin="$HUB_BENCH_BIN"
else
    cargo build --release --quiet -p hub --bin hub
    bin="$CARGO_TARGET_DIR/release"
fi
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
port=18190
base="http://127.0.0.1:$port"
printf 'response_cache_mb = 0\n' > "$work/nocache.toml"
query='{ analytics { themeScores(by: [COUNTRY, ROLE]) { countryCode role theme n mean sd suppressed } } }'
body="$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$query")"

measure() { # URL [oha args...] -> JSON of oha
    local url="$1"
    shift
    oha -n "$requests" -c 1 --no-tui --output-format json "$@" "$url"
}

for n in "${sizes[@]}"; do
    db="$work/hub-$n.db"
    started=$(date +%s.%N)
    "$bin/hub" demo --respondents "$n" --database-url "sqlite://$db" > /dev/null
    demo_s=$(python3 -c "import time, sys; print(round(time.time() - float(sys.argv[1]), 1))" "$started")
    HUB_LOG_JSON=true "$bin/hub" serve --config "$work/nocache.toml" --no-demo --bind "127.0.0.1:$port" \
        --database-url "sqlite://$db" > "$work/serve-$n.log" 2>&1 &
    server=$!
    for _ in $(seq 1 300); do curl -fsS "$base/healthz" > /dev/null 2>&1 && break; sleep 0.2; done
    curl -fsS -o /dev/null "$base/themes"
    curl -fsS -o /dev/null "$base/survey"
    measure "$base/themes" > "$work/themes-$n.json"
    measure "$base/survey" > "$work/survey-$n.json"
    measure "$base/graphql" -m POST -H 'content-type: application/json' -d "$body" > "$work/gql-$n.json"
    curl -fsS -H 'content-type: application/json' -d "$body" "$base/graphql" |
        python3 -c 'import json,sys; r=json.load(sys.stdin); assert "errors" not in r, r'
    sleep 3
    awk '/VmRSS/ {print $2}' "/proc/$server/status" > "$work/rss-$n.txt"
    kill "$server"
    wait "$server" 2>/dev/null || true
    python3 - "$n" "$work" "$demo_s" <<'PY'
import json, sys
n, work, demo_s = sys.argv[1], sys.argv[2], sys.argv[3]
built = None
for line in open(f"{work}/serve-{n}.log"):
    try:
        entry = json.loads(line)
    except ValueError:
        continue
    if entry.get("fields", {}).get("message") == "built the analytics frames":
        built = entry["fields"]
rss_kib = int(open(f"{work}/rss-{n}.txt").read())
def lat(name):
    r = json.load(open(f"{work}/{name}-{n}.json"))
    codes = r.get("statusCodeDistribution", {})
    assert list(codes) == ["200"], codes
    p = r["latencyPercentiles"]
    return p["p50"] * 1000, p["p99"] * 1000
row = {
    "respondents": int(n),
    "answers": int(built["answers"]),
    "demo_s": float(demo_s),
    "frames_ms": int(built["millis"]),
    "frames_mib": float(built["mib"]),
    "rss_mib": rss_kib / 1024,
    "themes": lat("themes"),
    "survey": lat("survey"),
    "analytics": lat("gql"),
}
json.dump(row, open(f"{work}/row-{n}.json", "w"))
PY
    rm -f "$db"
done

python3 - "$work" "${sizes[@]}" <<'PY'
import json, sys
work, sizes = sys.argv[1], sys.argv[2:]
rows = [json.load(open(f"{work}/row-{n}.json")) for n in sizes]
first = rows[0]
print("| answers | frames ms | frames MiB | RSS MiB | /themes p50 (p99) ms | /survey p50 (p99) ms | analytics p50 (p99) ms | answers / first | frames ms / first | RSS / first | /themes p50 / first |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    f = lambda key: f"{r[key][0]:.2f} ({r[key][1]:.2f})"
    print(
        f"| {r['answers']:,} | {r['frames_ms']:,} | {r['frames_mib']:.0f} | {r['rss_mib']:.0f} | {f('themes')} | {f('survey')} | {f('analytics')} "
        f"| {r['answers'] / first['answers']:.1f} | {r['frames_ms'] / first['frames_ms']:.1f} | {r['rss_mib'] / first['rss_mib']:.1f} | {r['themes'][0] / first['themes'][0]:.1f} |"
    )
print()
print("(release build, SQLite, response cache off, POLARS_MAX_THREADS=2, "
      + ", ".join(f"{r['respondents']:,} respondents: demo data in {r['demo_s']} s" for r in rows) + ")")
PY

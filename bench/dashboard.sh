#!/usr/bin/env bash
# Dashboard pages and charts: median time to serve a warm page (analytics, charts and
# HTML, nothing cached but the frames of the data version) and the size of every chart
# SVG, on the demo data.
#
# Builds in release, starts the hub on a fresh SQLite file with the demo data, loads
# every page once (to build the frames), then requests each page N times over one
# connection with oha and prints p50 and p99 against the 20 ms target. In the same run,
# /healthz (HTTP plus one database ping) is measured the same way as the floor.
#
# Usage: bench/dashboard.sh [REQUESTS] [RESPONDENTS]
#   REQUESTS per page (default 300); RESPONDENTS, when given, makes the data with
#   `hub demo --respondents N` first (50000 is about a million answers) and sets the
#   page target to 50 ms (the target at that size) instead of 20 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-300}"
respondents="${2:-}"
target=20
[ -n "$respondents" ] && target=50
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/youth-hub-target}"

if ! command -v oha >/dev/null 2>&1; then
    echo "installing oha from crates.io (once)" >&2
    cargo install oha --locked --quiet
fi
cargo build --release --quiet -p hub --bin hub
bin="$CARGO_TARGET_DIR/release"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
base=http://127.0.0.1:18090

if [ -n "$respondents" ]; then
    "$bin/hub" demo --respondents "$respondents" --database-url "sqlite://$work/hub.db" > /dev/null
fi
"$bin/hub" serve --bind 127.0.0.1:18090 --database-url "sqlite://$work/hub.db" > "$work/hub.out" 2> "$work/hub.err" &
for _ in $(seq 1 150); do curl -fsS "$base/healthz" > /dev/null 2>&1 && break; sleep 0.2; done

pages=(
    "/"
    "/registry"
    "/registry?country=LV&q=a"
    "/survey"
    "/survey?question=CH1&lang=lv"
    "/themes"
    "/themes?lang=el&country=PT&country=CY"
    "/interviews"
    "/interviews?theme=CREDIBILITY&quotes=LT&lang=lt"
    "/collaborations?lang=sv"
)
for page in "${pages[@]}"; do
    curl -fsS -o /dev/null "$base$page"
done

measure() { # PATH -> "p50 p99" in ms
    oha -n "$requests" -c 1 --no-tui --output-format json "$base$1" > "$work/run.json"
    python3 - "$work/run.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
codes = r.get("statusCodeDistribution", {})
assert list(codes) == ["200"], codes
p = r["latencyPercentiles"]
print(f"{p['p50'] * 1000:.2f} {p['p99'] * 1000:.2f}")
PY
}

floor="$(measure /healthz)"
echo "| page | p50 ms | p99 ms | p50 / $target ms target | p50 / floor |"
echo "|---|---:|---:|---:|---:|"
floor_p50="${floor% *}"
printf '| /healthz (floor) | %s | %s | | 1.0 |\n' "$floor_p50" "${floor#* }"
worst=0
for page in "${pages[@]}"; do
    result="$(measure "$page")"
    p50="${result% *}"
    p99="${result#* }"
    python3 -c "import sys; p50, floor = float(sys.argv[2]), float(sys.argv[3]); print(f'| \`{sys.argv[1]}\` | {p50:.2f} | {float(sys.argv[4]):.2f} | {p50 / float(sys.argv[5]):.2f} | {p50 / floor:.1f} |')" "$page" "$p50" "$floor_p50" "$p99" "$target"
    worst="$(python3 -c "import sys; print(max(float(sys.argv[1]), float(sys.argv[2])))" "$worst" "$p50")"
done

echo
echo "| chart | SVG bytes | of 100 KB |"
echo "|---|---:|---:|"
largest=0
for chart in likert theme-scores role-gap theme-frequency registry choices; do
    for query in "" "?lang=el" "?question=CH1"; do
        [ "$chart" != choices ] && [ "$query" = "?question=CH1" ] && continue
        size="$(curl -fsS "$base/charts/$chart.svg$query" | wc -c)"
        printf '| `%s.svg%s` | %d | %.0f %% |\n' "$chart" "$query" "$size" "$(python3 -c "print($size / 1024)")"
        [ "$size" -gt "$largest" ] && largest="$size"
    done
done
echo
answers="$(python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM answer').fetchone()[0])" "$work/hub.db")"
rss="$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' /proc/"$(pgrep -f "hub serve --bind 127.0.0.1:18090" | head -1)"/status 2>/dev/null || echo '?')"
echo "slowest page p50: $worst ms (target < $target ms); largest SVG: $largest bytes (target < 102400)"
echo "($requests requests per page, one connection, oha, release build, ${respondents:-demo} respondents, $answers answers; server RSS after: $rss MiB)"
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[3]) and int(sys.argv[2]) < 102400 else 1)" "$worst" "$largest" "$target"

#!/usr/bin/env bash
# Where the mixed workload's time goes, query class by query class: the same data and
# query lists as bench/mixed.sh (its reads and the comparisons it adds), without the
# response cache, on the hub alone.
#
# 1. `hub demo --respondents N` into a fresh PostgreSQL database and a fresh SQLite file;
# 2. the hub on each with `response_cache_mb = 0` and a researcher's token; every query
#    is answered once without errors first (this also warms the hubs);
# 3. each class alone (pages of organisations, organisations by id, respondents by id
#    with their answers, findings searches, analytics comparisons), wrk -t1 -c64 for
#    DURATION: requests/s, p50, p99, and the CPU of the hub and of PostgreSQL per
#    request;
# 4. all five classes at once, one wrk each, 64 connections shared in the proportions
#    of bench/mixed.sh's list with comparisons (one comparison after every nine reads):
#    each class's requests/s, p50 and p99 in the mix.
#
# Usage: bench/classes.sh [RESPONDENTS] [DURATION]   (defaults 50000 and 10s)
#        HUB_BENCH_BIN=DIR bench/classes.sh ...     (a directory holding a built `hub`)
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres; HUB_BENCH_PG overrides the URL) and
# wrk (Debian's package).
set -euo pipefail
cd "$(dirname "$0")/.."
respondents="${1:-50000}"
duration="${2:-10s}"
dbname="hub_classes_bench_$$"
source bench/postgraphile_common.sh

fill_both "$respondents"
pg_token="$(token_of "$pg/$dbname")"
lite_token="$(token_of "sqlite://$work/hub.db")"
serve_both 18102 18103
wait_for_graphql 18102 18103
make_queries "$pg/$dbname"
classes=(pages organisation respondent findings comparisons)

python3 - "$work" "$pg_token" "$lite_token" "${classes[@]}" <<'PY'
import json, sys, urllib.request
work, pg_token, lite_token, *classes = sys.argv[1:]
for port, token in ((18102, pg_token), (18103, lite_token)):
    for name in classes:
        for body in open(f"{work}/hub-{name}.jsonl").read().splitlines():
            request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=body.encode(),
                headers={"content-type": "application/json", "authorization": f"Bearer {token}"})
            answer = json.load(urllib.request.urlopen(request))
            assert "errors" not in answer, (port, body, answer)
PY

# The connections of each class in the mix: its share of the list with comparisons.
read -r -a together < <(python3 - "$work" "${classes[@]}" <<'PY'
import sys
work, *classes = sys.argv[1:]
sizes = [len(open(f"{work}/hub-{c}.jsonl").read().splitlines()) for c in classes[:-1]]
sizes.append(sum(sizes) // 9)  # one comparison after every nine reads
shares = [max(1, round(64 * s / sum(sizes))) for s in sizes]
shares[sizes.index(max(sizes))] += 64 - sum(shares)
print(" ".join(map(str, shares)))
PY
)

for target in "18102 PostgreSQL $pg_token" "18103 SQLite $lite_token"; do
    set -- $target
    port="$1" server="$2" token="$3"
    for name in "${classes[@]}"; do
        script="$(lua "$work/hub-$name.jsonl" "$token")"
        before="$(cpu_seconds "bind 127.0.0.1:$port" "postgres: ")"
        wrk -t1 -c64 -d"$duration" -s "$script" "http://127.0.0.1:$port/graphql" | tail -n 1 \
            > "$work/alone.json"
        after="$(cpu_seconds "bind 127.0.0.1:$port" "postgres: ")"
        python3 - "$work/alone.json" "$server" "$name" "$before" "$after" "$duration" >> "$work/alone.md" <<'PY'
import json, re, sys
result, server, name, before, after, duration = sys.argv[1:]
r = json.load(open(result))
seconds = float(re.fullmatch(r"(\d+)s", duration).group(1))
requests = r["rps"] * seconds
hub, pg = (float(a) - float(b) for a, b in zip(after.split(), before.split()))
pg_text = f"{pg / requests * 1e6:,.0f}" if server == "PostgreSQL" else "-"
print(f"| {server} | {name} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} "
      f"| {hub / requests * 1e6:,.0f} | {pg_text} |")
PY
    done
    pids=()
    for i in "${!classes[@]}"; do
        name="${classes[$i]}"
        script="$(lua "$work/hub-$name.jsonl" "$token")"
        wrk -t1 -c"${together[$i]}" -d"$duration" -s "$script" "http://127.0.0.1:$port/graphql" \
            | tail -n 1 > "$work/together-$name.json" &
        pids+=($!)
    done
    wait "${pids[@]}"
    for i in "${!classes[@]}"; do
        name="${classes[$i]}"
        python3 - "$work/together-$name.json" "$server" "$name" "${together[$i]}" >> "$work/together.md" <<'PY'
import json, sys
result, server, name, connections = sys.argv[1:]
r = json.load(open(result))
print(f"| {server} | {name} | {connections} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} |")
PY
    done
done

echo "Each class alone (wrk -t1 -c64 -d$duration), CPU per request in microseconds:"
echo "| hub on | class | requests/s | p50 ms | p99 ms | errors | hub µs | PostgreSQL µs |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
cat "$work/alone.md"
echo
echo "All at once (one wrk per class, 64 connections in all):"
echo "| hub on | class | connections | requests/s | p50 ms | p99 ms | errors |"
echo "|---|---|---:|---:|---:|---:|---:|"
cat "$work/together.md"

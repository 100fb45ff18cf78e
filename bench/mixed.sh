#!/usr/bin/env bash
# A mixed read workload without the response cache, against PostGraphile 4 on the same
# PostgreSQL database, in one run (issue "Fast without the cache").
#
# 1. `hub demo --respondents N` into a fresh PostgreSQL database and a fresh SQLite file
#    (same seed, same rows; N = 50,000 gives about 1,000,000 answers);
# 2. PostGraphile 4 with postgraphile-plugin-connection-filter (for the findings
#    search) from npm, installed once under ~/.cache, on that database, with
#    `--disable-graphiql --disable-query-log`;
# 3. the hub on each database with `response_cache_mb = 0` and a researcher's token
#    (respondents are person-level: the hub audits every read of one, a write);
# 4. at least 1,000 distinct queries, shuffled, each in the hub's form and in
#    PostGraphile's: pages of organisations by region at every offset (the hub's
#    cursors), pages filtered by kind and status, single organisations by id, single
#    respondents by id with their answers, findings searches by a word of their text;
#    every one is checked to answer without errors on each server first;
# 5. wrk -t1 -c64 cycling through the list, DURATION per round, two rounds with the
#    servers in turn;
# 6. each hub again with an analytics comparison after every nine reads, first alone,
#    then while an admin changes an organisation's website every 2 s (each write bumps
#    the data version, so frames are built again, keeping their answer counts), then
#    while the admin changes its kind every 2 s instead (respondents are counted by
#    their organisation's kind: each write makes the hub count its respondents again),
#    then while `hub import survey` adds 25 new respondents every 2 s (the frames count
#    only them and add them to the counts they hold), and while it updates the same 25
#    every 2 s (the hub counts every answer again): "no request waits for a rebuild".
#
# Prints requests/s, p50 and p99 per server and round, and each hub's ratio to
# PostGraphile (targets: at least 3; at 1M answers p99 under 50 ms).
#
# Usage: bench/mixed.sh [RESPONDENTS] [DURATION]   (defaults 50000 and 10s)
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres; HUB_BENCH_PG overrides the URL),
# wrk (Debian's package) and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
respondents="${1:-50000}"
duration="${2:-10s}"
dbname="hub_mixed_bench_$$"
source bench/postgraphile_common.sh

fill_both "$respondents"
answers="$(psql -At "$pg/$dbname" -c "SELECT COUNT(*) FROM answer")"
pg_token="$(token_of "$pg/$dbname")"
lite_token="$(token_of "sqlite://$work/hub.db")"
pg_admin="$(token_of "$pg/$dbname" admin)"
lite_admin="$(token_of "sqlite://$work/hub.db" admin)"
serve_both 18092 18093
"$postgraphile" -c "$pg/$dbname" -n 127.0.0.1 -p 18094 \
    --append-plugins postgraphile-plugin-connection-filter \
    --disable-graphiql --disable-query-log > "$work/postgraphile.log" 2>&1 &
wait_for_graphql 18092 18093 18094

make_queries "$pg/$dbname"

# Every query answers without errors on each server, and the hub's answers hold as many
# items as PostGraphile's (the queries are equivalent); this also warms the servers.
python3 - "$work" "$pg_token" "$lite_token" <<'PY'
import json, sys, urllib.request
work, pg_token, lite_token = sys.argv[1:]
def post(port, body, token=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=body.encode(), headers=headers)
    answer = json.load(urllib.request.urlopen(request))
    assert "errors" not in answer, (port, body, answer)
    return answer["data"]
def size(data):
    value = next(iter(data.values()))
    if value is None:
        return 0
    if "nodes" in value:
        return len(value["nodes"])
    answers = value.get("answers", value.get("answersByRespondentId", {}))
    return 1 + len(answers.get("nodes", answers) if isinstance(answers, dict) else answers)
hub = open(f"{work}/hub.jsonl").read().splitlines()
pgl = open(f"{work}/pgl.jsonl").read().splitlines()
for h, p in zip(hub, pgl):
    want = size(post(18094, p))
    for port, token in ((18092, pg_token), (18093, lite_token)):
        got = size(post(port, h, token))
        assert got == want, (port, h, got, p, want)
# The comparisons of the last phase answer too, with rows.
for body in set(open(f"{work}/hub-analytics.jsonl").read().splitlines()) - set(hub):
    for port, token in ((18092, pg_token), (18093, lite_token)):
        rows = [v for k, v in post(port, body, token)["analytics"].items() if k != "dataVersion"]
        assert rows and rows[0], (port, body)
PY

pg_lua="$(lua "$work/hub.jsonl" "$pg_token")"
lite_lua="$(lua "$work/hub.jsonl" "$lite_token")"
pgl_lua="$(lua "$work/pgl.jsonl" "")"
cpu_patterns=("bind 127.0.0.1:18092" "bind 127.0.0.1:18093" "postgres: " "postgraphile")
run() {
    local before after
    before="$(cpu_seconds "${cpu_patterns[@]}")"
    run_wrk "$1" "$2" "$3" 64
    after="$(cpu_seconds "${cpu_patterns[@]}")"
    python3 - "$1" "$before" "$after" <<'PY' >&2
import sys
name, before, after = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
used = [float(a) - float(b) for a, b in zip(after, before)]
labels = ["hub on PostgreSQL", "hub on SQLite", "PostgreSQL", "PostGraphile"]
print(f"CPU s during '{name}': " + ", ".join(f"{l} {u:.1f}" for l, u in zip(labels, used)))
PY
}
# What PostgreSQL did in the background so far (checkpoints and the buffers they wrote,
# autovacuum and autoanalyze runs): a round slower than the next may be explained by it.
pg_background() {
    echo "after $1: PostgreSQL's background so far: $(psql -At -F ' ' "$pg/$dbname" -c "
        SELECT 'checkpoints', checkpoints_timed + checkpoints_req, 'buffers', buffers_checkpoint,
               'autovacuums', (SELECT SUM(autovacuum_count + autoanalyze_count) FROM pg_stat_all_tables)
        FROM pg_stat_bgwriter")" >&2
}
pg_background "the fill"
for round in 1 2; do
    run "hub on PostgreSQL" 18092 "$pg_lua"
    pg_background "round $round on the hub on PostgreSQL"
    run "hub on SQLite" 18093 "$lite_lua"
    run "PostGraphile 4 (Node.js $(node --version))" 18094 "$pgl_lua"
done
# Reads and comparisons while an admin changes an organisation every 2 s: each write
# bumps the data version, so the comparisons' frames are built again each time; a
# website keeps their answer counts, a kind makes them be counted again.
writer() { # PORT TOKEN STOPFILE website|kind -> number of writes
    python3 - "$@" <<'PY'
import json, os, sys, time, urllib.request
port, token, stop, what = sys.argv[1:]
def post(query):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": query}).encode(),
        headers={"content-type": "application/json", "authorization": f"Bearer {token}"})
    answer = json.load(urllib.request.urlopen(request))
    assert "errors" not in answer, answer
    return answer["data"]
writes = 0
while not os.path.exists(stop):
    stored = post('{ organisation(id: "1") { version kind } }')["organisation"]
    version = stored["version"]
    change = f'website: "https://example.org/{writes}"' if what == "website" else f'kind: {"OTHER" if stored["kind"] == "NGO" else "NGO"}'
    post(f'mutation {{ updateOrganisation(id: "1", version: "{version}", input: {{ {change} }}) {{ id }} }}')
    writes += 1
    time.sleep(2)
print(writes)
PY
}
# An import of 25 respondents of the demo survey every 2 s, by the command line as a
# partner would run it: new ones each time ("new", the frames count only them), or the
# same 25 with other answers ("update", which makes the hub count every answer again).
importer() { # DATABASE_URL STOPFILE new|update DATABASE_NAME -> number of imports
    local imports=0
    while [ ! -e "$2" ]; do
        python3 - "$work/import.csv" "$imports" "$3" <<'PY'
import sys
path, n, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
questions = [f"{t}{i}" for t in ("SU", "RT", "PB", "CR") for i in range(1, 6)]
rows = [f"id;submitdate;lastpage;startlanguage;region;role;{';'.join(questions)};CH1;FT1"]
for i in range(25):
    k = n * 25 + i if mode == "new" else i
    region = ("SE-DALARNA", "LV-TALSI", "LT-TRAKAI", "PT-BRAGA", "CY-CYPRUS")[k % 5]
    role = ("MUNICIPAL_OFFICIAL", "YOUNG_PERSON")[k % 2]
    values = [str((k + q + n) % 5 + 1) for q in range(len(questions))]
    rows.append(f"bench-{mode}-{k};2026-10-01 12:00:00;3;en;{region};{role};{';'.join(values)};EMAIL MEETINGS;")
open(path, "w").write("\n".join(rows) + "\n")
PY
        "$bin/hub" import survey --survey YC-2026 --into-demo --database-url "$1" "$work/import.csv" >> "$work/import-$4-$3.log" 2>&1
        imports=$((imports + 1))
        sleep 2
    done
    echo "$imports"
}
pg_mixed_lua="$(lua "$work/hub-analytics.jsonl" "$pg_token")"
lite_mixed_lua="$(lua "$work/hub-analytics.jsonl" "$lite_token")"
# The same list without the writer first: what the comparisons cost by themselves.
run "hub on PostgreSQL, with comparisons" 18092 "$pg_mixed_lua"
run "hub on SQLite, with comparisons" 18093 "$lite_mixed_lua"
for what in website kind import-new import-update; do
    case "$what" in
        website | kind) change="a new $what" ;;
        import-new) change="an import of 25 new respondents" ;;
        import-update) change="an import updating 25 respondents" ;;
    esac
    for target in "18092 $pg_admin $pg_mixed_lua PostgreSQL $pg/$dbname" \
        "18093 $lite_admin $lite_mixed_lua SQLite sqlite://$work/hub.db"; do
        set -- $target
        rm -f "$work/stop"
        if [ "${what%-*}" = import ]; then
            importer "$5" "$work/stop" "${what#import-}" "$4" > "$work/writes" &
        else
            writer "$1" "$2" "$work/stop" "$what" > "$work/writes" &
        fi
        writer_pid=$!
        run "hub on $4, with comparisons and $change every 2 s" "$1" "$3"
        touch "$work/stop"
        wait "$writer_pid"
        echo "hub on $4: $(cat "$work/writes") writes ($change) during the run" >&2
    done
done
# How long each build of the frames took, from the hubs' logs, by how the answers were
# counted (All: every answer; Changed(n): n respondents' answers; Kept: none).
python3 - "$work/hub-pg.log" "$work/hub-sqlite.log" <<'PY' >&2
import re, statistics, sys
for log in sys.argv[1:]:
    builds, steps = {}, {}
    for line in open(log):
        line = re.sub(r"\x1b\[[0-9;]*m", "", line)
        if "built the analytics frames" not in line:
            continue
        how = re.search(r"answers_counted=(\w+)", line).group(1)
        builds.setdefault(how, []).append(int(re.search(r"millis=(\d+)", line).group(1)))
        # Each step's time, where the build logs them (`phases=read 12 ms, joined 3 ms`).
        if (phases := re.search(r"phases=(.*?)\s*$", line)):
            for step, ms in re.findall(r"([a-z][a-z ]*?) (\d+) ms", phases.group(1)):
                steps.setdefault((how, step), []).append(int(ms))
    for how, ms in sorted(builds.items()):
        print(f"{log.rsplit('/', 1)[-1]}: {len(ms)} builds counting {how}: median {statistics.median(ms):.0f} ms, "
              f"min {min(ms)}, max {max(ms)}")
    for (how, step), ms in sorted(steps.items()):
        print(f"    {how}, {step}: median {statistics.median(ms):.0f} ms, min {min(ms)}, max {max(ms)}")
PY
# How long each import held the write lock (on SQLite every other write, the audit
# trail of reads included, waits that long), from the imports' own logs.
python3 - "$work"/import-*.log <<'PY' >&2
import re, statistics, sys
for log in sys.argv[1:]:
    held = [int(m.group(1)) for line in open(log)
            if (m := re.search(r"held_write_ms=(\d+)", re.sub(r"\x1b\[[0-9;]*m", "", line)))]
    if held:
        print(f"{log.rsplit('/', 1)[-1]}: {len(held)} imports held the write lock: median {statistics.median(held):.0f} ms, "
              f"min {min(held)}, max {max(held)}")
PY
echo "$answers answers; RSS after the runs (MiB): hub on PostgreSQL $(($(ps -o rss= -p "$(pgrep -f 'bind 127.0.0.1:18092')") / 1024)), hub on SQLite $(($(ps -o rss= -p "$(pgrep -f 'bind 127.0.0.1:18093')") / 1024))"

python3 - "$work/results.jsonl" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print("| server, response cache off | round | requests/s | p50 ms | p99 ms | errors |")
print("|---|---:|---:|---:|---:|---:|")
for i, r in enumerate(rows):
    round = i // 3 + 1 if i < 6 else "-"
    print(f"| {r['name']} | {round} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} |")
print()
for round in (0, 1):
    pg, lite, pgl = rows[3 * round: 3 * round + 3]
    print(f"round {round + 1}: hub on PostgreSQL / PostGraphile {pg['rps'] / pgl['rps']:.2f}, "
          f"hub on SQLite / PostGraphile {lite['rps'] / pgl['rps']:.2f} (target >= 3; p99 < 50 ms at 1M answers)")
PY

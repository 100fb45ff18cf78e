#!/usr/bin/env bash
# How long the analytics frames take to build after an import that updates a few
# respondents, with nothing else running: the cost of a write's build itself, apart
# from the load bench/mixed.sh puts around it.
#
# 1. `hub demo --respondents N` into a SQLite file (copied afresh for each server);
# 2. the hub on it with `response_cache_mb = 0`, one comparison to build the first
#    frames (every answer counted);
# 3. IMPORTS times: `hub import survey` updating the same 25 respondents with other
#    answers, a comparison (it is answered from the frames held and starts the build),
#    and 2.5 s for the build to end;
# 4. from the hub's log, the median of each build step, by how the answers were
#    counted (All, Changed), and the changed builds' median in all.
#
# With HUB_BENCH_BASE (a directory holding another build's `hub`), the two builds run in
# turn, this one first, twice each, and the ratio of their changed builds' medians is
# printed (below 1: this build's builds are shorter).
#
# Usage: bench/changed.sh [RESPONDENTS] [IMPORTS]   (defaults 50000, about a million answers, and 12)
#        HUB_BENCH_BIN=DIR HUB_BENCH_BASE=DIR bench/changed.sh ...
set -euo pipefail
cd "$(dirname "$0")/.."
respondents="${1:-50000}"
imports="${2:-12}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/youth-hub-target}"
if [ -n "${HUB_BENCH_BIN:-}" ]; then
    bin="$HUB_BENCH_BIN"
else
    cargo build --release --quiet -p hub --bin hub
    bin="$CARGO_TARGET_DIR/release"
fi
builds=("$bin")
[ -n "${HUB_BENCH_BASE:-}" ] && builds=("$bin" "$HUB_BENCH_BASE" "$bin" "$HUB_BENCH_BASE")
work="$(mktemp -d)"
cleanup() {
    kill $(jobs -p) 2> /dev/null || true
    wait 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "filling SQLite with $respondents respondents" >&2
"$bin/hub" demo --respondents "$respondents" --database-url "sqlite://$work/base.db" > /dev/null
printf 'a bench password, long enough\n' | "$bin/hub" user add bench-researcher \
    --role researcher --password-stdin --database-url "sqlite://$work/base.db" > /dev/null
token="$("$bin/hub" token create --user bench-researcher --database-url "sqlite://$work/base.db" 2> /dev/null)"
printf 'response_cache_mb = 0\n' > "$work/nocache.toml"

compare() {
    curl -fsS -o /dev/null -H "authorization: Bearer $token" -H 'content-type: application/json' \
        -d '{"query":"{ analytics { dataVersion themeScores(by: [COUNTRY]) { n } } }"}' \
        http://127.0.0.1:18111/graphql
}
run=0
for build in "${builds[@]}"; do
    run=$((run + 1))
    rm -f "$work"/run.db*
    for file in "$work"/base.db*; do cp "$file" "$work/run.db${file#"$work"/base.db}"; done
    "$build/hub" serve --config "$work/nocache.toml" --bind 127.0.0.1:18111 --no-demo \
        --database-url "sqlite://$work/run.db" > "$work/hub-$run.log" 2>&1 &
    server=$!
    for _ in $(seq 1 150); do compare 2> /dev/null && break; sleep 0.2; done
    for n in $(seq 1 "$imports"); do
        python3 - "$work/import.csv" "$n" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
questions = [f"{t}{i}" for t in ("SU", "RT", "PB", "CR") for i in range(1, 6)]
rows = [f"id;submitdate;lastpage;startlanguage;region;role;{';'.join(questions)};CH1;FT1"]
for k in range(25):
    region = ("SE-DALARNA", "LV-TALSI", "LT-TRAKAI", "PT-BRAGA", "CY-CYPRUS")[k % 5]
    role = ("MUNICIPAL_OFFICIAL", "YOUNG_PERSON")[k % 2]
    values = [str((k + q + n) % 5 + 1) for q in range(len(questions))]
    rows.append(f"bench-update-{k};2026-10-01 12:00:00;3;en;{region};{role};{';'.join(values)};EMAIL MEETINGS;")
open(path, "w").write("\n".join(rows) + "\n")
PY
        "$build/hub" import survey --survey YC-2026 --into-demo \
            --database-url "sqlite://$work/run.db" "$work/import.csv" > /dev/null 2>&1
        compare
        sleep 2.5
    done
    kill "$server"
    wait "$server" 2> /dev/null || true
done

python3 - "$work" "${#builds[@]}" "${builds[@]}" <<'PY'
import re, statistics, sys
work, n, builds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
changed = {}
for run in range(1, n + 1):
    steps = {}
    for line in open(f"{work}/hub-{run}.log"):
        line = re.sub(r"\x1b\[[0-9;]*m", "", line)
        if "built the analytics frames" not in line:
            continue
        how = re.search(r"answers_counted=(\w+)", line).group(1)
        steps.setdefault((how, "in all"), []).append(int(re.search(r"millis=(\d+)", line).group(1)))
        if (phases := re.search(r"phases=(.*?)\s*$", line)):
            for step, ms in re.findall(r"([a-z][a-z ]*?) (\d+) ms", phases.group(1)):
                steps.setdefault((how, step), []).append(int(ms))
    build = builds[run - 1]
    print(f"run {run}, {build}:")
    for (how, step), ms in sorted(steps.items()):
        print(f"    {how}, {step}: median {statistics.median(ms):.0f} ms of {len(ms)}, {min(ms)}-{max(ms)}")
    changed.setdefault(build, []).extend(steps.get(("Changed", "in all"), []))
if len(changed) == 2:
    this, base = (statistics.median(changed[b]) for b in builds[:2])
    print(f"changed builds, median: {this:.0f} ms against {base:.0f} ms: ratio {this / base:.2f}")
PY

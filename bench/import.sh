#!/usr/bin/env bash
# Survey import speed and memory against the sqlite3 shell's `.import` of the same file.
#
# Writes a wide survey file of RESPONDENTS respondents × the 20 Likert questions of the
# demo survey (one million answers at 50,000), as KoboToolbox exports it (_uuid, region,
# role, one column per question). Then, in the same run:
#   - `hub import survey` into a fresh SQLite database holding only the demo survey's
#     definitions (and one demo respondent), timed, with its peak RSS;
#   - the sqlite3 shell's `.import` of the same CSV into one plain table of a fresh
#     database: no checks, no per-answer rows, the ceiling of getting the bytes in.
# Prints answers per second for both, the ratio and the peak memory.
#
# Usage: bench/import.sh [RESPONDENTS]   (default 50000)
set -euo pipefail
cd "$(dirname "$0")/.."
respondents="${1:-50000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/youth-hub-target}"
command -v sqlite3 > /dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
cargo build --release --quiet -p hub --bin hub
hub="$CARGO_TARGET_DIR/release/hub"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$respondents" "$work/survey.csv" <<'PY'
import csv, random, sys
n, path = int(sys.argv[1]), sys.argv[2]
codes = [f"{t}{i}" for t in ("SU", "RT", "PB", "CR") for i in range(1, 6)]
regions = ["SE-DALARNA", "LV-TALSI", "LT-TRAKAI", "PT-BRAGA", "CY-CYPRUS"]
roles = ["MUNICIPAL_OFFICIAL", "ORGANISATION_REPRESENTATIVE", "YOUNG_PERSON"]
rng = random.Random(2026)
with open(path, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["_uuid", "region", "role"] + codes)
    for i in range(n):
        w.writerow([f"bench-{i:07d}", regions[i % 5], roles[i % 3]] + [rng.randint(1, 5) for _ in codes])
PY
answers=$((respondents * 20))
bytes="$(wc -c < "$work/survey.csv")"

"$hub" demo --respondents 1 --database-url "sqlite://$work/hub.db" > /dev/null
/usr/bin/time -f "%e %M" -o "$work/hub.time" \
    "$hub" import survey --into-demo --survey YC-2026 --database-url "sqlite://$work/hub.db" "$work/survey.csv" > "$work/hub.out"
read -r hub_seconds hub_kb < "$work/hub.time"
stored="$(sqlite3 "$work/hub.db" "SELECT COUNT(*) FROM answer a JOIN respondent r ON r.id = a.respondent_id WHERE r.external_id LIKE 'bench-%'")"

/usr/bin/time -f "%e %M" -o "$work/sqlite.time" \
    sqlite3 "$work/ceiling.db" -cmd "PRAGMA journal_mode=WAL" ".mode csv" ".import $work/survey.csv answers" > /dev/null
read -r sqlite_seconds sqlite_kb < "$work/sqlite.time"
rows="$(sqlite3 "$work/ceiling.db" "SELECT COUNT(*) FROM answers")"

python3 - "$answers" "$stored" "$rows" "$bytes" "$hub_seconds" "$hub_kb" "$sqlite_seconds" "$sqlite_kb" "$(cat "$work/hub.out")" <<'PY'
import sys
answers, stored, rows, size = (int(x) for x in sys.argv[1:5])
hub_s, hub_kb, sq_s, sq_kb = float(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8])
assert stored == answers, (stored, answers)
assert rows == answers // 20, (rows, answers)
print(f"file: {answers // 20:,} respondents × 20 questions = {answers:,} answers, {size / 1e6:.1f} MB")
print(f"hub says: {sys.argv[9]}")
print("| tool | seconds | answers/s | peak RSS MB |")
print("|---|---:|---:|---:|")
print(f"| `hub import survey` (checked, 1 row per answer) | {hub_s:.2f} | {answers / hub_s:,.0f} | {hub_kb / 1024:.0f} |")
print(f"| `sqlite3 .import` (ceiling: 1 row per respondent, no checks) | {sq_s:.2f} | {answers / sq_s:,.0f} | {sq_kb / 1024:.0f} |")
print()
print(f"hub / ceiling: {sq_s / hub_s:.1%} of the sqlite3 shell's speed")
print(f"target: >= 200,000 answers/s ({'met' if answers / hub_s >= 200_000 else 'NOT met'}), "
      f"peak memory < 500 MB ({'met' if hub_kb / 1024 < 500 else 'NOT met'})")
PY

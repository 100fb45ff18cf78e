#!/usr/bin/env bash
# What the query guard costs: the organisations query executed in-process against the
# guard's parse-and-check of the same document, in one run, and the time to refuse a
# fragment bomb. Prints the ratio against the 5 % target and the time against 5 ms.
#
# Usage: bench/guard.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/youth-hub-target}"
cargo run --release --quiet -p hub --example guard_bench

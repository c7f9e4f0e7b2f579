#!/usr/bin/env bash
# The load run by hand (not part of scripts/test): the release server on a fresh data
# directory, wrk posting valid creates with distinct uniqueness keys, then a count of the
# stored rows. Needs wrk (Debian: apt-get install -y wrk).
#
#   bash server/load/run.sh                  # -t2 -c32 -d30s
#   bash server/load/run.sh -t2 -c128 -d30s  # any wrk flags
#   DATA_DIR=/dev/shm/x bash server/load/run.sh   # a data dir of your choice, kept (here tmpfs)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cargo build --release --quiet -p credit-rules-server
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
data=${DATA_DIR:-}
[ -n "$data" ] || { data=$(mktemp -d); remove_data=1; }
log=$(mktemp)
export CREDIT_RULES_TOKEN=load
"$target_dir/release/credit-rules-server" --port 0 --data "$data" >"$log" 2>&1 &
server=$!
stop() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -f "$log"
  [ -z "${remove_data:-}" ] || rm -rf "$data"
}
trap stop EXIT
for _ in $(seq 1 100); do
  grep -q '^listening on ' "$log" && break
  sleep 0.1
done
base=$(sed -n 's/^listening on //p' "$log")
[ -n "$base" ] || { cat "$log" >&2; exit 1; }
[ $# -gt 0 ] || set -- -t2 -c32 -d30s
echo "release server at $base, data in $data; wrk $*"
wrk "$@" --latency -s server/load/create.lua "$base"
python3 - "$data/credits.sqlite3" <<'PY'
import sqlite3, sys
rows, keys = sqlite3.connect(sys.argv[1]).execute(
    "select count(*), count(distinct uniqueness_key) from credits").fetchone()
print(f"stored: {rows} rows, {keys} distinct uniqueness keys")
PY

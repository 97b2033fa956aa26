#!/usr/bin/env bash
# `ory-identity import file` end to end (#17 "Performance", #19's batch import): a file of pre-hashed bcrypt lines
# imported into a fresh store per run, one Markdown row per run: the tool's last line, user + system CPU seconds, wall
# time, peak RSS, load average. Targets:
#   sqlite     a fresh file in a temporary directory
#   postgres   a fresh database per run on the server of ORY_IMPORT_POSTGRES (a connection string; the database named
#              in it is only used to create and drop the run's own)
#   endpoint   --endpoint against the QuickStart (SQLite, a fresh file, free loopback ports), started per run from
#              ORY_IMPORT_QUICKSTART (a directory holding a built Ory.Identity.QuickStart.dll)
# ORY_IMPORT_CLI: a directory with a built tool (default: built here, Release). ORY_IMPORT_BASE: a second build's
# directory, run in alternation with the first in each round (before/after in the same session).
# Usage: benchmarks/import/run.sh [targets, default sqlite] [lines, default 100000] [rounds, default 1]
#   e.g. ORY_IMPORT_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres" benchmarks/import/run.sh "sqlite postgres" 100000 2
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
targets="${1:-sqlite}"
lines="${2:-100000}"
rounds="${3:-1}"
work="$(mktemp -d /tmp/ory-identity-import.XXXXXX)"

cli="${ORY_IMPORT_CLI:-}"
if [ -z "$cli" ]; then
  dotnet build "$root/src/Ory.Identity.Cli" -c Release -o "$work/cli" --nologo -v quiet >/dev/null
  cli="$work/cli"
fi
builds=("new=$cli")
[ -n "${ORY_IMPORT_BASE:-}" ] && builds=("base=$ORY_IMPORT_BASE" "new=$cli")
schema="default=$root/samples/Ory.Identity.QuickStart/identity.schema.json"

# The lines of docs/import-users.md's example: a schema, an email, a bcrypt hash of cost 12 (never verified here).
python3 - "$lines" >"$work/in.jsonl" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({'schema_id': 'default', 'traits': {'email': f'user{i}@example.com'}, 'credentials': {'password': {
        'config': {'hashed_password': '$2a$12$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6'}}}}, separators=(',', ':')))
PY

server=""
. "$here/../quickstart.sh"
psql_admin() { psql "$(echo "$ORY_IMPORT_POSTGRES" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/')" -q -c "$1" >/dev/null; }
trap 'stop_server; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# run <target> <build label> <tool directory>: one import, its row.
run() {
  local target="$1" label="$2" tool="$3" args=() db=""
  case "$target" in
    sqlite) rm -f "$work/r.db"*; args=(--sqlite "$work/r.db" --schema "$schema") ;;
    postgres)
      db="import_$RANDOM$RANDOM"
      psql_admin "CREATE DATABASE $db"
      args=(--postgres "$(echo "$ORY_IMPORT_POSTGRES" | sed "s/Database=[^;]*/Database=$db/")" --schema "$schema") ;;
    endpoint)
      rm -f "$work/qs.db"*
      local admin="http://127.0.0.1:$(free_port)" public="http://127.0.0.1:$(free_port)"
      start_quickstart "$ORY_IMPORT_QUICKSTART" "$admin" "$public" "http://127.0.0.1:$(free_port)" "$work/quickstart.log" \
        --storage sqlite --sqlite "$work/qs.db"
      wait_until_up "$admin" "$work/quickstart.log"
      args=(--endpoint "$admin") ;;
    *) echo "unknown target $target (sqlite, postgres, endpoint)" >&2; exit 2 ;;
  esac
  local load_before
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%U + %S s|%e s|%M" -o "$work/time" "$tool/ory-identity" import file "$work/in.jsonl" "${args[@]}" --progress none >"$work/out" 2>&1 || true
  IFS='|' read -r cpu wall rss <"$work/time"
  echo "| $target | $label | \`$(grep -a '^imported' "$work/out" || tail -n 1 "$work/out")\` | $cpu | $wall | $((rss / 1024)) MB | $load_before → $(cut -d' ' -f1 /proc/loadavg) |"
  [ -n "$db" ] && psql_admin "DROP DATABASE $db"
  stop_server
}

echo "== $(nproc) processors, $lines lines, $rounds round(s), commit $(git -C "$root" rev-parse --short HEAD); uptime: $(uptime)"
echo "| target | build | tool's last line | user + sys CPU | wall | peak RSS | load before → after |"
echo "|---|---|---|---:|---:|---:|---|"
for _ in $(seq 1 "$rounds"); do
  for target in $targets; do
    for build in "${builds[@]}"; do
      run "$target" "${build%%=*}" "${build#*=}"
    done
  done
done
echo "== uptime: $(uptime)"

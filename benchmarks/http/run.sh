#!/usr/bin/env bash
# Load test of the QuickStart server from a second process (wrk, from Debian: apt-get install -y wrk), on loopback
# only, on free ports (never 4433/4434/4455, which a QuickStart started by hand may hold), bounded in time, once per
# storage given: for each, after a 5 s warm-up of every scenario,
#   create           POST /admin/identities, a new email per request
#   get              GET /admin/identities/{id}
#   list             GET /admin/identities?page_size=250 (the first page; the creates above filled the table)
#   whoami           GET /sessions/whoami with X-Session-Token (a session from a native password login)
#   get beside create   GET /admin/identities/{id} measured while a second wrk runs creates at the same time, each
#                       with the given connections
# and prints one Markdown row per scenario: requests/s, p50 and p99 in ms, errors (non-2xx/3xx plus socket errors).
# SQLite: a fresh file in a temporary directory. PostgreSQL: ORY_HTTP_POSTGRES (a connection string to an empty
# database) when set, otherwise a throwaway server (initdb + pg_ctl as the postgres user, PostgreSQL's default
# durability) on a free port in a temporary directory, stopped and deleted at the end.
# Client and server share the machine's cores: record `uptime` with the figures (printed before and after).
# Usage: benchmarks/http/run.sh [duration, default 20s] [connections, default 16] [storages, default "inmemory"]
#   e.g. benchmarks/http/run.sh 15s 16 "sqlite postgres"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${1:-20s}"
connections="${2:-16}"
storages="${3:-inmemory}"

dotnet build "$root/samples/Ory.Identity.QuickStart/Ory.Identity.QuickStart.csproj" -c Release --nologo -v quiet
app_dir="$root/samples/Ory.Identity.QuickStart/bin/Release/net10.0"
work="$(mktemp -d /tmp/ory-identity-http-load.XXXXXX)"
chmod 755 "$work"

# A loopback port nothing listens on (a refused connection means free), below the kernel's ephemeral range.
ephemeral_low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
taken=" "
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((10000 + RANDOM % (ephemeral_low - 10000)))
    if [[ "$taken" != *" $port "* ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      taken="$taken$port "
      echo "$port"
      return
    fi
  done
  echo "No free loopback port found." >&2
  exit 1
}

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
pg_dir=""
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
start_postgres() {
  if [ -n "${ORY_HTTP_POSTGRES:-}" ]; then echo "$ORY_HTTP_POSTGRES"; return; fi
  [ -n "$pg_bin" ] || { echo "no PostgreSQL under /usr/lib/postgresql and no ORY_HTTP_POSTGRES" >&2; exit 1; }
  local port
  port=$(free_port)
  pg_dir="$work/pg"
  mkdir -p "$pg_dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_dir"
  as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c max_connections=200" -w start >/dev/null
  as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE http_load" >/dev/null
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=http_load"
}
stop_postgres() {
  if [ -n "$pg_dir" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    pg_dir=""
  fi
}

# shellcheck source=../quickstart.sh
. "$here/../quickstart.sh"
trap 'stop_server; stop_postgres; rm -rf "$work"' EXIT

# wrk_row <label> <wrk arguments...>: one run, its Markdown row.
wrk_row() {
  local label="$1"
  shift
  ORY_WRK_LABEL="$label" wrk -t 2 -c "$connections" --timeout 5s "$@" | grep '^| '
}

echo "== $(nproc) processors; $duration per scenario, $connections connections; uptime: $(uptime)"
echo "== commit $(git -C "$root" rev-parse --short HEAD)"
for storage in $storages; do
  case "$storage" in
    inmemory) store=(--storage inmemory) ;;
    sqlite) store=(--storage sqlite --sqlite "$work/identities.db") ;;
    postgres) store=(--storage postgres --postgres "$(start_postgres)") ;;
    *) echo "unknown storage $storage (inmemory, sqlite, postgres)" >&2; exit 2 ;;
  esac
  admin_port=$(free_port)
  public_port=$(free_port)
  ui_port=$(free_port)
  admin="http://127.0.0.1:$admin_port"
  public="http://127.0.0.1:$public_port"
  log="$work/quickstart-$storage.log"
  start_quickstart "$app_dir" "$admin" "$public" "http://127.0.0.1:$ui_port" "$log" "${store[@]}"
  wait_until_up "$admin" "$log"

  id=$(curl -fsS -X POST "$admin/admin/identities" -H 'Content-Type: application/json' \
    -d '{"schema_id":"default","traits":{"email":"load-get@example.com"}}' | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4)
  # A person with a password, signed in through the native login flow: the session token for whoami.
  curl -fsS -o /dev/null -X POST "$admin/admin/identities" -H 'Content-Type: application/json' \
    -d '{"schema_id":"default","traits":{"email":"load-whoami@example.com"},"credentials":{"password":{"config":{"password":"load test passphrase 1"}}}}'
  flow=$(curl -fsS "$public/self-service/login/api" | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4)
  token=$(curl -fsS -X POST "$public/self-service/login?flow=$flow" -H 'Content-Type: application/json' \
    -d '{"method":"password","identifier":"load-whoami@example.com","password":"load test passphrase 1"}' \
    | grep -o '"session_token":"[^"]*"' | cut -d'"' -f4)

  echo
  echo "== $storage: warm-up (5 s each), uptime $(uptime)"
  wrk -t 2 -c "$connections" -d 5s -s "$here/create-identity.lua" "$admin" >/dev/null
  wrk -t 2 -c "$connections" -d 5s "$admin/admin/identities/$id" >/dev/null
  wrk -t 2 -c "$connections" -d 5s "$admin/admin/identities?page_size=250" >/dev/null
  wrk -t 2 -c "$connections" -d 5s -H "X-Session-Token: $token" "$public/sessions/whoami" >/dev/null

  echo "| $storage: scenario ($duration, $connections connections) | req/s | p50 ms | p99 ms | errors |"
  echo "|---|---:|---:|---:|---:|"
  wrk_row "create: POST /admin/identities" -d "$duration" -s "$here/create-identity.lua" "$admin"
  wrk_row "get: GET /admin/identities/{id}" -d "$duration" -s "$here/report.lua" "$admin/admin/identities/$id"
  wrk_row "list: GET /admin/identities?page_size=250" -d "$duration" -s "$here/report.lua" "$admin/admin/identities?page_size=250"
  wrk_row "whoami: GET /sessions/whoami" -d "$duration" -s "$here/report.lua" -H "X-Session-Token: $token" "$public/sessions/whoami"
  # Two wrk processes at once: creates, and the gets measured beside them.
  wrk_row "create while gets run beside it" -d "$duration" -s "$here/create-identity.lua" "$admin" >"$work/beside-create.txt" &
  creates=$!
  wrk_row "get while creates run beside it" -d "$duration" -s "$here/report.lua" "$admin/admin/identities/$id"
  wait "$creates"
  cat "$work/beside-create.txt"
  echo "(uptime after $storage: $(uptime))"
  stop_server
  stop_postgres
done

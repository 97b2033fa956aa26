#!/usr/bin/env bash
# Builds the Ory.Identity QuickStart and, once per storage it offers (in-memory, SQLite, PostgreSQL), starts it in the
# background on two free loopback ports (never 4433/4434, which a QuickStart started by hand may hold), waits until that
# very process answers, runs the @ory/kratos-client compatibility suite with node's test runner against it, and stops
# the server (SIGTERM to the app). It fails when its own server does not start or dies during the suite, whatever else
# listens on the machine. For PostgreSQL it starts a throwaway server (initdb + pg_ctl as the postgres user, as the
# PostgreSQL store tests do); without PostgreSQL binaries or root that run is skipped, except with CI=true, where it fails.
# Usage: tests/kratos-client-compat/run.sh   (from anywhere; needs dotnet, node >= 20 and npm)
#        ORY_COMPAT_STORAGES="inmemory sqlite" tests/kratos-client-compat/run.sh   (a subset)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
project="$root/samples/Ory.Identity.QuickStart/Ory.Identity.QuickStart.csproj"
work="$(mktemp -d -t ory-identity-compat.XXXXXX)"
chmod 755 "$work"

dotnet build "$project" -c Release --nologo -v quiet

# A loopback port that nothing listens on now (bash's /dev/tcp: a refused connection means free), taken below the
# kernel's ephemeral range: a port in that range can be the local end of any outgoing connection (npm, PostgreSQL,
# the test runner) by the time the server binds it, which fails the bind with "address already in use".
ephemeral_low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
free_port() {
  local port low=10000 high=$((ephemeral_low - 1))
  if [ "$high" -le "$low" ]; then low=1024; fi
  for _ in $(seq 1 200); do
    port=$((low + RANDOM % (high - low + 1)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "No free loopback port found." >&2
  return 1
}
# Stops the running QuickStart server, if any (SIGTERM, then up to 5 s for it to exit).
server=""
stop() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server" 2>/dev/null || break
      sleep 0.1
    done
  fi
}

# Runs the suite against a QuickStart started with the given storage arguments (the first names the log). A server that
# could not bind its ports (another process took one between the check and the bind) is started again on new ports.
run_suite() {
  local attempt status
  for attempt in 1 2 3; do
    status=0
    run_suite_once "$@" || status=$?
    if [ "$status" -ne 75 ]; then return "$status"; fi
    echo "# ports taken before the server could bind them (attempt $attempt of 3); trying new ports" >&2
  done
  return 1
}

# One run of the suite; returns 75 when the server exited early because an address was already in use.
run_suite_once() {
  local log="$work/quickstart-$1.log"
  shift
  admin_port=$(free_port)
  public_port=$(free_port)
  while [ "$public_port" = "$admin_port" ]; do public_port=$(free_port); done
  ui_port=$(free_port)
  while [ "$ui_port" = "$admin_port" ] || [ "$ui_port" = "$public_port" ]; do ui_port=$(free_port); done
  admin_url="http://127.0.0.1:$admin_port"
  public_url="http://127.0.0.1:$public_port"

  # Run the built app directly (not `dotnet run`), so $! is the server itself and SIGTERM reaches it. If another process
  # takes a port first, Kestrel cannot bind, the app exits, and the wait below fails instead of testing someone else.
  # The breached-password check is off so that setting a password never reaches the network.
  app_dir="$root/samples/Ory.Identity.QuickStart/bin/Release/net10.0"
  (cd "$app_dir" && exec dotnet Ory.Identity.QuickStart.dll "$@" \
    --Kestrel:Endpoints:Admin:Url="$admin_url" --Kestrel:Endpoints:Public:Url="$public_url" \
    --Kestrel:Endpoints:Ui:Url="http://127.0.0.1:$ui_port" \
    --Ory:serve:admin:base_url="$admin_url/" --Ory:serve:public:base_url="$public_url/" \
    --Ory:selfservice:methods:password:config:haveibeenpwned_enabled=false) >"$log" 2>&1 &
  server=$!

  ready=0
  for _ in $(seq 1 120); do
    if ! kill -0 "$server" 2>/dev/null; then
      if grep -q "address already in use" "$log"; then
        stop; return 75
      fi
      echo "The QuickStart server exited early; its log:" >&2
      cat "$log" >&2
      stop; return 1
    fi
    if curl -fsS -o /dev/null "$admin_url/health/alive" 2>/dev/null \
      && curl -fsS -o /dev/null "$public_url/health/alive" 2>/dev/null \
      && grep -q "Now listening on: $admin_url" "$log" && grep -q "Now listening on: $public_url" "$log"; then
      ready=1
      break
    fi
    sleep 0.5
  done
  if [ "$ready" -ne 1 ]; then
    echo "The QuickStart server did not answer on $admin_url and $public_url within 60 s; its log:" >&2
    cat "$log" >&2
    stop; return 1
  fi

  local status=0
  (cd "$here" && ORY_ADMIN_URL="$admin_url" ORY_PUBLIC_URL="$public_url" node --test) || status=$?
  if ! kill -0 "$server" 2>/dev/null; then
    echo "The QuickStart server exited during the suite; its log:" >&2
    cat "$log" >&2
    status=1
  fi
  if [ "$status" -ne 0 ]; then
    echo "Server log: $log" >&2
  fi
  stop
  return "$status"
}

# A throwaway PostgreSQL server for the postgres run; prints its connection string.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
start_postgres() {
  if [ -z "$pg_bin" ] || [ "$(id -u)" -ne 0 ]; then
    return 1
  fi
  local port
  port=$(free_port)
  chown postgres:postgres "$work"
  su postgres -c "$pg_bin/initdb -D $work/pg -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "$pg_bin/pg_ctl -D $work/pg -l $work/pg.log -o '-c listen_addresses=127.0.0.1 -p $port -k $work' -w start" >/dev/null
  su postgres -c "$pg_bin/psql -h 127.0.0.1 -p $port -c 'create database compat'" >/dev/null
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=compat"
}
stop_postgres() {
  if [ -n "$pg_bin" ] && [ -f "$work/pg/postmaster.pid" ]; then
    su postgres -c "$pg_bin/pg_ctl -D $work/pg -m fast -w stop" >/dev/null || true
  fi
}
trap 'stop; stop_postgres' EXIT

(cd "$here" && (npm ci --no-audit --no-fund || npm install --no-audit --no-fund))
overall=0
for storage in ${ORY_COMPAT_STORAGES:-inmemory sqlite postgres}; do
  echo "# storage: $storage"
  case "$storage" in
    inmemory) run_suite inmemory --storage inmemory || overall=1 ;;
    sqlite) run_suite sqlite --storage sqlite --sqlite "$work/identities.db" || overall=1 ;;
    postgres)
      if connection=$(start_postgres); then
        run_suite postgres --storage postgres --postgres "$connection" || overall=1
      elif [ "${CI:-}" = "true" ]; then
        echo "PostgreSQL could not be started for the postgres run (needs root and /usr/lib/postgresql/*/bin)." >&2
        overall=1
      else
        echo "# skipped: PostgreSQL binaries or root are missing"
      fi
      ;;
    *) echo "Unknown storage \"$storage\" in ORY_COMPAT_STORAGES." >&2; overall=1 ;;
  esac
done
exit "$overall"

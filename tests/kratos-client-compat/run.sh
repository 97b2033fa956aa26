#!/usr/bin/env bash
# Builds and starts the Ory.Identity QuickStart server in the background on two free loopback ports (never 4433/4434,
# which a QuickStart started by hand may hold), waits until that very process answers, runs the @ory/kratos-client
# compatibility suite with node's test runner against it, and stops the server (SIGTERM to the app). It fails when its
# own server does not start or dies during the suite, whatever else listens on the machine.
# Usage: tests/kratos-client-compat/run.sh   (from anywhere; needs dotnet, node >= 20 and npm)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
project="$root/samples/Ory.Identity.QuickStart/Ory.Identity.QuickStart.csproj"
log="$(mktemp -t ory-identity-quickstart.XXXXXX.log)"

dotnet build "$project" -c Release --nologo -v quiet

# A loopback port that nothing listens on now (bash's /dev/tcp: a refused connection means free).
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "No free loopback port found." >&2
  return 1
}
admin_port=$(free_port)
public_port=$(free_port)
while [ "$public_port" = "$admin_port" ]; do public_port=$(free_port); done
admin_url="http://127.0.0.1:$admin_port"
public_url="http://127.0.0.1:$public_port"

# Run the built app directly (not `dotnet run`), so $! is the server itself and SIGTERM reaches it. If another process
# takes a port first, Kestrel cannot bind, the app exits, and the wait below fails instead of testing someone else.
# The breached-password check is off: the suite never reaches the network.
# The breached-password check is off so that setting a password never reaches the network.
app_dir="$root/samples/Ory.Identity.QuickStart/bin/Release/net10.0"
(cd "$app_dir" && exec dotnet Ory.Identity.QuickStart.dll --storage inmemory \
  --Kestrel:Endpoints:Admin:Url="$admin_url" --Kestrel:Endpoints:Public:Url="$public_url" \
  --Ory:serve:admin:base_url="$admin_url/" --Ory:serve:public:base_url="$public_url/" \
  --Ory:selfservice:methods:password:config:haveibeenpwned_enabled=false) >"$log" 2>&1 &
server=$!

stop() {
  if kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server" 2>/dev/null || break
      sleep 0.1
    done
  fi
}
trap stop EXIT

ready=0
for _ in $(seq 1 120); do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "The QuickStart server exited early; its log:" >&2
    cat "$log" >&2
    exit 1
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
  exit 1
fi

cd "$here"
npm ci --no-audit --no-fund || npm install --no-audit --no-fund
status=0
ORY_ADMIN_URL="$admin_url" ORY_PUBLIC_URL="$public_url" node --test || status=$?
if ! kill -0 "$server" 2>/dev/null; then
  echo "The QuickStart server exited during the suite; its log:" >&2
  cat "$log" >&2
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "Server log: $log" >&2
fi
exit "$status"

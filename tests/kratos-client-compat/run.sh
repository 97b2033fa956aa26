#!/usr/bin/env bash
# Builds and starts the Ory.Identity QuickStart server in the background, waits for its admin port, runs the
# @ory/kratos-client compatibility suite with node's test runner, and stops the server (SIGTERM to the app).
# Usage: tests/kratos-client-compat/run.sh   (from anywhere; needs dotnet, node >= 20 and npm)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
project="$root/samples/Ory.Identity.QuickStart/Ory.Identity.QuickStart.csproj"
log="$(mktemp -t ory-identity-quickstart.XXXXXX.log)"

dotnet build "$project" -c Release --nologo -v quiet

# Run the built app directly (not `dotnet run`), so $! is the server itself and SIGTERM reaches it.
app_dir="$root/samples/Ory.Identity.QuickStart/bin/Release/net10.0"
(cd "$app_dir" && exec dotnet Ory.Identity.QuickStart.dll --storage inmemory) >"$log" 2>&1 &
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
  if curl -fsS -o /dev/null "http://127.0.0.1:4434/health/alive" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.5
done
if [ "$ready" -ne 1 ]; then
  echo "The QuickStart server did not answer on 127.0.0.1:4434 within 60 s; its log:" >&2
  cat "$log" >&2
  exit 1
fi

cd "$here"
npm ci --no-audit --no-fund || npm install --no-audit --no-fund
status=0
node --test || status=$?
if [ "$status" -ne 0 ]; then
  echo "Server log: $log" >&2
fi
exit "$status"

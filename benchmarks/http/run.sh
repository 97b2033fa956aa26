#!/usr/bin/env bash
# Load test of the QuickStart server from a second process (wrk, from Debian: apt-get install -y wrk), on loopback only,
# bounded in time: POST /admin/identities, GET /admin/identities/{id} and GET /sessions/whoami (a session token from a
# native password login), with latency percentiles.
# Usage: benchmarks/http/run.sh [duration, default 20s] [connections, default 16]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${1:-20s}"
connections="${2:-16}"

dotnet build "$root/samples/Ory.Identity.QuickStart/Ory.Identity.QuickStart.csproj" -c Release --nologo -v quiet
app_dir="$root/samples/Ory.Identity.QuickStart/bin/Release/net10.0"
(cd "$app_dir" && exec dotnet Ory.Identity.QuickStart.dll --storage inmemory --Logging:LogLevel:Default=Warning) >/tmp/ory-identity-quickstart-load.log 2>&1 &
server=$!
trap 'kill -TERM "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null http://127.0.0.1:4434/health/alive 2>/dev/null && break
  sleep 0.5
done

id=$(curl -fsS -X POST http://127.0.0.1:4434/admin/identities -H 'Content-Type: application/json' \
  -d '{"schema_id":"default","traits":{"email":"load-get@example.com"}}' | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4)

# A person with a password, signed in through the native login flow: the session token for whoami.
curl -fsS -o /dev/null -X POST http://127.0.0.1:4434/admin/identities -H 'Content-Type: application/json' \
  -d '{"schema_id":"default","traits":{"email":"load-whoami@example.com"},"credentials":{"password":{"config":{"password":"load test passphrase 1"}}}}'
flow=$(curl -fsS http://127.0.0.1:4433/self-service/login/api | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4)
token=$(curl -fsS -X POST "http://127.0.0.1:4433/self-service/login?flow=$flow" -H 'Content-Type: application/json' \
  -d '{"method":"password","identifier":"load-whoami@example.com","password":"load test passphrase 1"}' \
  | grep -o '"session_token":"[^"]*"' | cut -d'"' -f4)

echo "== warm-up"
wrk -t 2 -c "$connections" -d 5s -s "$here/create-identity.lua" http://127.0.0.1:4434 >/dev/null
wrk -t 2 -c "$connections" -d 5s "http://127.0.0.1:4434/admin/identities/$id" >/dev/null
wrk -t 2 -c "$connections" -d 5s -H "X-Session-Token: $token" http://127.0.0.1:4433/sessions/whoami >/dev/null

echo "== POST /admin/identities ($duration, $connections connections)"
wrk -t 2 -c "$connections" -d "$duration" --latency -s "$here/create-identity.lua" http://127.0.0.1:4434
echo "== GET /admin/identities/{id} ($duration, $connections connections)"
wrk -t 2 -c "$connections" -d "$duration" --latency "http://127.0.0.1:4434/admin/identities/$id"
echo "== GET /sessions/whoami with X-Session-Token ($duration, $connections connections)"
wrk -t 2 -c "$connections" -d "$duration" --latency -H "X-Session-Token: $token" http://127.0.0.1:4433/sessions/whoami

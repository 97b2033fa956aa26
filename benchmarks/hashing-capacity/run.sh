#!/usr/bin/env bash
# Hashing capacity: one batch of cleartext passwords (PATCH /admin/identities, 200 items by default, bcrypt cost 12 as
# the QuickStart is configured) against the QuickStart on in-memory storage, while GET /admin/identities/{id} is sampled
# back to back; prints the GET latency percentiles and the batch's duration, for each mode:
#   bounded    the defaults: hashers.max_concurrency = processors - 1 (at least 1), hashers.max_queue = 64
#   unbounded  the limits raised out of the way (max_concurrency 1024, max_queue 100000): every item of the batch is
#              handed to the thread pool at once, as main's Parallel.For did
# The server listens on free loopback ports (never 4433/4434) and is stopped at the end. Record `uptime` with the
# figures: the machine's other load moves them.
# Usage: benchmarks/hashing-capacity/run.sh [batch size, default 200] [modes, default "unbounded bounded"]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
size="${1:-200}"
modes="${2:-unbounded bounded}"

dotnet build "$root/samples/Ory.Identity.QuickStart/Ory.Identity.QuickStart.csproj" -c Release --nologo -v quiet
app_dir="$root/samples/Ory.Identity.QuickStart/bin/Release/net10.0"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# shellcheck source=../quickstart.sh
. "$here/../quickstart.sh"
trap stop_server EXIT

echo "== $(nproc) processors; uptime: $(uptime)"
for mode in $modes; do
  case "$mode" in
    bounded) limits=() ;;
    unbounded) limits=(--Ory:hashers:max_concurrency=1024 --Ory:hashers:max_queue=100000) ;;
    *) echo "unknown mode $mode (bounded, unbounded)" >&2; exit 2 ;;
  esac
  admin_port=$(free_port)
  public_port=$(free_port)
  log="$(mktemp /tmp/ory-identity-hashing-capacity.XXXXXX.log)"
  (cd "$app_dir" && exec dotnet Ory.Identity.QuickStart.dll --storage inmemory \
    --Kestrel:Endpoints:Admin:Url="http://127.0.0.1:$admin_port" \
    --Kestrel:Endpoints:Public:Url="http://127.0.0.1:$public_port" \
    --Ory:serve:admin:base_url="http://127.0.0.1:$admin_port/" \
    --Ory:serve:public:base_url="http://127.0.0.1:$public_port/" \
    --Logging:LogLevel:Default=Warning "${limits[@]}") >"$log" 2>&1 &
  server=$!
  wait_until_up "http://127.0.0.1:$admin_port" "$log"
  echo "== $mode (admin port $admin_port), uptime before: $(uptime)"
  python3 "$here/measure.py" "http://127.0.0.1:$admin_port" "$size" "$mode"
  echo "   uptime after: $(uptime)"
  stop_server
  rm -f "$log"
done

# Sourced by the benchmark scripts that run the QuickStart in the background (http/run.sh, hashing-capacity/run.sh):
# wait for it to answer, stop it. The caller starts it with `... &` and sets server=$! before calling these.
server=""

# wait_until_up <admin base URL> <log file>: waits up to 2 min for /health/alive; on failure prints the log and exits.
wait_until_up() {
  local up=""
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$1/health/alive" 2>/dev/null; then up=1; break; fi
    kill -0 "$server" 2>/dev/null || break
    sleep 0.5
  done
  if [ -z "$up" ]; then
    echo "the QuickStart did not start on $1; its log ($2):" >&2
    cat "$2" >&2
    exit 1
  fi
}

# start_quickstart <app directory> <admin URL> <public URL> <ui URL> <log file> <storage arguments...>: starts the
# QuickStart in the background on those loopback URLs (no breach lookup, warnings only), sets server=$!.
start_quickstart() {
  local app="$1" admin="$2" public="$3" ui="$4" log="$5"
  shift 5
  (cd "$app" && exec dotnet Ory.Identity.QuickStart.dll "$@" \
    --Kestrel:Endpoints:Admin:Url="$admin" --Kestrel:Endpoints:Public:Url="$public" --Kestrel:Endpoints:Ui:Url="$ui" \
    --Ory:serve:admin:base_url="$admin/" --Ory:serve:public:base_url="$public/" \
    --Ory:selfservice:methods:password:config:haveibeenpwned_enabled=false \
    --Logging:LogLevel:Default=Warning) >"$log" 2>&1 &
  server=$!
}

# stop_server: stops the QuickStart started last (if any) and waits for it to end.
stop_server() {
  if [ -n "$server" ]; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}

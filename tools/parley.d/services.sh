# shellcheck shell=bash
# services.sh: the Quarkus services, run from their packaged jars (services/*/target/quarkus-app).
#
# Owns SERVICES (name:port, in start order), $RUN/<name>.pid and .parley/logs/<name>.log per instance.
#
# Offers:
#   start_service SERVICE PORT [NAME]   start one (NAME: instance name, e.g. routing-e2e)
#   wait_service_ready NAME PORT        wait for /q/health/ready
#   stop_services                       stop the `up` services, reverse order
#   seed_demo_tenant [DB] [ORIGINS]     upsert the demo tenant acme and its agents (config/demo/acme.sql)
#   demo_identity_secret                acme's identity secret on this machine (signs visitor ids in the demo)
#   visitor_token_secret                print this machine's visitor token secret (made once, kept in .parley/secrets)

SERVICES=(routing:8081 bot:8082 gateway:8080)

# $3: instance name for the pid and log files (default: the service's name); configuration comes from the
# caller's environment (PARLEY_* variables, see the README).
start_service() {
  local service="$1" port="$2" name="${3:-$1}" jar="$ROOT/services/$1/target/quarkus-app/quarkus-run.jar" pid
  if pid="$(live_pid "$RUN/$name.pid" quarkus-run.jar)"; then
    say "$name: already running (pid $pid) on port $port"
    return
  fi
  [[ -f "$jar" ]] || die "$name: $jar is missing (did the package step build services/$service?)"
  say "$name: starting on port $port"
  # cwd = module dir so relative paths in its config resolve as in a normal run.
  (cd "$ROOT/services/$service" && QUARKUS_HTTP_PORT="$port" \
    spawn_detached "$RUN/$name.pid" "$LOGS/$name.log" "$JAVA" -jar "$jar")
}

# $1: instance name as given to start_service.
wait_service_ready() {
  local name="$1" port="$2" deadline=$((SECONDS + 90))
  while ((SECONDS < deadline)); do
    live_pid "$RUN/$name.pid" quarkus-run.jar >/dev/null \
      || { tail -n 30 "$LOGS/$name.log" >&2 || true; die "$name exited during startup (log: $LOGS/$name.log)"; }
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; then
      say "$name: ready on http://127.0.0.1:$port"
      return
    fi
    sleep 1
  done
  die "$name not ready after 90 s (log: $LOGS/$name.log)"
}

stop_services() {
  local entry
  # Reverse order: gateway first, it is the one depending on routing.
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    entry="${SERVICES[$i]}"
    stop_pid_file "${entry%%:*}" "$RUN/${entry%%:*}.pid" quarkus-run.jar
  done
}

# The demo tenant `acme` and its agents' profiles (config/demo/acme.sql) in database $1 (default parley) with the
# allowed origins $2 (comma-separated, default the gateway on 8080), upserted so origins stay current.
seed_demo_tenant() {
  local db="${1:-parley}" origins="${2:-http://localhost:8080,http://127.0.0.1:8080}"
  { printf '\\c %s\n\\set origins %s\n\\set identity_secret %s\n' "$db" "'$origins'" "'$(demo_identity_secret)'"
    cat "$ROOT/config/demo/acme.sql"; } | pg_admin >/dev/null \
    || die "could not seed tenant acme in database $db (config/demo/acme.sql)"
  say "tenant acme: present in database $db (allowed origins $origins; agents alice, bob, sam with skills)"
}

# The demo tenant's identity secret (what its backend would sign visitor ids with, docs/widget.md), generated once per
# machine; the seed sets it only where acme has none, so a secret rotated through the admin API stays.
demo_identity_secret() { machine_secret acme-identity-secret; }

# A random secret generated once per machine, kept in $STATE/secrets/NAME.
machine_secret() {
  local file="$STATE/secrets/$1"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$STATE/secrets"
    (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n' >"$file")
  fi
  cat "$file"
}

# The gateways' visitor token secret: PARLEY_VISITOR_TOKEN_SECRET if set, else one generated once per machine (a
# packaged gateway refuses to start without a secret of its own, see services/gateway/README.md).
visitor_token_secret() {
  if [[ -n "${PARLEY_VISITOR_TOKEN_SECRET:-}" ]]; then
    printf '%s\n' "$PARLEY_VISITOR_TOKEN_SECRET"
    return
  fi
  machine_secret visitor-token-secret
}

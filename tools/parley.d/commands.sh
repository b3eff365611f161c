# shellcheck shell=bash
# commands.sh: what each ./parley command does; the dispatcher (./parley) maps command names to these.
#
# Offers:
#   cmd_infra, cmd_test [MAVEN_ARGS...], cmd_e2e, cmd_bot eval BOT_DIR, cmd_up, cmd_down, cmd_status
#   stop_started    stops the parts in STARTED, newest first (the EXIT trap of `test` and `e2e`)
#   status_line     one line of `status`

cmd_infra() { ensure_infra; }

# ./parley bot eval <bot-dir>: runs a bot's evals (docs/bots.md) and prints the pass table; no services needed.
cmd_bot() {
  [[ "${1:-}" == eval && $# -eq 2 ]] || die "usage: ./parley bot eval <bot-dir>"
  ensure_java
  local jar="$ROOT/services/bot/target/quarkus-app/quarkus-run.jar"
  if [[ ! -f "$jar" ]]; then
    say "build: services/bot"
    (cd "$ROOT" && ./mvnw -q -pl services/common,services/bot -am package -DskipTests) || die "could not build services/bot"
  fi
  exec "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$jar" eval "$2"
}

cmd_e2e() {
  ensure_node
  trap stop_started EXIT
  ensure_infra
  say "build: ./mvnw -q package -DskipTests"
  (cd "$ROOT" && ./mvnw -q package -DskipTests)
  browser_stage
}

cmd_test() {
  # Stop only what this run started, also when Maven or infra fails or the run is interrupted.
  trap stop_started EXIT
  ensure_kubectl
  ensure_node
  ensure_infra
  # The tests own their fixtures (an empty test database, consumer groups past old records: testkit TestDatabase,
  # KafkaBacklog), so a single module's tests run the same way from ./mvnw.
  (cd "$ROOT" && ./mvnw -B verify "$@") || exit $?
  # verify has packaged both services: the browser stage runs those jars.
  browser_stage
}

# Stops what this invocation started, newest first (the e2e services before Keycloak and the infrastructure).
stop_started() {
  local i part
  for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
    part="${STARTED[$i]}"
    case "$part" in
      *-e2e) stop_pid_file "$part" "$RUN/$part.pid" quarkus-run.jar ;;
      *) "stop_$part" ;;
    esac
  done
}

cmd_up() {
  ensure_node
  ensure_infra
  ensure_keycloak
  say "build: ./mvnw -q package -DskipTests"
  (cd "$ROOT" && ./mvnw -q package -DskipTests)
  local entry
  # The bot service runs from services/bot: point it at the repository's bots (each folder names its tenant).
  export PARLEY_BOT_DIR="${PARLEY_BOT_DIR:-$ROOT/bots}"
  # Agents' and bot designers' tokens come from the local Keycloak (the issuer must match the console's URL).
  export PARLEY_OIDC_URL="${PARLEY_OIDC_URL:-http://127.0.0.1:$KEYCLOAK_PORT/realms/parley}"
  PARLEY_VISITOR_TOKEN_SECRET="$(visitor_token_secret)"
  export PARLEY_VISITOR_TOKEN_SECRET
  # Ticket replies are mailed to visitors who left an address: without an SMTP server of yours, they are logged.
  [[ -n "${PARLEY_SMTP_HOST:-}" ]] || export PARLEY_SMTP_MOCK=true
  # One at a time: routing migrates the schema the gateway reads.
  for entry in "${SERVICES[@]}"; do
    start_service "${entry%%:*}" "${entry##*:}"
    wait_service_ready "${entry%%:*}" "${entry##*:}"
  done
  seed_demo_tenant
  say ""
  say "gateway:        http://localhost:8080  (health: /q/health, metrics: /q/metrics)"
  say "routing:        http://localhost:8081  (health: /q/health, metrics: /q/metrics)"
  say "bot:            http://127.0.0.1:8082  (internal, this machine only; /api/v1/bots needs an admin or bot-designer token of the tenant)"
  say "                acme's visitors talk to the bot first; \"转人工\" or \"human\" hands over to an agent with the topic's skill"
  say "demo tenant:    acme (allowed origins http://localhost:8080, http://127.0.0.1:8080)"
  say "visitor session: curl -s -XPOST localhost:8080/api/v1/widget/sessions -H 'content-type: application/json' -d '{\"tenant\":\"acme\"}'"
  say "                 then open ws://localhost:8080/ws/visitor with the token (docs/protocol.md)"
  say "hosted chat:    http://localhost:8080/chat/acme"
  say "demo page:      http://localhost:8080/demo/acme.html  (the widget: docs/widget.md)"
  [[ -n "${PARLEY_SMTP_HOST:-}" ]] || say "email:          mails to visitors (offline-form receipts, ticket replies) are written to the gateway's log (set PARLEY_SMTP_HOST to send them)"
  say "agent console:  http://localhost:8080/console/"
  print_credentials
}

cmd_down() {
  mkdir -p "$RUN"
  stop_services
  stop_e2e_services
  stop_keycloak
  stop_kafka
  stop_redis
  stop_postgres
}

# "up (started by parley, pid N)" vs "up (external)" tells `down` users what it will stop.
status_line() {
  local name="$1" up="$2" owned="$3"
  if [[ "$up" == yes ]]; then
    say "$name: up${owned:+ ($owned)}"
  else
    say "$name: down"
  fi
}

cmd_status() {
  local up owned pid entry name
  up=no; pg_ready && up=yes
  owned=external; [[ -f "$RUN/postgres.started" ]] && owned="started by parley"
  status_line "postgres ($PG_HOST:$PG_PORT)" "$up" "$owned"

  up=no; command -v redis-cli >/dev/null && redis_ready && up=yes
  owned=external; pid="$(live_pid "$RUN/redis.pid" redis-server)" && owned="started by parley, pid $pid"
  status_line "redis ($REDIS_HOST:$REDIS_PORT)" "$up" "$owned"

  up=no; port_open 127.0.0.1 9092 && up=yes
  owned=external; pid="$(live_pid "$RUN/kafka.pid" kafka.Kafka)" && owned="started by parley, pid $pid"
  status_line "kafka ($KAFKA_BOOTSTRAP)" "$up" "$owned"

  if [[ -f "$RUN/keycloak.pid" ]]; then
    up=no; keycloak_ready && up=yes
    status_line "keycloak (127.0.0.1:$KEYCLOAK_PORT)" "$up" "started by parley"
  fi

  for entry in "${SERVICES[@]}"; do
    name="${entry%%:*}"
    [[ -f "$RUN/$name.pid" ]] || continue
    if pid="$(live_pid "$RUN/$name.pid" quarkus-run.jar)"; then
      say "$name (port ${entry##*:}): up (pid $pid)"
    else
      say "$name (port ${entry##*:}): down"
    fi
  done
}

# shellcheck shell=bash
# e2e.sh: the browser stage (e2e/), run by `test` after Maven and by `e2e` alone.
#
# Owns E2E_* (ports 18480/18481/18482, the widget journey's two sites on 18483 (allowed) and 18484 (not), database
# parley_e2e, Redis database 7, topic prefix e2e., consumer group parley-routing-e2e, screenshots in
# .parley/logs/e2e), CHROMIUM (PARLEY_CHROMIUM overrides it) and the e2e lock ($RUN/e2e.lock on fd 8).
#
# Offers:
#   ensure_chromium, ensure_e2e_deps        Debian's Chromium (and a Chinese font), Node.js >= 20 and npm playwright-core
#   check_keycloak_redirect                 the realm accepts the e2e console's redirect URI
#   export_e2e_store, reset_e2e_store       the e2e services' database, Redis database and Kafka
#   start_e2e_services, stop_e2e_services   routing-e2e and gateway-e2e
#   browser_stage                           the whole stage

# A real Chromium (Debian's, driven by npm playwright-core) runs e2e/browser-smoke.mjs against a gateway and
# routing of their own: own ports (so it runs next to `./parley up`), own database, own Redis database (agent
# presence and load), own Kafka topics and consumer group. Keycloak is the shared one on $KEYCLOAK_PORT.
E2E_DIR="$ROOT/e2e"
# These two ports are also in the console client's redirect URIs in config/keycloak/parley-realm.json.
E2E_GATEWAY_PORT=18480 E2E_ROUTING_PORT=18481 E2E_BOT_PORT=18482
# The widget journey serves a shop from 18483 (on acme's allow-list) and a foreign site from 18484 (not on it), and
# receives the e2e gateway's mail on 18485 (e2e/smtp-sink.mjs, a small SMTP server in the journey's own process).
E2E_SHOP_PORT=18483 E2E_FOREIGN_PORT=18484 E2E_SMTP_PORT=18485
# The topic prefix is profile e2e's (parley.kafka.topic-prefix in services/common/.../topics.properties).
E2E_DB=parley_e2e E2E_REDIS_DB=7 E2E_TOPIC_PREFIX=e2e. E2E_GROUP=parley-routing-e2e E2E_BOT_GROUP=parley-bot-e2e
E2E_SCREENSHOTS="$LOGS/e2e"
CHROMIUM="${PARLEY_CHROMIUM:-/usr/bin/chromium}"

ensure_chromium() {
  if [[ ! -x "$CHROMIUM" ]]; then
    can_apt_install || die "Chromium is missing ($CHROMIUM). Run: sudo apt-get update && sudo apt-get install -y chromium"
    apt_install chromium
    [[ -x "$CHROMIUM" ]] || die "apt-get installed chromium but $CHROMIUM is still missing"
  fi
  # A Chinese font, so the zh-CN screenshots the widget journey leaves show text rather than empty boxes.
  if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    if can_apt_install; then apt_install fonts-wqy-zenhei; else say "e2e: no Chinese font (fonts-wqy-zenhei): zh-CN screenshots will show boxes"; fi
  fi
}

# playwright-core only (it never downloads a browser); reinstalled when package-lock.json changes.
ensure_e2e_deps() {
  ensure_node
  if [[ ! -f "$E2E_DIR/node_modules/.package-lock.json" \
    || "$E2E_DIR/package-lock.json" -nt "$E2E_DIR/node_modules/.package-lock.json" ]]; then
    say "e2e: npm ci (playwright-core)"
    (cd "$E2E_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) \
      || die "npm ci failed in $E2E_DIR"
  fi
}

# Keycloak imports the realm only on its first start: a realm imported before the e2e redirect URIs were added
# would refuse the console's login. Keycloak answers an unknown redirect URI with 400 before showing its form.
check_keycloak_redirect() {
  local uri="http://127.0.0.1:$E2E_GATEWAY_PORT/console/" code
  code="$(curl -s -o /dev/null -w '%{http_code}' --get \
    "http://127.0.0.1:$KEYCLOAK_PORT/realms/parley/protocol/openid-connect/auth" \
    --data-urlencode client_id=parley-console --data-urlencode response_type=code --data-urlencode scope=openid \
    --data-urlencode "redirect_uri=$uri" --data-urlencode code_challenge_method=S256 \
    --data-urlencode code_challenge=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU)" || true
  [[ "$code" == 200 ]] || die "keycloak: realm parley refuses redirect URI $uri (HTTP $code): it was imported before \
config/keycloak/parley-realm.json listed it. Stop Keycloak (./parley down) and remove $KEYCLOAK_HOME/data/h2; \
the next start imports the realm again."
}

stop_e2e_services() {
  stop_pid_file gateway-e2e "$RUN/gateway-e2e.pid" quarkus-run.jar
  stop_pid_file bot-e2e "$RUN/bot-e2e.pid" quarkus-run.jar
  stop_pid_file routing-e2e "$RUN/routing-e2e.pid" quarkus-run.jar
}

# Where both e2e services keep their state (routing writes it, the gateway reads it).
export_e2e_store() {
  export QUARKUS_PROFILE=prod,e2e PARLEY_DB_REACTIVE_URL="postgresql://$PG_HOST:$PG_PORT/$E2E_DB" \
    PARLEY_REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT/$E2E_REDIS_DB" PARLEY_KAFKA_BOOTSTRAP="$KAFKA_BOOTSTRAP"
}

# Every run starts from an empty database and Redis database, so nothing of an earlier run (queued or assigned
# conversations, agent load) is in the inbox, and the history alice's console resumes stays small.
reset_e2e_store() {
  pg_admin >/dev/null <<SQL || die "could not recreate database $E2E_DB"
DROP DATABASE IF EXISTS $E2E_DB WITH (FORCE);
CREATE DATABASE $E2E_DB OWNER parley;
SQL
  [[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "$E2E_REDIS_DB" flushdb 2>&1)" == OK ]] \
    || die "could not empty Redis database $E2E_REDIS_DB"
  say "e2e: database $E2E_DB and Redis database $E2E_REDIS_DB are empty"
}

start_e2e_services() {
  local port
  stop_e2e_services # left over by a run that was killed before its trap ran
  for port in "$E2E_ROUTING_PORT" "$E2E_BOT_PORT" "$E2E_GATEWAY_PORT" "$E2E_SHOP_PORT" "$E2E_FOREIGN_PORT"; do
    ! port_open 127.0.0.1 "$port" || die "port $port is taken by another program; the browser stage needs it"
  done
  reset_e2e_store
  ensure_topics "$E2E_TOPIC_PREFIX"
  skip_backlog "$E2E_GROUP" "${E2E_TOPIC_PREFIX}parley.inbound"
  skip_backlog "$E2E_GROUP" "${E2E_TOPIC_PREFIX}parley.commands"
  skip_backlog "$E2E_BOT_GROUP" "${E2E_TOPIC_PREFIX}parley.messages"
  local origins="http://127.0.0.1:$E2E_GATEWAY_PORT,http://localhost:$E2E_GATEWAY_PORT,http://127.0.0.1:$E2E_SHOP_PORT"
  local oidc="http://127.0.0.1:$KEYCLOAK_PORT/realms/parley"
  # Exported in subshells only: the services inherit them, this shell does not keep them. Profile e2e puts every
  # service on the e2e. copies of the topics (services/common/.../topics.properties).
  (
    export_e2e_store
    # Reports are added up every 5 s here (60 s by default), so the supervisor sees the journey's figures change.
    export PARLEY_DB_JDBC_URL="jdbc:$PARLEY_DB_REACTIVE_URL" PARLEY_ROUTING_GROUP="$E2E_GROUP" \
      PARLEY_REPORTS_ROLLUP_INTERVAL=5s
    start_service routing "$E2E_ROUTING_PORT" routing-e2e
  )
  STARTED+=(routing-e2e)
  # Routing migrates the schema; the tenant row, the bot (its knowledge vectors) and the gateway come after it.
  wait_service_ready routing-e2e "$E2E_ROUTING_PORT"
  seed_demo_tenant "$E2E_DB" "$origins"
  # A second tenant that is always closed (business hours without a single range, no bot) and asks for a name and an
  # email before the chat: the widget journey's visitor fills in its pre-chat form, meets the offline desk there and
  # leaves an email address.
  pg_admin >/dev/null <<SQL || die "could not seed tenant acme-night in $E2E_DB"
\\c $E2E_DB
INSERT INTO tenant (id, name, allowed_origins, widget) VALUES ('acme-night', 'Acme night desk',
  string_to_array('$origins', ','), '{"preChat":{"enabled":true,"fields":[{"name":"name","required":true},
  {"name":"email","type":"email","required":true},{"name":"order","label":{"en":"Order number"}}]}}');
INSERT INTO business_hours (tenant_id, time_zone, weekly) VALUES ('acme-night', 'UTC', '{}');
-- The widget journey's proactive invitation: the bot greets free-plan shoppers after 2 s on a pricing page.
UPDATE tenant SET widget = coalesce(widget, '{}'::jsonb) || '{"invitations":[{"url":"*/pricing*","seconds":2,
  "attribute":"plan=free","from":"bot","message":{"en":"Questions about pricing? <b>Ask us</b>",
  "zh-CN":"对价格有疑问？<b>问我们</b>"}}]}' WHERE id = 'acme';
SQL
  (
    export_e2e_store
    # shellcheck disable=SC2030 # each service's subshell sets its own environment, on purpose
    export PARLEY_BOT_DIR="$ROOT/bots" PARLEY_BOT_GROUP="$E2E_BOT_GROUP" PARLEY_OIDC_URL="$oidc"
    start_service bot "$E2E_BOT_PORT" bot-e2e
  )
  STARTED+=(bot-e2e)
  (
    export_e2e_store
    # shellcheck disable=SC2031 # (see above)
    export PARLEY_OIDC_URL="$oidc" PARLEY_CONSOLE_OIDC_URL="$oidc" PARLEY_CONSOLE_ORIGINS="$origins"
    PARLEY_VISITOR_TOKEN_SECRET="$(visitor_token_secret)"
    export PARLEY_VISITOR_TOKEN_SECRET PARLEY_SMTP_MOCK=false PARLEY_SMTP_HOST=127.0.0.1 PARLEY_SMTP_PORT="$E2E_SMTP_PORT"
    start_service gateway "$E2E_GATEWAY_PORT" gateway-e2e
  )
  STARTED+=(gateway-e2e)
  # The bot must be on duty before the first visitor writes, or routing gives the conversation to the team.
  wait_service_ready bot-e2e "$E2E_BOT_PORT"
  wait_service_ready gateway-e2e "$E2E_GATEWAY_PORT"
}

# Needs the packaged jars (verify or package ran before) and the infrastructure (ensure_infra).
browser_stage() {
  local started=$SECONDS
  say "e2e: browser stage"
  # One browser stage at a time per checkout: the ports and pid files are shared.
  exec 8>"$RUN/e2e.lock"
  flock -n 8 || { say "e2e: waiting for another browser stage to finish"; flock 8; }
  ensure_chromium
  ensure_e2e_deps
  start_keycloak
  start_e2e_services
  wait_keycloak
  check_keycloak_redirect
  local password bob_password sam_password
  password="$(sed -n 's/^alice=//p' "$KEYCLOAK_CREDENTIALS" 2>/dev/null)" || true
  bob_password="$(sed -n 's/^bob=//p' "$KEYCLOAK_CREDENTIALS" 2>/dev/null)" || true
  sam_password="$(sed -n 's/^sam=//p' "$KEYCLOAK_CREDENTIALS" 2>/dev/null)" || true
  [[ -n "$password" && -n "$bob_password" && -n "$sam_password" ]] \
    || die "no passwords for alice, bob and sam in $KEYCLOAK_CREDENTIALS (written when ./parley first starts Keycloak)"
  rm -rf "$E2E_SCREENSHOTS"
  mkdir -p "$E2E_SCREENSHOTS"
  say "e2e: $CHROMIUM drives http://127.0.0.1:$E2E_GATEWAY_PORT/chat/acme, /console/ (alice, bob, sam) and the widget on \
http://127.0.0.1:$E2E_SHOP_PORT"
  (cd "$E2E_DIR" && PARLEY_E2E_BASE_URL="http://127.0.0.1:$E2E_GATEWAY_PORT" PARLEY_E2E_TENANT=acme \
    PARLEY_E2E_IDENTITY_SECRET="$(demo_identity_secret)" PARLEY_E2E_SHOP_PORT="$E2E_SHOP_PORT" \
    PARLEY_E2E_FOREIGN_PORT="$E2E_FOREIGN_PORT" PARLEY_E2E_SMTP_PORT="$E2E_SMTP_PORT" \
    PARLEY_E2E_USER=alice PARLEY_E2E_PASSWORD="$password" PARLEY_E2E_BOB_PASSWORD="$bob_password" \
    PARLEY_E2E_SAM_PASSWORD="$sam_password" PARLEY_E2E_ARTIFACTS="$E2E_SCREENSHOTS" \
    PARLEY_CHROMIUM="$CHROMIUM" node browser-smoke.mjs) \
    || die "browser stage failed after $((SECONDS - started)) s (screenshots and page logs: $E2E_SCREENSHOTS, \
service logs: $LOGS/gateway-e2e.log, $LOGS/routing-e2e.log, $LOGS/keycloak.log)"
  say "e2e: passed in $((SECONDS - started)) s"
}

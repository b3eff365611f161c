# shellcheck shell=bash
# keycloak.sh: the local Keycloak (for `up` and the browser stage), from Maven Central's
# keycloak-quarkus-dist zip, run in dev mode on 127.0.0.1:8180 with the demo realm parley.
#
# Owns KEYCLOAK_* (distribution in .parley/keycloak, demo passwords in .parley/keycloak/credentials),
# $RUN/keycloak.pid and .parley/logs/keycloak.log.
#
# Offers:
#   keycloak_ready                  the realm parley answers
#   ensure_keycloak_dist            fetch and unpack the distribution once
#   write_keycloak_realm            generate the demo passwords once, write the realm to import
#   start_keycloak, wait_keycloak   start in the background / wait for it (ensure_keycloak: both)
#   stop_keycloak
#   print_credentials               the console logins, printed by `up`

KEYCLOAK_VERSION=26.7.3
KEYCLOAK_DIR="$STATE/keycloak"
KEYCLOAK_HOME="$KEYCLOAK_DIR/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_PORT=8180
KEYCLOAK_REALM_TEMPLATE="$ROOT/config/keycloak/parley-realm.json"
KEYCLOAK_CREDENTIALS="$KEYCLOAK_DIR/credentials"

keycloak_ready() { curl -fsS -o /dev/null "http://127.0.0.1:$KEYCLOAK_PORT/realms/parley/.well-known/openid-configuration" 2>/dev/null; }

# The distribution zip comes from Maven Central, unpacked once and reused.
ensure_keycloak_dist() {
  [[ -x "$KEYCLOAK_HOME/bin/kc.sh" ]] && return
  say "keycloak: fetching org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION (about 180 MB, once)"
  mkdir -p "$KEYCLOAK_DIR"
  (cd "$ROOT" && ./mvnw -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
    -DoutputDirectory="$KEYCLOAK_DIR") || die "could not fetch Keycloak from Maven Central"
  command -v unzip >/dev/null || { can_apt_install && apt_install unzip; } || die "unzip is missing: apt-get install -y unzip"
  unzip -q -o "$KEYCLOAK_DIR/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$KEYCLOAK_DIR"
  rm -f "$KEYCLOAK_DIR/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
}

# Demo passwords are generated once per machine and printed by `up`; the realm is imported on first start.
write_keycloak_realm() {
  if [[ ! -s "$KEYCLOAK_CREDENTIALS" ]]; then
    local user
    for user in alice bob sam ada admin; do
      printf '%s=%s\n' "$user" "$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 12)"
    done >"$KEYCLOAK_CREDENTIALS"
    chmod 600 "$KEYCLOAK_CREDENTIALS"
  fi
  mkdir -p "$KEYCLOAK_HOME/data/import"
  local realm
  realm="$(<"$KEYCLOAK_REALM_TEMPLATE")"
  while IFS='=' read -r user password; do
    realm="${realm//@${user^^}_PASSWORD@/$password}"
  done <"$KEYCLOAK_CREDENTIALS"
  printf '%s\n' "$realm" >"$KEYCLOAK_HOME/data/import/parley-realm.json"
}

# Starts Keycloak in the background unless it runs or is starting (live pid file); wait_keycloak waits for it, so
# the browser stage starts its services meanwhile.
start_keycloak() {
  if keycloak_ready || live_pid "$RUN/keycloak.pid" "keycloak-$KEYCLOAK_VERSION" >/dev/null; then
    say "keycloak: already running on http://127.0.0.1:$KEYCLOAK_PORT"
    return
  fi
  ensure_keycloak_dist
  write_keycloak_realm
  local admin_password
  admin_password="$(sed -n 's/^admin=//p' "$KEYCLOAK_CREDENTIALS")"
  say "keycloak: starting on http://127.0.0.1:$KEYCLOAK_PORT (first start takes about 2 minutes)"
  (cd "$KEYCLOAK_HOME" && JAVA_HOME="$JAVA_HOME" KC_BOOTSTRAP_ADMIN_USERNAME=admin \
    KC_BOOTSTRAP_ADMIN_PASSWORD="$admin_password" spawn_detached "$RUN/keycloak.pid" "$LOGS/keycloak.log" \
    bin/kc.sh start-dev --import-realm --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT")
  STARTED+=(keycloak)
}

wait_keycloak() {
  local deadline=$((SECONDS + 300))
  until keycloak_ready; do
    ((SECONDS < deadline)) || die "keycloak not ready after 300 s (log: $LOGS/keycloak.log)"
    live_pid "$RUN/keycloak.pid" "keycloak-$KEYCLOAK_VERSION" >/dev/null \
      || { tail -n 30 "$LOGS/keycloak.log" >&2 || true; die "keycloak exited during startup (log: $LOGS/keycloak.log)"; }
    sleep 2
  done
  say "keycloak: ready, realm parley"
}

ensure_keycloak() {
  start_keycloak
  wait_keycloak
}

stop_keycloak() { stop_pid_file keycloak "$RUN/keycloak.pid" "keycloak-$KEYCLOAK_VERSION"; }

print_credentials() {
  say "agent console logins (realm parley at http://127.0.0.1:$KEYCLOAK_PORT):"
  local user password role
  while IFS='=' read -r user password; do
    # shellcheck disable=SC2209 # role=admin assigns the word admin
    case "$user" in
      alice | bob) role=agent ;; sam) role=supervisor ;; ada) role=admin ;; *) role="keycloak admin console" ;;
    esac
    say "  $user / $password  ($role)"
  done <"$KEYCLOAK_CREDENTIALS"
}

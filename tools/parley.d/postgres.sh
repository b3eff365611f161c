# shellcheck shell=bash
# postgres.sh: the local PostgreSQL (Debian's cluster, started with pg_ctlcluster) and the databases on it.
#
# Owns PG_HOST/PG_PORT (127.0.0.1:5432) and the marker $RUN/postgres.started (the cluster version, written
# only when this script started the cluster).
#
# Offers:
#   pg_ready, pg_version      is it accepting connections / the newest cluster version under /etc/postgresql
#   ensure_postgres           install (apt) and start if needed, then ensure_pg_roles
#   pg_admin                  run SQL from stdin as a PostgreSQL superuser
#   ensure_pg_roles           role parley, databases parley and parley_test
#   stop_postgres             stop the cluster, only if this script started it

PG_HOST=127.0.0.1 PG_PORT=5432

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }

pg_version() { { ls /etc/postgresql 2>/dev/null || true; } | sort -V | tail -1; }

ensure_postgres() {
  if pg_ready; then
    say "postgres: already running on $PG_HOST:$PG_PORT"
  else
    if [[ -z "$(pg_version)" ]]; then
      can_apt_install || die "PostgreSQL is not installed. Run: sudo apt-get update && sudo apt-get install -y postgresql"
      apt_install postgresql
    fi
    local ver
    ver="$(pg_version)"
    [[ -n "$ver" ]] || die "PostgreSQL installed but no cluster under /etc/postgresql; run: pg_createcluster <version> main"
    # The Debian package may already have started it (postinst); only start if still down.
    if ! pg_ready; then
      say "postgres: starting cluster $ver/main"
      pg_ctlcluster --skip-systemctl-redirect "$ver" main start 9>&-
      printf '%s\n' "$ver" >"$RUN/postgres.started"
      STARTED+=(postgres)
    fi
    local i
    for ((i = 0; i < 30; i++)); do pg_ready && break; sleep 1; done
    pg_ready || die "postgres did not become ready on $PG_HOST:$PG_PORT (see /var/log/postgresql/)"
    say "postgres: up on $PG_HOST:$PG_PORT"
  fi
  ensure_pg_roles
}

# Runs SQL from stdin as a PostgreSQL superuser: peer auth via the postgres OS user when we
# are root, else TCP as postgres (trust auth on 127.0.0.1 is common on these machines).
pg_admin() {
  if [[ "$(id -u)" == 0 ]] && id postgres >/dev/null 2>&1; then
    (cd / && su postgres -c "psql -X -q -v ON_ERROR_STOP=1 -d postgres")
  else
    psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres
  fi
}

ensure_pg_roles() {
  # \gexec runs the generated CREATE DATABASE only when the SELECT returns a row, which makes
  # this idempotent (CREATE DATABASE cannot run inside a DO block).
  pg_admin >/dev/null <<'SQL' || die "could not create role/databases; run as root or allow 'psql -h 127.0.0.1 -U postgres'"
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'parley') THEN
    CREATE ROLE parley LOGIN PASSWORD 'parley';
  END IF;
END $$;
ALTER ROLE parley WITH LOGIN PASSWORD 'parley';
SELECT 'CREATE DATABASE parley OWNER parley' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'parley') \gexec
SELECT 'CREATE DATABASE parley_test OWNER parley' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'parley_test') \gexec
SQL
  say "postgres: role parley, databases parley and parley_test present"
}

stop_postgres() {
  local ver
  [[ -f "$RUN/postgres.started" ]] || return 0
  ver="$(<"$RUN/postgres.started")"
  pg_ctlcluster --skip-systemctl-redirect "$ver" main stop || true
  rm -f "$RUN/postgres.started"
  say "postgres: stopped cluster $ver/main"
}

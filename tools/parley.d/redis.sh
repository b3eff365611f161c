# shellcheck shell=bash
# redis.sh: the local Redis (redis-server daemonized, no persistence, state in .parley/redis).
#
# Owns REDIS_HOST/REDIS_PORT (127.0.0.1:6379, PARLEY_REDIS_PORT overrides the port) and $RUN/redis.pid.
#
# Offers:
#   redis_ready    answers PING
#   ensure_redis   install (apt) and start if nothing answers
#   stop_redis     stop the Redis this script started (pid file), never an external one

# Overridable only so the start/stop path can be exercised next to an existing Redis.
REDIS_HOST=127.0.0.1 REDIS_PORT="${PARLEY_REDIS_PORT:-6379}"

redis_ready() { [[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }

ensure_redis() {
  if command -v redis-cli >/dev/null && redis_ready; then
    say "redis: already running on $REDIS_HOST:$REDIS_PORT"
    return
  fi
  if ! command -v redis-server >/dev/null; then
    can_apt_install || die "Redis is not installed. Run: sudo apt-get update && sudo apt-get install -y redis-server"
    apt_install redis-server
  fi
  mkdir -p "$STATE/redis"
  say "redis: starting on $REDIS_HOST:$REDIS_PORT"
  # No persistence: Redis only holds presence/rate-limit style state for local runs.
  redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" --save '' --appendonly no \
    --dir "$STATE/redis" --pidfile "$RUN/redis.pid" --logfile "$LOGS/redis.log" >/dev/null 9>&-
  STARTED+=(redis)
  local i
  for ((i = 0; i < 20; i++)); do redis_ready && break; sleep 0.5; done
  redis_ready || die "redis did not answer PING (see $LOGS/redis.log)"
  say "redis: up on $REDIS_HOST:$REDIS_PORT"
}

stop_redis() { stop_pid_file redis "$RUN/redis.pid" redis-server; }

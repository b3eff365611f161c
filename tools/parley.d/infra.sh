# shellcheck shell=bash
# infra.sh: all local infrastructure at once, for `infra`, `test`, `e2e` and `up`.
#
# Owns the infra lock ($RUN/infra.lock on fd 9; spawn_detached and the daemons' starts close fd 9 so no
# daemon holds it).
#
# Offers:
#   ensure_infra   JDK, then PostgreSQL, Redis and Kafka (with topics), each started only if missing

ensure_infra() {
  mkdir -p "$RUN" "$LOGS"
  ensure_java
  say "java: $JAVA_HOME"
  # Serialise concurrent `./parley infra` runs so nothing gets started twice.
  exec 9>"$RUN/infra.lock"
  flock 9
  ensure_postgres
  ensure_redis
  ensure_kafka
  flock -u 9
}

# shellcheck shell=bash
# java.sh: the JDK everything here runs on (Quarkus services, the Kafka broker and its tools, Keycloak, Maven).
#
# Offers:
#   java_major JDK_DIR   the major version of the JDK in JDK_DIR (e.g. 25, 8)
#   ensure_java          picks a JDK >= 21 ($JAVA_HOME if it qualifies, else the newest in /usr/lib/jvm/*),
#                        exports JAVA_HOME and PATH, and sets JAVA to its java binary

java_major() {
  # `java -version` prints e.g. openjdk version "25.0.1" / "1.8.0_392"; take the major number.
  local v
  v="$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -1)"
  v="${v#1.}"
  printf '%s\n' "${v%%[.+-]*}"
}

# Quarkus and the Kafka broker here need 21+; the default `java` on these machines is 17.
ensure_java() {
  local candidate best="" best_ver=0 ver
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    ver="$(java_major "$JAVA_HOME")"
    if ((ver >= 21)); then best="$JAVA_HOME" best_ver="$ver"; fi
  fi
  if [[ -z "$best" ]]; then
    for candidate in /usr/lib/jvm/*; do
      [[ -x "$candidate/bin/java" && ! -L "$candidate" ]] || continue
      ver="$(java_major "$candidate")"
      [[ "$ver" =~ ^[0-9]+$ ]] || continue
      if ((ver >= 21 && ver > best_ver)); then best="$candidate" best_ver="$ver"; fi
    done
  fi
  [[ -n "$best" ]] || die "no JDK >= 21 found (JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm/*). Install one, e.g. apt-get install -y openjdk-21-jdk-headless, or set JAVA_HOME."
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  # shellcheck disable=SC2034 # used by the other modules
  JAVA="$JAVA_HOME/bin/java"
}

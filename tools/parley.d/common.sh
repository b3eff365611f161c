# shellcheck shell=bash disable=SC2034 # (this module's variables are for the others)
# common.sh: shared ground for the other modules, sourced first by ./parley.
#
# Owns the state directories under .parley/ ($STATE; $RUN for pid, lock and marker files; $LOGS) and STARTED,
# the parts this invocation started (stop_started in commands.sh stops exactly these, newest first).
#
# Offers:
#   say, die                      print a line / print an error and exit 1
#   port_open HOST PORT           something accepts TCP connections there
#   live_pid FILE MARKER          the pid in FILE if that process is alive and still ours
#   spawn_detached PIDFILE LOG CMD...   start a daemon that outlives this shell
#   stop_pid_file NAME FILE MARKER      stop what spawn_detached (or a daemon's own pid file) names
#   can_apt_install, apt_install PKG... install missing Debian packages when running as root

STATE="$ROOT/.parley"
RUN="$STATE/run"
LOGS="$STATE/logs"

# Parts started by this invocation; `test` stops exactly these on exit.
STARTED=()

say() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# True if something accepts TCP connections on host:port (bash /dev/tcp, no nc needed).
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# Pid from a pid file if that process is alive and its command line contains $2
# (guards against a stale pid file whose pid was reused by something else).
live_pid() {
  local file="$1" marker="$2" pid
  [[ -s "$file" ]] || return 1
  pid="$(<"$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker" || return 1
  printf '%s\n' "$pid"
}

# Start a daemon that outlives this shell: own session (setsid), no inherited infra or e2e lock (9>&- 8>&-).
# The child writes its own pid just before exec, because `$!` may name a wrapper that has not
# exec'd yet (its cmdline still reads as this script) or a setsid that forked; returns once the
# pid file exists.
spawn_detached() {
  local pid_file="$1" log_file="$2" tries=100
  shift 2
  rm -f "$pid_file"
  # shellcheck disable=SC2016 # $$, $0 and $@ are the inner bash's
  nohup setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pid_file" "$@" >>"$log_file" 2>&1 </dev/null 9>&- 8>&- &
  until [[ -s "$pid_file" ]] || ((--tries == 0)); do sleep 0.1; done
  [[ -s "$pid_file" ]] || die "could not start $* (no pid file $pid_file)"
}

# SIGTERM, wait up to 30 s for a clean shutdown (Kafka flushes its logs), then SIGKILL.
stop_pid_file() {
  local name="$1" file="$2" marker="$3" pid i
  if pid="$(live_pid "$file" "$marker")"; then
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "$name: did not stop in 30 s, killing pid $pid"
      kill -9 "$pid" 2>/dev/null || true
    fi
    say "$name: stopped (pid $pid)"
  fi
  rm -f "$file"
}

can_apt_install() {
  [[ "$(id -u)" == 0 && -f /etc/debian_version ]] && command -v apt-get >/dev/null
}

apt_install() {
  say "installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

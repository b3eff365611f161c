# shellcheck shell=bash
# node.sh: Node.js and npm, which the Maven build needs for the agent console (services/console: Vite, TypeScript)
# and the browser stage for playwright-core (e2e/).
#
# Offers:
#   ensure_node   dies with what to install unless node >= 20.19 and npm are on the PATH

# Vite 7 needs Node.js ^20.19 or >= 22.12; Debian's own nodejs package is older, so nothing is installed here.
ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null \
    || die "Node.js >= 20.19 and npm are needed (the console build in services/console, the browser stage)"
  local version major minor
  version="$(node -p 'process.versions.node')"
  major="${version%%.*}"
  minor="${version#*.}"
  minor="${minor%%.*}"
  if ((major < 20 || (major == 20 && minor < 19) || (major == 22 && minor < 12) || major == 21)); then
    die "Node.js $version found; the console build (Vite 7) needs ^20.19 or >= 22.12"
  fi
}

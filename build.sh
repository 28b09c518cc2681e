#!/usr/bin/env bash
# shopbox build, serve and test entry point.
#   ./build.sh                 assemble dist/
#   ./build.sh serve [--port N] build, then serve dist/ on 127.0.0.1
#   ./build.sh test [ARGS]      build, install test needs, run pytest ARGS
set -euo pipefail
cd "$(dirname "$0")"

CACHE="${SHOPBOX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shopbox}"
VENV="${SHOPBOX_VENV:-.venv}"
PY="$VENV/bin/python"

say() { printf 'build.sh: %s\n' "$*" >&2; }

need() {
  command -v "$1" >/dev/null 2>&1 || {
    say "$1 is missing: $2"
    exit 1
  }
}

ensure_venv() {
  need python3 "install Python 3.11 or newer"
  if [ ! -x "$PY" ]; then
    say "creating $VENV"
    python3 -m venv "$VENV"
  fi
  # Reinstall only when the pinned list changed since the last install.
  local stamp="$VENV/.requirements.sha256"
  local want
  want=$(sha256sum tools/requirements.txt | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing tools/requirements.txt into $VENV"
    "$PY" -m pip install --quiet --disable-pip-version-check -r tools/requirements.txt
    echo "$want" >"$stamp"
  fi
}

build() {
  need npm "install Node.js and npm (Debian: apt-get install nodejs npm)"
  ensure_venv
  "$PY" tools/build_site.py --cache "$CACHE" "$@"
}

ensure_node_tools() {
  # Prettier keeps the JavaScript formatted one way; package-lock.json pins it.
  local stamp="node_modules/.package-lock.sha256"
  local want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing package-lock.json into node_modules"
    npm ci --silent --no-audit --no-fund
    echo "$want" >"$stamp"
  fi
}

ensure_chromium() {
  if [ -n "${SHOPBOX_CHROMIUM:-}" ]; then
    return
  fi
  if [ -x /usr/bin/chromium ]; then
    export SHOPBOX_CHROMIUM=/usr/bin/chromium
    return
  fi
  if command -v apt-get >/dev/null 2>&1; then
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    say "installing Debian's chromium for the browser tests"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
    export SHOPBOX_CHROMIUM=/usr/bin/chromium
  else
    say "no apt-get: using Playwright's own Chromium download"
    "$PY" -m playwright install chromium
  fi
}

command="${1:-build}"
[ $# -gt 0 ] && shift
case "$command" in
  build)
    build "$@"
    ;;
  serve)
    build
    exec "$PY" tools/serve.py "$@"
    ;;
  test)
    build
    ensure_chromium
    ensure_node_tools
    "$PY" -m ruff check py tests tools bench
    "$PY" -m ruff format --check --quiet py tests tools bench
    node_modules/.bin/prettier --check --log-level warn static index.html
    status=0
    PYTHONPATH=py "$PY" -m pytest "$@" || status=$?
    if [ "$status" = 5 ]; then
      say "pytest collected no tests"
    fi
    exit "$status"
    ;;
  *)
    say "unknown command '$command'; use: build, serve [--port N], test [pytest args]"
    exit 2
    ;;
esac

#!/usr/bin/env bash
# `make run`: use the engine at $DOCKER_HOST or /var/run/docker.sock; where none answers, start the
# private test engine with a demo fleet, say so, and point hbdeck at it.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
engine_answers() {
  local host=${DOCKER_HOST:-unix:///var/run/docker.sock}
  case "$host" in
    unix://*) curl -sf --max-time 2 --unix-socket "${host#unix://}" http://docker/_ping >/dev/null 2>&1 ;;
    tcp://*) curl -sf --max-time 2 "http://${host#tcp://}/_ping" >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}
if ! engine_answers; then
  echo "no Docker engine answers at ${DOCKER_HOST:-unix:///var/run/docker.sock}: starting hbdeck's private engine with a demo fleet" >&2
  "$here/scripts/testenv.sh" up
  "$here/scripts/demo.sh"
  eval "$("$here/scripts/testenv.sh" env)"
  if [ $# -eq 0 ]; then set -- --bots-folder "${HBDECK_DEMO_BOTS:-/var/lib/hbdeck-test/demo/bots}"; fi
fi
exec "$here/.build-install/release/hbdeck" "$@"

#!/bin/sh
# Entry point of the Newsdesk image (also usable on a bare host): the first argument picks the
# process's role, the rest is passed to the command of that role.
#
#   web       the site and JSON API only           newsdesk serve --no-poll
#   worker    background work: fetch, extract, tag  newsdesk worker
#   all       everything in one process (small)     newsdesk serve
#   migrate   apply schema migrations, then exit    newsdesk migrate
#   healthcheck  exit 0 when this container's liveness endpoint answers (Docker HEALTHCHECK)
#   newsdesk ARGS…  any other newsdesk command      newsdesk ARGS…
#
# Before web, worker and all it waits for the database and applies pending migrations (PostgreSQL
# migrations take an advisory lock, so containers starting together run them once); set
# NEWSDESK_MIGRATE=0 where a separate "migrate" step has done that. The role's process replaces
# this shell (exec), so SIGTERM from `docker stop` or systemd reaches Newsdesk directly.
set -eu

NEWSDESK_BIN=${NEWSDESK_BIN:-newsdesk}
WAIT_SECONDS=${NEWSDESK_DB_WAIT_SECONDS:-60}

usage() {
  cat >&2 <<'USAGE'
usage: docker-entrypoint.sh ROLE [ARGS...]
roles: web | worker | all | migrate | healthcheck | newsdesk ARGS...
  web       site and API only (newsdesk serve --no-poll)
  worker    background work (newsdesk worker)
  all       site, API and background work in one process (newsdesk serve)
  migrate   apply schema migrations and exit (newsdesk migrate)
USAGE
}

# Runs the migrations, retrying while the database is not reachable yet (a database container
# that is still starting). Gives up after NEWSDESK_DB_WAIT_SECONDS with the last error shown.
migrate_when_ready() {
  start=$(date +%s)
  while :; do
    # shellcheck disable=SC2086 # NEWSDESK_BIN may be a command with arguments ("node dist/…")
    if out=$($NEWSDESK_BIN migrate "$@" 2>&1); then
      printf '%s\n' "$out"
      return 0
    fi
    now=$(date +%s)
    if [ $((now - start)) -ge "$WAIT_SECONDS" ]; then
      printf '%s\n' "$out" >&2
      echo "docker-entrypoint: the database was not ready after ${WAIT_SECONDS} s (NEWSDESK_DB_WAIT_SECONDS); giving up" >&2
      return 1
    fi
    echo "docker-entrypoint: waiting for the database…" >&2
    sleep 1
  done
}

healthcheck() {
  url=${NEWSDESK_HEALTH_URL:-http://127.0.0.1:${NEWSDESK_PORT:-8080}/healthz}
  # No curl in the slim image: Node's fetch does it. (The ${…} inside is JavaScript, not shell.)
  # shellcheck disable=SC2016
  exec node -e '
    const url = process.argv[1];
    fetch(url, { signal: AbortSignal.timeout(4000) })
      .then((r) => process.exit(r.ok ? 0 : 1))
      .catch((e) => { console.error(`healthcheck: ${url}: ${e.cause?.code ?? e.message}`); process.exit(1); });
  ' "$url"
}

if [ $# -eq 0 ]; then
  usage
  exit 64
fi
role=$1
shift

case "$role" in
  web | worker | all)
    if [ "${NEWSDESK_MIGRATE:-1}" != "0" ]; then migrate_when_ready; fi
    case "$role" in
      web) set -- serve --no-poll "$@" ;;
      worker) set -- worker "$@" ;;
      all) set -- serve "$@" ;;
    esac
    # shellcheck disable=SC2086
    exec $NEWSDESK_BIN "$@"
    ;;
  migrate)
    migrate_when_ready "$@"
    ;;
  healthcheck)
    healthcheck
    ;;
  newsdesk)
    # shellcheck disable=SC2086
    exec $NEWSDESK_BIN "$@"
    ;;
  -h | --help | help)
    usage
    exit 0
    ;;
  *)
    echo "docker-entrypoint: unknown role \"$role\"" >&2
    usage
    exit 64
    ;;
esac

#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server, exported as ROSTER_TEST_PG_URL, then removes it.
# Usage: scripts/with-postgres.sh <command> [args…]
set -euo pipefail

find_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

if ! PG_BIN=$(find_pg_bin); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "with-postgres: installing PostgreSQL from Debian's packages…" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PG_BIN=$(find_pg_bin)
  else
    echo "with-postgres: PostgreSQL is not installed (apt-get install postgresql)." >&2
    exit 1
  fi
fi

PG_DIR=$(mktemp -d /tmp/roster-pg.XXXXXX)
PG_PORT=${ROSTER_TEST_PG_PORT:-$((20000 + RANDOM % 20000))}
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres:postgres "$PG_DIR"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT

as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -w -l "$PG_DIR/server.log" \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
export ROSTER_TEST_PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
echo "with-postgres: PostgreSQL ready at $ROSTER_TEST_PG_URL" >&2
"$@"

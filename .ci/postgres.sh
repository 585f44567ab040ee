#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the tests: its own data folder, a free port, and
# no password for the superuser "postgres" (nothing but this machine can reach it); every other
# role logs in with its password, so a test can see a wrong one refused. Installed from the
# Debian packages when missing. The tests find it in BACKTRIAGE_TEST_POSTGRES.
#
#   bash .ci/postgres.sh mvn -B verify     runs the command with a server, then removes it
#   source .ci/postgres.sh; postgres_start; ...; postgres_stop
postgres_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ]; then
    echo "PostgreSQL is not installed: installing Debian's package" >&2
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  echo "$bin"
}

postgres_start() {
  local bin port
  bin=$(postgres_bin)
  POSTGRES_DIR=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # initdb and the server refuse to run as root: run them as the packages' own user.
  local run=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$POSTGRES_DIR"
    run=(runuser -u postgres --)
  fi
  POSTGRES_RUN=("${run[@]}")
  POSTGRES_BIN_DIR=$bin
  "${run[@]}" "$bin/initdb" -D "$POSTGRES_DIR/data" --auth=trust --username=postgres --encoding=UTF8 >/dev/null
  "${run[@]}" tee "$POSTGRES_DIR/data/pg_hba.conf" >/dev/null <<'EOF'
local all all                trust
host  all postgres 127.0.0.1/32 trust
host  all all      127.0.0.1/32 scram-sha-256
EOF
  "${run[@]}" "$bin/pg_ctl" -D "$POSTGRES_DIR/data" -l "$POSTGRES_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $POSTGRES_DIR -c fsync=off" start >/dev/null
  export BACKTRIAGE_TEST_POSTGRES="jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$port"
}

postgres_stop() {
  [ -n "${POSTGRES_DIR:-}" ] || return 0
  "${POSTGRES_RUN[@]}" "$POSTGRES_BIN_DIR/pg_ctl" -D "$POSTGRES_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$POSTGRES_DIR"
  POSTGRES_DIR=
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  if [ $# -eq 0 ]; then
    echo "usage: bash .ci/postgres.sh <command...>, e.g. bash .ci/postgres.sh mvn -B verify" >&2
    exit 2
  fi
  trap postgres_stop EXIT
  postgres_start
  "$@"
fi

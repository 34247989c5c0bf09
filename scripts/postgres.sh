#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests: 127.0.0.1 only, a fixed unusual port,
# data in a temp directory, a `backstage` role with CREATEDB and a password.
#
#   scripts/postgres.sh start     # initdb (first time) + start; prints the env to export
#   scripts/postgres.sh stop      # stop the server (keeps the data directory)
#   scripts/postgres.sh stop --clean   # stop and delete the data directory
#   scripts/postgres.sh env       # print the env to export (does not start anything)
#   scripts/postgres.sh status    # exit 0 when it answers
#
#   eval "$(scripts/postgres.sh start)"     # start and export POSTGRES_* in this shell
#
# Idempotent: `start` on a running server only prints the env. Uses Debian's
# binaries (/usr/lib/postgresql/<version>/bin, `apt-get install postgresql`)
# or whatever `pg_ctl` is on PATH. PostgreSQL refuses to run as root: as root
# the server runs as the `postgres` user (runuser), otherwise as the caller.
#
# Environment (all optional):
#   PAYCOR_PG_PORT       default 54329
#   PAYCOR_PG_DIR        default ${TMPDIR:-/tmp}/paycor-pg-<port>
#   PAYCOR_PG_PASSWORD   default backstage-test (a local test server, never exposed)
set -euo pipefail

port="${PAYCOR_PG_PORT:-54329}"
dir="${PAYCOR_PG_DIR:-${TMPDIR:-/tmp}/paycor-pg-$port}"
data="$dir/data"
log="$dir/server.log"
role=backstage
password="${PAYCOR_PG_PASSWORD:-backstage-test}"

find_bin() {
  local candidate
  # the newest Debian version installed, else pg_ctl on PATH (symlinks resolved,
  # so psql and initdb come from the same installation)
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/psql" ]; then
      echo "$candidate"
      return 0
    fi
  done
  if command -v pg_ctl >/dev/null 2>&1; then
    candidate="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/psql" ]; then
      echo "$candidate"
      return 0
    fi
  fi
  return 1
}

# Runs a command as the server's owner.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

print_env() {
  cat <<EOF
export POSTGRES_HOST=127.0.0.1
export POSTGRES_PORT=$port
export POSTGRES_USER=$role
export POSTGRES_PASSWORD=$password
EOF
}

is_running() {
  [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

psql_admin() {
  # the owner over the private socket in $dir (no password)
  as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

ensure_role() {
  psql_admin <<EOF >/dev/null
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
  ELSE
    ALTER ROLE $role LOGIN CREATEDB PASSWORD '$password';
  END IF;
END
\$\$;
-- Tests drop their databases WITH (FORCE); on PostgreSQL 15 that refuses to
-- terminate an autovacuum worker busy in the database (it has no role) unless
-- the caller may signal backends: a suite's teardown failed on it in CI.
GRANT pg_signal_backend TO $role;
EOF
}

start() {
  if is_running; then
    ensure_role
    print_env
    return 0
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "postgres.sh: running as root needs the 'postgres' user (apt-get install postgresql creates it)" >&2
    exit 1
  fi
  mkdir -p "$dir"
  chmod 700 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    echo "postgres.sh: initdb into $data" >&2
    as_owner "$bin/initdb" -D "$data" -U postgres -A trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || as_owner "$bin/initdb" -D "$data" -U postgres -A trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # TCP: password auth only, 127.0.0.1 only. The owner's socket stays private ($dir is 0700).
    cat >"$data/pg_hba.conf" <<EOF
local   all   postgres                 trust
host    all   all        127.0.0.1/32  scram-sha-256
EOF
  fi
  # Many short-lived backends and jest workers: more connections than the default 100.
  as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || { tail -n 30 "$log" >&2; exit 1; }
  ensure_role
  echo "postgres.sh: PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port (data $data)" >&2
  print_env
}

stop() {
  if is_running; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >&2
  fi
  if [ "${1:-}" = "--clean" ]; then
    rm -rf "$dir"
  fi
}

cmd="${1:-}"
case "$cmd" in
  env)
    print_env
    exit 0
    ;;
esac

if ! bin="$(find_bin)"; then
  echo "postgres.sh: no PostgreSQL binaries (initdb, pg_ctl). Install them: apt-get install postgresql" >&2
  exit 1
fi

case "$cmd" in
  start) start ;;
  stop) shift; stop "${1:-}" ;;
  status) is_running ;;
  *)
    echo "usage: scripts/postgres.sh start|stop [--clean]|env|status" >&2
    exit 2
    ;;
esac

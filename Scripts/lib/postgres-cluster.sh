# Sourced by Scripts/test and Scripts/bench: a throwaway PostgreSQL cluster for one run.
#
# start_postgres_cluster sets WIRETRACE_TEST_POSTGRES=postgresql://USER@127.0.0.1:PORT/wiretrace
# and registers stop_postgres_cluster on exit; without a server it prints why PostgreSQL
# tests are skipped and returns 1, leaving the variable unset.

# Debian keeps the server's programs outside PATH.
export PATH="$PATH:/usr/lib/postgresql/15/bin"

postgres_cluster_dir=""
postgres_cluster_user=""

# Runs a server program as the cluster's owner: initdb refuses to run as root.
as_postgres_owner() {
  if [ -n "$postgres_cluster_user" ]; then runuser -u "$postgres_cluster_user" -- "$@"; else "$@"; fi
}

stop_postgres_cluster() {
  [ -n "$postgres_cluster_dir" ] || return 0
  as_postgres_owner pg_ctl -D "$postgres_cluster_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$postgres_cluster_dir"
  postgres_cluster_dir=""
}

start_postgres_cluster() {
  if ! command -v initdb >/dev/null 2>&1 || ! command -v pg_ctl >/dev/null 2>&1; then
    echo "PostgreSQL tests skipped: initdb/pg_ctl not found (Scripts/bootstrap installs Debian's postgresql)"
    return 1
  fi
  local user
  user="$(id -un)"
  if [ "$(id -u)" -eq 0 ]; then
    postgres_cluster_user=wiretrace-pg
    id "$postgres_cluster_user" >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin "$postgres_cluster_user"
    user="$postgres_cluster_user"
  fi
  postgres_cluster_dir="$(mktemp -d /tmp/wiretrace-pg.XXXXXX)"
  mkdir -p "$postgres_cluster_dir/socket"
  [ -z "$postgres_cluster_user" ] || chown -R "$postgres_cluster_user" "$postgres_cluster_dir"
  chmod 755 "$postgres_cluster_dir"
  trap stop_postgres_cluster EXIT
  # A free loopback port: the kernel picks one, the server takes it a moment later.
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  if ! as_postgres_owner initdb -D "$postgres_cluster_dir/data" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 \
       >"$postgres_cluster_dir/initdb.log" 2>&1; then
    echo "PostgreSQL tests skipped: initdb failed:"; cat "$postgres_cluster_dir/initdb.log"
    stop_postgres_cluster; return 1
  fi
  # Throwaway data: no fsync; enough connections for several concurrent scanners and tests.
  if ! as_postgres_owner pg_ctl -D "$postgres_cluster_dir/data" -w -l "$postgres_cluster_dir/server.log" \
       -o "-c listen_addresses=127.0.0.1 -p $port -k $postgres_cluster_dir/socket -c fsync=off -c max_connections=100" \
       start >/dev/null 2>&1; then
    echo "PostgreSQL tests skipped: the server did not start:"; cat "$postgres_cluster_dir/server.log"
    stop_postgres_cluster; return 1
  fi
  as_postgres_owner createdb -h 127.0.0.1 -p "$port" -U "$user" wiretrace
  export WIRETRACE_TEST_POSTGRES="postgresql://$user@127.0.0.1:$port/wiretrace"
  echo "PostgreSQL test cluster: $WIRETRACE_TEST_POSTGRES"
}

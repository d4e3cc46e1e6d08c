# Sourced by scripts/run.sh and scripts/test.sh: a private PostgreSQL cluster for this checkout.
# Installs Debian's package if missing, keeps its data under .local/ (git-ignored), listens on 127.0.0.1 only.
# initdb and pg_ctl refuse to run as root, hence runuser -u postgres.

ESERVICES_PG_PORT="${ESERVICES_PG_PORT:-54329}"

ensure_postgres() {
  local repo="$1"
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "==> Installing PostgreSQL (Debian package)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

  PG_HOME="$repo/.local/postgres"
  mkdir -p "$PG_HOME"
  chown postgres:postgres "$PG_HOME"
  # The postgres user must be able to reach the folder; a checkout under a private home cannot.
  if ! runuser -u postgres -- test -w "$PG_HOME"; then
    PG_HOME="/var/tmp/eservices-postgres-$(echo "$repo" | md5sum | cut -c1-8)"
    mkdir -p "$PG_HOME" && chown postgres:postgres "$PG_HOME"
  fi

  if [ ! -f "$PG_HOME/data/PG_VERSION" ]; then
    echo "==> Creating a PostgreSQL cluster in $PG_HOME/data"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_HOME/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi

  if runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_HOME/data" status >/dev/null 2>&1; then
    ESERVICES_PG_PORT="$(cat "$PG_HOME/port" 2>/dev/null || echo "$ESERVICES_PG_PORT")"
    return 0
  fi
  # Another program (another checkout's cluster, say) may hold the port: take the next free one.
  local port="$ESERVICES_PG_PORT"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
  done
  ESERVICES_PG_PORT="$port"
  echo "==> Starting PostgreSQL on 127.0.0.1:$ESERVICES_PG_PORT"
  if ! runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_HOME/data" -l "$PG_HOME/postgres.log" -w \
      -o "-p $ESERVICES_PG_PORT -k $PG_HOME -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=${ESERVICES_PG_FSYNC:-on}" start >/dev/null; then
    echo "PostgreSQL did not start; its log:" >&2
    tail -n 20 "$PG_HOME/postgres.log" >&2
    return 1
  fi
  echo "$ESERVICES_PG_PORT" > "$PG_HOME/port"
}

# Creates the database if it does not exist yet.
ensure_database() {
  local name="$1"
  if ! runuser -u postgres -- "$PG_BIN/psql" -h 127.0.0.1 -p "$ESERVICES_PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$ESERVICES_PG_PORT" -U postgres "$name"
  fi
}

pg_connection_string() {
  echo "Host=127.0.0.1;Port=$ESERVICES_PG_PORT;Username=postgres;Database=$1"
}

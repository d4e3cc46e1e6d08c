# Sourced by scripts/backup.sh and scripts/restore.sh: where the cluster, the uploads and the backups are, and
# pgBackRest's configuration for them (docs/operations.md, "Backups that restore").
#   ESERVICES_PG_HOME     the cluster's folder: data/ inside, its Unix socket beside (scripts/run.sh's by default)
#   ESERVICES_PG_PORT     its port (the one run.sh chose by default)
#   Storage__Path         the uploaded and issued files (.local/files by default)
#   ESERVICES_BACKUP_DIR  where the backups go (.local/backups by default): pgbackrest/ (the repository: backups and
#                         archived WAL), files/ (the files, copied at each backup), pgbackrest.conf (written at each
#                         run), conf.d/*.conf (the operator's own pgBackRest settings: a second repository, encryption)
# pgBackRest and pg_ctl run as the postgres user, as the cluster does. cron's PATH lacks /usr/sbin (runuser).

STANZA=eservices
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

# Installs Debian's pgbackrest when missing.
ensure_pgbackrest_package() {
  if ! command -v pgbackrest >/dev/null 2>&1; then
    echo "==> Installing pgBackRest (Debian package pgbackrest)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends pgbackrest >/dev/null
  fi
}

# Sets PG_BIN, PG_HOME, PG_DATA, PG_PORT, FILES, BACKUP_DIR, BACKUP_CONF and writes pgbackrest.conf.
backup_settings() {
  local repo="$1"
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  if [ -n "${ESERVICES_PG_HOME:-}" ]; then
    PG_HOME="$ESERVICES_PG_HOME"
  elif [ -d "$repo/.local/postgres/data" ]; then
    PG_HOME="$repo/.local/postgres"
  else
    PG_HOME="/var/tmp/eservices-postgres-$(echo "$repo" | md5sum | cut -c1-8)"
  fi
  PG_DATA="$PG_HOME/data"
  PG_PORT="${ESERVICES_PG_PORT:-$(cat "$PG_HOME/port" 2>/dev/null || echo 54329)}"
  FILES="${Storage__Path:-$repo/.local/files}"
  BACKUP_DIR="${ESERVICES_BACKUP_DIR:-$repo/.local/backups}"
  BACKUP_CONF="$BACKUP_DIR/pgbackrest.conf"
  case "$BACKUP_DIR$PG_HOME" in
    *[[:space:]\'\"]*) echo "The backup and cluster folders must not contain spaces or quotes (they go into archive_command)." >&2; return 1 ;;
  esac
  mkdir -p "$BACKUP_DIR/pgbackrest" "$BACKUP_DIR/log" "$BACKUP_DIR/lock" "$BACKUP_DIR/files" "$BACKUP_DIR/conf.d"
  cat >"$BACKUP_CONF" <<CONF
[global]
repo1-path=$BACKUP_DIR/pgbackrest
repo1-retention-full=4
start-fast=y
log-path=$BACKUP_DIR/log
lock-path=$BACKUP_DIR/lock
log-level-console=warn

[$STANZA]
pg1-path=$PG_DATA
pg1-port=$PG_PORT
pg1-socket-path=$PG_HOME
pg1-user=postgres
CONF
  chown -R postgres:postgres "$BACKUP_DIR/pgbackrest" "$BACKUP_DIR/log" "$BACKUP_DIR/lock" "$BACKUP_DIR/conf.d" "$BACKUP_CONF"
  # PostgreSQL archives each WAL segment as the postgres user: it must reach the folder (a checkout under a private
  # home does not let it), or WAL would pile up in pg_wal unarchived.
  if ! runuser -u postgres -- test -r "$BACKUP_CONF" -a -w "$BACKUP_DIR/pgbackrest"; then
    echo "The postgres user cannot reach $BACKUP_DIR: set ESERVICES_BACKUP_DIR to a folder it can (e.g. /var/backups/eservices)." >&2
    return 1
  fi
  PGBACKREST=(pgbackrest "--config=$BACKUP_CONF" "--config-include-path=$BACKUP_DIR/conf.d" "--stanza=$STANZA")
}

pgbackrest_as_postgres() {
  runuser -u postgres -- "${PGBACKREST[@]}" "$@"
}

psql_as_postgres() {
  runuser -u postgres -- "$PG_BIN/psql" -h "$PG_HOME" -p "$PG_PORT" -U postgres -d postgres -tAqX -v ON_ERROR_STOP=1 -c "$1"
}

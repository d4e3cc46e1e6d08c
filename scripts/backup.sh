#!/usr/bin/env bash
# Backs up the portal: PostgreSQL with pgBackRest (full, diff or incr; WAL archived continuously in between, for a
# restore to any moment) and the uploaded and issued files (copied beside it; a file is never changed once written, so
# each copy only adds the new ones). The first run turns WAL archiving on, which restarts PostgreSQL once.
#   scripts/backup.sh [full|diff|incr]     (incr by default; the first is always full)
# Where things are: scripts/lib/backups.sh. How often and where to keep copies: docs/operations.md.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
. "$repo/scripts/lib/backups.sh"
type="${1:-incr}"
case "$type" in full|diff|incr) ;; *) echo "usage: scripts/backup.sh [full|diff|incr]" >&2; exit 2 ;; esac

ensure_pgbackrest_package
backup_settings "$repo"

archive_command="${PGBACKREST[*]} archive-push %p"
if [ "$(psql_as_postgres "SHOW archive_mode")" != "on" ] || [ "$(psql_as_postgres "SHOW archive_command")" != "$archive_command" ]; then
  echo "==> Turning WAL archiving on (PostgreSQL restarts once)"
  psql_as_postgres "ALTER SYSTEM SET archive_mode = 'on'"
  psql_as_postgres "ALTER SYSTEM SET archive_command = '$archive_command'"
  # A WAL segment is archived when full, or after this many seconds: at most a minute of changes is lost with the disk.
  psql_as_postgres "ALTER SYSTEM SET archive_timeout = '60s'"
  psql_as_postgres "ALTER SYSTEM SET wal_level = 'replica'"
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w restart >/dev/null
fi

pgbackrest_as_postgres stanza-create >/dev/null
started=$(date +%s)
echo "==> Backing up PostgreSQL ($type) into $BACKUP_DIR/pgbackrest"
pgbackrest_as_postgres --type="$type" backup
# The files after the database: every file a backed-up row names is in this copy (files are written before their row).
echo "==> Copying the files from $FILES"
if [ -d "$FILES" ]; then
  cp -a --no-clobber "$FILES/." "$BACKUP_DIR/files/"
fi
echo "==> Backup done in $(( $(date +%s) - started )) s; the backups:"
pgbackrest_as_postgres info | sed -n '/backup:/p'

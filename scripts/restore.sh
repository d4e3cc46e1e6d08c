#!/usr/bin/env bash
# Restores the portal from scripts/backup.sh's backups, into the same cluster folder (whatever is left there is
# replaced) and files folder (files are added back; none is removed):
#   scripts/restore.sh                               the latest state the archived WAL holds
#   scripts/restore.sh "2027-03-26 10:42:00+00"      the state at that moment (point-in-time recovery)
# Stop the portal first. Then check the journal's chain: scripts/verify-audit.sh. docs/operations.md has the drill.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
. "$repo/scripts/lib/backups.sh"
target="${1:-}"

ensure_pgbackrest_package
backup_settings "$repo"
started=$(date +%s)

# The server runs if the process its postmaster.pid names is alive (a crashed one may linger as a zombie where no init
# reaps it, as in a container: pg_ctl would wait on it for ever).
postmaster_alive() {
  local pid
  pid="$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null)" || return 1
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null
}
if postmaster_alive; then
  echo "==> Stopping PostgreSQL"
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null \
    || runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null
fi
rm -f "$PG_DATA/postmaster.pid" # left by a crash: pgBackRest would take the server for running
# --delta keeps what is left of the folder and rewrites what differs; on an empty or missing folder it has nothing to keep.
delta=()
[ -f "$PG_DATA/PG_VERSION" ] && delta=(--delta)
mkdir -p "$PG_DATA" && chown postgres:postgres "$PG_HOME" "$PG_DATA" && chmod 700 "$PG_DATA"

if [ -n "$target" ]; then
  echo "==> Restoring PostgreSQL as it was at $target"
  pgbackrest_as_postgres "${delta[@]}" --type=time "--target=$target" --target-action=promote restore
else
  echo "==> Restoring PostgreSQL to the end of the archived WAL"
  pgbackrest_as_postgres "${delta[@]}" restore
fi

echo "==> Starting PostgreSQL on port $PG_PORT; it replays the archived WAL"
# Recovery refuses fewer connections than the backed-up server had (scripts/lib/postgres.sh starts it with 200).
max_connections="$(runuser -u postgres -- "$PG_BIN/pg_controldata" "$PG_DATA" | sed -n 's/^max_connections setting: *//p')"
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_HOME/postgres.log" -w \
  -o "-p $PG_PORT -k $PG_HOME -c listen_addresses=127.0.0.1 -c max_connections=${max_connections:-200}" start >/dev/null
for _ in $(seq 1 600); do
  [ "$(psql_as_postgres "SELECT pg_is_in_recovery()" 2>/dev/null)" = "f" ] && break
  sleep 1
done
if [ "$(psql_as_postgres "SELECT pg_is_in_recovery()")" != "f" ]; then
  echo "PostgreSQL is still recovering after 10 minutes; its log: $PG_HOME/postgres.log" >&2
  exit 1
fi

echo "==> Copying the files back into $FILES"
mkdir -p "$FILES"
cp -a --no-clobber "$BACKUP_DIR/files/." "$FILES/"
echo "==> Restored in $(( $(date +%s) - started )) s. Next: scripts/verify-audit.sh, then start the portal."

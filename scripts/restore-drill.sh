#!/usr/bin/env bash
# The restore drill at scale (docs/operations.md): a scratch cluster and portal, N requests seeded (tools/EServices.Bench,
# as scripts/bench.sh does), a full backup, a change after a noted moment, the cluster lost, a restore to that moment,
# the journal's chain verified. Prints how long each step took. Leaves nothing behind.
#   scripts/restore-drill.sh [N]     (100 000 requests by default)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
requests="${1:-100000}"
applicants=$(( requests / 5 + 1 ))
drill="/var/tmp/eservices-drill-$$"
mkdir -p "$drill"
cleanup() {
  kill "${portal_pid:-}" 2>/dev/null || true
  [ -z "${PG_BIN:-}" ] || runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_HOME/data" -m immediate stop >/dev/null 2>&1 || true
  [ -n "${ESERVICES_DRILL_KEEP:-}" ] || rm -rf "$drill"
}
trap cleanup EXIT

echo "==> Building (Release)"
dotnet build src/EServices.Web -c Release -nologo -v quiet >/dev/null
dotnet build tools/EServices.Bench -c Release -nologo -v quiet >/dev/null
bench() { dotnet "$repo/tools/EServices.Bench/bin/Release/net10.0/EServices.Bench.dll" "$@"; }

# A cluster of the drill's own (scripts/lib/postgres.sh with the drill's folder as the checkout), on the next free port.
. scripts/lib/postgres.sh
ESERVICES_PG_PORT=54360
ensure_postgres "$drill"
ensure_database eservices
db="$(pg_connection_string eservices)"
psql_drill() { runuser -u postgres -- "$PG_BIN/psql" -h 127.0.0.1 -p "$ESERVICES_PG_PORT" -U postgres -d eservices -qAtX -v ON_ERROR_STOP=1 -c "$1"; }

. scripts/lib/portal.sh
url="http://127.0.0.1:$(free_port 5190)"
echo "==> Migrating and seeding $requests requests"
start_portal "$url" "$drill/portal.log" ConnectionStrings__Default="$db" Storage__Path="$drill/files" \
  Sms__SendSmsUrl= Payments__CinetPay__BaseUrl=
trap cleanup EXIT # start_portal set its own
bench seed "$db" "$applicants" "$requests" >/dev/null
while [ "$(psql_drill "SELECT count(*) FROM request_events WHERE chain_no IS NULL")" != "0" ]; do sleep 2; done
kill "$portal_pid"; wait "$portal_pid" 2>/dev/null || true

export ESERVICES_PG_HOME="$PG_HOME" ESERVICES_BACKUP_DIR="$drill/backups" Storage__Path="$drill/files"
export ESERVICES_PG_PORT
size="$(psql_drill "SELECT pg_size_pretty(pg_database_size('eservices'))")"
start=$SECONDS; bash scripts/backup.sh full >/dev/null; backup_seconds=$((SECONDS - start))

before="$(psql_drill "SELECT count(*) FROM requests")"
sleep 1; moment="$(psql_drill "SELECT now()::text")"; sleep 1
psql_drill "CREATE TABLE drill_after_the_moment AS SELECT 1 AS x" # a change after the moment: the restore leaves it out
start=$SECONDS; bash scripts/backup.sh incr >/dev/null; incr_seconds=$((SECONDS - start))

runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_HOME/data" -m immediate -w stop >/dev/null
rm -rf "$PG_HOME/data"
start=$SECONDS; bash scripts/restore.sh "$moment" >/dev/null; restore_seconds=$((SECONDS - start))
after="$(psql_drill "SELECT count(*) FROM requests")"
left_out="$(psql_drill "SELECT to_regclass('drill_after_the_moment') IS NULL")"

start=$SECONDS
journal="$(ConnectionStrings__Default="$db" bash scripts/verify-audit.sh)"
verify_seconds=$((SECONDS - start))
echo "Requests: $before before the moment, $after after the restore ($size database); the change after the moment left out: $left_out."
echo "backup.sh full: ${backup_seconds} s; backup.sh incr: ${incr_seconds} s; restore.sh to the moment: ${restore_seconds} s; verify-audit: ${verify_seconds} s."
echo "$journal"
[ "$before" = "$after" ] && [ "$left_out" = "t" ] && [[ "$journal" == *"chaîne intacte"* ]]

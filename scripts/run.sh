#!/usr/bin/env bash
# Runs the portal on http://127.0.0.1:5080 with demo data.
# Without ConnectionStrings__Default, starts a private PostgreSQL under .local/ first.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

if [ -z "${ConnectionStrings__Default:-}" ]; then
  . scripts/lib/postgres.sh
  ensure_postgres "$repo" || exit 1
  ensure_database eservices
  export ConnectionStrings__Default="$(pg_connection_string eservices)"
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Storage__Path="${Storage__Path:-$repo/.local/files}"
mkdir -p "$Storage__Path"

# A local mail catcher for password resets and confirmations: http://127.0.0.1:5081 (SMTP on 2525).
if [ "${ESERVICES_SMTP4DEV:-1}" = "1" ] && [ -z "${Email__SmtpHost:-}" ]; then
  dotnet tool restore >/dev/null
  (exec dotnet tool run smtp4dev -- --urls=http://127.0.0.1:5081 --smtpport=2525 --imapport=0 --pop3port=0 --db="" >"$repo/.local/smtp4dev.log" 2>&1) &
  smtp_pid=$!
  trap 'kill $smtp_pid 2>/dev/null || true' EXIT
  echo "==> Mail catcher: http://127.0.0.1:5081"
fi

echo "==> Portal: http://127.0.0.1:5080 (demo accounts in README.md)"
dotnet run --project src/EServices.Web -c Release --urls http://127.0.0.1:5080

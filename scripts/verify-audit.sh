#!/usr/bin/env bash
# Verifies the audit journal's hash chain (docs/adr/0005-audit-chain.md): prints
# "Intégrité du journal : N lignes vérifiées, chaîne intacte." and exits 0, or names the first
# modified or deleted line and exits 1. Read only. Without ConnectionStrings__Default, uses the
# private PostgreSQL of scripts/run.sh.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

if [ -z "${ConnectionStrings__Default:-}" ]; then
  . scripts/lib/postgres.sh
  ensure_postgres "$repo" >/dev/null || exit 1
  export ConnectionStrings__Default="$(pg_connection_string eservices)"
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export Storage__Path="${Storage__Path:-$repo/.local/files}"
dll="src/EServices.Web/bin/Release/net10.0/EServices.Web.dll"
if [ ! -f "$dll" ]; then
  dotnet build src/EServices.Web -c Release -nologo -v quiet >/dev/null
fi
exec dotnet "$dll" verify-audit

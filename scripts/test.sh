#!/usr/bin/env bash
# Runs every test: unit, integration (HTTP + real PostgreSQL) and browser (Chromium) tests.
# Installs what they need (PostgreSQL, Chromium, fonts, Kannel) when missing. Ends with "N passed, N failed".
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

need_packages=()
command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need_packages+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || need_packages+=(zbar-tools)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_packages+=(fonts-dejavu-core)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "==> Installing ${need_packages[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

# The metrics tests start their own Prometheus and run promtool on deploy/prometheus; the restore drill runs
# scripts/backup.sh and scripts/restore.sh, which use pgBackRest.
. scripts/lib/prometheus.sh
ensure_prometheus_package
. scripts/lib/backups.sh
ensure_pgbackrest_package

# The SMS tests start their own Kannel (bearerbox, smsbox) on free loopback ports: only the packages are needed.
. scripts/lib/kannel.sh
ensure_kannel_packages

if [ -z "${ESERVICES_TEST_DB:-}" ]; then
  . scripts/lib/postgres.sh
  if ! ESERVICES_PG_FSYNC=off ensure_postgres "$repo"; then
    echo "0 passed, 1 failed"
    exit 1
  fi
  export ESERVICES_TEST_DB="$(pg_connection_string postgres)"
fi

results="$repo/.local/test-results"
rm -rf "$results"
mkdir -p "$results"

# Restores exactly the versions in the packages.lock.json files: a changed dependency fails here, not in production.
echo "==> Restoring (locked)"
if ! dotnet restore EServices.sln --locked-mode -nologo -v quiet; then
  echo "Restore failed: a package differs from packages.lock.json (run dotnet restore --force-evaluate and commit the lock files)"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "==> Building"
if ! dotnet build EServices.sln -c Release --no-restore -nologo -v quiet; then
  echo "Build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# The style of .editorconfig, checked like a test: one more failure when a file is not formatted.
echo "==> Checking the format (dotnet format --verify-no-changes)"
format_failed=0
if ! dotnet format EServices.sln --verify-no-changes --no-restore -v quiet; then
  echo "Format check failed: run dotnet format EServices.sln"
  format_failed=1
fi

echo "==> Testing"
dotnet test EServices.sln -c Release --no-build --nologo --results-directory "$results" \
  --logger "trx" --logger "console;verbosity=normal" -- xUnit.ParallelizeTestCollections=true "$@"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')"
  f="$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
# CI keeps only the end of the output: name the failed tests and their first lines of message just before the count.
if [ "$failed" -gt 0 ]; then
  echo "==> Failed tests"
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    awk '
      /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); print "FAILED " substr($0, RSTART + 10, RLENGTH - 11); inside = 1; shown = 0; next }
      /<\/UnitTestResult>/ { inside = 0 }
      inside && /<Message>/ { message = 1 }
      inside && message && shown < 12 { print "    " $0; shown++ }
      inside && /<\/Message>/ { message = 0 }
    ' "$trx"
  done
fi
failed=$((failed + format_failed))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the run itself broke (a crash, a missing project): count it
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]

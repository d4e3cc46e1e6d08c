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

cleanup=()
trap 'for step in "${cleanup[@]}"; do eval "$step"; done' EXIT

# A local mail catcher for password resets and confirmations: http://127.0.0.1:5081 (SMTP on 2525).
if [ "${ESERVICES_SMTP4DEV:-1}" = "1" ] && [ -z "${Email__SmtpHost:-}" ]; then
  dotnet tool restore >/dev/null
  (exec dotnet tool run smtp4dev -- --urls=http://127.0.0.1:5081 --smtpport=2525 --imapport=0 --pop3port=0 --db="" >"$repo/.local/smtp4dev.log" 2>&1) &
  smtp_pid=$!
  cleanup+=('kill $smtp_pid 2>/dev/null || true')
  echo "==> Mail catcher: http://127.0.0.1:5081"
fi

# The SMS gateway: Kannel with a fake SMS centre on loopback (docs/sms.md); SMS sent and a form to text the portal
# on http://127.0.0.1:5080/dev/sms. ESERVICES_KANNEL=0, or Sms__SendSmsUrl set, leaves it out.
if [ "${ESERVICES_KANNEL:-1}" = "1" ] && [ -z "${Sms__SendSmsUrl:-}" ]; then
  . scripts/lib/kannel.sh
  start_kannel "$repo" http://127.0.0.1:5080
  cleanup+=(stop_kannel)
  while IFS= read -r setting; do export "$setting"; done < <(kannel_portal_settings)
  echo "==> SMS: http://127.0.0.1:5080/dev/sms (fake SMS centre's log: .local/kannel/fakesmsc.log)"
fi

# Mobile money: the CinetPay simulator on http://127.0.0.1:5082 (its page lets you choose succès, échec, abandon or
# réponse lente). ESERVICES_PAYSIM=0, or Payments__CinetPay__BaseUrl set (the real CinetPay), leaves it out.
if [ "${ESERVICES_PAYSIM:-1}" = "1" ] && [ -z "${Payments__CinetPay__BaseUrl:-}" ]; then
  . scripts/lib/paysim.sh
  start_paysim "$repo"
  cleanup+=(stop_paysim)
  while IFS= read -r setting; do export "$setting"; done < <(paysim_portal_settings)
  echo "==> Payments: its transactions on $PAYSIM_URL/_sim/transactions"
fi

# Metrics: Prometheus scraping the portal's /metrics, with the alert rules of deploy/prometheus (docs/operations.md).
# ESERVICES_PROMETHEUS=0 leaves it out.
if [ "${ESERVICES_PROMETHEUS:-1}" = "1" ]; then
  . scripts/lib/prometheus.sh
  start_prometheus "$repo" 127.0.0.1:5080
  cleanup+=(stop_prometheus)
  echo "==> Prometheus: $PROMETHEUS_URL (alerts: $PROMETHEUS_URL/alerts; the portal's figures: http://127.0.0.1:5080/metrics)"
fi

echo "==> Portal: http://127.0.0.1:5080 (demo accounts in README.md)"
dotnet run --project src/EServices.Web -c Release --urls http://127.0.0.1:5080

# Sourced by scripts/run.sh (and scripts/bench.sh): the CinetPay simulator (tools/EServices.PaySim), on loopback, with
# the development keys of src/EServices.Web/appsettings.Development.json. Its payment page is /paiement/{token}; its
# transactions are listed on /_sim/transactions and kept in .local/paysim/state.json across restarts. Its controls
# (faults, settling without a browser) are described in tools/EServices.PaySim/ControlApi.cs.

PAYSIM_APIKEY="${PAYSIM_APIKEY:-paysim-dev-apikey}"
PAYSIM_SITE_ID="${PAYSIM_SITE_ID:-105900}"
PAYSIM_SECRET_KEY="${PAYSIM_SECRET_KEY:-paysim-dev-secret-key-not-for-production}"

# start_paysim REPO [PORT]: builds the simulator and starts it on 127.0.0.1:PORT (5082, or the next free port), its
# output in .local/paysim/paysim.log. Returns once it answers (60 s at most); sets PAYSIM_PID and PAYSIM_URL.
# PAYSIM_STATE_FILE="" keeps the transactions in memory only (the file is rewritten at each change: a benchmark skips it).
start_paysim() {
  local repo="$1" port="${2:-5082}"
  . "$repo/scripts/lib/portal.sh" # free_port
  port="$(free_port "$port")"
  PAYSIM_DIR="$repo/.local/paysim"
  PAYSIM_STATE_FILE="${PAYSIM_STATE_FILE-$PAYSIM_DIR/state.json}"
  mkdir -p "$PAYSIM_DIR"
  echo "==> Building the CinetPay simulator"
  dotnet build "$repo/tools/EServices.PaySim" -c Release -nologo -v quiet >"$PAYSIM_DIR/build.log" 2>&1 \
    || { echo "The simulator did not build; see $PAYSIM_DIR/build.log" >&2; return 1; }
  dotnet "$repo/tools/EServices.PaySim/bin/Release/net10.0/EServices.PaySim.dll" --port "$port" \
    --apikey "$PAYSIM_APIKEY" --site-id "$PAYSIM_SITE_ID" --secret-key "$PAYSIM_SECRET_KEY" \
    ${PAYSIM_STATE_FILE:+--state-file "$PAYSIM_STATE_FILE"} >"$PAYSIM_DIR/paysim.log" 2>&1 &
  PAYSIM_PID=$!
  PAYSIM_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "$PAYSIM_URL/" 2>/dev/null && { echo "==> CinetPay simulator: $PAYSIM_URL (log: .local/paysim/paysim.log)"; return 0; }
    kill -0 "$PAYSIM_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "The CinetPay simulator did not start; see $PAYSIM_DIR/paysim.log" >&2
  return 1
}

# The portal's Payments__CinetPay__* settings for the simulator started above (for env or export).
paysim_portal_settings() {
  echo "Payments__CinetPay__BaseUrl=$PAYSIM_URL"
  echo "Payments__CinetPay__ApiKey=$PAYSIM_APIKEY"
  echo "Payments__CinetPay__SiteId=$PAYSIM_SITE_ID"
  echo "Payments__CinetPay__SecretKey=$PAYSIM_SECRET_KEY"
}

stop_paysim() {
  if [ -n "${PAYSIM_PID:-}" ]; then kill "$PAYSIM_PID" 2>/dev/null || true; fi
}

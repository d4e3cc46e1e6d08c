# Sourced by scripts/run.sh: Prometheus (Debian's package) scraping the local portal every 15 s with the rules of
# deploy/prometheus/rules.yml; its data under .local/prometheus (git-ignored). docs/operations.md lists the alerts.

# Installs Debian's prometheus (which brings promtool) when missing; its service is not started (no systemd here).
ensure_prometheus_package() {
  if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
    echo "==> Installing Prometheus (Debian package prometheus)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  fi
}

# start_prometheus REPO TARGET [PORT]: scrapes TARGET (host:port) on 127.0.0.1:PORT (5083, or the next free port).
# Sets PROMETHEUS_PID and PROMETHEUS_URL.
start_prometheus() {
  local repo="$1" target="$2" port="${3:-5083}"
  ensure_prometheus_package
  . "$repo/scripts/lib/portal.sh" # free_port
  port="$(free_port "$port")"
  local dir="$repo/.local/prometheus"
  mkdir -p "$dir/data"
  cat >"$dir/prometheus.yml" <<CONFIG
global:
  scrape_interval: 15s
  evaluation_interval: 15s
rule_files:
  - $repo/deploy/prometheus/rules.yml
scrape_configs:
  - job_name: eservices
    static_configs:
      - targets: ["$target"]
CONFIG
  prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" --storage.tsdb.retention.time=15d \
    --web.listen-address="127.0.0.1:$port" >"$dir/prometheus.log" 2>&1 &
  PROMETHEUS_PID=$!
  PROMETHEUS_URL="http://127.0.0.1:$port"
}

stop_prometheus() {
  [ -n "${PROMETHEUS_PID:-}" ] && kill "$PROMETHEUS_PID" 2>/dev/null || true
}

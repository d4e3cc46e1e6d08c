#!/usr/bin/env bash
# Two portal nodes on one database behind nginx, on this machine (no Docker): docs/scaling.md.
#   scripts/two-nodes.sh           nginx on http://127.0.0.1:5090 in front of nodes on :5091 and :5092; Ctrl-C stops all
#   scripts/two-nodes.sh --check   starts them, signs in and out through nginx with curl, each step on the other node, stops
# Without ConnectionStrings__Default, uses the private PostgreSQL of scripts/run.sh (database eservices_nodes).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
check=0
[ "${1:-}" = "--check" ] && check=1
proxy_port="${ESERVICES_NODES_PORT:-5090}"
node_ports=("$((proxy_port + 1))" "$((proxy_port + 2))")
state="$repo/.local/two-nodes"
mkdir -p "$state"

if ! command -v nginx >/dev/null; then
  echo "==> Installing nginx (Debian package)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi

if [ -z "${ConnectionStrings__Default:-}" ]; then
  . scripts/lib/postgres.sh
  ensure_postgres "$repo" || exit 1
  ensure_database eservices_nodes
  export ConnectionStrings__Default="$(pg_connection_string eservices_nodes)"
fi

echo "==> Building once (Release)"
dotnet build src/EServices.Web -c Release -nologo -v quiet >/dev/null

# What every node shares: the database (and so the data-protection keys and the outbox), the uploads folder.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Storage__Path="${Storage__Path:-$repo/.local/files-nodes}"
# Links in e-mails and documents point to nginx, the address people use (not to the node that wrote them).
export Portal__PublicUrl="${Portal__PublicUrl:-http://127.0.0.1:$proxy_port}"
# nginx runs on loopback: its X-Forwarded-For/Proto are believed from there (compose trusts the proxy's subnet instead).
export ForwardedHeaders__KnownNetworks__0="${ForwardedHeaders__KnownNetworks__0:-127.0.0.1/32}"
mkdir -p "$Storage__Path"

pids=()
stop() {
  [ -f "$state/nginx.pid" ] && kill "$(cat "$state/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT

# Both nodes start at once and both migrate and seed: they take turns on a PostgreSQL advisory lock.
for i in 0 1; do
  (exec dotnet run --no-build --project src/EServices.Web -c Release --urls "http://127.0.0.1:${node_ports[$i]}" >"$state/node$((i + 1)).log" 2>&1) &
  pids+=($!)
done

# The repository's nginx.conf with the compose names replaced by the local nodes; one worker so that round robin
# strictly alternates, and a header naming the node that answered (for this check only: it shows internal addresses).
sed -e "s/server web:8080/server 127.0.0.1:${node_ports[0]}/; s/server web2:8080/server 127.0.0.1:${node_ports[1]}/" \
    -e "s/listen 80;/listen 127.0.0.1:${proxy_port};/; s/worker_processes auto;/worker_processes 1;/" \
    -e "s|proxy_pass http://portal;|proxy_pass http://portal;\n            add_header X-Node \$upstream_addr always;|" \
    deploy/nginx/nginx.conf >"$state/nginx.conf"
nginx -t -q -c "$state/nginx.conf" -g "pid $state/nginx.pid;"
nginx -c "$state/nginx.conf" -g "pid $state/nginx.pid;" >"$state/nginx.log" 2>&1

for port in "${node_ports[@]}"; do
  for _ in $(seq 1 180); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && break
    sleep 1
  done
  curl -fsS -o /dev/null "http://127.0.0.1:$port/health" || { echo "Node on :$port did not start; see $state/node*.log" >&2; exit 1; }
done
echo "==> Portal through nginx: http://127.0.0.1:$proxy_port (nodes :${node_ports[0]} and :${node_ports[1]}, logs in $state)"

if [ "$check" = 0 ]; then
  wait
  exit 0
fi

# --- The check: a browser's cookies by hand (curl keeps no __Host- cookie over http), each request through nginx.
declare -A cookies=()
body="$state/body.html" headers="$state/headers.txt"
request() { # METHOD PATH [form fields...]; sets $status, $node, $location
  local method="$1" path="$2"; shift 2
  local cookie="" name args=()
  for name in "${!cookies[@]}"; do cookie+="$name=${cookies[$name]}; "; done
  for field in "$@"; do args+=(--data-urlencode "$field"); done
  status="$(curl -sS -o "$body" -D "$headers" -w '%{http_code}' -X "$method" -H "Cookie: $cookie" "${args[@]}" "http://127.0.0.1:$proxy_port$path")"
  node="$(sed -n 's/^[Xx]-[Nn]ode: *\([^\r]*\).*/\1/p' "$headers")"
  location="$(sed -n 's/^[Ll]ocation: *\([^\r]*\).*/\1/p' "$headers")"
  while IFS= read -r line; do
    name="${line%%=*}"; local value="${line#*=}"; value="${value%%;*}"
    if [ -z "$value" ] || [[ "$line" == *"expires=Thu, 01 Jan 1970"* ]]; then unset "cookies[$name]"; else cookies[$name]="$value"; fi
  done < <(sed -n 's/^[Ss]et-[Cc]ookie: *\([^\r]*\).*/\1/p' "$headers")
}
token() { grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' "$body" | head -n 1 | sed 's/.*value="\([^"]*\)"/\1/'; }
fail() { echo "FAIL: $*" >&2; exit 1; }

request GET /compte/connexion
form_node="$node"
request POST /compte/connexion "__RequestVerificationToken=$(token)" "Email=usager@demo.bf" "Password=Demo-EServices-2026"
[ "$status" = 302 ] && [[ "$location" == */mes-demandes ]] || fail "sign-in answered $status ($location)"
[ "$node" != "$form_node" ] || fail "the form and its post went to the same node ($node)"
echo "OK  sign-in form from $form_node, posted to $node: signed in"

seen=()
for _ in 1 2; do
  request GET /mes-demandes
  [ "$status" = 200 ] && grep -q "<h1[^>]*>Mes demandes</h1>" "$body" || fail "/mes-demandes on $node answered $status"
  seen+=("$node")
done
[ "${seen[0]}" != "${seen[1]}" ] || fail "both pages came from ${seen[0]}"
echo "OK  /mes-demandes signed in on ${seen[0]} and on ${seen[1]}"

request GET /
page_node="$node"
request POST /compte/deconnexion "__RequestVerificationToken=$(token)"
[ "$status" = 302 ] && [ "$node" != "$page_node" ] || fail "sign-out answered $status on $node (page from $page_node)"
for _ in 1 2; do
  request GET /mes-demandes
  [ "$status" = 302 ] && [[ "$location" == *"/compte/connexion"* ]] || fail "after sign-out /mes-demandes on $node answered $status"
done
echo "OK  signed out through $node (page from $page_node): both nodes ask to sign in again"
echo "==> Two nodes behind nginx: all checks passed"

# Starting the portal for the measuring scripts (bench.sh, lighthouse.sh): sourced, not run.

# The first port from $1 up that nothing listens on.
free_port() {
  local port="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# start_portal URL LOG [NAME=value…]: the Release build in Production mode on URL, with the settings given, its output
# in LOG; stopped when the calling script exits. Returns once it answers (three minutes at most), sets portal_pid.
# The content root is the project's folder, as with scripts/run.sh: appsettings.json and wwwroot are found there.
start_portal() {
  local url="$1" log="$2"
  shift 2
  env ASPNETCORE_ENVIRONMENT=Production Portal__PublicUrl="$url" Bench__Enabled=true "$@" \
    dotnet "$repo/src/EServices.Web/bin/Release/net10.0/EServices.Web.dll" --contentRoot "$repo/src/EServices.Web" --urls "$url" >"$log" 2>&1 &
  portal_pid=$!
  trap 'kill "$portal_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 180); do
    curl -fsS -o /dev/null "$url/bench/plaintext" 2>/dev/null && return 0
    kill -0 "$portal_pid" 2>/dev/null || { echo "The portal stopped; its log:"; tail -n 30 "$log"; exit 1; }
    sleep 1
  done
  echo "The portal did not answer on $url"
  exit 1
}

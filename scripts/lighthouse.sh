#!/usr/bin/env bash
# Lighthouse (mobile preset, Debian's Chromium) on the pages a new user meets: home, catalogue, a procedure's sheet,
# a form step (signed-in applicant) and the public check page. Prints one line per page with the four scores
# (performance, accessibility, best practices, SEO); the reports are kept in .local/lighthouse/.
# Starts the portal in Production mode on a fresh database, as scripts/bench.sh does. Not a test: nothing fails a build.
# LIGHTHOUSE_QUIET=1 prints only the table.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
out="$repo/.local/lighthouse"
mkdir -p "$out"
chromium="${CHROME_PATH:-/usr/bin/chromium}"
slug="inscription-concours-direct" # the sheet and the form step measured

if [ ! -x "$chromium" ]; then
  echo "==> Installing Chromium (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# Lighthouse in a git-ignored folder, not in the repository's dependencies.
if [ ! -x "$out/node_modules/.bin/lighthouse" ]; then
  echo "==> Installing lighthouse (npm) into $out"
  npm install --prefix "$out" --no-audit --no-fund --silent lighthouse@13 >/dev/null
fi

echo "==> Building (Release)"
dotnet build tools/EServices.Bench -c Release -nologo -v quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
bench() { dotnet "$repo/tools/EServices.Bench/bin/Release/net10.0/EServices.Bench.dll" "$@"; }

# A fresh database each run. With ConnectionStrings__Default set to a server's admin database (say
# "Host=127.0.0.1;Port=54329;Username=postgres;Database=postgres"), that server is used; otherwise the private cluster
# of scripts/run.sh.
if [ -n "${ConnectionStrings__Default:-}" ]; then
  admin="$ConnectionStrings__Default"
  db="$(sed 's/Database=[^;]*/Database=eservices_lighthouse/' <<<"$admin")"
  host="$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$admin")"; pg_port="$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$admin")"
  psql_admin() { psql -h "$host" -p "${pg_port:-5432}" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
  psql_admin -d postgres -c "DROP DATABASE IF EXISTS eservices_lighthouse WITH (FORCE)"
  psql_admin -d postgres -c "CREATE DATABASE eservices_lighthouse"
else
  . scripts/lib/postgres.sh
  ensure_postgres "$repo"
  psql_admin() { runuser -u postgres -- "$PG_BIN/psql" -h 127.0.0.1 -p "$ESERVICES_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
  psql_admin -c "DROP DATABASE IF EXISTS eservices_lighthouse WITH (FORCE)"
  ensure_database eservices_lighthouse
  db="$(pg_connection_string eservices_lighthouse)"
fi

. scripts/lib/portal.sh
port="$(free_port 5190)"
url="http://127.0.0.1:$port"
echo "==> Starting the portal (Production) on $url"
rm -rf "$out/files"
start_portal "$url" "$out/portal.log" \
  ConnectionStrings__Default="$db" Storage__Path="$out/files" \
  Email__SmtpHost=127.0.0.1 Email__SmtpPort="$(free_port 25260)"

# One applicant who files a few requests: a session for the form step, a receipt for the check page.
echo "==> One applicant, a few filings"
bench seed "$db" 1 0 >/dev/null
# The registration of a session of competitions starts from a competition's page and its generic form is never filed
# (issue 18): the demo session is removed so that the generic form step stays the one measured.
psql_admin -d eservices_lighthouse -c "DELETE FROM candidacies; DELETE FROM competitions; DELETE FROM competition_sessions"
bench filing "$url" 1 3 1 >/dev/null
cookie="$(bench cookie "$url" "bench-usager-1@bench.bf" "Bench-EServices-2026")"
code="$(psql_admin -d eservices_lighthouse -c "SELECT code FROM issued_documents ORDER BY issued_at LIMIT 1")"
[ -n "$code" ] || { echo "No document was issued; the portal's log is $out/portal.log"; exit 1; }
# A draft's first step: the sheet's start form, with its antiforgery token and cookie.
sheet="$(curl -fsS -c "$out/jar" -b "$cookie" "$url/demarches/$slug")"
token="$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$sheet" | head -n 1 | sed 's/.*value="//; s/"$//')"
antiforgery="$(awk '$6 ~ /Antiforgery/ { print $6 "=" $7 }' "$out/jar" | head -n 1)"
step="$(curl -fsS -o /dev/null -w '%{redirect_url}' -b "$cookie; $antiforgery" --data-urlencode "__RequestVerificationToken=$token" "$url/demarches/$slug/commencer")"
step="${step#"$url"}"
[[ "$step" == "/brouillons/"*"/etapes/"* ]] || { echo "Starting a draft did not lead to a step: '$step'"; exit 1; }

chrome_flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
headers="$(printf '{"Cookie": "%s"}' "$cookie")"
printf '%-14s %5s %5s %5s %5s  %s\n' "page" "perf" "a11y" "bp" "seo" "address"
measure() {
  local name="$1" address="$2"; shift 2
  CHROME_PATH="$chromium" "$out/node_modules/.bin/lighthouse" "$address" --quiet --form-factor=mobile \
    --chrome-flags="$chrome_flags" --output=json --output-path="$out/$name.json" "$@" >/dev/null 2>"$out/$name.log" || true
  node -e '
    const r = require(process.argv[1]);
    const s = k => r.categories[k].score === null ? "n/a" : Math.round(r.categories[k].score * 100);
    const failed = Object.values(r.audits).filter(a => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative"
      && a.scoreDisplayMode !== "manual" && a.scoreDisplayMode !== "notApplicable").map(a => a.id);
    console.log([process.argv[2].padEnd(14), ...["performance", "accessibility", "best-practices", "seo"].map(k => String(s(k)).padStart(5)),
      " " + process.argv[3]].join(" ") + (process.env.LIGHTHOUSE_QUIET === "1" || failed.length === 0 ? "" : "\n               below 1: " + failed.join(", ")));
  ' "$out/$name.json" "$name" "${address#"$url"}" 2>/dev/null || echo "$name: no report (see $out/$name.log)"
}
measure home "$url/"
measure catalogue "$url/demarches"
measure sheet "$url/demarches/$slug"
measure form-step "$url$step" --extra-headers="$headers"
measure check "$url/verifier/$code"

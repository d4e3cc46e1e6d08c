#!/usr/bin/env bash
# Runs Debian's sqlmap and wapiti against a local portal (its own database, demo accounts, Production settings)
# as an anonymous visitor and as a signed-in applicant. Fails on any finding. Reports go to .local/scan/.
# Usage: tests/security/scan.sh            (about 10 minutes on 2 cores)
#        SCAN_SECONDS=120 tests/security/scan.sh   (shorter wapiti run)
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
port="${SCAN_PORT:-5090}"
base="http://127.0.0.1:$port"
out="$repo/.local/scan"
rm -rf "$out"
mkdir -p "$out"

command -v sqlmap >/dev/null && command -v wapiti >/dev/null || {
  echo "==> Installing sqlmap and wapiti"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlmap wapiti >/dev/null
}

. scripts/lib/postgres.sh
ensure_postgres "$repo" || exit 1
runuser -u postgres -- "$PG_BIN/dropdb" -h 127.0.0.1 -p "$ESERVICES_PG_PORT" -U postgres --if-exists eservices_scan
ensure_database eservices_scan

echo "==> Building and starting the portal on $base"
dotnet build src/EServices.Web -c Release -nologo -v quiet || exit 1
(
  cd src/EServices.Web
  ASPNETCORE_ENVIRONMENT=Production \
  Portal__PublicUrl="$base" \
  ConnectionStrings__Default="$(pg_connection_string eservices_scan)" \
  Seed__DemoAccounts=true Seed__DemoPassword=Demo-EServices-2026 \
  Storage__Path="$out/files" \
  Email__SmtpHost=127.0.0.1 Email__SmtpPort=1 \
  exec dotnet bin/Release/net10.0/EServices.Web.dll --urls "$base" >"$out/portal.log" 2>&1
) &
portal=$!
trap 'kill $portal 2>/dev/null; wait $portal 2>/dev/null' EXIT
for _ in $(seq 1 60); do
  curl -fsS "$base/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "$base/health" >/dev/null || { echo "The portal did not start: see $out/portal.log"; echo "scan: 1 finding(s)"; exit 1; }

# The demo session's competitions are all open: one closed, numbered and with its results published gives /resultats
# pages to crawl (the search, the PDF list). Its three candidates are the demo applicant's, one admitted.
runuser -u postgres -- "$PG_BIN/psql" -h 127.0.0.1 -p "$ESERVICES_PG_PORT" -U postgres -d eservices_scan -v ON_ERROR_STOP=1 -q >>"$out/seed.log" 2>&1 <<'SQL' || { echo "Seeding the published results failed: see $out/seed.log"; echo "scan: 1 finding(s)"; exit 1; }
WITH c AS (
    INSERT INTO competitions (session_id, code, title, corps, job, places, minimum_diploma, minimum_age, maximum_age, age_reference_date,
        burkinabe_only, fee_xof, opens_at, closes_at, exam_at, required_documents, created_at, updated_at, numbered_at, results_imported_at, results_published_at)
    SELECT session_id, 'resultats-demonstration', 'Agents techniques (résultats de démonstration)', corps, job, places, minimum_diploma, minimum_age,
        maximum_age, age_reference_date, burkinabe_only, fee_xof, now() - interval '90 days', now() - interval '60 days', now() - interval '30 days',
        required_documents, now(), now(), now() - interval '50 days', now() - interval '1 day', now() - interval '1 day'
    FROM competitions ORDER BY id LIMIT 1
    RETURNING id),
e AS (INSERT INTO exam_centres (competition_id, name, capacity, room_size, taken) SELECT id, 'Ouagadougou', 100, 50, 0 FROM c RETURNING id, competition_id),
u AS (SELECT id FROM "AspNetUsers" WHERE normalized_email = 'USAGER@DEMO.BF'),
p AS (SELECT id, published_form_version_id AS version FROM procedures WHERE slug = 'inscription-concours-direct'),
rows AS (SELECT gen_random_uuid() AS request_id, n.* FROM (VALUES ('RD-0001', 'OUÉDRAOGO Awa', 'OUEDRAOGO AWA', true),
    ('RD-0002', 'KABORÉ Issa', 'KABORE ISSA', false), ('RD-0003', 'SAWADOGO Mariam', 'SAWADOGO MARIAM', true)) AS n(exam_number, name, key, admitted)),
r AS (
    INSERT INTO requests (id, procedure_id, form_version_id, applicant_id, answers, correction_fields, status, completed_steps, is_test,
        paused_working_days, created_at, updated_at, submitted_at)
    SELECT rows.request_id, p.id, p.version, u.id, '{}', '{}', 'Accepted', 4, false, 0, now(), now(), now() FROM rows, p, u
    RETURNING id)
INSERT INTO candidacies (request_id, competition_id, applicant_id, cnib, centre_id, created_at, updated_at, candidate_name, name_key,
    birth_date, exam_number, room, seat, admitted)
SELECT rows.request_id, e.competition_id, u.id, 'B' || substr(md5(rows.exam_number), 1, 8), e.id, now(), now(), rows.name, rows.key,
    DATE '1999-04-17', rows.exam_number, 1, row_number() OVER (ORDER BY rows.exam_number), rows.admitted
FROM rows, e, u WHERE rows.request_id IN (SELECT id FROM r);
SQL
curl -fsS -o /dev/null "$base/resultats/resultats-demonstration?q=ouedraogo" || { echo "No published results to scan"; echo "scan: 1 finding(s)"; exit 1; }

# Signs in as the demo applicant with the sign-in form's antiforgery token; the cookies go to a jar.
jar="$out/cookies.txt"
token="$(curl -fsS -c "$jar" -b "$jar" "$base/compte/connexion" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')"
curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "Email=usager@demo.bf" --data-urlencode "Password=Demo-EServices-2026" "$base/compte/connexion"
cookie="$(awk -F'\t' '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s=%s; ", $6, $7 }' "$jar")"
curl -fsS -o /dev/null -H "Cookie: $cookie" "$base/mes-demandes" || { echo "Sign-in failed"; echo "scan: 1 finding(s)"; exit 1; }

findings=0

echo "==> sqlmap: catalogue search, sheets, the applicant's pages and forms"
for target in "$base/demarches?q=attestation" "$base/demarches/attestation-de-travail" "$base/verifier/0123456789abcdef0123456789abcdef?s=abc"; do
  sqlmap -u "$target" --batch --level=2 --risk=1 --threads=2 --timeout=15 --output-dir="$out/sqlmap" \
    --ignore-code=400,404 >>"$out/sqlmap.log" 2>&1
done
sqlmap -u "$base/mes-demandes" --cookie="$cookie" --crawl=2 --forms --batch --level=1 --risk=1 --timeout=15 \
  --csrf-token=__RequestVerificationToken --crawl-exclude='deconnexion' --output-dir="$out/sqlmap" \
  --ignore-code=400,404 >>"$out/sqlmap.log" 2>&1
sql=$(grep -c "identified the following injection point" "$out/sqlmap.log")
echo "    sqlmap injection points: $sql"
findings=$((findings + sql))

# No -x exclusions: wapiti 3.0.4's wildcard patterns do not compile under Python 3.11. The sign-out form carries
# only its antiforgery token, which wapiti fuzzes, so the applicant's session survives the scan.
echo "==> wapiti: anonymous, then signed in (${SCAN_SECONDS:-300} s each at most)"
for who in anonymous applicant; do
  header=()
  [ "$who" = applicant ] && header=(-H "Cookie: $cookie")
  # The competitions' pages sit deeper than the crawl's depth from the home page: /concours is a second start.
  wapiti -u "$base/" -s "$base/concours" -s "$base/resultats" --scope folder -m "sql,blindsql,xss,permanentxss,exec,file,crlf,redirect" \
    "${header[@]}" \
    --max-scan-time "${SCAN_SECONDS:-300}" --max-attack-time 60 -d 3 --flush-session \
    -f json -o "$out/wapiti-$who.json" >"$out/wapiti-$who.log" 2>&1
  count=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(sum(len(v) for v in r['vulnerabilities'].values()))" "$out/wapiti-$who.json" 2>/dev/null || echo 1)
  echo "    wapiti ($who) vulnerabilities: $count"
  findings=$((findings + count))
done

# A 5xx is a finding too: hostile input must get a clear refusal, never a crash.
crashes=$(grep -c "responded 5[0-9][0-9]" "$out/portal.log")
echo "    server errors (5xx) during the scan: $crashes (see $out/portal.log)"
findings=$((findings + crashes))

echo "scan: $findings finding(s)"
[ "$findings" -eq 0 ]

#!/usr/bin/env bash
# The benchmark of issue 6: builds in Release, starts the private PostgreSQL and the portal in Production mode on
# loopback, seeds realistic volume, runs the scenarios and prints one table (also written to .local/bench/latest.md).
# BENCH_QUICK=1: everything short, to check the command in a few minutes. Not a test: nothing here fails a build.
# The competitions of issue 18 (scenarios 9 to 12, about 25 minutes in full) run when asked: BENCH_ONLY="9 10 11 12".
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

if [ "${BENCH_QUICK:-0}" = "1" ]; then
  mode="quick"; applicants=1000; requests=5000; page_seconds=10; inbox_seconds=5; cert_seconds=5
  filing_seconds="${BENCH_FILING_SECONDS:-10}"; payment_seconds=10
  candidacy_seconds=60; rush_seconds=60; convocations="${BENCH_CONVOCATIONS:-20000}"; results="${BENCH_RESULTS:-200000}"
else
  mode="full"; applicants=20000; requests=100000; page_seconds=30; inbox_seconds=15; cert_seconds=20
  filing_seconds="${BENCH_FILING_SECONDS:-300}"; payment_seconds=60
  candidacy_seconds=180; rush_seconds=300; convocations="${BENCH_CONVOCATIONS:-100000}"; results="${BENCH_RESULTS:-2000000}"
fi
filers="${BENCH_FILERS:-50}"          # signed-in applicants filing at once
only="${BENCH_ONLY:-1 2 3 4 6 7 8}"   # the scenarios to run, e.g. BENCH_ONLY=2 while working on filing (5 is measured during 2)
want() { [[ " $only " == *" $1 "* ]]; }
demo_password="Bench-Staff-2026"      # the demo staff accounts' password in this run only
staff_key="ESERVICESDEMOKEY"          # their authenticator key (Data/Seed/DemoAccounts.cs)
out="$repo/.local/bench"
mkdir -p "$out"

if ! command -v wrk >/dev/null 2>&1; then
  echo "==> Installing wrk (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

load_start="$(cut -d' ' -f1 /proc/loadavg)"
echo "==> Building (Release)"
dotnet build tools/EServices.Bench -c Release -nologo -v quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
bench() { dotnet "$repo/tools/EServices.Bench/bin/Release/net10.0/EServices.Bench.dll" "$@"; }

# A fresh database each run, on the private cluster of scripts/run.sh and scripts/test.sh.
. scripts/lib/postgres.sh
ensure_postgres "$repo"
psql_admin() { runuser -u postgres -- "$PG_BIN/psql" -h 127.0.0.1 -p "$ESERVICES_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_admin -c "DROP DATABASE IF EXISTS eservices_bench WITH (FORCE)"
ensure_database eservices_bench
db="$(pg_connection_string eservices_bench)"
psql_bench() { psql_admin -d eservices_bench "$@"; }

. scripts/lib/portal.sh
port="$(free_port 5180)"
dead_smtp_port="$(free_port 25250)" # nothing listens there: the e-mail outbox postpones and retries, as when SMTP is down
url="http://127.0.0.1:$port"

# Scenario 7: the SMS path, through a real Kannel (scripts/lib/kannel.sh) whose fake SMS centre logs each SMS it gets.
sms_settings=()
if want 7; then
  . scripts/lib/kannel.sh
  start_kannel "$repo" "$url"
  mapfile -t sms_settings < <(kannel_portal_settings)
fi

# Scenario 8: payments through the CinetPay simulator (tools/EServices.PaySim), its transactions in memory only.
pay_settings=()
if want 8 || want 9 || want 10; then
  . scripts/lib/paysim.sh
  PAYSIM_SECRET_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" # the development one is refused in Production
  PAYSIM_STATE_FILE="" start_paysim "$repo" "$(free_port 5182)"
  mapfile -t pay_settings < <(paysim_portal_settings)
fi

echo "==> Starting the portal (Production) on $url"
rm -rf "$out/files"
# Limits of sign-in attempts per address are lifted: every simulated applicant comes from 127.0.0.1.
start_portal "$url" "$out/portal.log" \
  ConnectionStrings__Default="$db" Storage__Path="$out/files" \
  Seed__DemoAccounts=true Seed__DemoPassword="$demo_password" \
  SignInLimits__PerIpPerMinute=1000000 \
  Email__SmtpHost=127.0.0.1 Email__SmtpPort="$dead_smtp_port" "${sms_settings[@]}" "${pay_settings[@]}" \
  Convocations__PollInterval=00:00:01
rush_pid=""
trap 'kill "$portal_pid" $rush_pid 2>/dev/null || true; stop_kannel 2>/dev/null || true; stop_paysim 2>/dev/null || true' EXIT

echo "==> Seeding $applicants applicants and $requests requests (SQL)"
seed_output="$(bench seed "$db" "$applicants" "$requests")"
seed_seconds="$(sed -n 's/^seed_seconds=//p' <<<"$seed_output")"
events="$(psql_bench -c "SELECT count(*) FROM request_events")"
# The portal seals new history rows into the audit chain in the background: wait, so that it does not weigh on the scenarios.
start=$SECONDS
while [ "$(psql_bench -c "SELECT count(*) FROM request_events WHERE chain_no IS NULL")" != "0" ] && [ $((SECONDS - start)) -lt 1800 ]; do
  sleep 2
done
seal_seconds=$((SECONDS - start))

ticks_per_second="$(getconf CLK_TCK)"

# Waits (at most five minutes) until the portal and PostgreSQL together use less than a tenth of a core over two
# seconds: what a scenario leaves behind (its history rows to seal, e-mails retried) must not weigh on the next one.
wait_until_quiet() {
  local start=$SECONDS before after
  while [ $((SECONDS - start)) -lt 300 ]; do
    before=$(( $(cpu_ticks "$portal_pid") + $(postgres_ticks) ))
    sleep 2
    after=$(( $(cpu_ticks "$portal_pid") + $(postgres_ticks) ))
    [ $((after - before)) -lt $((ticks_per_second * 2 / 10)) ] && break
  done
  [ $((SECONDS - start)) -gt 2 ] && echo "    (waited $((SECONDS - start)) s for the portal and PostgreSQL to be idle)"
  return 0
}
# Processor time (user + system, in clock ticks) of a process, and of the whole PostgreSQL cluster: its processes alive
# now plus those that ended (counted in the postmaster's children time).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
postgres_ticks() {
  local postmaster total=0 pid
  postmaster="$(head -n 1 "$PG_HOME/data/postmaster.pid")"
  total="$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$postmaster/stat")"
  for pid in $(pgrep -P "$postmaster"); do
    total=$((total + $(cpu_ticks "$pid" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

rows=()        # the table's rows
row() { rows+=("| $1 | $2 | $3 | $4 |"); }
verdict() { if [ "$1" = "1" ]; then echo "pass"; else echo "**fail**"; fi; }
calc() { awk "BEGIN { printf \"%s\", $1 }"; }
value() { sed -n "s/^$1=//p" <<<"$2"; } # a "key=value" line of the bench tool's output

# Runs wrk and sets rps, p99 (ms) and bad (non-2xx/3xx responses and socket errors).
wrk_run() {
  local connections="$1" seconds="$2" target="$3" cookie="${4:-}" script="${5:-}" result
  local args=(-t1 -c"$connections" -d"${seconds}s" --latency --timeout 10s)
  [ -n "$cookie" ] && args+=(-H "Cookie: $cookie")
  [ -n "$script" ] && args+=(-s "$script")
  result="$(wrk "${args[@]}" "$target")"
  rps="$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$result")"
  p99="$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) m = v / 1000; else if (v ~ /ms$/) m = v + 0; else if (v ~ /m$/) m = v * 60000; else m = v * 1000; printf "%.1f", m }' <<<"$result")"
  bad="$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$result")"
}

declare -A base_rps base_p99
if want 1; then
  wait_until_quiet
  echo "==> 1. Anonymous pages (wrk, ${page_seconds} s each)"
  for connections in 50 200; do
    wrk_run "$connections" "$page_seconds" "$url/bench/plaintext"
    base_rps[$connections]="$rps"; base_p99[$connections]="$p99"
    row "1. Plaintext baseline, $connections connections" "$rps req/s, p99 $p99 ms" "(baseline)" "—"
  done
  for page in "/" "/demarches" "/demarches/inscription-concours-direct"; do
    for connections in 50 200; do
      wrk_run "$connections" "$page_seconds" "$url$page"
      ratio="$(calc "$rps / ${base_rps[$connections]}")"
      ratio="$(printf '%.3f' "$ratio")"
      if [ "$connections" = "200" ]; then
        goal="ratio ≥ 0.5, p99 ≤ 100 ms"; ok="$(calc "($ratio >= 0.5 && $p99 <= 100 && $bad == 0) ? 1 : 0")"
      else
        goal="ratio ≥ 0.5"; ok="$(calc "($ratio >= 0.5 && $bad == 0) ? 1 : 0")"
      fi
      errors=""; [ "$bad" != "0" ] && errors=", $bad errors"
      row "1. \`$page\`, $connections connections" "$rps req/s, p99 $p99 ms, ratio $ratio$errors" "$goal" "$(verdict "$ok")"
    done
  done

fi

if want 3; then
  wait_until_quiet
  echo "==> 3. Back-office inbox (wrk, 1 connection, ${inbox_seconds} s per tab)"
  wrk_run 1 "$inbox_seconds" "$url/bench/plaintext"
  inbox_base="$rps"
  row "3. Plaintext baseline, 1 connection" "$rps req/s, p99 $p99 ms" "(baseline)" "—"
  for who in "admin@demo.bf:administrateur" "chef.dgfp@demo.bf:superviseur DGFP" "agent.dgfp@demo.bf:agent DGFP"; do
    email="${who%%:*}"; label="${who#*:}"
    cookie="$(bench cookie "$url" "$email" "$demo_password" "$staff_key")"
    for tab in a-prendre mes-dossiers en-attente en-retard traitees; do
      status="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url/back-office?onglet=$tab")"
      [ "$status" = "200" ] || { echo "Inbox $tab for $email answered $status"; exit 1; }
      wrk_run 1 "$inbox_seconds" "$url/back-office?onglet=$tab" "$cookie"
      ratio="$(printf '%.3f' "$(calc "$rps / $inbox_base")")"
      ok="$(calc "($p99 <= 100 && $bad == 0) ? 1 : 0")"
      row "3. Inbox of the $label, tab \`$tab\`" "p99 $p99 ms, $rps req/s (ratio $ratio)" "p99 ≤ 100 ms" "$(verdict "$ok")"
    done
  done

fi

# The competition registration carries its fee (issue 17): scenario 2 measures the free filing of before, scenario 8
# the same filing with the fee paid through the simulator.
concours_fee() { psql_bench -c "UPDATE procedures SET fee_kind = '$1' WHERE slug = 'inscription-concours-direct'"; }
# The registration of a session of competitions starts from a competition's page and its generic form is never filed
# (issue 18): the demo session is removed here so that scenarios 2 and 8 keep walking the generic form they have always measured.
psql_bench -c "DELETE FROM candidacies; DELETE FROM competitions; DELETE FROM competition_sessions" >/dev/null

if want 2; then
  wait_until_quiet
  concours_fee None
  echo "==> 2. Filing: $filers applicants for ${filing_seconds} s"
  echo 5 > "/proc/$portal_pid/clear_refs" || true # resets the peak RSS (VmHWM): scenario 5 is the peak during this scenario
  portal_ticks_before="$(cpu_ticks "$portal_pid")"; postgres_ticks_before="$(postgres_ticks)"
  filing_output="$(bench filing "$url" "$filers" "$filing_seconds" 1)"
  portal_ticks="$(( $(cpu_ticks "$portal_pid") - portal_ticks_before ))"; postgres_ticks="$(( $(postgres_ticks) - postgres_ticks_before ))"
  hwm_kb="$(awk '/^VmHWM/ { print $2 }' "/proc/$portal_pid/status")"
  filed="$(value filing_count "$filing_output")"; filing_errors="$(value filing_errors "$filing_output")"
  filing_rate="$(value filing_per_second "$filing_output")"; filing_p99="$(value filing_p99_ms "$filing_output")"

  # The baseline: pgbench writing what a filing writes at least (the service's counter, the request row with the same
  # answers, one history row), with as many clients, for as long (at most a minute), then those rows removed.
  template="$(psql_bench -c "SELECT procedure_id || ' ' || form_version_id FROM requests WHERE status = 'Submitted' AND applicant_id LIKE 'bench-%' ORDER BY submitted_at DESC LIMIT 1")"
  answers="$(psql_bench -c "SELECT answers FROM requests r JOIN procedures p ON p.id = r.procedure_id WHERE p.slug = 'inscription-concours-direct' AND r.status = 'Submitted' ORDER BY r.submitted_at DESC LIMIT 1")"
  cat >"$out/pgbench-filing.sql" <<SQL
BEGIN;
INSERT INTO tracking_counters (prefix, year, last) VALUES ('PGB', extract(year FROM now())::int, 1) ON CONFLICT (prefix, year) DO UPDATE SET last = tracking_counters.last + 1;
WITH filed AS (INSERT INTO requests (id, procedure_id, form_version_id, applicant_id, status, answers, completed_steps, created_at, updated_at, number, submitted_at, due_on, applicant_name, correction_fields, paused_working_days, is_test) VALUES (gen_random_uuid(), ${template%% *}, ${template##* }, 'bench-1', 'Submitted', \$j\$${answers}\$j\$::jsonb, 4, now(), now(), 'PGB-' || left(replace(gen_random_uuid()::text, '-', ''), 28), now(), current_date + 3, 'Awa OUÉDRAOGO', '{}', 0, false) RETURNING id) INSERT INTO request_events (request_id, at, actor_id, "from", "to", comment) SELECT id, now(), 'bench-1', 'Draft', 'Submitted', 'Demande déposée' FROM filed;
COMMIT;
SQL
  pgbench_seconds=$(( filing_seconds < 60 ? filing_seconds : 60 ))
  pgbench_output="$(runuser -u postgres -- "$PG_BIN/pgbench" -h 127.0.0.1 -p "$ESERVICES_PG_PORT" -U postgres -n -c "$filers" -j 2 -T "$pgbench_seconds" -f "$out/pgbench-filing.sql" eservices_bench 2>&1)" \
    || { echo "$pgbench_output"; exit 1; }
  pgbench_tps="$(awk '/^tps/ { printf "%.0f", $3 }' <<<"$pgbench_output")"
  psql_bench -c "DELETE FROM requests WHERE number LIKE 'PGB-%'"
  filing_ratio="$(printf '%.3f' "$(calc "$filing_rate / $pgbench_tps")")"
  ok="$(calc "($filing_rate >= 300 && $filing_errors == 0 && $filing_seconds >= 300) ? 1 : 0")"
  row "2. Filing \"Inscription à un concours direct\", 2 × 200 KB PDF, receipt fetched, $filers applicants, ${filing_seconds} s" \
    "$filing_rate filings/s ($filed filed, $filing_errors errors), p99 of a whole filing $filing_p99 ms; ratio to pgbench $filing_ratio" \
    "≥ 300/s for 5 min, 0 errors" "$(verdict "$ok")"
  # Where a filing's processor time goes: the load client shares the machine's cores, so the rate above is what the
  # portal and PostgreSQL get of them; the projection is the rate they would reach with every core to themselves.
  ms_per_filing() { calc "$1 * 1000 / $ticks_per_second / $filed" | xargs printf '%.1f'; }
  portal_ms="$(ms_per_filing "$portal_ticks")"; postgres_ms="$(ms_per_filing "$postgres_ticks")"
  client_ms="$(value filing_client_cpu_ms "$filing_output")"; client_ms="$(calc "$client_ms / $filed" | xargs printf '%.1f')"
  projected="$(calc "$(nproc) * 1000 / ($portal_ms + $postgres_ms)" | xargs printf '%.0f')"
  row "2. Processor time per filing" "portal $portal_ms ms, PostgreSQL $postgres_ms ms, load client $client_ms ms; portal and PostgreSQL alone on $(nproc) cores: $projected filings/s" "(breakdown)" "—"
  row "2. pgbench baseline: counter + request row + history row, $filers clients, ${pgbench_seconds} s" "$pgbench_tps transactions/s" "(baseline)" "—"

fi

if want 4; then
  wait_until_quiet
  echo "==> 4. Certificates (in-process, ${cert_seconds} s per measure)"
  cert_output="$(bench certificates "$cert_seconds")"
  cores="$(value certificates_cores "$cert_output")"
  single="$(value certificates_single_per_second "$cert_output")"
  per_core="$(value certificates_all_per_core "$cert_output")"
  empty="$(value empty_pdf_single_per_second "$cert_output")"
  ok="$(calc "($per_core >= 500) ? 1 : 0")"
  row "4. Certificate PDFs (sign, render, hash)" \
    "$single/s on 1 thread; $(value certificates_all_per_second "$cert_output")/s on $cores cores = $per_core per core; ratio to an empty PDFsharp page $(printf '%.3f' "$(calc "$single / $empty")")" \
    "≥ 500 per s per core" "$(verdict "$ok")"
  row "4. Empty PDFsharp page baseline" "$empty/s on 1 thread" "(baseline)" "—"

fi

if want 2; then
  ok="$(calc "($hwm_kb <= 400 * 1024) ? 1 : 0")"
  row "5. Peak RSS of the portal during scenario 2 (VmHWM)" "$((hwm_kb / 1024)) MB" "≤ 400 MB" "$(verdict "$ok")"

fi

if want 6; then
  wait_until_quiet
  echo "==> 6. Page weight"
  weight_output="$(bench weight "$url" 2)"
  kb() { calc "$1 / 1024" | xargs printf '%.1f'; }
  for page in home catalogue form_step; do
    first="$(value "weight_${page}_first" "$weight_output")"; repeat="$(value "weight_${page}_repeat" "$weight_output")"
    ok="$(calc "($first <= 100 * 1024 && $repeat <= 15 * 1024) ? 1 : 0")"
    row "6. Page weight, ${page/_/ } ($(value "weight_${page}_resources" "$weight_output") linked files)" \
      "first visit $(kb "$first") KB, repeat visit $(kb "$repeat") KB" "≤ 100 KB first, ≤ 15 KB repeat" "$(verdict "$ok")"
  done

fi

if want 7; then
  wait_until_quiet
  echo "==> 7. SMS through Kannel to its fake SMS centre"
  # Queues N notices in one statement, as N filings would have (one row each in outbox_sms), then sets sms_seconds to
  # the time until the fake SMS centre got them all and delivered_seconds until their delivery reports were all back.
  sms_run() {
    local n="$1" before start now
    before="$(grep -c 'Got message' "$KANNEL_DIR/fakesmsc.log" || true)"
    start="$(date +%s.%N)"
    psql_bench -c "INSERT INTO outbox_sms (\"to\", text, coding, parts, kind, created_at, next_attempt_at, attempts, delivery)
      SELECT '+2267' || lpad(i::text, 7, '0'), 'Votre demande FP-2027-' || lpad(i::text, 6, '0') || ' a été déposée. Suivez-la : $url/mes-demandes/FP-2027-' || lpad(i::text, 6, '0'),
        'Gsm7', 1, 'Notice', now(), now(), 0, 'Waiting' FROM generate_series(1, $n) i"
    while [ $(( $(grep -c 'Got message' "$KANNEL_DIR/fakesmsc.log" || true) - before )) -lt "$n" ]; do
      now="$(date +%s.%N)"
      [ "$(calc "(($now - $start) > 900 ? 1 : 0)")" = "1" ] && { echo "SMS did not all reach the fake SMS centre in 15 minutes"; exit 1; }
      sleep 0.2
    done
    sms_seconds="$(calc "$(date +%s.%N) - $start" | xargs printf '%.1f')"
    while [ "$(psql_bench -c "SELECT count(*) FROM outbox_sms WHERE delivery <> 'Delivered'")" != "0" ]; do
      now="$(date +%s.%N)"
      [ "$(calc "(($now - $start) > 900 ? 1 : 0)")" = "1" ] && { echo "Delivery reports missing after 15 minutes"; exit 1; }
      sleep 0.5
    done
    delivered_seconds="$(calc "$(date +%s.%N) - $start" | xargs printf '%.1f')"
    psql_bench -c "DELETE FROM outbox_sms"
  }
  sms_notices=$([ "$mode" = "quick" ] && echo 500 || echo 2000)
  sms_run "$sms_notices"
  row "7. SMS notices through Kannel to its fake SMS centre ($sms_notices queued)" \
    "$(calc "$sms_notices / $sms_seconds" | xargs printf '%.0f') SMS/s (all at the SMS centre in $sms_seconds s; delivery reports all back in $delivered_seconds s)" "(measured)" "—"
  sms_backlog=$([ "$mode" = "quick" ] && echo 2000 || echo 10000)
  sms_run "$sms_backlog"
  row "7. Backlog of $sms_backlog queued SMS drained" \
    "$sms_seconds s to the SMS centre ($(calc "$sms_backlog / $sms_seconds" | xargs printf '%.0f')/s), delivery reports all back in $delivered_seconds s" "(measured)" "—"

fi

if want 8; then
  wait_until_quiet
  concours_fee Fixed
  payers=$([ "$mode" = "quick" ] && echo 10 || echo 20)
  echo "==> 8. Filing with its fee paid through the CinetPay simulator: $payers applicants for ${payment_seconds} s"
  portal_ticks_before="$(cpu_ticks "$portal_pid")"; postgres_ticks_before="$(postgres_ticks)"; paysim_ticks_before="$(cpu_ticks "$PAYSIM_PID")"
  pay_output="$(bench filing "$url" "$payers" "$payment_seconds" "$((filers + 1))" pay)"
  paid="$(value filing_count "$pay_output")"
  per_paid() { calc "$1 * 1000 / $ticks_per_second / $paid" | xargs printf '%.1f'; }
  portal_ms="$(per_paid "$(( $(cpu_ticks "$portal_pid") - portal_ticks_before ))")"
  postgres_ms="$(per_paid "$(( $(postgres_ticks) - postgres_ticks_before ))")"
  paysim_ms="$(per_paid "$(( $(cpu_ticks "$PAYSIM_PID") - paysim_ticks_before ))")"
  row "8. Filing with its fee paid on the simulator's page (Orange Money, success), $payers applicants, ${payment_seconds} s" \
    "$(value filing_per_second "$pay_output") confirmed payments/s ($paid paid and filed, $(value filing_errors "$pay_output") errors); p99 from « Payer et déposer » to « Paiement confirmé » $(value payment_p99_ms "$pay_output") ms, of a whole filing $(value filing_p99_ms "$pay_output") ms" "(measured)" "—"
  row "8. Processor time per paid filing" "portal $portal_ms ms, PostgreSQL $postgres_ms ms, simulator $paysim_ms ms" "(breakdown)" "—"

  # One reconciliation pass: N attempts pending and due at once, unknown to the simulator (it answers 627
  # TRANSACTION_CANCEL), so that every check ends in a write and an audit entry: the dearest kind of check.
  wait_until_quiet
  pending=$([ "$mode" = "quick" ] && echo 10000 || echo 100000)
  psql_bench -c "INSERT INTO payments (id, transaction_id, provider, service_id, procedure_id, amount, status, flag, created_at, updated_at, next_check_at, checks, check_until)
    SELECT gen_random_uuid(), 'BENCH' || lpad(i::text, 12, '0'), 'cinetpay', p.service_id, p.id, 5000, 'Pending', 'None', now(), now(), now() + interval '5 seconds', 0, now() + interval '48 hours'
    FROM generate_series(1, $pending) i, (SELECT id, service_id FROM procedures WHERE slug = 'inscription-concours-direct') p"
  sleep 5
  portal_ticks_before="$(cpu_ticks "$portal_pid")"; postgres_ticks_before="$(postgres_ticks)"; paysim_ticks_before="$(cpu_ticks "$PAYSIM_PID")"
  start="$(date +%s.%N)"
  while [ "$(psql_bench -c "SELECT count(*) FROM payments WHERE transaction_id LIKE 'BENCH%' AND status = 'Pending'")" != "0" ]; do
    [ "$(calc "(($(date +%s.%N) - $start) > 1800 ? 1 : 0)")" = "1" ] && { echo "The reconciliation pass did not end in 30 minutes"; exit 1; }
    sleep 1
  done
  pass_seconds="$(calc "$(date +%s.%N) - $start" | xargs printf '%.1f')"
  per_check() { calc "$1 * 1000000 / $ticks_per_second / $pending" | xargs printf '%.0f'; }
  portal_us="$(per_check "$(( $(cpu_ticks "$portal_pid") - portal_ticks_before ))")"
  postgres_us="$(per_check "$(( $(postgres_ticks) - postgres_ticks_before ))")"
  paysim_us="$(per_check "$(( $(cpu_ticks "$PAYSIM_PID") - paysim_ticks_before ))")"
  row "8. One reconciliation pass over $pending pending attempts (job: batches of 40, 4 checks at once)" \
    "$pass_seconds s ($(calc "$pending / $pass_seconds" | xargs printf '%.0f') checks/s); per check: portal $portal_us µs, PostgreSQL $postgres_us µs, simulator $paysim_us µs of processor" "(measured)" "—"
  psql_bench -c "DELETE FROM payments WHERE transaction_id LIKE 'BENCH%'"
fi

. scripts/lib/bench-competitions.sh

{
  echo "Benchmark ($mode run), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)."
  # Other work on the machine weighs on every figure (less on the ratios): the load is part of the record.
  echo "Load average (1 min) at start $load_start, at end $(cut -d' ' -f1 /proc/loadavg)."
  echo
  echo "Seeded in ${seed_seconds} s: $applicants applicant accounts, $requests requests over the online e-services, $events history rows (audit chain sealed $seal_seconds s later)."
  echo
  echo "| Scenario | Figure | Goal | Result |"
  echo "| --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}" | sort -s -n -t. -k1.3,1 # run order is 1, 3, 2, 4, 6, 7, 8…: the inbox is measured with the seeded volume
} | tee "$out/latest.md"

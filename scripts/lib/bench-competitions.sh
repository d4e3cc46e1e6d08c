# Sourced by scripts/bench.sh once its other scenarios are done: the competitions of issue 18, scenarios 9 to 12
# (docs/benchmarks.md, « Issue 18 — the competitions »). Uses bench.sh's functions and variables (bench, psql_bench,
# wait_until_quiet, wrk_run, row, verdict, calc, value, cpu_ticks, postgres_ticks, url, db, mode, out, portal_pid).

# The tool reads the processor time of the portal and PostgreSQL itself (sign-ins counted apart): their pids.
export BENCH_POSTMASTER_PID="$(head -n 1 "$PG_HOME/data/postmaster.pid")"
export BENCH_PORTAL_PID="$portal_pid"
competitions=1000 # open competitions mesure-0001…: account k applies to each in turn, once
candidates=$([ "$mode" = "quick" ] && echo 10 || echo 20) # scenario 9's, and the rush's smallest room
fmt() { calc "$1" | xargs printf "%.${2:-1}f"; }

if want 9 || want 10; then
  bench competitions "$db" open "$competitions" >/dev/null
fi

# Scenario 10 alone may be given scenario 9's figures (BENCH_NODE_RATE=12.7 BENCH_JOURNEY_MS=1500) to skip it.
if want 9 || { want 10 && [ -z "${BENCH_NODE_RATE:-}" ]; }; then
  wait_until_quiet
  echo "==> 9. Whole candidacies (competition page to receipt, paid on the simulator): $candidates candidates for ${candidacy_seconds} s"
  cand_output="$(bench candidacy "$url" "$candidates" "$candidacy_seconds" 101 "$competitions" 2>"$out/candidacy.log")" || { cat "$out/candidacy.log"; exit 1; }
  printf '%s\n' "$cand_output" >"$out/candidacy.out"
  node_rate="$(value candidacy_per_second "$cand_output")"
  journey_ms="$(value candidacy_mean_ms "$cand_output")"
  portal_ms="$(value candidacy_portal_ms "$cand_output")"; postgres_ms="$(value candidacy_postgres_ms "$cand_output")"
  errors="$(value candidacy_errors "$cand_output")"
  ok="$(calc "($portal_ms + $postgres_ms <= 25 && $errors == 0) ? 1 : 0")"
  row "9. A whole candidacy by a signed-in candidate (page, « Postuler », 3 steps with 2 × 200 KB PDF, centre, review, paid on the simulator, receipt), $candidates candidates, ${candidacy_seconds} s" \
    "$(value candidacy_count "$cand_output") filed ($errors errors), $node_rate/s, p99 of a whole application $(value candidacy_p99_ms "$cand_output") ms, $(value candidacy_requests "$cand_output") requests each; processor per application: portal $portal_ms ms, PostgreSQL $postgres_ms ms (load client $(value candidacy_client_ms "$cand_output") ms)" \
    "≤ 25 ms portal + PostgreSQL" "$(verdict "$ok")"
  row "9. Sign-in, apart (password hashing)" "portal $(value signin_portal_ms "$cand_output") ms, PostgreSQL $(value signin_postgres_ms "$cand_output") ms of processor per sign-in" "(kept strong)" "—"
  { echo "| request | per application | median | p99 | share of the client-side time |"; echo "| --- | --- | --- | --- | --- |"; sed -n 's/^request=//p' <<<"$cand_output"; } >"$out/candidacy-requests.md"

  # The SQL statements of an application: one candidate, every statement logged (log_min_duration_statement = 0) for
  # a few applications, then grouped by text (the first 100 characters of its first line) with count and time.
  wait_until_quiet
  log_from=$(( $(stat -c %s "$PG_HOME/postgres.log") + 1 ))
  psql_admin -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "SELECT pg_reload_conf()" >/dev/null
  profile_output="$(bench candidacy "$url" 1 15 99 "$competitions" 2>/dev/null)"
  psql_admin -c "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" >/dev/null
  profiled="$(value candidacy_count "$profile_output")"
  # The same journey alone on the node: each request's time is the portal's (and its statements'), not a queue's.
  { echo "| request | per application | median | p99 | share of the client-side time |"; echo "| --- | --- | --- | --- | --- |"; sed -n 's/^request=//p' <<<"$profile_output"; } >"$out/candidacy-requests-alone.md"
  tail -c +"$log_from" "$PG_HOME/postgres.log" | awk -v n="$(( profiled > 0 ? profiled : 1 ))" '
    / duration: [0-9.]+ ms +(parse|bind|execute|statement)/ {
      match($0, / duration: [0-9.]+ ms/); d = substr($0, RSTART + 11, RLENGTH - 14) + 0
      text = $0; sub(/.* ms +(parse|bind|execute|statement)[^:]*: /, "", text); text = substr(text, 1, 100)
      time[text] += d; if ($0 ~ / ms +(execute|statement)/) { count[text]++; total++ }; all += d }
    END {
      printf "statements_per_application=%.1f\nsql_ms_per_application=%.1f\n", total / n, all / n
      for (t in time) printf "%.3f\t%.1f\t%s\n", time[t] / n, count[t] / n, t | "sort -rn | head -n 15 | sed \"s/^/statement=/\""
    }' >"$out/candidacy-statements.txt"
  statements="$(value statements_per_application "$(cat "$out/candidacy-statements.txt")")"
  row "9. SQL statements per application (1 candidate, $profiled applications, every statement logged)" \
    "$statements statements, $(value sql_ms_per_application "$(cat "$out/candidacy-statements.txt")") ms of statement time (server side)" "(breakdown)" "—"

  # The floor under the goal: the processor of the cheapest signed-in pages (« Mes demandes » of an applicant with a few
  # seeded requests: the session check, one query, the layout; the catalogue), times the requests an application makes
  # to the portal. Whatever an application does besides (uploads, payment, receipt) comes on top of it.
  portal_requests="$(sed -n 's/^request=| `[A-Z]* \/[^`]*` | \([0-9.]*\) |.*/\1/p' <<<"$cand_output" | awk '{ n += $1 } END { print n }')"
  floor_cookie="$(bench cookie "$url" "bench-usager-500@bench.bf" "Bench-EServices-2026")" # tools/EServices.Bench/Seed.cs
  for page in /mes-demandes /demarches; do
    wait_until_quiet
    wrk_run 10 5 "$url$page" "$floor_cookie" # warm-up
    portal_ticks_before="$(cpu_ticks "$portal_pid")"; postgres_ticks_before="$(postgres_ticks)"
    result="$(wrk -t1 -c10 -d"$(( candidacy_seconds / 6 ))s" -H "Cookie: $floor_cookie" "$url$page")"
    served="$(awk '/requests in/ { print $1 }' <<<"$result")"
    page_portal_ms="$(fmt "($(cpu_ticks "$portal_pid") - $portal_ticks_before) * 1000 / $ticks_per_second / $served" 2)"
    page_postgres_ms="$(fmt "($(postgres_ticks) - $postgres_ticks_before) * 1000 / $ticks_per_second / $served" 2)"
    row "9. Floor: a signed-in \`GET $page\` (10 connections, $served requests)" \
      "processor per request: portal $page_portal_ms ms, PostgreSQL $page_postgres_ms ms; × the application's $portal_requests requests to the portal = $(fmt "$portal_requests * ($page_portal_ms + $page_postgres_ms)") ms" \
      "(what 25 ms must hold)" "—"
  done
fi

if want 10; then
  wait_until_quiet
  # The room's capacity from scenario 9: a place is taken from admission to « Payer et déposer », which frees it, so
  # the places that let the node's rate in are rate × journey (Little's law: about scenario 9's candidates). The idle
  # timeout frees only the places of candidates who leave without paying: none here. Real candidates think minutes
  # between pages (idle timeout 10 min); these fill a form in seconds, so it is 30 s here (with 5 s, an admitted
  # candidate whose page took longer than that under load found the waiting page on their next page).
  idle=30
  node_rate="${BENCH_NODE_RATE:-${node_rate:-}}"; journey_ms="${BENCH_JOURNEY_MS:-${journey_ms:-}}"
  room="$(calc "int($node_rate * $journey_ms / 1000 + 0.999)")"
  [ "$room" -lt "$candidates" ] && room="$candidates"
  arrival_rate="$(fmt "4 * $node_rate" 2)"
  rush_port="$(free_port 5184)"
  main_pid="$portal_pid"
  start_portal "http://127.0.0.1:$rush_port" "$out/portal-rush.log" \
    ConnectionStrings__Default="$db" Storage__Path="$out/files" SignInLimits__PerIpPerMinute=1000000 \
    Email__SmtpHost=127.0.0.1 Email__SmtpPort="$dead_smtp_port" "${pay_settings[@]}" \
    WaitingRoom__Capacity="$room" WaitingRoom__IdleTimeout="00:00:$idle" \
    Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Debug
  rush_pid="$portal_pid"; portal_pid="$main_pid"
  trap 'kill "$portal_pid" $rush_pid 2>/dev/null || true; stop_kannel 2>/dev/null || true; stop_paysim 2>/dev/null || true' EXIT
  echo "==> 10. The last-day rush: $arrival_rate new candidates/s (4 × $node_rate) for ${rush_seconds} s, waiting room of $room places"
  # A separate visitor, as a phone sees the node: from 5 s after the rush's start (the queue has formed), curl asks twice
  # a second for an application page (the waiting page) and for the competitions' list, outside the load client's process.
  rush_start="HTTP GET /bench/rush-start " # the load client's marker in the portal's request log (Rush.cs)
  probe() {
    until grep -qF "$rush_start" "$out/portal-rush.log" 2>/dev/null; do sleep 1; done; sleep 5
    while sleep 0.5; do curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$rush_port$1"; done
  }
  probe /concours/mesure-0999/candidature >"$out/probe-waiting.txt" & probe_waiting=$!
  probe /concours >"$out/probe-list.txt" & probe_list=$!
  rush_output="$(BENCH_PORTAL_PID="$rush_pid" bench rush "http://127.0.0.1:$rush_port" "$db" "$arrival_rate" "$rush_seconds" 200 201 "$competitions" 2>"$out/rush.log")" \
    || { cat "$out/rush.log"; exit 1; }
  kill "$rush_pid"; rush_pid=""
  kill "$probe_waiting" "$probe_list" 2>/dev/null || true
  # The same latencies as the portal saw them (its request log, each request's time from its first middleware): the
  # load client's figures also hold the time its own requests waited for a processor, on the cores it shares. They count
  # from the client's marker (GET /bench/rush-start), after the applications that warmed the node up.
  served() { awk -v kind="$1" -v marker="$rush_start" 'index($0, marker) { started = 1 }
    started && match($0, /HTTP (GET|POST) [^ ]+ responded [0-9]+ in [0-9.]+ ms/) {
      split(substr($0, RSTART, RLENGTH), f, " ")
      waiting = f[2] == "GET" && f[3] ~ /^\/concours\/[^\/]+\/candidature$/ && f[5] == 200
      if (kind == "waiting" ? waiting : f[3] ~ /^\/candidatures\//) print f[7] }' "$out/portal-rush.log"; }
  p99_of() { sort -n | awk '{ v[NR] = $1 } END { i = int(0.99 * NR); if (i < 0.99 * NR) i++; print (NR ? v[i] : 0) }'; }
  rush_output+=$'\n'"server_waiting_p99_ms=$(served waiting | p99_of)"$'\n'"server_admitted_p99_ms=$(served admitted | p99_of)"
  probed() { awk '$1 > 0 { print $1 * 1000 }' "$out/probe-$1.txt" | p99_of; }
  rush_output+=$'\n'"probe_waiting_p99_ms=$(probed waiting)"$'\n'"probe_list_p99_ms=$(probed list)"$'\n'"probes=$(cat "$out"/probe-*.txt | wc -l)"
  printf '%s\n' "$rush_output" >"$out/rush.out"
  r() { value "rush_$1" "$rush_output"; }
  ok="$(calc "($(r errors) == 0 && $(r lost_drafts) == 0 && $(r admitted_p99_ms) <= 500 && $(r waiting_p99_ms) <= 50) ? 1 : 0")"
  row "10. Last-day rush: $arrival_rate new candidates/s = 4 × the node's $node_rate/s, ${rush_seconds} s, waiting room of $room places (idle timeout ${idle} s)" \
    "$(r arrivals) arrived, $(r admitted) admitted, $(r filed) filed ($(r filed_per_second)/s), $(r still_waiting) still waiting at the end; $(r errors) errors, $(r lost_drafts) lost drafts; p99 of the admitted requests $(r admitted_p99_ms) ms ($(r admitted_requests) requests), of the waiting page $(r waiting_p99_ms) ms ($(r waiting_pages) shown), of the competition's page $(r page_p99_ms) ms; as the portal saw them, p99 $(fmt "$(value server_admitted_p99_ms "$rush_output")") ms admitted (application pages), $(fmt "$(value server_waiting_p99_ms "$rush_output")") ms waiting; as a separate visitor (curl, $(value probes "$rush_output") requests) saw them, p99 $(fmt "$(value probe_waiting_p99_ms "$rush_output")") ms for the waiting page, $(fmt "$(value probe_list_p99_ms "$rush_output")") ms for the competitions' list; cores used: portal $(r portal_cores), PostgreSQL $(r postgres_cores), load client $(r client_cores)" \
    "0 errors, 0 lost, p99 ≤ 500 ms admitted, ≤ 50 ms waiting" "$(verdict "$ok")"
fi

if want 11; then
  wait_until_quiet
  echo "==> 11. Convocations: $convocations numbered candidates, the portal's job"
  bench competitions "$db" numbered "$convocations" >/dev/null
  wait_until_quiet
  echo 5 > "/proc/$portal_pid/clear_refs" || true
  portal_ticks_before="$(cpu_ticks "$portal_pid")"; postgres_ticks_before="$(postgres_ticks)"
  start="$(date +%s.%N)"
  # What « Générer les convocations » does (GenerateConvocations, ConvocationJob.QueueAsync), inside the measure.
  psql_bench -c "UPDATE competitions SET convocations_requested_at = now() WHERE code = 'mesure-convocations';
    INSERT INTO convocations_due (competition_id, request_id) SELECT c.competition_id, c.request_id FROM candidacies c
    JOIN competitions k ON k.id = c.competition_id WHERE k.code = 'mesure-convocations' AND c.exam_number IS NOT NULL" >/dev/null
  while [ "$(psql_bench -c "SELECT EXISTS (SELECT 1 FROM convocations_due)")" != "f" ]; do # not a count: the measure counts PostgreSQL
    [ "$(calc "(($(date +%s.%N) - $start) > 3600 ? 1 : 0)")" = "1" ] && { echo "The convocations were not all made in an hour"; exit 1; }
    sleep 1
  done
  conv_seconds="$(fmt "$(date +%s.%N) - $start")"
  conv_portal_cpu="$(calc "($(cpu_ticks "$portal_pid") - $portal_ticks_before) / $ticks_per_second")"
  conv_postgres_cpu="$(calc "($(postgres_ticks) - $postgres_ticks_before) / $ticks_per_second")"
  conv_cpu="$(calc "$conv_portal_cpu + $conv_postgres_cpu")"
  hwm_kb="$(awk '/^VmHWM/ { print $2 }' "/proc/$portal_pid/status")"
  per_core="$(fmt "$convocations / $conv_cpu" 0)"
  pdf_kb="$(psql_bench -c "SELECT round(avg(length(pdf)) / 1024.0, 1) FROM issued_documents WHERE kind = 'Convocation'")"
  ok="$(calc "($per_core >= 500 && $hwm_kb <= 400 * 1024) ? 1 : 0")"
  row "11. Convocations: $convocations numbered candidates, the portal's job (batches of 200, PDF + document row + SMS queued each)" \
    "$conv_seconds s wall ($(fmt "$convocations / $conv_seconds" 0)/s); $(fmt "$conv_cpu") s of processor (portal $(fmt "$conv_portal_cpu") + PostgreSQL $(fmt "$conv_postgres_cpu")) = $per_core PDFs per second per core; PDF $pdf_kb KB; peak RSS $((hwm_kb / 1024)) MB. Extrapolated to 2 million: $(fmt "2000000 / $per_core / 60" 0) core-minutes, $(fmt "2000000 / $per_core / $(nproc) / 60" 0) min on these $(nproc) cores, memory unchanged (one batch at a time)" \
    "≥ 500 per s per core, ≤ 400 MB" "$(verdict "$ok")"
  # The 100 000 SMS queued would go out through Kannel in scenario 7's runs: not part of this measure.
  psql_bench -c "DELETE FROM outbox_sms WHERE delivery = 'Waiting'" >/dev/null
fi

if want 12; then
  wait_until_quiet
  echo "==> 12. Results search: $results candidates over 250 competitions, results published"
  volume="$(bench competitions "$db" results "$results")"
  big="$(psql_bench -c "SELECT id FROM competitions WHERE code = 'mesure-resultats-001'")"
  per_centre=$((results / 5 / 4))
  # Half the numbers searched are an admitted candidate's, half another's (nothing found): what candidates type.
  cat >"$out/results-number.lua" <<LUA
math.randomseed(os.time())
request = function()
  local rank = math.random(1, $per_centre)
  if math.random() < 0.5 then rank = 300 * math.random(0, math.floor(($per_centre - 8) / 300)) + 8 end
  return wrk.format("GET", string.format("/resultats/mesure-resultats-001?q=%d-%02d-%06d", $big, math.random(1, 4), rank))
end
LUA
  cat >"$out/results-name.lua" <<'LUA'
math.randomseed(os.time())
local prefixes = { "ou", "oued", "ouedraogo", "ou%C3%A9draogo%20awa", "ka", "kabore", "kabor%C3%A9%20i", "sawadogo%20s", "tr", "traore", "zo",
  "zongo%20m", "comp", "sankara", "ba", "bationo%20f", "kinda", "ouattara%20ad", "sa", "k" }
request = function()
  return wrk.format("GET", "/resultats/mesure-resultats-001?q=" .. prefixes[math.random(1, #prefixes)])
end
LUA
  # One connection: a search's own time (the goal, as the inbox's in scenario 3); 50: what the node serves, queueing included.
  for kind in number name; do
    for connections in 1 50; do
      wrk_run "$connections" "$page_seconds" "$url" "" "$out/results-$kind.lua"
      errors=""; [ "$bad" != "0" ] && errors=", $bad errors"
      label="12. Results search by $kind, \`/resultats/{code}?q=\`, $results candidates (one in 300 admitted), the largest competition ($((results / 5)) candidates), $connections connection$([ "$connections" = 1 ] || echo s), ${page_seconds} s"
      if [ "$connections" = "1" ]; then
        row "$label" "p99 $p99 ms, $rps req/s$errors" "p99 ≤ 50 ms" "$(verdict "$(calc "($p99 <= 50 && $bad == 0) ? 1 : 0")")"
      else
        row "$label" "$rps req/s, p99 $p99 ms$errors" "(throughput)" "—"
      fi
    done
  done
  # The plans of the two queries of Features/Results/PublishedResults.cs, on the seeded volume.
  {
    echo "-- seeded in $(value volume_seconds "$volume") s"
    psql_bench -c "EXPLAIN (ANALYZE, BUFFERS) SELECT c.exam_number, c.candidate_name, e.name AS centre FROM candidacies c LEFT JOIN exam_centres e ON e.id = c.centre_id
      WHERE c.exam_number = '$big-03-000308' AND c.competition_id = $big AND c.admitted"
    echo
    psql_bench -c "EXPLAIN (ANALYZE, BUFFERS) SELECT c.exam_number, c.candidate_name, e.name AS centre FROM candidacies c LEFT JOIN exam_centres e ON e.id = c.centre_id
      WHERE c.admitted AND c.name_key ~>=~ 'OU' AND c.name_key ~<~ 'OV' AND c.competition_id = $big
      ORDER BY c.name_key USING ~<~, c.exam_number LIMIT 51"
  } >"$out/results-plans.txt"
fi

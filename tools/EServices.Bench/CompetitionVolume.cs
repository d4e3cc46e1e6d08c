using System.Diagnostics;
using Npgsql;

namespace EServices.Bench;

/// <summary>The competitions' volume for scenarios 9 to 12, straight in SQL as <see cref="Seed"/> does (run after it: the
/// candidacies belong to its applicant accounts <c>bench-1…</c>). The trigger that keeps a centre's places taken is
/// switched off while the candidacies go in and the counts are written once at the end: a row trigger updating the same
/// centre row hundreds of thousands of times in one transaction would take longer than the benchmark.</summary>
public static class CompetitionVolume
{
    /// <summary>Scenarios 9 and 10: a session whose maximum is above any run's applications per account, and
    /// <paramref name="count"/> open competitions <c>mesure-0001…</c> (fee 5 000 FCFA, the two documents, two centres
    /// with a million places), so that N accounts can each apply M times, once per competition.</summary>
    public static Task<int> OpenAsync(string db, int count) => RunAsync(db, """
        WITH s AS (INSERT INTO competition_sessions (name, procedure_id, max_applications_per_candidate, created_at)
                   SELECT 'Session de mesure', id, 100000, now() FROM procedures WHERE slug = 'inscription-concours-direct' RETURNING id),
             c AS (INSERT INTO competitions (session_id, code, title, corps, job, places, minimum_diploma, minimum_age, maximum_age,
                       age_reference_date, burkinabe_only, fee_xof, opens_at, closes_at, exam_at, required_documents, created_at, updated_at)
                   SELECT s.id, 'mesure-' || lpad(i::text, 4, '0'), 'Concours de mesure ' || i, 'Secrétaires administratifs',
                          'Secrétaire administratif', 50, 'Bepc', 18, 37, date '2027-12-31', true, 5000,
                          now() - interval '1 day', now() + interval '10 days', now() + interval '60 days',
                          ARRAY['piece_cnib', 'piece_diplome'], now(), now()
                   FROM s, generate_series(1, @count) AS i RETURNING id)
        INSERT INTO exam_centres (competition_id, name, capacity, room_size, taken)
        SELECT c.id, n, 1000000, 40, 0 FROM c, unnest(ARRAY['Ouagadougou', 'Bobo-Dioulasso']) AS n;
        """, ("count", count));

    /// <summary>Scenario 11: one closed competition <c>mesure-convocations</c> with <paramref name="count"/> accepted and
    /// numbered candidacies over four centres (as « Attribuer les numéros et les places » leaves them), AGRE's request not
    /// yet recorded: the script records it when the measure starts.</summary>
    public static Task<int> NumberedAsync(string db, int count) => RunAsync(db, Competitions + """
        CREATE TEMP TABLE bench_candidates AS
        SELECT i, gen_random_uuid() AS id, 1 + i % (SELECT count(*) FROM "AspNetUsers" WHERE id LIKE 'bench-%') AS applicant,
               (SELECT id FROM competitions WHERE code = 'mesure-convocations') AS competition, 1 + i % 4 AS centre, 1 + i / 4 AS rank,
               false AS admitted
        FROM generate_series(0, @count - 1) AS i;
        """ + Candidacies, ("count", count), ("competitions", 1), ("first", 0), ("code", "mesure-convocations"), ("published", false));

    /// <summary>Scenario 12: <paramref name="count"/> numbered candidacies over 250 competitions whose results are
    /// published — one large competition (<c>mesure-resultats-001</c>, a fifth of them) and 249 of equal size —, one in
    /// 300 admitted: the 2025 session's 7 056 posts for 2.4 million applications (0.29 %).</summary>
    public static Task<int> ResultsAsync(string db, int count) => RunAsync(db, Competitions + """
        CREATE TEMP TABLE bench_competitions AS
        SELECT row_number() OVER (ORDER BY code)::int AS k, id FROM competitions WHERE code LIKE 'mesure-resultats-%';
        CREATE TEMP TABLE bench_candidates AS
        SELECT i, gen_random_uuid() AS id, 1 + i % (SELECT count(*) FROM "AspNetUsers" WHERE id LIKE 'bench-%') AS applicant,
               bc.id AS competition, 1 + m % 4 AS centre, 1 + m / 4 AS rank, (m / 4) % 300 = 7 AS admitted
        FROM (SELECT i, CASE WHEN i < @count / 5 THEN 1 ELSE 2 + (i - @count / 5) % 249 END AS k,
                        CASE WHEN i < @count / 5 THEN i ELSE (i - @count / 5) / 249 END AS m
              FROM generate_series(0, @count - 1) AS i) AS x
        JOIN bench_competitions bc ON bc.k = x.k;
        """ + Candidacies, ("count", count), ("competitions", 250), ("first", 1_000_000), ("code", "mesure-resultats"), ("published", true));

    /// <summary>The closed, numbered competitions (@competitions of them, coded @code or @code-001…), four centres each.</summary>
    private const string Competitions = """
        WITH s AS (INSERT INTO competition_sessions (name, procedure_id, max_applications_per_candidate, created_at)
                   SELECT 'Session de mesure ' || @code, id, 6, now() FROM procedures WHERE slug = 'inscription-concours-direct' RETURNING id),
             c AS (INSERT INTO competitions (session_id, code, title, corps, job, places, minimum_diploma, minimum_age, maximum_age,
                       age_reference_date, burkinabe_only, fee_xof, opens_at, closes_at, exam_at, required_documents, created_at, updated_at,
                       numbered_at, results_imported_at, results_published_at)
                   SELECT s.id, CASE WHEN @competitions = 1 THEN @code ELSE @code || '-' || lpad(i::text, 3, '0') END,
                          'Concours de mesure ' || i, 'Secrétaires administratifs', 'Secrétaire administratif', 30, 'Bepc', 18, 37,
                          date '2027-12-31', true, 5000, now() - interval '40 days', now() - interval '20 days', now() + interval '30 days',
                          ARRAY['piece_cnib', 'piece_diplome'], now(), now(), now() - interval '10 days',
                          CASE WHEN @published THEN now() - interval '2 days' END, CASE WHEN @published THEN now() - interval '1 day' END
                   FROM s, generate_series(1, @competitions) AS i RETURNING id)
        INSERT INTO exam_centres (competition_id, name, capacity, room_size, taken)
        SELECT c.id, (ARRAY['Bobo-Dioulasso', 'Koudougou', 'Ouagadougou', 'Ouahigouya'])[k], 1000000, 40, 0 FROM c, generate_series(1, 4) AS k;
        """;

    /// <summary>The accepted requests and their numbered candidacies for the rows of bench_candidates (i, id, applicant,
    /// competition, centre 1–4, rank in the centre, admitted): exam number competition-centre-rank, room and seat by 40.</summary>
    private const string Candidacies = """
        INSERT INTO requests (id, procedure_id, form_version_id, applicant_id, status, answers, completed_steps, created_at, updated_at,
            number, submitted_at, due_on, applicant_name, correction_fields, paused_working_days, decided_at, is_test)
        SELECT b.id, p.id, p.published_form_version_id, 'bench-' || b.applicant, 'Accepted',
               jsonb_build_object('nom_declare', u.last_name, 'prenoms_declares', u.first_names, 'telephone', '70 12 34 56',
                                  'numero_cnib', 'B' || (20000000 + @first + b.i)),
               4, now() - interval '30 days', now(), 'MES-2027-' || lpad((@first + b.i)::text, 7, '0'), now() - interval '30 days',
               (now() + interval '20 days')::date, u.first_names || ' ' || upper(u.last_name), '{}', 0, now() - interval '12 days', false
        FROM bench_candidates b JOIN "AspNetUsers" u ON u.id = 'bench-' || b.applicant
        CROSS JOIN (SELECT id, published_form_version_id FROM procedures WHERE slug = 'inscription-concours-direct') p;

        ALTER TABLE candidacies DISABLE TRIGGER candidacies_hold_places;
        INSERT INTO candidacies (request_id, competition_id, applicant_id, cnib, centre_id, created_at, updated_at, admitted, birth_date,
            candidate_name, name_key, exam_number, room, seat)
        SELECT b.id, b.competition, 'bench-' || b.applicant, 'B' || (20000000 + @first + b.i), e.id, now(), now(), b.admitted,
               date '1992-01-01' + (b.i % 3000), upper(u.last_name) || ' ' || u.first_names,
               translate(upper(u.last_name || ' ' || u.first_names), 'ÉÈËÏ', 'EEEI'),
               b.competition || '-' || lpad(b.centre::text, 2, '0') || '-' || lpad(b.rank::text, 6, '0'),
               (b.rank - 1) / 40 + 1, (b.rank - 1) % 40 + 1
        FROM bench_candidates b JOIN "AspNetUsers" u ON u.id = 'bench-' || b.applicant
        JOIN exam_centres e ON e.competition_id = b.competition
          AND e.name = (ARRAY['Bobo-Dioulasso', 'Koudougou', 'Ouagadougou', 'Ouahigouya'])[b.centre];
        ALTER TABLE candidacies ENABLE TRIGGER candidacies_hold_places;
        UPDATE exam_centres e SET taken = t.n FROM (SELECT centre_id, count(*)::int AS n FROM candidacies GROUP BY centre_id) t
        WHERE t.centre_id = e.id AND e.taken <> t.n;
        """;

    private static async Task<int> RunAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 3600 })
        {
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            await command.ExecuteNonQueryAsync();
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE competitions; ANALYZE exam_centres; ANALYZE candidacies; ANALYZE requests", connection) { CommandTimeout = 3600 })
        {
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"volume_seconds={watch.Elapsed.TotalSeconds:F1}");
        return 0;
    }
}

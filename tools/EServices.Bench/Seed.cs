using System.Diagnostics;
using EServices.Web.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace EServices.Bench;

/// <summary>Realistic volume in seconds, straight in SQL (generate_series), not through HTTP: applicant accounts sharing
/// one password hash computed once with the portal's hasher, and filed requests over the online e-services and every
/// state, each with its history. Runs on a database the portal has migrated and seeded (catalogue, demo staff).</summary>
public static class Seed
{
    public const string Password = "Bench-EServices-2026";

    public static string Email(int n) => $"bench-usager-{n}@bench.bf";

    public static async Task<int> RunAsync(string connectionString, int applicants, int requests)
    {
        var watch = Stopwatch.StartNew();
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser { FirstNames = "", LastName = "" }, Password);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand(Sql, connection) { CommandTimeout = 1800 })
        {
            command.Parameters.AddWithValue("hash", hash);
            command.Parameters.AddWithValue("applicants", applicants);
            command.Parameters.AddWithValue("requests", requests);
            await command.ExecuteNonQueryAsync();
        }

        // Fresh statistics, as after a night of autovacuum: the planner must see the volume.
        await using (var analyze = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 1800 })
        {
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"seed_seconds={watch.Elapsed.TotalSeconds:F1}");
        return 0;
    }

    // Requests by state (per 20): 7 filed, 5 under review, 1 waiting for the applicant, 5 accepted, 1 rejected, 1 closed.
    // Filed over the last 60 days with a due date three weeks later, so the "en retard" tab is full too.
    // Numbers continue each service's series of the current year; the counters are moved past them.
    private const string Sql = """
        INSERT INTO "AspNetUsers" (id, first_names, last_name, created_at, user_name, normalized_user_name, email, normalized_email,
            email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number, phone_number_confirmed,
            two_factor_enabled, lockout_enabled, access_failed_count)
        SELECT 'bench-' || n,
               (ARRAY['Awa','Issa','Aminata','Boukary','Mariam','Salif','Fatimata','Adama'])[1 + n % 8],
               (ARRAY['Ouédraogo','Kaboré','Traoré','Sawadogo','Zongo','Compaoré','Ouattara','Sankara','Bationo','Kinda'])[1 + n % 10],
               now() - make_interval(days => n % 700),
               'bench-usager-' || n || '@bench.bf', upper('bench-usager-' || n || '@bench.bf'),
               'bench-usager-' || n || '@bench.bf', upper('bench-usager-' || n || '@bench.bf'),
               true, @hash, upper(replace(gen_random_uuid()::text, '-', '')), gen_random_uuid()::text,
               '+226 70 ' || lpad((n % 1000000)::text, 6, '0'), false, false, true, 0
        FROM generate_series(1, @applicants) AS n;

        CREATE TEMP TABLE bench_procedures AS
        SELECT (row_number() OVER (ORDER BY p.id) - 1)::int AS k, p.id, p.published_form_version_id AS form_version_id,
               s.number_prefix AS prefix,
               (SELECT m.user_id FROM service_members m
                  JOIN "AspNetUserRoles" ur ON ur.user_id = m.user_id
                  JOIN "AspNetRoles" r ON r.id = ur.role_id AND r.name = 'agent'
                 WHERE m.service_id = p.service_id ORDER BY m.user_id LIMIT 1) AS agent_id
        FROM procedures p JOIN services s ON s.id = p.service_id
        WHERE p.published_form_version_id IS NOT NULL;

        CREATE TEMP TABLE bench_requests AS
        SELECT i, gen_random_uuid() AS id, bp.id AS procedure_id, bp.form_version_id, bp.prefix, bp.agent_id,
               1 + i % @applicants AS applicant,
               (ARRAY['Submitted','Submitted','Submitted','Submitted','Submitted','Submitted','Submitted',
                      'UnderReview','UnderReview','UnderReview','UnderReview','UnderReview','CorrectionRequested',
                      'Accepted','Accepted','Accepted','Accepted','Accepted','Rejected','ClosedWithoutFollowUp'])[1 + (i / 14) % 20] AS status,
               now() - make_interval(days => i % 60, secs => i % 86400) AS submitted_at
        FROM generate_series(0, @requests - 1) AS i
        JOIN bench_procedures bp ON bp.k = i % (SELECT count(*) FROM bench_procedures);

        INSERT INTO requests (id, procedure_id, form_version_id, applicant_id, status, answers, completed_steps, created_at, updated_at,
            number, submitted_at, due_on, applicant_name, assignee_id, correction_fields, correction_message, correction_deadline,
            paused_since, paused_working_days, decided_at, decision_reason, is_test)
        SELECT r.id, r.procedure_id, r.form_version_id, 'bench-' || r.applicant, r.status,
               jsonb_build_object('nom_declare', u.last_name, 'prenoms_declares', u.first_names, 'telephone', u.phone_number, 'centre_composition', 'kadiogo'),
               3, r.submitted_at - interval '20 minutes', r.submitted_at,
               r.prefix || '-' || extract(year FROM now())::int || '-' || lpad((row_number() OVER (PARTITION BY r.prefix ORDER BY r.i))::text, 6, '0'),
               r.submitted_at, (r.submitted_at + interval '21 days')::date, u.first_names || ' ' || upper(u.last_name),
               CASE WHEN r.status = 'Submitted' THEN NULL ELSE r.agent_id END,
               CASE WHEN r.status = 'CorrectionRequested' THEN ARRAY['telephone'] ELSE ARRAY[]::text[] END,
               CASE WHEN r.status = 'CorrectionRequested' THEN 'Merci de vérifier votre numéro de téléphone.' END,
               CASE WHEN r.status = 'CorrectionRequested' THEN (now() + interval '10 days')::date END,
               CASE WHEN r.status = 'CorrectionRequested' THEN r.submitted_at + interval '2 days' END,
               0,
               CASE WHEN r.status IN ('Accepted','Rejected','ClosedWithoutFollowUp') THEN r.submitted_at + interval '5 days' END,
               CASE WHEN r.status IN ('Rejected','ClosedWithoutFollowUp') THEN 'Dossier incomplet.' END,
               false
        FROM bench_requests r JOIN "AspNetUsers" u ON u.id = 'bench-' || r.applicant;

        -- The history a request in that state has: created, filed, taken, then the decision or the correction asked.
        INSERT INTO request_events (request_id, at, actor_id, "from", "to", comment)
        SELECT r.id, r.submitted_at - interval '20 minutes', 'bench-' || r.applicant, NULL, 'Draft', 'Brouillon créé' FROM bench_requests r
        UNION ALL
        SELECT r.id, r.submitted_at, 'bench-' || r.applicant, 'Draft', 'Submitted', 'Demande déposée' FROM bench_requests r
        UNION ALL
        SELECT r.id, r.submitted_at + interval '1 day', r.agent_id, 'Submitted', 'UnderReview', 'Prise en charge' FROM bench_requests r WHERE r.status <> 'Submitted'
        UNION ALL
        SELECT r.id, r.submitted_at + interval '2 days', r.agent_id, 'UnderReview', r.status,
               CASE r.status WHEN 'Accepted' THEN 'Demande acceptée' WHEN 'CorrectionRequested' THEN 'Merci de vérifier votre numéro de téléphone.' ELSE 'Dossier incomplet.' END
        FROM bench_requests r WHERE r.status NOT IN ('Submitted', 'UnderReview');

        INSERT INTO tracking_counters (prefix, year, last)
        SELECT prefix, extract(year FROM now())::int, count(*) FROM bench_requests GROUP BY prefix
        ON CONFLICT (prefix, year) DO UPDATE SET last = excluded.last;
        """;
}

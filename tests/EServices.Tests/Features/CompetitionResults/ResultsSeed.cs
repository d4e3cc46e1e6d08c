using System.Diagnostics;
using System.Globalization;
using EServices.Tests.Features.Competitions;
using EServices.Tests.Infrastructure;
using EServices.Tests.Payments;
using Npgsql;

namespace EServices.Tests.Features.CompetitionResults;

/// <summary>A closed competition whose candidates are numbered, written in SQL as the numbering would leave them
/// (requests, candidacies with exam number, name, name key, birth date, CNIB, centre; each candidate an account with a
/// confirmed phone), so that results tests need neither 300 applications through HTTP nor the numbering itself.</summary>
public static class ResultsSeed
{
    public sealed record Candidate(string ExamNumber, string Name, string Phone);

    public static async Task<(Competition Competition, List<Candidate> Candidates)> NumberedAsync(HostFixture host, params string[] names)
    {
        var now = host.Clock().GetUtcNow();
        var competition = await CompetitionSeed.AddAsync(host, c =>
        {
            c.OpensAt = now.AddDays(-30);
            c.ClosesAt = now.AddDays(-10);
            c.NumberedAt = now.AddDays(-5);
            c.Centres[0].Capacity = 10_000;
        });
        var prefix = "R" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant() + "-";
        var candidates = names.Select((n, i) => new Candidate(prefix + (i + 1).ToString("D4", CultureInfo.InvariantCulture), n, TestSms.NewPhone())).ToList();
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH p AS (SELECT id, published_form_version_id AS version FROM procedures WHERE slug = 'inscription-concours-direct'),
            rows AS (SELECT gen_random_uuid()::text AS user_id, gen_random_uuid() AS request_id, n.* FROM unnest(@numbers, @names, @keys, @phones) AS n(exam_number, name, key, phone)),
            users AS (
                INSERT INTO "AspNetUsers" (id, user_name, normalized_user_name, first_names, last_name, phone_number, phone_number_confirmed,
                    email_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, notices, created_at, security_stamp)
                SELECT user_id, phone, phone, 'Candidat', name, phone, true, false, false, true, 0, 2, @now, gen_random_uuid()::text FROM rows RETURNING id),
            requests AS (
                INSERT INTO requests (id, procedure_id, form_version_id, applicant_id, answers, correction_fields, status, completed_steps, is_test, paused_working_days, created_at, updated_at, submitted_at)
                SELECT r.request_id, p.id, p.version, r.user_id, '{}', '{}', 'Submitted', 4, false, 0, @now, @now, @now FROM rows r, p
                WHERE r.user_id IN (SELECT id FROM users) RETURNING id)
            INSERT INTO candidacies (request_id, competition_id, applicant_id, cnib, centre_id, created_at, updated_at, candidate_name, name_key, birth_date, exam_number, admitted)
            SELECT r.request_id, @competition, r.user_id, 'B' || substr(md5(r.exam_number), 1, 8), @centre, @now, @now, r.name, r.key, DATE '1999-04-17', r.exam_number, false
            FROM rows r WHERE r.request_id IN (SELECT id FROM requests)
            """, connection);
        command.Parameters.AddWithValue("numbers", candidates.Select(c => c.ExamNumber).ToArray());
        command.Parameters.AddWithValue("names", candidates.Select(c => c.Name).ToArray());
        command.Parameters.AddWithValue("keys", candidates.Select(c => Key(c.Name)).ToArray());
        command.Parameters.AddWithValue("phones", candidates.Select(c => FieldRules.E164(Canonical(c.Phone))).ToArray());
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("competition", competition.Id);
        command.Parameters.AddWithValue("centre", CompetitionSeed.CentreId(competition, "Ouagadougou"));
        Assert.Equal(names.Length, await command.ExecuteNonQueryAsync());
        return (competition, candidates);
    }

    /// <summary>Publishes by SQL what the admin page would have imported: these candidates admitted, the others not.</summary>
    public static async Task PublishAsync(HostFixture host, Competition competition, IEnumerable<Candidate> admitted, bool published = true)
    {
        await host.ScalarAsync("UPDATE candidacies SET admitted = exam_number = ANY(@numbers) WHERE competition_id = @id",
            ("numbers", admitted.Select(a => a.ExamNumber).ToArray()), ("id", competition.Id));
        await host.ScalarAsync($"UPDATE competitions SET results_imported_at = now(){(published ? ", results_published_at = now()" : "")} WHERE id = @id", ("id", competition.Id));
    }

    /// <summary>The key the numbering writes: capitals, no accents, no punctuation, single spaces.</summary>
    public static string Key(string name) => NameKeys.Of(name);

    /// <summary>What poppler's pdftotext reads in the PDF (a second reader besides PdfPig).</summary>
    public static async Task<string> PdfToTextAsync(byte[] pdf)
    {
        var start = new ProcessStartInfo("pdftotext", "-layout - -") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(pdf);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0 && (await errors).Length == 0, "pdftotext: " + await errors);
        return await output;
    }

    /// <summary>The value of a « dt / dd » line of a page.</summary>
    public static string? Sheet(Page page, string term) =>
        page.Html.QuerySelectorAll("dt").FirstOrDefault(dt => dt.TextContent.Trim() == term)?.NextElementSibling?.TextContent.Trim();

    private static string Canonical(string phone) => FieldRules.TryPhone(phone, out var canonical) ? canonical : throw new ArgumentException(phone);
}

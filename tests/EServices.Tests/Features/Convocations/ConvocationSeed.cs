using EServices.Tests.Features.Competitions;
using EServices.Tests.Infrastructure;
using EServices.Tests.Payments;
using EServices.Web.Competitions;
using EServices.Web.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.Convocations;

/// <summary>Numbered candidacies without the numbering pages (another feature): one application filed through HTTP, copied
/// by SQL into as many candidacies as a test needs, then given exam numbers, rooms and seats as the numbering would.</summary>
public static class ConvocationSeed
{
    public sealed record Numbered(Competition Competition, string Number, Guid RequestId, string ExamPrefix);

    /// <summary>A free competition whose <paramref name="count"/> candidacies (all of <paramref name="session"/>'s signed-in
    /// candidate: the first is the one they filed, numbered <see cref="Numbered.Number"/>) have exam numbers prefix + 00001….</summary>
    public static async Task<Numbered> AddAsync(HostFixture host, WebSession session, int count, bool requested = true)
    {
        var competition = await CompetitionSeed.AddAsync(host, c =>
        {
            c.FeeXof = 0;
            c.Centres[0].Capacity = Math.Max(100, count); // Ouagadougou
        });
        await TestUsers.SignUpAsync(session);
        var review = await CompetitionSeed.ToReviewAsync(session, competition);
        var filed = await session.SubmitAsync(review, "Déposer ma candidature", [("declaration", "oui")]);
        var number = filed.Url.Split('/')[^1];
        var requestId = (Guid)(await host.ScalarAsync("SELECT id FROM requests WHERE number = @n", ("n", number)))!;
        await host.ScalarAsync("""
            INSERT INTO requests SELECT (jsonb_populate_record(NULL::requests, to_jsonb(r) || jsonb_build_object('id', md5(r.id::text || i)::uuid, 'number', r.number || '-' || i))).*
            FROM requests r, generate_series(2, @count) i WHERE r.id = @id
            """, ("id", requestId), ("count", count));
        await host.ScalarAsync("""
            INSERT INTO candidacies SELECT (jsonb_populate_record(NULL::candidacies, to_jsonb(c) || jsonb_build_object('request_id', md5(c.request_id::text || i)::uuid, 'cnib', 'Z' || lpad(i::text, 8, '0')))).*
            FROM candidacies c, generate_series(2, @count) i WHERE c.request_id = @id
            """, ("id", requestId), ("count", count));
        var prefix = "T" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();
        await host.ScalarAsync("""
            WITH ranked AS (SELECT request_id, row_number() OVER (ORDER BY (request_id = @id) DESC, request_id) AS n FROM candidacies WHERE competition_id = @competition)
            UPDATE candidacies c SET exam_number = @prefix || lpad(r.n::text, 5, '0'), room = 1 + (r.n - 1) / 10, seat = 1 + (r.n - 1) % 10,
                candidate_name = 'OUÉDRAOGO Awa Éléonore', name_key = 'OUEDRAOGO AWA ELEONORE', birth_date = DATE '2000-01-15'
            FROM ranked r WHERE c.request_id = r.request_id
            """, ("id", requestId), ("competition", competition.Id), ("prefix", prefix));
        var now = host.Clock().GetUtcNow();
        await host.ScalarAsync(
            "UPDATE competitions SET closes_at = @now, numbered_at = @now, convocations_requested_at = @requested WHERE id = @id",
            ("now", now), ("requested", requested ? now : (object)DBNull.Value), ("id", competition.Id));
        if (requested)
        {
            await using var scope = host.Services.CreateAsyncScope();
            await ConvocationJob.QueueAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), competition.Id, CancellationToken.None);
        }

        return new(competition, number, requestId, prefix);
    }

    /// <summary>A job of its own (the hosted one of <see cref="CandidacyHost"/> looks only once a day), batches of <paramref name="batch"/>.</summary>
    public static ConvocationJob Job(HostFixture host, int batch = 200) =>
        ActivatorUtilities.CreateInstance<ConvocationJob>(host.Services,
            (IConfiguration)new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Convocations:BatchSize"] = $"{batch}" }).Build());

    /// <summary>Passes until the job finds no more work.</summary>
    public static async Task RunAsync(ConvocationJob job)
    {
        while (await job.RunOnceAsync(CancellationToken.None))
        {
        }
    }

    public static async Task<long> CountAsync(HostFixture host, string sql, Numbered seeded) =>
        (long)(await host.ScalarAsync(sql, ("competition", seeded.Competition.Id)))!;

    /// <summary>Convocations issued for the competition's candidacies (duplicates included).</summary>
    public const string Issued =
        "SELECT count(*) FROM issued_documents d JOIN candidacies c ON c.request_id = d.request_id WHERE d.kind = 'Convocation' AND c.competition_id = @competition";

    public const string Distinct =
        "SELECT count(DISTINCT d.request_id) FROM issued_documents d JOIN candidacies c ON c.request_id = d.request_id WHERE d.kind = 'Convocation' AND c.competition_id = @competition";

    /// <summary>The job's work list for the competition: the candidates still without their convocation.</summary>
    public const string StillDue = "SELECT count(*) FROM convocations_due WHERE competition_id = @competition";

    public const string SmsQueued =
        "SELECT count(*) FROM outbox_sms s JOIN candidacies c ON c.request_id = s.request_id WHERE c.competition_id = @competition AND s.text LIKE 'Convocation%'";
}

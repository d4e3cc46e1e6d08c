using EServices.Tests.Features.Competitions;
using EServices.Tests.Infrastructure;
using EServices.Tests.Payments;
using EServices.Web.Data;
using EServices.Web.Features.CompetitionClosing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EServices.Tests.Features.CompetitionClosing;

/// <summary>One application as the closing pages find it: the answers the rules and the seats read, its centre, its state.</summary>
public sealed record Applicant(string Nom, string Prenoms, string Born, string Centre, string Status = "Submitted", string Nationality = "burkinabe", string Diploma = "licence")
{
    public string Cnib { get; init; } = CompetitionSeed.NewCnib();

    /// <summary>When it was filed; by default the applications of one insert were filed a second apart, in the list's order.</summary>
    public DateTimeOffset? FiledAt { get; init; }

    /// <summary>Its tracking number; by default a random one.</summary>
    public string? Number { get; init; }
}

/// <summary>Competitions already closed and applications inserted in SQL (requests and candidacies, many in one statement),
/// as thousands of candidates would have left them.</summary>
public static class ClosingSeed
{
    /// <summary>A competition closed an hour ago, free, with these centres (name, seats per room), 1 000 places each.</summary>
    public static Task<Competition> ClosedAsync(HostFixture host, params (string Name, int RoomSize)[] centres) =>
        CompetitionSeed.AddAsync(host, c =>
        {
            var now = host.Clock().GetUtcNow();
            (c.OpensAt, c.ClosesAt, c.FeeXof) = (now.AddDays(-30), now.AddHours(-1), 0);
            c.Centres = [.. centres.Select(x => new ExamCentre { Name = x.Name, Capacity = 1000, RoomSize = x.RoomSize })];
        });

    public static Task CloseAsync(HostFixture host, Competition competition) =>
        host.ScalarAsync("UPDATE competitions SET closes_at = @at WHERE id = @id", ("at", host.Clock().GetUtcNow().AddMinutes(-1)), ("id", competition.Id));

    /// <summary>Inserts the applications in one statement, filed in the list's order unless they say when; a "Draft" with the
    /// status "AwaitingPayment" waits for its payment.</summary>
    public static async Task InsertAsync(HostFixture host, Competition competition, IReadOnlyList<Applicant> applicants)
    {
        string applicant;
        using (var scope = host.Services.CreateScope())
        {
            applicant = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        }

        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            WITH input AS MATERIALIZED (
                SELECT gen_random_uuid() AS id, t.*, t.status IN ('Draft', 'AwaitingPayment') AS draft
                FROM unnest(@nom::text[], @prenoms::text[], @born::text[], @cnib::text[], @centre::text[], @status::text[], @nationality::text[], @diploma::text[],
                            @filed::timestamptz[], @number::text[])
                     AS t(nom, prenoms, born, cnib, centre, status, nationality, diploma, filed, number)),
            filed AS (
                INSERT INTO requests (id, procedure_id, form_version_id, applicant_id, status, is_test, answers, completed_steps, created_at, updated_at,
                                      number, submitted_at, awaiting_payment_since, correction_fields, paused_working_days)
                SELECT i.id, p.id, p.published_form_version_id, @applicant, CASE WHEN i.draft THEN 'Draft' ELSE i.status END, false,
                       jsonb_build_object('nom_declare', i.nom, 'prenoms_declares', i.prenoms, 'date_naissance', i.born, 'nationalite', i.nationality,
                                          'diplome', i.diploma, 'numero_cnib', i.cnib, 'centre_composition', i.centre),
                       5, @now, @now, CASE WHEN NOT i.draft THEN coalesce(i.number, 'T-' || upper(substr(md5(i.id::text), 1, 20))) END,
                       CASE WHEN NOT i.draft THEN i.filed END, CASE WHEN i.status = 'AwaitingPayment' THEN @now END, '{}', 0
                FROM input i, procedures p WHERE p.slug = 'inscription-concours-direct'
                RETURNING id)
            INSERT INTO candidacies (request_id, competition_id, applicant_id, cnib, centre_id, created_at, updated_at)
            SELECT i.id, @competition, @applicant, i.cnib, e.id, @now, @now
            FROM input i JOIN filed f ON f.id = i.id LEFT JOIN exam_centres e ON e.competition_id = @competition AND e.name = i.centre
            """, connection);
        void Add<T>(string name, Func<Applicant, T> value) => insert.Parameters.AddWithValue(name, applicants.Select(value).ToArray());
        Add("nom", a => a.Nom);
        Add("prenoms", a => a.Prenoms);
        Add("born", a => a.Born);
        Add("cnib", a => a.Cnib);
        Add("centre", a => a.Centre);
        Add("status", a => a.Status);
        Add("nationality", a => a.Nationality);
        Add("diploma", a => a.Diploma);
        var now = host.Clock().GetUtcNow();
        insert.Parameters.AddWithValue("filed", applicants.Select((a, i) => a.FiledAt ?? now.AddSeconds(i - applicants.Count)).ToArray());
        Add("number", a => a.Number);
        insert.Parameters.AddWithValue("applicant", applicant);
        insert.Parameters.AddWithValue("competition", competition.Id);
        insert.Parameters.AddWithValue("now", now);
        Assert.Equal(applicants.Count, await insert.ExecuteNonQueryAsync());
    }

    /// <summary>A closing job of the test's own (the hosted one of <see cref="CandidacyHost"/> looks once a day).</summary>
    public static ClosingJob Job(HostFixture host) => ActivatorUtilities.CreateInstance<ClosingJob>(host.Services);

    /// <summary>Passes until the job finds nothing more to do; how many did some work.</summary>
    public static async Task<int> RunJobAsync(HostFixture host)
    {
        var passes = 0;
        while (await Job(host).RunOnceAsync(CancellationToken.None))
        {
            passes++;
        }

        return passes;
    }

    /// <summary>The number of rows <paramref name="sql"/> counts (a <c>count(*)</c>).</summary>
    public static async Task<long> CountAsync(HostFixture host, string sql, params (string Name, object Value)[] parameters) =>
        (long)(await host.ScalarAsync(sql, parameters))!;
}

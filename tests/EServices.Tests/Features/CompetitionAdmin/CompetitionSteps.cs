using System.Globalization;
using EServices.Tests.Infrastructure;
using EServices.Tests.Payments;
using EServices.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.CompetitionAdmin;

/// <summary>Sessions, competitions and centres as AGRE creates them (through the pages), and candidacies as the
/// candidates' pages would leave them (rows holding a centre's place: the trigger counts them).</summary>
public static class CompetitionSteps
{
    public static string NewCode(string prefix = "concours") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A datetime-local value, <paramref name="from"/> now (Ouagadougou keeps UTC).</summary>
    public static string Local(HostFixture host, TimeSpan from) =>
        (host.Clock().GetUtcNow() + from).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public static async Task<Page> CreateSessionAsync(WebSession session, string name)
    {
        var form = await session.ClickAsync(await session.GetAsync("/admin/concours"), "Créer une session");
        return await session.SubmitAsync(form, "Enregistrer la session", [("Name", name), ("MaxApplications", "2")]);
    }

    /// <summary>A competition's fields, open for 3 days, 4 hours and a half; <paramref name="changes"/> replace some.</summary>
    public static (string Name, string Value)[] Fields(HostFixture host, string code, params (string Name, string Value)[] changes)
    {
        (string Name, string Value)[] fields =
        [
            ("Code", code), ("Title", $"Secrétaires administratifs {code}"), ("Corps", "Secrétaires administratifs"), ("Job", "Secrétaire administratif"),
            ("Places", "150"), ("MinimumDiploma", "Baccalaureat"), ("MinimumAge", "18"), ("MaximumAge", "35"), ("AgeReferenceDate", "2027-12-31"),
            ("BurkinabeOnly", "true"), ("FeeXof", "5000"), ("OpensAt", Local(host, TimeSpan.FromHours(-1))),
            ("ClosesAt", Local(host, new TimeSpan(3, 4, 30, 0))), ("ExamAt", Local(host, TimeSpan.FromDays(60))), ("Documents", "piece_diplome"),
        ];
        return [.. fields.Where(f => !changes.Any(c => c.Name == f.Name)), .. changes];
    }

    public static async Task<Page> CreateCompetitionAsync(WebSession session, Page sessionPage, (string Name, string Value)[] fields) =>
        await session.SubmitAsync(await session.ClickAsync(sessionPage, "Ajouter un concours"), "Enregistrer le concours", fields);

    public static async Task<Page> AddCentreAsync(WebSession session, Page competitionPage, string name, int capacity) =>
        await session.SubmitAsync(await session.ClickAsync(competitionPage, "Ajouter un centre"), "Enregistrer le centre",
            [("Name", name), ("Capacity", capacity.ToString(CultureInfo.InvariantCulture)), ("RoomSize", "50")]);

    /// <summary><paramref name="count"/> candidacies that chose the centre, each on its own draft of the registration procedure.</summary>
    public static async Task TakePlacesAsync(HostFixture host, string competitionCode, string centreName, int count)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var procedure = await db.Procedures.SingleAsync(p => p.Slug == "inscription-concours-direct");
        var competition = await db.Competitions.Include(c => c.Centres).SingleAsync(c => c.Code == competitionCode);
        var centre = competition.Centres.Single(c => c.Name == centreName);
        var applicant = await db.Users.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        var now = host.Clock().GetUtcNow();
        for (var i = 0; i < count; i++)
        {
            var draft = Request.StartDraft(procedure, applicant, now);
            db.Requests.Add(draft);
            db.Candidacies.Add(new Candidacy { RequestId = draft.Id, CompetitionId = competition.Id, ApplicantId = applicant, CentreId = centre.Id, CreatedAt = now, UpdatedAt = now });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The terms and cells under <paramref name="scope"/>, one space apart, white space folded: « Places 150 ».</summary>
    public static string Cells(AngleSharp.Dom.IParentNode scope) =>
        string.Join(' ', scope.QuerySelectorAll("dt, dd, th, td").Select(e => string.Join(' ', e.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));

    public static async Task<long> AuditCountAsync(HostFixture host, string label) =>
        (long)(await host.ScalarAsync("SELECT count(*) FROM audit_entries WHERE target_label LIKE @l", ("l", $"%{label}%")))!;
}

using System.Text.RegularExpressions;
using EServices.Web.Competitions;

namespace EServices.Web.Features.Competitions;

/// <summary>A competition as the public pages show it: its conditions and where its registration stands.</summary>
public sealed record CompetitionSummary(
    string Code, string Title, string Corps, string Job, int Places, DiplomaLevel Diploma, int? MinimumAge, int? MaximumAge, DateOnly AgeReferenceDate,
    bool BurkinabeOnly, int FeeXof, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, DateTimeOffset ExamAt)
{
    /// <summary>« De 18 à 35 ans au 31/12/2027 », « Au moins 18 ans… », or null without limits.</summary>
    public string? Ages => (MinimumAge, MaximumAge) switch
    {
        ({ } min, { } max) => $"De {min} à {max} ans au {FieldRules.FormatDate(AgeReferenceDate)}",
        ({ } min, null) => $"Au moins {min} ans au {FieldRules.FormatDate(AgeReferenceDate)}",
        (null, { } max) => $"Au plus {max} ans au {FieldRules.FormatDate(AgeReferenceDate)}",
        _ => null,
    };

    public string Nationality => BurkinabeOnly ? "Nationalité burkinabè" : "Toutes nationalités";

    public string Fee => FeeXof == 0 ? "Gratuit" : $"{FieldRules.FormatAmount(FeeXof)}, payés en ligne";
}

public sealed record SessionCompetitions(string Name, IReadOnlyList<CompetitionSummary> Competitions);

public sealed record ListPage(IReadOnlyList<SessionCompetitions> Open, IReadOnlyList<SessionCompetitions> Soon, DateTimeOffset Now);

public sealed record CentreLine(string Name, int PlacesLeft);

public sealed record DetailPage(CompetitionSummary Competition, string SessionName, IReadOnlyList<string> Documents, IReadOnlyList<CentreLine> Centres, DateTimeOffset Now)
{
    public bool IsOpen => Competition.OpensAt <= Now && Now < Competition.ClosesAt;
}

/// <summary>The competitions open now and those opening soon, by session, and one competition by its code. The server's
/// clock decides what is open, as it does when a candidate applies.</summary>
public sealed partial class OpenCompetitions(AppDbContext db, TimeProvider clock)
{
    /// <summary>How far ahead « bientôt ouverts » looks.</summary>
    public static readonly TimeSpan SoonWindow = TimeSpan.FromDays(60);

    public async Task<ListPage> ListAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = now + SoonWindow;
        var rows = await db.Competitions.AsNoTracking().Where(c => c.ClosesAt > now && c.OpensAt <= horizon)
            .OrderBy(c => c.ClosesAt).ThenBy(c => c.Title)
            .Select(c => new { Session = c.Session.Name, c.SessionId, Summary = Summary(c) })
            .ToListAsync(ct);
        List<SessionCompetitions> BySession(bool open) => rows.Where(r => r.Summary.OpensAt <= now == open)
            .GroupBy(r => (r.SessionId, r.Session)).OrderBy(g => g.Key.SessionId)
            .Select(g => new SessionCompetitions(g.Key.Session, g.Select(r => r.Summary).ToList())).ToList();
        return new ListPage(BySession(open: true), BySession(open: false), now);
    }

    /// <summary>Null for an unknown code, or one no competition could have (accents, spaces, too long): the 404 page.</summary>
    public async Task<DetailPage?> DetailAsync(string code, CancellationToken ct)
    {
        if (code.Length > 80 || !CodeShape().IsMatch(code))
        {
            return null;
        }

        var found = await db.Competitions.AsNoTracking().Where(c => c.Code == code)
            .Select(c => new
            {
                Summary = Summary(c), Session = c.Session.Name, c.RequiredDocuments,
                Centres = c.Centres.OrderBy(x => x.Name).Select(x => new CentreLine(x.Name, x.Capacity - x.Taken)).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        return found is null ? null : new DetailPage(found.Summary, found.Session,
            found.RequiredDocuments.Select(k => CompetitionDocuments.All.GetValueOrDefault(k, k)).ToList(), found.Centres, clock.GetUtcNow());
    }

    /// <summary>« 3 jours et 4 heures », « 2 heures et 5 minutes », « 25 minutes »: the time left, rounded down.</summary>
    public static string Countdown(TimeSpan left)
    {
        static string Unit(int n, string one) => n == 1 ? $"1 {one}" : $"{n} {one}s";
        static string Two(int n, string one, int m, string other) => m == 0 ? Unit(n, one) : $"{Unit(n, one)} et {Unit(m, other)}";
        return left switch
        {
            { TotalDays: >= 1 } => Two((int)left.TotalDays, "jour", left.Hours, "heure"),
            { TotalHours: >= 1 } => Two(left.Hours, "heure", left.Minutes, "minute"),
            { TotalMinutes: >= 1 } => Unit(left.Minutes, "minute"),
            _ => "moins d'une minute",
        };
    }

    /// <summary>The Ouagadougou date-time of <paramref name="at"/>, as the pages print it.</summary>
    public static string Format(DateTimeOffset at) => OuagadougouTime.Format(at);

    private static CompetitionSummary Summary(Competition c) => new(
        c.Code, c.Title, c.Corps, c.Job, c.Places, c.MinimumDiploma, c.MinimumAge, c.MaximumAge, c.AgeReferenceDate, c.BurkinabeOnly, c.FeeXof, c.OpensAt, c.ClosesAt, c.ExamAt);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeShape();
}

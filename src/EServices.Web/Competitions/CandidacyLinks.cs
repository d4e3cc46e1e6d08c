namespace EServices.Web.Competitions;

/// <summary>Where a candidate's application is filled: a draft that has a candidacy is a request of the generic
/// registration procedure, but its steps, centre, eligibility and fee are the competition pages' (/candidatures/…); the
/// generic pages send it there instead of letting it be filed past those checks.</summary>
public sealed class CandidacyLinks(AppDbContext db)
{
    /// <summary>The public list of the competitions open to applications.</summary>
    public const string OpenCompetitions = "/concours";

    /// <summary>The application's pages: this address leads to the step to fill next.</summary>
    public static string Resume(Guid requestId) => $"/candidatures/{requestId}";

    /// <summary>The competition pages' address for this request; null when it is not an application to a competition.</summary>
    public async Task<string?> ResumeAsync(Guid requestId, CancellationToken ct) =>
        await db.Candidacies.AnyAsync(c => c.RequestId == requestId, ct) ? Resume(requestId) : null;

    /// <summary>Where a filed application is changed while its competition is open.</summary>
    public static string Amend(Guid requestId) => $"/candidatures/{requestId}/modifier";

    /// <summary>Whether applications to this procedure go through the list of competitions: it is a session's registration
    /// procedure (even once every competition closed: its generic form would skip their checks, and is never filed).</summary>
    public Task<bool> ThroughCompetitionsAsync(string procedureSlug, CancellationToken ct) =>
        db.CompetitionSessions.AnyAsync(s => s.Procedure.Slug == procedureSlug, ct);
}
